// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/jsonreader.h"

#include "shared/utf8.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

namespace mts {

namespace {

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// The four hex digits at `hex` (checked by the reader already) as a UTF-16 code unit.
char16_t hexUnit(const char *hex)
{
    return char16_t((hexDigit(hex[0]) << 12) | (hexDigit(hex[1]) << 8) | (hexDigit(hex[2]) << 4) | hexDigit(hex[3]));
}

} // namespace

QString JsonReader::unescape(QByteArrayView raw)
{
    QString text;
    text.reserve(raw.size());
    qsizetype clean = 0;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\\')
            continue;
        text.append(QString::fromUtf8(raw.sliced(clean, i - clean)));
        const char kind = raw[++i];
        switch (kind) {
        case 'b':
            text.append(QLatin1Char('\b'));
            break;
        case 'f':
            text.append(QLatin1Char('\f'));
            break;
        case 'n':
            text.append(QLatin1Char('\n'));
            break;
        case 'r':
            text.append(QLatin1Char('\r'));
            break;
        case 't':
            text.append(QLatin1Char('\t'));
            break;
        case 'u':
            text.append(QChar(hexUnit(raw.data() + i + 1)));
            i += 4;
            break;
        default: // " \ /
            text.append(QLatin1Char(kind));
        }
        clean = i + 1;
    }
    text.append(QString::fromUtf8(raw.sliced(clean)));
    return text;
}

JsonReader::JsonReader(QByteArrayView json)
    : m_json(json)
{
}

void JsonReader::skipSpace()
{
    while (m_at < m_json.size()) {
        const char c = m_json[m_at];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            return;
        ++m_at;
    }
}

bool JsonReader::fail()
{
    m_failed = true;
    return false;
}

JsonReader::Type JsonReader::peek()
{
    if (m_failed)
        return Type::Invalid;
    skipSpace();
    if (m_at >= m_json.size())
        return Type::Invalid;
    switch (m_json[m_at]) {
    case '{':
        return Type::Object;
    case '[':
        return Type::Array;
    case '"':
        return Type::String;
    case 't':
    case 'f':
        return Type::Bool;
    case 'n':
        return Type::Null;
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
        return Type::Number;
    default:
        return Type::Invalid;
    }
}

bool JsonReader::beginObject()
{
    if (peek() != Type::Object)
        return fail();
    ++m_at;
    m_first = true;
    return true;
}

std::optional<QByteArrayView> JsonReader::nextKey()
{
    if (m_failed)
        return std::nullopt;
    skipSpace();
    if (m_at >= m_json.size())
        return fail(), std::nullopt;
    const char c = m_json[m_at];
    if (c == '}') {
        ++m_at;
        m_first = false;
        return std::nullopt;
    }
    if (!std::exchange(m_first, false)) {
        if (c != ',')
            return fail(), std::nullopt;
        ++m_at;
        skipSpace();
    }
    if (m_at >= m_json.size() || m_json[m_at] != '"')
        return fail(), std::nullopt;
    bool escaped = false;
    const auto raw = rawString(&escaped);
    if (!raw)
        return std::nullopt;
    skipSpace();
    if (m_at >= m_json.size() || m_json[m_at] != ':')
        return fail(), std::nullopt;
    ++m_at;
    if (!escaped)
        return *raw;
    m_key = unescape(*raw).toUtf8();
    return QByteArrayView(m_key);
}

bool JsonReader::beginArray()
{
    if (peek() != Type::Array)
        return fail();
    ++m_at;
    m_first = true;
    return true;
}

bool JsonReader::nextElement()
{
    if (m_failed)
        return false;
    skipSpace();
    if (m_at >= m_json.size())
        return fail();
    const char c = m_json[m_at];
    if (c == ']') {
        ++m_at;
        m_first = false;
        return false;
    }
    if (std::exchange(m_first, false))
        return true;
    if (c != ',')
        return fail();
    ++m_at;
    return true;
}

std::optional<QByteArrayView> JsonReader::rawString(bool *escaped)
{
    const auto *bytes = reinterpret_cast<const uchar *>(m_json.data());
    const qsizetype size = m_json.size();
    const qsizetype start = ++m_at;
    while (m_at < size) {
        const uchar c = bytes[m_at];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            ++m_at;
            continue;
        }
        if (c == '"') {
            ++m_at;
            return m_json.sliced(start, m_at - 1 - start);
        }
        if (c == '\\') {
            if (m_at + 1 >= size)
                break;
            const char kind = char(bytes[m_at + 1]);
            if (kind == 'u') {
                if (m_at + 5 >= size)
                    break;
                for (int i = 2; i < 6; ++i) {
                    if (hexDigit(char(bytes[m_at + i])) < 0)
                        return fail(), std::nullopt;
                }
                m_at += 6;
            } else if (kind == '"' || kind == '\\' || kind == '/' || kind == 'b' || kind == 'f' || kind == 'n'
                || kind == 'r' || kind == 't') {
                m_at += 2;
            } else {
                break;
            }
            *escaped = true;
            continue;
        }
        if (c < 0x20)
            break;
        char32_t codePoint = 0;
        const int length = utf8::decodeMultiByte(bytes + m_at, size - m_at, &codePoint);
        if (length == 0)
            break;
        m_at += length;
    }
    return fail(), std::nullopt;
}

