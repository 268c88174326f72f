// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/canonicaljson.h"

#include "shared/jsonwriter.h"
#include "shared/utf8.h"

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

void appendText(QByteArray &out, const QString &text)
{
    constexpr auto replace = JsonWriter::LoneSurrogate::Replace;
    if (isStableNfc(text))
        JsonWriter::appendString(out, text, replace);
    else
        JsonWriter::appendString(out, text.normalized(QString::NormalizationForm_C), replace);
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
            JsonWriter::appendString(out, members[i].first, JsonWriter::LoneSurrogate::Replace);
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

// The end of the canonical string value starting at `at` (a quote), just past its closing quote; 0 if the string is
// not exactly as appendText() writes it or holds a character isStableNfc() does not take as it is.
qsizetype canonicalStringEnd(const uchar *bytes, qsizetype size, qsizetype at)
{
    static constexpr char hex[] = "0123456789abcdef";
    for (++at; at < size;) {
        const uchar c = bytes[at];
        if (c == '"')
            return at + 1;
        if (c >= 0x20 && c < 0x80 && c != '\\') {
            ++at;
            continue;
        }
        if (c == '\\') {
            if (at + 1 >= size)
                return 0;
            const uchar kind = bytes[at + 1];
            if (kind == '"' || kind == '\\' || kind == 'b' || kind == 'f' || kind == 'n' || kind == 'r'
                || kind == 't') {
                at += 2;
                continue;
            }
            // \u00xx only for the control characters that have no short escape, in lower-case hex.
            if (kind != 'u' || at + 5 >= size || bytes[at + 2] != '0' || bytes[at + 3] != '0')
                return 0;
            const uchar high = bytes[at + 4];
            const uchar low = bytes[at + 5];
            if ((high != '0' && high != '1') || !std::memchr(hex, low, 16))
                return 0;
            const int code = (high - '0') * 16 + (low <= '9' ? low - '0' : low - 'a' + 10);
            if (code == '\b' || code == '\f' || code == '\n' || code == '\r' || code == '\t')
                return 0;
            at += 6;
            continue;
        }
        if (c < 0x20)
            return 0;
        char32_t codePoint = 0;
        const int length = utf8::decodeMultiByte(bytes + at, size - at, &codePoint);
        if (length == 0 || (codePoint >= 0x300 && (codePoint < 0x1E00 || codePoint > 0x1EFF)))
            return 0;
        at += length;
    }
    return 0;
}

// The end of the canonical integer starting at `at`: no sign but `-`, no leading zero, no `-0`, at most 2^53.
qsizetype canonicalIntegerEnd(const uchar *bytes, qsizetype size, qsizetype at)
{
    const bool negative = bytes[at] == '-';
    if (negative)
        ++at;
    const qsizetype digits = at;
    quint64 magnitude = 0;
    while (at < size && bytes[at] >= '0' && bytes[at] <= '9') {
        if (at - digits >= 16)
            return 0;
        magnitude = magnitude * 10 + (bytes[at] - '0');
        ++at;
    }
    if (at == digits || (bytes[digits] == '0' && (at - digits > 1 || negative)))
        return 0;
    if (magnitude > quint64(maxExactInteger))
        return 0;
    return at;
}

} // namespace

bool CanonicalJson::splitFlatObject(QByteArrayView json, Members *members)
{
    members->clear();
    const auto *bytes = reinterpret_cast<const uchar *>(json.data());
    const qsizetype size = json.size();
    if (size < 2 || bytes[0] != '{' || bytes[size - 1] != '}')
        return false;
    if (size == 2)
        return true;
    qsizetype at = 1;
    QByteArrayView previous;
    for (;;) {
        // "name": printable ASCII, nothing to escape, after the previous name.
        if (bytes[at] != '"')
            return false;
        const qsizetype keyStart = ++at;
        while (at < size && bytes[at] >= 0x20 && bytes[at] < 0x7F && bytes[at] != '"' && bytes[at] != '\\')
            ++at;
        if (at + 1 >= size || bytes[at] != '"' || bytes[at + 1] != ':')
            return false;
        const QByteArrayView key = json.sliced(keyStart, at - keyStart);
        if (!members->isEmpty() && !(previous < key))
            return false;
        previous = key;
        at += 2;
        if (at >= size)
            return false;

        const qsizetype valueStart = at;
        switch (bytes[at]) {
        case '"':
            at = canonicalStringEnd(bytes, size, at);
            break;
        case 't':
            at = json.sliced(at).startsWith("true") ? at + 4 : 0;
            break;
        case 'f':
            at = json.sliced(at).startsWith("false") ? at + 5 : 0;
            break;
        case 'n':
            at = json.sliced(at).startsWith("null") ? at + 4 : 0;
            break;
        default:
            at = (bytes[at] == '-' || (bytes[at] >= '0' && bytes[at] <= '9')) ? canonicalIntegerEnd(bytes, size, at)
                                                                              : 0;
        }
        if (at == 0 || at >= size)
            return false;
        members->append(Member { key, json.sliced(valueStart, at - valueStart) });
        if (bytes[at] == '}')
            return at == size - 1;
        if (bytes[at] != ',')
            return false;
        ++at;
    }
}

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
