// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/replicastore.h"
#include "client/core/serverconnection.h"
#include "client/core/synctransport.h"
#include "shared/syncop.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QLockFile;

namespace mts {

class AccountSession;
class BlobStore;
class BlobTransfer;

/// Synchronises one replica with its server (DESIGN.md, "Sync protocol (v1)"), as a job: push the pending ops
/// first, in batches of at most sync::maxPushOps, then pull pages until the server has no more, each page and its
/// positions committed together by the store; then compare every bucket's checksum with the server head and
/// rebuild a bucket that disagrees (at most once per head position; one that still disagrees is flagged).
///
/// One sync at a time per installation: a QLockFile in the account folder, shared by the GUI and the CLI.
/// Transient failures (no network, timeouts, 5xx, `busy`) are retried with exponential backoff and jitter;
/// a 401 refreshes the token and resends the same batch once; `clock_skew` makes the store adopt the server's
/// time and the sync go on. The engine never prompts: it reports with signals.
///
/// Blobs (DESIGN.md, "Blobs"), when the engine has a BlobStore: before a push batch goes out, every blob its ops
/// name that the store has and has not marked uploaded into the op's scope is uploaded, resuming the session the
/// store remembers. When the server still answers `missing_blob`, the blob is uploaded again and the same batch
/// resent once; an op naming a blob that neither this computer nor the server has is set aside with the reason.
/// Blobs are downloaded only on demand, with fetchBlob().
///
/// After a sync's pull, when the replica's unit list (ReplicaStore::units()) is missing, older than unitsMaxAgeMs, or
/// was fetched for another unit than the one the pull's answer gives the account (the cadre was moved), the engine
/// fetches it (GET /api/v1/units, same token and TLS as the sync) and keeps it in the replica, for the provincial
/// views that work offline. A failure there is logged and leaves the sync successful;
/// the next sync tries again.
class SyncEngine : public QObject {
    Q_OBJECT
public:
    enum class State {
        Idle, ///< Not syncing.
        Pushing, ///< Sending local changes.
        Pulling, ///< Receiving changes.
        Rebuilding, ///< Pulling one bucket again after a checksum mismatch.
        Waiting, ///< Waiting to retry after a transient failure.
    };
    Q_ENUM(State)

    enum class Error {
        None,
        Cancelled, ///< cancel() was called.
        Busy, ///< Another sync of this account runs (the GUI or the CLI); try again when it ends.
        NotSignedIn, ///< No access token (offline session, or the sign-in expired): sign in online.
        Network, ///< The server stayed unreachable or failing after every retry.
        Refused, ///< The server refused the request for good (a 4xx other than those the engine handles).
        Protocol, ///< The server's answer does not follow the protocol.
        Replica, ///< The local replica failed (disk full, damaged file).
    };
    Q_ENUM(Error)

    /// How one sync ended.
    struct Result {
        Error error = Error::None;
        /// Translated, says what to do; empty on success.
        QString message;
        int pushed = 0;
        int pulled = 0;
        /// Ops set aside by this sync (rejected, or held back with them).
        int setAside = 0;
        /// Buckets whose checksum still disagrees with the server after a rebuild at this head.
        QStringList flaggedBuckets;
        /// Buckets rebuilt by this sync.
        QStringList rebuiltBuckets;

        bool isOk() const { return error == Error::None; }
    };

    /// Where access tokens come from (AccountSession in the applications, a stub in tests).
    struct Credentials {
        /// Calls `done` with a valid access token (refreshed first when it expires soon), or an empty one when
        /// there is none; `done` is not called once `context` is gone.
        std::function<void(QObject *context, std::function<void(const QByteArray &accessToken)> done)> accessToken;
        /// The server refused `accessToken` (401): forget it, so the next accessToken() refreshes.
        std::function<void(const QByteArray &accessToken)> invalidate;
    };
    /// The credentials of a session; the session must outlive the engine.
    static Credentials credentialsOf(AccountSession *session);

    /// How long a fetched unit list is kept before a sync fetches it again.
    static constexpr qint64 unitsMaxAgeMs = 24LL * 3600 * 1000;

