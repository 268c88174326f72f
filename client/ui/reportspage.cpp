// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportspage.h"

#include "client/core/recordexport.h"
#include "client/core/replicastore.h"
#include "client/core/reportfigures.h"
#include "client/core/reportrollup.h"
#include "client/ui/fieldlabels.h"
#include "client/ui/recordformdialog.h"
#include "client/ui/recordlistmodel.h"

#include <QColor>
#include <QComboBox>
#include <QDate>
#include <QFileDialog>
#include <QFileInfo>
#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPageLayout>
#include <QPdfWriter>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTextDocument>
#include <QVBoxLayout>

namespace mts {

namespace {

const QString reportKind = QStringLiteral("report");
const QString statusField = QStringLiteral("status");

QString text(const QJsonObject &fields, const char *name)
{
    return fields.value(QLatin1String(name)).toString();
}

QString periodText(const QJsonObject &fields)
{
    const QString type = text(fields, "period_type");
    return FieldLabels::value(reportKind, QStringLiteral("period_type"), type) + QLatin1Char(' ')
        + text(fields, "period");
}

QString escaped(const QString &plain)
{
    return plain.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

} // namespace

QString ReportsPage::documentHtml(const QString &scope, const QJsonObject &fields, const QString &unitName)
{
    const QLocale vietnamese(QLocale::Vietnamese, QLocale::Vietnam);
    const QDate today = QDate::currentDate();
    QString figures;
    const RecordKind *kind = RecordSchema::registry().kind(reportKind);
    int row = 0;
    for (const RecordField &field : kind->fields) {
        if (field.type != FieldType::Integer)
            continue;
        figures += QStringLiteral("<tr><td>%1</td><td>%2</td><td align=\"right\">%3</td></tr>")
                       .arg(++row)
                       .arg(FieldLabels::field(reportKind, field.name).toHtmlEscaped(),
                           vietnamese.toString(qint64(fields.value(field.name).toDouble())));
    }
    const bool province = scope.startsWith(QLatin1String("P:"));
    const QString place = !unitName.isEmpty()   ? unitName
        : scope.startsWith(QLatin1String("C:")) ? ReportsPage::tr("Commune %1").arg(scope.mid(2))
        : province                              ? ReportsPage::tr("Province %1").arg(scope.mid(2))
                                                : scope;
    const QString unit = place.toUpper();
    return QStringLiteral(
        "<html><body style=\"font-family: 'Times New Roman', 'DejaVu Serif', serif; font-size: 13pt;\">"
        "<table width=\"100%\" style=\"font-size: 12pt;\"><tr>"
        "<td width=\"36%\" align=\"center\">%1<br><b>%2</b><br>———</td>"
        "<td width=\"64%\" align=\"center\"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>"
        "<b><u>Độc lập - Tự do - Hạnh phúc</u></b></td></tr>"
        "<tr><td align=\"center\">Số: &nbsp;&nbsp;&nbsp;/BC-MTTQ</td>"
        "<td align=\"center\"><i>%3</i></td></tr></table>"
        "<p align=\"center\"><b>%4</b><br><b>%5</b></p>"
        "<p><b>I. %6</b></p><table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%\">"
        "<tr><th>TT</th><th>%7</th><th>%8</th></tr>%9</table>"
        "<p><b>II. %10</b></p><p>%11</p>"
        "<p><b>III. %12</b></p><p>%13</p>"
        "<p><b>IV. %14</b></p><p>%15</p>"
        "<table width=\"100%\"><tr><td width=\"50%\"><b><i>%16</i></b><br>- %17;<br>- %18.</td>"
        "<td width=\"50%\" align=\"center\"><b>%19<br>%20</b><br><br><br><br></td></tr></table>"
        "</body></html>")
        .arg(ReportsPage::tr("FATHERLAND FRONT COMMITTEE").toHtmlEscaped(), unit.toHtmlEscaped(),
            ReportsPage::tr("%1, %2")
                .arg(place, vietnamese.toString(today, QStringLiteral("'ngày' dd 'tháng' MM 'năm' yyyy")))
                .toHtmlEscaped(),
            ReportsPage::tr("REPORT").toHtmlEscaped(),
            ReportsPage::tr("On the Front's work, %1").arg(periodText(fields)).toHtmlEscaped(),
            ReportsPage::tr("Figures").toHtmlEscaped(), ReportsPage::tr("Indicator").toHtmlEscaped(),
            ReportsPage::tr("Number").toHtmlEscaped(), figures,
            FieldLabels::field(reportKind, QStringLiteral("activities")).toHtmlEscaped(),
            escaped(text(fields, "activities")),
            FieldLabels::field(reportKind, QStringLiteral("difficulties")).toHtmlEscaped(),
            escaped(text(fields, "difficulties")),
            FieldLabels::field(reportKind, QStringLiteral("recommendations")).toHtmlEscaped(),
            escaped(text(fields, "recommendations")), ReportsPage::tr("To:").toHtmlEscaped(),
            (province ? ReportsPage::tr("The Standing Board of the Central Committee")
                      : ReportsPage::tr("The provincial Front committee"))
                .toHtmlEscaped(),
            ReportsPage::tr("Filed").toHtmlEscaped(),
            ReportsPage::tr("ON BEHALF OF THE STANDING BOARD").toHtmlEscaped(),
            ReportsPage::tr("CHAIR").toHtmlEscaped());
}

ReportsPage::ReportsPage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("reportsPage"));
    m_periodType = new QComboBox(this);
    m_periodType->setObjectName(QStringLiteral("periodType"));
    for (const char *type : { "monthly", "weekly" })
        m_periodType->addItem(FieldLabels::value(reportKind, QStringLiteral("period_type"), QString::fromLatin1(type)),
            QString::fromLatin1(type));
    m_period = new QLineEdit(this);
    m_period->setObjectName(QStringLiteral("period"));
    m_period->setAccessibleName(tr("Period"));
    m_draft = new QPushButton(tr("&Draft the report"), this);
    m_draft->setObjectName(QStringLiteral("draftReport"));
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("reports"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_edit = new QPushButton(tr("&Edit"), this);
    m_edit->setObjectName(QStringLiteral("editReport"));
    m_recompute = new QPushButton(tr("&Recompute the figures"), this);
    m_recompute->setObjectName(QStringLiteral("recompute"));
    m_submit = new QPushButton(tr("&Submit"), this);
    m_submit->setObjectName(QStringLiteral("submitReport"));
    m_accept = new QPushButton(tr("&Accept"), this);
    m_accept->setObjectName(QStringLiteral("acceptReport"));
    m_return = new QPushButton(tr("Re&turn…"), this);
    m_return->setObjectName(QStringLiteral("returnReport"));
    m_pdf = new QPushButton(tr("&PDF…"), this);
    m_pdf->setObjectName(QStringLiteral("reportPdf"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("reportMessage"));
    m_message->setWordWrap(true);

    m_overviewSummary = new QLabel(this);
    m_overviewSummary->setObjectName(QStringLiteral("overviewSummary"));
    m_overviewSummary->setWordWrap(true);
    m_overviewSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_overviewModel = new QStandardItemModel(this);
    m_overview = new QTableView(this);
    m_overview->setObjectName(QStringLiteral("overview"));
    m_overview->setModel(m_overviewModel);
    m_overview->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_overview->setSelectionMode(QAbstractItemView::SingleSelection);
    m_overview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_overview->setAlternatingRowColors(true);
    m_overview->verticalHeader()->setVisible(false);
    m_overview->setAccessibleName(tr("Reports of the communes for the period"));
    m_exportCsv = new QPushButton(tr("E&xport to Excel (CSV)…"), this);
    m_exportCsv->setObjectName(QStringLiteral("overviewCsv"));
    m_rollupPdf = new QPushButton(tr("Province re&port (PDF)…"), this);
    m_rollupPdf->setObjectName(QStringLiteral("rollupPdf"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_periodType);
    top->addWidget(m_period);
    top->addWidget(m_draft);
    top->addStretch();
    auto *actions = new QHBoxLayout;
    for (QPushButton *button : { m_edit, m_recompute, m_submit, m_accept, m_return, m_pdf })
        actions->addWidget(button);
    actions->addStretch();
    auto *list = new QWidget(this);
    auto *listLayout = new QVBoxLayout(list);
    listLayout->addWidget(m_table, 1);
    listLayout->addLayout(actions);
    listLayout->addWidget(m_message);
    auto *overviewActions = new QHBoxLayout;
    overviewActions->addWidget(m_exportCsv);
    overviewActions->addWidget(m_rollupPdf);
    overviewActions->addStretch();
    auto *overview = new QWidget(this);
    auto *overviewLayout = new QVBoxLayout(overview);
    overviewLayout->addWidget(m_overviewSummary);
    overviewLayout->addWidget(m_overview, 1);
    overviewLayout->addLayout(overviewActions);
    m_views = new QTabWidget(this);
    m_views->setObjectName(QStringLiteral("reportViews"));
    m_views->addTab(list, tr("&Reports"));
    m_views->addTab(overview, tr("Period &overview"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_views, 1);

    const auto setCurrentPeriod = [this] {
        m_period->setText(ReportFigures::periodOf(m_periodType->currentData().toString(), QDate::currentDate()));
    };
    setCurrentPeriod();
    connect(m_periodType, &QComboBox::currentIndexChanged, this, setCurrentPeriod);
    connect(m_period, &QLineEdit::textChanged, this, &ReportsPage::showOverview);
    connect(m_views, &QTabWidget::currentChanged, this, &ReportsPage::showOverview);
    connect(m_overview, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        // A commune's report opens in the list, where it is accepted or returned.
        const QString id = m_overviewModel->index(index.row(), 0).data(Qt::UserRole).toString();
        if (id.isEmpty() || !m_model)
            return;
        const int row = m_model->rowOf(id);
        if (row < 0)
            return;
        m_views->setCurrentIndex(0);
        m_table->setCurrentIndex(m_model->index(row, 0));
        m_table->setFocus(Qt::OtherFocusReason);
    });
    connect(m_exportCsv, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the overview"),
            QStringLiteral("tong-hop-%1.csv").arg(m_period->text().trimmed()), tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportOverviewCsv(path);
    });
    connect(m_rollupPdf, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the province report as PDF"),
            QStringLiteral("bao-cao-tong-hop-%1.pdf").arg(m_period->text().trimmed()), tr("PDF files (*.pdf)"));
        if (!path.isEmpty())
            exportRollupPdf(path);
    });
    connect(m_draft, &QPushButton::clicked, this, &ReportsPage::draft);
    connect(m_edit, &QPushButton::clicked, this, &ReportsPage::editSelected);
    connect(m_recompute, &QPushButton::clicked, this, &ReportsPage::recompute);
    connect(m_submit, &QPushButton::clicked, this, [this] { moveSelected(QStringLiteral("submitted")); });
    connect(m_accept, &QPushButton::clicked, this, [this] { moveSelected(QStringLiteral("accepted")); });
    connect(m_return, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString reason = QInputDialog::getMultiLineText(
            this, tr("Return the report"), tr("Why is it returned? The commune reads this."), QString(), &ok);
        if (ok)
            moveSelected(QStringLiteral("returned"), reason);
    });
    connect(m_pdf, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save the report as PDF"), QStringLiteral("bao-cao.pdf"), tr("PDF files (*.pdf)"));
        if (!path.isEmpty())
            exportPdf(path);
    });
    setReplica(nullptr, {}, std::nullopt);
}

