// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/core/syncstorage.h"

#include <QString>

#include <memory>

namespace mts {

/// The sync data in PostgreSQL (≥ 12), so that several server instances can share one database. Tables `sync_*`
/// with a `sync_meta` row `schema_version`; JSON is stored as text, byte for byte as written; record hashes as
/// bigint (the quint64 reinterpreted as signed); hashes and chains as bytea.
///
/// Locking: a write transaction runs at READ COMMITTED with `lock_timeout` 5 s and takes the head rows of its
/// buckets with `SELECT … FOR UPDATE` in bucket order, so sequence numbers are allocated under the lock and no
/// change commits behind a position already handed out. A read transaction is `REPEATABLE READ READ ONLY`, its
/// snapshot taken when it begins. A lock timeout, a serialization failure, a deadlock and a clash on an op id are
/// Error::Busy; a lost or refused connection is Error::Unavailable (the connection is reopened on next use).
///
/// Connections: one per thread and storage, opened on first use and closed when the thread ends or the storage is
/// destroyed. Prepared statements are kept per connection, so a transaction costs one round trip per call.
class PostgresSyncStorage : public SyncStorage {
public:
    /// Where and as whom to connect, as parsed from a URL.
    struct ConnectionParameters {
        QString host;
        int port = 5432;
        QString user;
        QString password;
        QString database;
        /// libpq keywords from the URL's query (`sslmode=require;connect_timeout=10`), for
        /// QSqlDatabase::setConnectOptions().
        QString options;

        /// The URL without the password, for messages and logs.
        QString displayUrl() const;
    };

    /// Parses `postgresql://user[:password]@host[:port]/dbname[?key=value&…]` (or `postgres://…`). User and
    /// password are percent-decoded; the port defaults to 5432; an IPv6 host is written in brackets. The query may
    /// carry the libpq keywords sslmode, sslrootcert, sslcert, sslkey, connect_timeout (default 10) and
    /// application_name. Error::Unavailable with a message naming the problem (never the password) otherwise.
    static Result<ConnectionParameters, Error> parseUrl(const QString &url);

    /// The schema version this build creates and understands.
    static int latestSchemaVersion();

    /// Nothing is connected until first use; a malformed URL is reported by open() and every later call.
    explicit PostgresSyncStorage(QString url);
    ~PostgresSyncStorage() override;
    PostgresSyncStorage(const PostgresSyncStorage &) = delete;
    PostgresSyncStorage &operator=(const PostgresSyncStorage &) = delete;

    QString backendName() const override { return QStringLiteral("postgresql"); }
    /// Creates the tables or migrates them, each migration in a transaction that also bumps `schema_version`.
    /// Refuses (Error::Failed) a schema newer than this build. Safe to run from several servers at once.
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

    class Connection;
    struct Connections;

private:
    /// This thread's connection to the database, opened (or reopened after a loss) on demand.
    Result<Connection *, Error> connection();

    Result<ConnectionParameters, Error> m_parameters;
    /// Shared with a hook in each thread that used it, which closes the thread's connection when the thread ends.
    std::shared_ptr<Connections> m_connections;
};

} // namespace mts
