// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The sync benchmark of the issue: the real server on loopback TLS, N registry records of about 400 bytes
// (Vietnamese names and addresses, a citizen ID and phone sealed at rest), driven by the real client core
// (ReplicaStore + SyncEngine). For the SQLite backend and, when MTS_TEST_PG_URL names a PostgreSQL server, for
// the PostgreSQL backend, it prints:
//   <backend> queue: N ops/s            N creates written to the replica (each with its outbox op), one commit each
//   <backend> queue in batches of 1000  the same through ReplicaStore::writeBatch (an import)
//   <backend> push: N ops/s             the engine pushing the N queued ops
//   <backend> push CPU: …               CPU seconds of client and server, wall time and bytes sent and received
//   <backend> pull: N records/s         a fresh replica's initial pull of the N records
//   <backend> pull CPU: …               the same for the pull
//   <backend> no-op sync: X ms          median of 20 syncs with nothing to do, warm connection
//   <backend> delta 100: X ms           median sync that receives 100 changes made elsewhere
//   <backend> client peak RSS by phase: …  this process's peak in each phase (the peak reset between them)
//   <backend> server peak RSS: X MB
// then `client peak RSS: X MB` (this process, all replicas, the largest of its peaks). The floor, `floor sqlite insert
// at start: N rows/s` first and `floor sqlite insert at end: N rows/s` last, is the same rows inserted into SQLite with
// the C API in one transaction: how fast the machine runs, before and after.
//
// Usage: bench_sync [N] (default 100000). Build it in a Release tree: the server it starts is that tree's.
// Not a test.
#include "client/core/replicastore.h"
#include "client/core/syncengine.h"
#include "shared/crypto.h"
#include "tests/bench/benchoutput.h"
#include "tests/bench/benchperson.h"
#include "tests/support/postgresfixture.h"
#include "tests/support/serverprocess.h"
#include "tests/support/syncclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>

#include <unistd.h>

using namespace mts;
using mts::test::procStatusKib;
using mts::test::say;

