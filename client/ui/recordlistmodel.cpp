// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordlistmodel.h"

#include <QMetaObject>

#include <algorithm>

namespace mts {

RecordListModel::RecordListModel(ReplicaStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
}

void RecordListModel::setKind(const QString &kind, const QList<Column> &columns)
{
    beginResetModel();
    m_query = ReplicaStore::ListQuery();
    m_query.kind = kind;
    m_columns = columns;
    m_sortColumn = defaultSortColumn();
    m_sortOrder = Qt::AscendingOrder;
    m_keys.clear();
    m_blocks.clear();
    m_recent.clear();
    endResetModel();
    reload(true);
}

void RecordListModel::setSearch(const QString &text)
{
    if (text == m_query.search)
        return;
    m_query.search = text;
    reload(true);
}

void RecordListModel::setFilter(const QString &field, const QJsonValue &value)
{
    if (value.isUndefined()) {
        if (m_query.filters.remove(field) == 0)
            return;
    } else {
        if (m_query.filters.value(field, QJsonValue(QJsonValue::Undefined)) == value)
            return;
        m_query.filters.insert(field, value);
    }
    reload(true);
}

void RecordListModel::setShowDeleted(bool show)
{
    if (show == m_query.withDeleted)
        return;
    m_query.withDeleted = show;
    reload(true);
}

int RecordListModel::defaultSortColumn() const
{
    const auto found = std::find_if(m_columns.cbegin(), m_columns.cend(),
        [](const Column &column) { return column.sortBy && column.sortBy->isEmpty(); });
    return found == m_columns.cend() ? -1 : int(found - m_columns.cbegin());
}

void RecordListModel::sort(int column, Qt::SortOrder order)
{
    if (column >= m_columns.size() || (column >= 0 && !m_columns.at(column).sortBy))
        return;
    const QString sortBy = column >= 0 ? *m_columns.at(column).sortBy : QString();
    const bool descending = column >= 0 && order == Qt::DescendingOrder;
    m_sortColumn = column >= 0 ? column : defaultSortColumn();
    m_sortOrder = descending ? Qt::DescendingOrder : Qt::AscendingOrder;
    if (sortBy == m_query.sortBy && descending == m_query.descending)
        return;
    m_query.sortBy = sortBy;
    m_query.descending = descending;
    reload(true);
}

void RecordListModel::refresh()
{
    reload(false);
}

void RecordListModel::reload(bool force)
{
    if (m_query.kind.isEmpty())
        return;
    auto keys = m_store->listKeys(m_query);
    if (!keys) {
        m_lastError = keys.error().message;
        Q_EMIT readFailed(m_lastError);
        return;
    }
    m_lastError.clear();
    const bool sameRows = !force && keys.value() == m_keys;
    const bool sameContent = sameRows && m_generation == m_store->viewGeneration();
    m_generation = m_store->viewGeneration();
    if (sameContent)
        return;
    if (sameRows) {
        // The same records in the same places, some of them changed: views keep their selection and scroll.
        m_blocks.clear();
        m_recent.clear();
        if (!m_keys.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_keys.size()) - 1, columnCount() - 1));
        return;
    }
    beginResetModel();
    m_keys = std::move(keys).value();
    m_blocks.clear();
    m_recent.clear();
    endResetModel();
}

const ReplicaStore::ListRow *RecordListModel::row(int row) const
{
    if (row < 0 || row >= m_keys.size())
        return nullptr;
    const int block = row / blockRows;
    auto found = m_blocks.find(block);
    if (found == m_blocks.end()) {
        const int first = block * blockRows;
        const QList<qint64> keys = m_keys.mid(first, blockRows);
        auto rows = m_store->listRows(keys);
        if (!rows) {
            // data() is const and may run while a view paints: the signal goes out once the paint is over.
            auto *self = const_cast<RecordListModel *>(this);
            self->m_lastError = rows.error().message;
            QMetaObject::invokeMethod(
                self, [self, message = rows.error().message] { Q_EMIT self->readFailed(message); },
                Qt::QueuedConnection);
            return nullptr;
        }
        // A record that left the view since the keys were read leaves a gap: its row shows nothing until the
        // next refresh().
        QList<ReplicaStore::ListRow> ordered(keys.size());
        qsizetype next = 0;
        QList<ReplicaStore::ListRow> read = std::move(rows).value();
        for (ReplicaStore::ListRow &one : read) {
            while (next < keys.size() && keys.at(next) != one.key)
                ++next;
            if (next < keys.size())
                ordered[next++] = std::move(one);
        }
        if (m_blocks.size() >= keptBlocks) {
            m_blocks.remove(m_recent.takeFirst());
        }
        found = m_blocks.insert(block, std::move(ordered));
        m_recent.append(block);
    } else if (m_recent.last() != block) {
        m_recent.removeOne(block);
        m_recent.append(block);
    }
    const ReplicaStore::ListRow &result = found->at(row - block * blockRows);
    return result.key ? &result : nullptr;
}

QString RecordListModel::recordId(int row)
{
    const ReplicaStore::ListRow *read = this->row(row);
    return read ? read->id : QString();
}

int RecordListModel::rowOf(const QString &id)
{
    // By its key: reading the rows to compare ids would read the whole list (every block) on the UI thread.
    const auto key = m_store->listKey(id);
    if (!key || !key.value())
        return -1;
    return int(m_keys.indexOf(*key.value()));
}

int RecordListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int RecordListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size()) + 1;
}

QString RecordListModel::stateText(const ReplicaStore::ListRow &row) const
{
    switch (row.state) {
    case ReplicaStore::SyncState::Synced:
        return tr("Synced");
    case ReplicaStore::SyncState::Pending:
        return tr("Waiting to be sent");
    case ReplicaStore::SyncState::SetAside:
        return tr("Set aside: %1").arg(row.reason);
    }
    return {};
}

QVariant RecordListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ReplicaStore::ListRow *read = row(index.row());
    if (!read)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() < m_columns.size()) {
            const Column &column = m_columns.at(index.column());
            return column.ofRow ? column.ofRow(*read) : column.display(read->fields);
        }
        return stateText(*read);
    case Qt::ToolTipRole:
        return read->state == ReplicaStore::SyncState::SetAside ? stateText(*read) : QVariant();
    case RecordIdRole:
        return read->id;
    case SyncStateRole:
        return int(read->state);
    case ReasonRole:
        return read->reason;
    case DeletedRole:
        return read->deleted;
    case FieldsRole:
        return read->fields;
    case ScopeRole:
        return read->scope;
    default:
        return {};
    }
}

QVariant RecordListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    if (section < 0 || section > m_columns.size())
        return {};
    return section < m_columns.size() ? m_columns.at(section).title : tr("Sync");
}

} // namespace mts
