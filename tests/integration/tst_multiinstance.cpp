// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Two server instances on one PostgreSQL, as behind a load balancer: the same push sent to both at once applies
// once, and batches that touch the same buckets in opposite orders, sent concurrently to both, never deadlock.
#include "server/core/serverdatabase.h"
#include "server/core/signingkeys.h"
#include "shared/hlc.h"
#include "shared/syncwire.h"
#include "shared/uuid7.h"
#include "tests/support/postgresfixture.h"
#include "tests/support/serverprocess.h"
#include "tests/support/syncclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace mts;
using mts::test::ServerProcess;

namespace {
const QString registries = QStringLiteral("C:00070/registries");
const QString reports = QStringLiteral("C:00070/reports");

QJsonObject create(const QString &kind, int i)
{
    const QJsonObject set = kind == QLatin1String("person")
        ? QJsonObject { { QStringLiteral("surname"), QStringLiteral("Song") },
              { QStringLiteral("given_name"), QStringLiteral("Song %1").arg(i) } }
        : QJsonObject { { QStringLiteral("period_type"), QStringLiteral("weekly") },
              { QStringLiteral("period"), QStringLiteral("2026-W%1").arg(i % 52 + 1) } };
    return { { QStringLiteral("op_id"), createUuid7() }, { QStringLiteral("type"), QStringLiteral("create") },
        { QStringLiteral("record_id"), createUuid7() }, { QStringLiteral("kind"), kind },
        { QStringLiteral("scope"), QStringLiteral("C:00070") },
        { QStringLiteral("hlc"),
            HlcStamp { QDateTime::currentMSecsSinceEpoch(), quint16(i), QStringLiteral("pc") }.toString() },
        { QStringLiteral("set"), set }, { QStringLiteral("schema_version"), 2 } };
}
} // namespace

