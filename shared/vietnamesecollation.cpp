// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "vietnamesecollation.h"

#include <QString>
#include <QVarLengthArray>

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <string_view>

namespace mts {

namespace {

// The bytes of the key, as the header documents them. They are stored: never renumber.
constexpr uchar partSeparator = 0x00;
constexpr uchar levelSeparator = 0x01;
constexpr uchar wordSeparatorWeight = 0x02;
constexpr uchar firstDigitWeight = 0x10;
constexpr uchar firstLetterWeight = 0x20;
constexpr uchar otherCharacterLead = 0xF0;
constexpr uchar commonWeight = 0x02; // secondary: no mark; tertiary: lower case or no case
constexpr uchar upperCaseWeight = 0x03;
constexpr uchar firstOtherMarkWeight = 0x10;

constexpr std::u16string_view alphabet = u"aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";
static_assert(alphabet.size() == 33);
static_assert(firstLetterWeight + alphabet.size() - 1 < otherCharacterLead);

constexpr uchar letterWeight(char16_t letter)
{
    return uchar(firstLetterWeight + alphabet.find(letter));
}

constexpr std::array<uchar, 26> asciiLetterWeights = [] {
    std::array<uchar, 26> weights {};
    for (char16_t c = u'a'; c <= u'z'; ++c)
        weights[c - u'a'] = letterWeight(c);
    return weights;
}();

constexpr uchar aBreveWeight = letterWeight(u'ă');
constexpr uchar aCircumflexWeight = letterWeight(u'â');
constexpr uchar dStrokeWeight = letterWeight(u'đ');
constexpr uchar eCircumflexWeight = letterWeight(u'ê');
constexpr uchar oCircumflexWeight = letterWeight(u'ô');
constexpr uchar oHornWeight = letterWeight(u'ơ');
constexpr uchar uHornWeight = letterWeight(u'ư');

// A letter with its vowel mark is a letter of its own at the primary level; the mark is not a secondary one.
constexpr uchar breve = 0x06; // marks are kept as offsets from U+0300
constexpr uchar circumflex = 0x02;
constexpr uchar horn = 0x1B;

constexpr uchar markWeight(uchar mark)
{
    switch (mark) {
    case 0x00: // huyền
        return 0x03;
    case 0x09: // hỏi
        return 0x04;
    case 0x03: // ngã
        return 0x05;
    case 0x01: // sắc
        return 0x06;
    case 0x23: // nặng
        return 0x07;
    default:
        return uchar(firstOtherMarkWeight + mark);
    }
}

bool isMark(char32_t c)
{
    // U+034F COMBINING GRAPHEME JOINER is the one character of the block with canonical combining class 0:
    // it is invisible and ignored instead.
    return c >= 0x0300 && c <= 0x036F && c != 0x034F;
}

bool isIgnorable(char32_t c)
{
    return c == 0x00AD || c == 0x034F || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2060 && c <= 0x206F) || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF;
}

// A fixed list rather than Unicode general categories, which Unicode has changed for existing characters (§ and
// ¶ became punctuation in 6.1) and which differ between the Unicode versions of Qt builds.
bool isSeparator(char32_t c)
{
    constexpr std::u16string_view asciiPunctuation = u"!\"#%&'()*,-./:;?@[\\]_{}";
    if (c < 0x80)
        return c <= 0x20 || c == 0x7F || asciiPunctuation.find(char16_t(c)) != std::u16string_view::npos;
    if (c <= 0xA0) // C1 controls, next line, no-break space
        return true;
    switch (c) {
    case 0x00A1: // ¡
    case 0x00A7: // §
    case 0x00AB: // «
    case 0x00B6: // ¶
    case 0x00B7: // ·
    case 0x00BB: // »
    case 0x00BF: // ¿
    case 0x1680: // ogham space mark
        return true;
    default:
        break;
    }
    // General Punctuation (its format characters are ignorable and tested first), ideographic space, comma,
    // full stop and ditto mark.
    return (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x3003);
}

/// Builds the key of one text from its characters in NFD, or in any order of the combining marks after each base
/// character: the marks after a base are taken as a set (sorted by weight), so the key is the same for every
/// canonically equivalent text without the canonical reordering of NFD.
class KeyWriter {
public:
    void add(char32_t c)
    {
        if (c < 0x80) {
            if (c >= u'a' && c <= u'z')
                return start(Element::Letter, c, false);
            if (c >= u'A' && c <= u'Z')
                return start(Element::Letter, c + (u'a' - u'A'), true);
            if (c >= u'0' && c <= u'9')
                return start(Element::Digit, c, false);
        } else if (isMark(c)) {
            // A mark with no base before it (at the start, after a separator) is shown on a dotted circle.
            if (m_element == Element::None) {
                m_element = Element::Marks;
                m_upper = false;
            }
            m_marks.append(uchar(c - 0x0300));
            return;
        }
        switch (c) {
        case 0x0111: // đ
        case 0x00F0: // ð, the look-alike
            return start(Element::Letter, u'đ', false);
        case 0x0110: // Đ
        case 0x00D0: // Ð, the look-alike
            return start(Element::Letter, u'đ', true);
        default:
            break;
        }
        if (isIgnorable(c))
            return;
        if (isSeparator(c)) {
            flush();
            m_separatorPending = m_started;
            return;
        }
        start(Element::Other, c, false);
    }

