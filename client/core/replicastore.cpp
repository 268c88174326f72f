// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "replicastore.h"

#include "client/core/fieldsealer.h"
#include "shared/recordschema.h"
#include "shared/scope.h"
#include "shared/textfold.h"
#include "shared/uuid7.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <sqlite3.h>

#include <iterator>

Q_LOGGING_CATEGORY(lcReplica, "mts.client.replica")

namespace mts {

namespace {

constexpr QLatin1StringView sealedPrefix("sealed:");
constexpr int busyTimeoutMs = 5000;

// The key check: a constant sealed under the data key when the replica is created. It lets open() refuse
// another account's key before anything is written with it, instead of failing on each sealed field later.
const char keyCheckName[] = "key_check";
const char keyCheckPlaintext[] = "mattranso:replica:key-check:v1";
const QString keyCheckField = QStringLiteral("meta:key_check");

const char *const statementSql[] = {
    "BEGIN IMMEDIATE",
    "COMMIT",
    "ROLLBACK",
    "SELECT kind, scope, fields FROM records WHERE id = ?1",
    "INSERT INTO records (id, kind, scope, fields, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    "UPDATE records SET fields = ?2, updated_at = ?3 WHERE id = ?1",
    "INSERT INTO outbox (op_id, record_id, kind, type, payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "SELECT fts_rowid FROM search_rows WHERE record_id = ?1",
    "INSERT INTO search_index (record_id, kind, text) VALUES (?1, ?2, ?3)",
    "UPDATE search_index SET kind = ?2, text = ?3 WHERE rowid = ?1",
    "INSERT INTO search_rows (record_id, fts_rowid) VALUES (?1, ?2)",
    "SELECT s.record_id FROM search_index AS s JOIN records AS r ON r.id = s.record_id"
    " WHERE s.search_index MATCH ?1 AND r.deleted = 0 ORDER BY s.rank",
    "SELECT count(*) FROM outbox",
};

// Format 1. search_rows maps a record to its FTS row, so an edit replaces that row by rowid instead of
// scanning the index for the record id (an UNINDEXED column); the FTS table's own rowids survive VACUUM.
const char schemaV1[] = R"sql(
CREATE TABLE records (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    scope TEXT NOT NULL,
    fields BLOB NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id TEXT NOT NULL UNIQUE,
    record_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    type TEXT NOT NULL,
    payload BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX outbox_record ON outbox (record_id);
CREATE VIRTUAL TABLE search_index USING fts5 (
    record_id UNINDEXED, kind UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE search_rows (
    record_id TEXT PRIMARY KEY,
    fts_rowid INTEGER NOT NULL UNIQUE
);
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
)sql";

/// Resets a statement and drops its bindings when the scope ends, whatever path leaves it.
class StatementUse {
public:
    explicit StatementUse(sqlite3_stmt *statement)
        : m_statement(statement)
    {
    }
    ~StatementUse()
    {
        if (m_statement) {
            sqlite3_reset(m_statement);
            sqlite3_clear_bindings(m_statement);
        }
    }
    StatementUse(const StatementUse &) = delete;
    StatementUse &operator=(const StatementUse &) = delete;

private:
    sqlite3_stmt *m_statement;
};

bool bindText(sqlite3_stmt *statement, int index, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return sqlite3_bind_text(statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT) == SQLITE_OK;
}

bool bindBlob(sqlite3_stmt *statement, int index, const QByteArray &bytes)
{
    // A zero-length blob still has to be a blob, not NULL (NOT NULL columns).
    return sqlite3_bind_blob(
               statement, index, bytes.isEmpty() ? "" : bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT)
        == SQLITE_OK;
}

QString columnText(sqlite3_stmt *statement, int column)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(statement, column));
    return QString::fromUtf8(text, sqlite3_column_bytes(statement, column));
}

QByteArray columnBlob(sqlite3_stmt *statement, int column)
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(statement, column));
    return QByteArray(data, sqlite3_column_bytes(statement, column));
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<QJsonObject> parseObject(const QByteArray &json)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

bool isSealedText(const QJsonValue &value)
{
    return value.isString() && value.toString().startsWith(sealedPrefix);
}

