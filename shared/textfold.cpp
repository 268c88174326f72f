// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "textfold.h"

namespace mts {

namespace {

bool isStrippedMark(char16_t c)
{
    return c >= 0x0300 && c <= 0x036F;
}

/// đ has no decomposition, so NFD leaves it (and its capital and the Icelandic look-alike eth, often typed
/// for Đ by legacy input methods and fonts) untouched; map them explicitly.
bool isD(char16_t c)
{
    return c == 0x0111 || c == 0x0110 || c == 0x00D0 || c == 0x00F0;
}

} // namespace

QString foldForSearch(QStringView text)
{
    const QString decomposed = text.toString().normalized(QString::NormalizationForm_D);
    QString stripped;
    stripped.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        const char16_t u = c.unicode();
        if (isStrippedMark(u))
            continue;
        stripped.append(isD(u) ? QLatin1Char('d') : c);
    }
    // Lower case after stripping, so every letter is a base letter; simplified() collapses Unicode white space
    // (including no-break spaces from pasted text).
    return stripped.toLower().simplified().normalized(QString::NormalizationForm_C);
}

QString normalizeText(QStringView text)
{
    return text.toString().normalized(QString::NormalizationForm_C).trimmed();
}

} // namespace mts
