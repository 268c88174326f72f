// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncengine.h"

#include "client/core/accountsession.h"
#include "client/core/blobstore.h"
#include "client/core/blobtransfer.h"
#include "client/core/replicastore.h"
#include "client/core/synctransport.h"
#include "shared/apierror.h"
#include "shared/compression.h"
#include "shared/jsonwriter.h"
#include "shared/recordschema.h"
#include "shared/syncwire.h"
#include "shared/unitinfo.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLockFile>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkInformation>
#include <QRandomGenerator>

#include <algorithm>
#include <numeric>

Q_LOGGING_CATEGORY(lcSync, "mts.sync")

namespace mts {

namespace {

const QString pushPath = QStringLiteral("/api/v1/sync/push");
const QString pullPath = QStringLiteral("/api/v1/sync/pull");
const QString unitsPath = QStringLiteral("/api/v1/units");

/// A pull answer as the transport's thread leaves it: the page, and its changes made ready to store.
struct PulledPage {
    std::optional<sync::PullResponse> page;
    ReplicaStore::PreparedPage prepared;
};

bool isTransientStatus(int status)
{
    return status == 408 || status == 425 || status == 429 || status >= 500;
}

} // namespace

SyncEngine::Credentials SyncEngine::credentialsOf(AccountSession *session)
{
    QPointer<AccountSession> guard(session);
    Credentials credentials;
    credentials.accessToken = [guard](QObject *context, std::function<void(const QByteArray &)> done) {
        if (!guard) {
            done({});
            return;
        }
        guard->withAccessToken(context, std::move(done));
    };
    credentials.invalidate = [guard](const QByteArray &token) {
        if (guard)
            guard->invalidateAccessToken(token);
    };
    return credentials;
}

SyncEngine::SyncEngine(
    ReplicaStore *store, ServerConnection connection, Credentials credentials, QString lockFilePath, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_connection(std::move(connection))
    , m_credentials(std::move(credentials))
    , m_lockFilePath(std::move(lockFilePath))
    , m_transport(std::make_unique<SyncTransport>())
{
    m_retryTimer.setSingleShot(true);
    m_fetchRetryTimer.setSingleShot(true);
    connect(&m_fetchRetryTimer, &QTimer::timeout, this, [this] { sendFetch(false); });
    connect(&m_autoTimer, &QTimer::timeout, this, &SyncEngine::start);
}

SyncEngine::~SyncEngine() = default;

void SyncEngine::dropConnections()
{
    m_transport->dropConnections();
}

void SyncEngine::setOptions(const Options &options)
{
    m_options = options;
    m_options.pushBatch = std::clamp(m_options.pushBatch, 1, sync::maxPushOps);
    m_options.pullLimit = std::clamp(m_options.pullLimit, 1, sync::maxPullLimit);
    m_options.maxAttempts = std::max(1, m_options.maxAttempts);
    const qint64 pieces = std::clamp<qint64>(
        m_options.blobPieceBytes / BlobStore::chunkBytes, 1, BlobTransfer::maxPieceBytes / BlobStore::chunkBytes);
    m_options.blobPieceBytes = pieces * BlobStore::chunkBytes;
    for (BlobTransfer *transfer : { m_uploads.get(), m_fetches.get() }) {
        if (transfer)
            transfer->setPieceBytes(m_options.blobPieceBytes);
    }
}

void SyncEngine::setAutomatic(bool enabled, int intervalMs)
{
    m_automatic = enabled;
    if (!enabled) {
        m_autoTimer.stop();
        return;
    }
    m_autoTimer.start(std::max(1000, intervalMs));
    if (!m_networkWatched) {
        m_networkWatched = true;
        // The platform's default backend first (NetworkManager on Linux, which needs its daemon on the system
        // bus); else any backend that reports reachability, such as glib's, which watches the routing table itself
        // on a Linux without NetworkManager. Only with no backend at all is it the timer alone.
        if ((QNetworkInformation::loadDefaultBackend()
                || QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability))
            && QNetworkInformation::instance()) {
            connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
                [this](QNetworkInformation::Reachability reachability) {
                    // Connections kept alive across the change are most likely dead: open new ones.
                    m_transport->dropConnections();
                    if (m_automatic && reachability == QNetworkInformation::Reachability::Online)
                        start();
                });
        } else {
            qCInfo(lcSync) << "no network information backend: syncing on the timer only";
        }
    }
    QTimer::singleShot(0, this, &SyncEngine::start);
}

void SyncEngine::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void SyncEngine::start()
{
    if (m_running) {
        m_again = true;
        return;
    }
    ++m_generation;
    m_result = {};
    m_cancelled = false;
    m_again = false;
    m_attempt = 0;
    m_clockAdopted = false;
    m_acceptsAfter = false;
    m_sendAheadRefused = false;
    m_pushBatch = m_options.pushBatch;
    m_done = 0;
    m_bytes = 0;
    m_rebuilding.clear();
    m_rebuiltThisSync.clear();
    m_pullUnit.clear();
    m_blobRefusals.clear();
    m_blobsResent.clear();
    // A fresh count: pages of an ended sync that were never saved do not count against this one.
    m_pagesAhead = std::make_shared<std::atomic<int>>(0);
    m_running = true;

    m_lock = std::make_unique<QLockFile>(m_lockFilePath);
    // Only a dead holder makes the lock stale (QLockFile checks its process id): a long sync keeps it.
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        m_lock.reset();
        fail(Error::Busy,
            tr("Another sync of this account is running (in the application or the command line). "
               "This one will start when it ends; try again later."));
        return;
    }
    m_total = std::max(0, m_store->pendingCount());
    Q_EMIT progress(0, m_total, 0);
    pushNext();
}