/// The words of a folded query as FTS5 prefix phrases, all required: `"nguyen"* "van"*`. Only letters and
/// digits make words (as for the unicode61 tokenizer), so no FTS5 syntax can come in from the user.
QString matchExpression(const QString &folded)
{
    QStringList phrases;
    QString word;
    const auto flush = [&] {
        if (!word.isEmpty())
            phrases.append(QLatin1Char('"') + word + QLatin1String("\"*"));
        word.clear();
    };
    for (const QChar c : folded) {
        if (c.isLetterOrNumber() || c.isSurrogate())
            word.append(c);
        else
            flush();
    }
    flush();
    return phrases.join(QLatin1Char(' '));
}

} // namespace

ReplicaStore::ReplicaStore(QString filePath, QByteArray dataKey)
    : m_filePath(std::move(filePath))
    , m_sealer(std::make_unique<FieldSealer>(dataKey))
{
}

ReplicaStore::~ReplicaStore()
{
    close();
}

Status<ReplicaStore::Error> ReplicaStore::open()
{
    if (m_db)
        return ok;
    if (!m_sealer->isValid())
        return mts::Error<Error> { Error::InvalidKey, QStringLiteral("The data key has the wrong size.") };

    // Created owner-only before SQLite sees it: SQLite gives the WAL and shared-memory files the permissions
    // of the database file. The names and addresses in clear are personal data too.
    if (!QFileInfo::exists(m_filePath)) {
        QFile file(m_filePath);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFile::ReadOwner | QFile::WriteOwner)
            && !QFileInfo::exists(m_filePath)) {
            return mts::Error<Error> { Error::OpenFailed,
                QStringLiteral("Cannot create %1: %2").arg(m_filePath, file.errorString()) };
        }
    }

    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(m_filePath.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr);
    if (rc != SQLITE_OK) {
        const QString message
            = QStringLiteral("Cannot open %1: %2").arg(m_filePath, QString::fromUtf8(sqlite3_errstr(rc)));
        sqlite3_close(db);
        return mts::Error<Error> { Error::OpenFailed, message };
    }
    m_db = db;
    sqlite3_extended_result_codes(m_db, 1);
    // The GUI and the CLI may share the file; wait for the other's transaction rather than fail at once.
    sqlite3_busy_timeout(m_db, busyTimeoutMs);

    auto status = configure();
    if (status)
        status = migrate();
    if (status)
        status = checkKey();
    if (!status) {
        close();
        return status;
    }
    return ok;
}

void ReplicaStore::close()
{
    for (sqlite3_stmt *&statement : m_statements) {
        sqlite3_finalize(statement);
        statement = nullptr;
    }
    if (m_db) {
        if (sqlite3_close(m_db) != SQLITE_OK)
            qCWarning(lcReplica) << "Closing the replica failed:" << sqlite3_errmsg(m_db);
        m_db = nullptr;
    }
}

Status<ReplicaStore::Error> ReplicaStore::configure()
{
    // Refuse a newer format before anything changes the file, not even its journal mode.
    sqlite3_stmt *version = nullptr;
    if (sqlite3_prepare_v2(m_db, "PRAGMA user_version", -1, &version, nullptr) != SQLITE_OK)
        return mts::Error<Error> { Error::OpenFailed, databaseError(QStringLiteral("Not a replica")).message };
    const int stepped = sqlite3_step(version);
    const int found = stepped == SQLITE_ROW ? sqlite3_column_int(version, 0) : -1;
    sqlite3_finalize(version);
    if (stepped != SQLITE_ROW)
        return mts::Error<Error> { Error::OpenFailed, databaseError(QStringLiteral("Not a replica")).message };
    if (found > formatVersion) {
        return mts::Error<Error> { Error::NewerFormat,
            QStringLiteral("The replica %1 has format %2; this version reads up to %3. Update the application.")
                .arg(m_filePath)
                .arg(found)
                .arg(formatVersion) };
    }

    sqlite3_stmt *journal = nullptr;
    if (sqlite3_prepare_v2(m_db, "PRAGMA journal_mode = WAL", -1, &journal, nullptr) != SQLITE_OK)
        return databaseError(QStringLiteral("Cannot set the journal mode"));
    const bool wal = sqlite3_step(journal) == SQLITE_ROW
        && QByteArrayView(reinterpret_cast<const char *>(sqlite3_column_text(journal, 0))) == "wal";
    sqlite3_finalize(journal);
    if (!wal)
        return databaseError(QStringLiteral("Cannot switch the replica to WAL mode"));

    if (auto status = exec("PRAGMA synchronous = NORMAL"); !status)
        return status;
    return exec("PRAGMA foreign_keys = ON");
}

