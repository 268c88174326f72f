// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/canonicaljson.h"

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

void appendString(QByteArray &out, const QString &text)
{
    static constexpr char hex[] = "0123456789abcdef";
    const QByteArray utf8 = text.normalized(QString::NormalizationForm_C).toUtf8();
    out.append('"');
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        switch (u) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default:
            if (u < 0x20) {
                out.append("\\u00");
                out.append(hex[u >> 4]);
                out.append(hex[u & 0xf]);
            } else {
                out.append(c);
            }
        }
    }
    out.append('"');
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
        appendString(out, value.toString());
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
        std::vector<std::pair<QString, QJsonValue>> members;
        members.reserve(size_t(object.size()));
        for (auto it = object.begin(); it != object.end(); ++it)
            members.emplace_back(it.key().normalized(QString::NormalizationForm_C), it.value());
        std::sort(members.begin(), members.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        out.append('{');
        for (size_t i = 0; i < members.size(); ++i) {
            if (i > 0) {
                // Two spellings of one key would make the encoding depend on which one wins.
                if (members[i].first == members[i - 1].first)
                    return false;
                out.append(',');
            }
            appendString(out, members[i].first);
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
    if (!append(out, value))
        return {};
    return out;
}

} // namespace mts