void SyncEngine::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    m_again = false;
    m_retryTimer.stop();
    fail(Error::Cancelled, tr("Sync cancelled."));
}

// --- Push ---

void SyncEngine::pushNext()
{
    if (m_cancelled)
        return fail(Error::Cancelled, tr("Sync cancelled."));
    setState(State::Pushing);
    dropPushes();
    m_nextPush.reset();
    PushBatch batch;
    auto ops = m_store->outgoingBatch(m_pushBatch);
    if (!ops)
        return fail(Error::Replica, tr("The local data cannot be read: %1").arg(ops.error().message));
    if (ops.value().isEmpty()) {
        m_attempt = 0;
        pullNext();
        return;
    }
    batch.ops = std::move(ops).value();
    sendPush(batch, false);
}

void SyncEngine::sendPush(const PushBatch &batch, bool afterRefresh)
{
    const quint64 generation = m_generation;
    m_credentials.accessToken(this, [this, batch, afterRefresh, generation](const QByteArray &token) {
        if (generation != m_generation)
            return; // a token for a sync that has ended
        if (m_cancelled)
            return fail(Error::Cancelled, tr("Sync cancelled."));
        if (token.isEmpty()) {
            return fail(Error::NotSignedIn,
                tr("You are not signed in online. Sign in again when the connection is back; your changes stay "
                   "on this computer until then."));
        }
        // Blobs first (DESIGN.md, "Push"), then the batch.
        uploadThenPush(blobsToUpload(batch), batch, afterRefresh, token);
    });
}

namespace {

QByteArray pushRequest(const QList<ReplicaStore::OutgoingOp> &ops, const QString &after)
{
    JsonWriter json(std::accumulate(ops.cbegin(), ops.cend(), qsizetype(64),
        [](qsizetype size, const ReplicaStore::OutgoingOp &op) { return size + op.json.size() + 1; }));
    json.beginObject().key("ops").beginArray();
    for (const ReplicaStore::OutgoingOp &op : ops)
        json.raw(op.json);
    json.endArray();
    if (!after.isEmpty())
        json.key("after").value(after);
    // A create that made its record comes back as its version alone (sync::PushResult::created).
    json.key("short_creates").value(true);
    json.endObject();
    return json.take();
}

} // namespace

void SyncEngine::postPush(const PushBatch &batch, bool afterRefresh, const QByteArray &token)
{
    const quint64 serial = ++m_pushSerial;
    // The answer comes through the event loop, never before post() returns.
    const quint64 request = post(
        pushPath, batch.body.bytes.isEmpty() ? encodeBody(pushRequest(batch.ops, {})) : batch.body, token,
        [this, serial](const SyncTransport::Reply &reply) { onPushAnswer(serial, reply); },
        [](const QByteArray &answer, const SyncTransport::SendNext &) {
            return std::any(sync::PushResponse::decode(answer));
        });
    m_sent.append(SentPush { serial, batch, afterRefresh, token, request, std::nullopt });
}

void SyncEngine::preparePush(const PushBatch &previous)
{
    m_nextPush.reset();
    PushBatch next;
    auto ops = m_store->outgoingBatch(m_pushBatch, previous.lastSeq());
    // A failure here is met again, and reported, by pushNext().
    if (ops && !ops.value().isEmpty()) {
        next.ops = std::move(ops).value();
        next.body = encodeBody(pushRequest(next.ops, previous.lastOpId()));
        m_nextPush = std::move(next);
    }
}

void SyncEngine::fillPushes(const QByteArray &token)
{
    // A next batch with blobs to upload waits until nothing is on its way (pushNext() reads it again).
    const qsizetype depth = m_acceptsAfter && !m_sendAheadRefused ? 2 : 1;
    while (m_sent.size() < depth && m_nextPush && !m_cancelled && blobsToUpload(*m_nextPush).isEmpty()) {
        const PushBatch next = *std::exchange(m_nextPush, std::nullopt);
        postPush(next, false, token);
        preparePush(next);
    }
}

void SyncEngine::dropPushes()
{
    for (const SentPush &sent : std::as_const(m_sent)) {
        if (!sent.reply && sent.request != 0)
            m_transport->abort(sent.request);
    }
    m_sent.clear();
}

void SyncEngine::onPushAnswer(quint64 serial, const SyncTransport::Reply &reply)
{
    const auto answered
        = std::find_if(m_sent.begin(), m_sent.end(), [serial](const SentPush &sent) { return sent.serial == serial; });
    if (answered == m_sent.end())
        return; // dropped
    answered->reply = reply;
    // In the order sent: a later batch's answer waits for the earlier one's. Taking one in may drop the rest.
    while (!m_sent.isEmpty() && m_sent.constFirst().reply) {
        const SentPush front = m_sent.takeFirst();
        onPushReply(front.batch, front.afterRefresh, front.token, *front.reply);
    }
}