Status<ReplicaStore::Error> ReplicaStore::migrate()
{
    if (auto status = exec("BEGIN IMMEDIATE"); !status)
        return status;
    const auto rollback = [this](mts::Error<Error> error) -> Status<Error> {
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        return error;
    };

    // Read again under the write lock: another process may have created or upgraded the file meanwhile.
    sqlite3_stmt *query = nullptr;
    int version = -1;
    int objects = -1;
    if (sqlite3_prepare_v2(m_db, "SELECT (SELECT user_version FROM pragma_user_version), count(*) FROM sqlite_master",
            -1, &query, nullptr)
            == SQLITE_OK
        && sqlite3_step(query) == SQLITE_ROW) {
        version = sqlite3_column_int(query, 0);
        objects = sqlite3_column_int(query, 1);
    }
    sqlite3_finalize(query);
    if (version < 0)
        return rollback(databaseError(QStringLiteral("Cannot read the replica's format")));
    if (version > formatVersion)
        return rollback({ Error::NewerFormat,
            QStringLiteral("The replica %1 has a newer format (%2): update the application.")
                .arg(m_filePath)
                .arg(version) });

    if (version == 0) {
        if (objects != 0) {
            return rollback({ Error::OpenFailed,
                QStringLiteral("%1 is an SQLite database but not a replica of this application.").arg(m_filePath) });
        }
        if (auto status = exec(schemaV1); !status)
            return rollback(status.error());
        sqlite3_stmt *insert = nullptr;
        const QByteArray check = m_sealer->seal(QString(), keyCheckField, keyCheckPlaintext);
        bool inserted = sqlite3_prepare_v2(m_db, "INSERT INTO meta (key, value) VALUES (?1, ?2)", -1, &insert, nullptr)
                == SQLITE_OK
            && bindText(insert, 1, QString::fromLatin1(keyCheckName)) && bindBlob(insert, 2, check)
            && sqlite3_step(insert) == SQLITE_DONE;
        sqlite3_finalize(insert);
        if (!inserted)
            return rollback(databaseError(QStringLiteral("Cannot create the replica")));
    }
    // Later formats: `if (version < 2) { … }`, each step in this same transaction.

    if (version != formatVersion) {
        const QByteArray pragma = "PRAGMA user_version = " + QByteArray::number(formatVersion);
        if (auto status = exec(pragma.constData()); !status)
            return rollback(status.error());
    }
    if (auto status = exec("COMMIT"); !status)
        return rollback(status.error());
    return ok;
}

Status<ReplicaStore::Error> ReplicaStore::checkKey()
{
    sqlite3_stmt *query = nullptr;
    QByteArray check;
    bool found = false;
    if (sqlite3_prepare_v2(m_db, "SELECT value FROM meta WHERE key = ?1", -1, &query, nullptr) == SQLITE_OK
        && bindText(query, 1, QString::fromLatin1(keyCheckName)) && sqlite3_step(query) == SQLITE_ROW) {
        check = columnBlob(query, 0);
        found = true;
    }
    sqlite3_finalize(query);
    if (!found)
        return mts::Error<Error> { Error::OpenFailed,
            QStringLiteral("The replica %1 is damaged: it has no key check.").arg(m_filePath) };
    const auto opened = m_sealer->open(QString(), keyCheckField, check);
    if (!opened || *opened != keyCheckPlaintext) {
        return mts::Error<Error> { Error::WrongKey,
            QStringLiteral("The replica %1 belongs to another account or data key.").arg(m_filePath) };
    }
    return ok;
}

Status<ReplicaStore::Error> ReplicaStore::exec(const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return ok;
    const QString text = QString::fromUtf8(message);
    sqlite3_free(message);
    return mts::Error<Error> { Error::Database, text };
}

sqlite3_stmt *ReplicaStore::statement(Statement which)
{
    static_assert(std::size(statementSql) == StatementCount);
    sqlite3_stmt *&cached = m_statements[which];
    if (!cached) {
        if (sqlite3_prepare_v3(m_db, statementSql[which], -1, SQLITE_PREPARE_PERSISTENT, &cached, nullptr)
            != SQLITE_OK) {
            qCWarning(lcReplica) << "Preparing statement" << int(which) << "failed:" << sqlite3_errmsg(m_db);
            sqlite3_finalize(cached);
            cached = nullptr;
        }
    }
    return cached;
}