void ReportsPage::setReplica(ReplicaStore *store, const QString &scope, std::optional<Role> role)
{
    if (m_form)
        m_form->reject();
    m_store = store;
    m_scope = scope;
    m_role = role;
    m_table->setModel(nullptr);
    delete m_model;
    m_model = nullptr;
    if (store) {
        m_model = new RecordListModel(store, this);
        const auto field = [](const char *name) {
            return [name](const QJsonObject &fields) {
                const QString value = fields.value(QLatin1String(name)).toString();
                return QVariant(FieldLabels::value(reportKind, QString::fromLatin1(name), value));
            };
        };
        m_model->setKind(reportKind,
            { { tr("Unit"), {}, [this](const ReplicaStore::ListRow &row) { return QVariant(unitName(row.scope)); } },
                { tr("Period"), [](const QJsonObject &fields) { return QVariant(periodText(fields)); } },
                { FieldLabels::field(reportKind, statusField), field("status") },
                { FieldLabels::field(reportKind, QStringLiteral("return_reason")),
                    [](const QJsonObject &fields) { return QVariant(text(fields, "return_reason")); } } });
        m_table->setModel(m_model);
        connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ReportsPage::updateActions);
    }
    // The drafting belongs to the commune; the level above accepts or returns, and oversees the period.
    const bool commune = role == Role::CommuneCadre || role == Role::CommuneChair;
    m_draft->setVisible(commune);
    m_draft->setEnabled(store != nullptr);
    m_views->setTabVisible(1, role == Role::ProvincialStaff);
    readUnitNames();
    updateActions();
    showOverview();
}

