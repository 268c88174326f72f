// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Blobs through the client's sync engine against the real server (DESIGN.md, "Blobs"): a household's scanned
// document goes up before the op naming it and comes down on another replica on demand; an upload and a download
// cut short resume where they stopped; a blob the server lacks is sent again, or its op set aside when this
// computer lacks it too (or the server will not take it), without holding back the rest of the batch; and a blob
// of several server chunks round-trips. With MTS_TEST_SYNC_BACKEND=postgresql the same suite runs against the
// PostgreSQL backend.
#include "client/core/blobstore.h"
#include "client/core/replicastore.h"
#include "client/core/syncengine.h"
#include "shared/crypto.h"
#include "tests/support/postgresfixture.h"
#include "tests/support/serverprocess.h"
#include "tests/support/syncclient.h"

#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mts;
using mts::test::ServerProcess;
using mts::test::SyncApi;

namespace {

const QString commune = QStringLiteral("C:00070");
const QString registries = QStringLiteral("C:00070/registries");
const QString cadre = QStringLiteral("canbo.hoankiem");
const QString chairman = QStringLiteral("chutich.hoankiem");
constexpr qint64 kibibyte = 1024;
constexpr qint64 mebibyte = 1024 * kibibyte;
constexpr qint64 maxBlob = 4 * mebibyte;

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    for (qsizetype i = size / 4 * 4; i < size; ++i)
        bytes[i] = char(QRandomGenerator::global()->bounded(256));
    return bytes;
}

QString hashOf(const QByteArray &content)
{
    return QString::fromLatin1(crypto::blake2b(content, 32).toHex());
}

QJsonObject documentField(const QString &hash, qint64 size, const QString &name = QStringLiteral("giấy chứng nhận.pdf"))
{
    return { { QStringLiteral("hash"), hash }, { QStringLiteral("size"), size }, { QStringLiteral("name"), name },
        { QStringLiteral("type"), QStringLiteral("application/pdf") } };
}

} // namespace

