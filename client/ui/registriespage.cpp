// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "registriespage.h"

#include "client/core/recordexport.h"
#include "client/core/replicastore.h"
#include "client/ui/fieldlabels.h"
#include "client/ui/importdialog.h"
#include "client/ui/recordformdialog.h"
#include "client/ui/recordlistmodel.h"
#include "client/ui/recordtitles.h"
#include "shared/recordschema.h"

#include <QComboBox>
#include <QDate>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

#include <memory>
#include <tuple>

namespace mts {

namespace {

QString shownValue(const QString &kind, const RecordField &field, const QJsonValue &value)
{
    switch (field.type) {
    case FieldType::Date: {
        const QDate date = QDate::fromString(value.toString(), Qt::ISODate);
        return date.isValid() ? date.toString(QStringLiteral("dd/MM/yyyy")) : value.toString();
    }
    case FieldType::Enum:
        return value.isString() ? FieldLabels::value(kind, field.name, value.toString()) : QString();
    case FieldType::Boolean:
        return value.isBool() ? (value.toBool() ? RegistriesPage::tr("Yes") : RegistriesPage::tr("No")) : QString();
    case FieldType::Integer:
        // Counts and sums of money read better grouped (1.250.000); years and codes do not.
        if (!value.isDouble())
            return {};
        return field.minimum ? QLocale().toString(qint64(value.toDouble())) : QString::number(qint64(value.toDouble()));
    case FieldType::Text:
        return value.toString();
    case FieldType::Reference:
    case FieldType::Blob:
        return {};
    }
    return {};
}

/// The field of `kind` that gives its default list order (ReplicaStore::listKeys()): its name field; empty for a
/// person, whose order is the three parts of the name.
QString defaultSortField(const RecordKind &kind)
{
    if (kind.name == QLatin1String("person"))
        return {};
    const RecordField *name = kind.nameField();
    return name ? name->name : QString();
}

/// The columns of a kind's list: a person's full name (họ, tên đệm, tên), then the kind's first fields, a link to
/// another record shown by that record's title (from `titles`).
QList<RecordListModel::Column> columnsOf(const QString &kind, const std::shared_ptr<RecordTitles> &titles)
{
    QList<RecordListModel::Column> columns;
    const RecordKind *recordKind = RecordSchema::registry().kind(kind);
    if (!recordKind)
        return columns;
    QStringList skipped;
    if (kind == QLatin1String("person")) {
        columns.append({ RegistriesPage::tr("Full name"),
            [](const QJsonObject &fields) {
                QStringList parts;
                for (const char *name : { "surname", "middle_name", "given_name" }) {
                    const QString part = fields.value(QLatin1String(name)).toString();
                    if (!part.isEmpty())
                        parts.append(part);
                }
                return QVariant(parts.join(QLatin1Char(' ')));
            },
            {}, QString() });
        skipped
            = QStringList { QStringLiteral("surname"), QStringLiteral("middle_name"), QStringLiteral("given_name") };
    }
    for (const RecordField &field : recordKind->fields) {
        if (columns.size() >= 5)
            break;
        if (field.sensitive || field.type == FieldType::Blob || skipped.contains(field.name))
            continue;
        if (field.type == FieldType::Reference) {
            columns.append(
                { FieldLabels::field(kind, field.name), [titles, name = field.name](const QJsonObject &fields) {
                     return QVariant(titles->of(fields.value(name).toString()));
                 } });
            continue;
        }
        const QString sortBy = field.name == defaultSortField(*recordKind) ? QString() : field.name;
        columns.append({ FieldLabels::field(kind, field.name),
            [kind, field](
                const QJsonObject &fields) { return QVariant(shownValue(kind, field, fields.value(field.name))); },
            {}, sortBy });
    }
    return columns;
}

} // namespace

RegistriesPage::RegistriesPage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("registriesPage"));
    m_kinds = new QComboBox(this);
    m_kinds->setObjectName(QStringLiteral("kinds"));
    m_kinds->setAccessibleName(tr("Registry"));
    for (const QString &kind : FieldLabels::registryKinds())
        m_kinds->addItem(FieldLabels::kindTitle(kind), kind);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setPlaceholderText(tr("Search by name, address… (with or without diacritics)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search"));

    // A list for each choice (and yes/no) field of the kind, up to three: "Giới tính: tất cả", "Nam", "Nữ".
    for (int i = 0; i < maxFilters; ++i) {
        auto *filter = new QComboBox(this);
        filter->setObjectName(i == 0 ? QStringLiteral("filter") : QStringLiteral("filter%1").arg(i + 1));
        filter->setAccessibleName(tr("Filter"));
        filter->hide();
        m_filters.append(filter);
    }

    m_add = new QPushButton(tr("&New"), this);
    m_add->setObjectName(QStringLiteral("add"));
    m_edit = new QPushButton(tr("&Edit"), this);
    m_edit->setObjectName(QStringLiteral("edit"));
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setObjectName(QStringLiteral("delete"));

    m_importButton = new QPushButton(tr("I&mport…"), this);
    m_importButton->setObjectName(QStringLiteral("import"));
    m_importButton->setToolTip(tr("Add records from a list saved from Excel as CSV"));
    m_exportButton = new QPushButton(tr("E&xport…"), this);
    m_exportButton->setObjectName(QStringLiteral("export"));
    m_exportButton->setToolTip(tr("Save the records shown to a CSV file that Excel opens"));

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("records"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    // Uniform rows: the view never asks a row's size, so 100,000 rows cost nothing until shown.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Records"));
    // A click on a column's title orders the list by it (again: backwards); the order is the replica's
    // (ReplicaStore::ListQuery::sortBy), not the view's, since the view holds only the rows shown.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this] {
        showSortOrder();
        updateCount();
    });
    // The same by keyboard (the menu key or Shift+F10 on the list) and by the right button: edit, delete and
    // sorting by the column of the current cell.
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        const QModelIndex at = m_table->indexAt(position);
        const int column = at.isValid() ? at.column() : m_table->currentIndex().column();
        std::unique_ptr<QMenu> menu(createTableMenu(column));
        menu->exec(m_table->viewport()->mapToGlobal(position));
    });

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("count"));

    // Two rows, so that the page fits the 1024-pixel screens of old office PCs.
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_kinds);
    bar->addWidget(m_search, 1);
    for (QComboBox *filter : std::as_const(m_filters))
        bar->addWidget(filter);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_add);
    actions->addWidget(m_edit);
    actions->addWidget(m_delete);
    actions->addStretch();
    actions->addWidget(m_importButton);
    actions->addWidget(m_exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addLayout(actions);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);

    connect(m_kinds, &QComboBox::currentIndexChanged, this, [this] { showKind(currentKind()); });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (m_model) {
            m_model->setSearch(text);
            updateCount();
        }
    });
    for (int i = 0; i < maxFilters; ++i) {
        connect(m_filters.at(i), &QComboBox::currentIndexChanged, this, [this, i] {
            if (!m_model || i >= m_filterFields.size())
                return;
            const QVariant value = m_filters.at(i)->currentData();
            m_model->setFilter(m_filterFields.at(i), value.isValid() ? QJsonValue::fromVariant(value) : QJsonValue());
            updateCount();
        });
    }
    connect(m_add, &QPushButton::clicked, this, &RegistriesPage::addRecord);
    connect(m_edit, &QPushButton::clicked, this, &RegistriesPage::editRecord);
    connect(m_delete, &QPushButton::clicked, this, &RegistriesPage::deleteRecord);
    connect(m_importButton, &QPushButton::clicked, this, [this] {
        if (ImportDialog *dialog = openImport())
            QMetaObject::invokeMethod(
                dialog->findChild<QPushButton *>(QStringLiteral("chooseFile")), "click", Qt::QueuedConnection);
    });
    connect(m_exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the list"),
            FieldLabels::kindTitle(currentKind()) + QStringLiteral(".csv"), tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportTo(path);
    });
    connect(m_table, &QTableView::doubleClicked, this, &RegistriesPage::editRecord);

    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    auto *create = new QShortcut(QKeySequence::New, this);
    connect(create, &QShortcut::activated, this, &RegistriesPage::addRecord);
    // F2 and Enter edit: the view takes F2 for itself (its edit trigger), so the keys are caught before it.
    m_table->installEventFilter(this);
    auto *remove = new QShortcut(QKeySequence::Delete, m_table);
    remove->setContext(Qt::WidgetShortcut);
    connect(remove, &QShortcut::activated, this, &RegistriesPage::deleteRecord);

    setReplica(nullptr, {});
}

