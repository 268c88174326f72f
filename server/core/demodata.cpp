// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demodata.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace mts {

Result<int, DemoData::Error> DemoData::seed(QSqlDatabase &db)
{
    QFile file(QStringLiteral(":/demo/units.csv"));
    if (!file.open(QIODevice::ReadOnly))
        return mts::Error<DemoData::Error> { Error::ResourceMissing, QStringLiteral("demo units are not built in") };
    if (!db.transaction())
        return mts::Error<DemoData::Error> { Error::QueryFailed, db.lastError().text() };
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT OR IGNORE INTO units (code, name, kind, parent_code) VALUES (?, ?, ?, ?)"));
    int inserted = 0;
    bool header = true;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (header) {
            header = false;
            continue;
        }
        const QStringList cells = line.split(u',');
        if (cells.size() != 4)
            continue;
        insert.addBindValue(cells[0]);
        insert.addBindValue(cells[1]);
        insert.addBindValue(cells[2]);
        insert.addBindValue(cells[3].isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(cells[3]));
        if (!insert.exec()) {
            const QString message = insert.lastError().text();
            db.rollback();
            return mts::Error<DemoData::Error> { Error::QueryFailed, message };
        }
        inserted += insert.numRowsAffected();
    }
    if (!db.commit())
        return mts::Error<DemoData::Error> { Error::QueryFailed, db.lastError().text() };
    return inserted;
}

} // namespace mts
