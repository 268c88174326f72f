// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The blob routes of the real server on loopback TLS (DESIGN.md, "Blobs"): chunked, resumable uploads within a
// session, hash verified on completion, range download, dedup within a scope, blobs readable only through a
// record the token may read, missing blobs failing a whole push, the size limits, and upload sessions expiring
// when idle. With MTS_TEST_SYNC_BACKEND=postgresql the same suite runs against the PostgreSQL backend.
#include "shared/crypto.h"
#include "shared/hlc.h"
#include "shared/uuid7.h"
#include "tests/support/httpclient.h"
#include "tests/support/postgresfixture.h"
#include "tests/support/serverprocess.h"
#include "tests/support/syncclient.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace mts;
using mts::test::HttpClient;
using mts::test::ServerProcess;
using mts::test::SyncApi;

namespace {

const QString hoanKiem = QStringLiteral("C:00070");
const QString baDinh = QStringLiteral("C:00004");
const QString cadre = QStringLiteral("canbo.hoankiem");
const QString otherCadre = QStringLiteral("canbo.badinh");
constexpr qint64 mebibyte = 1024 * 1024;
constexpr qint64 maxBlob = 3 * mebibyte;
constexpr qint64 maxUser = 8 * mebibyte;
// The default blob_session_hours (72) and then some.
constexpr qint64 idleMillis = 73LL * 3600 * 1000;

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(QRandomGenerator::global()->bounded(256));
    return bytes;
}

QString hashOf(const QByteArray &content)
{
    return QString::fromLatin1(crypto::blake2b(content, 32).toHex());
}

// A Hoàn Kiếm household whose `document` (a scan of its certificate) is blob `hash`.
QJsonObject householdWithDocument(const QString &id, const QString &hash, qint64 size)
{
    const QJsonObject set { { QStringLiteral("head_name"), QStringLiteral("Trần Thị Ảnh") },
        { QStringLiteral("document"),
            QJsonObject { { QStringLiteral("hash"), hash }, { QStringLiteral("size"), size },
                { QStringLiteral("name"), QStringLiteral("ảnh.jpg") },
                { QStringLiteral("type"), QStringLiteral("image/jpeg") } } } };
    return { { QStringLiteral("op_id"), createUuid7() }, { QStringLiteral("type"), QStringLiteral("create") },
        { QStringLiteral("record_id"), id }, { QStringLiteral("kind"), QStringLiteral("household") },
        { QStringLiteral("scope"), hoanKiem },
        { QStringLiteral("hlc"),
            HlcStamp { QDateTime::currentMSecsSinceEpoch(), 0, QStringLiteral("pc-blob") }.toString() },
        { QStringLiteral("set"), set }, { QStringLiteral("schema_version"), 3 } };
}

} // namespace

