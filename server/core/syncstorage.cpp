// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/syncstorage.h"

namespace mts {

HlcStamp StoredRecord::maxStamp() const
{
    // Valid stamps order as their strings do (HlcStamp::toString()): find the highest string among the valid
    // ones, parse only that one. Most stamps of a record are equal (a create stamps every field alike).
    QString highestText;
    HlcStamp highest;
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
    sync::RecordChange change;
    change.bucket = bucket;
    change.seq = version;
    change.id = id;
    change.kind = kind;
    change.scope = scope;
    change.fields = fields;
    change.deleted = deleted;
    change.hlc = maxStamp();
    return change;
}

} // namespace mts
