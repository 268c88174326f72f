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
///
/// Lists kept in Excel often hold a person's name in one column ("Họ và tên"): for a kind with the three parts of
/// a name (person), a column may be mapped to fullNameField, which check() splits into them.
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

    /// The pseudo-field a column holding a person's whole name maps to (never the name of a schema field): check()
    /// splits the name into `surname`, `middle_name` and `given_name`. Accepted by kinds with those three fields
    /// (acceptsFullName()); elsewhere it ignores its column like any name that is not a field.
    static inline const QString fullNameField = QStringLiteral("*full_name");
    /// How many non-blank lines at the top of a file read() searches for the column titles.
    static constexpr int headerSearchLines = 10;

    /// Reads `data` (CSV, UTF-8 with or without BOM, ',' or ';' separated) for import into `kind`, finds the line
    /// of column titles and guesses the mapping from them (guessMapping() with `aliases`).
    ///
    /// The separator is the one of ',' and ';' that splits the most of the first lines into the same number (more
    /// than one) of cells, so that title lines above the columns ("DANH SÁCH HỘ NGHÈO NĂM 2025", the unit's
    /// name) do not mislead it; when both split as many, the one more frequent on the first line.
    ///
    /// Lines whose cells are all empty are skipped everywhere. The column titles are on the first of the first
    /// headerSearchLines non-blank lines with the most cells that guessMapping() would map (field names, the
    /// folded `aliases`, the full-name titles); on the first non-blank line when no line has any. The lines above
    /// them are not imported. A file with titles only is read fine, with rowCount() 0.
    [[nodiscard]] static Result<RecordImport, Error> read(
        const QByteArray &data, const QString &kind, const QHash<QString, QStringList> &aliases = {});

    /// The record kind the rows are imported into.
    QString kind() const { return m_kind; }
    /// Whether the kind has the three parts of a name, so that a column may map to fullNameField.
    bool acceptsFullName() const;

    /// The number of non-blank lines of the file (lines with a cell that is not empty), titles included.
    qsizetype nonBlankLineCount() const { return m_lines.size(); }
    /// Non-blank line `index` (0 ≤ index < nonBlankLineCount()) as the file has it; CsvRow::line is its line in
    /// the file.
    const CsvRow &nonBlankLine(qsizetype index) const { return m_lines.at(index); }
    /// Which of the non-blank lines holds the column titles: an index for nonBlankLine(), not a file line.
    int headerRow() const { return m_headerRow; }
    /// Takes the column titles from non-blank line `index` instead (the lines above it are then not imported,
    /// those below it are the data rows), and guesses the mapping again with the aliases of the last guess. An
    /// index outside 0 ≤ index < nonBlankLineCount() is ignored.
    void setHeaderRow(int index);

    /// The cells of the line of column titles (headerRow()), trimmed.
    QStringList header() const { return m_header; }
    /// The number of data rows: the non-blank lines below the titles.
    qsizetype rowCount() const { return m_lines.isEmpty() ? 0 : m_lines.size() - m_headerRow - 1; }
    /// Data row `index` (0 ≤ index < rowCount()) as the file has it: its cells untrimmed, maybe fewer or more
    /// than header() has.
    const CsvRow &row(qsizetype index) const { return m_lines.at(m_headerRow + 1 + index); }

    /// Per column of header(): the name of the field it fills (or fullNameField), or an empty string when the
    /// column is ignored.
    QStringList mapping() const { return m_mapping; }
    /// Sets the mapping; `mapping` has one entry per column of header() (missing entries ignore their column,
    /// extra ones are dropped). A name that is not an importable field of the kind (nor fullNameField where the
    /// kind accepts it) ignores its column, and so does a field named again after an earlier column (a field is
    /// filled from one column at most).
    void setMapping(const QStringList &mapping);
    /// Guesses the mapping from the column titles: a column fills a field when its title is the field's name, or
    /// when its folded title (foldForSearch(): case, tone and vowel marks and đ do not matter) equals the folded
    /// field name or the folded form of one of `aliases[field]` (the UI passes its Vietnamese labels, e.g.
    /// "Họ", "Tên đệm", "Ngày sinh", so that "HO" and "ngay sinh" match too). Each field is filled from one column
    /// at most: the first column that matches it wins. Other columns are ignored.
    ///
    /// Where the kind accepts fullNameField, the first column titled "Họ và tên", "Họ tên" or "Full name" (also
    /// folded: "HỌ VÀ TÊN", "Ho va ten", "full_name"), or a folded `aliases[fullNameField]`, maps to it, unless
    /// another column fills `surname` or `given_name`: a list with separate name columns imports those.
    ///
    /// The aliases are kept for setHeaderRow().
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
    /// - fullNameField: the name in NFC split on white space (runs of it count once), as Vietnamese orders a name:
    ///   the first word is the surname (họ), the last word the given name (tên), the words between them the middle
    ///   name (tên đệm): "Lê Thị Thu Hà" is Lê / Thị Thu / Hà. A single word is the given name only, so the
    ///   surname is Missing. A part whose own column is mapped and not empty on the row keeps that column's value.
    ///   A compound surname (Hoàng Phủ) or a two-word given name cannot be told apart: their words are split the
    ///   same way, and the cadre corrects the record or gives the parts their own columns.
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
    /// The mapping guessMapping() gives columns titled `titles` (trimmed).
    QStringList guessedMapping(const QStringList &titles, const QHash<QString, QStringList> &aliases) const;

    QString m_kind;
    // In RecordSchema::registry(), which lives as long as the program.
    const RecordKind *m_recordKind = nullptr;
    // The non-blank lines of the file: the titles at m_headerRow, the data rows after them.
    QList<CsvRow> m_lines;
    int m_headerRow = 0;
    QStringList m_header;
    QStringList m_mapping;
    QHash<QString, QStringList> m_aliases;
};

} // namespace mts
