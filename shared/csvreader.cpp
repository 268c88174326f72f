// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvreader.h"

#include <QStringDecoder>

namespace mts {

namespace {
char16_t detectSeparator(QStringView text)
{
    int commas = 0;
    int semicolons = 0;
    bool quoted = false;
    for (QChar c : text) {
        if (c == u'"')
            quoted = !quoted;
        else if (!quoted && (c == u'\n' || c == u'\r'))
            break;
        else if (!quoted && c == u',')
            ++commas;
        else if (!quoted && c == u';')
            ++semicolons;
    }
    return semicolons > commas ? u';' : u',';
}
} // namespace

Result<QList<CsvRow>, CsvReader::Error> CsvReader::parse(const QByteArray &data, char16_t separator)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(data);
    if (decoder.hasError())
        return mts::Error<Error> { Error::NotUtf8,
            QStringLiteral("the file is not UTF-8 text; save it from Excel as \"CSV UTF-8\"") };
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    if (separator == 0)
        separator = detectSeparator(text);

    QList<CsvRow> rows;
    CsvRow row { 1, {} };
    QString cell;
    int line = 1;
    bool quoted = false;
    bool cellWasQuoted = false;
    bool rowHasContent = false;
    auto endCell = [&] {
        row.cells.append(cell.normalized(QString::NormalizationForm_C));
        cell.clear();
        cellWasQuoted = false;
    };
    auto endRow = [&] {
        endCell();
        // Skip blank lines, which Excel leaves at the end of files.
        if (rowHasContent || row.cells.size() > 1 || !row.cells.constFirst().isEmpty())
            rows.append(row);
        row = CsvRow { line, {} };
        rowHasContent = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    cell.append(u'"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                cell.append(c);
            }
            continue;
        }
        if (c == u'"') {
            if (!cell.isEmpty() || cellWasQuoted)
                return mts::Error<Error> { Error::StrayQuote,
                    QStringLiteral("line %1: a quote inside an unquoted value").arg(line) };
            quoted = true;
            cellWasQuoted = true;
            rowHasContent = true;
        } else if (c == separator) {
            endCell();
            rowHasContent = true;
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
                ++i;
            ++line;
            endRow();
        } else {
            cell.append(c);
        }
    }
    if (quoted)
        return mts::Error<Error> { Error::UnterminatedQuote,
            QStringLiteral("line %1: a quoted value is never closed").arg(row.line) };
    if (!cell.isEmpty() || rowHasContent || !row.cells.isEmpty())
        endRow();
    return rows;
}

} // namespace mts
