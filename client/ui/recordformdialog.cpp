// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordformdialog.h"

#include "client/core/replicastore.h"
#include "client/ui/fieldlabels.h"
#include "client/ui/referenceedit.h"

#include <QComboBox>
#include <QDate>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace mts {

namespace {

const QString dateFormat = QStringLiteral("dd/MM/yyyy");

bool isEdited(FieldType type)
{
    return type != FieldType::Blob;
}

/// A date as the cadre writes it: d/M/yyyy (or with dots or dashes); invalid QDate otherwise.
QDate parseDate(const QString &text)
{
    for (const char *format : { "d/M/yyyy", "d.M.yyyy", "d-M-yyyy" }) {
        const QDate date = QDate::fromString(text, QString::fromLatin1(format));
        if (date.isValid())
            return date;
    }
    return {};
}

} // namespace

RecordFormDialog::RecordFormDialog(
    ReplicaStore *store, const QString &kind, const QString &scope, const QString &recordId, QWidget *parent)
    : RecordFormDialog(store, kind, scope, recordId, nullptr, parent)
{
}

RecordFormDialog *RecordFormDialog::toResend(ReplicaStore *store, const QString &kind, const QString &recordId,
    const QJsonObject &values, bool isNew, QWidget *parent)
{
    auto *dialog = new RecordFormDialog(store, kind, QString(), recordId, &values, parent);
    dialog->m_resend = true;
    dialog->m_resendNew = isNew;
    dialog->setWindowTitle(tr("Fix and send again: %1").arg(FieldLabels::kindTitle(kind)));
    return dialog;
}