    /// Tuning, mostly for tests.
    struct Options {
        int pushBatch = 2000; ///< Ops per push (at most sync::maxPushOps).
        int pullLimit = 5000; ///< Changes per pull page (at most sync::maxPullLimit).
        int maxAttempts = 6; ///< Tries of one request before the sync fails with Network.
        int retryBaseMs = 1000; ///< First retry delay; doubled each time, with jitter.
        int retryMaxMs = 60000;
        /// Blob content per upload or download request (a multiple of 64 KiB, at most 1 MiB, the server's limit):
        /// smaller loses less to an interruption on a poor line.
        qint64 blobPieceBytes = 1024 * 1024;
    };

    /// How one fetchBlob() ended.
    struct FetchResult {
        Error error = Error::None;
        /// Translated, says what to do; empty on success.
        QString message;
        QString scope;
        QString hash;
        qint64 size = 0;
        /// The bytes already on this computer when the download started (an earlier one was interrupted); the size
        /// when the blob was here already.
        qint64 resumedFrom = 0;
        /// Content bytes received from the server by this fetch.
        qint64 received = 0;

        bool isOk() const { return error == Error::None; }
    };

    /// An engine for `store` (open, owned by the caller, outliving the engine) on `connection`, with the
    /// install-wide lock at `lockFilePath` (`<account folder>/sync.lock`).
    SyncEngine(ReplicaStore *store, ServerConnection connection, Credentials credentials, QString lockFilePath,
        QObject *parent = nullptr);
    ~SyncEngine() override;

    void setOptions(const Options &options);

    /// The account's blob store (`<account folder>/blobs`; owned by the caller, outliving the engine), or nullptr
    /// (the default): then blobs are neither uploaded nor fetched, and an op naming a blob the server lacks is set
    /// aside. Set it while no sync runs.
    void setBlobStore(BlobStore *blobs);
    BlobStore *blobStore() const { return m_blobs; }
    const Options &options() const { return m_options; }

    /// Syncs by itself: now, every `intervalMs`, and whenever the network comes back (QNetworkInformation, when
    /// the platform has a backend). Off by default (the CLI syncs once).
    void setAutomatic(bool enabled, int intervalMs = 5 * 60 * 1000);
    bool isAutomatic() const { return m_automatic; }

    State state() const { return m_state; }
    bool isRunning() const { return m_running; }
    /// The last finished sync's result.
    const Result &lastResult() const { return m_lastResult; }

    /// Starts a sync now (on demand). While one runs, another follows it once it ends. Ends with exactly one
    /// finished() per sync started.
    void start();
    /// Stops the running sync between requests and aborts the request in flight; finished() reports Cancelled.
    /// What was committed stays committed; the rest is done by the next sync.
    void cancel();
    /// Closes the connections kept alive to the server, so the next request opens a new one. The engine does it
    /// by itself when the network comes back.
    void dropConnections();

    /// Downloads blob `hash` of `scope` (as a record's Blob field names it) into the blob store, on demand (a cadre
    /// opens the file). A download interrupted earlier (network, cancel, crash) resumes from
    /// BlobStore::downloadedBytes(); the content is checked against its hash before it becomes the blob. Ends with
    /// exactly one blobFetched(); a blob the store has already ends at once, without a request.
    ///
    /// Fetches run one at a time, in the order asked, independently of the sync job: a cadre can open a photo in
    /// the middle of a long sync. They share only the transport and the blob store with it, and never touch the
    /// same files: a sync uploads blobs the store has, a fetch writes a blob the store does not have. Transient
    /// failures are retried like a sync's, with the same options.
    void fetchBlob(const QString &scope, const QString &hash);
    /// Stops the fetch in flight and drops the queued ones; each ends with blobFetched() Cancelled. What was
    /// downloaded stays, and the next fetch of that blob resumes from it.
    void cancelFetches();
    bool isFetching() const { return m_fetch.has_value(); }

Q_SIGNALS:
    /// `done` of `total` items (ops pushed + changes pulled; `total` grows as the server heads become known),
    /// `bytes` sent and received so far.
    void progress(qint64 done, qint64 total, qint64 bytes);
    void stateChanged(mts::SyncEngine::State state);
    void finished(const mts::SyncEngine::Result &result);
    /// The PC's clock was wrong and the server's time was adopted; `message` is translated, for the cadre.
    void clockAdjusted(const QString &message);
    /// A fetch moved a piece of blob `hash`: `have` of its `size` bytes are now on this computer.
    void blobProgress(const QString &hash, qint64 have, qint64 size);
    void blobFetched(const mts::SyncEngine::FetchResult &result);

private:
    enum class Step { Push, Pull };