class tst_Blobs : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<mts::test::PostgresFixture> m_pg;
    QStringList m_arguments;
    /// A server stopped for a restart: it owns the data folder the running one uses.
    std::unique_ptr<ServerProcess> m_stopped;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<SyncApi> m_api;

    QUrl endpoint(const QString &path) const { return QUrl(m_server->url().toString() + path); }
    QList<QPair<QByteArray, QByteArray>> auth(const QString &user)
    {
        return { { "Authorization", "Bearer " + m_api->token(user) } };
    }

    HttpClient::Response startUpload(const QString &user, const QString &scope, const QString &hash, qint64 size)
    {
        return m_api->http().postJson(endpoint(QStringLiteral("/api/v1/blobs/uploads")),
            { { QStringLiteral("scope"), scope }, { QStringLiteral("hash"), hash }, { QStringLiteral("size"), size } },
            auth(user));
    }

    HttpClient::Response putChunk(const QString &user, const QString &id, qint64 offset, const QByteArray &chunk)
    {
        return m_api->http().send("PUT",
            endpoint(QStringLiteral("/api/v1/blobs/uploads/%1?offset=%2").arg(id).arg(offset)), chunk,
            auth(user) + QList<QPair<QByteArray, QByteArray>> { { "Content-Type", "application/octet-stream" } });
    }

    HttpClient::Response completeUpload(const QString &user, const QString &id)
    {
        return m_api->http().send(
            "POST", endpoint(QStringLiteral("/api/v1/blobs/uploads/%1/complete").arg(id)), {}, auth(user));
    }

    HttpClient::Response download(const QString &user, const QString &scope, const QString &hash, QByteArray range = {})
    {
        auto headers = auth(user);
        if (!range.isEmpty())
            headers.append({ "Range", range });
        return m_api->http().get(endpoint(QStringLiteral("/api/v1/blobs/%1/%2").arg(scope, hash)), headers);
    }

    // Uploads `content` to `scope` in chunks of at most 1 MiB; false with a test failure on any refusal.
    bool upload(const QString &user, const QString &scope, const QByteArray &content)
    {
        const auto started = startUpload(user, scope, hashOf(content), content.size());
        if (started.status == 200 && started.json().value(QStringLiteral("exists")).toBool())
            return true;
        if (started.status != 201) {
            qWarning() << "start upload:" << started.status << started.body;
            return false;
        }
        const QString id = started.json().value(QStringLiteral("upload_id")).toString();
        for (qint64 offset = 0; offset < content.size(); offset += mebibyte) {
            const auto put = putChunk(user, id, offset, content.mid(offset, mebibyte));
            if (put.status != 200) {
                qWarning() << "chunk:" << put.status << put.body;
                return false;
            }
        }
        const auto completed = completeUpload(user, id);
        if (completed.status != 201)
            qWarning() << "complete:" << completed.status << completed.body;
        return completed.status == 201;
    }

    // The first column of the first row of `sql` on the server's sync database (the SQLite file in its data folder
    // or the PostgreSQL fixture's database): 0 without a row, -1 when it fails.
    qint64 syncQuery(const QString &sql)
    {
        const QString name = QStringLiteral("tst_blobs-sync");
        qint64 value = -1;
        {
            QSqlDatabase db;
            if (m_pg) {
                const QUrl url(m_pg->url());
                db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
                db.setHostName(url.host());
                db.setPort(url.port());
                db.setUserName(url.userName());
                db.setPassword(url.password());
                db.setDatabaseName(m_pg->databaseName());
            } else {
                db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
                db.setDatabaseName(QDir(m_server->dataDir()).filePath(QStringLiteral("sync.sqlite")));
            }
            if (db.open()) {
                QSqlQuery query(db);
                if (query.exec(sql))
                    value = query.next() ? query.value(0).toLongLong() : 0;
                else
                    qWarning() << "sync database:" << query.lastError().text();
            } else {
                qWarning() << "sync database:" << db.lastError().text();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return value;
    }

    // Creates a Hoàn Kiếm household whose document is blob `hash`.
    int pushHousehold(const QString &hash, qint64 size, QString *recordId = nullptr)
    {
        const QString id = createUuid7();
        if (recordId)
            *recordId = id;
        return m_api->push(cadre, { householdWithDocument(id, hash, size) }).status;
    }

private Q_SLOTS:
    void initTestCase()
    {
        MTS_SYNC_BACKEND_ARGUMENTS(m_pg, backend)
        m_arguments = QStringList { QStringLiteral("--demo"), QStringLiteral("--max-blob-bytes"),
            QString::number(maxBlob), QStringLiteral("--max-user-blob-bytes"), QString::number(maxUser) }
            + backend;
        m_server = std::make_unique<ServerProcess>(m_arguments);
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_api = std::make_unique<SyncApi>(*m_server);
        QVERIFY(!m_api->token(cadre).isEmpty());
        QVERIFY(!m_api->token(otherCadre).isEmpty());
    }

    void uploadInChunksThenDownload()
    {
        const QByteArray content = randomBytes(2 * mebibyte + 12345);
        const QString hash = hashOf(content);
        QVERIFY(upload(cadre, hoanKiem, content));
        // Stored, but no record refers to it yet: it does not exist for anyone.
        QCOMPARE(download(cadre, hoanKiem, hash).status, 404);

        QCOMPARE(pushHousehold(hash, content.size()), 200);
        const auto full = download(cadre, hoanKiem, hash);
        QCOMPARE(full.status, 200);
        QCOMPARE(full.body.size(), content.size());
        QVERIFY(full.body == content);
        // Another cadre of the same commune reads it through the record too.
        QVERIFY(download(QStringLiteral("chutich.hoankiem"), hoanKiem, hash).body == content);

        // Ranges across a chunk boundary, open-ended and suffix.
        const auto middle = download(cadre, hoanKiem, hash, "bytes=1048000-1049999");
        QCOMPARE(middle.status, 206);
        QVERIFY(middle.body == content.mid(1048000, 2000));
        QCOMPARE(
            middle.header("Content-Range"), QByteArray("bytes 1048000-1049999/") + QByteArray::number(content.size()));
        const auto tail = download(cadre, hoanKiem, hash, "bytes=2097152-");
        QCOMPARE(tail.status, 206);
        QVERIFY(tail.body == content.mid(2097152));
        const auto suffix = download(cadre, hoanKiem, hash, "bytes=-100");
        QCOMPARE(suffix.status, 206);
        QVERIFY(suffix.body == content.right(100));
        const auto beyond = download(cadre, hoanKiem, hash, "bytes=99999999-");
        QCOMPARE(beyond.status, 416);
        QCOMPARE(beyond.json().value(QStringLiteral("code")).toString(), QStringLiteral("range_not_satisfiable"));
    }

    void uploadResumesAtReceived()
    {
        const QByteArray content = randomBytes(2 * mebibyte + 7);
        const QString hash = hashOf(content);
        const auto started = startUpload(cadre, hoanKiem, hash, content.size());
        QCOMPARE(started.status, 201);
        const QString id = started.json().value(QStringLiteral("upload_id")).toString();
        QVERIFY(isUuid7(id));
        QCOMPARE(putChunk(cadre, id, 0, content.left(mebibyte)).status, 200);

        // The client lost the answer and its state: it asks, or resends the first chunk and is told.
        const auto resent = putChunk(cadre, id, 0, content.left(mebibyte));
        QCOMPARE(resent.status, 409);
        QCOMPARE(resent.json().value(QStringLiteral("code")).toString(), QStringLiteral("offset_mismatch"));
        QCOMPARE(
            resent.json().value(QStringLiteral("details")).toObject().value(QStringLiteral("received")).toInteger(),
            mebibyte);
        const auto state = m_api->http().get(endpoint(QStringLiteral("/api/v1/blobs/uploads/") + id), auth(cadre));
        QCOMPARE(state.status, 200);
        const qint64 received = state.json().value(QStringLiteral("received")).toInteger();
        QCOMPARE(received, mebibyte);
        // Completing early is refused; the session stays.
        QCOMPARE(completeUpload(cadre, id).status, 409);
        // Another user does not see the session.
        QCOMPARE(
            m_api->http().get(endpoint(QStringLiteral("/api/v1/blobs/uploads/") + id), auth(otherCadre)).status, 404);
        QCOMPARE(putChunk(otherCadre, id, received, content.mid(received, mebibyte)).status, 404);

        for (qint64 offset = received; offset < content.size(); offset += mebibyte)
            QCOMPARE(putChunk(cadre, id, offset, content.mid(offset, mebibyte)).status, 200);
        QCOMPARE(completeUpload(cadre, id).status, 201);
        QCOMPARE(pushHousehold(hash, content.size()), 200);
        QVERIFY(download(cadre, hoanKiem, hash).body == content);
    }

    // Completion hashes the session chunk by chunk: a blob of several chunks whose last byte differs from what was
    // announced is refused, and the right one of the same size is stored.
    void multiChunkCompletionHashesEveryChunk()
    {
        const QByteArray content = randomBytes(2 * mebibyte + 5);
        QByteArray announced = content;
        announced[announced.size() - 1] = char(announced.at(announced.size() - 1) ^ 1);
        const auto started = startUpload(cadre, hoanKiem, hashOf(announced), content.size());
        QCOMPARE(started.status, 201);
        const QString id = started.json().value(QStringLiteral("upload_id")).toString();
        for (qint64 offset = 0; offset < content.size(); offset += mebibyte)
            QCOMPARE(putChunk(cadre, id, offset, content.mid(offset, mebibyte)).status, 200);
        const auto completed = completeUpload(cadre, id);
        QCOMPARE(completed.status, 422);
        QCOMPARE(completed.json().value(QStringLiteral("code")).toString(), QStringLiteral("hash_mismatch"));
        QVERIFY2(completed.json().value(QStringLiteral("message")).toString().contains(hashOf(content)),
            completed.body.constData());

        QVERIFY(upload(cadre, hoanKiem, announced));
        QCOMPARE(pushHousehold(hashOf(announced), announced.size()), 200);
        QVERIFY(download(cadre, hoanKiem, hashOf(announced)).body == announced);
    }

    void hashMismatchStoresNothing()
    {
        const QByteArray content = randomBytes(5000);
        const QString claimed = hashOf(randomBytes(5000));
        const auto started = startUpload(cadre, hoanKiem, claimed, content.size());
        QCOMPARE(started.status, 201);
        const QString id = started.json().value(QStringLiteral("upload_id")).toString();
        QCOMPARE(putChunk(cadre, id, 0, content).status, 200);
        const auto completed = completeUpload(cadre, id);
        QCOMPARE(completed.status, 422);
        QCOMPARE(completed.json().value(QStringLiteral("code")).toString(), QStringLiteral("hash_mismatch"));
        // The session is gone and the scope does not have the blob: a new upload starts from nothing, and a push
        // naming it is refused.
        QCOMPARE(m_api->http().get(endpoint(QStringLiteral("/api/v1/blobs/uploads/") + id), auth(cadre)).status, 404);
        const auto again = startUpload(cadre, hoanKiem, claimed, content.size());
        QCOMPARE(again.status, 201);
        QCOMPARE(pushHousehold(claimed, content.size()), 422);
    }

    void dedupWithinScope()
    {
        const QByteArray content = randomBytes(40000);
        const QString hash = hashOf(content);
        QVERIFY(upload(cadre, hoanKiem, content));
        const auto second = startUpload(QStringLiteral("chutich.hoankiem"), hoanKiem, hash, content.size());
        QCOMPARE(second.status, 200);
        QVERIFY(second.json().value(QStringLiteral("exists")).toBool());
        // Another commune stores its own copy: it is told nothing about Hoàn Kiếm's.
        const auto other = startUpload(otherCadre, baDinh, hash, content.size());
        QCOMPARE(other.status, 201);
        QVERIFY(!other.json().value(QStringLiteral("exists")).toBool());
    }

    void pushWithMissingBlobIsRefusedWhole()
    {
        const QByteArray content = randomBytes(3000);
        const QString hash = hashOf(content);
        const QString plain = createUuid7();
        QJsonObject plainOp = householdWithDocument(plain, hash, content.size());
        QJsonObject set = plainOp.value(QStringLiteral("set")).toObject();
        set.remove(QStringLiteral("document"));
        plainOp.insert(QStringLiteral("set"), set);
        const QString withPhoto = createUuid7();
        const QJsonArray ops { plainOp, householdWithDocument(withPhoto, hash, content.size()) };

        const auto refused = m_api->push(cadre, ops);
        QCOMPARE(refused.status, 422);
        const QJsonObject error = refused.json();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("missing_blob"));
        QCOMPARE(error.value(QStringLiteral("details")).toObject().value(QStringLiteral("hash")).toString(), hash);
        QCOMPARE(error.value(QStringLiteral("details")).toObject().value(QStringLiteral("index")).toInt(), 1);
        // Nothing of the batch was stored, not even the op without a blob.
        const auto state = m_api->state({ hoanKiem + QStringLiteral("/registries") });
        QVERIFY(!state.contains(plain));
        QVERIFY(!state.contains(withPhoto));

        QVERIFY(upload(cadre, hoanKiem, content));
        const auto retried = m_api->push(cadre, ops);
        QCOMPARE(retried.status, 200);
        const auto results = sync::PushResponse::fromJson(retried.json());
        QVERIFY(results);
        QCOMPARE(results->results.size(), 2);
        QCOMPARE(results->results[0].outcome, sync::PushOutcome::Applied);
        QCOMPARE(results->results[1].outcome, sync::PushOutcome::Applied);
        QVERIFY(download(cadre, hoanKiem, hash).body == content);
    }

    void otherCommunesCannotReachTheBlob()
    {
        const QByteArray content = randomBytes(10000);
        const QString hash = hashOf(content);
        QVERIFY(upload(cadre, hoanKiem, content));
        QCOMPARE(pushHousehold(hash, content.size()), 200);
        QCOMPARE(download(cadre, hoanKiem, hash).status, 200);

        // Ba Đình knows the hash: still nothing, whatever scope it names.
        const auto foreign = download(otherCadre, hoanKiem, hash);
        QCOMPARE(foreign.status, 404);
        QCOMPARE(foreign.json().value(QStringLiteral("code")).toString(), QStringLiteral("not_found"));
        QCOMPARE(download(otherCadre, hoanKiem, hash, "bytes=0-10").status, 404);
        QCOMPARE(download(otherCadre, baDinh, hash).status, 404);
        // Nor can it upload into Hoàn Kiếm, or learn through dedup that the blob is there.
        const auto intrude = startUpload(otherCadre, hoanKiem, hash, content.size());
        QCOMPARE(intrude.status, 403);
        QCOMPARE(intrude.json().value(QStringLiteral("code")).toString(), QStringLiteral("forbidden"));
        // A Ba Đình record naming the hash without a Ba Đình copy is a missing blob, not a way in.
        QJsonObject op = householdWithDocument(createUuid7(), hash, content.size());
        op.insert(QStringLiteral("scope"), baDinh);
        const auto pushed = m_api->push(otherCadre, { op });
        QCOMPARE(pushed.status, 422);
        QCOMPARE(pushed.json().value(QStringLiteral("code")).toString(), QStringLiteral("missing_blob"));
        // The province above reads Hoàn Kiếm's registries when it asks for them, so it reads the document.
        QCOMPARE(download(QStringLiteral("tinh.hanoi"), hoanKiem, hash).status, 200);
        // Without a token there is nothing at all.
        QCOMPARE(m_api->http().get(endpoint(QStringLiteral("/api/v1/blobs/%1/%2").arg(hoanKiem, hash))).status, 401);
    }

    void limits()
    {
        const auto tooLarge = startUpload(cadre, hoanKiem, hashOf("x"), maxBlob + 1);
        QCOMPARE(tooLarge.status, 413);
        QCOMPARE(tooLarge.json().value(QStringLiteral("code")).toString(), QStringLiteral("blob_too_large"));
        QCOMPARE(tooLarge.json().value(QStringLiteral("details")).toObject().value(QStringLiteral("limit")).toInteger(),
            maxBlob);

        // A chunk over 1 MiB is refused, the session unchanged.
        const auto started = startUpload(QStringLiteral("tinh.hanoi"), hoanKiem, hashOf("big"), maxBlob);
        QCOMPARE(started.status, 201);
        const QString id = started.json().value(QStringLiteral("upload_id")).toString();
        const auto bigChunk = putChunk(QStringLiteral("tinh.hanoi"), id, 0, QByteArray(mebibyte + 1, 'x'));
        QCOMPARE(bigChunk.status, 413);
        QCOMPARE(bigChunk.json().value(QStringLiteral("code")).toString(), QStringLiteral("blob_too_large"));

        // Open sessions count against the quota: 3 + 3 MiB pending, then 3 more pass 8 MiB.
        QCOMPARE(startUpload(QStringLiteral("tinh.hanoi"), hoanKiem, hashOf("a"), maxBlob).status, 201);
        const auto over = startUpload(QStringLiteral("tinh.hanoi"), hoanKiem, hashOf("b"), maxBlob);
        QCOMPARE(over.status, 413);
        QCOMPARE(over.json().value(QStringLiteral("code")).toString(), QStringLiteral("quota_exceeded"));

        // Malformed requests are 400 with a JSON error.
        const auto badHash = startUpload(cadre, hoanKiem, QStringLiteral("ABC"), 10);
        QCOMPARE(badHash.status, 400);
        QCOMPARE(badHash.json().value(QStringLiteral("code")).toString(), QStringLiteral("bad_request"));
        QCOMPARE(putChunk(QStringLiteral("tinh.hanoi"), id, -1, "x").status, 400);
    }

    // Last, since it restarts the server. An upload session that got no chunk for blob_session_hours expires: its
    // id answers 404, its chunks are deleted, and its size stops counting against the quota — when its user starts
    // another upload, and for everyone when the server sweeps (at start and every hour).
    void idleSessionsExpire()
    {
        const QString user = QStringLiteral("canbo.saigon");
        const QString saigon = QStringLiteral("C:26740");
        const QByteArray content = randomBytes(maxBlob);
        const auto first = startUpload(user, saigon, hashOf(content), content.size());
        QCOMPARE(first.status, 201);
        const QString idle = first.json().value(QStringLiteral("upload_id")).toString();
        QCOMPARE(putChunk(user, idle, 0, content.left(mebibyte)).status, 200);
        const auto second = startUpload(user, saigon, hashOf("second"), maxBlob);
        QCOMPARE(second.status, 201);
        const QString kept = second.json().value(QStringLiteral("upload_id")).toString();
        // 3 + 3 MiB pending: 3 more would pass the 8 MiB quota.
        QCOMPARE(startUpload(user, saigon, hashOf("third"), maxBlob).status, 413);

        // The first session goes quiet for longer than the default 72 hours.
        const QString age = QStringLiteral("UPDATE sync_uploads SET active_at = active_at - %1 WHERE id = '%2'");
        const QString chunksOf = QStringLiteral("SELECT count(*) FROM sync_upload_chunks WHERE upload_id = '%1'");
        QCOMPARE(syncQuery(age.arg(idleMillis).arg(idle)), 0);
        QCOMPARE(syncQuery(chunksOf.arg(idle)), 1);
        const auto third = startUpload(user, saigon, hashOf("third"), maxBlob);
        QCOMPARE(third.status, 201);
        const QString thirdId = third.json().value(QStringLiteral("upload_id")).toString();
        QCOMPARE(syncQuery(chunksOf.arg(idle)), 0);
        const auto lost = m_api->http().get(endpoint(QStringLiteral("/api/v1/blobs/uploads/") + idle), auth(user));
        QCOMPARE(lost.status, 404);
        QCOMPARE(lost.json().value(QStringLiteral("code")).toString(), QStringLiteral("not_found"));
        QCOMPARE(putChunk(user, idle, mebibyte, content.mid(mebibyte, mebibyte)).status, 404);
        QCOMPARE(m_api->http().get(endpoint(QStringLiteral("/api/v1/blobs/uploads/") + kept), auth(user)).status, 200);

        // The other two go quiet too, and nobody asks about them again: the restarted server sweeps them away.
        QCOMPARE(syncQuery(age.arg(idleMillis).arg(kept)), 0);
        QCOMPARE(syncQuery(age.arg(idleMillis).arg(thirdId)), 0);
        QCOMPARE(m_server->terminate(), 0);
        m_stopped = std::move(m_server);
        m_server = std::make_unique<ServerProcess>(m_arguments, m_stopped->dataDir());
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_api = std::make_unique<SyncApi>(*m_server);
        QTRY_VERIFY2_WITH_TIMEOUT(m_server->output().contains(QStringLiteral("expired idle upload sessions: 2")),
            qPrintable(m_server->output()), 20000);
        QCOMPARE(
            syncQuery(QStringLiteral("SELECT count(*) FROM sync_uploads WHERE id IN ('%1', '%2')").arg(kept, thirdId)),
            0);
        QCOMPARE(m_api->http().get(endpoint(QStringLiteral("/api/v1/blobs/uploads/") + kept), auth(user)).status, 404);
    }
};

QTEST_GUILESS_MAIN(tst_Blobs)
#include "tst_blobs.moc"