void ReportsPage::refresh()
{
    readUnitNames();
    if (m_model)
        m_model->refresh();
    updateActions();
    showOverview();
}

void ReportsPage::readUnitNames()
{
    m_unitNames.clear();
    if (!m_store)
        return;
    if (auto units = m_store->units()) {
        for (const UnitInfo &unit : units.value())
            m_unitNames.insert(unit.code, unit.name);
    }
}

QString ReportsPage::unitName(const QString &scope) const
{
    return m_unitNames.value(scope, scope);
}

QString ReportsPage::overviewSummary() const
{
    return m_overviewSummary->text();
}

namespace {

QString standingText(ReportRollup::Standing standing)
{
    switch (standing) {
    case ReportRollup::Standing::Missing:
        return ReportsPage::tr("No report");
    case ReportRollup::Standing::Draft:
        return ReportsPage::tr("Being drafted, not submitted");
    case ReportRollup::Standing::Returned:
        return ReportsPage::tr("Returned, not submitted again");
    case ReportRollup::Standing::Submitted:
        return ReportsPage::tr("Submitted, waiting for you");
    case ReportRollup::Standing::Accepted:
        return ReportsPage::tr("Accepted");
    }
    return {};
}

/// The report's figures (its Integer fields), in the schema's order.
QStringList figureFields()
{
    QStringList names;
    for (const RecordField &field : RecordSchema::registry().kind(reportKind)->fields) {
        if (field.type == FieldType::Integer)
            names.append(field.name);
    }
    return names;
}

} // namespace

