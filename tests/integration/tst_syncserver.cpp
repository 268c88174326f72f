// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The sync routes of the real server on loopback TLS, driven over HTTP as a client would: push and pull, replays,
// last-writer-wins, workflow conflicts, clock skew, bad input and scope isolation. With
// MTS_TEST_SYNC_BACKEND=postgresql the same suite runs against the PostgreSQL backend, on a fresh database.
#include "shared/bucketchecksum.h"
#include "shared/compression.h"
#include "shared/hlc.h"
#include "shared/syncwire.h"
#include "shared/uuid7.h"
#include "tests/support/httpclient.h"
#include "tests/support/postgresfixture.h"
#include "tests/support/serverprocess.h"
#include "tests/support/syncclient.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>
#include <QThread>

using namespace mts;
using mts::test::HttpClient;
using mts::test::ServerProcess;

namespace {

const QString demoPassword = QStringLiteral("matranso-demo");
const QString hoanKiem = QStringLiteral("C:00070");
const QString baDinh = QStringLiteral("C:00004");
const QString registries = QStringLiteral("C:00070/registries");
const QString reports = QStringLiteral("C:00070/reports");

QString stamp(qint64 millis, const char *device = "pc-a", int counter = 0)
{
    return HlcStamp { millis, quint16(counter), QString::fromLatin1(device) }.toString();
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QJsonObject op(const QString &type, const QString &recordId, const QString &kind, const QString &scope,
    const QJsonObject &set, const QString &hlc)
{
    return { { QStringLiteral("op_id"), createUuid7() }, { QStringLiteral("type"), type },
        { QStringLiteral("record_id"), recordId }, { QStringLiteral("kind"), kind }, { QStringLiteral("scope"), scope },
        { QStringLiteral("hlc"), hlc }, { QStringLiteral("set"), set }, { QStringLiteral("schema_version"), 2 } };
}

QJsonObject person(const QString &surname, const QString &given)
{
    return { { QStringLiteral("surname"), surname }, { QStringLiteral("given_name"), given } };
}

// A plain report of Hoàn Kiếm's, as a create's `set`.
QJsonObject monthlyReport(const QString &period)
{
    return { { QStringLiteral("period_type"), QStringLiteral("monthly") }, { QStringLiteral("period"), period },
        { QStringLiteral("activities"), QStringLiteral("Ngày hội Đại đoàn kết toàn dân tộc") } };
}

QJsonObject transition(
    const QString &recordId, const QString &from, const QString &to, const QString &hlc, const QJsonObject &set = {})
{
    QJsonObject json = op(QStringLiteral("transition"), recordId, QStringLiteral("report"), hoanKiem, set, hlc);
    json.insert(QStringLiteral("transition"),
        QJsonObject { { QStringLiteral("field"), QStringLiteral("status") }, { QStringLiteral("from"), from },
            { QStringLiteral("to"), to } });
    return json;
}

} // namespace

class tst_SyncServer : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<mts::test::PostgresFixture> m_pg;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<mts::test::SyncApi> m_api;

    QByteArray token(const QString &username) { return m_api->token(username); }

    QUrl endpoint(const char *path) const { return QUrl(m_server->url().toString() + QLatin1String(path)); }

    HttpClient::Response push(const QString &user, const QJsonArray &ops)
    {
        return m_http->postJson(endpoint("/api/v1/sync/push"), QJsonObject { { QStringLiteral("ops"), ops } },
            { { "Authorization", "Bearer " + token(user) } });
    }

    HttpClient::Response pushRaw(const QString &user, const QByteArray &body)
    {
        return m_http->send("POST", endpoint("/api/v1/sync/push"), body,
            { { "Authorization", "Bearer " + token(user) }, { "Content-Type", "application/json" } });
    }

    sync::PullResponse pull(const QString &user, const QMap<QString, qint64> &positions = {}, int limit = 5000)
    {
        sync::PullRequest request;
        request.positions = positions;
        request.limit = limit;
        const auto response = m_http->postJson(
            endpoint("/api/v1/sync/pull"), request.toJson(), { { "Authorization", "Bearer " + token(user) } });
        if (response.status != 200) {
            qWarning() << "pull:" << response.status << response.body;
            return {};
        }
        return sync::PullResponse::fromJson(response.json()).value_or(sync::PullResponse {});
    }

    std::optional<sync::BucketHead> head(const QString &user, const QString &bucket)
    {
        for (const sync::BucketHead &h : pull(user, { { bucket, 0 } }, 1).buckets) {
            if (h.bucket == bucket)
                return h;
        }
        return std::nullopt;
    }

    qint64 headSeq(const QString &bucket)
    {
        return head(QStringLiteral("trunguong"), bucket).value_or(sync::BucketHead {}).seq;
    }

    static sync::PushResponse results(const HttpClient::Response &response)
    {
        return sync::PushResponse::fromJson(response.json()).value_or(sync::PushResponse {});
    }

    // The result of pushing one op as `user`.
    sync::PushResult pushOne(const QString &user, const QJsonObject &op)
    {
        return results(push(user, { op })).results.value(0);
    }

    // The fields of Hoàn Kiếm's report `id` as the server holds them.
    QJsonObject reportFields(const QString &id)
    {
        const auto state = recordAs(QStringLiteral("trunguong"), reports, id);
        return state ? state->fields : QJsonObject {};
    }

    // The state of a record as a reader sees it, from a full pull.
    std::optional<sync::RecordChange> recordAs(const QString &user, const QString &bucket, const QString &id)
    {
        std::optional<sync::RecordChange> found;
        for (const sync::RecordChange &change : pull(user, { { bucket, 0 } }).changes) {
            if (change.id == id && change.bucket == bucket)
                found = change;
        }
        return found;
    }

private Q_SLOTS:
    void initTestCase()
    {
        MTS_SYNC_BACKEND_ARGUMENTS(m_pg, backend)
        m_server = std::make_unique<ServerProcess>(QStringList { QStringLiteral("--demo") } + backend);
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        QVERIFY(m_server->output().contains(
            backend.isEmpty() ? QStringLiteral("sync storage: sqlite") : QStringLiteral("sync storage: postgresql")));
        m_http = std::make_unique<HttpClient>(m_server->certificate());
        m_api = std::make_unique<mts::test::SyncApi>(*m_server);
        QVERIFY(!token(QStringLiteral("canbo.hoankiem")).isEmpty());
    }

    // Large bodies travel gzip-compressed both ways; a damaged or foreign encoding is refused and stores nothing.
    void gzipBodiesBothWays()
    {
        const QByteArray auth = "Bearer " + token(QStringLiteral("canbo.hoankiem"));
        QJsonArray ops;
        QStringList ids;
        for (int i = 0; i < 60; ++i) {
            ids.append(createUuid7());
            ops.append(op(QStringLiteral("create"), ids.last(), QStringLiteral("person"), hoanKiem,
                person(QStringLiteral("Nén"), QStringLiteral("Gọn %1").arg(i)), stamp(now())));
        }
        const QByteArray json = QJsonDocument(QJsonObject { { QStringLiteral("ops"), ops } }).toJson();
        QVERIFY(json.size() >= compression::minBytes);
        const QByteArray packed = compression::gzip(json);

        const qint64 before = headSeq(registries);
        QByteArray damaged = packed;
        damaged[damaged.size() / 2] = char(damaged.at(damaged.size() / 2) ^ 0x33);
        const auto refused = m_http->send("POST", endpoint("/api/v1/sync/push"), damaged,
            { { "Authorization", auth }, { "Content-Type", "application/json" }, { "Content-Encoding", "gzip" } });
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.json().value(QStringLiteral("code")).toString(), QStringLiteral("bad_request"));
        const auto foreign = m_http->send("POST", endpoint("/api/v1/sync/push"), packed,
            { { "Authorization", auth }, { "Content-Type", "application/json" }, { "Content-Encoding", "br" } });
        QCOMPARE(foreign.status, 415);
        QCOMPARE(foreign.json().value(QStringLiteral("code")).toString(), QStringLiteral("unsupported_encoding"));
        QCOMPARE(headSeq(registries), before);

