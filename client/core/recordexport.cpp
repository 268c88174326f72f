// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordexport.h"

namespace mts {

namespace {

bool looksLikeNumber(const QString &text)
{
    bool ok = false;
    text.toDouble(&ok);
    return ok;
}

void appendCell(QByteArray &out, const QString &cell, char separator)
{
    QString text = cell;
    if (!text.isEmpty() && QStringView(u"=+-@").contains(text.front()) && !looksLikeNumber(text))
        text.prepend(QLatin1Char('\''));
    const bool quoted = text.contains(QLatin1Char(separator)) || text.contains(QLatin1Char('"'))
        || text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'));
    if (!quoted) {
        out.append(text.toUtf8());
        return;
    }
    out.append('"');
    out.append(QString(text).replace(QLatin1Char('"'), QStringLiteral("\"\"")).toUtf8());
    out.append('"');
}

void appendLine(QByteArray &out, const QStringList &cells, char separator)
{
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            out.append(separator);
        appendCell(out, cells.at(i), separator);
    }
    out.append("\r\n");
}

} // namespace

QByteArray RecordExport::csv(const QStringList &header, const QList<QStringList> &rows, char separator)
{
    QByteArray out("\xEF\xBB\xBF");
    appendLine(out, header, separator);
    for (const QStringList &row : rows)
        appendLine(out, row, separator);
    return out;
}

std::optional<QByteArray> RecordExport::list(ReplicaStore &store, const ReplicaStore::ListQuery &query,
    const QStringList &fields, const QStringList &titles, const CellText &cellText, char separator,
    const std::function<bool(int done, int total)> &progress, QString *error)
{
    const auto keys = store.listKeys(query);
    if (!keys) {
        if (error)
            *error = keys.error().message;
        return std::nullopt;
    }
    QByteArray out("\xEF\xBB\xBF");
    appendLine(out, titles, separator);
    constexpr qsizetype block = 500;
    const qsizetype total = keys.value().size();
    for (qsizetype from = 0; from < total; from += block) {
        const auto rows = store.listRows(keys.value().mid(from, block));
        if (!rows) {
            if (error)
                *error = rows.error().message;
            return std::nullopt;
        }
        for (const ReplicaStore::ListRow &row : rows.value()) {
            QStringList cells;
            cells.reserve(fields.size());
            for (const QString &field : fields)
                cells.append(cellText(field, row.fields.value(field)));
            appendLine(out, cells, separator);
        }
        if (progress && !progress(int(std::min(total, from + block)), int(total)))
            return std::nullopt;
    }
    return out;
}

} // namespace mts