bool RegistriesPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_F2 || key == Qt::Key_Return || key == Qt::Key_Enter) {
            editRecord();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void RegistriesPage::setReplica(ReplicaStore *store, const QString &scope, const QByteArray &dataKey)
{
    if (m_form)
        m_form->reject();
    for (ImportDialog *dialog : findChildren<ImportDialog *>())
        delete dialog; // waits for its thread, which then keeps nothing
    m_store = store;
    m_scope = scope;
    m_dataKey = dataKey;
    m_table->setModel(nullptr);
    delete m_model;
    m_model = nullptr;
    m_titles.reset();
    if (store) {
        m_model = new RecordListModel(store, this);
        m_titles = std::make_shared<RecordTitles>(store);
        connect(m_model, &RecordListModel::readFailed, this,
            [this](const QString &message) { m_count->setText(tr("The list cannot be read: %1").arg(message)); });
        m_table->setModel(m_model);
    }
    for (QWidget *widget : { static_cast<QWidget *>(m_kinds), static_cast<QWidget *>(m_search),
             static_cast<QWidget *>(m_add), static_cast<QWidget *>(m_edit), static_cast<QWidget *>(m_delete),
             static_cast<QWidget *>(m_table), static_cast<QWidget *>(m_exportButton) })
        widget->setEnabled(store != nullptr);
    m_importButton->setEnabled(store != nullptr && !dataKey.isEmpty());
    showKind(currentKind());
}

void RegistriesPage::refresh()
{
    if (!m_model)
        return;
    const QString selected = selectedId();
    m_model->refresh();
    selectRecord(selected);
    updateCount();
}

RecordFormDialog *RegistriesPage::openForm() const
{
    return m_form;
}

QString RegistriesPage::currentKind() const
{
    return m_kinds->currentData().toString();
}

void RegistriesPage::showKind(const QString &kind)
{
    if (const int index = m_kinds->findData(kind); index >= 0 && index != m_kinds->currentIndex()) {
        m_kinds->setCurrentIndex(index); // comes back here
        return;
    }
    if (m_model) {
        const QSignalBlocker blocker(m_search);
        m_search->clear();
        m_model->setKind(kind, columnsOf(kind, m_titles));
        m_table->resizeColumnsToContents();
        showSortOrder();
    }
    updateFilter();
    updateCount();
}

QMenu *RegistriesPage::createTableMenu(int column)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("recordsMenu"));
    QAction *edit = menu->addAction(tr("&Edit…"), this, &RegistriesPage::editRecord);
    edit->setObjectName(QStringLiteral("editAction"));
    edit->setEnabled(!selectedId().isEmpty());
    QAction *remove = menu->addAction(tr("&Delete…"), this, &RegistriesPage::deleteRecord);
    remove->setObjectName(QStringLiteral("deleteAction"));
    remove->setEnabled(!selectedId().isEmpty());
    if (!m_model)
        return menu;
    menu->addSeparator();
    const QString title = m_model->headerData(column, Qt::Horizontal).toString();
    const bool sortable = column >= 0 && column < m_model->columnCount() - 1 && m_model->canSort(column);
    for (const auto &[order, text, name] :
        { std::tuple { Qt::AscendingOrder, tr("Sort by \"%1\", &ascending"), "sortAscending" },
            std::tuple { Qt::DescendingOrder, tr("Sort by \"%1\", de&scending"), "sortDescending" } }) {
        QAction *sort = menu->addAction(
            text.arg(title), this, [this, column, order = order] { m_table->sortByColumn(column, order); });
        sort->setObjectName(QString::fromLatin1(name));
        sort->setEnabled(sortable);
    }
    QAction *natural = menu->addAction(
        tr("&Usual order (by name)"), this, [this] { m_table->sortByColumn(-1, Qt::AscendingOrder); });
    natural->setObjectName(QStringLiteral("sortDefault"));
    return menu;
}

