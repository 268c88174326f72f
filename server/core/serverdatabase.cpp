// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverdatabase.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

Q_LOGGING_CATEGORY(lcStorage, "mts.server.storage")

namespace mts {

namespace {

struct Migration {
    int version;
    QStringList statements;
};

// Append only: a released migration is never edited, a change is a new migration.
const QList<Migration> &migrations()
{
    static const QList<Migration> list {
        { 1,
            {
                QStringLiteral("CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
                // Administrative units of QĐ 19/2025: provinces (2-digit codes) and communes (5-digit codes),
                // plus residential areas below communes (codes of our own, prefixed by the commune code).
                QStringLiteral("CREATE TABLE units ("
                               " code TEXT PRIMARY KEY,"
                               " name TEXT NOT NULL,"
                               " kind TEXT NOT NULL CHECK (kind IN ('province', 'commune', 'area')),"
                               " parent_code TEXT REFERENCES units(code),"
                               " CHECK ((kind = 'province') = (parent_code IS NULL)))"),
                QStringLiteral("CREATE INDEX units_parent ON units(parent_code)"),
            } },
    };
    return list;
}

} // namespace

int ServerDatabase::latestSchemaVersion()
{
    return migrations().constLast().version;
}

ServerDatabase::ServerDatabase(QString filePath)
    : m_filePath(std::move(filePath))
    , m_connectionPrefix(QStringLiteral("mts-server-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

ServerDatabase::~ServerDatabase()
{
    const QMutexLocker locker(&m_mutex);
    for (const QString &name : std::as_const(m_connectionNames)) {
        QSqlDatabase::database(name, false).close();
        QSqlDatabase::removeDatabase(name);
    }
}

QSqlDatabase ServerDatabase::connection()
{
    const QString name
        = m_connectionPrefix + u'-' + QString::number(reinterpret_cast<quintptr>(QThread::currentThread()));
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_filePath);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (db.open()) {
        QSqlQuery pragma(db);
        // WAL lets readers proceed while a writer commits; NORMAL is durable across process crashes in WAL mode.
        for (const char *statement :
            { "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON" }) {
            if (!pragma.exec(QString::fromLatin1(statement)))
                qCWarning(lcStorage) << statement << "failed:" << pragma.lastError().text();
            pragma.finish();
        }
    } else {
        qCWarning(lcStorage) << "cannot open" << m_filePath << db.lastError().text();
    }
    const QMutexLocker locker(&m_mutex);
    m_connectionNames.append(name);
    return db;
}

int ServerDatabase::schemaVersion()
{
    QSqlQuery query(connection());
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return -1;
    return query.value(0).toInt();
}

Status<ServerDatabase::Error> ServerDatabase::open()
{
    QSqlDatabase db = connection();
    if (!db.isOpen())
        return mts::Error<ServerDatabase::Error> { Error::CannotOpen,
            QStringLiteral("cannot open the database %1: %2").arg(m_filePath, db.lastError().text()) };
    const int current = schemaVersion();
    if (current < 0)
        return mts::Error<ServerDatabase::Error> { Error::CannotOpen,
            QStringLiteral("%1 is not a readable SQLite database").arg(m_filePath) };
    if (current > latestSchemaVersion())
        return mts::Error<ServerDatabase::Error> { Error::TooNew,
            QStringLiteral("the database %1 has schema version %2, newer than this server understands (%3); "
                           "run the newer server or restore a backup")
                .arg(m_filePath)
                .arg(current)
                .arg(latestSchemaVersion()) };
    for (const Migration &migration : migrations()) {
        if (migration.version <= current)
            continue;
        // Each migration and its version bump commit together: a crash leaves the previous version intact.
        if (!db.transaction())
            return mts::Error<ServerDatabase::Error> { Error::MigrationFailed, db.lastError().text() };
        QSqlQuery query(db);
        for (const QString &statement : migration.statements) {
            if (!query.exec(statement)) {
                const QString message = query.lastError().text();
                db.rollback();
                return mts::Error<ServerDatabase::Error> { Error::MigrationFailed,
                    QStringLiteral("migration %1 failed: %2").arg(migration.version).arg(message) };
            }
        }
        if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(migration.version)) || !db.commit()) {
            const QString message = query.lastError().text();
            db.rollback();
            return mts::Error<ServerDatabase::Error> { Error::MigrationFailed, message };
        }
        qCInfo(lcStorage) << "database migrated to schema version" << migration.version;
    }
    return ok;
}

Status<ServerDatabase::Error> ServerDatabase::ping()
{
    QSqlQuery query(connection());
    if (!query.exec(QStringLiteral("SELECT 1")) || !query.next())
        return mts::Error<ServerDatabase::Error> { Error::QueryFailed, query.lastError().text() };
    return ok;
}

} // namespace mts