void ReportsPage::showOverview()
{
    if (m_role != Role::ProvincialStaff || m_views->currentIndex() != 1) {
        m_overviewModel->clear();
        return;
    }
    const QString type = m_periodType->currentData().toString();
    const QString period = m_period->text().trimmed();
    m_overviewModel->clear();
    m_rollup.reset();
    m_exportCsv->setEnabled(false);
    m_rollupPdf->setEnabled(false);
    if (!m_store)
        return;
    if (!ReportFigures::range(type, period)) {
        m_overviewSummary->setText(
            tr("\"%1\" is not a period: write a month as 2026-11 or a week as 2026-W48.").arg(period));
        return;
    }
    auto rollup = ReportRollup::read(*m_store, m_scope, type, period);
    if (!rollup) {
        m_overviewSummary->setText(tr("The reports cannot be read: %1").arg(rollup.error().message));
        return;
    }
    if (rollup.value().lines.isEmpty()) {
        m_overviewSummary->setText(tr("The list of the province's communes is not on this computer yet. Sync (F5) "
                                      "while connected to the internet, then look again."));
        return;
    }
    const QStringList figures = figureFields();
    QStringList header { tr("Code"), tr("Unit"), tr("Report") };
    for (const QString &field : figures)
        header.append(FieldLabels::field(reportKind, field));
    m_overviewModel->setHorizontalHeaderLabels(header);
    const QLocale locale;
    const auto number = [&locale](const QJsonValue &value) {
        auto *item = new QStandardItem(locale.toString(qint64(value.toDouble())));
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        return item;
    };
    for (const ReportRollup::Line &line : rollup.value().lines) {
        QList<QStandardItem *> items { new QStandardItem(line.unit), new QStandardItem(line.name),
            new QStandardItem(standingText(line.standing)) };
        items.first()->setData(line.reportId, Qt::UserRole);
        for (const QString &field : figures)
            items.append(line.standing == ReportRollup::Standing::Missing ? new QStandardItem()
                                                                          : number(line.fields.value(field)));
        if (!line.isSent()) {
            for (QStandardItem *item : std::as_const(items))
                item->setForeground(QColor(0xb0, 0x00, 0x20));
        }
        m_overviewModel->appendRow(items);
    }
    const int sent = rollup.value().sentCount();
    QList<QStandardItem *> total { new QStandardItem(),
        new QStandardItem(tr("Province total (%n report(s) sent)", nullptr, sent)), new QStandardItem() };
    for (const QString &field : figures)
        total.append(number(rollup.value().totals.value(field)));
    QFont bold = m_overview->font();
    bold.setBold(true);
    for (QStandardItem *item : std::as_const(total))
        item->setFont(bold);
    m_overviewModel->appendRow(total);
    m_overview->resizeColumnsToContents();

    const QList<ReportRollup::Line> unsent = rollup.value().unsent();
    QStringList names;
    for (const ReportRollup::Line &line : unsent)
        names.append(line.name);
    const int communes = int(rollup.value().lines.size());
    m_overviewSummary->setText(unsent.isEmpty()
            ? tr("All %n commune(s) sent the report of %1.", nullptr, communes).arg(period)
            : tr("%1 of %n commune(s) sent the report of %2. Not sent yet: %3.", nullptr, communes)
                  .arg(QString::number(sent), period, names.join(QStringLiteral(", "))));
    m_exportCsv->setEnabled(true);
    m_rollupPdf->setEnabled(true);
    m_rollup = std::move(rollup).value();
}