RecordFormDialog::RecordFormDialog(ReplicaStore *store, const QString &kind, const QString &scope,
    const QString &recordId, const QJsonObject *values, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_kind(kind)
    , m_scope(scope)
    , m_recordId(recordId)
    , m_recordKind(RecordSchema::registry().kind(kind))
{
    setObjectName(QStringLiteral("recordForm"));
    setWindowTitle(recordId.isEmpty() ? tr("New record: %1").arg(FieldLabels::kindTitle(kind))
                                      : tr("Edit record: %1").arg(FieldLabels::kindTitle(kind)));
    if (values) {
        m_original = *values;
    } else if (!recordId.isEmpty()) {
        if (auto read = store->record(recordId))
            m_original = read.value();
    }

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_banner->hide();

    auto *fields = new QWidget(this);
    m_form = new QFormLayout(fields);
    if (m_recordKind) {
        for (const RecordField &field : m_recordKind->fields) {
            if (!isEdited(field.type) || (m_recordKind->workflow && m_recordKind->workflow->field == field.name))
                continue;
            const QJsonValue value = m_original.value(field.name);
            QWidget *editor = nullptr;
            if (field.type == FieldType::Enum || field.type == FieldType::Boolean) {
                auto *combo = new QComboBox(fields);
                combo->addItem(QString(), QVariant());
                if (field.type == FieldType::Boolean) {
                    combo->addItem(tr("Yes"), true);
                    combo->addItem(tr("No"), false);
                    if (value.isBool())
                        combo->setCurrentIndex(combo->findData(value.toBool()));
                } else {
                    for (const QString &choice : field.values)
                        combo->addItem(FieldLabels::value(kind, field.name, choice), choice);
                    if (value.isString())
                        combo->setCurrentIndex(std::max(0, combo->findData(value.toString())));
                }
                editor = combo;
            } else if (field.type == FieldType::Reference) {
                auto *reference = new ReferenceEdit(store, field.refKind, fields);
                reference->setRecordId(value.toString());
                editor = reference;
            } else {
                auto *line = new QLineEdit(fields);
                if (field.type == FieldType::Date) {
                    line->setPlaceholderText(tr("dd/mm/yyyy"));
                    const QDate date = QDate::fromString(value.toString(), Qt::ISODate);
                    line->setText(date.isValid() ? date.toString(dateFormat) : value.toString());
                } else if (field.type == FieldType::Integer) {
                    line->setText(value.isDouble() ? QString::number(qint64(value.toDouble())) : QString());
                } else {
                    line->setText(value.toString());
                }
                editor = line;
            }
            editor->setObjectName(field.name);
            const QString label
                = FieldLabels::field(kind, field.name) + (field.required ? QStringLiteral(" *") : QString());
            editor->setAccessibleName(label);
            auto *message = new QLabel(fields);
            message->setObjectName(field.name + QStringLiteral("_message"));
            message->setWordWrap(true);
            message->hide();
            auto *cell = new QWidget(fields);
            auto *column = new QVBoxLayout(cell);
            column->setContentsMargins(0, 0, 0, 0);
            column->setSpacing(2);
            column->addWidget(editor);
            column->addWidget(message);
            auto *labelWidget = new QLabel(label, fields);
            labelWidget->setBuddy(editor);
            m_form->addRow(labelWidget, cell);
            m_editors.insert(field.name, editor);
            m_messages.insert(field.name, message);
        }
    }

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(fields);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setText(tr("Save"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &RecordFormDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &RecordFormDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(scroll, 1);
    layout->addWidget(buttons);
    resize(560, 640);
}

QString RecordFormDialog::message(const QString &field) const
{
    const QLabel *label = m_messages.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

QString RecordFormDialog::banner() const
{
    return m_banner->isHidden() ? QString() : m_banner->text();
}

RecordFormDialog::Read RecordFormDialog::readValues() const
{
    Read read;
    if (!m_recordKind)
        return read;
    for (const RecordField &field : m_recordKind->fields) {
        QWidget *editor = m_editors.value(field.name);
        if (!editor)
            continue;
        QJsonValue value = QJsonValue::Null;
        if (auto *combo = qobject_cast<QComboBox *>(editor)) {
            value = QJsonValue::fromVariant(combo->currentData());
            if (value.isUndefined())
                value = QJsonValue::Null;
        } else if (auto *reference = qobject_cast<ReferenceEdit *>(editor)) {
            if (reference->isUnresolved())
                read.problems.append({ FieldProblem::Code::BadReference, field.name, {} });
            else if (!reference->recordId().isEmpty())
                value = reference->recordId();
        } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
            const QString text = line->text().trimmed();
            if (!text.isEmpty()) {
                if (field.type == FieldType::Date) {
                    const QDate date = parseDate(text);
                    if (date.isValid())
                        value = date.toString(Qt::ISODate);
                    else
                        read.problems.append({ FieldProblem::Code::BadDate, field.name, {} });
                } else if (field.type == FieldType::Integer) {
                    bool ok = false;
                    const qint64 number = text.toLongLong(&ok);
                    if (ok)
                        value = double(number);
                    else
                        read.problems.append({ FieldProblem::Code::WrongType, field.name, {} });
                } else {
                    value = text;
                }
            }
        }
        const QJsonValue before = m_original.value(field.name);
        const bool wasEmpty = before.isUndefined() || before.isNull();
        if (m_recordId.isEmpty() ? !value.isNull() : (value != before && !(value.isNull() && wasEmpty)))
            read.set.insert(field.name, value);
    }
    return read;
}

void RecordFormDialog::showMessage(const QString &field, const QString &text, bool warning)
{
    QLabel *label = m_messages.value(field);
    if (!label)
        return;
    label->setText(text);
    label->setStyleSheet(warning ? QStringLiteral("color: #8a5300;") : QStringLiteral("color: #b00020;"));
    label->show();
}

void RecordFormDialog::clearMessages()
{
    for (QLabel *label : std::as_const(m_messages))
        label->hide();
    m_banner->hide();
}

void RecordFormDialog::accept()
{
    clearMessages();
    Read read = readValues();
    const bool isCreate = m_recordId.isEmpty();
    QList<FieldProblem> problems = read.problems;
    // A resend is checked whole: the server refused what it was, and takes the merged change as one.
    QJsonObject checked = read.set;
    if (m_resend) {
        checked = m_original;
        for (auto it = read.set.constBegin(); it != read.set.constEnd(); ++it)
            checked.insert(it.key(), it.value());
        if (m_recordKind && m_recordKind->workflow)
            checked.remove(m_recordKind->workflow->field);
    }
    for (const FieldProblem &problem :
        RecordSchema::registry().validate(m_kind, checked, m_resend ? m_resendNew : isCreate)) {
        const bool known = std::any_of(
            problems.cbegin(), problems.cend(), [&](const FieldProblem &p) { return p.field == problem.field; });
        if (!known)
            problems.append(problem);
    }
    if (!problems.isEmpty()) {
        for (const FieldProblem &problem : std::as_const(problems))
            showMessage(problem.field, FieldLabels::problem(m_kind, problem), false);
        // The first field in the form's order that needs correcting takes the focus.
        QWidget *first = nullptr;
        for (const RecordField &field : m_recordKind->fields) {
            const bool wrong = std::any_of(
                problems.cbegin(), problems.cend(), [&](const FieldProblem &p) { return p.field == field.name; });
            if (wrong && (first = m_editors.value(field.name)))
                break;
        }
        m_banner->setText(tr("Correct the fields marked below, then save again."));
        m_banner->show();
        if (first)
            first->setFocus(Qt::OtherFocusReason);
        return;
    }

    // Advice on the record as it will be: what it has, with what the form changes.
    QJsonObject merged = m_original;
    for (auto it = read.set.constBegin(); it != read.set.constEnd(); ++it)
        merged.insert(it.key(), it.value());
    QStringList warnings;
    for (const FieldProblem &advice : RecordSchema::registry().advise(m_kind, merged)) {
        const QString text = FieldLabels::problem(m_kind, advice);
        showMessage(advice.field, text, true);
        warnings.append(advice.field + QLatin1Char(':') + text);
    }
    if (!warnings.isEmpty() && warnings != m_shownWarnings) {
        m_shownWarnings = warnings;
        m_banner->setText(tr("Check the warnings below. Save again to keep the record as it is."));
        m_banner->show();
        return;
    }

    if (m_resend) {
        auto resent = m_store->resendSetAside(m_recordId, read.set);
        if (!resent) {
            m_banner->setText(tr("The changes could not be sent again: %1. They stay set aside; try again, and if "
                                 "it keeps failing, tell your administrator.")
                                  .arg(resent.error().message));
            m_banner->show();
            return;
        }
        m_savedId = m_recordId;
        QDialog::accept();
        return;
    }
    if (!isCreate && read.set.isEmpty()) {
        QDialog::accept();
        return;
    }
    auto saved = m_store->saveLocal(m_kind, m_scope, m_recordId, read.set);
    if (!saved) {
        m_banner->setText(tr("The record could not be saved: %1. Nothing was changed; try again, and if it keeps "
                             "failing, tell your administrator.")
                              .arg(saved.error().message));
        m_banner->show();
        return;
    }
    m_savedId = saved.value();
    QDialog::accept();
}

} // namespace mts
