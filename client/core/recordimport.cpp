// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordimport.h"

#include "client/core/replicastore.h"
#include "shared/textfold.h"

#include <QDate>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

#include <algorithm>
#include <optional>

namespace mts {

namespace {

bool isBlank(const CsvRow &row)
{
    return std::all_of(
        row.cells.cbegin(), row.cells.cend(), [](const QString &cell) { return cell.trimmed().isEmpty(); });
}

/// The 1-based line holding the first byte sequence that is not UTF-8; 0 when there is none. No byte of a
/// multi-byte UTF-8 sequence is a line feed, so each line can be decoded alone.
int firstNonUtf8Line(const QByteArray &data)
{
    int line = 1;
    qsizetype start = 0;
    while (start <= data.size()) {
        qsizetype end = data.indexOf('\n', start);
        if (end < 0)
            end = data.size();
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = decoder.decode(QByteArrayView(data).sliced(start, end - start));
        if (decoder.hasError())
            return line;
        start = end + 1;
        ++line;
    }
    return 0;
}

/// `text` as a `yyyy-MM-dd` date, from the forms cadres and Excel write; std::nullopt when it is none of them or
/// not a real day.
std::optional<QString> parseDate(const QString &text)
{
    // Day first, as Vietnamese writes dates, with the same separator twice: 05/03/1990, 5.3.1990, 5-3-1990.
    static const QRegularExpression dayFirst(QStringLiteral("^([0-9]{1,2})([/.-])([0-9]{1,2})\\2([0-9]{4})$"));
    static const QRegularExpression yearFirst(QStringLiteral("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$"));
    QDate date;
    if (const auto match = dayFirst.match(text); match.hasMatch())
        date = QDate(match.captured(4).toInt(), match.captured(3).toInt(), match.captured(1).toInt());
    else if (const auto iso = yearFirst.match(text); iso.hasMatch())
        date = QDate(iso.captured(1).toInt(), iso.captured(2).toInt(), iso.captured(3).toInt());
    if (!date.isValid())
        return std::nullopt;
    return date.toString(Qt::ISODate);
}

/// `text` as a whole number; std::nullopt when it is not one. Thousands separators must group by three, so that
/// a decimal fraction ("12,5") is refused rather than read as 125.
std::optional<qint64> parseInteger(const QString &text)
{
    static const QRegularExpression plain(QStringLiteral("^-?[0-9]+$"));
    // One separator used throughout: '.', ',', a space, a no-break space or a narrow no-break space (Excel's).
    static const QRegularExpression grouped(
        QStringLiteral("^-?[0-9]{1,3}([., \\x{00A0}\\x{202F}])[0-9]{3}(?:\\1[0-9]{3})*$"));
    QString digits;
    if (plain.match(text).hasMatch()) {
        digits = text;
    } else if (const auto match = grouped.match(text); match.hasMatch()) {
        digits = text;
        digits.remove(match.captured(1));
    } else {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 number = digits.toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return number;
}

std::optional<bool> parseBoolean(const QString &text)
{
    const QString folded = foldForSearch(text);
    if (folded == u"true" || folded == u"1" || folded == u"x" || folded == u"co")
        return true;
    if (folded == u"false" || folded == u"0" || folded == u"khong")
        return false;
    return std::nullopt;
}

/// The separator of `data`: ',' or ';', whichever splits the most of its first lines into the same number (more
/// than one) of cells; 0 (CsvReader's guess from the first line) when they split as many. A title line above the
/// columns has few separators or none, so the first line alone is not to be trusted.
char16_t detectSeparator(const QByteArray &data)
{
    // Records, not lines: a quoted cell may hold line breaks. Enough to see past a few title lines.
    constexpr int sampledRecords = 30;
    // Per separator: cells per record → how many records have that many.
    QHash<int, int> cellCounts[2];
    const char separators[2] = { ',', ';' };
    int cells[2] = { 1, 1 };
    bool quoted = false;
    int records = 0;
    const auto endRecord = [&] {
        for (int i = 0; i < 2; ++i) {
            if (cells[i] > 1)
                ++cellCounts[i][cells[i]];
            cells[i] = 1;
        }
        ++records;
    };
    // Byte by byte: ',', ';', '"' and line breaks never occur inside a multi-byte UTF-8 sequence.
    for (qsizetype i = 0; i < data.size() && records < sampledRecords; ++i) {
        const char c = data.at(i);
        if (c == '"') {
            quoted = !quoted;
        } else if (quoted) {
            continue;
        } else if (c == '\n' || c == '\r') {
            // CRLF, LF or (old Macs) CR alone, as CsvReader reads them.
            if (c == '\r' && i + 1 < data.size() && data.at(i + 1) == '\n')
                ++i;
            endRecord();
        } else {
            for (int s = 0; s < 2; ++s) {
                if (c == separators[s])
                    ++cells[s];
            }
        }
    }
    if (records < sampledRecords)
        endRecord();
    int agreeing[2] = { 0, 0 };
    for (int s = 0; s < 2; ++s) {
        for (const int count : std::as_const(cellCounts[s]))
            agreeing[s] = std::max(agreeing[s], count);
    }
    if (agreeing[0] == agreeing[1])
        return 0;
    return agreeing[0] > agreeing[1] ? u',' : u';';
}

/// The folded titles of a column holding a person's whole name. Folded (foldForSearch()), so that "Họ và tên",
/// "HỌ VÀ TÊN" and "Ho va ten" all match.
bool isFullNameTitle(const QString &folded)
{
    return folded == u"ho va ten" || folded == u"ho ten" || folded == u"full name" || folded == u"full_name";
}

} // namespace

Result<RecordImport, RecordImport::Error> RecordImport::read(
    const QByteArray &data, const QString &kind, const QHash<QString, QStringList> &aliases)
{
    const RecordKind *recordKind = RecordSchema::registry().kind(kind);
    if (!recordKind)
        return Failure { Error::UnknownKind, QStringLiteral("\"%1\" is not a record kind.").arg(kind) };
    auto parsed = CsvReader::parse(data, detectSeparator(data));
    if (!parsed) {
        QString message = parsed.error().message;
        if (parsed.error().code == CsvReader::Error::NotUtf8) {
            if (const int line = firstNonUtf8Line(data); line > 0)
                message = QStringLiteral("line %1: %2").arg(line).arg(message);
        }
        return Failure { Error::Unreadable, message };
    }

    RecordImport loaded;
    loaded.m_kind = recordKind->name;
    loaded.m_recordKind = recordKind;
    for (CsvRow &row : std::move(parsed).value()) {
        // CsvReader keeps lines of separators only (";;;"), which Excel writes for rows it thinks are used.
        if (!isBlank(row))
            loaded.m_lines.append(std::move(row));
    }
    if (loaded.m_lines.isEmpty())
        return Failure { Error::Empty, QStringLiteral("the file is empty") };

    // Excel lists open with a title, the unit's name, a date: the column titles are the line most of whose cells
    // name fields, and the first such line when several name as many (a data row rarely names any).
    int best = 0;
    qsizetype bestMatches = 0;
    const int searched = int(std::min<qsizetype>(loaded.m_lines.size(), headerSearchLines));
    for (int index = 0; index < searched; ++index) {
        QStringList titles;
        for (const QString &cell : std::as_const(loaded.m_lines.at(index).cells))
            titles.append(cell.trimmed());
        const QStringList mapping = loaded.guessedMapping(titles, aliases);
        const qsizetype matches
            = std::count_if(mapping.cbegin(), mapping.cend(), [](const QString &field) { return !field.isEmpty(); });
        if (matches > bestMatches) {
            best = index;
            bestMatches = matches;
        }
    }
    loaded.m_aliases = aliases;
    loaded.setHeaderRow(best);
    return loaded;
}

bool RecordImport::acceptsFullName() const
{
    return importableField(QStringLiteral("surname")) && importableField(QStringLiteral("middle_name"))
        && importableField(QStringLiteral("given_name"));
}

void RecordImport::setHeaderRow(int index)
{
    if (index < 0 || index >= m_lines.size())
        return;
    m_headerRow = index;
    m_header.clear();
    for (const QString &title : std::as_const(m_lines.at(index).cells))
        m_header.append(title.trimmed());
    guessMapping(m_aliases);
}

const RecordField *RecordImport::importableField(const QString &name) const
{
    if (!m_recordKind || name.isEmpty())
        return nullptr;
    const RecordField *field = m_recordKind->field(name);
    if (!field || field->type == FieldType::Reference || field->type == FieldType::Blob)
        return nullptr;
    if (m_recordKind->workflow && m_recordKind->workflow->field == field->name)
        return nullptr;
    return field;
}

void RecordImport::setMapping(const QStringList &mapping)
{
    m_mapping.clear();
    QSet<QString> used;
    const bool fullName = acceptsFullName();
    for (qsizetype column = 0; column < m_header.size(); ++column) {
        const QString name = mapping.value(column);
        if ((importableField(name) || (fullName && name == fullNameField)) && !used.contains(name)) {
            used.insert(name);
            m_mapping.append(name);
        } else {
            m_mapping.append(QString());
        }
    }
}

void RecordImport::guessMapping(const QHash<QString, QStringList> &aliases)
{
    m_aliases = aliases;
    m_mapping = guessedMapping(m_header, aliases);
}

QStringList RecordImport::guessedMapping(const QStringList &titles, const QHash<QString, QStringList> &aliases) const
{
    QStringList mapping;
    if (!m_recordKind) {
        mapping.fill(QString(), titles.size());
        return mapping;
    }
    // Folded title → field. Field names go first, then the aliases in field order; a folded form two fields share
    // stays with the first.
    QHash<QString, QString> byFolded;
    const auto add = [&byFolded](const QString &folded, const QString &field) {
        if (!folded.isEmpty() && !byFolded.contains(folded))
            byFolded.insert(folded, field);
    };
    for (const RecordField &field : m_recordKind->fields) {
        if (importableField(field.name))
            add(foldForSearch(field.name), field.name);
    }
    for (const RecordField &field : m_recordKind->fields) {
        if (!importableField(field.name))
            continue;
        for (const QString &alias : aliases.value(field.name))
            add(foldForSearch(alias), field.name);
    }
    const bool fullName = acceptsFullName();
    if (fullName) {
        for (const QString &alias : aliases.value(fullNameField))
            add(foldForSearch(alias), fullNameField);
    }

    QSet<QString> used;
    for (const QString &title : titles) {
        QString field = importableField(title) ? title : byFolded.value(foldForSearch(title));
        if (field.isEmpty() && fullName && isFullNameTitle(foldForSearch(title)))
            field = fullNameField;
        if (field.isEmpty() || used.contains(field)) {
            mapping.append(QString());
            continue;
        }
        used.insert(field);
        mapping.append(field);
    }
    // Separate name columns are more exact than a name split by guess.
    if (used.contains(fullNameField)
        && (used.contains(QStringLiteral("surname")) || used.contains(QStringLiteral("given_name"))))
        mapping.replace(mapping.indexOf(fullNameField), QString());
    return mapping;
}

QList<RecordImport::CheckedRow> RecordImport::check(const QHash<QString, QHash<QString, QString>> &valueAliases) const
{
    QList<CheckedRow> checked;
    if (!m_recordKind)
        return checked;

    QList<const RecordField *> columns;
    const qsizetype fullNameColumn = acceptsFullName() ? m_mapping.indexOf(fullNameField) : -1;
    // Enum field → folded stored value or label → stored value.
    QHash<QString, QHash<QString, QString>> enumValues;
    for (qsizetype column = 0; column < m_header.size(); ++column) {
        const RecordField *field = importableField(m_mapping.value(column));
        columns.append(field);
        if (!field || field->type != FieldType::Enum)
            continue;
        QHash<QString, QString> &values = enumValues[field->name];
        for (const QString &value : field->values)
            values.insert(foldForSearch(value), value);
        const QHash<QString, QString> labels = valueAliases.value(field->name);
        for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
            const QString folded = foldForSearch(it.key());
            if (!folded.isEmpty() && !values.contains(folded))
                values.insert(folded, it.value());
        }
    }

