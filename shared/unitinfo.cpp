// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "unitinfo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mts {

QByteArray UnitInfo::listToJson(const QList<UnitInfo> &units)
{
    QJsonArray list;
    for (const UnitInfo &unit : units) {
        QJsonObject entry { { QStringLiteral("code"), unit.code }, { QStringLiteral("name"), unit.name },
            { QStringLiteral("kind"), unit.kind } };
        if (!unit.parent.isEmpty())
            entry.insert(QStringLiteral("parent"), unit.parent);
        list.append(entry);
    }
    return QJsonDocument(QJsonObject { { QStringLiteral("units"), list } }).toJson(QJsonDocument::Compact);
}

std::optional<QList<UnitInfo>> UnitInfo::listFromJson(const QByteArray &json)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonValue list = document.object().value(QLatin1String("units"));
    if (!list.isArray())
        return std::nullopt;
    QList<UnitInfo> units;
    units.reserve(list.toArray().size());
    for (const QJsonValue &value : list.toArray()) {
        const QJsonObject entry = value.toObject();
        const QJsonValue code = entry.value(QLatin1String("code"));
        const QJsonValue name = entry.value(QLatin1String("name"));
        const QJsonValue kind = entry.value(QLatin1String("kind"));
        const QJsonValue parent = entry.value(QLatin1String("parent"));
        if (!code.isString() || code.toString().isEmpty() || !name.isString() || !kind.isString()
            || !(parent.isString() || parent.isUndefined() || parent.isNull()))
            return std::nullopt;
        units.append({ code.toString(), name.toString(), kind.toString(), parent.toString() });
    }
    return units;
}

} // namespace mts
