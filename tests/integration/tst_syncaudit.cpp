// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `mattranso-server audit verify` on the data a real server wrote: clean after real pushes, and a tampered
// record, change log or head is found.
#include "client/core/oidcclient.h"
#include "client/core/serverconnection.h"
#include "shared/hlc.h"
#include "shared/uuid7.h"
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace mts;
using mts::test::HttpClient;
using mts::test::ServerProcess;

class tst_SyncAudit : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_data;

    struct Run {
        int exitCode = -1;
        QString output;
    };

    Run audit()
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(ServerProcess::serverBinary(),
            { QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--data"), m_data });
        process.waitForFinished(60000);
        return { process.exitCode(), QString::fromUtf8(process.readAll()) };
    }

    // Runs one SQL statement on a copy-free handle to the server's sync file (the server is stopped).
    bool tamper(const char *sql)
    {
        sqlite3 *db = nullptr;
        const QByteArray path = QFile::encodeName(m_data + QStringLiteral("/sync.sqlite"));
        if (sqlite3_open(path.constData(), &db) != SQLITE_OK)
            return false;
        const bool done = sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK && sqlite3_changes(db) > 0;
        sqlite3_close(db);
        return done;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_data = m_dir.filePath(QStringLiteral("data"));
        ServerProcess server({ QStringLiteral("--demo") }, m_data);
        QVERIFY2(server.start(), qPrintable(server.output()));
        QNetworkAccessManager network;
        OidcClient client(ServerConnection(&network, server.url(), ServerCertificatePin(server.certificate())),
            QStringLiteral("mattranso-desktop"));
        QSignalSpy finished(&client, &OidcClient::signInFinished);
        client.signInWithPassword(QStringLiteral("canbo.hoankiem"), QStringLiteral("matranso-demo"));
        QVERIFY(finished.wait(30000));
        const QByteArray token = finished.at(0).at(1).value<TokenSet>().accessToken;
        HttpClient http(server.certificate());
        QJsonArray ops;
        QStringList ids;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 40; ++i) {
            const QString id = createUuid7();
            ids.append(id);
            ops.append(QJsonObject { { QStringLiteral("op_id"), createUuid7() },
                { QStringLiteral("type"), QStringLiteral("create") }, { QStringLiteral("record_id"), id },
                { QStringLiteral("kind"), QStringLiteral("person") },
                { QStringLiteral("scope"), QStringLiteral("C:00070") },
                { QStringLiteral("hlc"), HlcStamp { now, quint16(i), QStringLiteral("pc") }.toString() },
                { QStringLiteral("set"),
                    QJsonObject { { QStringLiteral("surname"), QStringLiteral("Lương") },
                        { QStringLiteral("given_name"), QStringLiteral("Thế Vinh %1").arg(i) } } },
                { QStringLiteral("schema_version"), 2 } });
        }
        // Edits and deletes on some of them, so records carry versions above their creation.
        for (int i = 0; i < 10; ++i) {
            const QString type = i % 2 ? QStringLiteral("update") : QStringLiteral("delete");
            const QJsonObject set
                = i % 2 ? QJsonObject { { QStringLiteral("address"), QStringLiteral("Phố Huế") } } : QJsonObject {};
            QJsonObject edit { { QStringLiteral("op_id"), createUuid7() }, { QStringLiteral("type"), type },
                { QStringLiteral("record_id"), ids[i] }, { QStringLiteral("kind"), QStringLiteral("person") },
                { QStringLiteral("scope"), QStringLiteral("C:00070") },
                { QStringLiteral("hlc"), HlcStamp { now + 1, quint16(i), QStringLiteral("pc") }.toString() },
                { QStringLiteral("set"), set }, { QStringLiteral("schema_version"), 2 } };
            ops.append(edit);
        }
        const auto response = http.postJson(QUrl(server.url().toString() + QStringLiteral("/api/v1/sync/push")),
            QJsonObject { { QStringLiteral("ops"), ops } }, { { "Authorization", "Bearer " + token } });
        QCOMPARE(response.status, 200);
        QCOMPARE(server.terminate(), 0);
    }

    void cleanDataPasses()
    {
        const Run run = audit();
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        QVERIFY(run.output.contains(QStringLiteral("audit: ok")));
        QVERIFY(run.output.contains(QStringLiteral("changes: 50")));
        QVERIFY(run.output.contains(QStringLiteral("records: 40")));
    }

    void tamperingIsFound_data()
    {
        QTest::addColumn<QByteArray>("sql");
        QTest::addColumn<QByteArray>("restore");
        QTest::addColumn<QString>("finding");
        QTest::newRow("record edited behind the server's back")
            << QByteArray("UPDATE sync_records SET fields = replace(fields, 'Thế Vinh 20', 'Thế Vinh 99')"
                          " WHERE fields LIKE '%Thế Vinh 20\"%'")
            << QByteArray("UPDATE sync_records SET fields = replace(fields, 'Thế Vinh 99', 'Thế Vinh 20')")
            << QStringLiteral("is not what was logged");
        QTest::newRow("change removed from the log")
            << QByteArray("UPDATE sync_changes SET seq = seq + 1000 WHERE seq = 7")
            << QByteArray("UPDATE sync_changes SET seq = seq - 1000 WHERE seq = 1007") << QStringLiteral("follows");
        QTest::newRow("chain rewritten")
            << QByteArray("CREATE TABLE saved AS SELECT bucket, chain FROM sync_buckets;"
                          " UPDATE sync_buckets SET chain = zeroblob(32)")
            << QByteArray("UPDATE sync_buckets SET chain = (SELECT chain FROM saved WHERE saved.bucket ="
                          " sync_buckets.bucket); DROP TABLE saved; UPDATE sync_buckets SET seq = seq")
            << QStringLiteral("chain recomputed");
        QTest::newRow("checksum rewritten")
            << QByteArray("UPDATE sync_buckets SET sum = sum + 1")
            << QByteArray("UPDATE sync_buckets SET sum = sum - 1") << QStringLiteral("the checksum is");
    }

    void tamperingIsFound()
    {
        QFETCH(QByteArray, sql);
        QFETCH(QByteArray, restore);
        QFETCH(QString, finding);
        QVERIFY(tamper(sql.constData()));
        const Run run = audit();
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.output.contains(QStringLiteral("audit: FAILED")), qPrintable(run.output));
        QVERIFY2(run.output.contains(finding), qPrintable(run.output));
        QVERIFY(tamper(restore.constData()));
        QCOMPARE(audit().exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(tst_SyncAudit)
#include "tst_syncaudit.moc"