void SyncEngine::onPushReply(
    const PushBatch &batch, bool afterRefresh, const QByteArray &token, const SyncTransport::Reply &reply)
{
    const int status = reply.status;
    const QByteArray &body = reply.body;
    const bool networkError = reply.networkError;
    const QString &networkMessage = reply.message;
    if (m_cancelled)
        return fail(Error::Cancelled, tr("Sync cancelled."));
    // Whatever went behind a batch that failed is read from the outbox again.
    if (networkError || status != 200)
        dropPushes();
    if (networkError || isTransientStatus(status))
        return retryLater(Step::Push, networkError ? networkMessage : QStringLiteral("HTTP %1").arg(status));

    if (status == 200) {
        const auto *decoded = std::any_cast<std::optional<sync::PushResponse>>(&reply.decoded);
        const std::optional<sync::PushResponse> &response = decoded ? *decoded : std::optional<sync::PushResponse>();
        if (!response)
            return fail(Error::Protocol,
                tr("The server's answer to the upload is not understood. Update the "
                   "application or tell the administrator."));
        // The next batch goes out before this answer is saved, so the server works while the replica writes,
        // unless an op was rejected: what it holds back may be in the next batch, which is then read again once
        // the batch already sent behind this one, if any, is answered (the server refuses it, nothing applied).
        const bool anyRejected = std::any_of(response->results.cbegin(), response->results.cend(),
            [](const sync::PushResult &result) { return result.outcome == sync::PushOutcome::Rejected; });
        m_acceptsAfter = response->acceptsAfter;
        if (anyRejected)
            m_nextPush.reset();
        else
            fillPushes(token);
        const int setAsideBefore = m_store->setAsideCount();
        if (auto applied = m_store->applyPushResponse(batch.ops, *response); !applied) {
            if (applied.error().code == ReplicaStore::Error::Protocol)
                return fail(Error::Protocol,
                    tr("The server's answer to the upload does not match what was sent: %1")
                        .arg(applied.error().message));
            return fail(Error::Replica, tr("The local data cannot be saved: %1").arg(applied.error().message));
        }
        m_result.pushed += int(batch.ops.size());
        m_result.setAside += std::max(0, m_store->setAsideCount() - setAsideBefore);
        m_done += batch.ops.size();
        m_attempt = 0;
        Q_EMIT progress(m_done, m_total, m_bytes);
        if (!m_sent.isEmpty())
            return; // the answer of the batch on its way goes on
        return pushNext();
    }

    const auto error = ApiError::fromJson(body).value_or(ApiError {});
    if (status == 401) {
        if (afterRefresh) {
            return fail(Error::NotSignedIn,
                tr("The server no longer accepts your sign-in. Sign in again; your changes stay on this computer."));
        }
        m_credentials.invalidate(token);
        m_nextPush.reset();
        return sendPush(batch, true);
    }
    if (status == 422 && error.code == QLatin1String(sync::errorcode::clockSkew)) {
        const qint64 serverTime = qint64(error.details.value(QStringLiteral("server_time")).toDouble());
        if (m_clockAdopted || serverTime <= 0) {
            return fail(Error::Refused,
                tr("The server still refuses the time of your changes. Check the date, time and time zone of "
                   "this computer."));
        }
        if (auto adopted = m_store->adoptClockOffset(serverTime); !adopted)
            return fail(Error::Replica, tr("The local data cannot be saved: %1").arg(adopted.error().message));
        m_clockAdopted = true;
        const qint64 minutes = m_store->clockOffsetMillis() / 60000;
        Q_EMIT clockAdjusted(tr("This computer's clock is wrong by about %n minute(s). The server's time is used "
                                "for your changes; please set the date, time and time zone of this computer.",
            nullptr, int(std::min<qint64>(std::abs(minutes), std::numeric_limits<int>::max()))));
        return pushNext();
    }
    if (status == 422 && error.code == QLatin1String("missing_blob"))
        return onMissingBlob(batch, afterRefresh, token, error.details);
    // Sent behind a batch that was not stored, or had an op rejected: this one is read again, now that the answer
    // of that one is in.
    if (status == 409 && error.code == QLatin1String(sync::errorcode::outOfOrder)) {
        if (!error.details.contains(QStringLiteral("rejected")))
            m_sendAheadRefused = true;
        return pushNext();
    }
    if (status == 413 && m_pushBatch > 1) {
        m_pushBatch = std::max(1, m_pushBatch / 2);
        return pushNext();
    }
    if (status == 400 || status == 409) {
        const QJsonValue index = error.details.value(QStringLiteral("index"));
        const int i = index.isDouble() ? index.toInt(-1) : -1;
        if (i >= 0 && i < batch.ops.size()) {
            const QString reason = error.message.isEmpty() ? error.code : error.message;
            qCWarning(lcSync) << "the server refused op" << batch.ops.at(i).opId << "(" << error.code << "):" << reason;
            if (auto setAside = m_store->setAside(batch.ops.at(i).opId, reason); !setAside)
                return fail(Error::Replica, tr("The local data cannot be saved: %1").arg(setAside.error().message));
            m_result.setAside += 1;
            return pushNext();
        }
    }
    fail(Error::Refused,
        tr("The server refused the upload (%1: %2). Tell the administrator.")
            .arg(error.code.isEmpty() ? QString::number(status) : error.code, error.message));
}

// --- Pull ---

void SyncEngine::pullNext()
{
    if (m_cancelled)
        return fail(Error::Cancelled, tr("Sync cancelled."));
    setState(m_rebuilding.isEmpty() ? State::Pulling : State::Rebuilding);
    sendPull(false);
}

