// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QString>

namespace mts {

class ReplicaStore;

/// How a record is named where another record points to it (a committee membership's person, a solidarity house's
/// household): its title, a detail that tells two records of the same title apart, and the titles of records by id
/// for a list, read from the replica once and kept until the replica's view changes.
class RecordTitles {
    Q_DECLARE_TR_FUNCTIONS(RecordTitles)
public:
    /// Titles read from `store` (which must outlive this).
    explicit RecordTitles(ReplicaStore *store);

    /// The title of a record of `kind` with `fields`: a person's full name (họ, tên đệm, tên), a household's head,
    /// the name of an organisation or residential area; for another kind its first required text, else its first
    /// text. Empty when that is empty.
    static QString title(const QString &kind, const QJsonObject &fields);
    /// What tells apart two records of the same title: a person's year of birth and address, a household's
    /// address, an organisation's or area's type. Empty when the kind has none or they are empty.
    static QString detail(const QString &kind, const QJsonObject &fields);

    /// The title of record `id` of the replica's view, "(deleted)" after it when it is deleted; a note that the
    /// record is not on this computer when the view does not hold it; empty for an empty id.
    QString of(const QString &id);

private:
    ReplicaStore *m_store;
    quint64 m_generation = 0;
    QHash<QString, QString> m_titles;
};

} // namespace mts