        // Accept-Encoding set by hand: the network layer hands the answer over as it came.
        const auto pushed = m_http->send("POST", endpoint("/api/v1/sync/push"), packed,
            { { "Authorization", auth }, { "Content-Type", "application/json" }, { "Content-Encoding", "gzip" },
                { "Accept-Encoding", "gzip" } });
        QCOMPARE(pushed.status, 200);
        QCOMPARE(pushed.header("Content-Encoding"), QByteArray("gzip"));
        const auto answer = compression::gunzip(pushed.body, 1 << 20);
        QVERIFY(answer);
        const auto results = sync::PushResponse::fromJson(QJsonDocument::fromJson(*answer).object());
        QVERIFY(results);
        QCOMPARE(results->results.size(), ids.size());
        QCOMPARE(headSeq(registries), before + ids.size());

        const QByteArray pullBody = QJsonDocument(sync::PullRequest {}.toJson()).toJson();
        const auto compressed = m_http->send("POST", endpoint("/api/v1/sync/pull"), pullBody,
            { { "Authorization", auth }, { "Content-Type", "application/json" }, { "Accept-Encoding", "gzip" } });
        QCOMPARE(compressed.status, 200);
        QCOMPARE(compressed.header("Content-Encoding"), QByteArray("gzip"));
        const auto plain = m_http->send("POST", endpoint("/api/v1/sync/pull"), pullBody,
            { { "Authorization", auth }, { "Content-Type", "application/json" }, { "Accept-Encoding", "identity" } });
        QCOMPARE(plain.status, 200);
        QVERIFY(plain.header("Content-Encoding").isEmpty());
        QVERIFY(compressed.body.size() * 3 < plain.body.size());
        const auto unpacked = compression::gunzip(compressed.body, 64 << 20);
        QVERIFY(unpacked);
        const auto page = sync::PullResponse::fromJson(QJsonDocument::fromJson(*unpacked).object());
        QVERIFY(page);
        QCOMPARE(page->changes.size(),
            sync::PullResponse::fromJson(QJsonDocument::fromJson(plain.body).object())->changes.size());
    }

    void pushThenPull()
    {
        const QString id = createUuid7();
        const qint64 before = headSeq(registries);
        const auto response = push(QStringLiteral("canbo.hoankiem"),
            { op(QStringLiteral("create"), id, QStringLiteral("person"), hoanKiem,
                person(QStringLiteral("Nguyễn"), QStringLiteral("Văn Đồng")), stamp(now())) });
        QCOMPARE(response.status, 200);
        const auto pushed = results(response);
        QCOMPARE(pushed.results.size(), 1);
        QCOMPARE(pushed.results[0].outcome, sync::PushOutcome::Applied);
        QVERIFY(pushed.results[0].record);
        QCOMPARE(pushed.results[0].record->bucket, registries);
        QCOMPARE(pushed.results[0].record->seq, before + 1);
        // A create's fields are the ones sent: the answer leaves them out.
        QVERIFY(pushed.results[0].record->fieldsAsSent);
        QVERIFY(pushed.results[0].record->fields.isEmpty());
        QVERIFY(!response.body.contains("Văn Đồng"));

        // Another cadre of the same commune pulls it, with the bucket's head and a checksum that matches what
        // was pulled.
        const sync::PullResponse pulled = pull(QStringLiteral("chutich.hoankiem"));
        QVERIFY(pulled.serverTime > 0);
        BucketChecksum sum;
        bool seen = false;
        for (const sync::RecordChange &change : pulled.changes) {
            if (change.bucket != registries || change.left)
                continue;
            sum.add(change.id, change.seq, change.fields, change.deleted);
            seen = seen || change.id == id;
        }
        QVERIFY(seen);
        for (const sync::RecordChange &change : pulled.changes) {
            if (change.id == id) {
                QVERIFY(!change.fieldsAsSent);
                QCOMPARE(change.fields.value(QStringLiteral("given_name")).toString(), QStringLiteral("Văn Đồng"));
            }
        }
        const auto it = std::find_if(pulled.buckets.cbegin(), pulled.buckets.cend(),
            [](const sync::BucketHead &h) { return h.bucket == registries; });
        QVERIFY(it != pulled.buckets.cend());
        QCOMPARE(it->seq, before + 1);
        QCOMPARE(it->checksum, sum);
        QCOMPARE(pulled.positions.value(registries), before + 1);
        QVERIFY(!pulled.more);

        // From that position on there is nothing new.
        const sync::PullResponse again = pull(QStringLiteral("chutich.hoankiem"), pulled.positions);
        QVERIFY(again.changes.isEmpty());

        // An edit's result carries the whole record: the client cannot know what others changed.
        const auto edited = results(push(QStringLiteral("canbo.hoankiem"),
            { op(QStringLiteral("update"), id, QStringLiteral("person"), hoanKiem,
                { { QStringLiteral("birth_year"), 1975 } }, stamp(now())) }));
        QCOMPARE(edited.results.value(0).outcome, sync::PushOutcome::Applied);
        QVERIFY(!edited.results.value(0).record->fieldsAsSent);
        QCOMPARE(edited.results.value(0).record->fields.value(QStringLiteral("given_name")).toString(),
            QStringLiteral("Văn Đồng"));
        QCOMPARE(edited.results.value(0).record->fields.value(QStringLiteral("birth_year")).toInt(), 1975);
    }

    // A client that asks for it gets a create that made its record back as the version alone; an edit in the
    // same batch still carries its whole record, and a create of a record that exists is not written short.
    void shortCreatesAreTheVersionAlone()
    {
        const QString id = createUuid7();
        const QString existing = createUuid7();
        QCOMPARE(push(QStringLiteral("canbo.hoankiem"),
                     { op(QStringLiteral("create"), existing, QStringLiteral("person"), hoanKiem,
                         person(QStringLiteral("Có"), QStringLiteral("Rồi")), stamp(now())) })
                     .status,
            200);
        const qint64 before = headSeq(registries);
        const QJsonArray ops { op(QStringLiteral("create"), id, QStringLiteral("person"), hoanKiem,
                                   person(QStringLiteral("Ngắn"), QStringLiteral("Gọn")), stamp(now())),
            op(QStringLiteral("update"), id, QStringLiteral("person"), hoanKiem,
                { { QStringLiteral("birth_year"), 1980 } }, stamp(now() + 1)),
            op(QStringLiteral("create"), existing, QStringLiteral("person"), hoanKiem,
                person(QStringLiteral("Có"), QStringLiteral("Lại")), stamp(now() + 2)) };
        const auto response = m_http->postJson(endpoint("/api/v1/sync/push"),
            QJsonObject { { QStringLiteral("ops"), ops }, { QStringLiteral("short_creates"), true } },
            { { "Authorization", "Bearer " + token(QStringLiteral("canbo.hoankiem")) } });
        QCOMPARE(response.status, 200);
        const QJsonArray raw = response.json().value(QStringLiteral("results")).toArray();
        QCOMPARE(raw.size(), 3);
        QCOMPARE(raw.at(0).toObject().keys(),
            (QStringList { QStringLiteral("created"), QStringLiteral("op_id"), QStringLiteral("outcome") }));
        const auto pushed = sync::PushResponse::decode(response.body);
        QVERIFY(pushed);
        QCOMPARE(pushed->results.at(0).created, before + 1);
        QVERIFY(!pushed->results.at(0).record);
        QCOMPARE(pushed->results.at(1).created, 0);
        QCOMPARE(pushed->results.at(1).record->seq, before + 2);
        QCOMPARE(pushed->results.at(1).record->fieldsObject().value(QStringLiteral("birth_year")).toInt(), 1980);
        QCOMPARE(pushed->results.at(2).created, 0);
        QVERIFY(pushed->results.at(2).record);
        QVERIFY(!pushed->results.at(2).record->fieldsAsSent);

        const auto bad = pushRaw(QStringLiteral("canbo.hoankiem"),
            QJsonDocument(QJsonObject { { QStringLiteral("ops"), ops }, { QStringLiteral("short_creates"), 1 } })
                .toJson(QJsonDocument::Compact));
        QCOMPARE(bad.status, 400);
    }

    void fieldsANewerClientKnowsAreKept()
    {
        // A newer client's field (unknown to this server's schema) and a value of an older schema version pass
        // through unchanged, are stored and come back on a pull.
        const QString id = createUuid7();
        QJsonObject fields = person(QStringLiteral("Mai"), QStringLiteral("Hắc Đế"));
        fields.insert(
            QStringLiteral("future_field"), QJsonObject { { QStringLiteral("nested"), QJsonArray { 1, 2 } } });
        QJsonObject create = op(QStringLiteral("create"), id, QStringLiteral("person"), hoanKiem, fields, stamp(now()));
        create.insert(QStringLiteral("schema_version"), 1);
        const auto pushed = results(push(QStringLiteral("canbo.hoankiem"), { create }));
        QCOMPARE(pushed.results.value(0).outcome, sync::PushOutcome::Applied);
        const auto state = recordAs(QStringLiteral("chutich.hoankiem"), registries, id);
        QVERIFY(state);
        QCOMPARE(state->fields, fields);
    }

    void replayReturnsFirstOutcomesAndChangesNothing()
    {
        const QString id = createUuid7();
        const QJsonArray ops { op(QStringLiteral("create"), id, QStringLiteral("person"), hoanKiem,
                                   person(QStringLiteral("Lê"), QStringLiteral("Thị Hà")), stamp(now())),
            op(QStringLiteral("update"), createUuid7(), QStringLiteral("person"), hoanKiem,
                person(QStringLiteral("X"), QStringLiteral("Y")), stamp(now())),
            op(QStringLiteral("create"), createUuid7(), QStringLiteral("person"), hoanKiem,
                QJsonObject { { QStringLiteral("surname"), QStringLiteral("Lê") } }, stamp(now())) };
        const auto first = results(push(QStringLiteral("canbo.hoankiem"), ops));
        QCOMPARE(first.results.size(), 3);
        QCOMPARE(first.results[0].outcome, sync::PushOutcome::Applied);
        QCOMPARE(first.results[1].outcome, sync::PushOutcome::Rejected);
        QCOMPARE(first.results[1].code, QStringLiteral("unknown_record"));
        QCOMPARE(first.results[2].outcome, sync::PushOutcome::Rejected);
        QCOMPARE(first.results[2].code, QStringLiteral("invalid"));
        const qint64 seq = headSeq(registries);

        const auto second = results(push(QStringLiteral("canbo.hoankiem"), ops));
        QCOMPARE(second.results.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(second.results[i].opId, first.results[i].opId);
            QCOMPARE(second.results[i].outcome, first.results[i].outcome);
            QCOMPARE(second.results[i].code, first.results[i].code);
        }
        QCOMPARE(second.results[0].record->seq, first.results[0].record->seq);
        QCOMPARE(headSeq(registries), seq);
    }

    // A client sends its next batch before the answer to the one before (`after` names that one's last op). The
    // later batch may arrive first: it waits and applies after the earlier one, whose record it edits. Behind a
    // batch with a rejected op it is refused whole (409 out_of_order), nothing of it applied, because it may
    // carry what depends on the rejected op.
    void batchSentBehindAnotherAppliesAfterIt()
    {
        const QString id = createUuid7();
        const QJsonObject create = op(QStringLiteral("create"), id, QStringLiteral("person"), hoanKiem,
            person(QStringLiteral("Trần"), QStringLiteral("Thứ Tự")), stamp(now()));
        const QJsonObject edit = op(QStringLiteral("update"), id, QStringLiteral("person"), hoanKiem,
            QJsonObject { { QStringLiteral("given_name"), QStringLiteral("Đến Trước") } }, stamp(now() + 1));
        const QByteArray behind
            = QJsonDocument(QJsonObject { { QStringLiteral("ops"), QJsonArray { edit } },
                                { QStringLiteral("after"), create.value(QStringLiteral("op_id")) } })
                  .toJson(QJsonDocument::Compact);
        const QByteArray bearer = "Bearer " + token(QStringLiteral("canbo.hoankiem"));
        HttpClient::Response later;
        std::unique_ptr<QThread> sender(QThread::create([&] {
            HttpClient client(m_server->certificate());
            later = client.send("POST", endpoint("/api/v1/sync/push"), behind,
                { { "Authorization", bearer }, { "Content-Type", "application/json" } });
        }));
        sender->start();
        // Long enough for the later batch to reach the server (applied now, its edit would find no record), short of
        // how long it waits for the earlier one to arrive.
        QThread::msleep(300);
        QVERIFY(!sender->isFinished());
        const auto earlier = results(push(QStringLiteral("canbo.hoankiem"), { create }));
        QCOMPARE(earlier.results.value(0).outcome, sync::PushOutcome::Applied);
        QVERIFY(earlier.acceptsAfter);
        QVERIFY(sender->wait(30000));
        QCOMPARE(later.status, 200);
        const auto edited = sync::PushResponse::fromJson(later.json());
        QVERIFY(edited);
        QCOMPARE(edited->results.value(0).outcome, sync::PushOutcome::Applied);
        QCOMPARE(recordAs(QStringLiteral("canbo.hoankiem"), registries, id)->fields.value(QStringLiteral("given_name")),
            QJsonValue(QStringLiteral("Đến Trước")));

        // Behind a batch with a rejected op (a person without a given name).
        const QJsonObject invalid = op(QStringLiteral("create"), createUuid7(), QStringLiteral("person"), hoanKiem,
            QJsonObject { { QStringLiteral("surname"), QStringLiteral("Thiếu") } }, stamp(now()));
        const auto refused = results(push(QStringLiteral("canbo.hoankiem"), { invalid }));
        QCOMPARE(refused.results.value(0).outcome, sync::PushOutcome::Rejected);
        const qint64 seq = headSeq(registries);
        const QString dependant = createUuid7();
        const auto response = pushRaw(QStringLiteral("canbo.hoankiem"),
            QJsonDocument(
                QJsonObject {
                    { QStringLiteral("ops"),
                        QJsonArray { op(QStringLiteral("create"), dependant, QStringLiteral("person"), hoanKiem,
                            person(QStringLiteral("Theo"), QStringLiteral("Sau")), stamp(now())) } },
                    { QStringLiteral("after"), invalid.value(QStringLiteral("op_id")) } })
                .toJson(QJsonDocument::Compact));
        QCOMPARE(response.status, 409);
        QCOMPARE(response.json().value(QStringLiteral("code")).toString(), QStringLiteral("out_of_order"));
        QCOMPARE(headSeq(registries), seq);
        QVERIFY(!recordAs(QStringLiteral("canbo.hoankiem"), registries, dependant));

        // Behind a batch that never comes, or that another user sent: refused once the short wait for its arrival
        // is over, not the long one for a batch being worked on, since it holds a worker thread meanwhile.
        const QJsonObject other = op(QStringLiteral("create"), createUuid7(), QStringLiteral("person"), hoanKiem,
            person(QStringLiteral("Người"), QStringLiteral("Khác")), stamp(now()));
        QCOMPARE(results(push(QStringLiteral("chutich.hoankiem"), { other })).results.value(0).outcome,
            sync::PushOutcome::Applied);
        for (const QJsonValue &missing : { QJsonValue(createUuid7()), other.value(QStringLiteral("op_id")) }) {
            QElapsedTimer waited;
            waited.start();
            const auto orphan = pushRaw(QStringLiteral("canbo.hoankiem"),
                QJsonDocument(
                    QJsonObject {
                        { QStringLiteral("ops"),
                            QJsonArray { op(QStringLiteral("create"), createUuid7(), QStringLiteral("person"), hoanKiem,
                                person(QStringLiteral("Mồ"), QStringLiteral("Côi")), stamp(now())) } },
                        { QStringLiteral("after"), missing } })
                    .toJson(QJsonDocument::Compact));
            QCOMPARE(orphan.status, 409);
            QCOMPARE(orphan.json().value(QStringLiteral("code")).toString(), QStringLiteral("out_of_order"));
            QVERIFY(!orphan.json().value(QStringLiteral("details")).toObject().contains(QStringLiteral("rejected")));
            // The long wait is 10 s (SyncService::afterWaitMillis), the short one 1 s.
            QVERIFY2(waited.elapsed() < 5000, qPrintable(QString::number(waited.elapsed())));
        }
        QCOMPARE(headSeq(registries), seq + 1);
    }

    void opIdWithOtherContentIsRefused()
    {
        const QString id = createUuid7();
        QJsonObject create = op(QStringLiteral("create"), id, QStringLiteral("person"), hoanKiem,
            person(QStringLiteral("Phan"), QStringLiteral("Văn Khải")), stamp(now()));
        QCOMPARE(push(QStringLiteral("canbo.hoankiem"), { create }).status, 200);
        const qint64 seq = headSeq(registries);

        const QString fresh = createUuid7();
        QJsonObject altered = create;
        altered.insert(QStringLiteral("set"), person(QStringLiteral("Phan"), QStringLiteral("Văn Khánh")));
        const auto response = push(QStringLiteral("canbo.hoankiem"),
            { op(QStringLiteral("create"), fresh, QStringLiteral("person"), hoanKiem,
                  person(QStringLiteral("Vũ"), QStringLiteral("Thị Mơ")), stamp(now())),
                altered });
        QCOMPARE(response.status, 409);
        QCOMPARE(response.json().value(QStringLiteral("code")).toString(), QStringLiteral("op_id_reused"));
        QCOMPARE(headSeq(registries), seq); // the whole batch was refused, the first op too
        QVERIFY(!recordAs(QStringLiteral("canbo.hoankiem"), registries, fresh));
        QCOMPARE(recordAs(QStringLiteral("canbo.hoankiem"), registries, id)->fields.value(QStringLiteral("given_name")),
            QJsonValue(QStringLiteral("Văn Khải")));
    }

    void lastWriterWinsPerField()
    {
        const QString id = createUuid7();
        const qint64 t = now();
        QVERIFY(push(QStringLiteral("canbo.hoankiem"),
                    { op(QStringLiteral("create"), id, QStringLiteral("person"), hoanKiem,
                        person(QStringLiteral("Đỗ"), QStringLiteral("An")), stamp(t - 10000)) })
                    .status
            == 200);
        // The newer edit arrives first, the older one later: the older loses on the field both set and wins on
        // the field only it set.
        const auto newer = results(push(QStringLiteral("chutich.hoankiem"),
            { op(QStringLiteral("update"), id, QStringLiteral("person"), hoanKiem,
                QJsonObject { { QStringLiteral("given_name"), QStringLiteral("Bình") } }, stamp(t - 1000, "pc-b")) }));
        QCOMPARE(newer.results.value(0).outcome, sync::PushOutcome::Applied);
        const auto older = results(push(QStringLiteral("canbo.hoankiem"),
            { op(QStringLiteral("update"), id, QStringLiteral("person"), hoanKiem,
                  QJsonObject { { QStringLiteral("given_name"), QStringLiteral("Cường") } }, stamp(t - 5000)),
                op(QStringLiteral("update"), id, QStringLiteral("person"), hoanKiem,
                    QJsonObject { { QStringLiteral("given_name"), QStringLiteral("Dũng") },
                        { QStringLiteral("address"), QStringLiteral("Hàng Bông") } },
                    stamp(t - 4000)) }));
        QCOMPARE(older.results.value(0).outcome, sync::PushOutcome::Superseded);
        QCOMPARE(older.results.value(1).outcome, sync::PushOutcome::Applied);
        const auto state = recordAs(QStringLiteral("canbo.hoankiem"), registries, id);
        QVERIFY(state);
        QCOMPARE(state->fields.value(QStringLiteral("given_name")).toString(), QStringLiteral("Bình"));
        QCOMPARE(state->fields.value(QStringLiteral("address")).toString(), QStringLiteral("Hàng Bông"));

        // Delete and restore are last-writer-wins on their own stamp.
        const auto deleted = results(push(QStringLiteral("canbo.hoankiem"),
            { op(QStringLiteral("delete"), id, QStringLiteral("person"), hoanKiem, {}, stamp(t - 500)),
                op(QStringLiteral("restore"), id, QStringLiteral("person"), hoanKiem, {}, stamp(t - 800)) }));
        QCOMPARE(deleted.results.value(0).outcome, sync::PushOutcome::Applied);
        QCOMPARE(deleted.results.value(1).outcome, sync::PushOutcome::Superseded);
        QVERIFY(recordAs(QStringLiteral("canbo.hoankiem"), registries, id)->deleted);
    }

    void workflowConflictIsKeptAndVisible()
    {
        const QString id = createUuid7();
        const qint64 t = now();
        const QJsonObject report { { QStringLiteral("period_type"), QStringLiteral("monthly") },
            { QStringLiteral("period"), QStringLiteral("2026-11") },
            { QStringLiteral("activities"), QStringLiteral("Ngày hội Đại đoàn kết toàn dân tộc") } };
        const auto created = results(push(QStringLiteral("canbo.hoankiem"),
            { op(QStringLiteral("create"), id, QStringLiteral("report"), hoanKiem, report, stamp(t - 9000)) }));
        QCOMPARE(created.results.value(0).outcome, sync::PushOutcome::Applied);
        // The server starts the workflow in its initial state (the client adds it to the fields it sent).
        QVERIFY(created.results.value(0).record->fieldsAsSent);
        QCOMPARE(
            recordAs(QStringLiteral("canbo.hoankiem"), reports, id)->fields.value(QStringLiteral("status")).toString(),
            QStringLiteral("draft"));

        // A plain set of the workflow field is refused.
        const auto plain = results(push(QStringLiteral("canbo.hoankiem"),
            { op(QStringLiteral("update"), id, QStringLiteral("report"), hoanKiem,
                QJsonObject { { QStringLiteral("status"), QStringLiteral("accepted") } }, stamp(t - 8500)) }));
        QCOMPARE(plain.results.value(0).outcome, sync::PushOutcome::Rejected);

        // Two offline PCs both move the draft on: the chair submits from the office, and again from a laptop
        // (offline, same old view) with other text. The first wins; the second is kept as a conflict.
        const auto first = results(push(QStringLiteral("chutich.hoankiem"),
            { transition(id, QStringLiteral("draft"), QStringLiteral("submitted"), stamp(t - 8000, "pc-b")) }));
        QCOMPARE(first.results.value(0).outcome, sync::PushOutcome::Applied);
        const QJsonObject secondOp
            = transition(id, QStringLiteral("draft"), QStringLiteral("submitted"), stamp(t - 7000, "laptop-b"),
                QJsonObject { { QStringLiteral("difficulties"), QStringLiteral("Thiếu kinh phí") } });
        const auto second = results(push(QStringLiteral("chutich.hoankiem"), { secondOp }));
        QCOMPARE(second.results.value(0).outcome, sync::PushOutcome::Conflict);
        QCOMPARE(second.results.value(0).code, QStringLiteral("stale_transition"));
        // An edit of the submitted (locked) report is a conflict too.
        const auto locked = results(push(QStringLiteral("canbo.hoankiem"),
            { op(QStringLiteral("update"), id, QStringLiteral("report"), hoanKiem,
                QJsonObject { { QStringLiteral("activities"), QStringLiteral("Sửa sau khi gửi") } },
                stamp(t - 6000)) }));
        QCOMPARE(locked.results.value(0).outcome, sync::PushOutcome::Conflict);
        QCOMPARE(locked.results.value(0).code, QStringLiteral("locked"));

        // The province accepts, returning the report is no longer possible from "submitted" twice.
        const auto accepted = results(push(QStringLiteral("tinh.hanoi"),
            { transition(id, QStringLiteral("submitted"), QStringLiteral("accepted"), stamp(t - 5000, "pc-p")) }));
        QCOMPARE(accepted.results.value(0).outcome, sync::PushOutcome::Applied);
        const auto state = recordAs(QStringLiteral("canbo.hoankiem"), reports, id);
        QCOMPARE(state->fields.value(QStringLiteral("status")).toString(), QStringLiteral("accepted"));
        QCOMPARE(state->fields.value(QStringLiteral("activities")).toString(),
            QStringLiteral("Ngày hội Đại đoàn kết toàn dân tộc"));
        QVERIFY(!state->fields.contains(QStringLiteral("difficulties")));

        const auto listed = m_http->get(endpoint("/api/v1/sync/conflicts?bucket=C%3A00070%2Freports"),
            { { "Authorization", "Bearer " + token(QStringLiteral("tinh.hanoi")) } });
        QCOMPARE(listed.status, 200);
        const QJsonArray conflicts = listed.json().value(QStringLiteral("conflicts")).toArray();
        QJsonObject kept;
        for (const QJsonValue &value : conflicts) {
            if (value.toObject().value(QStringLiteral("op_id")) == secondOp.value(QStringLiteral("op_id")))
                kept = value.toObject();
        }
        QCOMPARE(kept.value(QStringLiteral("reason")).toString(), QStringLiteral("stale_transition"));
        QCOMPARE(kept.value(QStringLiteral("op")).toObject().value(QStringLiteral("set")).toObject(),
            secondOp.value(QStringLiteral("set")).toObject());
        QCOMPARE(kept.value(QStringLiteral("current"))
                     .toObject()
                     .value(QStringLiteral("fields"))
                     .toObject()
                     .value(QStringLiteral("status")),
            QJsonValue(QStringLiteral("submitted")));
        QVERIFY(!kept.value(QStringLiteral("user_id")).toString().isEmpty());

        // Another commune cannot read them.
        const auto foreign = m_http->get(endpoint("/api/v1/sync/conflicts?bucket=C%3A00070%2Freports"),
            { { "Authorization", "Bearer " + token(QStringLiteral("canbo.badinh")) } });
        QCOMPARE(foreign.status, 404);
        QCOMPARE(foreign.json().value(QStringLiteral("code")).toString(), QStringLiteral("not_found"));
    }

    // Who moves a report along (domain notes §8.6): the commune's Front chair submits it, provincial staff accept
    // or return it, with a reason that travels in the transition. Anyone else's transition is rejected
    // `forbidden` — before whether the report still stands where the op says, so a cadre is never handed a
    // conflict for what the role may never do — and the refusal is stored: a resend gets it again.
    void reportMovesOnlyByTheRolesOfItsWorkflow()
    {
        const QString cadre = QStringLiteral("canbo.hoankiem");
        const QString chair = QStringLiteral("chutich.hoankiem");
        const QString province = QStringLiteral("tinh.hanoi");
        const QString id = createUuid7();
        const qint64 t = now() - 20000;
        QCOMPARE(pushOne(cadre,
                     op(QStringLiteral("create"), id, QStringLiteral("report"), hoanKiem,
                         monthlyReport(QStringLiteral("2026-09")), stamp(t)))
                     .outcome,
            sync::PushOutcome::Applied);
        const qint64 seq = headSeq(reports);

        // The cadre prepares the report but does not submit it: refused, nothing stored, and a resend of the same
        // op is answered the same.
        const QJsonObject cadreSubmits
            = transition(id, QStringLiteral("draft"), QStringLiteral("submitted"), stamp(t + 1000));
        const sync::PushResult refused = pushOne(cadre, cadreSubmits);
        QCOMPARE(refused.outcome, sync::PushOutcome::Rejected);
        QCOMPARE(refused.code, QStringLiteral("forbidden"));
        QCOMPARE(refused.message,
            QStringLiteral("Only the commune's Front chair may move a report from draft to submitted."));
        QCOMPARE(headSeq(reports), seq);
        QCOMPARE(reportFields(id).value(QStringLiteral("status")), QJsonValue(QStringLiteral("draft")));
        const sync::PushResult replayed = pushOne(cadre, cadreSubmits);
        QCOMPARE(replayed.outcome, sync::PushOutcome::Rejected);
        QCOMPARE(replayed.code, QStringLiteral("forbidden"));
        QCOMPARE(replayed.message, refused.message);
        QCOMPARE(headSeq(reports), seq);

        // Neither does the province; and a transition the role may never make is refused even from a state the
        // report is not in (not a stale-transition conflict).
        QCOMPARE(pushOne(province,
                     transition(id, QStringLiteral("draft"), QStringLiteral("submitted"), stamp(t + 1100, "pc-p")))
                     .code,
            QStringLiteral("forbidden"));
        const sync::PushResult early
            = pushOne(cadre, transition(id, QStringLiteral("submitted"), QStringLiteral("accepted"), stamp(t + 1200)));
        QCOMPARE(early.outcome, sync::PushOutcome::Rejected);
        QCOMPARE(early.code, QStringLiteral("forbidden"));
        QCOMPARE(headSeq(reports), seq);

        // The chair submits it.
        QCOMPARE(pushOne(chair,
                     transition(id, QStringLiteral("draft"), QStringLiteral("submitted"), stamp(t + 2000, "pc-b")))
                     .outcome,
            sync::PushOutcome::Applied);
        QCOMPARE(reportFields(id).value(QStringLiteral("status")), QJsonValue(QStringLiteral("submitted")));

        // The chair may not accept it.
        const sync::PushResult chairAccepts = pushOne(
            chair, transition(id, QStringLiteral("submitted"), QStringLiteral("accepted"), stamp(t + 3000, "pc-b")));
        QCOMPARE(chairAccepts.outcome, sync::PushOutcome::Rejected);
        QCOMPARE(chairAccepts.code, QStringLiteral("forbidden"));
        QVERIFY2(chairAccepts.message.contains(QStringLiteral("provincial staff")), qPrintable(chairAccepts.message));

        // The province does not edit it: not by an update, a delete, nor inside the transition that returns it.
        const qint64 submitted = headSeq(reports);
        const sync::PushResult edit = pushOne(province,
            op(QStringLiteral("update"), id, QStringLiteral("report"), hoanKiem,
                { { QStringLiteral("activities"), QStringLiteral("Tỉnh viết lại") } }, stamp(t + 4000, "pc-p")));
        QCOMPARE(edit.outcome, sync::PushOutcome::Rejected);
        QCOMPARE(edit.code, QStringLiteral("forbidden"));
        QCOMPARE(
            edit.message, QStringLiteral("Provincial staff accept or return a commune's report; they do not edit it."));
        QCOMPARE(pushOne(province,
                     op(QStringLiteral("delete"), id, QStringLiteral("report"), hoanKiem, {}, stamp(t + 4100, "pc-p")))
                     .code,
            QStringLiteral("forbidden"));
        const sync::PushResult smuggled = pushOne(province,
            transition(id, QStringLiteral("submitted"), QStringLiteral("returned"), stamp(t + 4200, "pc-p"),
                { { QStringLiteral("return_reason"), QStringLiteral("Sửa giúp") },
                    { QStringLiteral("activities"), QStringLiteral("Tỉnh viết lại") } }));
        QCOMPARE(smuggled.outcome, sync::PushOutcome::Rejected);
        QCOMPARE(smuggled.code, QStringLiteral("forbidden"));
        QCOMPARE(headSeq(reports), submitted);
        QCOMPARE(reportFields(id).value(QStringLiteral("activities")),
            QJsonValue(QStringLiteral("Ngày hội Đại đoàn kết toàn dân tộc")));
        QCOMPARE(reportFields(id).value(QStringLiteral("status")), QJsonValue(QStringLiteral("submitted")));

        // The province returns it, saying why.
        const sync::PushResult returned = pushOne(province,
            transition(id, QStringLiteral("submitted"), QStringLiteral("returned"), stamp(t + 5000, "pc-p"),
                { { QStringLiteral("return_reason"), QStringLiteral("Thiếu số liệu quỹ tháng 9") } }));
        QCOMPARE(returned.outcome, sync::PushOutcome::Applied);
        QCOMPARE(reportFields(id).value(QStringLiteral("status")), QJsonValue(QStringLiteral("returned")));
        QCOMPARE(reportFields(id).value(QStringLiteral("return_reason")),
            QJsonValue(QStringLiteral("Thiếu số liệu quỹ tháng 9")));
        // Returned, it is the commune's again to correct (the province may not, the reason included) and submit.
        QCOMPARE(pushOne(province,
                     op(QStringLiteral("update"), id, QStringLiteral("report"), hoanKiem,
                         { { QStringLiteral("return_reason"), QStringLiteral("Khác") } }, stamp(t + 5500, "pc-p")))
                     .code,
            QStringLiteral("forbidden"));
        QCOMPARE(pushOne(cadre,
                     op(QStringLiteral("update"), id, QStringLiteral("report"), hoanKiem,
                         { { QStringLiteral("activities"), QStringLiteral("Bổ sung số liệu quỹ") } }, stamp(t + 6000)))
                     .outcome,
            sync::PushOutcome::Applied);
        QCOMPARE(
            pushOne(cadre, transition(id, QStringLiteral("returned"), QStringLiteral("submitted"), stamp(t + 6500)))
                .code,
            QStringLiteral("forbidden"));
        QCOMPARE(pushOne(chair,
                     transition(id, QStringLiteral("returned"), QStringLiteral("submitted"), stamp(t + 7000, "pc-b")))
                     .outcome,
            sync::PushOutcome::Applied);

        // The province accepts it.
        QCOMPARE(pushOne(province,
                     transition(id, QStringLiteral("submitted"), QStringLiteral("accepted"), stamp(t + 8000, "pc-p")))
                     .outcome,
            sync::PushOutcome::Applied);
        const QJsonObject accepted = reportFields(id);
        QCOMPARE(accepted.value(QStringLiteral("status")), QJsonValue(QStringLiteral("accepted")));
        QCOMPARE(accepted.value(QStringLiteral("activities")), QJsonValue(QStringLiteral("Bổ sung số liệu quỹ")));

        // The refusals were decisions, not conflicts: none of them waits for review.
        const auto listed = m_http->get(endpoint("/api/v1/sync/conflicts?bucket=C%3A00070%2Freports"),
            { { "Authorization", "Bearer " + token(province) } });
        QCOMPARE(listed.status, 200);
        for (const QJsonValue &conflict : listed.json().value(QStringLiteral("conflicts")).toArray())
            QVERIFY(conflict.toObject().value(QStringLiteral("record_id")).toString() != id);
    }

    // Overseers write a unit's reports only through their workflow: provincial staff create no report for a
    // commune, the central administrators none for a province; their own unit's reports are theirs to write.
    void overseersWriteTheirOwnReportsOnly_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("scope");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("province, own report") << QStringLiteral("tinh.hanoi") << QStringLiteral("P:01") << true;
        QTest::newRow("province, a commune's") << QStringLiteral("tinh.hanoi") << hoanKiem << false;
        QTest::newRow("centre, a province's") << QStringLiteral("trunguong") << QStringLiteral("P:01") << false;
        QTest::newRow("commune, own report") << QStringLiteral("canbo.hoankiem") << hoanKiem << true;
    }

    void overseersWriteTheirOwnReportsOnly()
    {
        QFETCH(QString, user);
        QFETCH(QString, scope);
        QFETCH(bool, allowed);
        const QString id = createUuid7();
        const sync::PushResult created = pushOne(user,
            op(QStringLiteral("create"), id, QStringLiteral("report"), scope, monthlyReport(QStringLiteral("2026-08")),
                stamp(now(), "pc-x")));
        QCOMPARE(created.outcome, allowed ? sync::PushOutcome::Applied : sync::PushOutcome::Rejected);
        if (!allowed) {
            QCOMPARE(created.code, QStringLiteral("forbidden"));
            QVERIFY(!recordAs(QStringLiteral("trunguong"), scope + QStringLiteral("/reports"), id));
            return;
        }
        const sync::PushResult edited = pushOne(user,
            op(QStringLiteral("update"), id, QStringLiteral("report"), scope,
                { { QStringLiteral("difficulties"), QStringLiteral("Thiếu người") } }, stamp(now() + 1, "pc-x")));
        QCOMPARE(edited.outcome, sync::PushOutcome::Applied);
    }

    void clockSkew()
    {
        const qint64 seq = headSeq(registries);
        const QString id = createUuid7();
        const auto ahead = push(QStringLiteral("canbo.hoankiem"),
            { op(QStringLiteral("create"), id, QStringLiteral("person"), hoanKiem,
                person(QStringLiteral("Tạ"), QStringLiteral("Quang")), stamp(now() + 24 * 3600 * 1000)) });
        QCOMPARE(ahead.status, 422);
        QCOMPARE(ahead.json().value(QStringLiteral("code")).toString(), QStringLiteral("clock_skew"));
        const qint64 serverTime = qint64(
            ahead.json().value(QStringLiteral("details")).toObject().value(QStringLiteral("server_time")).toDouble());
        QVERIFY(qAbs(serverTime - now()) < 60000);
        QCOMPARE(headSeq(registries), seq);

        // A PC one year behind still syncs: its create applies, its edit of a newer value loses.
        const qint64 yearAgo = now() - 365LL * 24 * 3600 * 1000;
        const auto behind = results(push(QStringLiteral("canbo.hoankiem"),
            { op(QStringLiteral("create"), id, QStringLiteral("person"), hoanKiem,
                person(QStringLiteral("Tạ"), QStringLiteral("Quang")), stamp(yearAgo)) }));
        QCOMPARE(behind.results.value(0).outcome, sync::PushOutcome::Applied);
        QVERIFY(push(QStringLiteral("chutich.hoankiem"),
                    { op(QStringLiteral("update"), id, QStringLiteral("person"), hoanKiem,
                        QJsonObject { { QStringLiteral("given_name"), QStringLiteral("Quang Huy") } },
                        stamp(now(), "pc-b")) })
                    .status
            == 200);
        const auto late = results(push(QStringLiteral("canbo.hoankiem"),
            { op(QStringLiteral("update"), id, QStringLiteral("person"), hoanKiem,
                QJsonObject { { QStringLiteral("given_name"), QStringLiteral("Quang Hải") } }, stamp(yearAgo + 1)) }));
        QCOMPARE(late.results.value(0).outcome, sync::PushOutcome::Superseded);
        QCOMPARE(recordAs(QStringLiteral("canbo.hoankiem"), registries, id)->fields.value(QStringLiteral("given_name")),
            QJsonValue(QStringLiteral("Quang Huy")));
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        const auto encode = [](const QJsonArray &ops) {
            return QJsonDocument(QJsonObject { { QStringLiteral("ops"), ops } }).toJson(QJsonDocument::Compact);
        };
        const QJsonObject good = op(QStringLiteral("create"), createUuid7(), QStringLiteral("person"), hoanKiem,
            person(QStringLiteral("Hồ"), QStringLiteral("Xuân")), stamp(now()));
        const auto with = [&good](const char *key, const QJsonValue &value) {
            QJsonObject json = good;
            json.insert(QString::fromLatin1(key), value);
            return json;
        };
        QJsonObject missing = good;
        missing.remove(QStringLiteral("hlc"));
        QJsonArray tooMany;
        for (int i = 0; i <= sync::maxPushOps; ++i)
            tooMany.append(op(QStringLiteral("create"), createUuid7(), QStringLiteral("person"), hoanKiem,
                person(QStringLiteral("A"), QStringLiteral("B")), stamp(now())));

        QTest::newRow("malformed JSON") << QByteArray("{\"ops\": [") << 400 << QStringLiteral("bad_request");
        QTest::newRow("not an object") << QByteArray("[1,2]") << 400 << QStringLiteral("bad_request");
        QTest::newRow("ops not an array") << QByteArray("{\"ops\": 5}") << 400 << QStringLiteral("bad_request");
        QTest::newRow("op not an object") << encode({ good, 7 }) << 400 << QStringLiteral("bad_request");
        QTest::newRow("wrong type") << encode({ good, with("record_id", 12) }) << 400 << QStringLiteral("bad_request");
        QTest::newRow("set not an object")
            << encode({ with("set", QStringLiteral("x")) }) << 400 << QStringLiteral("bad_request");
        QTest::newRow("missing field") << encode({ good, missing }) << 400 << QStringLiteral("bad_request");
        QTest::newRow("unknown kind") << encode({ with("kind", QStringLiteral("spaceship")) }) << 400
                                      << QStringLiteral("unknown_kind");
        QTest::newRow("forged user") << encode({ with("user_id", QStringLiteral("someone-else")) }) << 400
                                     << QStringLiteral("bad_request");
        QTest::newRow("schema from the future")
            << encode({ with("schema_version", 99) }) << 422 << QStringLiteral("schema_too_new");
        QTest::newRow("oversized batch") << encode(tooMany) << 413 << QStringLiteral("batch_too_large");
        // Read in place, the body is still checked whole before anything of it counts.
        QTest::newRow("garbage after good ops")
            << QByteArray(encode({ good }) + " x") << 400 << QStringLiteral("bad_request");
        QTest::newRow("invalid UTF-8 in an op")
            << QByteArray("{\"ops\": [{\"op_id\": \"\xff\"}]}") << 400 << QStringLiteral("bad_request");
        // A member named twice: which value counts would be a guess.
        QByteArray opsTwice = encode({ good });
        opsTwice.chop(1);
        QTest::newRow("ops named twice") << QByteArray(opsTwice + ",\"ops\":[]}") << 400
                                         << QStringLiteral("bad_request");
        QByteArray kindTwice = QJsonDocument(good).toJson(QJsonDocument::Compact);
        kindTwice.chop(1);
        QTest::newRow("op names kind twice") << QByteArray("{\"ops\":[" + kindTwice + ",\"kind\":\"household\"}]}")
                                             << 400 << QStringLiteral("bad_request");
        QTest::newRow("after not an op id")
            << QJsonDocument(QJsonObject { { QStringLiteral("ops"), QJsonArray { good } },
                                 { QStringLiteral("after"), QStringLiteral("yesterday") } })
                   .toJson(QJsonDocument::Compact)
            << 400 << QStringLiteral("bad_request");
    }

    void badInput()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        const qint64 seq = headSeq(registries);
        const auto response = pushRaw(QStringLiteral("canbo.hoankiem"), body);
        QCOMPARE(response.status, status);
        QCOMPARE(response.json().value(QStringLiteral("code")).toString(), code);
        QVERIFY(!response.json().value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(headSeq(registries), seq);
        // The server keeps serving.
        const auto next = results(push(QStringLiteral("canbo.hoankiem"),
            { op(QStringLiteral("create"), createUuid7(), QStringLiteral("person"), hoanKiem,
                person(QStringLiteral("Kiều"), QStringLiteral("Oanh")), stamp(now())) }));
        QCOMPARE(next.results.value(0).outcome, sync::PushOutcome::Applied);

        const auto badPull = m_http->send("POST", endpoint("/api/v1/sync/pull"), "{\"positions\": [1]}",
            { { "Authorization", "Bearer " + token(QStringLiteral("canbo.hoankiem")) } });
        QCOMPARE(badPull.status, 400);
        QCOMPARE(badPull.json().value(QStringLiteral("code")).toString(), QStringLiteral("bad_request"));
    }

    void withoutTokenNothingIsServed()
    {
        for (const char *path : { "/api/v1/sync/push", "/api/v1/sync/pull" }) {
            const auto response = m_http->send("POST", endpoint(path), "{\"ops\": []}", {});
            QCOMPARE(response.status, 401);
            const auto forged
                = m_http->send("POST", endpoint(path), "{\"ops\": []}", { { "Authorization", "Bearer abc.def.ghi" } });
            QCOMPARE(forged.status, 401);
        }
    }

    void scopeIsolation()
    {
        const QString mine = createUuid7();
        QVERIFY(push(QStringLiteral("canbo.hoankiem"),
                    { op(QStringLiteral("create"), mine, QStringLiteral("person"), hoanKiem,
                        person(QStringLiteral("Ngô"), QStringLiteral("Thị Lụa")), stamp(now())) })
                    .status
            == 200);
        const qint64 seq = headSeq(registries);

        // Ba Đình's cadre: cannot create in Hoàn Kiếm, cannot reach a Hoàn Kiếm record by naming its id under
        // its own scope, cannot delete or move it.
        const QString badinh = QStringLiteral("canbo.badinh");
        QJsonObject move = op(QStringLiteral("move"), mine, QStringLiteral("person"), hoanKiem, {}, stamp(now()));
        move.insert(QStringLiteral("move"),
            QJsonObject { { QStringLiteral("from"), hoanKiem }, { QStringLiteral("to"), baDinh } });
        const auto attempts = results(push(badinh,
            { op(QStringLiteral("create"), createUuid7(), QStringLiteral("person"), hoanKiem,
                  person(QStringLiteral("Kẻ"), QStringLiteral("Lạ")), stamp(now())),
                op(QStringLiteral("update"), mine, QStringLiteral("person"), baDinh,
                    QJsonObject { { QStringLiteral("given_name"), QStringLiteral("Bị sửa") } }, stamp(now())),
                op(QStringLiteral("create"), mine, QStringLiteral("person"), baDinh,
                    person(QStringLiteral("Bị"), QStringLiteral("Chiếm")), stamp(now())),
                op(QStringLiteral("delete"), mine, QStringLiteral("person"), baDinh, {}, stamp(now())), move }));
        QCOMPARE(attempts.results.size(), 5);
        for (const sync::PushResult &result : attempts.results) {
            QCOMPARE(result.outcome, sync::PushOutcome::Rejected);
            QCOMPARE(result.code, QStringLiteral("forbidden"));
            QVERIFY2(!result.record, "a refused op must not reveal the record");
        }
        QCOMPARE(headSeq(registries), seq);

        // Nor can Hoàn Kiếm move its own record into Ba Đình, where it has no rights.
        const auto ownMove = results(push(QStringLiteral("canbo.hoankiem"), { move }));
        QCOMPARE(ownMove.results.value(0).outcome, sync::PushOutcome::Rejected);
        QCOMPARE(ownMove.results.value(0).code, QStringLiteral("forbidden"));
        const auto state = recordAs(QStringLiteral("canbo.hoankiem"), registries, mine);
        QCOMPARE(state->scope, hoanKiem);
        QCOMPARE(state->fields.value(QStringLiteral("given_name")).toString(), QStringLiteral("Thị Lụa"));
        QVERIFY(!state->deleted);

        // Ba Đình cannot pull Hoàn Kiếm's buckets, even by naming them.
        const sync::PullResponse foreign = pull(badinh, { { registries, 0 }, { reports, 0 } });
        for (const sync::BucketHead &head : foreign.buckets)
            QVERIFY2(head.bucket.startsWith(baDinh) || !head.bucket.startsWith(QStringLiteral("C:")),
                qPrintable(head.bucket));
        for (const sync::RecordChange &change : foreign.changes)
            QVERIFY2(!change.bucket.startsWith(hoanKiem), qPrintable(change.bucket));
        QVERIFY(!foreign.positions.contains(registries));

        // The province reads its commune's registries when it asks for them, and may not write them.
        QVERIFY(recordAs(QStringLiteral("tinh.hanoi"), registries, mine));
        const auto provincial = results(push(QStringLiteral("tinh.hanoi"),
            { op(QStringLiteral("update"), mine, QStringLiteral("person"), hoanKiem,
                QJsonObject { { QStringLiteral("given_name"), QStringLiteral("Tỉnh sửa") } }, stamp(now(), "pc-p")) }));
        QCOMPARE(provincial.results.value(0).code, QStringLiteral("forbidden"));
        // Hồ Chí Minh City's staff reads nothing of Hà Nội.
        QVERIFY(!recordAs(QStringLiteral("tinh.hcm"), registries, mine));
    }

    // GET /api/v1/units: the caller's unit and every unit below it (what a province needs to see which communes
    // have not reported), codes written as the records' scopes, in code order; nothing of another unit's tree.
    void unitsBelowTheCallersUnit_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QStringList>("codes");
        const QString tdp01 = QStringLiteral("00070-TDP01");
        const QString tdp02 = QStringLiteral("00070-TDP02");
        const QString kp01 = QStringLiteral("26740-KP01");
        const QStringList haNoi { tdp01, tdp02, baDinh, QStringLiteral("C:00008"), hoanKiem, QStringLiteral("C:00082"),
            QStringLiteral("P:01") };
        const QStringList hoChiMinh { kp01, QStringLiteral("C:26734"), QStringLiteral("C:26740"),
            QStringLiteral("C:26743"), QStringLiteral("P:79") };
        QTest::newRow("province: itself, its communes and their areas") << QStringLiteral("tinh.hanoi") << haNoi;
        QTest::newRow("another province") << QStringLiteral("tinh.hcm") << hoChiMinh;
        QTest::newRow("commune cadre: its commune and its areas")
            << QStringLiteral("canbo.hoankiem") << QStringList { tdp01, tdp02, hoanKiem };
        QTest::newRow("commune chair") << QStringLiteral("chutich.hoankiem") << QStringList { tdp01, tdp02, hoanKiem };
        QTest::newRow("commune without areas: only itself") << QStringLiteral("canbo.badinh") << QStringList { baDinh };
        QStringList everything = haNoi + hoChiMinh;
        everything.sort();
        QTest::newRow("central admin: everything") << QStringLiteral("trunguong") << everything;
        QTest::newRow("national auditor: everything") << QStringLiteral("kiemtra") << everything;
    }

    void unitsBelowTheCallersUnit()
    {
        QFETCH(QString, user);
        QFETCH(QStringList, codes);
        const auto response = m_http->get(endpoint("/api/v1/units"), { { "Authorization", "Bearer " + token(user) } });
        QCOMPARE(response.status, 200);
        QVERIFY(response.header("Content-Type").startsWith("application/json"));
        QStringList listed;
        QHash<QString, QJsonObject> byCode;
        for (const QJsonValue &value : response.json().value(QStringLiteral("units")).toArray()) {
            const QJsonObject unit = value.toObject();
            listed.append(unit.value(QStringLiteral("code")).toString());
            byCode.insert(listed.last(), unit);
        }
        QCOMPARE(listed, codes);

        // Names as imported (NFC Vietnamese), kinds, and parents written like the codes.
        if (byCode.contains(hoanKiem)) {
            QCOMPARE(byCode.value(hoanKiem),
                QJsonObject({ { QStringLiteral("code"), hoanKiem },
                    { QStringLiteral("name"), QStringLiteral("Phường Hoàn Kiếm") },
                    { QStringLiteral("kind"), QStringLiteral("commune") },
                    { QStringLiteral("parent"), QStringLiteral("P:01") } }));
            QCOMPARE(byCode.value(QStringLiteral("00070-TDP01")),
                QJsonObject({ { QStringLiteral("code"), QStringLiteral("00070-TDP01") },
                    { QStringLiteral("name"), QStringLiteral("Tổ dân phố số 1") },
                    { QStringLiteral("kind"), QStringLiteral("area") }, { QStringLiteral("parent"), hoanKiem } }));
        }
        if (byCode.contains(QStringLiteral("P:01"))) {
            // A province has no parent.
            QCOMPARE(byCode.value(QStringLiteral("P:01")),
                QJsonObject({ { QStringLiteral("code"), QStringLiteral("P:01") },
                    { QStringLiteral("name"), QStringLiteral("Thành phố Hà Nội") },
                    { QStringLiteral("kind"), QStringLiteral("province") } }));
        }
    }

    void unitsNeedAToken()
    {
        const auto anonymous = m_http->get(endpoint("/api/v1/units"));
        QCOMPARE(anonymous.status, 401);
        QCOMPARE(anonymous.json().value(QStringLiteral("code")).toString(), QStringLiteral("unauthorized"));
        QVERIFY(anonymous.header("WWW-Authenticate").startsWith("Bearer"));
        const auto forged = m_http->get(endpoint("/api/v1/units"), { { "Authorization", "Bearer abc.def.ghi" } });
        QCOMPARE(forged.status, 401);
        QCOMPARE(forged.json().value(QStringLiteral("code")).toString(), QStringLiteral("unauthorized"));
        // Only GET: another method finds no route.
        const auto posted = m_http->send("POST", endpoint("/api/v1/units"), "{}",
            { { "Authorization", "Bearer " + token(QStringLiteral("tinh.hanoi")) } });
        QCOMPARE(posted.status, 404);
    }

    void clientGoneMidRequest()
    {
        // Clients that vanish while their request is being worked on (a PC switched off, a killed sync): the
        // server answers into a closed connection and goes on serving.
        QJsonArray ops;
        for (int i = 0; i < 300; ++i)
            ops.append(op(QStringLiteral("create"), createUuid7(), QStringLiteral("person"), hoanKiem,
                person(QStringLiteral("Vắng"), QStringLiteral("Mặt %1").arg(i)), stamp(now(), "pc-a", i)));
        const QByteArray body
            = QJsonDocument(QJsonObject { { QStringLiteral("ops"), ops } }).toJson(QJsonDocument::Compact);
        const QByteArray head
            = "POST /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              "Authorization: Bearer "
            + token(QStringLiteral("canbo.hoankiem")) + "\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n\r\n";
        for (int i = 0; i < 15; ++i) {
            QSslSocket socket;
            QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
            configuration.setCaCertificates({ m_server->certificate() });
            socket.setSslConfiguration(configuration);
            socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server->port());
            QVERIFY(socket.waitForEncrypted(10000));
            socket.write(head + body);
            QVERIFY(socket.waitForBytesWritten(10000));
            QTest::qWait(i % 5); // gone before the answer, at slightly different moments
            socket.abort();
        }
        QTest::qWait(500);
        const auto health = m_http->get(endpoint("/healthz"));
        QVERIFY2(health.status == 200, qPrintable(m_server->output().right(2000)));
        const auto next = results(push(QStringLiteral("canbo.hoankiem"),
            { op(QStringLiteral("create"), createUuid7(), QStringLiteral("person"), hoanKiem,
                person(QStringLiteral("Có"), QStringLiteral("Mặt")), stamp(now())) }));
        QCOMPARE(next.results.value(0).outcome, sync::PushOutcome::Applied);
    }

    void pullPagesInSequenceOrder()
    {
        QJsonArray ops;
        for (int i = 0; i < 25; ++i)
            ops.append(op(QStringLiteral("create"), createUuid7(), QStringLiteral("person"), hoanKiem,
                person(QStringLiteral("Trang"), QStringLiteral("Số %1").arg(i)), stamp(now(), "pc-a", i)));
        QCOMPARE(push(QStringLiteral("canbo.hoankiem"), ops).status, 200);

        QMap<QString, qint64> positions;
        QSet<QString> seen;
        qint64 last = 0;
        int pages = 0;
        for (;;) {
            const sync::PullResponse page = pull(QStringLiteral("canbo.hoankiem"), positions, 10);
            QVERIFY(page.changes.size() <= 10);
            for (const sync::RecordChange &change : page.changes) {
                if (change.bucket != registries)
                    continue;
                QVERIFY2(change.seq > last, "changes come in sequence order, never behind a position");
                last = change.seq;
                QVERIFY2(!seen.contains(change.id), "a record is sent once per pass");
                seen.insert(change.id);
            }
            for (auto it = page.positions.cbegin(); it != page.positions.cend(); ++it)
                positions.insert(it.key(), it.value());
            ++pages;
            if (!page.more)
                break;
            QVERIFY(pages < 100);
        }
        QVERIFY(pages >= 3);
        QCOMPARE(positions.value(registries), headSeq(registries));
        for (const QJsonValue &value : ops)
            QVERIFY(seen.contains(value.toObject().value(QStringLiteral("record_id")).toString()));
    }
};

QTEST_GUILESS_MAIN(tst_SyncServer)
#include "tst_syncserver.moc"