    /// Appends the key to `key`.
    void appendTo(QByteArray &key)
    {
        flush();
        while (!m_secondary.isEmpty() && m_secondary.last() == commonWeight)
            m_secondary.removeLast();
        while (!m_tertiary.isEmpty() && m_tertiary.last() == commonWeight)
            m_tertiary.removeLast();
        qsizetype size = m_primary.size();
        if (!m_tertiary.isEmpty())
            size += 2 + m_secondary.size() + m_tertiary.size();
        else if (!m_secondary.isEmpty())
            size += 1 + m_secondary.size();
        const qsizetype start = key.size();
        key.resize(start + size);
        uchar *out = reinterpret_cast<uchar *>(key.data()) + start;
        out = std::copy(m_primary.cbegin(), m_primary.cend(), out);
        if (m_secondary.isEmpty() && m_tertiary.isEmpty())
            return;
        *out++ = levelSeparator;
        out = std::copy(m_secondary.cbegin(), m_secondary.cend(), out);
        if (m_tertiary.isEmpty())
            return;
        *out++ = levelSeparator;
        std::copy(m_tertiary.cbegin(), m_tertiary.cend(), out);
    }

private:
    enum class Element : uchar { None, Letter, Digit, Other, Marks };

    void start(Element element, char32_t base, bool upper)
    {
        flush();
        m_element = element;
        m_base = base;
        m_upper = upper;
    }

    void flush()
    {
        if (m_element == Element::None)
            return;
        if (m_separatorPending) {
            m_primary.append(wordSeparatorWeight);
            m_secondary.append(commonWeight);
            m_tertiary.append(commonWeight);
            m_separatorPending = false;
        }
        switch (m_element) {
        case Element::None:
            break;
        case Element::Letter:
            m_primary.append(takeLetterWeight());
            break;
        case Element::Digit:
            m_primary.append(uchar(firstDigitWeight + (m_base - u'0')));
            break;
        case Element::Other:
            appendCodePoint(m_base);
            break;
        case Element::Marks:
            appendCodePoint(0x25CC); // dotted circle
            break;
        }
        if (m_marks.isEmpty()) {
            m_secondary.append(commonWeight);
        } else {
            for (uchar &mark : m_marks)
                mark = markWeight(mark);
            std::sort(m_marks.begin(), m_marks.end());
            m_secondary.append(m_marks.constData(), m_marks.size());
            m_marks.clear();
        }
        m_tertiary.append(m_upper ? upperCaseWeight : commonWeight);
        m_element = Element::None;
        m_started = true;
    }

    /// The primary weight of the current letter, taking from the marks the vowel mark that makes it ă, â, ê, ô,
    /// ơ or ư (horn before circumflex before breve, should a letter carry two).
    uchar takeLetterWeight()
    {
        switch (m_base) {
        case u'a':
            if (takeMark(circumflex))
                return aCircumflexWeight;
            if (takeMark(breve))
                return aBreveWeight;
            break;
        case u'e':
            if (takeMark(circumflex))
                return eCircumflexWeight;
            break;
        case u'o':
            if (takeMark(horn))
                return oHornWeight;
            if (takeMark(circumflex))
                return oCircumflexWeight;
            break;
        case u'u':
            if (takeMark(horn))
                return uHornWeight;
            break;
        case u'đ':
            return dStrokeWeight;
        default:
            break;
        }
        return asciiLetterWeights[m_base - u'a'];
    }

    bool takeMark(uchar mark)
    {
        const auto found = std::find(m_marks.begin(), m_marks.end(), mark);
        if (found == m_marks.end())
            return false;
        m_marks.erase(found);
        return true;
    }

    void appendCodePoint(char32_t c)
    {
        const uchar bytes[] = { otherCharacterLead, uchar(0x80 | ((c >> 14) & 0x7F)), uchar(0x80 | ((c >> 7) & 0x7F)),
            uchar(0x80 | (c & 0x7F)) };
        m_primary.append(bytes, sizeof bytes);
    }