    checked.reserve(rowCount());
    for (qsizetype index = 0; index < rowCount(); ++index) {
        const CsvRow &row = this->row(index);
        CheckedRow result;
        result.line = row.line;
        QSet<QString> untyped;
        const auto refuse = [&](FieldProblem::Code code, const RecordField &field, const QString &message) {
            result.problems.append({ code, field.name, message });
            untyped.insert(field.name);
        };
        for (qsizetype column = 0; column < columns.size() && column < row.cells.size(); ++column) {
            const RecordField *field = columns.at(column);
            if (!field)
                continue;
            const QString cell = row.cells.at(column).trimmed();
            if (cell.isEmpty())
                continue;
            switch (field->type) {
            case FieldType::Text:
                result.fields.insert(field->name, normalizeText(cell));
                break;
            case FieldType::Date:
                if (const auto date = parseDate(cell)) {
                    result.fields.insert(field->name, *date);
                } else {
                    refuse(FieldProblem::Code::BadDate, *field,
                        QStringLiteral("\"%1\" is not a date dd/mm/yyyy or yyyy-mm-dd: %2.").arg(field->name, cell));
                }
                break;
            case FieldType::Integer:
                if (const auto number = parseInteger(cell)) {
                    result.fields.insert(field->name, *number);
                } else {
                    refuse(FieldProblem::Code::WrongType, *field,
                        QStringLiteral("\"%1\" must be a whole number: %2.").arg(field->name, cell));
                }
                break;
            case FieldType::Boolean:
                if (const auto value = parseBoolean(cell)) {
                    result.fields.insert(field->name, *value);
                } else {
                    refuse(FieldProblem::Code::WrongType, *field,
                        QStringLiteral("\"%1\" must be yes or no (có/không, x, 1/0, true/false): %2.")
                            .arg(field->name, cell));
                }
                break;
            case FieldType::Enum:
                // An unknown value is kept, for validate() to name the allowed ones.
                result.fields.insert(field->name, enumValues.value(field->name).value(foldForSearch(cell), cell));
                break;
            case FieldType::Reference:
            case FieldType::Blob:
                // Never mapped: importableField() refuses them.
                break;
            }
        }
        if (fullNameColumn >= 0 && fullNameColumn < row.cells.size()) {
            // Họ, tên đệm, tên: the first word, the words between, the last word. simplified() collapses every
            // kind of white space, the no-break spaces Excel and Word put in names too.
            const QStringList words
                = normalizeText(row.cells.at(fullNameColumn)).simplified().split(u' ', Qt::SkipEmptyParts);
            const auto fill = [&result](const QString &field, const QString &value) {
                // The part's own column, when it is mapped and has a value, is what the cadre wrote for it.
                if (!value.isEmpty() && !result.fields.contains(field))
                    result.fields.insert(field, value);
            };
            if (!words.isEmpty()) {
                fill(QStringLiteral("given_name"), words.constLast());
                if (words.size() >= 2)
                    fill(QStringLiteral("surname"), words.constFirst());
                if (words.size() >= 3)
                    fill(QStringLiteral("middle_name"), words.mid(1, words.size() - 2).join(u' '));
            }
        }
        const QList<FieldProblem> found = RecordSchema::registry().validate(m_kind, result.fields, true);
        for (const FieldProblem &problem : found) {
            // A required value that could not be typed is reported as such, not as missing too.
            if (problem.code == FieldProblem::Code::Missing && untyped.contains(problem.field))
                continue;
            result.problems.append(problem);
        }
        checked.append(std::move(result));
    }
    return checked;
}

Result<int, RecordImport::WriteError> RecordImport::write(ReplicaStore &store, const QString &kind,
    const QString &scope, const QList<QJsonObject> &records, const std::function<bool(int done, int total)> &progress)
{
    const int total = int(records.size());
    bool cancelled = false;
    const auto report = [&](int done) {
        if (progress && !progress(done, total))
            cancelled = true;
        return !cancelled;
    };
    // Returning an error from the batch is what rolls it back; `cancelled` tells it from the store's own errors.
    const mts::Error<ReplicaStore::Error> cancel { ReplicaStore::Error::InvalidArgument,
        QStringLiteral("The import was cancelled.") };
    const auto written = store.writeBatch([&]() -> Status<ReplicaStore::Error> {
        int done = 0;
        for (const QJsonObject &fields : records) {
            const auto created = store.create(kind, scope, fields);
            if (!created)
                return created.error();
            ++done;
            if (done % progressInterval == 0 && !report(done))
                return cancel;
        }
        if ((total == 0 || total % progressInterval != 0) && !report(total))
            return cancel;
        return ok;
    });
    if (cancelled)
        return WriteFailure { WriteError::Cancelled,
            QStringLiteral("The import was cancelled; nothing was imported.") };
    if (!written)
        return WriteFailure { WriteError::Database, written.error().message };
    return total;
}

} // namespace mts
