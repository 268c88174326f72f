// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/scope.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace mts {

class RecordFormDialog;
class RecordListModel;
class ReplicaStore;

/// The periodic reports to the level above (notes/domain.md §8.4): a commune drafts its weekly or monthly report
/// with the figures computed from its registries (ReportFigures) and its narrative, its Front chair submits it,
/// and provincial staff accept it or return it with a reason; a submitted or accepted report is locked. Each
/// action is offered only to the role that may make it (the server refuses it from any other), and every change
/// is made offline and synced like any other.
class ReportsPage : public QWidget {
    Q_OBJECT
public:
    explicit ReportsPage(QWidget *parent = nullptr);

    /// Shows the reports of `store` (nullptr: none); new reports are drafted for `scope` by a user of `role`.
    void setReplica(ReplicaStore *store, const QString &scope, std::optional<Role> role);
    void refresh();

    RecordListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QComboBox *periodType() const { return m_periodType; }
    QLineEdit *period() const { return m_period; }
    RecordFormDialog *openForm() const;

    /// Drafts the report of the chosen period with its figures; its id, or empty (the reason shown).
    QString draft();
    /// Opens the form of the selected report (its narrative and figures).
    void editSelected();
    /// Computes the selected draft's figures again from the registries.
    bool recompute();
    /// Moves the selected report to `to` (submitted, accepted, returned), with `reason` for a return.
    bool moveSelected(const QString &to, const QString &reason = {});
    /// Writes the selected report as a PDF laid out as an administrative document (Decree 30/2020).
    bool exportPdf(const QString &path);
    /// The report of `scope` with `fields` as an administrative document (Decree 30/2020/NĐ-CP, appendix I): the
    /// issuing body and the national motto side by side, number, place and date, the title, the figures and the
    /// narrative, the recipients and the signature block; HTML for QTextDocument.
    static QString documentHtml(const QString &scope, const QJsonObject &fields);
    /// What the page says under the list (the last action's result).
    QString message() const;

Q_SIGNALS:
    void reportsChanged();

private:
    QString selectedId() const;
    QString selectedState() const;
    void updateActions();
    void say(const QString &text);

    ReplicaStore *m_store = nullptr;
    QString m_scope;
    std::optional<Role> m_role;
    QComboBox *m_periodType;
    QLineEdit *m_period;
    QPushButton *m_draft;
    QTableView *m_table;
    QPushButton *m_edit;
    QPushButton *m_recompute;
    QPushButton *m_submit;
    QPushButton *m_accept;
    QPushButton *m_return;
    QPushButton *m_pdf;
    QLabel *m_message;
    RecordListModel *m_model = nullptr;
    QPointer<RecordFormDialog> m_form;
};

} // namespace mts
