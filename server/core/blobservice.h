// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/core/accesspolicy.h"
#include "server/core/syncstorage.h"
#include "shared/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace mts {

/// Why a blob request failed; each code maps to one HTTP status and one API error code.
enum class BlobError {
    BadRequest, ///< 400 `bad_request`: a malformed body, hash, scope or offset.
    NotFound, ///< 404 `not_found`: no such upload session for this user, or no blob this token may read.
    Forbidden, ///< 403 `forbidden`: an upload into a scope the token may not write.
    TooLarge, ///< 413 `blob_too_large`: larger than the per-blob limit (details.limit), or a chunk over 1 MiB.
    QuotaExceeded, ///< 413 `quota_exceeded`: the user's stored and pending blobs would pass their quota.
    OffsetMismatch, ///< 409 `offset_mismatch`: a chunk not at the session's `received` (details.received).
    Incomplete, ///< 409 `upload_incomplete`: completing a session that has not received every byte.
    HashMismatch, ///< 422 `hash_mismatch`: the content's BLAKE2b-256 is not the announced hash; session discarded.
    RangeNotSatisfiable, ///< 416 `range_not_satisfiable` (details.size).
    Busy, ///< 503 `busy`.
    Unavailable, ///< 503 `unavailable`.
};

struct BlobFailure {
    BlobError code = BlobError::BadRequest;
    QString message;
    QJsonObject details;

    int httpStatus() const;
    QString apiCode() const;
};

/// Limits of blob storage (server config `max_blob_bytes`, `max_user_blob_bytes`, `blob_session_hours`).
struct BlobLimits {
    qint64 maxBlobBytes = 50LL * 1024 * 1024;
    /// Per user: bytes of the blobs they stored plus the sizes of their open upload sessions.
    qint64 maxUserBytes = 2LL * 1024 * 1024 * 1024;
    /// An upload session that received nothing for this long expires: its chunks go and its size no longer counts
    /// against the quota; its id answers 404 and the client starts the upload again.
    qint64 sessionIdleMillis = 72LL * 3600 * 1000;
};

/// The rules of blobs (DESIGN.md, "Blobs") over the SyncStorage: content-addressed by BLAKE2b-256, uploaded in
/// chunks of at most SyncStorage::blobChunkBytes within a session that only its user sees and that resumes at
/// `received`, verified on completion, deduplicated within a scope, and readable only by a token that may read a
/// record referring to the blob (SyncService keeps the references) — to anyone else a blob does not exist. An
/// upload session idle for longer than BlobLimits::sessionIdleMillis does not exist either: a user's idle sessions
/// are dropped when they start another, everyone's by expireIdleUploads(), which the server runs periodically.
///
/// Thread-safe (the storage is).
class BlobService {
public:
    BlobService(SyncStorage *storage, const AccessPolicy *policy, BlobLimits limits = {},
        std::function<qint64()> wallMillis = {});

    /// What starting an upload gives: the scope has the blob already (`exists`), or a session to send it in.
    struct Upload {
        bool exists = false;
        QString id;
        qint64 received = 0;
        qint64 size = 0;
    };
    /// `{"scope", "hash", "size"}`: a new session, or `exists` when the scope already has the blob.
    Result<Upload, BlobError> startUpload(const Principal &principal, const QJsonObject &body, BlobFailure *failure);
    /// The session `id` of `principal` as it stands (to resume).
    Result<Upload, BlobError> upload(const Principal &principal, const QString &id, BlobFailure *failure);
    /// Appends a chunk at `offset`, which must be what the session has received; returns the new `received`.
    Result<qint64, BlobError> appendChunk(
        const Principal &principal, const QString &id, qint64 offset, const QByteArray &data, BlobFailure *failure);
    /// Verifies the whole content against the hash and stores the blob (the session ends either way once every
    /// byte was received).
    Result<StoredBlob, BlobError> complete(const Principal &principal, const QString &id, BlobFailure *failure);

    /// Ends every upload session idle for longer than the limit, freeing its chunks and its quota.
    Result<ExpiredUploads, BlobError> expireIdleUploads(BlobFailure *failure = nullptr);

    /// A blob's bytes as a GET answers them.
    struct Content {
        QByteArray bytes;
        qint64 offset = 0;
        qint64 size = 0;
        /// A Range was asked for (206, Content-Range).
        bool partial = false;
    };
    /// Blob `hash` of `scope` when a record `principal` may read refers to it; `range` is the Range header
    /// (`bytes=a-b`, `bytes=a-`, `bytes=-n`) or empty.
    Result<Content, BlobError> read(const Principal &principal, const QString &scope, const QString &hash,
        const QByteArray &range, BlobFailure *failure);

    const BlobLimits &limits() const { return m_limits; }

private:
    /// The session `id` of `principal` if it exists and is not idle too long (an idle one is dropped on the way).
    Result<UploadSession, BlobError> liveSession(const Principal &principal, const QString &id, BlobFailure *failure);

    SyncStorage *m_storage;
    const AccessPolicy *m_policy;
    BlobLimits m_limits;
    std::function<qint64()> m_wallMillis;
};

} // namespace mts