namespace {

const QString commune = QStringLiteral("C:00070");

// The largest peak of the phases measured so far (phasePeakKib()), in KiB.
qint64 g_peakKib = 0;

// This process's peak resident size since the last call, in KiB (VmHWM), after which the peak is reset to the
// current size (5 written to /proc/self/clear_refs), so that each phase reports its own peak.
qint64 phasePeakKib()
{
    const qint64 peak = procStatusKib("VmHWM");
    g_peakKib = std::max(g_peakKib, peak);
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
    return peak;
}

// CPU seconds (user + system) process `pid` has used, from /proc/<pid>/stat; 0 `pid` is this process.
double cpuSeconds(qint64 pid = 0)
{
    QFile stat(pid ? QStringLiteral("/proc/%1/stat").arg(pid) : QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    // The command name (field 2) may hold spaces: count fields from the closing parenthesis.
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    return (fields.at(11).toLongLong() + fields.at(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

struct Replica {
    std::unique_ptr<ReplicaStore> store;
    std::unique_ptr<SyncEngine> engine;
};

class Bench {
public:
    Bench(int records, QString backend, QStringList serverArguments, QString folder)
        : m_records(records)
        , m_backend(std::move(backend))
        , m_folder(std::move(folder))
        , m_server(QStringList { QStringLiteral("--demo") } + serverArguments)
    {
    }

    bool run()
    {
        if (!m_server.start()) {
            say(m_server.output());
            return false;
        }
        m_api = std::make_unique<test::SyncApi>(m_server);
        Replica a = replica(QStringLiteral("canbo.hoankiem"), QStringLiteral("a"));
        Replica b = replica(QStringLiteral("chutich.hoankiem"), QStringLiteral("b"));
        if (!a.store || !b.store)
            return false;

        phasePeakKib();
        QElapsedTimer clock;
        clock.start();
        QStringList ids;
        ids.reserve(m_records);
        for (int i = 0; i < m_records; ++i) {
            const auto id = a.store->create(QStringLiteral("person"), commune, test::benchPerson(i));
            if (!id) {
                say(QStringLiteral("queue failed: ") + id.error().message);
                return false;
            }
            ids.append(id.value());
        }
        report(QStringLiteral("queue: %1 ops/s").arg(qRound64(m_records * 1000.0 / clock.elapsed())));
        const qint64 queuePeak = phasePeakKib();

        // The same writes as an import makes them: 1,000 per transaction (ReplicaStore::writeBatch), on a third
        // replica that is not synced.
        {
            Replica importer = replica(QStringLiteral("canbo.hoankiem"), QStringLiteral("import"));
            if (!importer.store)
                return false;
            clock.restart();
            for (int from = 0; from < m_records; from += 1000) {
                const auto written = importer.store->writeBatch([&]() -> Status<ReplicaStore::Error> {
                    for (int i = from; i < std::min(m_records, from + 1000); ++i) {
                        if (auto id = importer.store->create(QStringLiteral("person"), commune, test::benchPerson(i));
                            !id)
                            return id.error();
                    }
                    return ok;
                });
                if (!written) {
                    say(QStringLiteral("import failed: ") + written.error().message);
                    return false;
                }
            }
            report(QStringLiteral("queue in batches of 1000: %1 ops/s")
                       .arg(qRound64(m_records * 1000.0 / qMax<qint64>(1, clock.elapsed()))));
        }

        const qint64 importPeak = phasePeakKib();

        // The push phase ends when the engine starts pulling.
        qint64 pushMs = -1;
        qint64 pushBytes = 0;
        Cpu pushCpu;
        clock.restart();
        Cpu cpu = this->cpu();
        QObject::connect(a.engine.get(), &SyncEngine::stateChanged, a.engine.get(), [&](SyncEngine::State state) {
            if (state == SyncEngine::State::Pulling && pushMs < 0) {
                pushMs = clock.elapsed();
                pushCpu = this->cpu() - cpu;
                pushBytes = m_lastBytes;
            }
        });
        if (!sync(a))
            return false;
        report(QStringLiteral("push: %1 ops/s").arg(qRound64(m_records * 1000.0 / qMax<qint64>(1, pushMs))));
        reportCost(QStringLiteral("push"), pushCpu, pushMs, pushBytes);
        const qint64 pushPeak = phasePeakKib();

        clock.restart();
        cpu = this->cpu();
        if (!sync(b))
            return false;
        const qint64 pullMs = clock.elapsed();
        const Cpu pullCpu = this->cpu() - cpu;
        report(QStringLiteral("pull: %1 records/s").arg(qRound64(m_records * 1000.0 / qMax<qint64>(1, pullMs))));
        reportCost(QStringLiteral("pull"), pullCpu, pullMs, m_lastBytes);
        const qint64 pullPeak = phasePeakKib();
        report(QStringLiteral("client peak RSS by phase: queue %1, import %2, push %3, pull %4 MB")
                   .arg(queuePeak / 1024)
                   .arg(importPeak / 1024)
                   .arg(pushPeak / 1024)
                   .arg(pullPeak / 1024));

        QList<double> noop;
        for (int i = 0; i < 20; ++i) {
            QElapsedTimer one;
            one.start();
            if (!sync(b))
                return false;
            noop.append(one.nsecsElapsed() / 1e6);
        }
        report(QStringLiteral("no-op sync: %1 ms").arg(median(noop), 0, 'f', 1));

        QList<double> delta;
        for (int round = 0; round < 5; ++round) {
            for (int i = 0; i < 100; ++i) {
                const QString &id = ids.at((round * 100 + i) * 7 % ids.size());
                if (!a.store->update(id, { { QStringLiteral("address"), QStringLiteral("Số %1 phố Huế").arg(round) } }))
                    return false;
            }
            if (!sync(a))
                return false;
            QElapsedTimer one;
            one.start();
            if (!sync(b))
                return false;
            delta.append(one.nsecsElapsed() / 1e6);
        }
        report(QStringLiteral("delta 100: %1 ms").arg(median(delta), 0, 'f', 1));
        report(QStringLiteral("server peak RSS: %1 MB").arg(procStatusKib("VmHWM", m_server.pid()) / 1024));
        return true;
    }

private:
    struct Cpu {
        double client = 0;
        double server = 0;
        Cpu operator-(const Cpu &other) const { return { client - other.client, server - other.server }; }
    };
    Cpu cpu() const { return { cpuSeconds(), cpuSeconds(m_server.pid()) }; }

    // `<phase> CPU: client X s, server Y s, wall Z s; bytes N MB`.
    void reportCost(const QString &phase, const Cpu &cpu, qint64 wallMs, qint64 bytes)
    {
        report(QStringLiteral("%1 CPU: client %2 s, server %3 s, wall %4 s; bytes %5 MB")
                   .arg(phase)
                   .arg(cpu.client, 0, 'f', 2)
                   .arg(cpu.server, 0, 'f', 2)
                   .arg(wallMs / 1000.0, 0, 'f', 2)
                   .arg(bytes / 1e6, 0, 'f', 1));
    }

    void report(const QString &line) { say(m_backend + QLatin1Char(' ') + line); }

    static double median(QList<double> values)
    {
        std::sort(values.begin(), values.end());
        return values.isEmpty() ? 0 : values.at(values.size() / 2);
    }

    Replica replica(const QString &username, const QString &name)
    {
        Replica r;
        const QByteArray token = m_api->token(username);
        if (token.isEmpty()) {
            say(QStringLiteral("cannot sign in as ") + username);
            return r;
        }
        r.store = std::make_unique<ReplicaStore>(
            QStringLiteral("%1/%2-%3.replica").arg(m_folder, m_backend, name), crypto::randomBytes(crypto::keyBytes));
        if (!r.store->open()) {
            r.store.reset();
            return r;
        }
        SyncEngine::Credentials credentials;
        credentials.accessToken = [token](QObject *, std::function<void(const QByteArray &)> done) { done(token); };
        credentials.invalidate = [](const QByteArray &) {};
        r.engine = std::make_unique<SyncEngine>(r.store.get(),
            ServerConnection(&m_network, m_server.url(), ServerCertificatePin(m_server.certificate())), credentials,
            QStringLiteral("%1/%2-%3.lock").arg(m_folder, m_backend, name));
        return r;
    }

    bool sync(Replica &r)
    {
        QSignalSpy finished(r.engine.get(), &SyncEngine::finished);
        m_lastBytes = 0;
        const QMetaObject::Connection bytes = QObject::connect(r.engine.get(), &SyncEngine::progress, &m_network,
            [this](qint64, qint64, qint64 sent) { m_lastBytes = sent; });
        r.engine->start();
        const bool ended = finished.wait(600000);
        QObject::disconnect(bytes);
        if (!ended) {
            say(QStringLiteral("sync timed out"));
            return false;
        }
        const auto result = finished.at(0).at(0).value<SyncEngine::Result>();
        if (!result.isOk())
            say(QStringLiteral("sync failed: ") + result.message);
        return result.isOk();
    }

    int m_records;
    QString m_backend;
    QString m_folder;
    test::ServerProcess m_server;
    std::unique_ptr<test::SyncApi> m_api;
    QNetworkAccessManager m_network;
    qint64 m_lastBytes = 0;
};

// The floor: the same rows inserted into SQLite with the C API, prepared once, one transaction. Measured at the
// start and at the end of the run: the machine's speed drifts, and a slow phase then shows.
void floor(int records, const QString &folder, const QString &when)
{
    sqlite3 *db = nullptr;
    const QByteArray path = QFile::encodeName(folder + QStringLiteral("/floor-%1.sqlite").arg(when));
    sqlite3_open(path.constData(), &db);
    sqlite3_exec(db,
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE records (id TEXT PRIMARY KEY, kind TEXT,"
        " scope TEXT, fields TEXT)",
        nullptr, nullptr, nullptr);
    QList<QByteArray> rows;
    rows.reserve(records);
    for (int i = 0; i < records; ++i)
        rows.append(QJsonDocument(test::benchPerson(i)).toJson(QJsonDocument::Compact));
    QElapsedTimer clock;
    clock.start();
    sqlite3_stmt *insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO records VALUES (?1, 'person', 'C:00070', ?2)", -1, &insert, nullptr);
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (int i = 0; i < records; ++i) {
        const QByteArray id = QByteArray::number(i);
        sqlite3_bind_text(insert, 1, id.constData(), int(id.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 2, rows.at(i).constData(), int(rows.at(i).size()), SQLITE_STATIC);
        sqlite3_step(insert);
        sqlite3_reset(insert);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    const qint64 ms = clock.elapsed();
    sqlite3_finalize(insert);
    sqlite3_close(db);
    say(QStringLiteral("floor sqlite insert %1: %2 rows/s (%3 bytes per row)")
            .arg(when)
            .arg(qRound64(records * 1000.0 / qMax<qint64>(1, ms)))
            .arg(rows.isEmpty() ? 0 : rows.constFirst().size()));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int records = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    if (records < 100) {
        std::fprintf(stderr, "usage: bench_sync [N ≥ 100]\n");
        return 2;
    }
    QTemporaryDir folder;
    say(QStringLiteral("records: %1").arg(records));
    floor(records, folder.path(), QStringLiteral("at start"));
    {
        Bench sqlite(records, QStringLiteral("sqlite"), {}, folder.path());
        if (!sqlite.run())
            return 1;
    }
    if (test::PostgresFixture::isConfigured()) {
        test::PostgresFixture database;
        if (!database.isReady()) {
            say(QStringLiteral("postgresql: ") + database.errorString());
            return 1;
        }
        Bench postgres(
            records, QStringLiteral("postgresql"), { QStringLiteral("--database"), database.url() }, folder.path());
        if (!postgres.run())
            return 1;
    } else {
        say(QStringLiteral("postgresql: skipped (MTS_TEST_PG_URL not set)"));
    }
    say(QStringLiteral("client peak RSS: %1 MB").arg(std::max(g_peakKib, procStatusKib("VmHWM")) / 1024));
    floor(records, folder.path(), QStringLiteral("at end"));
    return 0;
}
