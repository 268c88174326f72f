// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/core/accesspolicy.h"
#include "server/core/syncstorage.h"
#include "shared/error.h"
#include "shared/syncop.h"
#include "shared/syncwire.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <condition_variable>
#include <functional>
#include <mutex>

namespace mts {

/// Why a whole push or pull failed. Nothing of the request was stored; each code maps to one HTTP status and one
/// API error code (sync::errorcode, apierror).
enum class SyncError {
    BadRequest, ///< 400 `bad_request`: a malformed body or op; details.index names the op.
    UnknownKind, ///< 400 `unknown_kind`: an op of a kind this server does not know; details.index.
    BatchTooLarge, ///< 413 `batch_too_large`: more than sync::maxPushOps ops.
    SchemaTooNew, ///< 422 `schema_too_new`: an op made under a schema version newer than the server's.
    NotReadable, ///< 404 `not_found`: a bucket the token may not read (its existence is not revealed).
    OpIdReused, ///< 409 `op_id_reused`: an op id already stored with other content; details.op_id.
    ClockSkew, ///< 422 `clock_skew`: an op stamped too far ahead of the server's clock; details.server_time.
    /// 422 `missing_blob`: an op names a blob its record's scope does not have; details.hash, details.scope,
    /// details.index. Transient: the client uploads the blob and pushes again.
    MissingBlob,
    /// 409 `out_of_order`: the batch was sent behind another (`after`) that is not stored within
    /// SyncService::afterArrivalMillis or afterWaitMillis, or had an op rejected; details.after (and
    /// details.rejected when that is why). The client pushes it again once it has
    /// the earlier batch's answer.
    OutOfOrder,
    Busy, ///< 503 `busy`: a lock wait timed out or a concurrent writer got there first; retry.
    Unavailable, ///< 503 `unavailable`: the database failed.
};

/// A failed request: its code, an English message for logs and the details the client branches on.
struct SyncFailure {
    SyncError code;
    QString message;
    QJsonObject details;

    int httpStatus() const;
    QString apiCode() const;
};

/// The rules of sync (DESIGN.md, "Sync protocol (v1)") over a SyncStorage backend: authorisation through the
/// AccessPolicy against the record's stored scope, validation with the schema of the op's version, per-field
/// last-writer-wins by HLC, all-or-nothing transitions, conflicts kept, sequence numbers and checksums per bucket
/// under the bucket's lock, the audit hash chain.
///
/// Every op's outcome is decided in memory before the batch writes, so a per-op savepoint would never be rolled
/// back to: a database failure fails the whole request (transient, nothing recorded) and a deterministic failure
/// is an outcome. The op ids are written in the batch's transaction under their unique key, after the bucket locks
/// that serialise every batch touching the same records, so two instances given the same batch apply it once.
///
/// Blobs: every op that sets a Blob field must name blobs already stored in its record's scope (else the whole
/// push fails with MissingBlob, nothing recorded), and each record whose blob fields or scope change has its blob
/// references (BlobRefs) rewritten in the batch, so a blob is readable exactly by who may read a record naming it.
///
/// Thread-safe (the storage is).
class SyncService {
public:
    SyncService(SyncStorage *storage, const AccessPolicy *policy, std::function<qint64()> wallMillis = {});

    /// Applies a push body `{"ops": [...], "after"?: op_id, "short_creates"?: bool}` (JSON bytes) for `principal`.
    /// A batch with `after` was sent while the one ending with that op was still on its way: it waits for that
    /// batch to be stored (so the two apply in the order sent, whichever arrived first) and fails with OutOfOrder
    /// if it is not, or if it had an op rejected (the client then sets aside what depends on that op before
    /// anything of it is applied). The body is read in place, never parsed into a document; a set written in the
    /// canonical encoding already, as clients write them, is hashed and stored as it came.
    Result<sync::PushResponse, SyncError> push(
        const Principal &principal, QByteArrayView body, SyncFailure *failure = nullptr);
    /// Answers a pull body `{"positions": {...}, "limit": n}` for `principal`.
    Result<sync::PullResponse, SyncError> pull(
        const Principal &principal, const QJsonObject &body, SyncFailure *failure = nullptr);
    /// The stored conflicts of `bucket`, when `principal` may read it: `[{id, record_id, op_id, user_id, reason, op,
    /// current, at}]`.
    Result<QJsonArray, SyncError> conflicts(
        const Principal &principal, const QString &bucket, SyncFailure *failure = nullptr);

    qint64 now() const { return m_wallMillis(); }

    /// How long a batch sent behind another waits for it while this server works on it.
    static constexpr int afterWaitMillis = 10000;
    /// How long it waits for that batch to arrive at all. A wait holds one of the server's few worker threads,
    /// and the batch awaited may be queued for one of them: only a short wait is safe for a batch not yet being
    /// worked on (the client then sends the refused one again, one batch at a time).
    static constexpr int afterArrivalMillis = 1000;

private:
    struct Batch;
    /// What an op gives whatever is stored, worked out before the batch's write transaction (which one batch at a
    /// time holds): its content hash, and for a create the record it makes when the record is
    /// new — the problems that refuse it, or its fields, their canonical encoding and its content hash.
    struct PreparedOp {
        QByteArray contentHash;
        QList<FieldProblem> createProblems;
        QJsonObject createdFields;
        QByteArray createdCanonical;
        QByteArray createdContentHash;
    };
    /// `canonicalSet`: the set's canonical encoding when known (else it is encoded).
    static PreparedOp prepare(const SyncOp &op, QByteArrayView canonicalSet);
    /// Begins the batch's write transaction once the batch it was sent behind is stored (see push()).
    Result<std::unique_ptr<SyncStorage::WriteTransaction>, SyncError> beginAfter(
        const Principal &principal, const QString &after, SyncFailure *failure);

    SyncStorage *m_storage;
    const AccessPolicy *m_policy;
    std::function<qint64()> m_wallMillis;
    // Woken after every push, stored or not, for the batches waiting for theirs; the last op ids of the batches
    // being worked on (a batch waits long only for one of those).
    std::mutex m_pushesMutex;
    std::condition_variable m_pushEnded;
    quint64 m_pushesEnded = 0;
    QHash<QString, int> m_inProgress; // op id → how many batches ending with it
};

} // namespace mts