std::optional<QString> JsonReader::string()
{
    if (peek() != Type::String)
        return fail(), std::nullopt;
    bool escaped = false;
    const auto raw = rawString(&escaped);
    if (!raw)
        return std::nullopt;
    return escaped ? unescape(*raw) : QString::fromUtf8(*raw);
}

bool JsonReader::number()
{
    const qsizetype size = m_json.size();
    const qsizetype start = m_at;
    const auto digit = [&] { return m_at < size && m_json[m_at] >= '0' && m_json[m_at] <= '9'; };
    if (m_at < size && m_json[m_at] == '-')
        ++m_at;
    if (!digit())
        return fail();
    if (m_json[m_at] == '0') {
        ++m_at;
    } else {
        while (digit())
            ++m_at;
    }
    if (m_at < size && m_json[m_at] == '.') {
        ++m_at;
        if (!digit())
            return fail();
        while (digit())
            ++m_at;
    }
    if (m_at < size && (m_json[m_at] == 'e' || m_json[m_at] == 'E')) {
        ++m_at;
        if (m_at < size && (m_json[m_at] == '+' || m_json[m_at] == '-'))
            ++m_at;
        if (!digit())
            return fail();
        while (digit())
            ++m_at;
        // A number no double can hold (1e400) is refused, as QJsonDocument refuses it.
        const std::string text(m_json.data() + start, size_t(m_at - start));
        if (!std::isfinite(std::strtod(text.c_str(), nullptr)))
            return fail();
    }
    return true;
}

std::optional<qint64> JsonReader::integer()
{
    if (peek() != Type::Number)
        return fail(), std::nullopt;
    const qsizetype start = m_at;
    if (!number())
        return std::nullopt;
    const QByteArrayView text = m_json.sliced(start, m_at - start);
    const bool negative = text.front() == '-';
    // Magnitudes are gathered as unsigned so that the most negative 64-bit number reads too.
    const quint64 limit
        = negative ? quint64(std::numeric_limits<qint64>::max()) + 1 : quint64(std::numeric_limits<qint64>::max());
    quint64 magnitude = 0;
    for (qsizetype i = negative ? 1 : 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c < '0' || c > '9')
            return fail(), std::nullopt; // a fraction or an exponent
        const quint64 digit = quint64(c - '0');
        if (magnitude > (limit - digit) / 10)
            return fail(), std::nullopt;
        magnitude = magnitude * 10 + digit;
    }
    return negative ? qint64(0 - magnitude) : qint64(magnitude);
}

bool JsonReader::literal(QByteArrayView word)
{
    if (m_json.sliced(m_at).startsWith(word)) {
        m_at += word.size();
        return true;
    }
    return fail();
}

std::optional<bool> JsonReader::boolean()
{
    if (peek() != Type::Bool)
        return fail(), std::nullopt;
    if (m_json[m_at] == 't')
        return literal("true") ? std::optional<bool>(true) : std::nullopt;
    return literal("false") ? std::optional<bool>(false) : std::nullopt;
}

bool JsonReader::null()
{
    if (peek() != Type::Null)
        return fail();
    return literal("null");
}

bool JsonReader::skipValue(int depth)
{
    if (depth > maxDepth)
        return fail();
    switch (peek()) {
    case Type::Object:
        beginObject();
        while (nextKey()) {
            if (!skipValue(depth + 1))
                return false;
        }
        return !m_failed;
    case Type::Array:
        beginArray();
        while (nextElement()) {
            if (!skipValue(depth + 1))
                return false;
        }
        return !m_failed;
    case Type::String: {
        bool escaped = false;
        return rawString(&escaped).has_value();
    }
    case Type::Number:
        return number();
    case Type::Bool:
        return boolean().has_value();
    case Type::Null:
        return null();
    case Type::Invalid:
        break;
    }
    return fail();
}

QByteArrayView JsonReader::skip()
{
    if (peek() == Type::Invalid)
        return fail(), QByteArrayView();
    const qsizetype start = m_at;
    if (!skipValue(1))
        return {};
    return m_json.sliced(start, m_at - start);
}

bool JsonReader::atEnd()
{
    if (m_failed)
        return false;
    skipSpace();
    return m_at == m_json.size();
}

} // namespace mts