class tst_MultiInstance : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<mts::test::PostgresFixture> m_pg;
    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_first;
    std::unique_ptr<ServerProcess> m_second;
    QByteArray m_tokens[2];
    QNetworkAccessManager m_network;

    // The same account's token, with each instance's own address as its issuer (both sign with the keys of the
    // shared data folder).
    QByteArray tokenFor(ServerProcess &server, const QJsonObject &claims)
    {
        QJsonObject forged = claims;
        forged.insert(QStringLiteral("iss"), server.url().toString());
        forged.insert(QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces));
        ServerDatabase database(m_dir.filePath(QStringLiteral("data/server.sqlite")));
        if (!database.open())
            return {};
        SigningKeys keys(&database);
        const auto token = keys.sign(JwtAlgorithm::RS256, forged);
        return token ? token.value() : QByteArray();
    }

    QNetworkReply *post(ServerProcess &server, const QByteArray &token, const QByteArray &body)
    {
        QNetworkRequest request(QUrl(server.url().toString() + QStringLiteral("/api/v1/sync/push")));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({ server.certificate() });
        request.setSslConfiguration(tls);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + token);
        return m_network.post(request, body);
    }

    // Sends two bodies at once, one to each instance, and returns both answers (status, body).
    QList<QPair<int, QJsonObject>> concurrently(const QByteArray &toFirst, const QByteArray &toSecond)
    {
        QNetworkReply *a = post(*m_first, m_tokens[0], toFirst);
        QNetworkReply *b = post(*m_second, m_tokens[1], toSecond);
        if (!QTest::qWaitFor([a, b] { return a->isFinished() && b->isFinished(); }, 60000))
            qWarning("no answer in 60 s");
        QList<QPair<int, QJsonObject>> answers;
        for (QNetworkReply *reply : { a, b }) {
            answers.append({ reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                QJsonDocument::fromJson(reply->readAll()).object() });
            reply->deleteLater();
        }
        return answers;
    }

    qint64 headSeq(const QString &bucket)
    {
        mts::test::SyncApi api(*m_first);
        const auto page = api.pull(QStringLiteral("trunguong"), { { bucket, 0 } }, 1);
        for (const sync::BucketHead &head : page ? page->buckets : QList<sync::BucketHead> {}) {
            if (head.bucket == bucket)
                return head.seq;
        }
        return 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        MTS_REQUIRE_POSTGRES();
        m_pg = std::make_unique<mts::test::PostgresFixture>();
        QVERIFY2(m_pg->isReady(), qPrintable(m_pg->errorString()));
        const QString data = m_dir.filePath(QStringLiteral("data"));
        const QStringList database { QStringLiteral("--database"), m_pg->url() };
        m_first = std::make_unique<ServerProcess>(QStringList { QStringLiteral("--demo") } + database, data);
        QVERIFY2(m_first->start(), qPrintable(m_first->output()));
        m_second = std::make_unique<ServerProcess>(database, data);
        QVERIFY2(m_second->start(), qPrintable(m_second->output()));

        mts::test::SyncApi api(*m_first);
        const QByteArray real = api.token(QStringLiteral("canbo.hoankiem"));
        QVERIFY(!real.isEmpty());
        const QJsonObject claims
            = QJsonDocument::fromJson(QByteArray::fromBase64(real.split('.').value(1), QByteArray::Base64UrlEncoding))
                  .object();
        m_tokens[0] = tokenFor(*m_first, claims);
        m_tokens[1] = tokenFor(*m_second, claims);
        QVERIFY(!m_tokens[0].isEmpty() && !m_tokens[1].isEmpty());
    }

    void samePushToBothAppliesOnce()
    {
        for (int round = 0; round < 5; ++round) {
            QJsonArray ops;
            for (int i = 0; i < 200; ++i)
                ops.append(create(QStringLiteral("person"), round * 1000 + i));
            const QByteArray body = QJsonDocument(QJsonObject { { QStringLiteral("ops"), ops } }).toJson();
            const qint64 before = headSeq(registries);
            const auto answers = concurrently(body, body);
            for (const auto &[status, json] : answers) {
                QCOMPARE(status, 200);
                const auto results = sync::PushResponse::fromJson(json);
                QVERIFY(results);
                QCOMPARE(results->results.size(), 200);
                for (const sync::PushResult &result : results->results)
                    QCOMPARE(result.outcome, sync::PushOutcome::Applied);
            }
            // Applied once: 200 new sequence numbers, not 400, and both answers name the same versions.
            QCOMPARE(headSeq(registries), before + 200);
            const auto first = sync::PushResponse::fromJson(answers[0].second);
            const auto second = sync::PushResponse::fromJson(answers[1].second);
            for (int i = 0; i < 200; ++i)
                QCOMPARE(first->results[i].record->seq, second->results[i].record->seq);
        }
    }

    void oppositeLockOrdersNeverDeadlock()
    {
        const qint64 people = headSeq(registries);
        const qint64 filed = headSeq(reports);
        for (int round = 0; round < 20; ++round) {
            QJsonArray forward;
            QJsonArray backward;
            for (int i = 0; i < 20; ++i) {
                forward.append(create(i < 10 ? QStringLiteral("person") : QStringLiteral("report"), round * 100 + i));
                backward.append(
                    create(i < 10 ? QStringLiteral("report") : QStringLiteral("person"), round * 100 + 50 + i));
            }
            const auto answers
                = concurrently(QJsonDocument(QJsonObject { { QStringLiteral("ops"), forward } }).toJson(),
                    QJsonDocument(QJsonObject { { QStringLiteral("ops"), backward } }).toJson());
            for (const auto &[status, json] : answers)
                QVERIFY2(status == 200, QJsonDocument(json).toJson().constData());
        }
        QCOMPARE(headSeq(registries), people + 20 * 20);
        QCOMPARE(headSeq(reports), filed + 20 * 20);
    }
};

QTEST_GUILESS_MAIN(tst_MultiInstance)
#include "tst_multiinstance.moc"
