// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "setasidepage.h"

#include "client/core/replicastore.h"
#include "client/ui/fieldlabels.h"
#include "client/ui/recordformdialog.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace mts {

namespace {

enum Column { RecordColumn, KindColumn, ReasonColumn };
constexpr int recordIdRole = Qt::UserRole + 1;

QString changeText(SyncOp::Type type)
{
    switch (type) {
    case SyncOp::Type::Create:
        return SetAsidePage::tr("new record");
    case SyncOp::Type::Update:
        return SetAsidePage::tr("edit");
    case SyncOp::Type::Delete:
        return SetAsidePage::tr("deletion");
    case SyncOp::Type::Restore:
        return SetAsidePage::tr("restoration");
    case SyncOp::Type::Move:
        return SetAsidePage::tr("move");
    case SyncOp::Type::Transition:
        return SetAsidePage::tr("status change");
    }
    return {};
}

/// What names the record for the cadre: a person's full name, else the kind's first text value.
QString recordName(const QString &kind, const QJsonObject &fields)
{
    QStringList parts;
    for (const char *name : { "surname", "middle_name", "given_name" }) {
        const QString part = fields.value(QLatin1String(name)).toString();
        if (!part.isEmpty())
            parts.append(part);
    }
    if (!parts.isEmpty())
        return parts.join(QLatin1Char(' '));
    if (const RecordKind *recordKind = RecordSchema::registry().kind(kind)) {
        for (const RecordField &field : recordKind->fields) {
            if (field.type == FieldType::Text && !field.sensitive && !fields.value(field.name).toString().isEmpty())
                return fields.value(field.name).toString();
        }
    }
    return SetAsidePage::tr("(no name)");
}

} // namespace

SetAsidePage::SetAsidePage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("setAsidePage"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("setAsideSummary"));
    m_summary->setWordWrap(true);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("setAsideList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({ tr("Record"), tr("Registry"), tr("Why it is held back") });
    m_list->header()->setStretchLastSection(true);
    m_list->setAccessibleName(tr("Changes held back"));
    m_fix = new QPushButton(tr("&Fix and send again"), this);
    m_fix->setObjectName(QStringLiteral("fixAndResend"));
    m_export = new QPushButton(tr("Save to a &file…"), this);
    m_export->setObjectName(QStringLiteral("exportSetAside"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_fix);
    buttons->addWidget(m_export);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_fix, &QPushButton::clicked, this, &SetAsidePage::fixSelected);
    connect(m_list, &QTreeWidget::itemActivated, this, &SetAsidePage::fixSelected);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the changes held back"),
            QStringLiteral("thay-doi-bi-giu-lai.json"), tr("JSON files (*.json)"));
        if (!path.isEmpty())
            exportTo(path);
    });
    setReplica(nullptr);
}

void SetAsidePage::setReplica(ReplicaStore *store)
{
    if (m_form)
        m_form->reject();
    m_store = store;
    refresh();
}

RecordFormDialog *SetAsidePage::openForm() const
{
    return m_form;
}

void SetAsidePage::refresh()
{
    m_list->clear();
    if (!m_store) {
        m_summary->clear();
        m_fix->setEnabled(false);
        m_export->setEnabled(false);
        Q_EMIT countChanged(0);
        return;
    }
    const auto ops = m_store->setAsideOps();
    if (!ops) {
        m_summary->setText(tr("The changes held back cannot be read: %1").arg(ops.error().message));
        return;
    }
    // One line per record, in the order its first change was made.
    QStringList seen;
    for (const SetAsideOp &op : ops.value()) {
        if (seen.contains(op.op.recordId))
            continue;
        seen.append(op.op.recordId);
        QJsonObject fields = op.op.set;
        if (auto current = m_store->record(op.op.recordId)) {
            fields = current.value();
            for (auto it = op.op.set.constBegin(); it != op.op.set.constEnd(); ++it)
                fields.insert(it.key(), it.value());
        }
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(RecordColumn, recordName(op.op.kind, fields));
        item->setText(KindColumn, FieldLabels::kindTitle(op.op.kind));
        item->setText(ReasonColumn,
            op.heldBy.isEmpty() || op.heldBy == op.op.recordId
                ? tr("%1 refused: %2").arg(changeText(op.op.type), op.reason)
                : tr("%1 waiting: %2").arg(changeText(op.op.type), op.reason));
        item->setToolTip(ReasonColumn, op.reason);
        item->setData(RecordColumn, recordIdRole, op.op.recordId);
    }
    if (m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    m_summary->setText(seen.isEmpty()
            ? tr("No change is held back: everything made on this computer goes to the server at the next sync.")
            : tr("These changes were not accepted by the server, or wait for one that was not. Fix each record and "
                 "send it again; the other records sync as usual."));
    m_fix->setEnabled(!seen.isEmpty());
    m_export->setEnabled(!seen.isEmpty());
    Q_EMIT countChanged(int(seen.size()));
}

void SetAsidePage::fixSelected()
{
    QTreeWidgetItem *item = m_list->currentItem();
    if (!m_store || !item || m_form)
        return;
    const QString recordId = item->data(RecordColumn, recordIdRole).toString();
    const auto ops = m_store->setAsideOps();
    if (!ops)
        return;
    // The record as its set-aside changes would make it: the view (when the server has it) and their values.
    QJsonObject values;
    QString kind;
    bool isNew = false;
    auto current = m_store->record(recordId);
    if (current)
        values = current.value();
    for (const SetAsideOp &op : ops.value()) {
        if (op.op.recordId != recordId)
            continue;
        if (kind.isEmpty()) {
            kind = op.op.kind;
            isNew = op.op.type == SyncOp::Type::Create && !current;
        }
        for (auto it = op.op.set.constBegin(); it != op.op.set.constEnd(); ++it)
            values.insert(it.key(), it.value());
    }
    m_form = RecordFormDialog::toResend(m_store, kind, recordId, values, isNew, this);
    m_form->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_form, &QDialog::accepted, this, [this] {
        refresh();
        Q_EMIT resent();
    });
    m_form->open();
}

bool SetAsidePage::exportTo(const QString &path)
{
    if (!m_store)
        return false;
    const auto exported = m_store->exportSetAside();
    QSaveFile file(path);
    if (!exported || !file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(exported.value()).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        m_summary->setText(tr("The file %1 could not be written: %2. Choose another folder and try again.")
                               .arg(path, exported ? file.errorString() : exported.error().message));
        return false;
    }
    m_summary->setText(
        tr("Saved to %1. The file shows citizen IDs and phone numbers in clear: keep it safe.").arg(path));
    return true;
}

} // namespace mts
