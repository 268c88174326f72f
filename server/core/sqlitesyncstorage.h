// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/core/syncstorage.h"

#include <QMutex>
#include <QString>

#include <memory>
#include <mutex>
#include <vector>

namespace mts {

class WalCheckpointer;

/// The embedded backend: sync data in its own SQLite file (`sync.sqlite` in the data folder), through the C API
/// with cached prepared statements, one connection per thread, WAL. A write transaction is `BEGIN IMMEDIATE`:
/// SQLite has one writer at a time, so the bucket locks of lockBuckets() are implied by it (and taken in no
/// order that could deadlock); a read transaction sees one snapshot of the WAL. Write transactions of this process
/// also queue on a mutex before `BEGIN IMMEDIATE`: the next batch starts the moment the one before commits,
/// where SQLite's busy handler would have it sleep and poll. The log is checkpointed on a thread
/// of its own (WalCheckpointer), so that a push does not wait for it.
class SqliteSyncStorage : public SyncStorage {
public:
    explicit SqliteSyncStorage(QString filePath);
    ~SqliteSyncStorage() override;

    QString backendName() const override { return QStringLiteral("sqlite"); }
    bool serializesWriters() const override { return true; }
    Status<Error> open() override;
    Result<std::unique_ptr<WriteTransaction>, Error> beginWrite() override;
    Result<std::unique_ptr<ReadTransaction>, Error> beginRead() override;

    Result<std::optional<StoredBlob>, Error> findBlob(const QString &scope, const QString &hash) override;
    Result<qint64, Error> userBlobBytes(const QString &userId) override;
    Status<Error> createUpload(const UploadSession &session) override;
    Result<std::optional<UploadSession>, Error> findUpload(const QString &id) override;
    Result<qint64, Error> appendUpload(const QString &id, qint64 offset, const QByteArray &data, qint64 at) override;
    Status<Error> readUpload(const QString &id, const std::function<bool(const QByteArray &)> &chunk) override;
    Result<bool, Error> completeUpload(const QString &id, const StoredBlob &blob) override;
    Status<Error> discardUpload(const QString &id) override;
    Result<ExpiredUploads, Error> expireUploads(qint64 idleSince, const QString &userId) override;
    Result<QByteArray, Error> readBlob(
        const QString &scope, const QString &hash, qint64 offset, qint64 length) override;
    Result<QList<BlobReferrer>, Error> blobReferrers(const QString &scope, const QString &hash) override;
    Result<bool, Error> insertCheckpoint(const AuditCheckpoint &checkpoint) override;
    Result<QList<AuditCheckpoint>, Error> checkpoints(qint64 after, int limit) override;
    Result<std::optional<AuditCheckpoint>, Error> latestCheckpoint() override;

    /// The schema version this build writes (`PRAGMA user_version`): 1 the sync tables, 2 the blob tables, 3 the
    /// audit checkpoints, 4 the upload sessions' last activity, 5 blobs shared into the scope a record moved to, 6 the
    /// ends of push batches.
    static constexpr int schemaVersion = 6;
    /// How many checkpoints its own checkpointing thread has run (WalCheckpointer::completed()): commits leave
    /// them to it until the log is very long.
    int backgroundCheckpoints() const;

    class Connection;

private:
    Result<Connection *, Error> connection();

    QString m_filePath;
    QMutex m_mutex;
    std::timed_mutex m_writer;
    // Declared before the connections, whose commits call it: it outlives them.
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    std::vector<std::unique_ptr<Connection>> m_connections;
};

} // namespace mts