void SyncEngine::sendPull(bool afterRefresh)
{
    const quint64 generation = m_generation;
    m_credentials.accessToken(this, [this, afterRefresh, generation](const QByteArray &token) {
        if (generation != m_generation)
            return; // a token for a sync that has ended
        if (m_cancelled)
            return fail(Error::Cancelled, tr("Sync cancelled."));
        if (token.isEmpty()) {
            return fail(
                Error::NotSignedIn, tr("You are not signed in online. Sign in again when the connection is back."));
        }
        // From what is committed: every page before has been saved.
        auto positions = m_store->bucketPositions();
        if (!positions)
            return fail(Error::Replica, tr("The local data cannot be read: %1").arg(positions.error().message));
        m_pullPositions = positions.value();
        if (!m_rebuilding.isEmpty())
            m_pullPositions->insert(m_rebuilding, m_shadowPosition);
        postPull(afterRefresh, token);
    });
}

void SyncEngine::postPull(bool afterRefresh, const QByteArray &token)
{
    sync::PullRequest request;
    request.positions = m_pullPositions.value_or(QMap<QString, qint64> {});
    request.limit = m_options.pullLimit;
    const Body body = encodeBody(request.encode());
    post(
        pullPath, body, token,
        [this, afterRefresh, token](const SyncTransport::Reply &reply) { onPullReply(afterRefresh, token, reply); },
        [prepare = m_store->pagePreparer(), request, gzipped = body.gzipped, ahead = m_pagesAhead](
            const QByteArray &answer, const SyncTransport::SendNext &sendNext) mutable {
            // On the transport's thread: the page is read, the next one asked for at once (the server reads it while
            // this thread seals and hashes this page and the engine's thread writes the one before), and the
            // changes are made ready to store. When the engine's thread has maxPagesAhead pages to save already,
            // the next page waits: the engine asks for it as it takes this one in.
            auto page = std::make_shared<std::optional<sync::PullResponse>>(sync::PullResponse::decode(answer));
            const int waiting = ahead->fetch_add(1) + 1;
            if (!*page)
                return std::any(PulledPage {});
            if ((*page)->more && waiting < maxPagesAhead) {
                for (auto it = (*page)->positions.cbegin(); it != (*page)->positions.cend(); ++it)
                    request.positions.insert(it.key(), it.value());
                const QByteArray json = request.encode();
                // Same headers as the first request: compressed if it was.
                const QByteArray next = gzipped ? compression::gzip(json) : json;
                if (!next.isEmpty())
                    sendNext(next);
            }
            return std::any(SyncTransport::Later([prepare, page] {
                PulledPage pulled { std::move(*page), {} };
                pulled.prepared = prepare(*pulled.page);
                return std::any(std::move(pulled));
            }));
        });
}

void SyncEngine::onPullReply(bool afterRefresh, const QByteArray &token, const SyncTransport::Reply &reply)
{
    const int status = reply.status;
    const QByteArray &body = reply.body;
    const bool networkError = reply.networkError;
    const QString &networkMessage = reply.message;
    if (m_cancelled)
        return fail(Error::Cancelled, tr("Sync cancelled."));
    if (networkError || isTransientStatus(status))
        return retryLater(Step::Pull, networkError ? networkMessage : QStringLiteral("HTTP %1").arg(status));
    if (status == 401) {
        if (afterRefresh) {
            return fail(Error::NotSignedIn, tr("The server no longer accepts your sign-in. Sign in again."));
        }
        m_credentials.invalidate(token);
        return sendPull(true);
    }
    if (status != 200) {
        const auto error = ApiError::fromJson(body).value_or(ApiError {});
        return fail(Error::Refused,
            tr("The server refused the download (%1: %2). Tell the administrator.")
                .arg(error.code.isEmpty() ? QString::number(status) : error.code, error.message));
    }
    const auto *pulled = std::any_cast<PulledPage>(&reply.decoded);
    const std::optional<sync::PullResponse> &page = pulled ? pulled->page : std::optional<sync::PullResponse>();
    if (!page) {
        return fail(Error::Protocol,
            tr("The server's answer to the download is not understood. Update the application or tell the "
               "administrator."));
    }
    if (m_done == m_result.pushed && m_rebuilding.isEmpty()) {
        // First page: the heads say how much there is to pull.
        auto positions = m_store->bucketPositions();
        qint64 behind = 0;
        for (const sync::BucketHead &head : page->buckets)
            behind += std::max<qint64>(0, head.seq - (positions ? positions.value().value(head.bucket) : 0));
        m_total = m_done + behind;
    }
    // The next page is asked for before this one is saved, so the server reads while the replica writes. Its
    // answer is taken in only after this page is committed (one thread); if saving fails, the sync ends and the
    // answer is dropped.
    bool askedNext = reply.next != 0;
    if (page->more && m_pullPositions) {
        for (auto it = page->positions.cbegin(); it != page->positions.cend(); ++it)
            m_pullPositions->insert(it.key(), it.value());
        if (!askedNext && !m_cancelled) {
            postPull(false, token);
            askedNext = true;
        }
    }
    if (auto applied = m_store->applyPullPage(*page, m_rebuilding, pulled->prepared); !applied)
        return fail(Error::Replica, tr("The local data cannot be saved: %1").arg(applied.error().message));
    // Saved: it no longer holds back the next page. (When the sync ends instead, the next one counts afresh.)
    m_pagesAhead->fetch_sub(1);
    if (!m_rebuilding.isEmpty()) {
        m_shadowPosition = page->positions.value(m_rebuilding, m_shadowPosition);
        for (const sync::BucketHead &head : page->buckets) {
            if (head.bucket == m_rebuilding)
                m_rebuildHead = head.seq;
        }
    }
    if (!page->unit.isEmpty())
        m_pullUnit = page->unit;
    m_result.pulled += int(page->changes.size());
    m_done += page->changes.size();
    // The heads count changes, a page carries records (a record changed twice comes once): at the last page the
    // total is what was done.
    m_total = page->more ? std::max(m_total, m_done) : m_done;
    m_attempt = 0;
    Q_EMIT progress(m_done, m_total, m_bytes);
    if (askedNext)
        return;
    if (page->more)
        return pullNext();

    if (!m_rebuilding.isEmpty()) {
        const QString bucket = std::exchange(m_rebuilding, QString());
        if (auto finished = m_store->finishBucketRebuild(bucket, m_rebuildHead); !finished)
            return fail(Error::Replica, tr("The local data cannot be saved: %1").arg(finished.error().message));
        m_result.rebuiltBuckets.append(bucket);
    }
    checkBuckets();
}

