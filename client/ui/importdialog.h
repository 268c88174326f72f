// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/recordimport.h"

#include <QDialog>

#include <atomic>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QThread;

namespace mts {

/// Imports a CSV file (a list kept in Excel) into one registry: the line of column titles (found below the list's
/// own title lines, and changeable), the file's first rows as a preview, a list under each column title to say
/// which field it fills (guessed from the titles, Vietnamese or not; a person's full name may be split into its
/// three parts), every row checked with the schema and each problem listed with its line, and nothing imported
/// while a problem remains unless the cadre ticks "import only the valid rows". The import runs on a thread of its
/// own with its own connection to the replica, in one transaction: the window stays responsive, a progress bar
/// moves, and Cancel keeps nothing.
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    /// Imports into `kind` in `scope` of the replica at `replicaPath`, opened with `dataKey` by the import thread.
    ImportDialog(const QString &replicaPath, const QByteArray &dataKey, const QString &kind, const QString &scope,
        QWidget *parent = nullptr);
    ~ImportDialog() override;

    /// Reads `path` and shows it checked; false (with the reason shown) when it cannot be read.
    bool loadFile(const QString &path);
    /// Makes column `column` fill `field` (empty: ignore the column), and checks the rows again.
    void setColumnField(int column, const QString &field);
    /// Takes the column titles from the file's line `line` (1-based, as the list shows it; a line that is not one
    /// of the choices is ignored), guesses the mapping again and checks the rows again.
    void setHeaderLine(int line);

    /// The choice of the line holding the column titles: one item per candidate line, its data the file line.
    QComboBox *headerLine() const { return m_headerLine; }
    QTableWidget *preview() const { return m_preview; }
    QListWidget *problems() const { return m_problems; }
    QCheckBox *onlyValidRows() const { return m_onlyValid; }
    QPushButton *importButton() const { return m_import; }
    QProgressBar *progressBar() const { return m_progress; }
    QString summary() const;
    /// Whether an import runs now.
    bool isImporting() const { return m_thread != nullptr; }
    /// Records imported by the last import; -1 before one ended.
    int imported() const { return m_imported; }

    /// Starts the import of the rows the checks allow.
    void startImport();
    /// Stops the import in progress: nothing of it is kept.
    void cancelImport();

Q_SIGNALS:
    /// The import ended: `imported` records (0 when cancelled or failed; `message` says why).
    void importEnded(int imported, const QString &message);

protected:
    void reject() override;

private:
    void check();
    void showHeaderLines();
    void showPreview();
    void updateButtons();
    void importProgress(int done, int total);
    void importDone(int imported, bool cancelled, const QString &error);

    QString m_replicaPath;
    QByteArray m_dataKey;
    QString m_kind;
    QString m_scope;
    std::optional<RecordImport> m_file;
    QList<RecordImport::CheckedRow> m_checked;
    int m_validRows = 0;
    int m_imported = -1;

    QPushButton *m_choose;
    QLabel *m_fileLabel;
    QComboBox *m_headerLine;
    QTableWidget *m_preview;
    QListWidget *m_problems;
    QLabel *m_summary;
    QCheckBox *m_onlyValid;
    QProgressBar *m_progress;
    QPushButton *m_import;
    QPushButton *m_close;
    QThread *m_thread = nullptr;
    std::atomic_bool m_cancel { false };
};

} // namespace mts
