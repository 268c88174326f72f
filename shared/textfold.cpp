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

QString foldForSearchReference(QStringView text)
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

namespace {

// The fast path: Vietnamese text (and most other Latin text) lies in U+0000–U+036F and U+1E00–U+1EFF, where
// the fold works one UTF-16 unit at a time. The table is computed once from foldForSearchReference() itself, so
// the two cannot disagree; any unit outside it, or whose fold is not one unit, sends the whole text to the
// reference. Normalising whole strings was most of the cost of indexing a pulled record.
constexpr char16_t foldOther = 0; // not one unit: use the reference
constexpr char16_t foldDrop = 0xFFFF; // a combining mark: nothing
constexpr char16_t foldSpace = 0xFFFE; // white space: collapsed and trimmed

struct FoldTable {
    static constexpr char16_t latinEnd = 0x0370;
    static constexpr char16_t extendedBegin = 0x1E00;
    static constexpr char16_t extendedEnd = 0x1F00;
    char16_t latin[latinEnd];
    char16_t extended[extendedEnd - extendedBegin];

    FoldTable()
    {
        for (char16_t u = 0; u < latinEnd; ++u)
            latin[u] = entry(u);
        for (char16_t u = extendedBegin; u < extendedEnd; ++u)
            extended[u - extendedBegin] = entry(u);
    }

    static char16_t entry(char16_t u)
    {
        if (QChar(u).isSpace())
            return foldSpace;
        const QString folded = foldForSearchReference(QStringView(&u, 1));
        if (folded.isEmpty())
            return isStrippedMark(u) ? foldDrop : foldOther;
        if (folded.size() != 1 || folded.at(0).unicode() == foldDrop || folded.at(0).unicode() == foldSpace
            || folded.at(0).unicode() == foldOther)
            return foldOther;
        return folded.at(0).unicode();
    }

    char16_t fold(char16_t u) const
    {
        if (u < latinEnd)
            return latin[u];
        if (u >= extendedBegin && u < extendedEnd)
            return extended[u - extendedBegin];
        return foldOther;
    }
};

} // namespace

QString foldForSearch(QStringView text)
{
    static const FoldTable table;
    QString folded(text.size(), Qt::Uninitialized);
    char16_t *out = reinterpret_cast<char16_t *>(folded.data());
    qsizetype size = 0;
    bool space = false;
    for (const QChar c : text) {
        const char16_t u = table.fold(c.unicode());
        if (u == foldOther)
            return foldForSearchReference(text);
        if (u == foldDrop)
            continue;
        if (u == foldSpace) {
            space = size > 0;
            continue;
        }
        if (space) {
            out[size++] = u' ';
            space = false;
        }
        out[size++] = u;
    }
    folded.truncate(size);
    return folded;
}

QString normalizeText(QStringView text)
{
    return text.toString().normalized(QString::NormalizationForm_C).trimmed();
}

} // namespace mts
