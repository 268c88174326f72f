// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The server killed with SIGKILL in the middle of pushes: every op it acknowledged survives the restart, and
// resending what was not acknowledged applies each op exactly once.
#include "shared/hlc.h"
#include "shared/syncwire.h"
#include "shared/uuid7.h"
#include "tests/support/httpclient.h"
#include "tests/support/postgresfixture.h"
#include "tests/support/serverprocess.h"
#include "tests/support/syncclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace mts;
using mts::test::HttpClient;
using mts::test::ServerProcess;

namespace {
const QString registries = QStringLiteral("C:00070/registries");

QJsonArray batchOf(int size, int batchNumber)
{
    QJsonArray ops;
    for (int i = 0; i < size; ++i) {
        ops.append(QJsonObject { { QStringLiteral("op_id"), createUuid7() },
            { QStringLiteral("type"), QStringLiteral("create") }, { QStringLiteral("record_id"), createUuid7() },
            { QStringLiteral("kind"), QStringLiteral("person") },
            { QStringLiteral("scope"), QStringLiteral("C:00070") },
            { QStringLiteral("hlc"),
                HlcStamp { QDateTime::currentMSecsSinceEpoch(), quint16(i), QStringLiteral("pc-kill") }.toString() },
            { QStringLiteral("set"),
                QJsonObject { { QStringLiteral("surname"), QStringLiteral("Lô") },
                    { QStringLiteral("given_name"), QStringLiteral("Số %1-%2").arg(batchNumber).arg(i) } } },
            { QStringLiteral("schema_version"), 2 } });
    }
    return ops;
}
} // namespace

class tst_ServerKill : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<mts::test::PostgresFixture> m_pg;

private Q_SLOTS:
    void acknowledgedOpsSurviveAKill()
    {
        const QString data = m_dir.filePath(QStringLiteral("data"));
        // One port for every restart: the tokens name the server's address as their issuer.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        QStringList arguments { QStringLiteral("--demo"), QStringLiteral("--listen"),
            QStringLiteral("127.0.0.1:%1").arg(port) };
        MTS_SYNC_BACKEND_ARGUMENTS(m_pg, backend)
        arguments += backend;
        const int rounds = qEnvironmentVariableIntValue("MTS_TEST_SERVER_KILLS") > 0
            ? qEnvironmentVariableIntValue("MTS_TEST_SERVER_KILLS")
            : 5;
        QList<QJsonArray> sent;
        QSet<QString> acknowledged;
        QByteArray token;
        int killedDuringRequest = 0;

        for (int round = 0; round < rounds; ++round) {
            ServerProcess server(arguments, data);
            QVERIFY2(server.start(), qPrintable(server.output()));
            if (token.isEmpty())
                token = mts::test::SyncApi(server).token(QStringLiteral("canbo.hoankiem"));
            QVERIFY(!token.isEmpty());
            HttpClient http(server.certificate());
            const QUrl push(server.url().toString() + QStringLiteral("/api/v1/sync/push"));

            // The kill lands at a random moment of a stream of batches.
            bool killed = false;
            QTimer::singleShot(int(50 + QRandomGenerator::global()->bounded(400)), [&server, &killed] {
                server.kill();
                killed = true;
            });
            for (int batch = 0; !killed && batch < 200; ++batch) {
                const QJsonArray ops = batchOf(50, round * 1000 + batch);
                sent.append(ops);
                const auto response = http.postJson(
                    push, QJsonObject { { QStringLiteral("ops"), ops } }, { { "Authorization", "Bearer " + token } });
                if (response.status == 200) {
                    const auto results = sync::PushResponse::fromJson(response.json());
                    QVERIFY(results);
                    QCOMPARE(results->results.size(), ops.size());
                    for (const sync::PushResult &result : results->results) {
                        QCOMPARE(result.outcome, sync::PushOutcome::Applied);
                        acknowledged.insert(result.opId);
                    }
                } else {
                    QVERIFY2(killed, qPrintable(QString::fromUtf8(response.body)));
                    ++killedDuringRequest;
                }
            }
            QVERIFY(QTest::qWaitFor([&killed] { return killed; }, 10000));
        }
        QVERIFY2(killedDuringRequest > 0, "no kill landed during a request");

        // Restart: every acknowledged op is there; resending everything applies what was lost exactly once.
        ServerProcess server(arguments, data);
        QVERIFY2(server.start(), qPrintable(server.output()));
        HttpClient http(server.certificate());
        const QUrl push(server.url().toString() + QStringLiteral("/api/v1/sync/push"));
        int replayed = 0;
        int appliedNow = 0;
        QSet<QString> records;
        for (const QJsonArray &ops : std::as_const(sent)) {
            const auto response = http.postJson(
                push, QJsonObject { { QStringLiteral("ops"), ops } }, { { "Authorization", "Bearer " + token } });
            QCOMPARE(response.status, 200);
            const auto results = sync::PushResponse::fromJson(response.json());
            QVERIFY(results);
            for (const sync::PushResult &result : results->results) {
                QCOMPARE(result.outcome, sync::PushOutcome::Applied);
                QVERIFY(result.record);
                records.insert(result.record->id);
                if (acknowledged.contains(result.opId))
                    ++replayed;
                else
                    ++appliedNow;
            }
        }
        QCOMPARE(replayed, int(acknowledged.size()));

        // The bucket holds exactly one record per op sent, each once.
        sync::PullRequest request;
        request.positions.insert(registries, 0);
        int pulled = 0;
        for (;;) {
            const auto response = http.postJson(QUrl(server.url().toString() + QStringLiteral("/api/v1/sync/pull")),
                request.toJson(), { { "Authorization", "Bearer " + token } });
            QCOMPARE(response.status, 200);
            const auto page = sync::PullResponse::fromJson(response.json());
            QVERIFY(page);
            for (const sync::RecordChange &change : page->changes)
                pulled += change.bucket == registries && records.contains(change.id) ? 1 : 0;
            request.positions.insert(page->positions);
            if (!page->more)
                break;
        }
        QCOMPARE(pulled, int(records.size()));
        QCOMPARE(int(records.size()), int(sent.size()) * 50);
        qInfo("%d rounds, %d ops acknowledged before kills, %d applied on resend, %d requests cut by a kill", rounds,
            int(acknowledged.size()), appliedNow, killedDuringRequest);
    }
};

QTEST_GUILESS_MAIN(tst_ServerKill)
#include "tst_serverkill.moc"
