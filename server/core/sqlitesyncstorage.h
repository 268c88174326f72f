// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/core/syncstorage.h"

#include <QMutex>
#include <QString>

#include <memory>
#include <vector>

namespace mts {

/// The embedded backend: sync data in its own SQLite file (`sync.sqlite` in the data folder), through the C API
/// with cached prepared statements, one connection per thread, WAL. A write transaction is `BEGIN IMMEDIATE`:
/// SQLite has one writer at a time, so the bucket locks of lockBuckets() are implied by it (and taken in no
/// order that could deadlock); a read transaction sees one snapshot of the WAL.
class SqliteSyncStorage : public SyncStorage {
public:
    explicit SqliteSyncStorage(QString filePath);
    ~SqliteSyncStorage() override;

    QString backendName() const override { return QStringLiteral("sqlite"); }
    bool serializesWriters() const override { return true; }
    Status<Error> open() override;
    Result<std::unique_ptr<WriteTransaction>, Error> beginWrite() override;
    Result<std::unique_ptr<ReadTransaction>, Error> beginRead() override;

    /// The schema version this build writes (`PRAGMA user_version`).
    static constexpr int schemaVersion = 1;

    class Connection;

private:
    Result<Connection *, Error> connection();

    QString m_filePath;
    QMutex m_mutex;
    std::vector<std::unique_ptr<Connection>> m_connections;
};

} // namespace mts
