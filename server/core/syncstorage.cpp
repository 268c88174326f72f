// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/syncstorage.h"

#include "shared/canonicaljson.h"

#include <QJsonDocument>

namespace mts {

namespace {

const QString baseKey = QStringLiteral("*");

} // namespace

QByteArray storedJson(const QJsonObject &object)
{
    QByteArray bytes = CanonicalJson::encode(object);
    return bytes.isEmpty() ? QJsonDocument(object).toJson(QJsonDocument::Compact) : bytes;
}

QByteArray StoredRecord::storedFields() const
{
    return canonicalFields.isEmpty() ? storedJson(fields) : canonicalFields;
}

HlcStamp StoredRecord::stampOf(const QString &field) const
{
    if (const auto it = stamps.constFind(field); it != stamps.constEnd())
        return HlcStamp::parse(it->toString()).value_or(HlcStamp {});
    if (baseStamp.isEmpty() || (field != QStringView(deletedKey) && !fields.contains(field)))
        return {};
    return HlcStamp::parse(baseStamp).value_or(HlcStamp {});
}

QJsonObject StoredRecord::storedStamps() const
{
    if (baseStamp.isEmpty())
        return stamps;
    QJsonObject stored = stamps;
    stored.insert(baseKey, baseStamp);
    return stored;
}

void StoredRecord::setStoredStamps(QJsonObject stored)
{
    baseStamp = stored.take(baseKey).toString();
    stamps = std::move(stored);
}

HlcStamp StoredRecord::maxStamp() const
{
    // Valid stamps order as their strings do (HlcStamp::toString()): find the highest string among the valid
    // ones, parse only that one. Most stamps of a record are equal (a create stamps every field alike).
    QString highestText;
    HlcStamp highest;
    // Every stamp that replaced the base stamp is at least as high, unless it stamps a field that came later.
    if (const auto base = HlcStamp::parse(baseStamp)) {
        highest = *base;
        highestText = baseStamp;
    }
    for (auto it = stamps.constBegin(); it != stamps.constEnd(); ++it) {
        const QString text = it.value().toString();
        if (text == highestText || (highest.isValid() && text < highestText))
            continue;
        if (const auto stamp = HlcStamp::parse(text)) {
            highest = *stamp;
            highestText = text;
        }
    }
    return highest;
}

sync::RecordChange StoredRecord::toChange() const
{
    sync::RecordChange change = toChange(QByteArray());
    change.fieldsJson.clear();
    change.fields = fields;
    return change;
}

sync::RecordChange StoredRecord::toChange(const QByteArray &storedFields) const
{
    sync::RecordChange change;
    change.bucket = bucket;
    change.seq = version;
    change.id = id;
    change.kind = kind;
    change.scope = scope;
    const QByteArray trimmed = storedFields.trimmed();
    change.fieldsJson = trimmed.startsWith('{') && trimmed.endsWith('}') ? trimmed : QByteArrayLiteral("{}");
    change.deleted = deleted;
    change.hlc = maxStamp();
    return change;
}

} // namespace mts
