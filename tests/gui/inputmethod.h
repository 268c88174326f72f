// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QApplication>
#include <QInputMethodEvent>
#include <QWidget>

namespace mts::test {

/// Types `text` into `widget` as a Vietnamese input method (Unikey, ibus-bamboo) does: the word composed in a
/// preedit, then committed. QTest::keyClicks cannot type beyond Latin-1.
inline void typeVietnamese(QWidget *widget, const QString &text)
{
    widget->setFocus(Qt::OtherFocusReason);
    QInputMethodEvent preedit(text, {});
    QApplication::sendEvent(widget, &preedit);
    QInputMethodEvent commit;
    commit.setCommitString(text);
    QApplication::sendEvent(widget, &commit);
}

} // namespace mts::test
