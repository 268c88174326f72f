// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "referenceedit.h"

#include "client/core/replicastore.h"
#include "client/ui/fieldlabels.h"
#include "client/ui/recordtitles.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QStandardItemModel>

namespace mts {

namespace {

constexpr int idRole = Qt::UserRole + 1;
constexpr int titleRole = Qt::UserRole + 2;

} // namespace

ReferenceEdit::ReferenceEdit(ReplicaStore *store, const QString &refKind, QWidget *parent)
    : QLineEdit(parent)
    , m_store(store)
    , m_refKind(refKind)
    , m_completer(new QCompleter(this))
    , m_model(new QStandardItemModel(this))
{
    setClearButtonEnabled(true);
    setPlaceholderText(tr("Type a few letters of the name, then choose from the list"));
    // The matches come from the replica's folded search, not from the completer's prefix filter: "nguyen van"
    // must find "Nguyễn Văn".
    m_completer->setModel(m_model);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setMaxVisibleItems(12);
    m_completer->setWidget(this);
    m_completer->popup()->setObjectName(QStringLiteral("referenceMatches"));
    m_completer->popup()->setAccessibleName(tr("Matching records: %1").arg(FieldLabels::kindTitle(refKind)));
    connect(this, &QLineEdit::textEdited, this, &ReferenceEdit::findMatches);
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this, &ReferenceEdit::choose);
}

QAbstractItemView *ReferenceEdit::matches() const
{
    return m_completer->popup();
}

int ReferenceEdit::matchCount() const
{
    return m_matchCount;
}

void ReferenceEdit::setRecordId(const QString &id)
{
    m_recordId = id;
    setText(RecordTitles(m_store).of(id));
    setCursorPosition(0);
}

void ReferenceEdit::findMatches(const QString &typed)
{
    // What is typed now is no longer the chosen record's title: the link waits for a new choice.
    if (!m_recordId.isEmpty()) {
        m_recordId.clear();
        Q_EMIT recordChosen({});
    }
    m_model->clear();
    m_matchCount = 0;
    if (typed.trimmed().isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    ReplicaStore::ListQuery query;
    query.kind = m_refKind;
    query.search = typed;
    auto keys = m_store->listKeys(query);
    if (!keys)
        return;
    auto rows = m_store->listRows(keys.value().mid(0, maxMatches));
    if (!rows)
        return;
    for (const ReplicaStore::ListRow &row : rows.value()) {
        const QString title = RecordTitles::title(m_refKind, row.fields);
        const QString detail = RecordTitles::detail(m_refKind, row.fields);
        auto *item = new QStandardItem(detail.isEmpty() ? title : tr("%1 — %2").arg(title, detail));
        item->setData(row.id, idRole);
        item->setData(title, titleRole);
        item->setEditable(false);
        m_model->appendRow(item);
        ++m_matchCount;
    }
    if (keys.value().size() > maxMatches) {
        auto *more
            = new QStandardItem(tr("… %n more: type more of the name", nullptr, int(keys.value().size() - maxMatches)));
        more->setEnabled(false);
        more->setSelectable(false);
        m_model->appendRow(more);
    } else if (keys.value().isEmpty()) {
        auto *none = new QStandardItem(tr("No record matches \"%1\"").arg(typed.trimmed()));
        none->setEnabled(false);
        none->setSelectable(false);
        m_model->appendRow(none);
    }
    m_completer->complete();
}

void ReferenceEdit::choose(const QModelIndex &index)
{
    const QString id = index.data(idRole).toString();
    if (id.isEmpty())
        return;
    m_recordId = id;
    setText(index.data(titleRole).toString());
    Q_EMIT recordChosen(id);
}

} // namespace mts
