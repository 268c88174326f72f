// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/canonicaljson.h"

#include <QCborValue>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>
#include <vector>

namespace mts {

namespace {

// Beyond 2^53 a double no longer holds every integer, so writing it as an integer would claim a precision it lacks.
constexpr double maxExactInteger = 9007199254740992.0;

// Whether `text` is in NFC as it stands, told without normalising: every code unit is below U+0300 (Latin-1, Latin
// Extended-A and -B, IPA; none of them changes under NFC or combines with what precedes it) or a precomposed letter
// of Latin Extended Additional (U+1E00–U+1EFF, which holds every Vietnamese letter with two marks). Combining marks
// (U+0300 and up) and everything else take the full normalisation.
bool isStableNfc(QStringView text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u >= 0x300 && (u < 0x1E00 || u > 0x1EFF))
            return false;
    }
    return true;
}

// Appends `text`, already in NFC, as a JSON string in UTF-8, written straight from UTF-16.
void appendNormalisedString(QByteArray &out, QStringView text)
{
    static constexpr char hex[] = "0123456789abcdef";
    // At most 6 bytes per code unit (\u00xx), plus the quotes.
    const qsizetype start = out.size();
    out.resize(start + 6 * text.size() + 2);
    char *p = out.data() + start;
    *p++ = '"';
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char32_t u = text[i].unicode();
        if (u < 0x80) {
            switch (u) {
            case '"':
                *p++ = '\\';
                *p++ = '"';
                break;
            case '\\':
                *p++ = '\\';
                *p++ = '\\';
                break;
            case '\b':
                *p++ = '\\';
                *p++ = 'b';
                break;
            case '\f':
                *p++ = '\\';
                *p++ = 'f';
                break;
            case '\n':
                *p++ = '\\';
                *p++ = 'n';
                break;
            case '\r':
                *p++ = '\\';
                *p++ = 'r';
                break;
            case '\t':
                *p++ = '\\';
                *p++ = 't';
                break;
            default:
                if (u < 0x20) {
                    *p++ = '\\';
                    *p++ = 'u';
                    *p++ = '0';
                    *p++ = '0';
                    *p++ = hex[u >> 4];
                    *p++ = hex[u & 0xf];
                } else {
                    *p++ = char(u);
                }
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
        } else if (QChar::isSurrogate(u)) {
            // A lone surrogate: what QString::toUtf8() makes of it.
            const QByteArray replaced = text.sliced(i, 1).toUtf8();
            memcpy(p, replaced.constData(), size_t(replaced.size()));
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

void appendText(QByteArray &out, const QString &text)
{
    if (isStableNfc(text))
        appendNormalisedString(out, text);
    else
        appendNormalisedString(out, text.normalized(QString::NormalizationForm_C));
}

bool appendNumber(QByteArray &out, const QJsonValue &value)
{
    // QJsonValue keeps integers as qint64; QCborValue is the only public way to tell them from doubles.
    const QCborValue cbor = QCborValue::fromJsonValue(value);
    if (cbor.isInteger()) {
        out.append(QByteArray::number(cbor.toInteger()));
        return true;
    }
    const double d = value.toDouble();
    if (!std::isfinite(d))
        return false;
    if (std::trunc(d) == d && std::fabs(d) <= maxExactInteger) {
        out.append(QByteArray::number(qint64(d)));
        return true;
    }
    out.append(QByteArray::number(d, 'g', QLocale::FloatingPointShortest));
    return true;
}

bool append(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        out.append("null");
        return true;
    case QJsonValue::Bool:
        out.append(value.toBool() ? "true" : "false");
        return true;
    case QJsonValue::Double:
        return appendNumber(out, value);
    case QJsonValue::String:
        appendText(out, value.toString());
        return true;
    case QJsonValue::Array: {
        out.append('[');
        bool first = true;
        for (const QJsonValue element : value.toArray()) {
            if (!std::exchange(first, false))
                out.append(',');
            if (!append(out, element))
                return false;
        }
        out.append(']');
        return true;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        // Keys come out of a QJsonObject sorted already; only keys that NFC changes can upset the order.
        std::vector<std::pair<QString, QJsonValue>> members;
        members.reserve(size_t(object.size()));
        bool sorted = true;
        for (auto it = object.begin(); it != object.end(); ++it) {
            QString key = it.key();
            if (!isStableNfc(key))
                key = key.normalized(QString::NormalizationForm_C);
            if (!members.empty() && !(members.back().first < key))
                sorted = false;
            members.emplace_back(std::move(key), it.value());
        }
        if (!sorted)
            std::sort(members.begin(), members.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        out.append('{');
        for (size_t i = 0; i < members.size(); ++i) {
            if (i > 0) {
                // Two spellings of one key would make the encoding depend on which one wins.
                if (members[i].first == members[i - 1].first)
                    return false;
                out.append(',');
            }
            appendNormalisedString(out, members[i].first);
            out.append(':');
            if (!append(out, members[i].second))
                return false;
        }
        out.append('}');
        return true;
    }
    case QJsonValue::Undefined:
        return false;
    }
    return false;
}

} // namespace

QByteArray CanonicalJson::encode(const QJsonValue &value)
{
    QByteArray out;
    out.reserve(256);
    if (!append(out, value))
        return {};
    return out;
}

void CanonicalJson::appendString(QByteArray &out, const QString &text)
{
    appendText(out, text);
}

} // namespace mts
