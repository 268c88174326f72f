// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportspage.h"

#include "client/core/replicastore.h"
#include "client/core/reportfigures.h"
#include "client/ui/fieldlabels.h"
#include "client/ui/recordformdialog.h"
#include "client/ui/recordlistmodel.h"

#include <QComboBox>
#include <QDate>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPageLayout>
#include <QPdfWriter>
#include <QPushButton>
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

QString ReportsPage::documentHtml(const QString &scope, const QJsonObject &fields)
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
    const QString unit
        = scope.startsWith(QLatin1String("C:")) ? ReportsPage::tr("COMMUNE %1").arg(scope.mid(2)) : scope;
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
                .arg(unit, vietnamese.toString(today, QStringLiteral("'ngày' dd 'tháng' MM 'năm' yyyy")))
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
            ReportsPage::tr("The provincial Front committee").toHtmlEscaped(), ReportsPage::tr("Filed").toHtmlEscaped(),
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

    auto *top = new QHBoxLayout;
    top->addWidget(m_periodType);
    top->addWidget(m_period);
    top->addWidget(m_draft);
    top->addStretch();
    auto *actions = new QHBoxLayout;
    for (QPushButton *button : { m_edit, m_recompute, m_submit, m_accept, m_return, m_pdf })
        actions->addWidget(button);
    actions->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addLayout(actions);
    layout->addWidget(m_message);

    const auto setCurrentPeriod = [this] {
        m_period->setText(ReportFigures::periodOf(m_periodType->currentData().toString(), QDate::currentDate()));
    };
    setCurrentPeriod();
    connect(m_periodType, &QComboBox::currentIndexChanged, this, setCurrentPeriod);
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
            { { tr("Unit"), {}, [](const ReplicaStore::ListRow &row) { return QVariant(row.scope); } },
                { tr("Period"), [](const QJsonObject &fields) { return QVariant(periodText(fields)); } },
                { FieldLabels::field(reportKind, statusField), field("status") },
                { FieldLabels::field(reportKind, QStringLiteral("return_reason")),
                    [](const QJsonObject &fields) { return QVariant(text(fields, "return_reason")); } } });
        m_table->setModel(m_model);
        connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ReportsPage::updateActions);
    }
    // The drafting belongs to the commune; the level above only accepts or returns.
    const bool commune = role == Role::CommuneCadre || role == Role::CommuneChair;
    m_draft->setVisible(commune);
    m_periodType->setVisible(commune);
    m_period->setVisible(commune);
    m_draft->setEnabled(store != nullptr);
    updateActions();
}

void ReportsPage::refresh()
{
    if (m_model)
        m_model->refresh();
    updateActions();
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
    const QJsonObject fields = m_model->data(current, RecordListModel::FieldsRole).toJsonObject();
    const QString scope = m_model->data(current, RecordListModel::ScopeRole).toString();
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    // Decree 30/2020 margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
    writer.setPageMargins(QMarginsF(30, 20, 15, 20), QPageLayout::Millimeter);
    writer.setTitle(tr("Report %1").arg(periodText(fields)));
    QTextDocument document;
    document.setHtml(documentHtml(scope, fields));
    document.print(&writer);
    if (!QFileInfo(path).isFile() || QFileInfo(path).size() == 0) {
        say(tr("The file %1 could not be written. Choose another folder and try again.").arg(path));
        return false;
    }
    say(tr("Saved to %1.").arg(path));
    return true;
}

} // namespace mts