    QVarLengthArray<uchar, 64> m_primary;
    QVarLengthArray<uchar, 64> m_secondary;
    QVarLengthArray<uchar, 64> m_tertiary;
    QVarLengthArray<uchar, 8> m_marks; // offsets from U+0300 until flush()
    char32_t m_base = 0;
    Element m_element = Element::None;
    bool m_upper = false;
    bool m_started = false;
    bool m_separatorPending = false;
};

void appendReferenceKey(QByteArray &key, QStringView text)
{
    const QString decomposed = text.toString().normalized(QString::NormalizationForm_D);
    KeyWriter writer;
    const qsizetype size = decomposed.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t unit = decomposed.at(i).unicode();
        if (QChar::isHighSurrogate(unit) && i + 1 < size && decomposed.at(i + 1).isLowSurrogate())
            writer.add(QChar::surrogateToUcs4(unit, decomposed.at(++i).unicode()));
        else
            writer.add(unit); // a lone surrogate counts as the code point it would be
    }
    writer.appendTo(key);
}

// The fast path: Vietnamese text lies in U+0000–U+036F and U+1E00–U+1EFF, where each UTF-16 unit is decomposed
// from a table instead of normalising the whole string (most of the cost of the reference). Each entry is the
// unit's full canonical decomposition, so the units given to KeyWriter are the NFD of the text up to the order of
// marks, which KeyWriter ignores. The entries are computed from Qt's NFD, but the key still cannot change with
// the Qt or Unicode version: every character of these ranges is assigned, and Unicode never changes the
// decomposition of an assigned character. Any other unit sends the whole text to the reference.
struct DecompositionTable {
    static constexpr char16_t latinEnd = 0x0370;
    static constexpr char16_t extendedBegin = 0x1E00;
    static constexpr char16_t extendedEnd = 0x1F00;

    struct Entry {
        char16_t units[3];
        quint8 size; // 0: not in the table
    };
    Entry latin[latinEnd];
    Entry extended[extendedEnd - extendedBegin];

    DecompositionTable()
    {
        for (char16_t u = 0; u < latinEnd; ++u)
            latin[u] = entry(u);
        for (char16_t u = extendedBegin; u < extendedEnd; ++u)
            extended[u - extendedBegin] = entry(u);
    }

    static bool inRange(char16_t u) { return u < latinEnd || (u >= extendedBegin && u < extendedEnd); }

    static Entry entry(char16_t u)
    {
        const QString decomposed = QString(QChar(u)).normalized(QString::NormalizationForm_D);
        Entry result {};
        if (decomposed.size() > qsizetype(std::size(result.units)))
            return Entry {};
        for (const QChar c : decomposed) {
            if (!inRange(c.unicode()))
                return Entry {};
            result.units[result.size++] = c.unicode();
        }
        return result;
    }

    const Entry *find(char16_t u) const
    {
        const Entry *found = nullptr;
        if (u < latinEnd)
            found = &latin[u];
        else if (u >= extendedBegin && u < extendedEnd)
            found = &extended[u - extendedBegin];
        return found && found->size ? found : nullptr;
    }
};

void appendKey(QByteArray &key, QStringView text)
{
    static const DecompositionTable table;
    KeyWriter writer;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x80) {
            writer.add(u);
            continue;
        }
        const DecompositionTable::Entry *entry = table.find(u);
        if (!entry)
            return appendReferenceKey(key, text);
        for (int i = 0; i < entry->size; ++i)
            writer.add(entry->units[i]);
    }
    writer.appendTo(key);
}

} // namespace

QByteArray vietnameseSortKey(QStringView text)
{
    QByteArray key;
    appendKey(key, text);
    return key;
}

QByteArray vietnameseSortKey(std::initializer_list<QStringView> parts)
{
    QByteArray key;
    for (const QStringView part : parts) {
        appendKey(key, part);
        key.append(char(partSeparator));
    }
    return key;
}

QByteArray vietnameseSortKeyReference(QStringView text)
{
    QByteArray key;
    appendReferenceKey(key, text);
    return key;
}

int vietnameseCompare(QStringView a, QStringView b)
{
    const QByteArray keyA = vietnameseSortKey(a);
    const QByteArray keyB = vietnameseSortKey(b);
    const qsizetype common = std::min(keyA.size(), keyB.size());
    const int order = common > 0 ? std::memcmp(keyA.constData(), keyB.constData(), size_t(common)) : 0;
    if (order != 0)
        return order < 0 ? -1 : 1;
    return keyA.size() < keyB.size() ? -1 : keyA.size() > keyB.size() ? 1 : 0;
}

} // namespace mts
