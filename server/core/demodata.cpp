// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "demodata.h"

#include "server/core/userdirectory.h"

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

QString DemoData::demoPassword()
{
    return QStringLiteral("matranso-demo");
}

QList<DemoData::Account> DemoData::accounts()
{
    return {
        { QStringLiteral("canbo.hoankiem"), QStringLiteral("Nguyễn Thị Hoa"), QStringLiteral("commune_cadre"),
            QStringLiteral("C:00070") },
        { QStringLiteral("chutich.hoankiem"), QStringLiteral("Trần Văn Đức"), QStringLiteral("commune_chair"),
            QStringLiteral("C:00070") },
        { QStringLiteral("canbo.badinh"), QStringLiteral("Lê Minh Tuấn"), QStringLiteral("commune_cadre"),
            QStringLiteral("C:00004") },
        { QStringLiteral("canbo.saigon"), QStringLiteral("Phạm Thị Lan"), QStringLiteral("commune_cadre"),
            QStringLiteral("C:26740") },
        { QStringLiteral("tinh.hanoi"), QStringLiteral("Hoàng Văn Nam"), QStringLiteral("provincial_staff"),
            QStringLiteral("P:01") },
        { QStringLiteral("tinh.hcm"), QStringLiteral("Võ Thị Mai"), QStringLiteral("provincial_staff"),
            QStringLiteral("P:79") },
        { QStringLiteral("trunguong"), QStringLiteral("Đặng Quốc Bảo"), QStringLiteral("central_admin"),
            QStringLiteral("national") },
        { QStringLiteral("kiemtra"), QStringLiteral("Bùi Thanh Hà"), QStringLiteral("auditor"),
            QStringLiteral("national") },
    };
}

Result<int, DemoData::Error> DemoData::seedAccounts(UserDirectory &users)
{
    int added = 0;
    for (const Account &account : accounts()) {
        if (users.userByName(account.username))
            continue;
        const auto created = users.addUser(account.username, account.displayName, demoPassword(),
            *roleFromName(account.role), *Scope::parse(account.unit));
        if (!created)
            return mts::Error<Error> { Error::QueryFailed, created.error().message };
        ++added;
    }
    return added;
}

} // namespace mts