void SyncEngine::checkBuckets()
{
    auto buckets = m_store->buckets();
    if (!buckets)
        return fail(Error::Replica, tr("The local data cannot be read: %1").arg(buckets.error().message));
    QStringList flagged;
    for (const ReplicaBucket &bucket : buckets.value()) {
        if (!bucket.isMismatched())
            continue;
        // The cached sums may have drifted from the rows: count again before pulling anything.
        auto counted = m_store->bucketChecksum(bucket.bucket);
        if (!counted)
            return fail(Error::Replica, tr("The local data cannot be read: %1").arg(counted.error().message));
        if (counted.value() == *bucket.serverChecksum)
            continue;
        if (bucket.rebuiltAtSeq == bucket.serverSeq || m_rebuiltThisSync.contains(bucket.bucket)) {
            qCWarning(lcSync) << "bucket" << bucket.bucket << "still disagrees with the server after a rebuild at"
                              << bucket.serverSeq << ": local" << counted.value().toString() << "server"
                              << bucket.serverChecksum->toString();
            flagged.append(bucket.bucket);
            continue;
        }
        qCInfo(lcSync) << "bucket" << bucket.bucket << "disagrees with the server at" << bucket.serverSeq
                       << ": rebuilding it";
        if (auto begun = m_store->beginBucketRebuild(bucket.bucket); !begun)
            return fail(Error::Replica, tr("The local data cannot be saved: %1").arg(begun.error().message));
        m_rebuilding = bucket.bucket;
        m_rebuiltThisSync.append(bucket.bucket);
        m_shadowPosition = 0;
        m_rebuildHead = bucket.serverSeq;
        return pullNext();
    }
    m_result.flaggedBuckets = flagged;
    refreshUnitsThenFinish();
}

// --- Units ---

void SyncEngine::refreshUnitsThenFinish()
{
    const qint64 fetchedAt = m_store->unitsFetchedAt();
    const qint64 age = QDateTime::currentMSecsSinceEpoch() - fetchedAt;
    // A list from the future was fetched under a wrong clock: its age says nothing, fetch it again. One fetched for
    // another unit is the list of the unit the cadre left.
    const bool moved = !m_pullUnit.isEmpty() && m_pullUnit != m_store->unitsFor();
    if (fetchedAt > 0 && age >= 0 && age < unitsMaxAgeMs && !moved && m_store->units())
        return finish(m_result);
    const quint64 generation = m_generation;
    m_credentials.accessToken(this, [this, generation](const QByteArray &token) {
        if (generation != m_generation)
            return; // a token for a sync that has ended
        if (m_cancelled)
            return fail(Error::Cancelled, tr("Sync cancelled."));
        if (token.isEmpty()) {
            qCInfo(lcSync) << "no access token for the unit list; it is fetched at the next sync";
            return finish(m_result);
        }
        QNetworkRequest request = m_connection.request(unitsPath);
        request.setRawHeader("Authorization", "Bearer " + token);
        m_request = m_transport->send(
            QByteArrayLiteral("GET"), request, {}, [this, generation](const SyncTransport::Reply &reply) {
                if (generation != m_generation)
                    return;
                m_request = 0;
                m_bytes += reply.wireBytes;
                onUnitsReply(reply);
            });
    });
}

void SyncEngine::onUnitsReply(const SyncTransport::Reply &reply)
{
    if (m_cancelled)
        return fail(Error::Cancelled, tr("Sync cancelled."));
    // The changes are in: whatever happens to the unit list, this sync succeeded, and the next one asks again.
    if (reply.networkError || reply.status != 200) {
        const auto error = ApiError::fromJson(reply.body).value_or(ApiError {});
        qCWarning(lcSync) << "cannot fetch the unit list:"
                          << (reply.networkError ? reply.message
                                                 : QStringLiteral("HTTP %1 %2").arg(reply.status).arg(error.code))
                          << "- trying again at the next sync";
        return finish(m_result);
    }
    const auto units = UnitInfo::listFromJson(reply.body);
    if (!units) {
        qCWarning(lcSync) << "the server's unit list is not understood; trying again at the next sync";
        return finish(m_result);
    }
    if (auto kept = m_store->setUnits(*units, QDateTime::currentMSecsSinceEpoch(), m_pullUnit); !kept)
        qCWarning(lcSync) << "cannot keep the unit list:" << kept.error().message;
    finish(m_result);
}

// --- Blobs ---

namespace {

// The file name the record gives blob `hash`, for the cadre; else the start of the hash.
QString blobName(const SyncOp &op, const QString &hash)
{
    for (auto it = op.set.constBegin(); it != op.set.constEnd(); ++it) {
        const QJsonObject blob = it.value().toObject();
        if (blob.value(QLatin1String("hash")).toString() == hash) {
            const QString name = blob.value(QLatin1String("name")).toString();
            if (!name.isEmpty())
                return name;
        }
    }
    return hash.left(12);
}

// Half to full of an exponential delay (the same schedule as a sync's retries).
int backoffMs(int attempt, int baseMs, int maxMs)
{
    const qint64 ceiling = std::min<qint64>(maxMs, qint64(baseMs) << std::clamp(attempt - 1, 0, 30));
    return int(ceiling / 2 + QRandomGenerator::global()->bounded(ceiling / 2 + 1));
}

} // namespace

