// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QMap>
#include <QPointer>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QTableView;

namespace mts {

class ImportDialog;
class RecordFormDialog;
class RecordListModel;
class RecordTitles;
class ReplicaStore;

/// The database application's registries page: one kind at a time (persons, households, residential areas…),
/// its records in Vietnamese order with their sync state, a search box that ignores diacritics, a filter on the
/// kind's main choice (sex, poverty status…), and the form to add, edit or delete a record — all offline, in the
/// replica. Keyboard: Ctrl+F search, Ctrl+N new, Enter or F2 edit, Delete deletes (after a confirmation).
class RegistriesPage : public QWidget {
    Q_OBJECT
public:
    explicit RegistriesPage(QWidget *parent = nullptr);

    /// Shows the records of `store` (nullptr: none, while nobody is signed in); new records go to `scope`.
    /// `store` must outlive the page or be replaced first. `dataKey` opens the replica a second time for an
    /// import on a thread of its own (empty: no import).
    void setReplica(ReplicaStore *store, const QString &scope, const QByteArray &dataKey = {});
    /// Reads the list again after changes made elsewhere (a sync).
    void refresh();

    /// Shows `kind` (one of FieldLabels::registryKinds()).
    void showKind(const QString &kind);
    QString currentKind() const;

    RecordListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchBox() const { return m_search; }
    /// The list of filter `index` (one per choice or yes/no field of the kind, up to maxFilters, in the schema's
    /// order); hidden when the kind has fewer.
    QComboBox *filterBox(int index = 0) const { return m_filters.value(index); }
    /// The filters chosen now: field → the value its records must have.
    QMap<QString, QJsonValue> filters() const;
    static constexpr int maxFilters = 3;
    /// The list's menu (the menu key, Shift+F10, the right button) for a cell of `column`: edit and delete the
    /// selected record, sort by the column either way, or back to the usual order. The caller owns it.
    QMenu *createTableMenu(int column);
    /// The form open now (a new record or an edit); nullptr when none is.
    RecordFormDialog *openForm() const;

    /// Opens the form for a new record of the current kind.
    void addRecord();
    /// Opens the form of the selected record.
    void editRecord();
    /// Deletes the selected record after asking.
    void deleteRecord();
    /// Opens the import dialog for the current kind (ImportDialog).
    ImportDialog *openImport();
    /// Writes the records the list shows (search and filter applied), every field a form has, to `path` as CSV
    /// for Excel (RecordExport); false, with the reason shown, when it cannot.
    bool exportTo(const QString &path);

Q_SIGNALS:
    /// A record was saved or deleted here (the outbox grew).
    void recordsChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateFilter();
    void showSortOrder();
    void updateCount();
    void selectRecord(const QString &id);
    QString selectedId() const;
    void openFormFor(const QString &recordId);

    ReplicaStore *m_store = nullptr;
    // The titles of linked records for the list (a membership's person), shared with its columns.
    std::shared_ptr<RecordTitles> m_titles;
    QString m_scope;
    QComboBox *m_kinds;
    QLineEdit *m_search;
    QList<QComboBox *> m_filters;
    QStringList m_filterFields;
    QTableView *m_table;
    QLabel *m_count;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QPushButton *m_importButton;
    QPushButton *m_exportButton;
    QByteArray m_dataKey;
    RecordListModel *m_model = nullptr;
    QPointer<RecordFormDialog> m_form;
};

} // namespace mts
