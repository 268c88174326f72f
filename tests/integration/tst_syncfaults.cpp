// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Sync over a bad line: a proxy between the client engine and the real server refuses, resets, truncates, delays
// and stalls connections in the middle of requests and responses. After each fault the engine's retries (or the
// next sync) converge: nothing queued is lost or doubled, and both replicas equal the server.
#include "client/core/replicastore.h"
#include "client/core/syncengine.h"
#include "shared/crypto.h"
#include "tests/support/faultproxy.h"
#include "tests/support/serverprocess.h"
#include "tests/support/syncclient.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mts;
using mts::test::FaultProxy;
using mts::test::ServerProcess;
using mts::test::SyncApi;

namespace {
const QString commune = QStringLiteral("C:00070");
const QStringList buckets { QStringLiteral("C:00070/registries"), QStringLiteral("C:00070/reports") };
} // namespace

Q_DECLARE_METATYPE(FaultProxy::Fault)

class tst_SyncFaults : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<SyncApi> m_api;
    std::unique_ptr<FaultProxy> m_proxy;
    QNetworkAccessManager m_network;
    // The flaky PC's own network stack: its connections are dropped before each sync (a new line, as after a
    // network change), so the proxy's next fault hits them.
    QNetworkAccessManager m_flakyNetwork;
    QTemporaryDir m_dir;

    using Replica = mts::test::TestReplica;
    Replica m_flaky; // behind the proxy
    Replica m_direct;
    int m_created = 0;

    Replica replica(const QString &username, const QString &name, const QUrl &url, QNetworkAccessManager *network)
    {
        SyncEngine::Options options;
        options.retryBaseMs = 50;
        options.retryMaxMs = 400;
        options.pushBatch = 10;
        options.pullLimit = 15;
        return mts::test::makeReplica(m_dir.path(), name,
            ServerConnection(network, url, ServerCertificatePin(m_server->certificate())),
            mts::test::fixedToken(m_api->token(username)), options);
    }

    SyncEngine::Result sync(Replica &r)
    {
        QSignalSpy finished(r.engine.get(), &SyncEngine::finished);
        r.engine->start();
        if (!finished.wait(120000))
            return { SyncEngine::Error::Network, QStringLiteral("no answer in 120 s"), 0, 0, 0, {}, {} };
        return finished.at(0).at(0).value<SyncEngine::Result>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>(QStringList { QStringLiteral("--demo") });
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_api = std::make_unique<SyncApi>(*m_server);
        m_proxy = std::make_unique<FaultProxy>(QHostAddress::LocalHost, m_server->port());
        QVERIFY(m_proxy->listen());
        QUrl proxied = m_server->url();
        proxied.setPort(m_proxy->port());
        m_flaky = replica(QStringLiteral("canbo.hoankiem"), QStringLiteral("flaky"), proxied, &m_flakyNetwork);
        m_direct = replica(QStringLiteral("chutich.hoankiem"), QStringLiteral("direct"), m_server->url(), &m_network);
        QVERIFY(m_flaky.store && m_direct.store);
    }

    void convergesAfterFault_data()
    {
        QTest::addColumn<FaultProxy::Fault>("fault");
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<int>("delayMs");
        QTest::newRow("refused") << FaultProxy::Fault::Refuse << qint64(0) << 0;
        QTest::newRow("reset in the handshake") << FaultProxy::Fault::ResetMidRequest << qint64(300) << 0;
        QTest::newRow("reset mid-request") << FaultProxy::Fault::ResetMidRequest << qint64(4000) << 0;
        QTest::newRow("response cut short") << FaultProxy::Fault::TruncateResponse << qint64(6000) << 0;
        QTest::newRow("reset mid-response") << FaultProxy::Fault::ResetMidResponse << qint64(9000) << 0;
        QTest::newRow("slow response") << FaultProxy::Fault::DelayResponse << qint64(0) << 2000;
        QTest::newRow("stalled response") << FaultProxy::Fault::StallResponse << qint64(5000) << 0;
    }

    void convergesAfterFault()
    {
        QFETCH(FaultProxy::Fault, fault);
        QFETCH(qint64, bytes);
        QFETCH(int, delayMs);

        // Work on both sides: the flaky PC pushes new and changed records and pulls the other's.
        for (int i = 0; i < 25; ++i) {
            const auto id = m_flaky.store->create(QStringLiteral("person"), commune,
                { { QStringLiteral("surname"), QStringLiteral("Đường") },
                    { QStringLiteral("given_name"), QStringLiteral("Truyền %1").arg(m_created + i) },
                    { QStringLiteral("phone"),
                        QStringLiteral("0912%1").arg(m_created + i, 6, 10, QLatin1Char('0')) } });
            QVERIFY(id.isOk());
        }
        m_created += 25;
        for (int i = 0; i < 30; ++i) {
            QVERIFY(m_direct.store
                        ->create(QStringLiteral("person"), commune,
                            { { QStringLiteral("surname"), QStringLiteral("Thẳng") },
                                { QStringLiteral("given_name"), QStringLiteral("Nối %1").arg(i) } })
                        .isOk());
        }
        QVERIFY(sync(m_direct).isOk());

        const int faultsBefore = m_proxy->faultsApplied();
        m_flaky.engine->dropConnections();
        m_proxy->enqueue({ fault, bytes, delayMs });
        SyncEngine::Result result = sync(m_flaky);
        QVERIFY2(m_proxy->faultsApplied() > faultsBefore, "the fault did not hit any connection");
        if (!result.isOk()) {
            // The engine gave up within this sync (e.g. a stalled line timing out): the next sync finishes the job.
            QCOMPARE(result.error, SyncEngine::Error::Network);
            result = sync(m_flaky);
        }
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QVERIFY(sync(m_direct).isOk());
        QCOMPARE(m_flaky.store->pendingCount(), 0);
        QCOMPARE(m_flaky.store->setAsideCount(), 0);

        QByteArray serverHash;
        const auto server = m_api->state(buckets, &serverHash);
        int mine = 0;
        for (const sync::RecordChange &record : server)
            mine += record.fields.value(QStringLiteral("surname")).toString() == QStringLiteral("Đường") ? 1 : 0;
        QVERIFY2(mine == m_created,
            qPrintable(QStringLiteral("%1 of %2 queued records on the server (%3 records)")
                           .arg(mine)
                           .arg(m_created)
                           .arg(server.size())));
        QCOMPARE(m_flaky.store->stateHash().value(), serverHash);
        QCOMPARE(m_direct.store->stateHash().value(), serverHash);
    }
};

QTEST_GUILESS_MAIN(tst_SyncFaults)
#include "tst_syncfaults.moc"
