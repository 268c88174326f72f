// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLineEdit>

class QAbstractItemView;
class QCompleter;
class QStandardItemModel;

namespace mts {

class ReplicaStore;

/// The editor of a link to another record (a Reference field): the cadre types a few letters of the name, with or
/// without diacritics, and chooses the record from the matches that drop down (arrow keys and Enter, or the
/// mouse); each match shows the record's title and what tells it apart (a person's year of birth and address). The
/// field's value is the chosen record's id. Text typed and not chosen from the list is no link: isUnresolved()
/// tells the form so, and clearing the text clears the link.
class ReferenceEdit : public QLineEdit {
    Q_OBJECT
public:
    /// Matches shown at most; typing more letters narrows them.
    static constexpr int maxMatches = 30;

    /// An editor of links to records of `refKind` in `store`, which must outlive it.
    ReferenceEdit(ReplicaStore *store, const QString &refKind, QWidget *parent = nullptr);

    /// Links to record `id` (empty: to none) and shows its title.
    void setRecordId(const QString &id);
    /// The record linked to; empty when none is chosen.
    QString recordId() const { return m_recordId; }
    /// Whether text was typed without choosing a record from the matches.
    bool isUnresolved() const { return m_recordId.isEmpty() && !text().trimmed().isEmpty(); }
    /// The list of matches (for tests and accessibility).
    QAbstractItemView *matches() const;
    /// How many records match what is typed now (at most maxMatches).
    int matchCount() const;

Q_SIGNALS:
    /// The cadre chose record `id` (empty: cleared the link).
    void recordChosen(const QString &id);

private:
    void findMatches(const QString &typed);
    void choose(const QModelIndex &index);

    ReplicaStore *m_store;
    QString m_refKind;
    QString m_recordId;
    QCompleter *m_completer;
    QStandardItemModel *m_model;
    int m_matchCount = 0;
};

} // namespace mts