mts::Error<ReplicaStore::Error> ReplicaStore::databaseError(const QString &what) const
{
    const int code = m_db ? sqlite3_extended_errcode(m_db) : SQLITE_MISUSE;
    const QString detail = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("not open");
    return { Error::Database, QStringLiteral("%1: %2 (SQLite %3)").arg(what, detail).arg(code) };
}

Result<QString, ReplicaStore::Error> ReplicaStore::sealValue(
    const QString &recordId, const QString &field, const QJsonValue &value) const
{
    const QByteArray plaintext = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    const QByteArray sealed = m_sealer->seal(recordId, field, plaintext);
    if (sealed.isEmpty())
        return mts::Error<Error> { Error::InvalidKey, QStringLiteral("Sealing field %1 failed.").arg(field) };
    return QString(sealedPrefix + QString::fromLatin1(sealed.toBase64()));
}

Result<QString, ReplicaStore::Error> ReplicaStore::saveLocal(
    const QString &kind, const QString &scope, const QString &recordId, const QJsonObject &fields)
{
    if (!m_db)
        return mts::Error<Error> { Error::NotOpen, QStringLiteral("The replica is not open.") };
    if (kind.isEmpty())
        return mts::Error<Error> { Error::InvalidArgument, QStringLiteral("A record needs a kind.") };
    if (!Scope::parse(scope))
        return mts::Error<Error> { Error::InvalidArgument, QStringLiteral("Invalid scope: %1").arg(scope) };
    if (fields.contains(QString()))
        return mts::Error<Error> { Error::InvalidArgument, QStringLiteral("A field has no name.") };

    sqlite3_stmt *begin = statement(Begin);
    if (!begin)
        return databaseError(QStringLiteral("Cannot start a transaction"));
    {
        const StatementUse use(begin);
        if (sqlite3_step(begin) != SQLITE_DONE)
            return databaseError(QStringLiteral("Cannot start a transaction"));
    }

    auto saved = saveInTransaction(kind, scope, recordId.isEmpty() ? createUuid7() : recordId, fields);
    if (saved) {
        sqlite3_stmt *commit = statement(Commit);
        const StatementUse use(commit);
        if (commit && sqlite3_step(commit) == SQLITE_DONE)
            return saved;
        saved = databaseError(QStringLiteral("Cannot commit the record"));
    }
    if (sqlite3_get_autocommit(m_db) == 0) {
        sqlite3_stmt *rollback = statement(Rollback);
        const StatementUse use(rollback);
        if (!rollback || sqlite3_step(rollback) != SQLITE_DONE)
            qCWarning(lcReplica) << "Rolling back a failed save failed:" << sqlite3_errmsg(m_db);
    }
    return saved;
}

