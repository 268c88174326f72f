// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/recordschema.h"

#include <QDialog>
#include <QHash>
#include <QJsonObject>

class QLabel;
class QFormLayout;

namespace mts {

class ReplicaStore;

/// The form of one record, built from its kind's schema: a line for each text, number and date (written
/// dd/mm/yyyy, stored yyyy-MM-dd), a list for each choice and yes/no. Saving checks the values with the same
/// RecordSchema::validate() the server runs and shows each problem in Vietnamese under its field, focusing the
/// first; nothing is saved while one remains. RecordSchema::advise() warnings (a citizen ID that contradicts the
/// sex or year of birth) are shown once and do not block: pressing Save again saves. A new record gets every
/// filled field; an edit sends only the fields changed. Saved offline, with its queued change, in one transaction
/// (ReplicaStore::saveLocal()).
///
/// A link to another record (a Reference field: a membership's person) is chosen by typing part of its name
/// (ReferenceEdit). Files are not edited here yet; an edit keeps them as they are.
class RecordFormDialog : public QDialog {
    Q_OBJECT
public:
    /// A form for record `recordId` of `kind` (empty: a new record in `scope`). `store` must outlive the dialog.
    RecordFormDialog(ReplicaStore *store, const QString &kind, const QString &scope, const QString &recordId = {},
        QWidget *parent = nullptr);
    /// The form to fix and resend the set-aside changes of record `recordId` (DESIGN.md, "Set aside"): it shows
    /// `values` (the record as those changes would make it) and saving resends them with what the cadre changed,
    /// as one new change (ReplicaStore::resendSetAside()). `isNew`: they create the record, so every required
    /// field is checked.
    static RecordFormDialog *toResend(ReplicaStore *store, const QString &kind, const QString &recordId,
        const QJsonObject &values, bool isNew, QWidget *parent = nullptr);

    /// The id of the record saved; empty until accepted.
    QString savedId() const { return m_savedId; }
    /// The editor of `field` (a QLineEdit, a ReferenceEdit or a QComboBox); nullptr when the form has none.
    QWidget *editor(const QString &field) const { return m_editors.value(field); }
    /// The message shown under `field`; empty when there is none.
    QString message(const QString &field) const;
    /// What the form says above its fields (a failure to save); empty otherwise.
    QString banner() const;

    /// Checks and saves; closes only when saved.
    void accept() override;

private:
    RecordFormDialog(ReplicaStore *store, const QString &kind, const QString &scope, const QString &recordId,
        const QJsonObject *values, QWidget *parent);

    struct Read {
        QJsonObject set;
        QList<FieldProblem> problems;
    };
    Read readValues() const;
    void showMessage(const QString &field, const QString &text, bool warning);
    void clearMessages();

    ReplicaStore *m_store;
    QString m_kind;
    QString m_scope;
    QString m_recordId;
    QString m_savedId;
    const RecordKind *m_recordKind = nullptr;
    QJsonObject m_original;
    QFormLayout *m_form;
    QLabel *m_banner;
    QHash<QString, QWidget *> m_editors;
    QHash<QString, QLabel *> m_messages;
    // Fixing set-aside changes: saving resends them (and checks the whole record, as a create when `m_resendNew`).
    bool m_resend = false;
    bool m_resendNew = false;
    // The warnings last shown: the same again on Save means the cadre has read them.
    QStringList m_shownWarnings;
};

} // namespace mts
