// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/replicastore.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <functional>
#include <optional>

namespace mts {

/// The records of one kind as a table (a registry page): the keys of the whole list are read at once from the
/// replica's list index (ReplicaStore::listKeys(), 8 bytes a record), the rows themselves a block at a time when a
/// view first asks for them, and only the most recently shown blocks are kept. A list of 100,000 records opens
/// and scrolls without reading 100,000 rows.
///
/// The last column is the record's sync state (synced, waiting to be sent, set aside with the reason).
class RecordListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        RecordIdRole = Qt::UserRole + 1, ///< QString: the record's id.
        SyncStateRole, ///< int: ReplicaStore::SyncState.
        ReasonRole, ///< QString: why it is set aside; empty otherwise.
        DeletedRole, ///< bool.
        FieldsRole, ///< QJsonObject: its fields, sealed values opened.
        ScopeRole, ///< QString: the unit it belongs to.
    };
    /// A column: its title, what it shows of a record's fields (or, with `ofRow`, of the whole row) and the field
    /// that orders the list when the column is sorted (ReplicaStore::ListQuery::sortBy; empty: the kind's default
    /// order; std::nullopt: the column cannot be sorted).
    struct Column {
        QString title;
        std::function<QVariant(const QJsonObject &fields)> display;
        std::function<QVariant(const ReplicaStore::ListRow &row)> ofRow = {};
        std::optional<QString> sortBy = {};
    };
    /// Rows read from the replica at a time.
    static constexpr int blockRows = 128;
    /// Blocks kept in memory.
    static constexpr int keptBlocks = 64;

    /// A model over `store`, which must outlive it.
    explicit RecordListModel(ReplicaStore *store, QObject *parent = nullptr);

    /// Shows the records of `kind` with `columns` (and the sync state after them), in the kind's default order.
    /// Clears search, filters and sorting.
    void setKind(const QString &kind, const QList<Column> &columns);
    QString kind() const { return m_query.kind; }
    /// Keeps the records whose text matches every word of `text` as a prefix, ignoring case and diacritics
    /// ("nguyen van" finds "Nguyễn Văn", "dong" finds "Đồng"); empty: every record.
    void setSearch(const QString &text);
    /// Keeps the records whose `field` is `value`; an undefined `value` removes the filter on `field`.
    void setFilter(const QString &field, const QJsonValue &value);
    /// Shows deleted records too.
    void setShowDeleted(bool show);
    /// Orders the list by `column` (its Column::sortBy); a negative column: the kind's default order. A column that
    /// cannot be sorted changes nothing: sortColumn() tells what the list is ordered by.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    /// The column the list is ordered by; -1 for the default order when no column gives it.
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    /// Whether `column` can order the list (it has a Column::sortBy).
    bool canSort(int column) const { return column >= 0 && column < m_columns.size() && m_columns.at(column).sortBy; }
    /// The column whose order is the kind's default one (Column::sortBy empty); -1 when none.
    int defaultSortColumn() const;
    /// Reads the list again if the replica's view changed since (a local edit, a sync): rows keep their place
    /// when nothing changed.
    void refresh();

    /// The id of the record in `row`; empty when out of range.
    QString recordId(int row);
    /// The row of record `id` (one lookup in the replica, no row read); -1 when the list does not show it.
    int rowOf(const QString &id);
    /// The last error reading the replica; empty when the last read succeeded.
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// Reading the replica failed; `message` says what happened (the list keeps what it showed).
    void readFailed(const QString &message);

private:
    void reload(bool force);
    const ReplicaStore::ListRow *row(int row) const;
    QString stateText(const ReplicaStore::ListRow &row) const;

    ReplicaStore *m_store;
    ReplicaStore::ListQuery m_query;
    QList<Column> m_columns;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QList<qint64> m_keys;
    quint64 m_generation = 0;
    QString m_lastError;
    // Blocks of rows by block number, and the order they were last used in (most recent last).
    mutable QHash<int, QList<ReplicaStore::ListRow>> m_blocks;
    mutable QList<int> m_recent;
};

} // namespace mts