Result<QString, ReplicaStore::Error> ReplicaStore::saveInTransaction(
    const QString &kind, const QString &scope, const QString &recordId, const QJsonObject &fields)
{
    const RecordSchema &schema = RecordSchema::registry();

    QJsonObject stored;
    bool exists = false;
    {
        sqlite3_stmt *select = statement(SelectRecord);
        const StatementUse use(select);
        if (!select || !bindText(select, 1, recordId))
            return databaseError(QStringLiteral("Cannot read record %1").arg(recordId));
        const int rc = sqlite3_step(select);
        if (rc == SQLITE_ROW) {
            exists = true;
            const QString storedKind = columnText(select, 0);
            const QString storedScope = columnText(select, 1);
            if (storedKind != kind) {
                return mts::Error<Error> { Error::InvalidArgument,
                    QStringLiteral("Record %1 is a %2, not a %3.").arg(recordId, storedKind, kind) };
            }
            if (storedScope != scope) {
                return mts::Error<Error> { Error::InvalidArgument,
                    QStringLiteral("Record %1 belongs to %2, not %3; moving it is another operation.")
                        .arg(recordId, storedScope, scope) };
            }
            const auto object = parseObject(columnBlob(select, 2));
            if (!object)
                return mts::Error<Error> { Error::Database, QStringLiteral("Record %1 is damaged.").arg(recordId) };
            stored = *object;
        } else if (rc != SQLITE_DONE) {
            return databaseError(QStringLiteral("Cannot read record %1").arg(recordId));
        }
    }
    if (!exists && !isUuid7(recordId))
        return mts::Error<Error> { Error::InvalidArgument, QStringLiteral("Not a record id: %1").arg(recordId) };

    const auto recordKind = schema.kind(kind);
    QJsonObject set;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        QJsonValue value = it.value();
        // Known text is stored in NFC (notes/domain.md §7); values of unknown fields pass through untouched.
        if (const auto field = recordKind ? recordKind->field(it.key()) : std::nullopt;
            field && field->type == FieldType::Text && value.isString())
            value = value.toString().normalized(QString::NormalizationForm_C);
        if (!value.isNull() && (schema.isSensitive(kind, it.key()) || isSealedText(value))) {
            auto sealed = sealValue(recordId, it.key(), value);
            if (!sealed)
                return sealed.error();
            value = sealed.value();
        }
        set.insert(it.key(), value);
        stored.insert(it.key(), value);
    }

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (exists) {
        sqlite3_stmt *update = statement(UpdateRecord);
        const StatementUse use(update);
        if (!update || !bindText(update, 1, recordId) || !bindBlob(update, 2, compactJson(stored))
            || sqlite3_bind_int64(update, 3, now) != SQLITE_OK || sqlite3_step(update) != SQLITE_DONE)
            return databaseError(QStringLiteral("Cannot update record %1").arg(recordId));
    } else {
        sqlite3_stmt *insert = statement(InsertRecord);
        const StatementUse use(insert);
        if (!insert || !bindText(insert, 1, recordId) || !bindText(insert, 2, kind) || !bindText(insert, 3, scope)
            || !bindBlob(insert, 4, compactJson(stored)) || sqlite3_bind_int64(insert, 5, now) != SQLITE_OK
            || sqlite3_step(insert) != SQLITE_DONE)
            return databaseError(QStringLiteral("Cannot insert record %1").arg(recordId));
    }

    {
        const QString opId = createUuid7();
        const QString type = exists ? QStringLiteral("update") : QStringLiteral("create");
        const QJsonObject op {
            { QStringLiteral("op_id"), opId },
            { QStringLiteral("type"), type },
            { QStringLiteral("record_id"), recordId },
            { QStringLiteral("kind"), kind },
            { QStringLiteral("scope"), scope },
            { QStringLiteral("schema_version"), schema.version() },
            { QStringLiteral("set"), set },
        };
        sqlite3_stmt *insert = statement(InsertOp);
        const StatementUse use(insert);
        if (!insert || !bindText(insert, 1, opId) || !bindText(insert, 2, recordId) || !bindText(insert, 3, kind)
            || !bindText(insert, 4, type) || !bindBlob(insert, 5, compactJson(op))
            || sqlite3_bind_int64(insert, 6, now) != SQLITE_OK || sqlite3_step(insert) != SQLITE_DONE)
            return databaseError(QStringLiteral("Cannot queue the change of record %1").arg(recordId));
    }

    // Only the non-sensitive text fields of a known kind are indexed; a value that had to be sealed (a plain
    // string that looked sealed) is left out as well.
    QStringList words;
    if (recordKind) {
        for (const RecordField &field : recordKind->fields) {
            const QJsonValue value = stored.value(field.name);
            if (field.type == FieldType::Text && !field.sensitive && value.isString() && !isSealedText(value))
                words.append(foldForSearch(value.toString()));
        }
    }
    words.removeAll(QString());
    const QString text = words.join(QLatin1Char(' '));

    sqlite3_int64 ftsRow = -1;
    {
        sqlite3_stmt *select = statement(SelectSearchRow);
        const StatementUse use(select);
        if (!select || !bindText(select, 1, recordId))
            return databaseError(QStringLiteral("Cannot index record %1").arg(recordId));
        const int rc = sqlite3_step(select);
        if (rc == SQLITE_ROW)
            ftsRow = sqlite3_column_int64(select, 0);
        else if (rc != SQLITE_DONE)
            return databaseError(QStringLiteral("Cannot index record %1").arg(recordId));
    }
    if (ftsRow >= 0) {
        sqlite3_stmt *update = statement(UpdateSearch);
        const StatementUse use(update);
        if (!update || sqlite3_bind_int64(update, 1, ftsRow) != SQLITE_OK || !bindText(update, 2, kind)
            || !bindText(update, 3, text) || sqlite3_step(update) != SQLITE_DONE)
            return databaseError(QStringLiteral("Cannot index record %1").arg(recordId));
    } else {
        sqlite3_stmt *insert = statement(InsertSearch);
        const StatementUse use(insert);
        if (!insert || !bindText(insert, 1, recordId) || !bindText(insert, 2, kind) || !bindText(insert, 3, text)
            || sqlite3_step(insert) != SQLITE_DONE)
            return databaseError(QStringLiteral("Cannot index record %1").arg(recordId));
        ftsRow = sqlite3_last_insert_rowid(m_db);
        sqlite3_stmt *map = statement(InsertSearchRow);
        const StatementUse mapUse(map);
        if (!map || !bindText(map, 1, recordId) || sqlite3_bind_int64(map, 2, ftsRow) != SQLITE_OK
            || sqlite3_step(map) != SQLITE_DONE)
            return databaseError(QStringLiteral("Cannot index record %1").arg(recordId));
    }
    return recordId;
}

