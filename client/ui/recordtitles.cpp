// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordtitles.h"

#include "client/core/replicastore.h"
#include "client/ui/fieldlabels.h"
#include "shared/recordschema.h"

#include <QDate>
#include <QStringList>

namespace mts {

namespace {

QString text(const QJsonObject &fields, const char *name)
{
    return fields.value(QLatin1String(name)).toString().trimmed();
}

QString joined(const QStringList &parts, QLatin1String separator)
{
    QStringList kept;
    for (const QString &part : parts) {
        if (!part.isEmpty())
            kept.append(part);
    }
    return kept.join(separator);
}

} // namespace

RecordTitles::RecordTitles(ReplicaStore *store)
    : m_store(store)
{
}

QString RecordTitles::title(const QString &kind, const QJsonObject &fields)
{
    if (kind == QLatin1String("person"))
        return joined(
            { text(fields, "surname"), text(fields, "middle_name"), text(fields, "given_name") }, QLatin1String(" "));
    if (kind == QLatin1String("household"))
        return text(fields, "head_name");
    const RecordKind *recordKind = RecordSchema::registry().kind(kind);
    const RecordField *name = recordKind ? recordKind->nameField() : nullptr;
    return name ? fields.value(name->name).toString().trimmed() : QString();
}

QString RecordTitles::detail(const QString &kind, const QJsonObject &fields)
{
    if (kind == QLatin1String("person")) {
        QString year;
        const QDate born = QDate::fromString(text(fields, "birth_date"), Qt::ISODate);
        if (born.isValid())
            year = QString::number(born.year());
        else if (fields.value(QLatin1String("birth_year")).isDouble())
            year = QString::number(qint64(fields.value(QLatin1String("birth_year")).toDouble()));
        return joined(
            { year.isEmpty() ? QString() : tr("born %1").arg(year), text(fields, "address") }, QLatin1String(", "));
    }
    if (kind == QLatin1String("household"))
        return text(fields, "address");
    const char *typeField = kind == QLatin1String("organization") ? "org_type"
        : kind == QLatin1String("residential_area")               ? "area_type"
                                                                  : nullptr;
    if (typeField && fields.value(QLatin1String(typeField)).isString())
        return FieldLabels::value(kind, QLatin1String(typeField), text(fields, typeField));
    return {};
}

QString RecordTitles::of(const QString &id)
{
    if (id.isEmpty())
        return {};
    if (m_store->viewGeneration() != m_generation) {
        m_titles.clear();
        m_generation = m_store->viewGeneration();
    }
    auto it = m_titles.constFind(id);
    if (it != m_titles.cend())
        return *it;
    QString shown;
    if (auto state = m_store->recordState(id)) {
        shown = title(state.value().kind, state.value().fields);
        if (shown.isEmpty())
            shown = tr("(no name)");
        if (state.value().deleted)
            shown = tr("%1 (deleted)").arg(shown);
    } else {
        shown = tr("(not on this computer yet)");
    }
    return *m_titles.insert(id, shown);
}

} // namespace mts
