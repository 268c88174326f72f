// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/canonicaljson.h"

#include "shared/jsonwriter.h"

#include <QCborValue>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <cmath>
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