    void setState(State state);
    /// A request body as it goes on the wire: gzip-compressed when large.
    struct Body {
        QByteArray bytes;
        bool gzipped = false;
    };
    static Body encodeBody(const QByteArray &json);

    /// A push batch read from the outbox: its ops and the outbox position of the last one.
    struct PushBatch {
        QList<ReplicaStore::OutgoingOp> ops;
        qint64 lastSeq() const { return ops.isEmpty() ? 0 : ops.last().seq; }
        QString lastOpId() const { return ops.isEmpty() ? QString() : ops.last().opId; }
        /// The request, once written: the next batch is written while the server works on the one before, so
        /// that when its answer comes the next request leaves at once. A batch read as the continuation of another
        /// names that one's last op in it (`after`), so that a server given both at once applies them in the order
        /// read (sync::PushResponse::acceptsAfter).
        Body body;
    };
    /// A push batch on its way, and its answer once it has come: answers are taken in in the order sent.
    struct SentPush {
        quint64 serial = 0;
        PushBatch batch;
        bool afterRefresh = false;
        QByteArray token;
        quint64 request = 0;
        std::optional<SyncTransport::Reply> reply;
    };

    void pushNext();
    void sendPush(const PushBatch &batch, bool afterRefresh);
    void postPush(const PushBatch &batch, bool afterRefresh, const QByteArray &token);
    /// Reads the batch that follows `previous` into m_nextPush, with its request written.
    void preparePush(const PushBatch &previous);
    /// Sends m_nextPush (and reads the one after it) while fewer batches are on their way than the server takes:
    /// one, or two once it has said it applies a batch sent behind another in order.
    void fillPushes(const QByteArray &token);
    /// Forgets the batches on their way, aborting those not answered: they are read from the outbox again.
    void dropPushes();
    void onPushAnswer(quint64 serial, const SyncTransport::Reply &reply);
    /// A blob to upload into a scope.
    struct BlobRef {
        QString scope;
        QString hash;
        bool operator==(const BlobRef &other) const = default;
    };
    /// The blobs `batch` names that the store has and has not uploaded into the op's scope, in op order.
    QList<BlobRef> blobsToUpload(const PushBatch &batch) const;
    /// Uploads `blobs` one after the other, then posts `batch` and reads the next one.
    void uploadThenPush(QList<BlobRef> blobs, const PushBatch &batch, bool afterRefresh, const QByteArray &token);
    /// A push answered 422 `missing_blob`: upload the blob and resend, or set the op aside.
    void onMissingBlob(const PushBatch &batch, bool afterRefresh, const QByteArray &token, const QJsonObject &details);
    void fetchNext();
    void sendFetch(bool afterRefresh);
    void endFetch(FetchResult result);
    void onPushReply(
        const PushBatch &batch, bool afterRefresh, const QByteArray &token, const SyncTransport::Reply &reply);
    void pullNext();
    void sendPull(bool afterRefresh);
    void postPull(bool afterRefresh, const QByteArray &token);
    void onPullReply(bool afterRefresh, const QByteArray &token, const SyncTransport::Reply &reply);
    void checkBuckets();
    /// Fetches the unit list when the replica's is missing, stale (unitsMaxAgeMs) or kept for another unit than
    /// m_pullUnit, then finishes the sync successfully whatever came of it.
    void refreshUnitsThenFinish();
    void onUnitsReply(const SyncTransport::Reply &reply);
    /// POSTs `body`; `done` gets the answer, with what `decode` made of a 200 answer's body on the transport's
    /// thread in Reply::decoded.
    /// Returns the request's id (SyncTransport::send()).
    quint64 post(const QString &path, const Body &body, const QByteArray &token,
        std::function<void(const SyncTransport::Reply &reply)> done, SyncTransport::Decode decode = {});
    /// Retries `step` after a backoff, or fails with Network once the attempts are used up.
    void retryLater(Step step, const QString &why);
    void fail(Error error, const QString &message);
    void finish(Result result);

