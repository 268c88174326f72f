// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/reportrollup.h"
#include "shared/scope.h"

#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStandardItemModel;
class QTabWidget;
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
///
/// Provincial staff also get the period's overview: every commune of the province (the unit list the sync keeps)
/// with where its report of the chosen period stands, which communes still owe it, and the province's figures
/// added up over the reports sent (ReportRollup); as a CSV file for Excel and as a PDF report of the province.
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
    /// `unitName` names the unit (from the unit list); empty: its code.
    static QString documentHtml(const QString &scope, const QJsonObject &fields, const QString &unitName = {});
    /// What the page says under the list (the last action's result).
    QString message() const;

    /// The period's overview (provincial staff): a row per commune, then the total.
    QTableView *overview() const { return m_overview; }
    QTabWidget *views() const { return m_views; }
    /// What the overview says above its table: how many communes sent the report, and which did not.
    QString overviewSummary() const;
    /// Reads the overview of the chosen period again.
    void showOverview();
    /// Writes the overview as a CSV file for Excel (RecordExport::csv()).
    bool exportOverviewCsv(const QString &path);
    /// Writes the province's report of the period (the figures added up, the communes that did not report) as a
    /// PDF laid out as an administrative document.
    bool exportRollupPdf(const QString &path);
    /// The name of unit `scope` from the unit list the sync keeps; `scope` itself when the list does not have it.
    QString unitName(const QString &scope) const;

Q_SIGNALS:
    void reportsChanged();

private:
    QString selectedId() const;
    QString selectedState() const;
    void updateActions();
    void say(const QString &text);
    void readUnitNames();
    bool writePdf(const QString &path, const QString &scope, const QJsonObject &fields);

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
    QTabWidget *m_views;
    QLabel *m_overviewSummary;
    QTableView *m_overview;
    QStandardItemModel *m_overviewModel;
    QPushButton *m_exportCsv;
    QPushButton *m_rollupPdf;
    RecordListModel *m_model = nullptr;
    // Unit names by scope (the unit list the sync keeps).
    QHash<QString, QString> m_unitNames;
    // The overview shown now (its PDF is made from it).
    std::optional<ReportRollup> m_rollup;
    QPointer<RecordFormDialog> m_form;
};

} // namespace mts