Result<QJsonObject, ReplicaStore::Error> ReplicaStore::record(const QString &id)
{
    if (!m_db)
        return mts::Error<Error> { Error::NotOpen, QStringLiteral("The replica is not open.") };
    QJsonObject fields;
    {
        sqlite3_stmt *select = statement(SelectRecord);
        const StatementUse use(select);
        if (!select || !bindText(select, 1, id))
            return databaseError(QStringLiteral("Cannot read record %1").arg(id));
        const int rc = sqlite3_step(select);
        if (rc == SQLITE_DONE)
            return mts::Error<Error> { Error::NotFound, QStringLiteral("No record %1.").arg(id) };
        if (rc != SQLITE_ROW)
            return databaseError(QStringLiteral("Cannot read record %1").arg(id));
        const auto object = parseObject(columnBlob(select, 2));
        if (!object)
            return mts::Error<Error> { Error::Database, QStringLiteral("Record %1 is damaged.").arg(id) };
        fields = *object;
    }

    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (!isSealedText(it.value()))
            continue;
        const auto unreadable = [&] {
            return mts::Error<Error> { Error::SealedFieldUnreadable,
                QStringLiteral("Field %1 of record %2 does not open: it was altered or sealed under another key.")
                    .arg(it.key(), id) };
        };
        const auto sealed = QByteArray::fromBase64Encoding(
            it.value().toString().sliced(sealedPrefix.size()).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!sealed)
            return unreadable();
        const auto opened = m_sealer->open(id, it.key(), *sealed);
        if (!opened)
            return unreadable();
        QJsonParseError error {};
        const QJsonDocument document = QJsonDocument::fromJson(*opened, &error);
        if (error.error != QJsonParseError::NoError || !document.isArray() || document.array().size() != 1)
            return unreadable();
        it.value() = document.array().first();
    }
    return fields;
}

Result<QStringList, ReplicaStore::Error> ReplicaStore::search(const QString &query)
{
    if (!m_db)
        return mts::Error<Error> { Error::NotOpen, QStringLiteral("The replica is not open.") };
    const QString expression = matchExpression(foldForSearch(query));
    if (expression.isEmpty())
        return QStringList();

    sqlite3_stmt *select = statement(Search);
    const StatementUse use(select);
    if (!select || !bindText(select, 1, expression))
        return databaseError(QStringLiteral("Cannot search"));
    QStringList ids;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(select)) == SQLITE_ROW)
        ids.append(columnText(select, 0));
    if (rc != SQLITE_DONE)
        return databaseError(QStringLiteral("Cannot search"));
    return ids;
}

int ReplicaStore::pendingCount()
{
    if (!m_db)
        return -1;
    sqlite3_stmt *count = statement(CountOps);
    const StatementUse use(count);
    if (!count || sqlite3_step(count) != SQLITE_ROW)
        return -1;
    return sqlite3_column_int(count, 0);
}

Status<ReplicaStore::Error> ReplicaStore::checkpoint()
{
    if (!m_db)
        return mts::Error<Error> { Error::NotOpen, QStringLiteral("The replica is not open.") };
    if (sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr) != SQLITE_OK)
        return databaseError(QStringLiteral("Cannot checkpoint the replica"));
    return ok;
}

} // namespace mts
