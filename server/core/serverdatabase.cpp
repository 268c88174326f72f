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
        { 2,
            {
                // Accounts. `id` is the OpenID Connect subject; a role is bound to one unit (NULL: national).
                QStringLiteral("CREATE TABLE users ("
                               " id TEXT PRIMARY KEY,"
                               " username TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                               " display_name TEXT NOT NULL,"
                               " password_hash TEXT NOT NULL,"
                               " role TEXT NOT NULL,"
                               " unit_code TEXT REFERENCES units(code),"
                               " disabled INTEGER NOT NULL DEFAULT 0,"
                               " created_at INTEGER NOT NULL,"
                               " updated_at INTEGER NOT NULL)"),
                // Relying parties. A NULL secret is a public client (the desktop app, PKCE only).
                QStringLiteral("CREATE TABLE oidc_clients ("
                               " client_id TEXT PRIMARY KEY,"
                               " name TEXT NOT NULL,"
                               " secret_hash TEXT,"
                               " redirect_uris TEXT NOT NULL,"
                               " signing_alg TEXT NOT NULL DEFAULT 'RS256',"
                               " created_at INTEGER NOT NULL)"),
                QStringLiteral("CREATE TABLE signing_keys ("
                               " kid TEXT PRIMARY KEY,"
                               " alg TEXT NOT NULL,"
                               " private_key BLOB NOT NULL,"
                               " public_jwk TEXT NOT NULL,"
                               " created_at INTEGER NOT NULL,"
                               " retired_at INTEGER)"),
                // Secrets handed to clients are stored as hashes only.
                QStringLiteral("CREATE TABLE authorization_codes ("
                               " code_hash BLOB PRIMARY KEY,"
                               " client_id TEXT NOT NULL,"
                               " user_id TEXT NOT NULL REFERENCES users(id),"
                               " redirect_uri TEXT NOT NULL,"
                               " code_challenge TEXT NOT NULL,"
                               " scope TEXT NOT NULL,"
                               " nonce TEXT,"
                               " auth_time INTEGER NOT NULL,"
                               " expires_at INTEGER NOT NULL,"
                               " used_at INTEGER)"),
                QStringLiteral("CREATE TABLE refresh_tokens ("
                               " token_hash BLOB PRIMARY KEY,"
                               " chain_id TEXT NOT NULL,"
                               " client_id TEXT NOT NULL,"
                               " user_id TEXT NOT NULL REFERENCES users(id),"
                               " scope TEXT NOT NULL,"
                               " auth_time INTEGER NOT NULL,"
                               " issued_at INTEGER NOT NULL,"
                               " expires_at INTEGER NOT NULL,"
                               " spent_at INTEGER,"
                               " revoked_at INTEGER)"),
                QStringLiteral("CREATE INDEX refresh_tokens_chain ON refresh_tokens(chain_id)"),
                QStringLiteral(
                    "CREATE TABLE revoked_access_tokens (jti TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)"),
                QStringLiteral("CREATE TABLE browser_sessions ("
                               " id_hash BLOB PRIMARY KEY,"
                               " user_id TEXT NOT NULL REFERENCES users(id),"
                               " created_at INTEGER NOT NULL,"
                               " expires_at INTEGER NOT NULL,"
                               " ended_at INTEGER)"),
                // Who signed in or failed to, from where: kept for audits and to explain lockouts.
                QStringLiteral("CREATE TABLE auth_events ("
                               " id INTEGER PRIMARY KEY,"
                               " at INTEGER NOT NULL,"
                               " event TEXT NOT NULL,"
                               " username TEXT,"
                               " user_id TEXT,"
                               " client_id TEXT,"
                               " address TEXT,"
                               " detail TEXT)"),
            } },
        { 3,
            {
                // The keys that sign the sync data's audit checkpoints (AuditKeys). Never pruned: a checkpoint
                // stays verifiable for as long as it is kept. Here, not in the sync database they vouch for, so
                // that whoever can rewrite that database (a PostgreSQL administrator) cannot also re-sign it.
                QStringLiteral("CREATE TABLE audit_keys ("
                               " kid TEXT PRIMARY KEY,"
                               " private_key BLOB NOT NULL,"
                               " public_key BLOB NOT NULL,"
                               " created_at INTEGER NOT NULL,"
                               " retired_at INTEGER)"),
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
