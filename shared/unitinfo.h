// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace mts {

/// An administrative unit as the server lists it for the account (`GET /api/v1/units`): the account's own unit
/// and every unit below it — for provincial staff their province and its communes, for a commune its residential
/// areas. The server writes the list with listToJson(); the client's replica keeps it (ReplicaStore::units()) so
/// that it is there offline.
struct UnitInfo {
    /// As records write their scope: `P:01`, `C:00070`. A residential area is no scope and keeps its own code
    /// (`00070-TDP01`, what a record's `area_code` holds).
    QString code;
    QString name;
    /// `province`, `commune` or `area`.
    QString kind;
    /// The code of the unit above, written as `code` is; empty for a province.
    QString parent;

    bool operator==(const UnitInfo &) const = default;

    /// `{"units": [{"code", "name", "kind", "parent"}]}`: the server's answer, and how the replica stores the list.
    static QByteArray listToJson(const QList<UnitInfo> &units);
    /// Reads listToJson()'s form; unknown keys are ignored. std::nullopt when it is not such a list or an entry
    /// lacks its code, name or kind.
    static std::optional<QList<UnitInfo>> listFromJson(const QByteArray &json);
};

} // namespace mts
