// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;

namespace mts {

/// The page of an application module that this version does not contain yet: its title, what it will
/// hold, and a plain statement that it is not available, so no cadre looks for a feature that is not there.
class ModulePage : public QWidget {
    Q_OBJECT
public:
    ModulePage(const QString &title, const QString &description, QWidget *parent = nullptr);

    QString title() const;
    QString description() const;

private:
    QLabel *m_title;
    QLabel *m_description;
};

} // namespace mts
