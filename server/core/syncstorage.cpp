// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/syncstorage.h"

namespace mts {

HlcStamp StoredRecord::maxStamp() const
{
    HlcStamp highest;
    for (auto it = stamps.constBegin(); it != stamps.constEnd(); ++it) {
        const auto stamp = HlcStamp::parse(it.value().toString());
        if (stamp && (!highest.isValid() || *stamp > highest))
            highest = *stamp;
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