bool ReportsPage::exportOverviewCsv(const QString &path)
{
    if (m_overviewModel->rowCount() == 0)
        return false;
    QStringList header;
    for (int column = 0; column < m_overviewModel->columnCount(); ++column)
        header.append(m_overviewModel->horizontalHeaderItem(column)->text());
    QList<QStringList> rows;
    for (int row = 0; row < m_overviewModel->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < m_overviewModel->columnCount(); ++column) {
            const QStandardItem *item = m_overviewModel->item(row, column);
            QString cell = item ? item->text() : QString();
            // Numbers without grouping, so that Excel reads them as numbers.
            if (column >= 3)
                cell.remove(QLocale().groupSeparator());
            cells.append(cell);
        }
        rows.append(cells);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(RecordExport::csv(header, rows)) < 0 || !file.commit()) {
        m_overviewSummary->setText(tr("The file %1 could not be written: %2. Choose another folder and try again.")
                                       .arg(path, file.errorString()));
        return false;
    }
    m_overviewSummary->setText(tr("Saved to %1.").arg(path));
    return true;
}

bool ReportsPage::exportRollupPdf(const QString &path)
{
    if (!m_rollup || m_overviewModel->rowCount() == 0)
        return false;
    QStringList unsent;
    for (const ReportRollup::Line &line : m_rollup->unsent())
        unsent.append(line.name);
    QJsonObject fields = m_rollup->totals;
    fields.insert(QStringLiteral("period_type"), m_periodType->currentData().toString());
    fields.insert(QStringLiteral("period"), m_period->text().trimmed());
    fields.insert(QStringLiteral("activities"),
        tr("Compiled from the reports of %n commune(s).", nullptr, m_rollup->sentCount()));
    if (!unsent.isEmpty())
        fields.insert(
            QStringLiteral("difficulties"), tr("Not reported yet: %1.").arg(unsent.join(QStringLiteral(", "))));
    return writePdf(path, m_scope, fields);
}

RecordFormDialog *ReportsPage::openForm() const
{
    return m_form;
}

QString ReportsPage::message() const
{
    return m_message->text();
}

void ReportsPage::say(const QString &text)
{
    m_message->setText(text);
}

QString ReportsPage::selectedId() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() && m_model ? m_model->data(current, RecordListModel::RecordIdRole).toString() : QString();
}

QString ReportsPage::selectedState() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || !m_model)
        return {};
    return m_model->data(current, RecordListModel::FieldsRole).toJsonObject().value(statusField).toString();
}

void ReportsPage::updateActions()
{
    const QString state = selectedState();
    const RecordKind *kind = RecordSchema::registry().kind(reportKind);
    const auto allowed = [&](const char *to) {
        const Workflow::Transition *transition = kind->workflow->transition(state, QString::fromLatin1(to));
        return m_role && transition && transition->allows(*m_role);
    };
    const bool editable = !state.isEmpty() && !kind->workflow->isLocked(state, QStringLiteral("*"))
        && (m_role == Role::CommuneCadre || m_role == Role::CommuneChair);
    m_edit->setEnabled(editable);
    m_recompute->setEnabled(editable);
    m_submit->setVisible(m_role == Role::CommuneChair);
    m_submit->setEnabled(allowed("submitted"));
    m_accept->setVisible(m_role == Role::ProvincialStaff);
    m_accept->setEnabled(allowed("accepted"));
    m_return->setVisible(m_role == Role::ProvincialStaff);
    m_return->setEnabled(allowed("returned"));
    m_pdf->setEnabled(!state.isEmpty());
}