void SyncEngine::setBlobStore(BlobStore *blobs)
{
    cancelFetches();
    m_blobs = blobs;
    m_uploads.reset();
    m_fetches.reset();
    if (!blobs)
        return;
    m_uploads = std::make_unique<BlobTransfer>(blobs, m_transport.get(), m_connection);
    m_fetches = std::make_unique<BlobTransfer>(blobs, m_transport.get(), m_connection);
    m_uploads->setPieceBytes(m_options.blobPieceBytes);
    m_fetches->setPieceBytes(m_options.blobPieceBytes);
}

QList<SyncEngine::BlobRef> SyncEngine::blobsToUpload(const PushBatch &batch) const
{
    QList<BlobRef> blobs;
    if (!m_blobs)
        return blobs;
    for (const ReplicaStore::OutgoingOp &outgoing : batch.ops) {
        // A blob is named by an object value; most ops set none and are not read back.
        if (!outgoing.setsObjects)
            continue;
        const std::optional<SyncOp> op = outgoing.op();
        if (!op || op->set.isEmpty())
            continue;
        // The server reads an op's blobs with the schema of the op's version; a version this build does not know
        // names its blobs in fields this build cannot see, and the server answers missing_blob for those.
        const RecordSchema *schema = RecordSchema::forVersion(op->schemaVersion);
        const QStringList hashes = (schema ? *schema : RecordSchema::registry()).blobHashes(op->kind, op->set);
        for (const QString &hash : hashes) {
            const BlobRef blob { op->scope, hash };
            // A blob the store does not have came with an op from elsewhere (or was removed): the server may have
            // it, and answers missing_blob if not.
            if (blobs.contains(blob) || m_blobRefusals.contains(op->scope + u'/' + hash) || !m_blobs->has(hash)
                || m_blobs->isUploaded(op->scope, hash)) {
                continue;
            }
            blobs.append(blob);
        }
    }
    return blobs;
}

void SyncEngine::uploadThenPush(
    QList<BlobRef> blobs, const PushBatch &batch, bool afterRefresh, const QByteArray &token)
{
    if (m_cancelled)
        return fail(Error::Cancelled, tr("Sync cancelled."));
    if (blobs.isEmpty() || !m_uploads) {
        postPush(batch, afterRefresh, token);
        // While the server works on this batch, read the next one (and send it too, if the server takes that).
        preparePush(batch);
        fillPushes(token);
        return;
    }
    const BlobRef blob = blobs.takeFirst();
    const quint64 generation = m_generation;
    auto progressed = [this](qint64 bytes, qint64, qint64) {
        // A piece went through: the line works, whatever failed before.
        m_attempt = 0;
        m_bytes += bytes;
        Q_EMIT progress(m_done, m_total, m_bytes);
    };
    m_uploads->upload(blob.scope, blob.hash, token, progressed,
        [this, generation, blobs, batch, afterRefresh, token, blob](const BlobTransfer::Result &result) {
            if (generation != m_generation)
                return;
            if (m_cancelled)
                return fail(Error::Cancelled, tr("Sync cancelled."));
            switch (result.outcome) {
            case BlobTransfer::Outcome::Done:
                return uploadThenPush(blobs, batch, afterRefresh, token);
            case BlobTransfer::Outcome::Transient:
                // pushNext() reads the batch again; the upload resumes from what the server's session has.
                return retryLater(Step::Push, result.message);
            case BlobTransfer::Outcome::Unauthorized:
                if (afterRefresh) {
                    return fail(Error::NotSignedIn,
                        tr("The server no longer accepts your sign-in. Sign in again; your changes stay on this "
                           "computer."));
                }
                m_credentials.invalidate(token);
                m_nextPush.reset();
                return sendPush(batch, true);
            case BlobTransfer::Outcome::Refused:
            case BlobTransfer::Outcome::Local:
            case BlobTransfer::Outcome::Corrupt:
                // One file the server will not take (too large, over the quota) must not hold back every other
                // change: the batch goes on, and if the server then lacks the blob, its op is set aside with this
                // reason.
                qCWarning(lcSync) << "cannot upload blob" << blob.hash << "into" << blob.scope << ":" << result.message;
                m_blobRefusals.insert(blob.scope + u'/' + blob.hash, result.message);
                return uploadThenPush(blobs, batch, afterRefresh, token);
            }
        });
}

