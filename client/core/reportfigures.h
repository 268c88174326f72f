// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/error.h"

#include <QDate>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace mts {

class ReplicaStore;

/// The figures of a commune's periodic report (notes/domain.md §8.4), computed from its registries in the replica
/// when the report is drafted or recomputed, as the schema-4 `report` fields:
/// - as they stand: `persons`, `residential_areas`, `organizations`, `org_members` (the organisations' member
///   counts added up), `committee_members` (memberships without an end date), `cadres` (of those, the full-time
///   cadres), `households_poor`, `households_near_poor`, `households_escaped` (by poverty status);
/// - within the period: `fund_receipts_vnd` and `fund_payments_vnd` (Fund for the Poor transactions dated in it),
///   `houses_new` and `houses_repaired` (solidarity houses handed over in it).
class ReportFigures {
public:
    enum class Error {
        BadPeriod, ///< The period is not one of its type.
        Replica, ///< The replica cannot be read; the message has its words.
    };

    /// The days of period `period` of type `periodType`: "weekly" "2026-W48" (ISO week, Monday to Sunday) or
    /// "monthly" "2026-11"; std::nullopt for anything else.
    static std::optional<std::pair<QDate, QDate>> range(const QString &periodType, const QString &period);
    /// The period of type `periodType` that contains `day` ("2026-W48", "2026-11").
    static QString periodOf(const QString &periodType, const QDate &day);

    /// The figures of `scope` for the period, as report fields.
    static Result<QJsonObject, Error> compute(
        ReplicaStore &store, const QString &scope, const QString &periodType, const QString &period);
};

} // namespace mts
