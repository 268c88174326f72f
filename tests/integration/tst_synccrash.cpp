// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Crash safety of the client: `mattranso-cli sync` killed with SIGKILL at random moments while it pushes and
// pulls, then run again. No queued op is lost, none is applied twice, and the replica ends equal to the server.
// MTS_TEST_CLIENT_KILLS sets how many kills must land inside a running sync (default 30; long mode 500, which gets
// an hour instead of QtTest's 5 minutes unless QTEST_FUNCTION_TIMEOUT says otherwise).
#include "shared/hlc.h"
#include "shared/uuid7.h"
#include "tests/support/serverprocess.h"
#include "tests/support/syncclient.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace mts;
using mts::test::ServerProcess;
using mts::test::SyncApi;

namespace {
const QString registries = QStringLiteral("C:00070/registries");
const QString password = QStringLiteral("matranso-demo");
} // namespace

class tst_SyncCrash : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<SyncApi> m_api;
    QTemporaryDir m_home;
    QProcessEnvironment m_env;
    int m_imported = 0;
    int m_remote = 0;

    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
        bool killed = false;
        qint64 afterProgressMs = -1; // how long an unkilled run went on after its first progress line
    };

    QStringList account(const char *command) const
    {
        return { QString::fromLatin1(command), QStringLiteral("--server"), m_server->url().toString(),
            QStringLiteral("--ca"), m_server->certificateFile(), QStringLiteral("--username"),
            QStringLiteral("canbo.hoankiem") };
    }

    // Runs the CLI; with `killAfterProgressMs` >= 0 it is killed that long after its first progress line.
    Run cli(const QStringList &arguments, int killAfterProgressMs = -1)
    {
        QProcess process;
        process.setProcessEnvironment(m_env);
        process.start(ServerProcess::cliBinary(), arguments);
        process.write(password.toUtf8() + '\n');
        process.closeWriteChannel();
        Run run;
        if (killAfterProgressMs >= 0) {
            QByteArray seen;
            QElapsedTimer clock;
            while (process.state() != QProcess::NotRunning) {
                process.waitForReadyRead(10);
                seen += process.readAllStandardOutput();
                if (!clock.isValid() && seen.contains("progress:"))
                    clock.start();
                if (clock.isValid() && clock.elapsed() >= killAfterProgressMs) {
                    if (process.state() != QProcess::NotRunning) {
                        ::kill(pid_t(process.processId()), SIGKILL);
                        run.killed = true;
                    }
                    break;
                }
            }
            if (!run.killed && clock.isValid())
                run.afterProgressMs = clock.elapsed();
            process.waitForFinished(30000);
            run.out = QString::fromUtf8(seen + process.readAllStandardOutput());
        } else {
            process.waitForFinished(120000);
            run.out = QString::fromUtf8(process.readAllStandardOutput());
        }
        run.err = QString::fromUtf8(process.readAllStandardError());
        run.exitCode = run.killed ? -9 : process.exitCode();
        if (!run.killed && process.state() != QProcess::NotRunning) {
            run.exitCode = -1;
            run.err += QStringLiteral("\n(still running: stopped by the test)");
            process.kill();
            process.waitForFinished(10000);
        } else if (!run.killed && process.exitStatus() == QProcess::CrashExit) {
            run.exitCode = -1;
            run.err += QStringLiteral("\n(crashed: %1)").arg(process.errorString());
        }
        return run;
    }

    // Queues `count` new persons on the cadre's PC (offline, through the CLI's CSV import).
    void importRows(int count)
    {
        QString csv = QStringLiteral("surname,given_name,cccd\n");
        for (int i = 0; i < count; ++i)
            csv += QStringLiteral("Crash,Hàng %1,0010%2\n")
                       .arg(m_imported + i)
                       .arg(m_imported + i, 8, 10, QLatin1Char('0'));
        const QString file = m_home.filePath(QStringLiteral("rows.csv"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(csv.toUtf8());
        out.close();
        const Run run = cli(account("import")
            + QStringList { QStringLiteral("--kind"), QStringLiteral("person"), QStringLiteral("--scope"),
                QStringLiteral("C:00070"), file });
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY(run.out.contains(QStringLiteral("imported: %1").arg(count)));
        m_imported += count;
    }

    // Another cadre's changes, for the crashing client to pull.
    void pushRemote(int count)
    {
        QJsonArray ops;
        for (int i = 0; i < count; ++i) {
            ops.append(QJsonObject { { QStringLiteral("op_id"), createUuid7() },
                { QStringLiteral("type"), QStringLiteral("create") }, { QStringLiteral("record_id"), createUuid7() },
                { QStringLiteral("kind"), QStringLiteral("person") },
                { QStringLiteral("scope"), QStringLiteral("C:00070") },
                { QStringLiteral("hlc"),
                    HlcStamp { QDateTime::currentMSecsSinceEpoch(), quint16(i), QStringLiteral("chair-pc") }
                        .toString() },
                { QStringLiteral("set"),
                    QJsonObject { { QStringLiteral("surname"), QStringLiteral("Remote") },
                        { QStringLiteral("given_name"), QStringLiteral("Số %1").arg(m_remote + i) } } },
                { QStringLiteral("schema_version"), 2 } });
        }
        const auto response = m_api->push(QStringLiteral("chutich.hoankiem"), ops);
        QVERIFY2(response.status == 200,
            qPrintable(response.networkError + QString::fromUtf8(response.body) + m_server->output().right(3000)));
        m_remote += count;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>(QStringList { QStringLiteral("--demo") });
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_api = std::make_unique<SyncApi>(*m_server);
        m_env = QProcessEnvironment::systemEnvironment();
        for (const char *name : { "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR" })
            m_env.insert(QLatin1String(name), m_home.path());
        m_env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // the encrypted vault, not a keychain
        // The engine says why it retries: shown when a run fails.
        m_env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("mts.sync.info=true"));
        const Run login = cli(account("login"));
        QVERIFY2(login.exitCode == 0, qPrintable(login.out + login.err));
    }

    void killedSyncsLoseNothing()
    {
        const int wanted = qEnvironmentVariableIntValue("MTS_TEST_CLIENT_KILLS") > 0
            ? qEnvironmentVariableIntValue("MTS_TEST_CLIENT_KILLS")
            : 30;
        const QStringList sync = account("sync")
            + QStringList { QStringLiteral("--push-batch"), QStringLiteral("10"), QStringLiteral("--pull-limit"),
                  QStringLiteral("20") };
        QRandomGenerator random(20261128);
        int landed = 0;
        int attempts = 0;
        int duringPush = 0;
        int duringPull = 0;
        // Kills fall at a random moment within the time a sync has lately been seen to run after its first progress
        // line, so that they keep landing inside it however fast this machine and build make it.
        qint64 window = 120;
        while (landed < wanted) {
            QVERIFY2(++attempts < wanted * 6, "kills keep missing the running sync");
            // Fresh work before every run, so that each one pushes and pulls several batches.
            importRows(12);
            pushRemote(40);
            const Run run = cli(sync, int(random.bounded(quint32(window))));
            if (run.killed) {
                ++landed;
                // Where it landed: the last progress line says how many items were done (the 12 queued ops are
                // pushed first, then changes are pulled).
                static const QRegularExpression progress(QStringLiteral("progress: (\\d+)/"));
                qint64 done = 0;
                for (auto it = progress.globalMatch(run.out); it.hasNext();)
                    done = it.next().captured(1).toLongLong();
                ++(done < 12 ? duringPush : duringPull);
            } else {
                QVERIFY2(run.exitCode == 0 || run.exitCode == 3, qPrintable(run.err.right(6000) + run.out.right(1000)));
                if (run.afterProgressMs >= 0)
                    window = qMax<qint64>(4, run.afterProgressMs);
            }
            if (QTest::currentTestFailed())
                return;
        }

        // Restarted without a kill, the sync finishes what the killed ones left.
        Run last;
        for (int i = 0; i < 3; ++i) {
            last = cli(sync);
            QVERIFY2(last.exitCode == 0, qPrintable(last.err.right(6000) + last.out.right(1000)));
        }
        QVERIFY2(last.out.contains(QStringLiteral("pending: 0")), qPrintable(last.out));

        // The server holds each imported person exactly once, and every remote one.
        QByteArray serverHash;
        const auto server = m_api->state({ registries }, &serverHash);
        QSet<QString> names;
        int crash = 0;
        int remote = 0;
        for (const sync::RecordChange &record : server) {
            const QString surname = record.fields.value(QStringLiteral("surname")).toString();
            if (surname == QLatin1String("Crash")) {
                ++crash;
                const QString name = record.fields.value(QStringLiteral("given_name")).toString();
                QVERIFY2(!names.contains(name), qPrintable(QStringLiteral("%1 was created twice").arg(name)));
                names.insert(name);
            } else if (surname == QLatin1String("Remote")) {
                ++remote;
            }
        }
        QCOMPARE(crash, m_imported);
        QCOMPARE(remote, m_remote);

        const Run state = cli(account("dump-state"));
        QVERIFY2(state.exitCode == 0, qPrintable(state.out + state.err));
        QVERIFY2(state.out.contains(QStringLiteral("state_hash: ") + QString::fromLatin1(serverHash)),
            qPrintable(state.out + QStringLiteral(" server: ") + QString::fromLatin1(serverHash)));
        QVERIFY(state.out.contains(QStringLiteral("set_aside: 0")));

        // `status` shows the replica caught up: nothing queued, a last sync, and the registries bucket at the
        // server's position with the server's checksum (computed here from the replica's own base).
        const Run status = cli(account("status"));
        QVERIFY2(status.exitCode == 0, qPrintable(status.out + status.err));
        QVERIFY2(status.out.contains(QStringLiteral("pending: 0\n")), qPrintable(status.out));
        QVERIFY2(status.out.contains(QStringLiteral("set_aside: 0\n")), qPrintable(status.out));
        QVERIFY2(!status.out.contains(QStringLiteral("last_sync: never")), qPrintable(status.out));
        const QRegularExpression bucketLine(QStringLiteral("^bucket: %1 position=(\\d+) local=(\\S+) server_seq=(\\d+) "
                                                           "server=(\\S+)$")
                                                .arg(QRegularExpression::escape(registries)),
            QRegularExpression::MultilineOption);
        const QRegularExpressionMatch bucket = bucketLine.match(status.out);
        QVERIFY2(bucket.hasMatch(), qPrintable(status.out));
        QCOMPARE(bucket.captured(1), bucket.captured(3));
        QCOMPARE(bucket.captured(2), bucket.captured(4));
        QVERIFY(bucket.captured(1).toLongLong() > 0);
        // And the units the sync brought for offline work: the commune and its residential areas.
        QVERIFY2(status.out.contains(QStringLiteral("units: 3 fetched=")), qPrintable(status.out));
        QVERIFY2(status.out.contains(QStringLiteral("\nunit: C:00070 commune parent=P:01 Phường Hoàn Kiếm\n")),
            qPrintable(status.out));
        qInfo("%d kills inside a running sync (%d while pushing, %d while pulling; %d runs, last window %lld ms), %d "
              "persons queued, %d pulled from another PC",
            landed, duringPush, duringPull, attempts, window, m_imported, m_remote);
        QVERIFY2(duringPush > 0 && duringPull > 0, "the kills must land both while pushing and while pulling");
    }
};

int main(int argc, char *argv[])
{
    // A long run outlasts QtTest's 5 minutes a test function: it gets an hour, unless told otherwise.
    if (qEnvironmentVariableIntValue("MTS_TEST_CLIENT_KILLS") > 30
        && !qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", "3600000");
    QCoreApplication app(argc, argv);
    tst_SyncCrash test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_synccrash.moc"
