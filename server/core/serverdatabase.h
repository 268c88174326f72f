// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/error.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace mts {

/// The server's embedded SQLite database: opening, versioned migrations, and one connection per thread
/// (database work runs on a thread pool, never on the HTTP event loop).
class ServerDatabase {
public:
    enum class Error { CannotOpen, TooNew, MigrationFailed, QueryFailed };

    /// The schema version this build creates and understands.
    static int latestSchemaVersion();

    explicit ServerDatabase(QString filePath);
    ~ServerDatabase();
    ServerDatabase(const ServerDatabase &) = delete;
    ServerDatabase &operator=(const ServerDatabase &) = delete;

    /// Creates the file if needed and migrates it to the latest schema. Refuses a database whose schema is
    /// newer than this build (it was written by a newer server; running on it could lose data).
    Status<Error> open();

    /// The schema version stored in the file (0 for a new file).
    int schemaVersion();

    /// This thread's connection, opened on first use.
    QSqlDatabase connection();

    /// A cheap round trip through the database, for health checks.
    Status<Error> ping();

    const QString &filePath() const { return m_filePath; }

private:
    QString m_filePath;
    QString m_connectionPrefix;
    QMutex m_mutex;
    QStringList m_connectionNames;
};

} // namespace mts
