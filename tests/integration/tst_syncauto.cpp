// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The sync engine's own triggers and its checksum repair, against the real server with the real client core:
// automatic sync on start, on a timer (and no more once turned off), when the network comes back, and a sync asked
// for while one runs; a bucket whose base disagrees with the server is rebuilt once, without touching the outbox,
// and a bucket the server's own head keeps in disagreement is flagged, rebuilt at most once per head position.
#include "client/core/replicastore.h"
#include "client/core/syncengine.h"
#include "shared/crypto.h"
#include "tests/support/serverprocess.h"
#include "tests/support/syncclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkInformation>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace mts;
using mts::test::ServerProcess;
using mts::test::SyncApi;

namespace {
const QString commune = QStringLiteral("C:00070");
const QString registries = QStringLiteral("C:00070/registries");
// Long enough that the timer never fires during a test that is about another trigger.
constexpr int hour = 60 * 60 * 1000;
// The shortest interval the engine accepts.
constexpr int second = 1000;
constexpr int syncTimeoutMs = 120000;
// How long a trigger may take to show its effect on a loaded machine. Waited with qWaitFor, not QTRY_*, which waits
// three times as long before it fails: Qt 6.4's watchdog aborts the run once five minutes have passed in all, and a
// broken trigger must fail its own test, not the whole run.
constexpr int triggerTimeoutMs = 40000;
} // namespace