    ReplicaStore *m_store;
    ServerConnection m_connection;
    Credentials m_credentials;
    QString m_lockFilePath;
    Options m_options;
    std::unique_ptr<QLockFile> m_lock;
    std::unique_ptr<SyncTransport> m_transport;
    // The request in flight (SyncTransport id), 0 when none.
    quint64 m_request = 0;
    BlobStore *m_blobs = nullptr;
    // Blob uploads of the sync job, and fetches: separate, so that one never aborts the other's request.
    std::unique_ptr<BlobTransfer> m_uploads;
    std::unique_ptr<BlobTransfer> m_fetches;
    // This sync: why uploads the server refused ("scope/hash" → its words), and the blobs sent again after a
    // `missing_blob` (each at most once, so a server that keeps answering it cannot loop the sync).
    QHash<QString, QString> m_blobRefusals;
    QSet<QString> m_blobsResent;
    // Fetches asked for and the one running, with its attempts (a sync's retry rules) and token refresh.
    QList<FetchResult> m_fetchQueue;
    std::optional<FetchResult> m_fetch;
    int m_fetchAttempt = 0;
    // Bumped by cancelFetches() and at each fetch's end, so a late token or answer does nothing.
    quint64 m_fetchGeneration = 0;
    QTimer m_fetchRetryTimer;
    QTimer m_retryTimer;
    QTimer m_autoTimer;
    bool m_automatic = false;
    bool m_networkWatched = false;

    State m_state = State::Idle;
    bool m_running = false;
    // Bumped at each start and end, so a late callback of an ended sync does nothing.
    quint64 m_generation = 0;
    bool m_again = false;
    bool m_cancelled = false;
    int m_attempt = 0;
    bool m_clockAdopted = false;
    int m_pushBatch = 1000;
    Result m_result;
    Result m_lastResult;
    qint64 m_done = 0;
    qint64 m_total = 0;
    qint64 m_bytes = 0;
    // The bucket being rebuilt, its shadow position and the head it is rebuilt for.
    QString m_rebuilding;
    qint64 m_shadowPosition = 0;
    qint64 m_rebuildHead = 0;
    QStringList m_rebuiltThisSync;
    /// The account's unit as this sync's pull answers give it; empty when the server does not say.
    QString m_pullUnit;
    // Pipelining (client and server work at once): the push batches on their way, oldest first; the next one,
    // read while those are on their way; whether the server applies a batch sent behind another (learnt from its
    // answers in this sync); and the positions the next pull page asks from, ahead of what is committed by one
    // page.
    QList<SentPush> m_sent;
    quint64 m_pushSerial = 0;
    std::optional<PushBatch> m_nextPush;
    bool m_acceptsAfter = false;
    // A batch sent ahead was refused because the one before it had not reached the server instance that took it
    // (several instances behind one address): this sync sends one batch at a time from then on.
    bool m_sendAheadRefused = false;
    std::optional<QMap<QString, qint64>> m_pullPositions;
    // Pull pages read on the transport's thread and not yet saved by this one (shared with the decoding, which
    // asks for the next page at once only while fewer than maxPagesAhead wait): without that bound a replica
    // that saves slower than the network brings pages held the whole pull in memory.
    std::shared_ptr<std::atomic<int>> m_pagesAhead = std::make_shared<std::atomic<int>>(0);
    static constexpr int maxPagesAhead = 2;
};

} // namespace mts
