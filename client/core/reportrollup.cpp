// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportrollup.h"

#include "shared/recordschema.h"

#include <QHash>

#include <algorithm>

namespace mts {

namespace {

ReportRollup::Standing standingOf(const QJsonObject &fields)
{
    const QString status = fields.value(QLatin1String("status")).toString();
    if (status == QLatin1String("accepted"))
        return ReportRollup::Standing::Accepted;
    if (status == QLatin1String("submitted"))
        return ReportRollup::Standing::Submitted;
    if (status == QLatin1String("returned"))
        return ReportRollup::Standing::Returned;
    return ReportRollup::Standing::Draft;
}

} // namespace

int ReportRollup::sentCount() const
{
    return int(std::count_if(lines.cbegin(), lines.cend(), [](const Line &line) { return line.isSent(); }));
}

QList<ReportRollup::Line> ReportRollup::unsent() const
{
    QList<Line> found;
    for (const Line &line : lines) {
        if (!line.isSent())
            found.append(line);
    }
    return found;
}

ReportRollup ReportRollup::of(
    const QList<UnitInfo> &units, const QString &province, const QList<ReplicaStore::ListRow> &reports)
{
    ReportRollup rollup;
    QHash<QString, qsizetype> lineOf;
    QList<UnitInfo> communes;
    for (const UnitInfo &unit : units) {
        if (unit.kind == QLatin1String("commune") && unit.parent == province)
            communes.append(unit);
    }
    std::sort(communes.begin(), communes.end(), [](const UnitInfo &a, const UnitInfo &b) { return a.code < b.code; });
    for (const UnitInfo &commune : std::as_const(communes)) {
        lineOf.insert(commune.code, rollup.lines.size());
        rollup.lines.append({ commune.code, commune.name, Standing::Missing, {}, {} });
    }

    for (const ReplicaStore::ListRow &row : reports) {
        if (row.deleted)
            continue;
        const auto found = lineOf.constFind(row.scope);
        if (found == lineOf.cend())
            continue; // another province's commune, or one the unit list does not know
        Line &line = rollup.lines[*found];
        const Standing standing = standingOf(row.fields);
        if (line.standing == Standing::Missing || int(standing) > int(line.standing)) {
            line.standing = standing;
            line.reportId = row.id;
            line.fields = row.fields;
        }
    }

    const RecordKind *kind = RecordSchema::registry().kind(QStringLiteral("report"));
    for (const RecordField &field : kind->fields) {
        if (field.type != FieldType::Integer)
            continue;
        qint64 total = 0;
        for (const Line &line : std::as_const(rollup.lines)) {
            if (line.isSent())
                total += qint64(line.fields.value(field.name).toDouble());
        }
        rollup.totals.insert(field.name, double(total));
    }
    return rollup;
}

Result<ReportRollup, ReplicaStore::Error> ReportRollup::read(
    ReplicaStore &store, const QString &province, const QString &periodType, const QString &period)
{
    auto units = store.units();
    if (!units)
        return units.error();
    ReplicaStore::ListQuery query;
    query.kind = QStringLiteral("report");
    query.filters.insert(QStringLiteral("period_type"), periodType);
    query.filters.insert(QStringLiteral("period"), period);
    auto keys = store.listKeys(query);
    if (!keys)
        return keys.error();
    auto rows = store.listRows(keys.value());
    if (!rows)
        return rows.error();
    return of(units.value(), province, rows.value());
}

} // namespace mts