QString ReportsPage::draft()
{
    if (!m_store)
        return {};
    const QString type = m_periodType->currentData().toString();
    const QString period = m_period->text().trimmed();
    const auto figures = ReportFigures::compute(*m_store, m_scope, type, period);
    if (!figures) {
        say(figures.error().code == ReportFigures::Error::BadPeriod
                ? tr("\"%1\" is not a period: write a month as 2026-11 or a week as 2026-W48.").arg(period)
                : tr("The figures cannot be computed: %1").arg(figures.error().message));
        return {};
    }
    // One report per unit and period.
    ReplicaStore::ListQuery query;
    query.kind = reportKind;
    query.filters.insert(QStringLiteral("period_type"), type);
    query.filters.insert(QStringLiteral("period"), period);
    if (const auto keys = m_store->listKeys(query); keys) {
        if (const auto rows = m_store->listRows(keys.value()); rows) {
            for (const ReplicaStore::ListRow &row : rows.value()) {
                if (row.scope == m_scope) {
                    say(tr("The report of %1 exists already: open it to edit it.").arg(periodText(row.fields)));
                    return {};
                }
            }
        }
    }
    QJsonObject fields = figures.value();
    fields.insert(QStringLiteral("period_type"), type);
    fields.insert(QStringLiteral("period"), period);
    const auto created = m_store->create(reportKind, m_scope, fields);
    if (!created) {
        say(tr("The report could not be saved: %1").arg(created.error().message));
        return {};
    }
    m_model->refresh();
    const int row = m_model->rowOf(created.value());
    m_table->setCurrentIndex(m_model->index(row, 0));
    say(tr("Report drafted with the figures of the registries. Add the narrative, then the Front chair submits it."));
    Q_EMIT reportsChanged();
    return created.value();
}

void ReportsPage::editSelected()
{
    const QString id = selectedId();
    if (!m_store || id.isEmpty() || m_form || !m_edit->isEnabled())
        return;
    m_form = new RecordFormDialog(m_store, reportKind, m_scope, id, this);
    m_form->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_form, &QDialog::accepted, this, [this] {
        refresh();
        Q_EMIT reportsChanged();
    });
    m_form->open();
}

bool ReportsPage::recompute()
{
    const QString id = selectedId();
    if (!m_store || id.isEmpty() || !m_recompute->isEnabled())
        return false;
    const QJsonObject fields = m_model->data(m_table->currentIndex(), RecordListModel::FieldsRole).toJsonObject();
    const QString scope = m_model->data(m_table->currentIndex(), RecordListModel::ScopeRole).toString();
    const auto figures = ReportFigures::compute(*m_store, scope, text(fields, "period_type"), text(fields, "period"));
    if (!figures || !m_store->update(id, figures.value())) {
        say(tr("The figures could not be computed again."));
        return false;
    }
    refresh();
    say(tr("Figures computed again from the registries."));
    Q_EMIT reportsChanged();
    return true;
}

bool ReportsPage::moveSelected(const QString &to, const QString &reason)
{
    const QString id = selectedId();
    const QString from = selectedState();
    if (!m_store || id.isEmpty())
        return false;
    const Workflow::Transition *transition = RecordSchema::registry().kind(reportKind)->workflow->transition(from, to);
    if (!transition || !m_role || !transition->allows(*m_role)) {
        say(tr("You cannot do that with this report."));
        return false;
    }
    QJsonObject fields;
    if (to == QLatin1String("returned")) {
        if (reason.trimmed().isEmpty()) {
            say(tr("Say why the report is returned: the commune needs it to correct the report."));
            return false;
        }
        fields.insert(QStringLiteral("return_reason"), reason.trimmed());
    }
    if (auto moved = m_store->transition(id, statusField, from, to, fields); !moved) {
        say(tr("The report could not be changed: %1").arg(moved.error().message));
        return false;
    }
    refresh();
    say(tr("Done. The change goes to the server at the next sync."));
    Q_EMIT reportsChanged();
    return true;
}

bool ReportsPage::exportPdf(const QString &path)
{
    const QModelIndex current = m_table->currentIndex();
    if (!m_model || !current.isValid())
        return false;
    return writePdf(path, m_model->data(current, RecordListModel::ScopeRole).toString(),
        m_model->data(current, RecordListModel::FieldsRole).toJsonObject());
}

bool ReportsPage::writePdf(const QString &path, const QString &scope, const QJsonObject &fields)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    // Decree 30/2020 margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
    writer.setPageMargins(QMarginsF(30, 20, 15, 20), QPageLayout::Millimeter);
    writer.setTitle(tr("Report %1").arg(periodText(fields)));
    QTextDocument document;
    document.setHtml(documentHtml(scope, fields, m_unitNames.value(scope)));
    document.print(&writer);
    if (!QFileInfo(path).isFile() || QFileInfo(path).size() == 0) {
        say(tr("The file %1 could not be written. Choose another folder and try again.").arg(path));
        return false;
    }
    say(tr("Saved to %1.").arg(path));
    return true;
}

} // namespace mts
