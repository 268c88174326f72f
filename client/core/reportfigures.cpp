// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportfigures.h"

#include "client/core/replicastore.h"

#include <QRegularExpression>

namespace mts {

std::optional<std::pair<QDate, QDate>> ReportFigures::range(const QString &periodType, const QString &period)
{
    if (periodType == QLatin1String("monthly")) {
        static const QRegularExpression month(QStringLiteral("^(\\d{4})-(\\d{2})$"));
        const auto match = month.match(period);
        const QDate first = match.hasMatch() ? QDate(match.captured(1).toInt(), match.captured(2).toInt(), 1) : QDate();
        if (!first.isValid())
            return std::nullopt;
        return std::pair { first, first.addMonths(1).addDays(-1) };
    }
    if (periodType == QLatin1String("weekly")) {
        static const QRegularExpression week(QStringLiteral("^(\\d{4})-W(\\d{2})$"));
        const auto match = week.match(period);
        if (!match.hasMatch())
            return std::nullopt;
        const int year = match.captured(1).toInt();
        const int number = match.captured(2).toInt();
        // ISO 8601: week 1 is the week with the year's first Thursday (the one holding 4 January).
        const QDate fourth(year, 1, 4);
        const QDate monday = fourth.addDays(1 - fourth.dayOfWeek()).addDays(7 * (number - 1));
        int isoYear = 0;
        if (number < 1 || monday.weekNumber(&isoYear) != number || isoYear != year)
            return std::nullopt;
        return std::pair { monday, monday.addDays(6) };
    }
    return std::nullopt;
}

QString ReportFigures::periodOf(const QString &periodType, const QDate &day)
{
    if (periodType == QLatin1String("weekly")) {
        int year = 0;
        const int week = day.weekNumber(&year);
        return QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0'));
    }
    return day.toString(QStringLiteral("yyyy-MM"));
}

Result<QJsonObject, ReportFigures::Error> ReportFigures::compute(
    ReplicaStore &store, const QString &scope, const QString &periodType, const QString &period)
{
    const auto days = range(periodType, period);
    if (!days)
        return mts::Error<Error> { Error::BadPeriod, QStringLiteral("Not a period: %1 %2.").arg(periodType, period) };
    struct Figure {
        const char *name;
        ReplicaStore::TotalQuery query;
    };
    const auto query = [&scope](const char *kind) {
        ReplicaStore::TotalQuery q;
        q.kind = QString::fromLatin1(kind);
        q.scope = scope;
        return q;
    };
    const auto withValue = [](ReplicaStore::TotalQuery q, const char *field, const char *value) {
        q.equals.insert(QString::fromLatin1(field), QString::fromLatin1(value));
        return q;
    };
    const auto summing = [](ReplicaStore::TotalQuery q, const char *field) {
        q.sumField = QString::fromLatin1(field);
        return q;
    };
    const auto dated = [&days](ReplicaStore::TotalQuery q, const char *field) {
        q.dateField = QString::fromLatin1(field);
        q.from = days->first;
        q.to = days->second;
        return q;
    };
    const auto current = [](ReplicaStore::TotalQuery q) {
        q.empty.append(QStringLiteral("to"));
        return q;
    };
    const QList<Figure> figures {
        { "persons", query("person") },
        { "residential_areas", query("residential_area") },
        { "organizations", query("organization") },
        { "org_members", summing(query("organization"), "member_count") },
        { "committee_members", current(query("membership")) },
        { "cadres", current(withValue(query("membership"), "position", "can_bo_chuyen_trach")) },
        { "households_poor", withValue(query("household"), "poverty_status", "poor") },
        { "households_near_poor", withValue(query("household"), "poverty_status", "near_poor") },
        { "households_escaped", withValue(query("household"), "poverty_status", "escaped") },
        { "fund_receipts_vnd",
            dated(summing(withValue(query("fund_transaction"), "direction", "thu"), "amount_vnd"), "date") },
        { "fund_payments_vnd",
            dated(summing(withValue(query("fund_transaction"), "direction", "chi"), "amount_vnd"), "date") },
        { "houses_new", dated(withValue(query("solidarity_house"), "build_type", "xay_moi"), "handover_date") },
        { "houses_repaired", dated(withValue(query("solidarity_house"), "build_type", "sua_chua"), "handover_date") },
    };
    QJsonObject fields;
    for (const Figure &figure : figures) {
        const auto value = store.total(figure.query);
        if (!value)
            return mts::Error<Error> { Error::Replica, value.error().message };
        fields.insert(QString::fromLatin1(figure.name), double(value.value()));
    }
    return fields;
}

} // namespace mts
