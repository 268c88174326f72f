// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/demodata.h"
#include "server/core/serverdatabase.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using mts::ServerDatabase;

class tst_ServerDatabase : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void createsAndMigrates()
    {
        QTemporaryDir dir;
        ServerDatabase database(dir.filePath(QStringLiteral("s.sqlite")));
        QVERIFY(database.open().isOk());
        QCOMPARE(database.schemaVersion(), ServerDatabase::latestSchemaVersion());
        QSqlQuery query(database.connection());
        QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
        // Opening again is a no-op.
        QVERIFY(database.open().isOk());
        QVERIFY(database.ping().isOk());
    }

    void refusesNewerSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.sqlite"));
        {
            ServerDatabase database(path);
            QVERIFY(database.open().isOk());
            QSqlQuery query(database.connection());
            QVERIFY(
                query.exec(QStringLiteral("PRAGMA user_version = %1").arg(ServerDatabase::latestSchemaVersion() + 1)));
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE from_the_future (x)")));
        }
        ServerDatabase database(path);
        const auto opened = database.open();
        QVERIFY(!opened.isOk());
        QCOMPARE(opened.error().code, ServerDatabase::Error::TooNew);
        QVERIFY(opened.error().message.contains(QStringLiteral("newer")));
        // Nothing was touched: the newer schema and its data are still there.
        QCOMPARE(database.schemaVersion(), ServerDatabase::latestSchemaVersion() + 1);
        QSqlQuery query(database.connection());
        QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM from_the_future")));
    }

    void refusesGarbage()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.sqlite"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'z'));
        file.close();
        ServerDatabase database(path);
        QVERIFY(!database.open().isOk());
    }

    void demoDataIsIdempotent()
    {
        QTemporaryDir dir;
        ServerDatabase database(dir.filePath(QStringLiteral("s.sqlite")));
        QVERIFY(database.open().isOk());
        QSqlDatabase db = database.connection();
        const auto first = mts::DemoData::seed(db);
        QVERIFY(first.isOk());
        QVERIFY(first.value() >= 10);
        const auto second = mts::DemoData::seed(db);
        QVERIFY(second.isOk());
        QCOMPARE(second.value(), 0);
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM units WHERE kind = 'province'")));
        QVERIFY(query.next());
        QVERIFY(query.value(0).toInt() >= 2);
        QVERIFY(query.exec(QStringLiteral("SELECT p.code, count(c.code) FROM units p JOIN units c ON c.parent_code = "
                                          "p.code AND c.kind = 'commune' WHERE p.kind = 'province' GROUP BY p.code")));
        int provinces = 0;
        while (query.next()) {
            ++provinces;
            QVERIFY2(query.value(1).toInt() >= 3, "each demo province has several communes");
        }
        QVERIFY(provinces >= 2);
    }
};

QTEST_GUILESS_MAIN(tst_ServerDatabase)
#include "tst_serverdatabase.moc"
