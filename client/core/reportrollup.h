// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/replicastore.h"
#include "shared/unitinfo.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace mts {

/// What a province sees of its communes' periodic reports for one period (notes/domain.md §8.4): every commune of
/// the province with where its report stands, which communes have not sent one, and the province's figures: each
/// figure of the report (its Integer fields) added up over the reports sent (submitted or accepted). A draft or a
/// returned report is not sent: the commune still owes it.
class ReportRollup {
public:
    /// Where a commune's report of the period stands.
    enum class Standing {
        Missing, ///< No report of the period.
        Draft, ///< Drafted, not submitted.
        Returned, ///< Returned by the province, to be corrected and submitted again.
        Submitted, ///< Waiting for the province.
        Accepted, ///< Accepted by the province.
    };
    /// One commune.
    struct Line {
        /// Its scope (`C:00070`) and name.
        QString unit;
        QString name;
        Standing standing = Standing::Missing;
        /// The report's id and fields; empty when Missing.
        QString reportId;
        QJsonObject fields;

        bool isSent() const { return standing == Standing::Submitted || standing == Standing::Accepted; }
    };

    /// The communes of the province, in the order of their codes. A report of a commune the unit list does not
    /// name below the province is left out: the list comes from the server and is read again every day.
    QList<Line> lines;
    /// Each figure added up over the reports sent.
    QJsonObject totals;

    /// How many communes have sent the report.
    int sentCount() const;
    /// The communes that have not (Missing, Draft, Returned), in order.
    QList<Line> unsent() const;

    /// The roll-up of the communes below `province` (`P:01`) in `units` (ReplicaStore::units()) from `reports`: the
    /// rows of the `report` records of one period (any scope; those of other provinces are left out). Two reports
    /// of one commune for the period (made offline on two PCs) count once: the one furthest along.
    static ReportRollup of(
        const QList<UnitInfo> &units, const QString &province, const QList<ReplicaStore::ListRow> &reports);
    /// The same, reading the reports of the period (`periodType` "monthly" or "weekly", `period` "2026-11") and the
    /// unit list from `store`.
    static Result<ReportRollup, ReplicaStore::Error> read(
        ReplicaStore &store, const QString &province, const QString &periodType, const QString &period);
};

} // namespace mts
