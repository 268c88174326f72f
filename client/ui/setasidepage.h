// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace mts {

class RecordFormDialog;
class ReplicaStore;

/// The changes held back from sync (DESIGN.md, "Set aside"), one line per record with why: refused by the
/// server, or waiting behind a refused change of a record it refers to. The cadre fixes a record in its form
/// and sends its changes again as one (ReplicaStore::resendSetAside()), or saves them all to a file to keep.
/// Nothing set aside blocks the other records' sync.
class SetAsidePage : public QWidget {
    Q_OBJECT
public:
    explicit SetAsidePage(QWidget *parent = nullptr);

    /// Shows the set-aside changes of `store` (nullptr: none). `store` must outlive the page or be replaced first.
    void setReplica(ReplicaStore *store);
    /// Reads them again (after a sync or an edit).
    void refresh();

    QTreeWidget *list() const { return m_list; }
    /// The fix form open now; nullptr when none is.
    RecordFormDialog *openForm() const;
    /// Opens the fix form of the selected record.
    void fixSelected();
    /// Writes the set-aside changes to `path` as JSON (values in clear); false and a message on failure.
    bool exportTo(const QString &path);

Q_SIGNALS:
    /// A record's changes were sent again: they are pending once more.
    void resent();
    /// How many records have changes set aside (for a tab's title).
    void countChanged(int records);

private:
    ReplicaStore *m_store = nullptr;
    QLabel *m_summary;
    QTreeWidget *m_list;
    QPushButton *m_fix;
    QPushButton *m_export;
    QPointer<RecordFormDialog> m_form;
};

} // namespace mts
