// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/jsonwriter.h"

#include <QCborValue>
#include <QJsonArray>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace mts {

JsonWriter::JsonWriter(qsizetype reserve)
{
    m_out.reserve(reserve);
}

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_empty.isEmpty()) {
        if (!m_empty.last())
            m_out.append(',');
        m_empty.last() = false;
    }
}

JsonWriter &JsonWriter::open(char bracket)
{
    separate();
    m_out.append(bracket);
    m_empty.append(true);
    return *this;
}

JsonWriter &JsonWriter::close(char bracket)
{
    m_out.append(bracket);
    m_empty.removeLast();
    return *this;
}

JsonWriter &JsonWriter::key(const char *ascii)
{
    separate();
    m_out.append('"');
    m_out.append(ascii);
    m_out.append("\":");
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::key(QStringView name)
{
    separate();
    appendString(m_out, name);
    m_out.append(':');
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::value(QStringView text)
{
    separate();
    appendString(m_out, text);
    return *this;
}

JsonWriter &JsonWriter::value(qint64 number)
{
    separate();
    m_out.append(QByteArray::number(number));
    return *this;
}

JsonWriter &JsonWriter::value(bool flag)
{
    separate();
    m_out.append(flag ? "true" : "false");
    return *this;
}

JsonWriter &JsonWriter::value(const QJsonValue &json)
{
    switch (json.type()) {
    case QJsonValue::Object: {
        beginObject();
        const QJsonObject object = json.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            key(it.key()).value(it.value());
        return endObject();
    }
    case QJsonValue::Array: {
        beginArray();
        for (const QJsonValue element : json.toArray())
            value(element);
        return endArray();
    }
    case QJsonValue::String:
        return value(QStringView(json.toString()));
    case QJsonValue::Bool:
        return value(json.toBool());
    case QJsonValue::Double: {
        // QJsonValue keeps integers as qint64; QCborValue is the public way to tell them from doubles.
        const QCborValue number = QCborValue::fromJsonValue(json);
        if (number.isInteger())
            return value(qint64(number.toInteger()));
        const double d = json.toDouble();
        if (!std::isfinite(d))
            return raw("null");
        if (std::trunc(d) == d && std::fabs(d) <= 9007199254740992.0)
            return value(qint64(d));
        return raw(QByteArray::number(d, 'g', QLocale::FloatingPointShortest));
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return raw("null");
    }
    return raw("null");
}

JsonWriter &JsonWriter::raw(QByteArrayView json)
{
    separate();
    m_out.append(json);
    return *this;
}

QByteArray JsonWriter::take()
{
    m_empty.clear();
    m_afterKey = false;
    return std::exchange(m_out, {});
}

void JsonWriter::appendString(QByteArray &out, QStringView text, LoneSurrogate lone)
{
    static constexpr char hex[] = "0123456789abcdef";
    // At most 6 bytes per code unit (\u00xx), plus the quotes.
    const qsizetype start = out.size();
    const qsizetype most = start + 6 * text.size() + 2;
    // QByteArray::resize() allocates exactly what it is asked for: grow by doubling, or a long document is copied
    // over and over.
    if (most > out.capacity())
        out.reserve(std::max(most, 2 * out.capacity()));
    out.resize(most);
    char *p = out.data() + start;
    *p++ = '"';
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char32_t u = text[i].unicode();
        if (u < 0x80) {
            char escape = 0;
            switch (u) {
            case '"':
                escape = '"';
                break;
            case '\\':
                escape = '\\';
                break;
            case '\b':
                escape = 'b';
                break;
            case '\f':
                escape = 'f';
                break;
            case '\n':
                escape = 'n';
                break;
            case '\r':
                escape = 'r';
                break;
            case '\t':
                escape = 't';
                break;
            default:
                break;
            }
            if (escape) {
                *p++ = '\\';
                *p++ = escape;
            } else if (u < 0x20) {
                *p++ = '\\';
                *p++ = 'u';
                *p++ = '0';
                *p++ = '0';
                *p++ = hex[u >> 4];
                *p++ = hex[u & 0xf];
            } else {
                *p++ = char(u);
            }
        } else if (u < 0x800) {
            *p++ = char(0xC0 | (u >> 6));
            *p++ = char(0x80 | (u & 0x3F));
        } else if (QChar::isHighSurrogate(u) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            const char32_t code = QChar::surrogateToUcs4(char16_t(u), text[++i].unicode());
            *p++ = char(0xF0 | (code >> 18));
            *p++ = char(0x80 | ((code >> 12) & 0x3F));
            *p++ = char(0x80 | ((code >> 6) & 0x3F));
            *p++ = char(0x80 | (code & 0x3F));
        } else if (QChar::isSurrogate(u) && lone == LoneSurrogate::Escape) {
            *p++ = '\\';
            *p++ = 'u';
            for (const int shift : { 12, 8, 4, 0 })
                *p++ = hex[(u >> shift) & 0xf];
        } else if (QChar::isSurrogate(u)) {
            const QByteArray replaced = text.sliced(i, 1).toUtf8();
            std::memcpy(p, replaced.constData(), size_t(replaced.size()));
            p += replaced.size();
        } else {
            *p++ = char(0xE0 | (u >> 12));
            *p++ = char(0x80 | ((u >> 6) & 0x3F));
            *p++ = char(0x80 | (u & 0x3F));
        }
    }
    *p++ = '"';
    out.truncate(p - out.constData());
}

} // namespace mts
