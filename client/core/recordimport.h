// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/csvreader.h"
#include "shared/error.h"
#include "shared/recordschema.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace mts {

class ReplicaStore;

/// An import of a CSV file, as cadres keep their lists in Excel, into one record kind of the registries: the file
/// read, its columns mapped to the kind's fields, every row typed and checked, then the good rows created in one
/// transaction. The CLI's `import` and the desktop's import dialog share it.
///
/// Typical use: read() → show header() and mapping(), let the cadre change it (setMapping(), or guessMapping()
/// with the UI's labels) → check() → show the rows with problems → write() the CheckedRow::fields of the rows
/// without problems.
///
/// Columns of Reference fields (a record id, which a spreadsheet does not know), of Blob fields (a file) and the
/// workflow field of a kind (a new record starts in the workflow's initial state) cannot be imported: they are
/// never mapped, and a mapping that names them leaves the column ignored.
class RecordImport {
public:
    enum class Error {
        /// Not UTF-8 text, or a quote that is never closed or stands inside an unquoted value (CsvReader's
        /// errors); the message says on which line when it is known.
        Unreadable,
        /// The file holds no line with anything in it, not even the column titles.
        Empty,
        /// `kind` is not a record kind of this build's RecordSchema.
        UnknownKind,
    };
    /// Why read() failed: a code the UI translates and a message in English (logs, the CLI). An mts::Error, so
    /// that read() returns an ordinary mts::Result: `result.error().code`, `result.error().message`.
    using Failure = mts::Error<Error>;

    /// An empty import: no kind, no columns, no rows (a member the dialog fills later with a read()).
    RecordImport() = default;

    /// Reads `data` (CSV, UTF-8 with or without BOM, ',' or ';' separated, the first line holding the column
    /// titles) for import into `kind`, and guesses the mapping from the titles (guessMapping() without aliases).
    /// Lines whose cells are all empty are skipped, before the titles too. A file with titles only is read
    /// fine, with rowCount() 0.
    [[nodiscard]] static Result<RecordImport, Error> read(const QByteArray &data, const QString &kind);

    /// The record kind the rows are imported into.
    QString kind() const { return m_kind; }
    /// The cells of the file's first line, trimmed.
    QStringList header() const { return m_header; }
    /// The number of data rows: the titles and blank lines (all cells empty) excluded.
    qsizetype rowCount() const { return m_rows.size(); }
    /// Data row `index` (0 ≤ index < rowCount()) as the file has it: its cells untrimmed, maybe fewer or more
    /// than header() has.
    const CsvRow &row(qsizetype index) const { return m_rows.at(index); }

    /// Per column of header(): the name of the field it fills, or an empty string when the column is ignored.
    QStringList mapping() const { return m_mapping; }
    /// Sets the mapping; `mapping` has one entry per column of header() (missing entries ignore their column,
    /// extra ones are dropped). A name that is not an importable field of the kind ignores its column, and so does
    /// a field named again after an earlier column (a field is filled from one column at most).
    void setMapping(const QStringList &mapping);
    /// Guesses the mapping from the column titles: a column fills a field when its title is the field's name, or
    /// when its folded title (foldForSearch(): case, tone and vowel marks and đ do not matter) equals the folded
    /// field name or the folded form of one of `aliases[field]` (the UI passes its Vietnamese labels, e.g.
    /// "Họ", "Tên đệm", "Ngày sinh", so that "HO" and "ngay sinh" match too). Each field is filled from one column
    /// at most: the first column that matches it wins. Other columns are ignored. read() calls it without
    /// aliases.
    void guessMapping(const QHash<QString, QStringList> &aliases = {});

    /// One data row typed and checked.
    struct CheckedRow {
        /// The 1-based line of the file the row starts on (CsvRow::line), for messages cadres can act on.
        int line = 0;
        /// The typed values of the row's mapped, non-empty cells that could be typed.
        QJsonObject fields;
        /// What is wrong with the row: the cells that could not be typed, then RecordSchema::validate() of
        /// `fields` as a create. Empty: the row can be imported.
        QList<FieldProblem> problems;

