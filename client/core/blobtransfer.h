// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/serverconnection.h"
#include "client/core/synctransport.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace mts {

class BlobStore;

/// Moves one blob at a time between a BlobStore and the server (DESIGN.md, "Blobs") over the sync transport, in
/// pieces, so that an interruption costs at most the piece in flight:
///
/// - upload(): resumes the upload session the store remembers for (scope, hash) (asking the server how much that
///   session has), or starts one, PUTs the rest in pieces of pieceBytes() at `?offset=`, completes the session and
///   marks the blob uploaded for the scope. A blob the scope already has (dedup) is only marked.
/// - download(): asks for `Range: bytes=<downloadedBytes>-…` one piece at a time, appends each piece to the store's
///   partial file and finishes with the store's hash check.
///
/// Retries, backoff and token refresh are the caller's: a result says which kind of failure it was. Not
/// thread-safe; lives on the thread of its transport's owner. The store and the transport must outlive it.
class BlobTransfer {
public:
    enum class Outcome {
        Done,
        Transient, ///< No answer, a timeout, a 5xx or `busy`: try again later; what moved is kept.
        Unauthorized, ///< The server refused the access token (401).
        Refused, ///< The server refused for good (too large, quota, forbidden, not found, hash mismatch).
        Local, ///< The blob store failed (disk, damaged file) or does not have the blob to upload.
        Corrupt, ///< The downloaded content does not match its hash; the partial download was dropped.
    };

    struct Result {
        Outcome outcome = Outcome::Done;
        /// Why it failed (the server's, the network's or the store's words; not translated).
        QString message;
        /// The server's error code and HTTP status for Refused.
        QString code;
        int status = 0;
        /// The blob's size, once known.
        qint64 size = 0;
        /// Where this transfer started: the bytes the server's session already had (upload) or the bytes already
        /// downloaded (download).
        qint64 resumedFrom = 0;
        /// Content bytes this transfer moved over the network.
        qint64 transferred = 0;

        bool isOk() const { return outcome == Outcome::Done; }
    };
    using Done = std::function<void(const Result &result)>;
    /// After each piece: its content bytes, the bytes now on the far side (upload) or here (download), the size.
    using Progress = std::function<void(qint64 bytes, qint64 have, qint64 size)>;

    /// The most content one request carries: the server takes at most 1 MiB per PUT.
    static constexpr qint64 maxPieceBytes = 1024 * 1024;

    BlobTransfer(BlobStore *store, SyncTransport *transport, ServerConnection connection);
    ~BlobTransfer();
    BlobTransfer(const BlobTransfer &) = delete;
    BlobTransfer &operator=(const BlobTransfer &) = delete;

    /// Content bytes per request, a multiple of BlobStore::chunkBytes up to maxPieceBytes (so every downloaded
    /// piece but the last is whole store chunks).
    void setPieceBytes(qint64 bytes);
    qint64 pieceBytes() const { return m_pieceBytes; }

    /// Uploads `hash` into `scope`; `done` runs once, later (or at once when the store cannot read the blob),
    /// unless abort() comes first. A transfer already running is aborted.
    void upload(const QString &scope, const QString &hash, const QByteArray &token, Progress progress, Done done);
    /// Downloads `hash` of `scope` into the store, from where an earlier download stopped; like upload().
    void download(const QString &scope, const QString &hash, const QByteArray &token, Progress progress, Done done);
    /// Drops the transfer: its request is aborted and `done` never runs. The store keeps what was done.
    void abort();
    bool isBusy() const { return m_job.has_value(); }

private:
    struct Job {
        QString scope;
        QString hash;
        QByteArray token;
        Progress progress;
        Done done;
        QString session;
        Result result;
        // A vanished session is started again once; offsets the server corrects are followed a few times.
        bool restarted = false;
        int corrections = 0;
    };

    void send(const QByteArray &verb, const QString &path, const QByteArray &body,
        std::function<void(const SyncTransport::Reply &)> handle, const QByteArray &range = {});
    void askSession();
    void startSession();
    void putFrom(qint64 offset);
    void complete();
    bool correct(qint64 received);
    void forgetSession();
    void getFrom(qint64 offset);
    void append(qint64 offset, qint64 size, const QByteArray &data);
    void succeed();
    void finish(BlobTransfer::Outcome outcome, const QString &message, const SyncTransport::Reply *reply = nullptr);
    void failWith(const SyncTransport::Reply &reply);
    QString uploadPath() const;

    BlobStore *m_store;
    SyncTransport *m_transport;
    ServerConnection m_connection;
    qint64 m_pieceBytes = maxPieceBytes;
    std::optional<Job> m_job;
    // The request in flight (transport id), 0 when none.
    quint64 m_request = 0;
    // Bumped by abort() and by every new job, so code after a callback that aborted stops.
    quint64 m_generation = 0;
};

} // namespace mts