void RegistriesPage::showSortOrder()
{
    // The title of the column the list is ordered by shows the arrow; a column that cannot order the list (a link
    // to another record) gives it back.
    QHeaderView *header = m_table->horizontalHeader();
    const int column = m_model ? m_model->sortColumn() : -1;
    const Qt::SortOrder order = m_model ? m_model->sortOrder() : Qt::AscendingOrder;
    if (header->sortIndicatorSection() != column || header->sortIndicatorOrder() != order) {
        const QSignalBlocker blocker(header);
        header->setSortIndicator(column, order);
    }
}

void RegistriesPage::updateFilter()
{
    m_filterFields.clear();
    const RecordKind *kind = RecordSchema::registry().kind(currentKind());
    if (kind) {
        for (const RecordField &field : kind->fields) {
            const bool choice = field.type == FieldType::Enum || field.type == FieldType::Boolean;
            const bool workflow = kind->workflow && kind->workflow->field == field.name;
            if (choice && !field.sensitive && !workflow && m_filterFields.size() < maxFilters)
                m_filterFields.append(field.name);
        }
    }
    for (int i = 0; i < maxFilters; ++i) {
        QComboBox *filter = m_filters.at(i);
        const QSignalBlocker blocker(filter);
        filter->clear();
        filter->setEnabled(m_store != nullptr);
        if (i >= m_filterFields.size()) {
            filter->hide();
            continue;
        }
        const RecordField *field = kind->field(m_filterFields.at(i));
        filter->addItem(tr("%1: all").arg(FieldLabels::field(kind->name, field->name)), QVariant());
        if (field->type == FieldType::Boolean) {
            filter->addItem(tr("%1: yes").arg(FieldLabels::field(kind->name, field->name)), true);
            filter->addItem(tr("%1: no").arg(FieldLabels::field(kind->name, field->name)), false);
        } else {
            for (const QString &value : field->values)
                filter->addItem(FieldLabels::value(kind->name, field->name, value), value);
        }
        filter->show();
    }
}