class tst_SyncAuto : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<SyncApi> m_api;
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    int m_replicas = 0;

    using Replica = mts::test::TestReplica;

    Replica replica(const QString &username)
    {
        SyncEngine::Options options;
        options.retryBaseMs = 20;
        options.retryMaxMs = 200;
        return mts::test::makeReplica(m_dir.path(), QString::number(++m_replicas),
            ServerConnection(&m_network, m_server->url(), ServerCertificatePin(m_server->certificate())),
            mts::test::fixedToken(m_api->token(username)), options);
    }

    static SyncEngine::Result sync(Replica &r)
    {
        QSignalSpy finished(r.engine.get(), &SyncEngine::finished);
        r.engine->start();
        if (!finished.wait(syncTimeoutMs))
            return { SyncEngine::Error::Network, QStringLiteral("no answer"), 0, 0, 0, {}, {} };
        return finished.at(0).at(0).value<SyncEngine::Result>();
    }

    static SyncEngine::Result resultAt(const QSignalSpy &finished, qsizetype i)
    {
        return finished.at(i).at(0).value<SyncEngine::Result>();
    }

    Result<QString, ReplicaStore::Error> createPerson(Replica &r, const QString &givenName)
    {
        return r.store->create(QStringLiteral("person"), commune,
            { { QStringLiteral("surname"), QStringLiteral("Tự") }, { QStringLiteral("given_name"), givenName } });
    }

    bool onServer(const QString &id) { return m_api->state({ registries }).contains(id); }

    static QStringList bucketsOf(ReplicaStore &store)
    {
        QStringList held;
        const auto buckets = store.buckets();
        if (buckets) {
            for (const ReplicaBucket &bucket : buckets.value())
                held.append(bucket.bucket);
        }
        return held;
    }

    std::optional<ReplicaBucket> bucketState(ReplicaStore &store, const QString &name)
    {
        const auto buckets = store.buckets();
        if (buckets) {
            for (const ReplicaBucket &bucket : buckets.value()) {
                if (bucket.bucket == name)
                    return bucket;
            }
        }
        return std::nullopt;
    }

    // The server's state of every bucket the replica holds, as ReplicaStore::stateHash() computes it.
    QByteArray serverStateHash(ReplicaStore &store)
    {
        QByteArray hash;
        m_api->state(bucketsOf(store), &hash);
        return hash;
    }

    // The local ports of this process's established TCP connections to the test server, from /proc/net/tcp: how
    // the test sees the connections a SyncTransport keeps alive, without a hook in the engine. The server's port
    // is its own (ephemeral), and only this process talks to it, so the remote port alone picks them out.
    QSet<quint16> connectionsToServer() const
    {
        QSet<quint16> ports;
        for (const char *table : { "/proc/net/tcp", "/proc/net/tcp6" }) {
            QFile file(QString::fromLatin1(table));
            if (!file.open(QIODevice::ReadOnly))
                continue;
            file.readLine(); // the column titles
            while (!file.atEnd()) {
                const QList<QByteArray> columns = file.readLine().simplified().split(' ');
                // sl local_address rem_address st ...; addresses are HEXADDR:HEXPORT, state 01 is ESTABLISHED.
                if (columns.size() < 4 || columns.at(3) != "01")
                    continue;
                bool ok = false;
                const uint remotePort = columns.at(2).split(':').value(1).toUInt(&ok, 16);
                if (!ok || remotePort != m_server->port())
                    continue;
                ports.insert(quint16(columns.at(1).split(':').value(1).toUInt(nullptr, 16)));
            }
        }
        return ports;
    }

    // --- Raw SQLite on the replica's file (closed) and on the server's sync file (WAL: the server keeps running).

    static sqlite3 *openFile(const QString &path)
    {
        sqlite3 *db = nullptr;
        if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
            sqlite3_close(db);
            return nullptr;
        }
        sqlite3_busy_timeout(db, 10000);
        return db;
    }

    static void bindText(sqlite3_stmt *s, int index, const QString &text)
    {
        const QByteArray utf8 = text.toUtf8();
        sqlite3_bind_text(s, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    }

    // One base row of a replica, as stored.
    struct BaseRow {
        qint64 version = 0;
        QByteArray fields;
        int deleted = 0;
        QByteArray hlc;
        qint64 hash = 0;
    };

    static std::optional<BaseRow> readBaseRow(const QString &replicaFile, const QString &id)
    {
        sqlite3 *db = openFile(replicaFile);
        if (!db)
            return std::nullopt;
        const auto closing = qScopeGuard([db] { sqlite3_close(db); });
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v2(
                db, "SELECT version, fields, deleted, hlc, hash FROM base WHERE id = ?1", -1, &s, nullptr)
            != SQLITE_OK)
            return std::nullopt;
        const auto finalizing = qScopeGuard([s] { sqlite3_finalize(s); });
        bindText(s, 1, id);
        if (sqlite3_step(s) != SQLITE_ROW)
            return std::nullopt;
        BaseRow row;
        row.version = sqlite3_column_int64(s, 0);
        row.fields = QByteArray(static_cast<const char *>(sqlite3_column_blob(s, 1)), sqlite3_column_bytes(s, 1));
        row.deleted = sqlite3_column_int(s, 2);
        row.hlc = QByteArray(static_cast<const char *>(sqlite3_column_blob(s, 3)), sqlite3_column_bytes(s, 3));
        row.hash = sqlite3_column_int64(s, 4);
        return row;
    }

    // Puts `row` back as record `id`'s base and brings the bucket's cached count and sum in line with its rows:
    // the replica then holds an older state of the record, consistently, as if it had missed the change that
    // followed (what a store bug or a restored file would leave). Only the checksum can tell.
    static bool writeStaleBaseRow(
        const QString &replicaFile, const QString &id, const QString &bucket, const BaseRow &row)
    {
        sqlite3 *db = openFile(replicaFile);
        if (!db)
            return false;
        const auto closing = qScopeGuard([db] { sqlite3_close(db); });
        sqlite3_stmt *s = nullptr;
        if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
            return false;
        bool done = sqlite3_prepare_v2(db,
                        "UPDATE base SET version = ?2, fields = ?3, deleted = ?4, hlc = ?5, hash = ?6 WHERE id = ?1",
                        -1, &s, nullptr)
            == SQLITE_OK;
        if (done) {
            bindText(s, 1, id);
            sqlite3_bind_int64(s, 2, row.version);
            sqlite3_bind_blob(s, 3, row.fields.constData(), int(row.fields.size()), SQLITE_TRANSIENT);
            sqlite3_bind_int(s, 4, row.deleted);
            sqlite3_bind_text(s, 5, row.hlc.constData(), int(row.hlc.size()), SQLITE_TRANSIENT);
            sqlite3_bind_int64(s, 6, row.hash);
            done = sqlite3_step(s) == SQLITE_DONE && sqlite3_changes(db) == 1;
        }
        sqlite3_finalize(s);
        // The sum wraps modulo 2^64 (BucketChecksum): add in C++, not in SQL, where an overflow becomes a REAL.
        quint64 count = 0;
        quint64 sum = 0;
        if (done && sqlite3_prepare_v2(db, "SELECT hash FROM base WHERE bucket = ?1", -1, &s, nullptr) == SQLITE_OK) {
            bindText(s, 1, bucket);
            while (sqlite3_step(s) == SQLITE_ROW) {
                ++count;
                sum += quint64(sqlite3_column_int64(s, 0));
            }
        } else {
            done = false;
        }
        sqlite3_finalize(s);
        if (done
            && sqlite3_prepare_v2(db, "UPDATE buckets SET count = ?2, sum = ?3 WHERE bucket = ?1", -1, &s, nullptr)
                == SQLITE_OK) {
            bindText(s, 1, bucket);
            sqlite3_bind_int64(s, 2, qint64(count));
            sqlite3_bind_int64(s, 3, qint64(sum));
            done = sqlite3_step(s) == SQLITE_DONE && sqlite3_changes(db) == 1;
        } else {
            done = false;
        }
        sqlite3_finalize(s);
        return sqlite3_exec(db, done ? "COMMIT" : "ROLLBACK", nullptr, nullptr, nullptr) == SQLITE_OK && done;
    }

    // Adds `delta` (wrapping) to the checksum sum of `bucket`'s head row in the running server's sync file: the
    // server then announces a checksum that no replica holding its records can match, as a damaged head row would.
    bool shiftServerChecksum(const QString &bucket, qint64 delta)
    {
        sqlite3 *db = openFile(m_server->dataDir() + QStringLiteral("/sync.sqlite"));
        if (!db)
            return false;
        const auto closing = qScopeGuard([db] { sqlite3_close(db); });
        if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
            return false;
        sqlite3_stmt *s = nullptr;
        bool done = false;
        qint64 sum = 0;
        if (sqlite3_prepare_v2(db, "SELECT sum FROM sync_buckets WHERE bucket = ?1", -1, &s, nullptr) == SQLITE_OK) {
            bindText(s, 1, bucket);
            done = sqlite3_step(s) == SQLITE_ROW;
            sum = sqlite3_column_int64(s, 0);
        }
        sqlite3_finalize(s);
        if (done
            && sqlite3_prepare_v2(db, "UPDATE sync_buckets SET sum = ?2 WHERE bucket = ?1", -1, &s, nullptr)
                == SQLITE_OK) {
            bindText(s, 1, bucket);
            sqlite3_bind_int64(s, 2, qint64(quint64(sum) + quint64(delta)));
            done = sqlite3_step(s) == SQLITE_DONE && sqlite3_changes(db) == 1;
        } else {
            done = false;
        }
        sqlite3_finalize(s);
        return sqlite3_exec(db, done ? "COMMIT" : "ROLLBACK", nullptr, nullptr, nullptr) == SQLITE_OK && done;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // A server of its own: a test below damages a bucket head on it.
        m_server = std::make_unique<ServerProcess>(QStringList { QStringLiteral("--demo") });
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_api = std::make_unique<SyncApi>(*m_server);
        QVERIFY(!m_api->token(QStringLiteral("canbo.hoankiem")).isEmpty());
    }

    // setAutomatic(true) syncs at once, without start(); and it watches the network whenever this platform has a
    // QNetworkInformation backend that reports reachability, not only when the platform's default one loads.
    void automaticSyncsAtOnceAndWatchesTheNetwork()
    {
        const bool backendBefore = QNetworkInformation::instance() != nullptr;
        Replica r = replica(QStringLiteral("canbo.hoankiem"));
        QVERIFY(r.store);
        const auto id = createPerson(r, QStringLiteral("Khởi Động"));
        QVERIFY(id.isOk());
        QSignalSpy finished(r.engine.get(), &SyncEngine::finished);
        r.engine->setAutomatic(true, hour);
        QVERIFY(r.engine->isAutomatic());
        QCOMPARE(finished.size(), 0); // started from the event loop, not inside the call
        QVERIFY(finished.wait(syncTimeoutMs));
        const SyncEngine::Result result = resultAt(finished, 0);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(result.pushed, 1);
        QCOMPARE(r.store->pendingCount(), 0);
        QVERIFY(onServer(id.value()));

        // Which backends this machine has. Debian's Qt 6.4 ships "networkmanager" (only with its daemon on the
        // system bus) and "glib" (watches the routing table itself, works headless); the default on Linux is
        // networkmanager.
        qInfo() << "network information backends:" << QNetworkInformation::availableBackends() << "loaded:"
                << (QNetworkInformation::instance() ? QNetworkInformation::instance()->backendName() : QString());
        if (backendBefore)
            return; // loaded by an earlier test function: nothing more to learn here
        if (!QNetworkInformation::instance()) {
            // The engine found none: then none must load at all.
            QVERIFY2(!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability),
                "a backend reporting reachability loads, but the engine did not take it");
            QSKIP("no QNetworkInformation backend on this machine: the engine syncs on its timer only");
        }
        QVERIFY(QNetworkInformation::instance()->supports(QNetworkInformation::Feature::Reachability));
    }

    // With a short interval the engine syncs by itself again and again: a change made after the first sync reaches
    // the server without start(). Turned off, it syncs no more.
    void automaticSyncsOnTheTimerUntilTurnedOff()
    {
        Replica r = replica(QStringLiteral("canbo.hoankiem"));
        QVERIFY(r.store);
        QSignalSpy finished(r.engine.get(), &SyncEngine::finished);
        QElapsedTimer elapsed;
        elapsed.start();
        // 1 ms asked, at least a second kept: without the floor the engine would sync back to back (a sync of an
        // empty queue takes some ten milliseconds here).
        r.engine->setAutomatic(true, 1);
        QVERIFY(finished.wait(syncTimeoutMs));
        QVERIFY2(resultAt(finished, 0).isOk(), qPrintable(resultAt(finished, 0).message));

        // A change after the first sync: only the timer can send it.
        const auto id = createPerson(r, QStringLiteral("Hẹn Giờ"));
        QVERIFY(id.isOk());
        QVERIFY2(QTest::qWaitFor([&] { return r.store->pendingCount() == 0; }, triggerTimeoutMs),
            "r.store->pendingCount() == 0");
        QVERIFY(onServer(id.value()));
        QVERIFY2(QTest::qWaitFor([&] { return finished.size() >= 3; }, triggerTimeoutMs), "finished.size() >= 3");
        for (qsizetype i = 0; i < finished.size(); ++i)
            QVERIFY2(resultAt(finished, i).isOk(), qPrintable(resultAt(finished, i).message));
        // At most one sync per started second, plus the one at once (a load-slowed machine only syncs less).
        const qint64 ceiling = 2 + elapsed.elapsed() / (second * 9 / 10);
        QVERIFY2(finished.size() <= ceiling,
            qPrintable(QStringLiteral("%1 syncs in %2 ms").arg(finished.size()).arg(elapsed.elapsed())));

        r.engine->setAutomatic(false);
        QVERIFY(!r.engine->isAutomatic());
        // A sync may be running, and a tick during it may have asked for one more (start() while running): let
        // them end. From then on nothing may start.
        QVERIFY2(QTest::qWaitFor([&] { return !r.engine->isRunning(); }, triggerTimeoutMs), "!r.engine->isRunning()");
        QTest::qWait(100);
        QVERIFY2(QTest::qWaitFor([&] { return !r.engine->isRunning(); }, triggerTimeoutMs), "!r.engine->isRunning()");
        const qsizetype before = finished.size();
        const auto later = createPerson(r, QStringLiteral("Tắt Máy"));
        QVERIFY(later.isOk());
        // Three intervals and a half.
        QTest::qWait(3500);
        QCOMPARE(finished.size(), before);
        QCOMPARE(r.store->pendingCount(), 1);
        QVERIFY(!onServer(later.value()));
    }

    // When the network comes back the engine drops its kept-alive connections and syncs; when it goes away it only
    // drops them. The QNetworkInformation backend this machine loads is real (checked above), but the test cannot
    // unplug the machine: it emits the backend instance's reachabilityChanged() itself, as the backend does when the
    // operating system reports a change. So the backend's loading and the engine's connection to it are the real
    // ones; only the event is the test's.
    void networkComingBackSyncs()
    {
        Replica r = replica(QStringLiteral("canbo.hoankiem"));
        QVERIFY(r.store);
        QSignalSpy finished(r.engine.get(), &SyncEngine::finished);
        const QSet<quint16> others = connectionsToServer();
        r.engine->setAutomatic(true, hour);
        QVERIFY(finished.wait(syncTimeoutMs));
        QVERIFY(resultAt(finished, 0).isOk());
        QNetworkInformation *information = QNetworkInformation::instance();
        if (!information)
            QSKIP("no QNetworkInformation backend on this machine: the engine syncs on its timer only");

        // The connections the engine's sync left open (keep-alive), and that they stay open by themselves.
        const QSet<quint16> engines = connectionsToServer() - others;
        QVERIFY2(!engines.isEmpty(), "the sync left no connection open to the server: nothing to see dropped");
        QTest::qWait(500);
        QVERIFY(connectionsToServer().contains(engines));

        // Offline: connections dropped, no sync (nothing could reach the server).
        const auto id = createPerson(r, QStringLiteral("Mạng Về"));
        QVERIFY(id.isOk());
        Q_EMIT information->reachabilityChanged(QNetworkInformation::Reachability::Disconnected);
        QVERIFY2(QTest::qWaitFor([&] { return !connectionsToServer().intersects(engines); }, triggerTimeoutMs),
            "!connectionsToServer().intersects(engines)");
        QTest::qWait(1500);
        QCOMPARE(finished.size(), 1);
        QVERIFY(!r.engine->isRunning());
        QCOMPARE(r.store->pendingCount(), 1);

        // Online again: a sync starts by itself and sends the change.
        const QSet<quint16> beforeOnline = connectionsToServer();
        Q_EMIT information->reachabilityChanged(QNetworkInformation::Reachability::Online);
        QVERIFY2(QTest::qWaitFor([&] { return finished.size() >= 2; }, triggerTimeoutMs), "no sync started");
        QCOMPARE(finished.size(), 2);
        const SyncEngine::Result result = resultAt(finished, 1);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(result.pushed, 1);
        // Over a new connection (the old ones are closed), which stays open in turn.
        QVERIFY(!(connectionsToServer() - beforeOnline - others).isEmpty());
        QCOMPARE(r.store->pendingCount(), 0);
        QVERIFY(onServer(id.value()));

        // Turned off, the engine no longer syncs when the network comes back.
        r.engine->setAutomatic(false);
        const auto later = createPerson(r, QStringLiteral("Tắt Tự Động"));
        QVERIFY(later.isOk());
        Q_EMIT information->reachabilityChanged(QNetworkInformation::Reachability::Online);
        QTest::qWait(1500);
        QCOMPARE(finished.size(), 2);
        QCOMPARE(r.store->pendingCount(), 1);
    }

    // start() while a sync runs is not lost, and not repeated: exactly one more sync follows, and it sends the
    // change made during the first.
    void startWhileRunningRunsOneMore()
    {
        Replica r = replica(QStringLiteral("canbo.hoankiem"));
        QVERIFY(r.store);
        for (int i = 0; i < 5; ++i)
            QVERIFY(createPerson(r, QStringLiteral("Trước %1").arg(i)).isOk());
        QSignalSpy finished(r.engine.get(), &SyncEngine::finished);
        QList<int> pendingAtEnd;
        connect(r.engine.get(), &SyncEngine::finished, this, [&] { pendingAtEnd.append(r.store->pendingCount()); });
        // Once the first sync has pushed and is pulling, a cadre saves a record and presses "Sync" twice.
        QString during;
        connect(r.engine.get(), &SyncEngine::stateChanged, this, [&](SyncEngine::State state) {
            if (state != SyncEngine::State::Pulling || !during.isEmpty())
                return;
            const auto id = createPerson(r, QStringLiteral("Trong Lúc"));
            if (!id)
                return;
            during = id.value();
            r.engine->start();
            r.engine->start();
            QVERIFY(r.engine->isRunning()); // still the first sync
        });
        r.engine->start();
        QVERIFY2(QTest::qWaitFor([&] { return finished.size() >= 2; }, triggerTimeoutMs), "finished.size() >= 2");
        QVERIFY(!during.isEmpty());
        // Time for a third sync to show up, were the two presses counted twice.
        QTest::qWait(1500);
        QCOMPARE(finished.size(), 2);
        const SyncEngine::Result first = resultAt(finished, 0);
        const SyncEngine::Result second = resultAt(finished, 1);
        QVERIFY2(first.isOk(), qPrintable(first.message));
        QVERIFY2(second.isOk(), qPrintable(second.message));
        QCOMPARE(first.pushed, 5);
        QCOMPARE(pendingAtEnd.value(0), 1); // the change made during the first sync waited for the second
        QCOMPARE(second.pushed, 1);
        QCOMPARE(pendingAtEnd.value(1), 0);
        QVERIFY(onServer(during));
    }

    // A replica whose base missed a change disagrees with the server's checksum for that one bucket: the sync
    // rebuilds exactly that bucket, after which the replica holds the server's state; an edit made while the
    // rebuild runs stays in the outbox and shows on top of the rebuilt base, then goes out with the next sync,
    // which rebuilds nothing.
    void mismatchedBucketIsRebuiltKeepingTheOutbox()
    {
        Replica r = replica(QStringLiteral("canbo.hoankiem"));
        Replica other = replica(QStringLiteral("chutich.hoankiem"));
        QVERIFY(r.store && other.store);
        const auto id = createPerson(r, QStringLiteral("Phiên Bản Một"));
        QVERIFY(id.isOk());
        // A record in another bucket, so that "exactly that bucket" means something.
        QVERIFY(r.store
                    ->create(QStringLiteral("report"), commune,
                        { { QStringLiteral("period_type"), QStringLiteral("monthly") },
                            { QStringLiteral("period"), QStringLiteral("2025-01") } })
                    .isOk());
        SyncEngine::Result result = sync(r);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        const QString file = r.store->filePath();
        r.store->close();
        const std::optional<BaseRow> first = readBaseRow(file, id.value());
        QVERIFY(first);
        QVERIFY(r.store->open());

        // Someone else changes the record, and the replica pulls it.
        QVERIFY(sync(other).isOk());
        QVERIFY(other.store->update(id.value(), { { QStringLiteral("given_name"), QStringLiteral("Phiên Bản Hai") } })
                    .isOk());
        QVERIFY(sync(other).isOk());
        result = sync(r);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(r.store->recordState(id.value()).value().version, first->version + 1);
        const QByteArray serverHash = serverStateHash(*r.store);
        QCOMPARE(r.store->stateHash().value(), serverHash);
        const QStringList held = bucketsOf(*r.store);
        QVERIFY2(held.contains(registries) && held.size() >= 2, qPrintable(held.join(u' ')));

        // The replica loses that change: its base goes back to the first version, checksum cache included.
        r.store->close();
        QVERIFY(writeStaleBaseRow(file, id.value(), registries, *first));
        QVERIFY(r.store->open());
        QVERIFY(r.store->stateHash().value() != serverHash);
        QCOMPARE(r.store->recordState(id.value()).value().version, first->version);
        for (const QString &bucket : held)
            QCOMPARE(bucketState(*r.store, bucket)->isMismatched(), bucket == registries);

        // While the bucket is rebuilt, the cadre edits the very record being replaced.
        bool edited = false;
        connect(r.engine.get(), &SyncEngine::stateChanged, this, [&](SyncEngine::State state) {
            if (state != SyncEngine::State::Rebuilding || edited)
                return;
            edited = r.store->update(id.value(), { { QStringLiteral("address"), QStringLiteral("Ngõ Đợi") } }).isOk();
        });
        result = sync(r);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(result.rebuiltBuckets, QStringList { registries });
        QVERIFY(result.flaggedBuckets.isEmpty());
        QVERIFY(edited);
        // The base is the server's again, the outbox kept the edit, and the view shows both.
        QCOMPARE(r.store->stateHash().value(), serverHash);
        QCOMPARE(r.store->pendingCount(), 1);
        const auto view = r.store->recordState(id.value());
        QVERIFY(view.isOk());
        QCOMPARE(view.value().version, first->version + 1);
        QCOMPARE(view.value().fields.value(QStringLiteral("given_name")).toString(), QStringLiteral("Phiên Bản Hai"));
        QCOMPARE(view.value().fields.value(QStringLiteral("address")).toString(), QStringLiteral("Ngõ Đợi"));
        QVERIFY(!bucketState(*r.store, registries)->isMismatched());

        // The next sync sends the edit and rebuilds nothing.
        result = sync(r);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(result.pushed, 1);
        QVERIFY(result.rebuiltBuckets.isEmpty());
        QVERIFY(result.flaggedBuckets.isEmpty());
        QCOMPARE(r.store->pendingCount(), 0);
        const auto stored = m_api->state({ registries }).value(id.value());
        QCOMPARE(stored.fields.value(QStringLiteral("address")).toString(), QStringLiteral("Ngõ Đợi"));
        QCOMPARE(stored.fields.value(QStringLiteral("given_name")).toString(), QStringLiteral("Phiên Bản Hai"));
        QCOMPARE(r.store->stateHash().value(), serverStateHash(*r.store));
    }

    // The server's own head announces a checksum that its records do not add up to (a damaged head row): no
    // rebuild can make the replica agree. The engine rebuilds once at that head and flags the bucket, then only
    // flags it while the head stays there; a new head earns one more try; a repaired head clears the flag.
    // The replica itself holds the server's records all along.
    void bucketTheServerDisagreesWithIsRebuiltOncePerHead()
    {
        Replica r = replica(QStringLiteral("canbo.hoankiem"));
        Replica other = replica(QStringLiteral("chutich.hoankiem"));
        QVERIFY(r.store && other.store);
        SyncEngine::Result result = sync(r);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QVERIFY(result.rebuiltBuckets.isEmpty());
        QVERIFY(result.flaggedBuckets.isEmpty());

        QVERIFY(shiftServerChecksum(registries, 1));
        auto repair = qScopeGuard([this] { shiftServerChecksum(registries, -1); });

        result = sync(r);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(result.rebuiltBuckets, QStringList { registries });
        QCOMPARE(result.flaggedBuckets, QStringList { registries });
        QVERIFY(bucketState(*r.store, registries)->isFlagged());
        QCOMPARE(r.store->stateHash().value(), serverStateHash(*r.store));
        const qint64 head = bucketState(*r.store, registries)->serverSeq;

        // Same head: flagged again, not rebuilt again.
        result = sync(r);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QVERIFY(result.rebuiltBuckets.isEmpty());
        QCOMPARE(result.flaggedBuckets, QStringList { registries });
        QCOMPARE(bucketState(*r.store, registries)->serverSeq, head);

        // A change moves the head (the server updates the damaged sum by the change, so it stays wrong): one more
        // rebuild at the new head, still flagged.
        QVERIFY(createPerson(other, QStringLiteral("Đầu Mới")).isOk());
        QVERIFY(sync(other).isOk());
        result = sync(r);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QVERIFY(result.pulled >= 1);
        QVERIFY(bucketState(*r.store, registries)->serverSeq > head);
        QCOMPARE(result.rebuiltBuckets, QStringList { registries });
        QCOMPARE(result.flaggedBuckets, QStringList { registries });

        // The head repaired: the replica agrees without a rebuild, and the flag is gone.
        repair.dismiss();
        QVERIFY(shiftServerChecksum(registries, -1));
        result = sync(r);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QVERIFY(result.rebuiltBuckets.isEmpty());
        QVERIFY(result.flaggedBuckets.isEmpty());
        QVERIFY(!bucketState(*r.store, registries)->isMismatched());
        QCOMPARE(r.store->stateHash().value(), serverStateHash(*r.store));
    }
};

QTEST_GUILESS_MAIN(tst_SyncAuto)
#include "tst_syncauto.moc"
