// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The client's sync engine against the real server, on the paths that must not lose work: a PC clock a day ahead
// (refused as transient, then the server's time is adopted and the ops apply), a PC a year behind (syncs, its
// edits lose), an access token that expires in the middle of a long sync (refreshed, same batch resent), and a
// rejected create that sets aside the later edits of its record and of a record referring to it until it is
// fixed and resent, without holding anything else back. And the unit list a province works with offline, kept in
// the replica by the sync.
#include "client/core/replicastore.h"
#include "client/core/syncengine.h"
#include "client/core/synctransport.h"
#include "server/core/serverdatabase.h"
#include "server/core/signingkeys.h"
#include "shared/crypto.h"
#include "tests/support/serverprocess.h"
#include "tests/support/syncclient.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

using namespace mts;
using mts::test::ServerProcess;
using mts::test::SyncApi;

namespace {
const QString commune = QStringLiteral("C:00070");
const QString registries = QStringLiteral("C:00070/registries");
constexpr qint64 day = 24LL * 3600 * 1000;

QStringList codesOf(const QList<UnitInfo> &units)
{
    QStringList codes;
    for (const UnitInfo &unit : units)
        codes.append(unit.code);
    return codes;
}
} // namespace

class tst_SyncEngine : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<SyncApi> m_api;
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    int m_replicas = 0;

    using Replica = mts::test::TestReplica;

    Replica replica(SyncEngine::Credentials credentials, qint64 clockShift = 0, const QString &lockName = {})
    {
        SyncEngine::Options options;
        options.retryBaseMs = 20;
        options.retryMaxMs = 200;
        std::function<qint64()> wallClock;
        if (clockShift != 0)
            wallClock = [clockShift] { return QDateTime::currentMSecsSinceEpoch() + clockShift; };
        return mts::test::makeReplica(m_dir.path(), QString::number(++m_replicas),
            ServerConnection(&m_network, m_server->url(), ServerCertificatePin(m_server->certificate())),
            std::move(credentials), options, {}, std::move(wallClock), lockName);
    }

    SyncEngine::Credentials credentialsOf(const QString &username)
    {
        return mts::test::fixedToken(m_api->token(username));
    }

    static SyncEngine::Result sync(Replica &r)
    {
        QSignalSpy finished(r.engine.get(), &SyncEngine::finished);
        r.engine->start();
        if (!finished.wait(120000))
            return { SyncEngine::Error::Network, QStringLiteral("no answer"), 0, 0, 0, {}, {} };
        return finished.at(0).at(0).value<SyncEngine::Result>();
    }

    std::optional<sync::RecordChange> onServer(const QString &id)
    {
        const auto state = m_api->state({ registries });
        const auto it = state.constFind(id);
        return it == state.cend() ? std::nullopt : std::optional(*it);
    }

    // An access token for `username` that expires `seconds` from now, signed with the server's own key (the test
    // can read the server's data folder).
    QByteArray shortLivedToken(const QString &username, int seconds)
    {
        const QByteArray real = m_api->token(username);
        const QJsonObject claims
            = QJsonDocument::fromJson(QByteArray::fromBase64(real.split('.').value(1), QByteArray::Base64UrlEncoding))
                  .object();
        QJsonObject forged = claims;
        // The server tolerates 60 s of clock skew on `exp`: this one is refused `seconds` from now.
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        forged.insert(QStringLiteral("iat"), now - 120);
        forged.insert(QStringLiteral("exp"), now - 60 + seconds);
        forged.insert(QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces));
        ServerDatabase database(m_server->dataDir() + QStringLiteral("/server.sqlite"));
        if (!database.open())
            return {};
        SigningKeys keys(&database);
        const auto token = keys.sign(JwtAlgorithm::RS256, forged);
        return token ? token.value() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>(QStringList { QStringLiteral("--demo") });
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_api = std::make_unique<SyncApi>(*m_server);
        QVERIFY(!m_api->token(QStringLiteral("canbo.hoankiem")).isEmpty());
    }

    void clockADayAheadIsCorrectedNotLost()
    {
        Replica ahead = replica(credentialsOf(QStringLiteral("canbo.hoankiem")), day);
        QVERIFY(ahead.store);
        const auto id = ahead.store->create(QStringLiteral("person"), commune,
            { { QStringLiteral("surname"), QStringLiteral("Sai") },
                { QStringLiteral("given_name"), QStringLiteral("Giờ") } });
        QVERIFY(id.isOk());
        QSignalSpy told(ahead.engine.get(), &SyncEngine::clockAdjusted);
        const SyncEngine::Result result = sync(ahead);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(told.size(), 1); // the cadre is told the PC clock is wrong
        QVERIFY(!told.at(0).at(0).toString().isEmpty());
        QVERIFY(qAbs(ahead.store->clockOffsetMillis() + day) < 60000);
        QCOMPARE(ahead.store->pendingCount(), 0);
        const auto stored = onServer(id.value());
        QVERIFY(stored);
        // Stamped with the server's time, not the PC's.
        QVERIFY(qAbs(stored->hlc.millis - QDateTime::currentMSecsSinceEpoch()) < 60000);
    }

    void clockAYearBehindSyncsAndLoses()
    {
        const qint64 year = 365 * day;
        Replica behind = replica(credentialsOf(QStringLiteral("canbo.hoankiem")), -year);
        Replica current = replica(credentialsOf(QStringLiteral("chutich.hoankiem")));
        const auto id = current.store->create(QStringLiteral("person"), commune,
            { { QStringLiteral("surname"), QStringLiteral("Đúng") },
                { QStringLiteral("given_name"), QStringLiteral("Giờ") } });
        QVERIFY(id.isOk());
        QVERIFY(sync(current).isOk());
        QVERIFY(sync(behind).isOk());
        // Both edit the name; the PC a year behind edits last, yet its stamp is older: its edit loses.
        QVERIFY(current.store->update(id.value(), { { QStringLiteral("given_name"), QStringLiteral("Mới") } }).isOk());
        QVERIFY(sync(current).isOk());
        QVERIFY(behind.store
                    ->update(id.value(),
                        { { QStringLiteral("given_name"), QStringLiteral("Cũ") },
                            { QStringLiteral("address"), QStringLiteral("Phố Cổ") } })
                    .isOk());
        const SyncEngine::Result result = sync(behind);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(behind.store->pendingCount(), 0);
        const auto stored = onServer(id.value());
        QCOMPARE(stored->fields.value(QStringLiteral("given_name")).toString(), QStringLiteral("Mới"));
        // A field nobody else wrote still takes its value.
        QCOMPARE(stored->fields.value(QStringLiteral("address")).toString(), QStringLiteral("Phố Cổ"));
        QCOMPARE(behind.store->recordState(id.value()).value().fields, stored->fields);
    }

    void tokenExpiringMidSyncIsRefreshed()
    {
        // The first token expires two seconds in; the sync pushes many small batches for longer than that.
        const QByteArray shortLived = shortLivedToken(QStringLiteral("canbo.hoankiem"), 2);
        QVERIFY(!shortLived.isEmpty());
        const QByteArray fresh = m_api->token(QStringLiteral("canbo.hoankiem"));
        auto current = std::make_shared<QByteArray>(shortLived);
        auto invalidated = std::make_shared<int>(0);
        SyncEngine::Credentials credentials;
        credentials.accessToken
            = [current](QObject *, std::function<void(const QByteArray &)> done) { done(*current); };
        credentials.invalidate = [current, invalidated, fresh](const QByteArray &token) {
            if (token == *current) {
                ++*invalidated;
                *current = fresh; // what a refresh gives
            }
        };
        Replica r = replica(credentials);
        SyncEngine::Options options = r.engine->options();
        options.pushBatch = 3;
        r.engine->setOptions(options);
        QStringList ids;
        for (int i = 0; i < 600; ++i) {
            const auto id = r.store->create(QStringLiteral("person"), commune,
                { { QStringLiteral("surname"), QStringLiteral("Hết") },
                    { QStringLiteral("given_name"), QStringLiteral("Hạn %1").arg(i) } });
            QVERIFY(id.isOk());
            ids.append(id.value());
        }
        // Slow the batches down a little so the sync outlives the token whatever the machine.
        connect(r.engine.get(), &SyncEngine::progress, this, [] { QTest::qSleep(10); });
        const SyncEngine::Result result = sync(r);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(*invalidated, 1);
        QCOMPARE(r.store->pendingCount(), 0);
        const auto state = m_api->state({ registries });
        for (const QString &id : std::as_const(ids))
            QVERIFY(state.contains(id));
    }

    void oneSyncAtATimeAndCancel()
    {
        // Two engines sharing the installation's lock (the GUI and the CLI): while one syncs, the other is told
        // Busy. A cancelled sync keeps what it committed and the next one finishes the rest.
        Replica first = replica(credentialsOf(QStringLiteral("canbo.hoankiem")), 0, QStringLiteral("shared"));
        Replica second = replica(credentialsOf(QStringLiteral("canbo.hoankiem")), 0, QStringLiteral("shared"));
        SyncEngine::Options options = first.engine->options();
        options.pushBatch = 2;
        first.engine->setOptions(options);
        QStringList ids;
        for (int i = 0; i < 200; ++i) {
            const auto id = first.store->create(QStringLiteral("person"), commune,
                { { QStringLiteral("surname"), QStringLiteral("Khóa") },
                    { QStringLiteral("given_name"), QStringLiteral("Chung %1").arg(i) } });
            QVERIFY(id.isOk());
            ids.append(id.value());
        }
        QSignalSpy firstDone(first.engine.get(), &SyncEngine::finished);
        QSignalSpy secondDone(second.engine.get(), &SyncEngine::finished);
        bool secondTried = false;
        connect(first.engine.get(), &SyncEngine::progress, this, [&](qint64 done) {
            if (done < 10 || secondTried)
                return;
            secondTried = true;
            second.engine->start(); // refused at once: the first holds the lock
            QCOMPARE(secondDone.size(), 1);
            first.engine->cancel();
        });
        first.engine->start();
        QVERIFY(firstDone.wait(60000));
        QVERIFY(secondTried);
        QCOMPARE(secondDone.size(), 1);
        QCOMPARE(secondDone.at(0).at(0).value<SyncEngine::Result>().error, SyncEngine::Error::Busy);
        QCOMPARE(firstDone.at(0).at(0).value<SyncEngine::Result>().error, SyncEngine::Error::Cancelled);
        const int left = first.store->pendingCount();
        QVERIFY2(left > 0 && left < 200, qPrintable(QString::number(left)));

        // With the lock free, the other engine syncs; then the first finishes its queue.
        QVERIFY(sync(second).isOk());
        QVERIFY(sync(first).isOk());
        QCOMPARE(first.store->pendingCount(), 0);
        const auto state = m_api->state({ registries });
        for (const QString &id : std::as_const(ids))
            QVERIFY(state.contains(id));
    }

    // Many small batches and pages: each next request leaves before the previous answer is saved (pipelining).
    // Everything arrives once, the progress only grows and ends at its total, and both replicas equal the server.
    void batchesAndPagesSentAheadArriveWhole()
    {
        Replica writer = replica(credentialsOf(QStringLiteral("canbo.hoankiem")));
        Replica reader = replica(credentialsOf(QStringLiteral("chutich.hoankiem")));
        QVERIFY(writer.store && reader.store);
        QVERIFY(sync(writer).isOk());
        QVERIFY(sync(reader).isOk());
        SyncEngine::Options options = writer.engine->options();
        options.pushBatch = 7;
        options.pullLimit = 9;
        writer.engine->setOptions(options);
        reader.engine->setOptions(options);

        constexpr int records = 100;
        QStringList ids;
        for (int i = 0; i < records; ++i) {
            const auto id = writer.store->create(QStringLiteral("person"), commune,
                { { QStringLiteral("surname"), QStringLiteral("Trước") },
                    { QStringLiteral("given_name"), QStringLiteral("Gửi %1").arg(i) } });
            QVERIFY(id.isOk());
            ids.append(id.value());
        }
        // An edit of a record in an earlier batch travels in a later one.
        QVERIFY(writer.store->update(ids.first(), { { QStringLiteral("given_name"), QStringLiteral("Sửa") } }).isOk());

        QSignalSpy pushProgress(writer.engine.get(), &SyncEngine::progress);
        SyncEngine::Result result = sync(writer);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(result.pushed, records + 1);
        // The creates' base states were rebuilt from what was sent (fields_as_sent): a wrong one would disagree
        // with the server's checksum and force a rebuild.
        QVERIFY(result.rebuiltBuckets.isEmpty());
        QVERIFY(result.flaggedBuckets.isEmpty());
        QCOMPARE(writer.store->pendingCount(), 0);

        QSignalSpy pullProgress(reader.engine.get(), &SyncEngine::progress);
        result = sync(reader);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QVERIFY2(result.pulled >= records, qPrintable(QString::number(result.pulled)));
        for (QSignalSpy *spy : { &pushProgress, &pullProgress }) {
            QVERIFY(spy->size() > records / 9);
            qint64 last = -1;
            for (const QList<QVariant> &signal : std::as_const(*spy)) {
                QVERIFY(signal.at(0).toLongLong() >= last);
                QVERIFY(signal.at(0).toLongLong() <= signal.at(1).toLongLong());
                last = signal.at(0).toLongLong();
            }
            QCOMPARE(spy->constLast().at(0).toLongLong(), spy->constLast().at(1).toLongLong());
        }

        QVERIFY(sync(writer).isOk());
        const auto buckets = reader.store->buckets();
        QVERIFY(buckets.isOk());
        QStringList held;
        for (const ReplicaBucket &bucket : buckets.value())
            held.append(bucket.bucket);
        QByteArray serverHash;
        const auto state = m_api->state(held, &serverHash);
        for (const QString &id : std::as_const(ids))
            QVERIFY(state.contains(id));
        QCOMPARE(state.value(ids.first()).fields.value(QStringLiteral("given_name")).toString(), QStringLiteral("Sửa"));
        QCOMPARE(reader.store->record(ids.first()).value().value(QStringLiteral("given_name")).toString(),
            QStringLiteral("Sửa"));
        QCOMPARE(writer.store->stateHash().value(), serverHash);
        QCOMPARE(reader.store->stateHash().value(), serverHash);
    }

    // The transport under the pipelined pull: an answer whose decoding sent the next request and still works on a
    // thread of its own (a Later) must reach the caller before the answer to that next request, even when that
    // one is an error that needs no decoding and so arrives first. Else the error finds nobody waiting for it and
    // the sync waits for ever.
    void answersReachTheCallerInTheOrderTheyWereAsked()
    {
        SyncTransport transport;
        const ServerConnection connection(&m_network, m_server->url(), ServerCertificatePin(m_server->certificate()));
        QNetworkRequest request = connection.request(QStringLiteral("/api/v1/sync/pull"));
        request.setRawHeader("Authorization", "Bearer " + m_api->token(QStringLiteral("canbo.hoankiem")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QList<int> statuses;
        const quint64 first = transport.send(
            QByteArrayLiteral("POST"), request, QByteArrayLiteral("{\"positions\":{},\"limit\":10}"),
            [&statuses](const SyncTransport::Reply &reply) { statuses.append(reply.status); },
            [](const QByteArray &, const SyncTransport::SendNext &sendNext) {
                sendNext("not json: the server answers 400 at once"); // the next request, refused
                return std::any(SyncTransport::Later([] {
                    QThread::msleep(500); // this answer's own work, long past the refusal's arrival
                    return std::any(QStringLiteral("decoded"));
                }));
            });
        QVERIFY(first != 0);
        QTRY_COMPARE_WITH_TIMEOUT(statuses.size(), 2, 20000);
        QCOMPARE(statuses, (QList<int> { 200, 400 }));
    }

    // Each pull page asks for the next one from the transport's thread as soon as it is read. A sync cancelled
    // between pages drops the page asked for ahead, keeps what it committed, and the next sync finishes the rest.
    void pullCancelledWithAPageAskedAheadResumes()
    {
        Replica writer = replica(credentialsOf(QStringLiteral("canbo.hoankiem")));
        Replica reader = replica(credentialsOf(QStringLiteral("chutich.hoankiem")));
        QVERIFY(writer.store && reader.store);
        QVERIFY(sync(reader).isOk());
        for (int i = 0; i < 120; ++i) {
            QVERIFY(writer.store
                        ->create(QStringLiteral("person"), commune,
                            { { QStringLiteral("surname"), QStringLiteral("Hủy") },
                                { QStringLiteral("given_name"), QStringLiteral("Giữa chừng %1").arg(i) } })
                        .isOk());
        }
        QVERIFY(sync(writer).isOk());
        const auto before = reader.store->bucketPositions();
        QVERIFY(before.isOk());

        SyncEngine::Options options = reader.engine->options();
        options.pullLimit = 7;
        reader.engine->setOptions(options);
        QSignalSpy done(reader.engine.get(), &SyncEngine::finished);
        bool cancelled = false;
        connect(reader.engine.get(), &SyncEngine::progress, this, [&](qint64 pulled) {
            if (pulled >= 21 && !std::exchange(cancelled, true))
                reader.engine->cancel();
        });
        reader.engine->start();
        QVERIFY(done.wait(60000));
        QVERIFY(cancelled);
        QCOMPARE(done.at(0).at(0).value<SyncEngine::Result>().error, SyncEngine::Error::Cancelled);
        // Some pages were committed, not all.
        const auto partway = reader.store->bucketPositions();
        QVERIFY(partway.isOk());
        QVERIFY(partway.value().value(registries) > before.value().value(registries));
        // No answer of the cancelled sync comes in later.
        QTest::qWait(300);
        QCOMPARE(reader.store->bucketPositions().value(), partway.value());

        disconnect(reader.engine.get(), &SyncEngine::progress, this, nullptr);
        QVERIFY(sync(reader).isOk());
        QByteArray serverHash;
        m_api->state({ registries }, &serverHash);
        QCOMPARE(reader.store->stateHash().value(), serverHash);
    }

    // A large pull answer comes gzip-compressed and is decompressed by the transport: the records arrive, and the
    // bytes counted are those on the wire, a fraction of the JSON.
    void largeAnswersTravelCompressed()
    {
        Replica reader = replica(credentialsOf(QStringLiteral("chutich.hoankiem")));
        QVERIFY(reader.store);
        const QByteArray auth = "Bearer " + m_api->token(QStringLiteral("chutich.hoankiem"));
        const auto plain = m_api->http().send("POST",
            QUrl(m_server->url().toString() + QStringLiteral("/api/v1/sync/pull")),
            QJsonDocument(sync::PullRequest {}.toJson()).toJson(),
            { { "Authorization", auth }, { "Content-Type", "application/json" }, { "Accept-Encoding", "identity" } });
        QCOMPARE(plain.status, 200);
        const auto page = sync::PullResponse::fromJson(QJsonDocument::fromJson(plain.body).object());
        QVERIFY(page);
        QVERIFY2(plain.body.size() > 64 * 1024, qPrintable(QString::number(plain.body.size())));

        QSignalSpy progress(reader.engine.get(), &SyncEngine::progress);
        const SyncEngine::Result result = sync(reader);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QVERIFY(result.pulled >= page->changes.size());
        QVERIFY(!progress.isEmpty());
        const qint64 bytes = progress.constLast().at(2).toLongLong();
        QVERIFY2(bytes * 3 < plain.body.size(),
            qPrintable(QStringLiteral("%1 bytes counted for %2 bytes of JSON").arg(bytes).arg(plain.body.size())));
    }

    void rejectedCreateSetsAsideItsDependants()
    {
        Replica r = replica(credentialsOf(QStringLiteral("canbo.hoankiem")));
        // One op per push. The first answer tells the engine that the server takes a batch sent behind another, so
        // from then on the next batch leaves before the answer to the one before: the member's create goes out
        // behind the household's before its refusal comes back. The server refuses it unapplied (the server does
        // not know it depends on the household; applied, it would be on the server below), and the engine reads
        // it again after setting the household's dependants aside. (Ops in the same batch as a refused one go
        // through.)
        SyncEngine::Options options = r.engine->options();
        options.pushBatch = 1;
        r.engine->setOptions(options);
        // A household without its required head name: the server rejects it. A person of that household, and
        // later edits of both, wait with it; an unrelated person goes through in the same sync.
        const auto other = r.store->create(QStringLiteral("person"), commune,
            { { QStringLiteral("surname"), QStringLiteral("Độc") },
                { QStringLiteral("given_name"), QStringLiteral("Lập") } });
        QVERIFY(other.isOk());
        const auto household = r.store->create(
            QStringLiteral("household"), commune, { { QStringLiteral("address"), QStringLiteral("Ngõ Huyện") } });
        QVERIFY(household.isOk());
        const auto member = r.store->create(QStringLiteral("person"), commune,
            { { QStringLiteral("surname"), QStringLiteral("Thành") },
                { QStringLiteral("given_name"), QStringLiteral("Viên") },
                { QStringLiteral("household_id"), household.value() } });
        QVERIFY(member.isOk());
        QVERIFY(r.store->update(household.value(), { { QStringLiteral("members"), 4 } }).isOk());
        QVERIFY(r.store->update(member.value(), { { QStringLiteral("birth_year"), 1990 } }).isOk());

        SyncEngine::Result result = sync(r);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QVERIFY(onServer(other.value()));
        QVERIFY(!onServer(member.value()));
        const auto aside = r.store->setAsideOps();
        QVERIFY(aside.isOk());
        QSet<QString> records;
        QString reason;
        for (const SetAsideOp &op : aside.value()) {
            records.insert(op.op.recordId);
            QCOMPARE(op.heldBy, household.value());
            if (op.op.recordId == household.value() && op.op.type == SyncOp::Type::Create)
                reason = op.reason;
        }
        QCOMPARE(records, (QSet<QString> { household.value(), member.value() }));
        QVERIFY2(reason.contains(QStringLiteral("head_name")), qPrintable(reason));
        QCOMPARE(r.store->pendingCount(), 0);

        // Fixed and resent: one merged op for the household, then its dependants follow.
        QVERIFY(r.store
                    ->resendSetAside(
                        household.value(), { { QStringLiteral("head_name"), QStringLiteral("Nguyễn Văn Chủ") } })
                    .isOk());
        result = sync(r);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(r.store->setAsideCount(), 0);
        QCOMPARE(r.store->pendingCount(), 0);
        const auto state = m_api->state({ registries });
        QCOMPARE(state.value(household.value()).fields.value(QStringLiteral("head_name")).toString(),
            QStringLiteral("Nguyễn Văn Chủ"));
        QCOMPARE(state.value(household.value()).fields.value(QStringLiteral("members")).toInt(), 4);
        QCOMPARE(state.value(member.value()).fields.value(QStringLiteral("birth_year")).toInt(), 1990);
        QCOMPARE(
            state.value(member.value()).fields.value(QStringLiteral("household_id")).toString(), household.value());
    }

    // A province sees which of its communes have not reported, offline too: a sync brings the units below the
    // account's unit into the replica when it has none or has had them for a day, a failure to fetch them leaves
    // the sync successful, and the list stays in the replica when it is opened again.
    void unitsComeWithASyncAndStayOffline()
    {
        const QStringList haNoi { QStringLiteral("00070-TDP01"), QStringLiteral("00070-TDP02"),
            QStringLiteral("C:00004"), QStringLiteral("C:00008"), QStringLiteral("C:00070"), QStringLiteral("C:00082"),
            QStringLiteral("P:01") };
        // The real token as long as `valid` asks last, then one the server refuses. The first sync (nothing to
        // push) asks once for its pull, then once for the unit list: that request is refused.
        const QByteArray real = m_api->token(QStringLiteral("tinh.hanoi"));
        auto valid = std::make_shared<int>(1);
        SyncEngine::Credentials credentials;
        credentials.accessToken = [real, valid](QObject *, std::function<void(const QByteArray &)> done) {
            done(--*valid >= 0 ? real : QByteArrayLiteral("not.a.token"));
        };
        credentials.invalidate = [](const QByteArray &) {};
        const QByteArray key = crypto::randomBytes(crypto::keyBytes);
        SyncEngine::Options options;
        options.retryBaseMs = 20;
        options.retryMaxMs = 200;
        Replica r = mts::test::makeReplica(m_dir.path(), QStringLiteral("province"),
            ServerConnection(&m_network, m_server->url(), ServerCertificatePin(m_server->certificate())), credentials,
            options, key);
        QVERIFY(r.store);

        SyncEngine::Result result = sync(r);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QVERIFY(r.store->lastSyncError().isEmpty());
        QVERIFY(r.store->units().value().isEmpty());
        QCOMPARE(r.store->unitsFetchedAt(), qint64(0));

        // The next sync asks again, and keeps the list.
        *valid = 1000;
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        result = sync(r);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QList<UnitInfo> units = r.store->units().value();
        QCOMPARE(codesOf(units), haNoi);
        QCOMPARE(units.at(4),
            (UnitInfo { QStringLiteral("C:00070"), QStringLiteral("Phường Hoàn Kiếm"), QStringLiteral("commune"),
                QStringLiteral("P:01") }));
        QCOMPARE(units.last(),
            (UnitInfo { QStringLiteral("P:01"), QStringLiteral("Thành phố Hà Nội"), QStringLiteral("province"), {} }));
        QVERIFY(r.store->unitsFetchedAt() >= before);
        QVERIFY(r.store->unitsFetchedAt() <= QDateTime::currentMSecsSinceEpoch());

        // A list younger than a day is not fetched again; an older one is.
        const QList<UnitInfo> kept { { QStringLiteral("C:00070"), QStringLiteral("Giữ lại"), QStringLiteral("commune"),
            QStringLiteral("P:01") } };
        const qint64 hourAgo = QDateTime::currentMSecsSinceEpoch() - 3600 * 1000;
        QVERIFY(r.store->setUnits(kept, hourAgo, QStringLiteral("P:01")).isOk());
        QVERIFY(sync(r).isOk());
        QCOMPARE(r.store->units().value(), kept);
        QCOMPARE(r.store->unitsFetchedAt(), hourAgo);
        QVERIFY(
            r.store->setUnits(kept, QDateTime::currentMSecsSinceEpoch() - day - 60000, QStringLiteral("P:01")).isOk());
        QVERIFY(sync(r).isOk());
        units = r.store->units().value();
        QCOMPARE(codesOf(units), haNoi);
        const qint64 fetchedAt = r.store->unitsFetchedAt();
        QVERIFY(fetchedAt > hourAgo);

        // Closed and opened again (the application restarted, offline): the list is still there.
        const QString file = r.store->filePath();
        r.engine.reset();
        r.store.reset();
        ReplicaStore reopened(file, key);
        QVERIFY(reopened.open().isOk());
        QCOMPARE(reopened.units().value(), units);
        QCOMPARE(reopened.unitsFetchedAt(), fetchedAt);
    }

    // A cadre moved to another commune: the next sync, though the unit list is only an hour old, brings the new
    // commune's units, because the pull's answer gives the account another unit than the list was fetched for.
    void unitsFollowTheCadreToAnotherCommune()
    {
        const QString username = QStringLiteral("canbo.chuyencongtac");
        const auto added = m_server->admin({ QStringLiteral("user"), QStringLiteral("add"), username,
                                               QStringLiteral("--role"), QStringLiteral("commune_cadre"),
                                               QStringLiteral("--unit"), commune, QStringLiteral("--password-stdin") },
            "matranso-demo\n");
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        Replica r = replica(credentialsOf(username));
        QVERIFY(r.store);
        const auto codes = [&r] { return codesOf(r.store->units().value()); };

        // The cadre records a person in the commune: the replica then holds that commune's bucket.
        QVERIFY(r.store
                    ->create(QStringLiteral("person"), commune,
                        { { QStringLiteral("surname"), QStringLiteral("Lý") },
                            { QStringLiteral("given_name"), QStringLiteral("Chuyển") } })
                    .isOk());
        SyncEngine::Result result = sync(r);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(codes(), (QStringList { QStringLiteral("00070-TDP01"), QStringLiteral("00070-TDP02"), commune }));
        const auto bucketsOf = [&r] {
            QStringList names;
            const auto buckets = r.store->buckets();
            for (const ReplicaBucket &bucket : buckets.value())
                names.append(bucket.bucket);
            return names;
        };
        QVERIFY2(bucketsOf().contains(registries), qPrintable(bucketsOf().join(u' ')));
        const qint64 hourAgo = QDateTime::currentMSecsSinceEpoch() - 3600 * 1000;
        QCOMPARE(r.store->unitsFor(), commune);
        QVERIFY(r.store->setUnits(r.store->units().value(), hourAgo, commune).isOk());

        // Nothing changed: the list an hour old is kept.
        QVERIFY(sync(r).isOk());
        QCOMPARE(r.store->unitsFetchedAt(), hourAgo);

        const auto moved
            = m_server->admin({ QStringLiteral("user"), QStringLiteral("set-role"), username, QStringLiteral("--role"),
                QStringLiteral("commune_cadre"), QStringLiteral("--unit"), QStringLiteral("C:00004") });
        QVERIFY2(moved.exitCode == 0, qPrintable(moved.err));
        result = sync(r);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QVERIFY(r.store->unitsFetchedAt() > hourAgo);
        const QStringList now = codes();
        QVERIFY2(now.contains(QStringLiteral("C:00004")) && !now.contains(commune), qPrintable(now.join(u' ')));
        QCOMPARE(r.store->unitsFor(), QStringLiteral("C:00004"));
        // And the commune left is no longer on this PC.
        QVERIFY2(!bucketsOf().contains(registries), qPrintable(bucketsOf().join(u' ')));
    }
};

QTEST_GUILESS_MAIN(tst_SyncEngine)
#include "tst_syncengine.moc"