        bool isImportable() const { return problems.isEmpty(); }
    };
    /// Every data row typed by the kind's schema through the current mapping, and checked. A cell is trimmed; an
    /// empty cell is left out (not null), and so are the cells a row shorter than header() lacks; the cells of a
    /// row longer than header() are ignored. By the field's type:
    /// - Text: the text in NFC (normalizeText()).
    /// - Date: day, month, year as `dd/MM/yyyy` or `d/M/yyyy`, with '/', '.' or '-' between them, or `yyyy-MM-dd`
    ///   (also `yyyy-M-d`); stored as `yyyy-MM-dd`. Anything else, or a day that does not exist (31/02/1990), is a
    ///   FieldProblem::Code::BadDate and the value is left out.
    /// - Integer: ASCII digits with an optional leading '-'; thousands may be separated by '.', ',' or a space
    ///   (also a no-break space), the same separator throughout and only in groups of three: "1.000.000",
    ///   "1,000", "1 000". Anything else ("12,5", "1.00") is FieldProblem::Code::WrongType, value left out. Values
    ///   below the field's minimum are RecordSchema::validate()'s OutOfRange.
    /// - Boolean: true/1/x/có for true and false/0/không for false, ignoring case and diacritics (foldForSearch()),
    ///   so "Có", "co", "X", "KHONG" work; anything else is FieldProblem::Code::WrongType, value left out.
    /// - Enum: a stored value, or text whose folded form equals the folded form of a stored value or of a label in
    ///   `valueAliases[field]` (label → stored value; the UI passes its labels, e.g. "Nam" → "male", so "nam",
    ///   "NỮ" and "Nu" work). Other text is kept and validate() calls it FieldProblem::Code::NotAllowed.
    /// - Reference, Blob and the workflow field: never mapped (see the class).
    ///
    /// A required field whose cell could not be typed gets that problem only, not Missing as well.
    QList<CheckedRow> check(const QHash<QString, QHash<QString, QString>> &valueAliases = {}) const;

    enum class WriteError {
        /// `progress` returned false: nothing was kept.
        Cancelled,
        /// The store could not create a record (SQLite failed, the store is not open, the scope or a field name
        /// cannot be stored); the message has the store's words. Nothing was kept.
        Database,
    };
    /// Why write() failed: a code and the store's message (English).
    using WriteFailure = mts::Error<WriteError>;
    /// How often write() reports progress: after every this many records (and at the end).
    static constexpr int progressInterval = 250;
    /// Creates `records` (the CheckedRow::fields of the importable rows) of `kind` in `scope` (its written form)
    /// on the open `store`, in ONE transaction (ReplicaStore::writeBatch()): all of them are queued for the next
    /// sync, or none. Calls `progress(done, total)` after every progressInterval records and once at the end
    /// (also for no records: (0, 0)); when it returns false, the transaction is rolled back and the result is
    /// WriteError::Cancelled. The fields are not checked again here. Returns the number of records created.
    ///
    /// Runs on the calling thread: a UI keeps itself responsive from `progress`.
    [[nodiscard]] static Result<int, WriteError> write(ReplicaStore &store, const QString &kind, const QString &scope,
        const QList<QJsonObject> &records, const std::function<bool(int done, int total)> &progress = {});

private:
    /// The field a column may fill: the kind's field `name` unless it cannot be imported; nullptr otherwise.
    const RecordField *importableField(const QString &name) const;

    QString m_kind;
    // In RecordSchema::registry(), which lives as long as the program.
    const RecordKind *m_recordKind = nullptr;
    QStringList m_header;
    QList<CsvRow> m_rows;
    QStringList m_mapping;
};

} // namespace mts