QMap<QString, QJsonValue> RegistriesPage::filters() const
{
    QMap<QString, QJsonValue> chosen;
    for (int i = 0; i < m_filterFields.size(); ++i) {
        const QVariant value = m_filters.at(i)->currentData();
        if (value.isValid())
            chosen.insert(m_filterFields.at(i), QJsonValue::fromVariant(value));
    }
    return chosen;
}

void RegistriesPage::updateCount()
{
    if (!m_model) {
        m_count->setText(tr("Sign in to see the registries."));
        return;
    }
    m_count->setText(tr("%n record(s)", nullptr, m_model->rowCount()));
}

QString RegistriesPage::selectedId() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() && m_model ? m_model->data(current, RecordListModel::RecordIdRole).toString() : QString();
}

void RegistriesPage::selectRecord(const QString &id)
{
    if (!m_model || id.isEmpty())
        return;
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    m_table->setCurrentIndex(m_model->index(row, 0));
    m_table->scrollTo(m_model->index(row, 0));
}

void RegistriesPage::addRecord()
{
    openFormFor(QString());
}

void RegistriesPage::editRecord()
{
    if (const QString id = selectedId(); !id.isEmpty())
        openFormFor(id);
}

void RegistriesPage::openFormFor(const QString &recordId)
{
    if (!m_store || m_form)
        return;
    m_form = new RecordFormDialog(m_store, currentKind(), m_scope, recordId, this);
    m_form->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_form, &QDialog::accepted, this, [this, form = m_form] {
        const QString id = form->savedId();
        m_model->refresh();
        selectRecord(id);
        updateCount();
        Q_EMIT recordsChanged();
    });
    m_form->open();
}