class tst_SyncBlobs : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<mts::test::PostgresFixture> m_pg;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<SyncApi> m_api;
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    int m_replicas = 0;

    using Replica = mts::test::TestReplica;

    Replica replica(const QString &username, qint64 pieceBytes = mebibyte)
    {
        const QString name = QString::number(++m_replicas);
        const QByteArray key = crypto::randomBytes(crypto::keyBytes);
        SyncEngine::Options options;
        options.retryBaseMs = 20;
        options.retryMaxMs = 200;
        options.blobPieceBytes = pieceBytes;
        Replica r = mts::test::makeReplica(m_dir.path(), name,
            ServerConnection(&m_network, m_server->url(), ServerCertificatePin(m_server->certificate())),
            mts::test::fixedToken(m_api->token(username)), options, key);
        if (!r.store)
            return r;
        r.blobs = std::make_unique<BlobStore>(m_dir.filePath(name + QStringLiteral("-blobs")), key);
        r.engine->setBlobStore(r.blobs.get());
        return r;
    }

    static SyncEngine::Result sync(Replica &r, qint64 *bytes = nullptr)
    {
        QSignalSpy finished(r.engine.get(), &SyncEngine::finished);
        QSignalSpy progress(r.engine.get(), &SyncEngine::progress);
        r.engine->start();
        if (!finished.wait(120000))
            return { SyncEngine::Error::Network, QStringLiteral("no answer"), 0, 0, 0, {}, {} };
        if (bytes)
            *bytes = progress.isEmpty() ? 0 : progress.constLast().at(2).toLongLong();
        return finished.at(0).at(0).value<SyncEngine::Result>();
    }

    static SyncEngine::FetchResult fetch(Replica &r, const QString &scope, const QString &hash)
    {
        QSignalSpy fetched(r.engine.get(), &SyncEngine::blobFetched);
        r.engine->fetchBlob(scope, hash);
        if (!fetched.wait(120000))
            return { SyncEngine::Error::Network, QStringLiteral("no answer"), scope, hash, 0, 0, 0 };
        return fetched.at(0).at(0).value<SyncEngine::FetchResult>();
    }

    QList<QPair<QByteArray, QByteArray>> auth(const QString &user)
    {
        return { { "Authorization", "Bearer " + m_api->token(user) } };
    }

    mts::test::HttpClient::Response download(const QString &hash)
    {
        return m_api->http().get(
            QUrl(m_server->url().toString() + QStringLiteral("/api/v1/blobs/%1/%2").arg(commune, hash)), auth(cadre));
    }

    mts::test::HttpClient::Response uploadSession(const QString &id)
    {
        return m_api->http().get(
            QUrl(m_server->url().toString() + QStringLiteral("/api/v1/blobs/uploads/") + id), auth(cadre));
    }

    // A household on `r` whose document is `content`, added to r's blob store first (what the UI does when the
    // cadre attaches a file).
    QString householdWithDocument(Replica &r, const QByteArray &content, bool addToStore = true)
    {
        QString hash = hashOf(content);
        if (addToStore) {
            const auto added = r.blobs->addBytes(content);
            if (!added || added.value().hash != hash)
                return {};
        }
        const auto id = r.store->create(QStringLiteral("household"), commune,
            { { QStringLiteral("head_name"), QStringLiteral("Nguyễn Văn Bình") },
                { QStringLiteral("document"), documentField(hash, content.size()) } });
        return id ? id.value() : QString();
    }

    std::optional<sync::RecordChange> onServer(const QString &id)
    {
        const auto state = m_api->state({ registries });
        const auto it = state.constFind(id);
        return it == state.cend() ? std::nullopt : std::optional(*it);
    }

    // `content` created on a fresh replica of the cadre and synced; the record id, or empty on failure.
    QString syncedDocument(const QByteArray &content)
    {
        Replica a = replica(cadre);
        if (!a.store)
            return {};
        const QString id = householdWithDocument(a, content);
        if (id.isEmpty() || !sync(a).isOk() || a.store->pendingCount() != 0)
            return {};
        return id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        MTS_SYNC_BACKEND_ARGUMENTS(m_pg, backend)
        m_server = std::make_unique<ServerProcess>(
            QStringList { QStringLiteral("--demo"), QStringLiteral("--max-blob-bytes"), QString::number(maxBlob) }
            + backend);
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_api = std::make_unique<SyncApi>(*m_server);
        QVERIFY(!m_api->token(cadre).isEmpty());
        QVERIFY(!m_api->token(chairman).isEmpty());
    }

    // (a) Created on A, uploaded before the push, pulled by B and fetched there on demand.
    void documentGoesUpWithItsRecordAndComesDownOnDemand()
    {
        Replica a = replica(cadre);
        QVERIFY(a.store);
        const QByteArray content = randomBytes(200 * kibibyte + 17); // several 64 KiB store chunks
        const QString hash = hashOf(content);
        const QString id = householdWithDocument(a, content);
        QVERIFY(!id.isEmpty());

        qint64 bytes = 0;
        const SyncEngine::Result result = sync(a, &bytes);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(result.pushed, 1);
        QCOMPARE(a.store->pendingCount(), 0);
        QVERIFY(a.blobs->isUploaded(commune, hash));
        QVERIFY(a.blobs->uploadSession(commune, hash).isEmpty());
        // The progress counts the blob's bytes.
        QVERIFY2(bytes >= content.size(), qPrintable(QString::number(bytes)));
        // The server has the record and, through it, the same bytes.
        const auto stored = onServer(id);
        QVERIFY(stored);
        QCOMPARE(
            stored->fields.value(QStringLiteral("document")).toObject().value(QStringLiteral("hash")).toString(), hash);
        const auto served = download(hash);
        QCOMPARE(served.status, 200);
        QVERIFY(served.body == content);

        // A second sync has nothing to upload.
        qint64 again = 0;
        QVERIFY(sync(a, &again).isOk());
        QVERIFY2(again < content.size(), qPrintable(QString::number(again)));

        // B pulls the record, not the file; the file comes when asked for.
        Replica b = replica(chairman);
        QVERIFY(b.store);
        QVERIFY(sync(b).isOk());
        const auto pulled = b.store->recordState(id);
        QVERIFY(pulled);
        QCOMPARE(
            pulled.value().fields.value(QStringLiteral("document")).toObject().value(QStringLiteral("hash")).toString(),
            hash);
        QVERIFY(!b.blobs->has(hash));
        QSignalSpy moved(b.engine.get(), &SyncEngine::blobProgress);
        const SyncEngine::FetchResult fetched = fetch(b, commune, hash);
        QVERIFY2(fetched.isOk(), qPrintable(fetched.message));
        QCOMPARE(fetched.size, content.size());
        QCOMPARE(fetched.resumedFrom, 0);
        QCOMPARE(fetched.received, content.size());
        QVERIFY(!moved.isEmpty());
        QCOMPARE(moved.constLast().at(1).toLongLong(), content.size());
        QVERIFY(b.blobs->has(hash));
        const auto read = b.blobs->read(hash);
        QVERIFY(read);
        QVERIFY(read.value() == content);
        // The file is stored encrypted, not as the plaintext.
        QFile file(b.blobs->filePath(hash));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(content.left(4096)));

        // Asked again, it is here already: nothing is downloaded.
        const SyncEngine::FetchResult cached = fetch(b, commune, hash);
        QVERIFY(cached.isOk());
        QCOMPARE(cached.received, 0);
    }

    // (b) A sync cancelled in the middle of an upload leaves the session on the server with the pieces sent; the
    // next sync resumes that session and sends only the rest.
    void interruptedUploadResumesItsSession()
    {
        constexpr qint64 piece = 256 * kibibyte;
        Replica a = replica(cadre, piece);
        QVERIFY(a.store);
        const QByteArray content = randomBytes(mebibyte + 5000); // five pieces
        const QString hash = hashOf(content);
        const QString id = householdWithDocument(a, content);
        QVERIFY(!id.isEmpty());

        // Cut after the second piece is acknowledged (the progress counts acknowledged pieces).
        bool cut = false;
        auto connection = connect(a.engine.get(), &SyncEngine::progress, this, [&](qint64, qint64, qint64 bytes) {
            if (!cut && bytes >= 2 * piece) {
                cut = true;
                a.engine->cancel();
            }
        });
        const SyncEngine::Result cancelled = sync(a);
        disconnect(connection);
        QVERIFY(cut);
        QCOMPARE(cancelled.error, SyncEngine::Error::Cancelled);
        QCOMPARE(a.store->pendingCount(), 1);
        QVERIFY(!a.blobs->isUploaded(commune, hash));
        const QString session = a.blobs->uploadSession(commune, hash);
        QVERIFY(!session.isEmpty());
        const auto before = uploadSession(session);
        QCOMPARE(before.status, 200);
        const qint64 received = before.json().value(QStringLiteral("received")).toInteger();
        QCOMPARE(received, 2 * piece);
        QVERIFY(!onServer(id));

        qint64 bytes = 0;
        const SyncEngine::Result resumed = sync(a, &bytes);
        QVERIFY2(resumed.isOk(), qPrintable(resumed.message));
        QCOMPARE(a.store->pendingCount(), 0);
        QVERIFY(a.blobs->isUploaded(commune, hash));
        // That very session was completed (a new one would have left it open with its two pieces)...
        QCOMPARE(uploadSession(session).status, 404);
        // ...and only the rest went up (plus the small push and pull bodies).
        QVERIFY2(bytes >= content.size() - received, qPrintable(QString::number(bytes)));
        QVERIFY2(bytes < content.size() - received + 64 * kibibyte, qPrintable(QString::number(bytes)));
        QVERIFY(onServer(id));
        QVERIFY(download(hash).body == content);
    }

    // (c) A download cancelled after its first piece keeps that piece; the next fetch asks from there on.
    void interruptedDownloadResumesFromWhatIsHere()
    {
        const QByteArray content = randomBytes(mebibyte + 777);
        const QString hash = hashOf(content);
        QVERIFY(!syncedDocument(content).isEmpty());

        constexpr qint64 piece = 256 * kibibyte;
        Replica b = replica(chairman, piece);
        QVERIFY(b.store);
        QVERIFY(sync(b).isOk());
        bool cut = false;
        auto connection
            = connect(b.engine.get(), &SyncEngine::blobProgress, this, [&](const QString &, qint64 have, qint64) {
                  if (!cut && have >= piece) {
                      cut = true;
                      b.engine->cancelFetches();
                  }
              });
        const SyncEngine::FetchResult cancelled = fetch(b, commune, hash);
        disconnect(connection);
        QVERIFY(cut);
        QCOMPARE(cancelled.error, SyncEngine::Error::Cancelled);
        QVERIFY(!b.blobs->has(hash));
        QCOMPARE(b.blobs->downloadedBytes(hash), piece);

        const SyncEngine::FetchResult resumed = fetch(b, commune, hash);
        QVERIFY2(resumed.isOk(), qPrintable(resumed.message));
        QCOMPARE(resumed.resumedFrom, piece);
        QCOMPARE(resumed.received, content.size() - piece);
        QCOMPARE(resumed.size, content.size());
        const auto read = b.blobs->read(hash);
        QVERIFY(read);
        QVERIFY(read.value() == content);
    }

    // A partial download that is not this blob's content is caught by the hash check, dropped, and fetched anew.
    void damagedPartialDownloadIsDroppedNotKept()
    {
        const QByteArray content = randomBytes(300 * kibibyte);
        const QString hash = hashOf(content);
        QVERIFY(!syncedDocument(content).isEmpty());
        Replica b = replica(chairman);
        QVERIFY(b.store);
        QVERIFY(sync(b).isOk());
        // A first chunk of other bytes, as a bad disk or a wrong earlier answer would leave.
        QVERIFY(b.blobs->appendDownload(hash, content.size(), 0, randomBytes(BlobStore::chunkBytes)).isOk());

        const SyncEngine::FetchResult damaged = fetch(b, commune, hash);
        QCOMPARE(damaged.error, SyncEngine::Error::Protocol);
        QCOMPARE(damaged.resumedFrom, BlobStore::chunkBytes);
        QVERIFY(!damaged.message.isEmpty());
        QVERIFY(!b.blobs->has(hash));
        QCOMPARE(b.blobs->downloadedBytes(hash), 0);

        const SyncEngine::FetchResult fresh = fetch(b, commune, hash);
        QVERIFY2(fresh.isOk(), qPrintable(fresh.message));
        QCOMPARE(fresh.resumedFrom, 0);
        QVERIFY(b.blobs->read(hash).value() == content);
    }

    // (d) An op naming a blob neither this computer nor the server has: the server refuses the whole batch; the
    // engine sets that op aside with the reason and sends the others.
    void missingBlobSetsAsideOnlyItsOp()
    {
        Replica a = replica(cadre);
        QVERIFY(a.store);
        const auto before = a.store->create(QStringLiteral("person"), commune,
            { { QStringLiteral("surname"), QStringLiteral("Trước") },
                { QStringLiteral("given_name"), QStringLiteral("Lô") } });
        QVERIFY(before);
        const QByteArray elsewhere = randomBytes(5000); // never added to this computer's store, never uploaded
        const QString hash = hashOf(elsewhere);
        const QString household = householdWithDocument(a, elsewhere, false);
        QVERIFY(!household.isEmpty());
        const auto after = a.store->create(QStringLiteral("person"), commune,
            { { QStringLiteral("surname"), QStringLiteral("Sau") },
                { QStringLiteral("given_name"), QStringLiteral("Lô") } });
        QVERIFY(after);
        QCOMPARE(a.store->pendingCount(), 3);

        const SyncEngine::Result result = sync(a);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(result.setAside, 1);
        QCOMPARE(result.pushed, 2);
        QCOMPARE(a.store->pendingCount(), 0);
        const auto aside = a.store->setAsideOps();
        QVERIFY(aside);
        QCOMPARE(aside.value().size(), 1);
        QCOMPARE(aside.value().at(0).op.recordId, household);
        QVERIFY2(aside.value().at(0).reason.contains(QStringLiteral("missing on this computer")),
            qPrintable(aside.value().at(0).reason));
        // It names the file as the cadre knows it.
        QVERIFY(aside.value().at(0).reason.contains(QStringLiteral("giấy chứng nhận.pdf")));
        QVERIFY(onServer(before.value()));
        QVERIFY(onServer(after.value()));
        QVERIFY(!onServer(household));
        QCOMPARE(download(hash).status, 404);
    }

    // (d) The store marked the blob uploaded, but the server lacks it (e.g. its data came back from a backup): the
    // engine uploads it and resends the same batch, and nothing is set aside.
    void missingBlobThatIsHereIsUploadedAndTheBatchResent()
    {
        Replica a = replica(cadre);
        QVERIFY(a.store);
        const QByteArray content = randomBytes(70 * kibibyte);
        const QString hash = hashOf(content);
        const QString id = householdWithDocument(a, content);
        QVERIFY(!id.isEmpty());
        QVERIFY(a.blobs->setUploaded(commune, hash, true).isOk()); // wrongly: the server never had it

        const SyncEngine::Result result = sync(a);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(result.setAside, 0);
        QCOMPARE(result.pushed, 1);
        QCOMPARE(a.store->pendingCount(), 0);
        QCOMPARE(a.store->setAsideCount(), 0);
        QVERIFY(onServer(id));
        QVERIFY(download(hash).body == content);
    }

    // (d) A blob the server will not take (over its size limit) does not block the batch: its op is set aside
    // with the server's reason, the others go through.
    void refusedUploadSetsAsideItsOpWithTheReason()
    {
        Replica a = replica(cadre);
        QVERIFY(a.store);
        const QByteArray tooLarge = randomBytes(maxBlob + 1);
        const QString id = householdWithDocument(a, tooLarge);
        QVERIFY(!id.isEmpty());
        const auto other = a.store->create(QStringLiteral("person"), commune,
            { { QStringLiteral("surname"), QStringLiteral("Nhỏ") },
                { QStringLiteral("given_name"), QStringLiteral("Gọn") } });
        QVERIFY(other);

        const SyncEngine::Result result = sync(a);
        QVERIFY2(result.isOk(), qPrintable(result.message));
        QCOMPARE(result.setAside, 1);
        QCOMPARE(a.store->pendingCount(), 0);
        const auto aside = a.store->setAsideOps();
        QVERIFY(aside);
        QCOMPARE(aside.value().size(), 1);
        QCOMPARE(aside.value().at(0).op.recordId, id);
        QVERIFY2(aside.value().at(0).reason.contains(QStringLiteral("could not be sent")),
            qPrintable(aside.value().at(0).reason));
        QVERIFY(!a.blobs->isUploaded(commune, hashOf(tooLarge)));
        QVERIFY(!onServer(id));
        QVERIFY(onServer(other.value()));
    }

    // (e) A blob of several server chunks (1 MiB per PUT) and many store chunks (64 KiB) round-trips whole.
    void blobOfSeveralChunksRoundTrips()
    {
        const QByteArray content = randomBytes(2 * mebibyte + mebibyte / 2 + 12345);
        const QString hash = hashOf(content);
        QVERIFY(!syncedDocument(content).isEmpty());
        const auto served = download(hash);
        QCOMPARE(served.status, 200);
        QCOMPARE(served.body.size(), content.size());
        QVERIFY(served.body == content);

        Replica b = replica(chairman);
        QVERIFY(b.store);
        QVERIFY(sync(b).isOk());
        const SyncEngine::FetchResult fetched = fetch(b, commune, hash);
        QVERIFY2(fetched.isOk(), qPrintable(fetched.message));
        QCOMPARE(fetched.received, content.size());
        QCOMPARE(b.blobs->size(hash).value(), content.size());
        QVERIFY(b.blobs->read(hash).value() == content);
    }
};

QTEST_GUILESS_MAIN(tst_SyncBlobs)
#include "tst_syncblobs.moc"
