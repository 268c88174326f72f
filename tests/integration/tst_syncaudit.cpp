// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// `mattranso-server audit verify` on the data a real server wrote: clean after real pushes, and a tampered
// record, change log or head is found. `audit checkpoint` and the server's periodic checkpoints sign every bucket
// head; a tampered checkpoint is found, and so is a rewrite of a bucket's history that recomputes its chain — which
// only the checkpoints can catch.
#include "client/core/oidcclient.h"
#include "client/core/serverconnection.h"
#include "server/core/syncaudit.h"
#include "shared/bucketchecksum.h"
#include "shared/hlc.h"
#include "shared/uuid7.h"
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QScopeGuard>
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

    Run audit(const QString &action = QStringLiteral("verify"))
    {
        const auto run = ServerProcess::command(m_data, { QStringLiteral("audit"), action });
        return { run.exitCode, run.out + run.err };
    }

    // The problems an audit run printed, one per line.
    static QStringList problems(const Run &run)
    {
        QStringList found;
        for (const QString &line : run.output.split(u'\n')) {
            if (line.startsWith(QLatin1String("PROBLEM ")))
                found.append(line);
        }
        return found;
    }

    // Signs in as the demo cadre and pushes `count` new people (and edits of the first ten when `edits`).
    static void push(ServerProcess &server, int first, int count, bool edits)
    {
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
        for (int i = first; i < first + count; ++i) {
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
        for (int i = 0; edits && i < 10; ++i) {
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
    }

    // The server's sync file, opened directly (the server is stopped, or only reading is done).
    sqlite3 *openSyncFile()
    {
        sqlite3 *db = nullptr;
        const QByteArray path = QFile::encodeName(m_data + QStringLiteral("/sync.sqlite"));
        if (sqlite3_open(path.constData(), &db) != SQLITE_OK) {
            sqlite3_close(db);
            return nullptr;
        }
        sqlite3_busy_timeout(db, 5000);
        return db;
    }

    qint64 checkpointCount()
    {
        sqlite3 *db = openSyncFile();
        sqlite3_stmt *s = nullptr;
        qint64 count = -1;
        if (db && sqlite3_prepare_v2(db, "SELECT count(*) FROM sync_checkpoints", -1, &s, nullptr) == SQLITE_OK
            && sqlite3_step(s) == SQLITE_ROW)
            count = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
        sqlite3_close(db);
        return count;
    }

    // Flips the bits of one byte of checkpoint 1's `column` (a negative offset counts from the end).
    bool flipCheckpointByte(const QByteArray &column, int offset)
    {
        sqlite3 *db = openSyncFile();
        sqlite3_stmt *s = nullptr;
        QByteArray value;
        const QByteArray select = "SELECT " + column + " FROM sync_checkpoints WHERE number = 1";
        if (db && sqlite3_prepare_v2(db, select.constData(), -1, &s, nullptr) == SQLITE_OK
            && sqlite3_step(s) == SQLITE_ROW)
            value = QByteArray(static_cast<const char *>(sqlite3_column_blob(s, 0)), sqlite3_column_bytes(s, 0));
        sqlite3_finalize(s);
        const qsizetype at = offset < 0 ? value.size() + offset : offset;
        bool done = false;
        if (at >= 0 && at < value.size()) {
            value[at] = char(~value.at(at));
            const QByteArray update = "UPDATE sync_checkpoints SET " + column + " = ?1 WHERE number = 1";
            done = sqlite3_prepare_v2(db, update.constData(), -1, &s, nullptr) == SQLITE_OK
                && sqlite3_bind_blob(s, 1, value.constData(), int(value.size()), SQLITE_TRANSIENT) == SQLITE_OK
                && sqlite3_step(s) == SQLITE_DONE && sqlite3_changes(db) == 1;
            sqlite3_finalize(s);
        }
        sqlite3_close(db);
        return done;
    }

    // Runs one SQL statement on a copy-free handle to the server's sync file (the server is stopped).
    bool tamper(const char *sql)
    {
        sqlite3 *db = openSyncFile();
        if (!db)
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
        push(server, 0, 40, true);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(server.terminate(), 0);
    }

    void cleanDataPasses()
    {
        const Run run = audit();
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        QVERIFY(run.output.contains(QStringLiteral("audit: ok")));
        QVERIFY(run.output.contains(QStringLiteral("changes: 50")));
        QVERIFY(run.output.contains(QStringLiteral("records: 40")));
        QVERIFY(run.output.contains(QStringLiteral("checkpoints: 0")));
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

    void checkpointCommandSignsTheHeads()
    {
        const Run written = audit(QStringLiteral("checkpoint"));
        QVERIFY2(written.exitCode == 0, qPrintable(written.output));
        QVERIFY2(
            written.output.contains(QStringLiteral("checkpoint 1 signed (buckets: 1)")), qPrintable(written.output));
        QCOMPARE(checkpointCount(), 1);
        // Nothing changed since: no second checkpoint.
        const Run again = audit(QStringLiteral("checkpoint"));
        QVERIFY2(again.exitCode == 0, qPrintable(again.output));
        QVERIFY2(again.output.contains(QStringLiteral("nothing changed since checkpoint 1")), qPrintable(again.output));
        QCOMPARE(checkpointCount(), 1);
        const Run verified = audit();
        QVERIFY2(verified.exitCode == 0, qPrintable(verified.output));
        QVERIFY(verified.output.contains(QStringLiteral("checkpoints: 1")));
        QVERIFY(verified.output.contains(QStringLiteral("audit: ok")));
    }

    void checkpointTamperingIsFound_data()
    {
        QTest::addColumn<QByteArray>("column");
        QTest::addColumn<int>("offset");
        QTest::addColumn<QByteArray>("sql");
        QTest::addColumn<QString>("finding");
        const QString badSignature = QStringLiteral("checkpoint 1: the signature does not match the signed content");
        // Payload offsets: 24 bytes of magic, the number at 24, the time at 32; the last byte ends the last chain.
        QTest::newRow("signed number altered") << QByteArray("payload") << 24 << QByteArray() << badSignature;
        QTest::newRow("signed time altered") << QByteArray("payload") << 32 << QByteArray() << badSignature;
        QTest::newRow("signed chain altered") << QByteArray("payload") << -1 << QByteArray() << badSignature;
        QTest::newRow("signature altered") << QByteArray("signature") << 10 << QByteArray() << badSignature;
        QTest::newRow("row time altered")
            << QByteArray() << 0 << QByteArray("UPDATE sync_checkpoints SET created_at = created_at + 1")
            << QStringLiteral("checkpoint 1: the row says number 1, time");
        QTest::newRow("row renumbered") << QByteArray() << 0 << QByteArray("UPDATE sync_checkpoints SET number = 2")
                                        << QStringLiteral("checkpoint 2: follows checkpoint 0");
        QTest::newRow("key swapped") << QByteArray() << 0 << QByteArray("UPDATE sync_checkpoints SET key_id = 'forged'")
                                     << QStringLiteral("checkpoint 1: signed by key forged, which is not one");
    }

    void checkpointTamperingIsFound()
    {
        QFETCH(QByteArray, column);
        QFETCH(int, offset);
        QFETCH(QByteArray, sql);
        QFETCH(QString, finding);
        QVERIFY(tamper("CREATE TABLE saved AS SELECT * FROM sync_checkpoints; UPDATE saved SET number = number"));
        if (column.isEmpty())
            QVERIFY(tamper(sql.constData()));
        else
            QVERIFY(flipCheckpointByte(column, offset));
        const Run run = audit();
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.output.contains(QStringLiteral("audit: FAILED")), qPrintable(run.output));
        QVERIFY2(run.output.contains(QStringLiteral("PROBLEM ") + finding), qPrintable(run.output));
        QVERIFY(tamper("DELETE FROM sync_checkpoints; INSERT INTO sync_checkpoints SELECT * FROM saved;"
                       " DROP TABLE saved; UPDATE sync_checkpoints SET number = number"));
        const Run restored = audit();
        QVERIFY2(restored.exitCode == 0, qPrintable(restored.output));
    }

    void serverWritesCheckpointsPeriodically()
    {
        const QString config = m_dir.filePath(QStringLiteral("periodic.conf"));
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[server]\naudit_checkpoint_seconds = 1\n");
        file.close();
        ServerProcess server({ QStringLiteral("--config"), config }, m_data);
        QVERIFY2(server.start(), qPrintable(server.output()));
        push(server, 100, 5, false);
        if (QTest::currentTestFailed())
            return;
        // The pushes changed the bucket after checkpoint 1: within about a second the server signs it again.
        QTRY_COMPARE_WITH_TIMEOUT(checkpointCount(), qint64(2), 20000);
        QCOMPARE(server.terminate(), 0);
        QVERIFY2(
            server.output().contains(QStringLiteral("checkpoint 2 signed (buckets: 1)")), qPrintable(server.output()));
        const Run run = audit();
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        QVERIFY(run.output.contains(QStringLiteral("checkpoints: 2")));
        QVERIFY(run.output.contains(QStringLiteral("changes: 55")));
    }

    // The attack the checkpoints exist for: a record rewritten together with its log entry, the chain recomputed
    // through the rest of the log, and the head's chain and checksum updated to match. Every per-bucket check
    // passes (shown by auditing without the checkpoints); only the signed checkpoints give it away.
    void consistentRewriteIsCaughtByTheCheckpoints()
    {
        sqlite3 *db = openSyncFile();
        QVERIFY(db);
        const auto cleanup = qScopeGuard([db] { sqlite3_close(db); });
        const auto exec
            = [db](const char *sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; };
        const auto blobOf = [](sqlite3_stmt *s, int column) {
            return QByteArray(
                static_cast<const char *>(sqlite3_column_blob(s, column)), sqlite3_column_bytes(s, column));
        };
        QVERIFY(exec("BEGIN"));

        // The record to rewrite, and its new content.
        sqlite3_stmt *s = nullptr;
        QCOMPARE(
            sqlite3_prepare_v2(db,
                "SELECT id, bucket, version, fields, deleted FROM sync_records WHERE fields LIKE '%Thế Vinh 20\"%'", -1,
                &s, nullptr),
            SQLITE_OK);
        QCOMPARE(sqlite3_step(s), SQLITE_ROW);
        const QString id = QString::fromUtf8(blobOf(s, 0));
        const QByteArray bucket = blobOf(s, 1);
        const qint64 version = sqlite3_column_int64(s, 2);
        QJsonObject fields = QJsonDocument::fromJson(blobOf(s, 3)).object();
        const bool deleted = sqlite3_column_int(s, 4) != 0;
        sqlite3_finalize(s);
        fields.insert(QStringLiteral("given_name"), QStringLiteral("Thế Vinh 99"));
        const quint64 newHash = BucketChecksum::recordHash(id, version, fields, deleted);
        const QByteArray newFields = QJsonDocument(fields).toJson(QJsonDocument::Compact);
        QCOMPARE(
            sqlite3_prepare_v2(db, "UPDATE sync_records SET fields = ?1 WHERE id = ?2", -1, &s, nullptr), SQLITE_OK);
        sqlite3_bind_text(s, 1, newFields.constData(), int(newFields.size()), SQLITE_TRANSIENT);
        const QByteArray idUtf8 = id.toUtf8();
        sqlite3_bind_text(s, 2, idUtf8.constData(), int(idUtf8.size()), SQLITE_TRANSIENT);
        QCOMPARE(sqlite3_step(s), SQLITE_DONE);
        sqlite3_finalize(s);

        // The log: the new hash at the record's version, then every chain from the genesis on.
        QCOMPARE(sqlite3_prepare_v2(db,
                     "SELECT seq, record_id, record_hash, left_bucket FROM sync_changes WHERE bucket = ?1 ORDER BY seq",
                     -1, &s, nullptr),
            SQLITE_OK);
        sqlite3_bind_text(s, 1, bucket.constData(), int(bucket.size()), SQLITE_TRANSIENT);
        struct Row {
            qint64 seq;
            quint64 hash;
            QByteArray chain;
        };
        QList<Row> rows;
        QByteArray chain;
        quint64 oldHash = 0;
        while (sqlite3_step(s) == SQLITE_ROW) {
            Row row { sqlite3_column_int64(s, 0), quint64(sqlite3_column_int64(s, 2)), {} };
            if (row.seq == version) {
                oldHash = row.hash;
                row.hash = newHash;
            }
            chain = SyncAudit::nextChain(
                chain, row.seq, QString::fromUtf8(blobOf(s, 1)), row.hash, sqlite3_column_int(s, 3) != 0);
            row.chain = chain;
            rows.append(row);
        }
        sqlite3_finalize(s);
        QVERIFY(rows.size() >= 50);
        QVERIFY(oldHash != 0);
        QCOMPARE(
            sqlite3_prepare_v2(db,
                "UPDATE sync_changes SET record_hash = ?1, chain = ?2 WHERE bucket = ?3 AND seq = ?4", -1, &s, nullptr),
            SQLITE_OK);
        for (const Row &row : std::as_const(rows)) {
            sqlite3_reset(s);
            sqlite3_bind_int64(s, 1, qint64(row.hash));
            sqlite3_bind_blob(s, 2, row.chain.constData(), int(row.chain.size()), SQLITE_TRANSIENT);
            sqlite3_bind_text(s, 3, bucket.constData(), int(bucket.size()), SQLITE_TRANSIENT);
            sqlite3_bind_int64(s, 4, row.seq);
            QCOMPARE(sqlite3_step(s), SQLITE_DONE);
        }
        sqlite3_finalize(s);

        // The head: the last chain, and the checksum with the record's new hash in place of the old one (computed
        // here: the sum wraps modulo 2^64, SQLite's integer arithmetic would not).
        QCOMPARE(sqlite3_prepare_v2(db, "SELECT sum FROM sync_buckets WHERE bucket = ?1", -1, &s, nullptr), SQLITE_OK);
        sqlite3_bind_text(s, 1, bucket.constData(), int(bucket.size()), SQLITE_TRANSIENT);
        QCOMPARE(sqlite3_step(s), SQLITE_ROW);
        const quint64 sum = quint64(sqlite3_column_int64(s, 0)) - oldHash + newHash;
        sqlite3_finalize(s);
        QCOMPARE(
            sqlite3_prepare_v2(db, "UPDATE sync_buckets SET chain = ?1, sum = ?2 WHERE bucket = ?3", -1, &s, nullptr),
            SQLITE_OK);
        sqlite3_bind_blob(s, 1, chain.constData(), int(chain.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, 2, qint64(sum));
        sqlite3_bind_text(s, 3, bucket.constData(), int(bucket.size()), SQLITE_TRANSIENT);
        QCOMPARE(sqlite3_step(s), SQLITE_DONE);
        sqlite3_finalize(s);
        QVERIFY(exec("COMMIT"));

        // Without the checkpoints, the rewrite passes every check.
        QVERIFY(exec("CREATE TABLE saved AS SELECT * FROM sync_checkpoints; DELETE FROM sync_checkpoints"));
        const Run unchecked = audit();
        QVERIFY2(unchecked.exitCode == 0, qPrintable(unchecked.output));
        QVERIFY(unchecked.output.contains(QStringLiteral("checkpoints: 0")));

        // With them, it is found: by the checkpoints alone, at the first one naming a rewritten chain.
        QVERIFY(exec("INSERT INTO sync_checkpoints SELECT * FROM saved; DROP TABLE saved"));
        const Run run = audit();
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.output.contains(QStringLiteral("audit: FAILED")), qPrintable(run.output));
        QVERIFY(run.output.contains(QStringLiteral("checkpoints: 2")));
        const QString expected
            = QStringLiteral("PROBLEM checkpoint 1: %1 at sequence 50: the log's chain is not the one "
                             "signed")
                  .arg(QString::fromUtf8(bucket));
        QVERIFY2(run.output.contains(expected), qPrintable(run.output));
        for (const QString &problem : problems(run))
            QVERIFY2(problem.startsWith(QLatin1String("PROBLEM checkpoint ")), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(tst_SyncAudit)
#include "tst_syncaudit.moc"