ImportDialog *RegistriesPage::openImport()
{
    if (!m_store || m_dataKey.isEmpty())
        return nullptr;
    auto *dialog = new ImportDialog(m_store->filePath(), m_dataKey, currentKind(), m_scope, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::importEnded, this, [this](int imported) {
        if (imported <= 0 || !m_model)
            return;
        m_model->refresh();
        updateCount();
        Q_EMIT recordsChanged();
    });
    dialog->open();
    return dialog;
}

bool RegistriesPage::exportTo(const QString &path)
{
    const RecordKind *kind = RecordSchema::registry().kind(currentKind());
    if (!m_store || !kind)
        return false;
    QStringList fields;
    QStringList titles;
    for (const RecordField &field : kind->fields) {
        if (field.type == FieldType::Reference || field.type == FieldType::Blob)
            continue;
        fields.append(field.name);
        titles.append(FieldLabels::field(kind->name, field.name));
    }
    ReplicaStore::ListQuery query;
    query.kind = kind->name;
    query.search = m_search->text();
    query.filters = filters();
    const QString kindName = kind->name;
    const auto cellText = [kind, kindName](const QString &name, const QJsonValue &value) {
        const RecordField *field = kind->field(name);
        if (!field)
            return QString();
        // Numbers without grouping, so that the file reads back as it was written.
        if (field->type == FieldType::Integer)
            return value.isDouble() ? QString::number(qint64(value.toDouble())) : QString();
        return shownValue(kindName, *field, value);
    };
    QString error;
    const auto bytes = RecordExport::list(*m_store, query, fields, titles, cellText, ';', {}, &error);
    QSaveFile file(path);
    if (!bytes || !file.open(QIODevice::WriteOnly) || file.write(*bytes) < 0 || !file.commit()) {
        m_count->setText(tr("The file %1 could not be written: %2. Choose another folder and try again.")
                             .arg(path, bytes ? file.errorString() : error));
        return false;
    }
    m_count->setText(tr("%n record(s) exported to %1. The file shows citizen IDs and phone numbers in clear: keep it "
                        "safe.",
        nullptr, m_model ? m_model->rowCount() : 0)
                         .arg(path));
    return true;
}

void RegistriesPage::deleteRecord()
{
    const QString id = selectedId();
    if (!m_store || id.isEmpty())
        return;
    const QString name = m_model->data(m_table->currentIndex().siblingAtColumn(0)).toString();
    auto *ask = new QMessageBox(QMessageBox::Question, tr("Delete record"),
        tr("Delete \"%1\"? The deletion is sent to the server at the next sync.").arg(name),
        QMessageBox::Yes | QMessageBox::No, this);
    ask->setObjectName(QStringLiteral("confirmDelete"));
    ask->setDefaultButton(QMessageBox::No);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    connect(ask, &QMessageBox::finished, this, [this, id](int result) {
        if (result != QMessageBox::Yes || !m_store)
            return;
        if (auto removed = m_store->remove(id); !removed) {
            m_count->setText(tr("The record could not be deleted: %1").arg(removed.error().message));
            return;
        }
        m_model->refresh();
        updateCount();
        Q_EMIT recordsChanged();
    });
    ask->open();
}

} // namespace mts