void SyncEngine::onMissingBlob(
    const PushBatch &batch, bool afterRefresh, const QByteArray &token, const QJsonObject &details)
{
    const QJsonValue indexValue = details.value(QStringLiteral("index"));
    const int index = indexValue.isDouble() ? indexValue.toInt(-1) : -1;
    const QString hash = details.value(QStringLiteral("hash")).toString();
    const QString scope = details.value(QStringLiteral("scope")).toString();
    if (index < 0 || index >= batch.ops.size() || !RecordSchema::isBlobHash(hash) || scope.isEmpty()) {
        return fail(Error::Protocol,
            tr("The server's answer to the upload is not understood. Update the application or tell the "
               "administrator."));
    }
    m_nextPush.reset();
    const QString key = scope + u'/' + hash;
    const bool here = m_blobs && m_blobs->has(hash);
    if (here && m_uploads && !m_blobRefusals.contains(key) && !m_blobsResent.contains(key)) {
        // The store marked it uploaded but the server lacks it (its data was restored from a backup), or the
        // record lives in another scope than the op says: upload it where the server wants it, then send the
        // same batch once more.
        qCInfo(lcSync) << "the server lacks blob" << hash << "in" << scope << ": uploading it and resending";
        m_blobsResent.insert(key);
        // Forget the wrong mark, so that a retry after a failure on the way uploads the blob again too.
        if (m_blobs->isUploaded(scope, hash)) {
            if (auto forgotten = m_blobs->setUploaded(scope, hash, false); !forgotten)
                return fail(Error::Replica, tr("The local data cannot be saved: %1").arg(forgotten.error().message));
        }
        return uploadThenPush({ BlobRef { scope, hash } }, batch, afterRefresh, token);
    }
    const ReplicaStore::OutgoingOp &op = batch.ops.at(index);
    const QString name = blobName(op.op().value_or(SyncOp {}), hash);
    QString reason;
    if (m_blobRefusals.contains(key)) {
        reason = tr("The file %1 attached to this record could not be sent (%2). Attach a smaller file or remove it "
                    "from the record, then resend.")
                     .arg(name, m_blobRefusals.value(key));
    } else if (here) {
        reason = tr("The server still lacks the file %1 attached to this record after it was sent. Tell the "
                    "administrator.")
                     .arg(name);
    } else {
        reason = tr("The file %1 attached to this record is missing on this computer, and the server does not have "
                    "it. Attach the file again (on the computer that has it) or remove it from the record, then "
                    "resend.")
                     .arg(name);
    }
    qCWarning(lcSync) << "setting aside op" << op.opId << ": blob" << hash << "is missing in" << scope;
    const int setAsideBefore = m_store->setAsideCount();
    if (auto setAside = m_store->setAside(op.opId, reason); !setAside)
        return fail(Error::Replica, tr("The local data cannot be saved: %1").arg(setAside.error().message));
    m_result.setAside += std::max(0, m_store->setAsideCount() - setAsideBefore);
    pushNext();
}

void SyncEngine::fetchBlob(const QString &scope, const QString &hash)
{
    FetchResult fetch;
    fetch.scope = scope;
    fetch.hash = hash;
    m_fetchQueue.append(fetch);
    // Later, so that blobFetched() never comes before this call returns.
    QTimer::singleShot(0, this, &SyncEngine::fetchNext);
}

void SyncEngine::cancelFetches()
{
    ++m_fetchGeneration;
    m_fetchRetryTimer.stop();
    if (m_fetches)
        m_fetches->abort();
    QList<FetchResult> ended = std::exchange(m_fetchQueue, {});
    if (m_fetch)
        ended.prepend(*std::exchange(m_fetch, std::nullopt));
    for (FetchResult &fetch : ended) {
        fetch.error = Error::Cancelled;
        fetch.message = tr("Download cancelled.");
        Q_EMIT blobFetched(fetch);
    }
}

void SyncEngine::fetchNext()
{
    if (m_fetch || m_fetchQueue.isEmpty())
        return;
    m_fetch = m_fetchQueue.takeFirst();
    m_fetchAttempt = 0;
    FetchResult &fetch = *m_fetch;
    if (!m_blobs) {
        fetch.error = Error::Replica;
        fetch.message = tr("Files cannot be kept for this account on this computer. Sign in to the account again.");
        return endFetch(fetch);
    }
    if (!RecordSchema::isBlobHash(fetch.hash)) {
        fetch.error = Error::Refused;
        fetch.message = tr("The record names its file wrongly, so it cannot be downloaded. Tell the administrator.");
        return endFetch(fetch);
    }
    if (m_blobs->has(fetch.hash)) {
        const auto size = m_blobs->size(fetch.hash);
        fetch.size = size ? size.value() : 0;
        fetch.resumedFrom = fetch.size;
        return endFetch(fetch);
    }
    fetch.resumedFrom = m_blobs->downloadedBytes(fetch.hash);
    sendFetch(false);
}

void SyncEngine::sendFetch(bool afterRefresh)
{
    const quint64 generation = m_fetchGeneration;
    m_credentials.accessToken(this, [this, generation, afterRefresh](const QByteArray &token) {
        if (generation != m_fetchGeneration || !m_fetch)
            return;
        if (token.isEmpty()) {
            m_fetch->error = Error::NotSignedIn;
            m_fetch->message = tr("You are not signed in online. Sign in again to download this file.");
            return endFetch(*m_fetch);
        }
        auto progressed = [this](qint64, qint64 have, qint64 size) {
            m_fetchAttempt = 0;
            Q_EMIT blobProgress(m_fetch->hash, have, size);
        };
        m_fetches->download(m_fetch->scope, m_fetch->hash, token, progressed,
            [this, generation, afterRefresh, token](const BlobTransfer::Result &result) {
                if (generation != m_fetchGeneration || !m_fetch)
                    return;
                FetchResult &fetch = *m_fetch;
                fetch.size = result.size;
                fetch.received += result.transferred;
                switch (result.outcome) {
                case BlobTransfer::Outcome::Done:
                    return endFetch(fetch);
                case BlobTransfer::Outcome::Transient:
                    if (++m_fetchAttempt >= m_options.maxAttempts) {
                        fetch.error = Error::Network;
                        fetch.message = tr("The server cannot be reached (%1). Open the file again later; what was "
                                           "downloaded is kept.")
                                            .arg(result.message);
                        return endFetch(fetch);
                    }
                    // The next try resumes from what the store has.
                    return m_fetchRetryTimer.start(
                        backoffMs(m_fetchAttempt, m_options.retryBaseMs, m_options.retryMaxMs));
                case BlobTransfer::Outcome::Unauthorized:
                    if (!afterRefresh) {
                        m_credentials.invalidate(token);
                        return sendFetch(true);
                    }
                    fetch.error = Error::NotSignedIn;
                    fetch.message = tr("The server no longer accepts your sign-in. Sign in again.");
                    return endFetch(fetch);
                case BlobTransfer::Outcome::Refused:
                    fetch.error = Error::Refused;
                    fetch.message = result.status == 404
                        ? tr("The file is not on the server, or your account may not read it.")
                        : tr("The server refused the file (%1). Tell the administrator.").arg(result.message);
                    return endFetch(fetch);
                case BlobTransfer::Outcome::Local:
                    fetch.error = Error::Replica;
                    fetch.message = tr("The file cannot be saved on this computer: %1").arg(result.message);
                    return endFetch(fetch);
                case BlobTransfer::Outcome::Corrupt:
                    fetch.error = Error::Protocol;
                    fetch.message = tr("The downloaded file does not match its fingerprint and was dropped. Try "
                                       "again; if it happens again, tell the administrator.");
                    return endFetch(fetch);
                }
            });
    });
}

void SyncEngine::endFetch(FetchResult result)
{
    ++m_fetchGeneration;
    m_fetchRetryTimer.stop();
    m_fetch.reset();
    if (!result.isOk())
        qCWarning(lcSync) << "fetching blob" << result.hash << "failed:" << result.error << result.message;
    Q_EMIT blobFetched(result);
    if (!m_fetchQueue.isEmpty())
        QTimer::singleShot(0, this, &SyncEngine::fetchNext);
}

// --- Plumbing ---

SyncEngine::Body SyncEngine::encodeBody(const QByteArray &json)
{
    // Large bodies go gzip-compressed (a batch of ops is JSON that shrinks several times); SyncTransport takes
    // large answers compressed as well.
    if (json.size() >= compression::minBytes) {
        if (QByteArray compressed = compression::gzip(json); !compressed.isEmpty())
            return { std::move(compressed), true };
    }
    return { json, false };
}

quint64 SyncEngine::post(const QString &path, const Body &body, const QByteArray &token,
    std::function<void(const SyncTransport::Reply &)> done, SyncTransport::Decode decode)
{
    QNetworkRequest request = m_connection.request(path);
    request.setRawHeader("Authorization", "Bearer " + token);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (body.gzipped)
        request.setRawHeader("Content-Encoding", "gzip");
    const QByteArray &sent = body.bytes;
    m_bytes += sent.size();
    m_request = m_transport->send(
        QByteArrayLiteral("POST"), request, sent,
        [this, done = std::move(done)](const SyncTransport::Reply &reply) {
            // The request its decoding sent next, if any, is the one in flight now.
            m_request = reply.next;
            m_bytes += reply.wireBytes;
            done(reply);
        },
        std::move(decode));
    return m_request;
}

void SyncEngine::retryLater(Step step, const QString &why)
{
    ++m_attempt;
    if (m_attempt >= m_options.maxAttempts) {
        return fail(Error::Network,
            tr("The server cannot be reached (%1). Your changes stay on this computer; the next sync sends them.")
                .arg(why));
    }
    // Exponential backoff with jitter (half to full of the delay), so offices that lost the link together do not
    // come back in step.
    const qint64 ceiling = std::min<qint64>(m_options.retryMaxMs, qint64(m_options.retryBaseMs) << (m_attempt - 1));
    const int delay = int(ceiling / 2 + QRandomGenerator::global()->bounded(ceiling / 2 + 1));
    qCInfo(lcSync) << "transient failure:" << why << "- retry" << m_attempt << "in" << delay << "ms";
    setState(State::Waiting);
    m_retryTimer.disconnect(this);
    connect(&m_retryTimer, &QTimer::timeout, this, [this, step] {
        if (step == Step::Push)
            pushNext();
        else
            pullNext();
    });
    m_retryTimer.start(delay);
}

void SyncEngine::fail(Error error, const QString &message)
{
    Result result = m_result;
    result.error = error;
    result.message = message;
    finish(result);
}

void SyncEngine::finish(Result result)
{
    if (!m_running)
        return;
    m_running = false;
    ++m_generation;
    m_retryTimer.stop();
    dropPushes();
    m_nextPush.reset();
    m_pullPositions.reset();
    if (m_uploads)
        m_uploads->abort();
    if (m_request) {
        // Cancelled, or a request sent ahead (pipelining) when the sync failed: nobody takes its answer in.
        m_transport->abort(std::exchange(m_request, 0));
    }
    if (!result.isOk() && result.error != Error::Busy)
        qCWarning(lcSync) << "sync failed:" << result.error << result.message;
    if (result.error != Error::Busy) {
        if (auto saved = m_store->setLastSync(QDateTime::currentMSecsSinceEpoch(), result.message); !saved)
            qCWarning(lcSync) << "cannot record the sync:" << saved.error().message;
    }
    if (m_lock) {
        m_lock->unlock();
        m_lock.reset();
    }
    m_lastResult = result;
    setState(State::Idle);
    Q_EMIT finished(result);
    if (m_again && result.error != Error::Cancelled) {
        m_again = false;
        QTimer::singleShot(0, this, &SyncEngine::start);
    }
}

} // namespace mts
