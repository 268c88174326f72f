// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/postgressyncstorage.h"

#include <libpq-fe.h>

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>
#include <QtEndian>

#include <array>
#include <atomic>
#include <cstring>
#include <unordered_map>
#include <vector>

Q_LOGGING_CATEGORY(lcPostgres, "mts.server.postgres")

namespace mts {

namespace {

using StorageError = mts::Error<SyncStorage::Error>;

struct Migration {
    int version;
    QStringList statements;
};

// Append only: a released migration is never edited, a change is a new migration. Keys are COLLATE "C": byte
// order is the same on every server whatever its locale, and compares fastest.
const QList<Migration> &migrations()
{
    static const QList<Migration> list {
        { 1,
            {
                QStringLiteral("CREATE TABLE sync_buckets ("
                               " bucket text COLLATE \"C\" PRIMARY KEY,"
                               " seq bigint NOT NULL,"
                               " count bigint NOT NULL,"
                               " sum bigint NOT NULL,"
                               " chain bytea NOT NULL)"),
                QStringLiteral("CREATE TABLE sync_records ("
                               " id text COLLATE \"C\" PRIMARY KEY,"
                               " kind text NOT NULL,"
                               " scope text NOT NULL,"
                               " bucket text COLLATE \"C\" NOT NULL,"
                               " version bigint NOT NULL,"
                               " fields text NOT NULL,"
                               " stamps text NOT NULL,"
                               " deleted boolean NOT NULL,"
                               " updated_by text NOT NULL,"
                               " updated_at bigint NOT NULL)"),
                QStringLiteral("CREATE INDEX sync_records_bucket_version ON sync_records (bucket, version)"),
                QStringLiteral("CREATE TABLE sync_changes ("
                               " bucket text COLLATE \"C\" NOT NULL,"
                               " seq bigint NOT NULL,"
                               " record_id text COLLATE \"C\" NOT NULL,"
                               " record_hash bigint NOT NULL,"
                               " left_bucket boolean NOT NULL,"
                               " chain bytea NOT NULL,"
                               " at bigint NOT NULL,"
                               " PRIMARY KEY (bucket, seq))"),
                // Pull looks for departures only; they are rare, so a partial index spares it the whole log.
                QStringLiteral("CREATE INDEX sync_changes_departures ON sync_changes (bucket, seq) WHERE left_bucket"),
                QStringLiteral("CREATE TABLE sync_ops ("
                               " op_id text COLLATE \"C\" PRIMARY KEY,"
                               " content_hash bytea NOT NULL,"
                               " user_id text NOT NULL,"
                               " record_id text NOT NULL,"
                               " outcome text NOT NULL,"
                               " code text NOT NULL,"
                               " message text NOT NULL,"
                               " received_at bigint NOT NULL)"),
                QStringLiteral("CREATE TABLE sync_conflicts ("
                               " id text COLLATE \"C\" PRIMARY KEY,"
                               " record_id text NOT NULL,"
                               " bucket text COLLATE \"C\" NOT NULL,"
                               " op_id text NOT NULL,"
                               " user_id text NOT NULL,"
                               " reason text NOT NULL,"
                               " op text NOT NULL,"
                               " current text NOT NULL,"
                               " at bigint NOT NULL)"),
                QStringLiteral("CREATE INDEX sync_conflicts_bucket_at ON sync_conflicts (bucket, at)"),
            } },
        // Blobs (DESIGN.md, "Blobs"): content in chunks of at most 1 MiB in the database, so every instance on it
        // serves every blob. "offset" is reserved in SQL: the column is chunk_offset.
        { 2,
            {
                QStringLiteral("CREATE TABLE sync_blobs ("
                               " scope text COLLATE \"C\" NOT NULL,"
                               " hash text COLLATE \"C\" NOT NULL,"
                               " size bigint NOT NULL,"
                               " created_by text NOT NULL,"
                               " created_at bigint NOT NULL,"
                               " PRIMARY KEY (scope, hash))"),
                QStringLiteral("CREATE INDEX sync_blobs_creator ON sync_blobs (created_by)"),
                QStringLiteral("CREATE TABLE sync_blob_chunks ("
                               " scope text COLLATE \"C\" NOT NULL,"
                               " hash text COLLATE \"C\" NOT NULL,"
                               " chunk_offset bigint NOT NULL,"
                               " data bytea NOT NULL,"
                               " PRIMARY KEY (scope, hash, chunk_offset))"),
                QStringLiteral("CREATE TABLE sync_uploads ("
                               " id text COLLATE \"C\" PRIMARY KEY,"
                               " user_id text NOT NULL,"
                               " scope text NOT NULL,"
                               " hash text NOT NULL,"
                               " size bigint NOT NULL,"
                               " received bigint NOT NULL,"
                               " created_at bigint NOT NULL)"),
                QStringLiteral("CREATE INDEX sync_uploads_user ON sync_uploads (user_id)"),
                QStringLiteral("CREATE TABLE sync_upload_chunks ("
                               " upload_id text COLLATE \"C\" NOT NULL,"
                               " chunk_offset bigint NOT NULL,"
                               " data bytea NOT NULL,"
                               " PRIMARY KEY (upload_id, chunk_offset))"),
                QStringLiteral("CREATE TABLE sync_blob_refs ("
                               " scope text COLLATE \"C\" NOT NULL,"
                               " hash text COLLATE \"C\" NOT NULL,"
                               " record_id text COLLATE \"C\" NOT NULL,"
                               " PRIMARY KEY (scope, hash, record_id))"),
                QStringLiteral("CREATE INDEX sync_blob_refs_record ON sync_blob_refs (record_id)"),
            } },
        // Audit checkpoints (DESIGN.md, "Audit"): written seldom, read by the audit only.
        { 3,
            {
                QStringLiteral("CREATE TABLE sync_checkpoints ("
                               " number bigint PRIMARY KEY,"
                               " created_at bigint NOT NULL,"
                               " key_id text NOT NULL,"
                               " payload bytea NOT NULL,"
                               " signature bytea NOT NULL)"),
            } },
        // An upload session's last activity, so that an abandoned one expires (the index finds the stale few
        // without reading the rest).
        { 4,
            {
                QStringLiteral("ALTER TABLE sync_uploads ADD COLUMN active_at bigint NOT NULL DEFAULT 0"),
                QStringLiteral("UPDATE sync_uploads SET active_at = created_at"),
                QStringLiteral("CREATE INDEX sync_uploads_active ON sync_uploads (active_at)"),
            } },
        // A blob a moved record brought into another scope names the scope whose chunks hold its content
        // (content_scope; NULL: its own chunks): stored once, counted once against the quota. Blobs are never
        // deleted today; whatever deletes one some day must keep its chunks while another row names its scope.
        { 5,
            {
                QStringLiteral("ALTER TABLE sync_blobs ADD COLUMN content_scope text COLLATE \"C\""),
            } },
        // The ends of push batches (PushTail), for a batch sent behind another; the index finds the old ones to drop.
        { 6,
            {
                QStringLiteral("CREATE TABLE sync_push_tails ("
                               " op_id text COLLATE \"C\" PRIMARY KEY,"
                               " user_id text NOT NULL,"
                               " rejected integer NOT NULL,"
                               " at bigint NOT NULL)"),
                QStringLiteral("CREATE INDEX sync_push_tails_at ON sync_push_tails (at)"),
            } },
    };
    return list;
}

// Any constant: serialises open() between servers starting at once on one database.
constexpr qint64 migrationLockKey = 0x6d74732d73796e63; // "mts-sync"

// The statements a connection prepares once and reuses. Array parameters are PostgreSQL array literals (see
// ArrayLiteral): one statement carries a whole batch, whatever its size, so the plan is prepared once.
enum Statement {
    InsertHeads,
    LockHeads,
    FindOps,
    LoadRecords,
    WriteAll,
    Heads,
    AllHeads,
    ChangesAfter,
    Conflicts,
    ChangeLog,
    StatementCount,
};

const char *statementText(Statement statement)
{
    switch (statement) {
    case InsertHeads:
        // In the order given (sorted): two batches creating the same heads wait for each other, never deadlock.
        return "INSERT INTO sync_buckets (bucket, seq, count, sum, chain)"
               " SELECT b, 0, 0, 0, ''::bytea FROM unnest(?::text[]) WITH ORDINALITY AS t(b, n) ORDER BY n"
               " ON CONFLICT (bucket) DO NOTHING";
    case LockHeads:
        // Rows are locked after the sort, so every writer takes them in the same order.
        return "SELECT bucket, seq, count, sum, chain FROM sync_buckets WHERE bucket = ANY(?::text[])"
               " ORDER BY bucket FOR UPDATE";
    case FindOps:
        return "SELECT op_id, content_hash, user_id, record_id, outcome, code, message, received_at"
               " FROM sync_ops WHERE op_id = ANY(?::text[])";
    case LoadRecords:
        return "SELECT id, kind, scope, bucket, version, fields, stamps, deleted, updated_by, updated_at"
               " FROM sync_records WHERE id = ANY(?::text[])";
    case WriteAll:
        // One round trip for the whole batch: data-modifying CTEs all run to completion. The arrays are unnested in
        // the select lists, in step: unnest() of several arrays in FROM collects its whole result in a tuple store
        // first, a fifth of PostgreSQL's work for a batch of 2,000 ops.
        // New records are inserted as they are (an insert that looks for a conflict first costs a quarter more),
        // then the changed ones upserted.
        return "WITH n AS (INSERT INTO sync_records"
               " (id, kind, scope, bucket, version, fields, stamps, deleted, updated_by, updated_at)"
               " SELECT unnest(?::text[]), unnest(?::text[]), unnest(?::text[]), unnest(?::text[]),"
               " unnest(?::bigint[]), unnest(?::text[]), unnest(?::text[]), unnest(?::boolean[]), unnest(?::text[]),"
               " unnest(?::bigint[])),"
               " r AS (INSERT INTO sync_records"
               " (id, kind, scope, bucket, version, fields, stamps, deleted, updated_by, updated_at)"
               " SELECT unnest(?::text[]), unnest(?::text[]), unnest(?::text[]), unnest(?::text[]),"
               " unnest(?::bigint[]), unnest(?::text[]), unnest(?::text[]), unnest(?::boolean[]), unnest(?::text[]),"
               " unnest(?::bigint[])"
               " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, scope = excluded.scope,"
               " bucket = excluded.bucket, version = excluded.version, fields = excluded.fields,"
               " stamps = excluded.stamps, deleted = excluded.deleted, updated_by = excluded.updated_by,"
               " updated_at = excluded.updated_at),"
               " o AS (INSERT INTO sync_ops"
               " (op_id, content_hash, user_id, record_id, outcome, code, message, received_at)"
               " SELECT unnest(?::text[]), decode(unnest(?::text[]), 'hex'), unnest(?::text[]), unnest(?::text[]),"
               " unnest(?::text[]), unnest(?::text[]), unnest(?::text[]), unnest(?::bigint[])),"
               " c AS (INSERT INTO sync_changes (bucket, seq, record_id, record_hash, left_bucket, chain, at)"
               " SELECT unnest(?::text[]), unnest(?::bigint[]), unnest(?::text[]), unnest(?::bigint[]),"
               " unnest(?::boolean[]), decode(unnest(?::text[]), 'hex'), unnest(?::bigint[])),"
               " x AS (INSERT INTO sync_conflicts (id, record_id, bucket, op_id, user_id, reason, op, current, at)"
               " SELECT unnest(?::text[]), unnest(?::text[]), unnest(?::text[]), unnest(?::text[]), unnest(?::text[]),"
               " unnest(?::text[]), unnest(?::text[]), unnest(?::text[]), unnest(?::bigint[])),"
               " h AS (UPDATE sync_buckets AS s SET seq = t.seq, count = t.count, sum = t.sum,"
               " chain = decode(t.chain, 'hex')"
               " FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[]) AS t(bucket, seq, count,"
               " sum, chain) WHERE s.bucket = t.bucket)"
               " SELECT 1";
    case Heads:
        return "SELECT bucket, seq, count, sum, chain FROM sync_buckets WHERE bucket = ANY(?::text[]) ORDER BY bucket";
    case AllHeads:
        return "SELECT bucket, seq, count, sum, chain FROM sync_buckets ORDER BY bucket";
    case ChangesAfter:
        // A departure is news only while the record has not come back to the bucket since.
        // Each branch is ordered and limited by itself, so it reads its index in order and stops: with the limit
        // only outside, the plan PostgreSQL keeps for a prepared statement (generic, blind to the position) read
        // the whole bucket and sorted it — 40 ms for a 100-change pull from a bucket of 100,000 records.
        return "(SELECT false, id, kind, scope, version, fields, stamps, deleted, updated_by, updated_at"
               " FROM sync_records WHERE bucket = ? AND version > ? ORDER BY version LIMIT ?)"
               " UNION ALL"
               " (SELECT true, c.record_id, NULL, NULL, c.seq, NULL, NULL, NULL, NULL, NULL FROM sync_changes AS c"
               " WHERE c.bucket = ? AND c.seq > ? AND c.left_bucket AND NOT EXISTS (SELECT 1 FROM sync_records AS r"
               " WHERE r.id = c.record_id AND r.bucket = c.bucket AND r.version > c.seq) ORDER BY c.seq LIMIT ?)"
               " ORDER BY 5 LIMIT ?";
    case Conflicts:
        return "SELECT id, record_id, bucket, op_id, user_id, reason, op, current, at FROM sync_conflicts"
               " WHERE bucket = ? ORDER BY at, id";
    case ChangeLog:
        return "SELECT bucket, seq, record_id, record_hash, left_bucket, chain, at FROM sync_changes"
               " WHERE bucket = ? AND seq > ? ORDER BY seq LIMIT ?";
    case StatementCount:
        break;
    }
    return "";
}

/// A one-dimensional PostgreSQL array literal (`{"a","b\"c"}`), the text form of one array parameter.
class ArrayLiteral {
public:
    explicit ArrayLiteral(qsizetype expectedCount = 0, qsizetype bytesPerItem = 4)
    {
        m_text.reserve(2 + expectedCount * (bytesPerItem + 3));
        m_text.append(u'{');
    }

    void add(QStringView text)
    {
        separate();
        m_text.append(u'"');
        qsizetype start = 0;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar ch = text[i];
            if (ch == u'"' || ch == u'\\') {
                m_text.append(text.mid(start, i - start));
                m_text.append(u'\\');
                start = i;
            }
        }
        m_text.append(text.mid(start));
        m_text.append(u'"');
    }
    void add(qint64 number)
    {
        separate();
        m_text.append(QString::number(number));
    }
    void add(bool value)
    {
        separate();
        m_text.append(value ? u't' : u'f');
    }
    /// Bytes as hex digits, for decode(…, 'hex'); quoted, since an empty unquoted element is no element at all.
    void addHex(const QByteArray &bytes)
    {
        separate();
        m_text.append(u'"');
        m_text.append(QLatin1String(bytes.toHex()));
        m_text.append(u'"');
    }

    QString take()
    {
        m_text.append(u'}');
        return std::move(m_text);
    }

private:
    void separate()
    {
        if (m_count++ > 0)
            m_text.append(u',');
    }

    qsizetype m_count = 0;
    QString m_text;
};

// A one-dimensional array in PostgreSQL's binary form (array_send() in arrayfuncs.c: dimensions, element type,
// then each element as its length and bytes), for the batch write. Sent as a binary parameter it has nothing to
// escape here and nothing to scan or parse on the server, where the text form of a batch's arrays, written into
// the statement, was a quarter of the work.
class BinaryArray {
public:
    /// The element's type OID (pg_type.dat).
    enum class Element : quint32 { Bool = 16, Int8 = 20, Text = 25 };

    BinaryArray(Element element, qsizetype expectedCount, qsizetype bytesPerItem)
        : m_element(element)
    {
        m_body.reserve(expectedCount * (bytesPerItem + 4));
    }

    void addUtf8(QByteArrayView utf8)
    {
        appendInt32(quint32(utf8.size()));
        m_body.append(utf8.data(), utf8.size());
        ++m_count;
    }
    void add(QStringView text) { addUtf8(text.toUtf8()); }
    void add(qint64 number)
    {
        appendInt32(8);
        const quint64 big = qToBigEndian(quint64(number));
        m_body.append(reinterpret_cast<const char *>(&big), 8);
        ++m_count;
    }
    void add(bool value)
    {
        appendInt32(1);
        m_body.append(value ? '\1' : '\0');
        ++m_count;
    }
    /// Bytes as hex digits, for decode(…, 'hex').
    void addHex(const QByteArray &bytes) { addUtf8(bytes.toHex()); }

    /// The OID of the array type (text[], int8[], bool[]).
    quint32 arrayType() const
    {
        switch (m_element) {
        case Element::Bool:
            return 1000;
        case Element::Int8:
            return 1016;
        case Element::Text:
            return 1009;
        }
        return 0;
    }

    QByteArray take() const
    {
        QByteArray out;
        out.reserve(20 + m_body.size());
        const auto int32 = [&out](quint32 value) {
            const quint32 big = qToBigEndian(value);
            out.append(reinterpret_cast<const char *>(&big), 4);
        };
        int32(m_count > 0 ? 1 : 0); // dimensions (an empty array has none)
        int32(0); // no nulls
        int32(quint32(m_element));
        if (m_count > 0) {
            int32(quint32(m_count));
            int32(1); // lower bound
        }
        out.append(m_body);
        return out;
    }

private:
    void appendInt32(quint32 value)
    {
        const quint32 big = qToBigEndian(value);
        m_body.append(reinterpret_cast<const char *>(&big), 4);
    }

    Element m_element;
    qsizetype m_count = 0;
    QByteArray m_body;
};

QJsonObject jsonObject(const QVariant &text)
{
    return QJsonDocument::fromJson(text.toString().toUtf8()).object();
}

QString arrayOf(const QStringList &items)
{
    ArrayLiteral array(items.size(), 36);
    for (const QString &item : items)
        array.add(QStringView(item));
    return array.take();
}

// What the driver said, mapped to what the caller can do about it (SQLSTATE codes: PostgreSQL appendix A).
StorageError databaseError(const QString &state, const QString &databaseText, const QString &text, const QString &what)
{
    const QString message = what + QStringLiteral(": ") + text;
    static const QStringList busyStates { QStringLiteral("55P03"), QStringLiteral("40001"), QStringLiteral("40P01") };
    if (busyStates.contains(state))
        return { SyncStorage::Error::Busy, message };
    // An op id another batch stored first (it waited for that batch to commit): the resend gets its outcome.
    if (state == QLatin1String("23505") && databaseText.contains(QLatin1String("sync_ops_pkey")))
        return { SyncStorage::Error::Busy, message };
    // No SQLSTATE: libpq lost the connection (or never had it); class 08 and 57P01–03: the server went away.
    if (state.isEmpty() || state.startsWith(QLatin1String("08")) || state.startsWith(QLatin1String("57P"))
        || state == QLatin1String("53300"))
        return { SyncStorage::Error::Unavailable, message };
    return { SyncStorage::Error::Failed, message };
}

StorageError databaseError(const QSqlError &error, const QString &what)
{
    return databaseError(error.nativeErrorCode(), error.databaseText(), error.text(), what);
}

BucketState headFrom(const QSqlQuery &query)
{
    BucketState state;
    state.bucket = query.value(0).toString();
    state.seq = query.value(1).toLongLong();
    state.checksum.count = quint64(query.value(2).toLongLong());
    state.checksum.sum = quint64(query.value(3).toLongLong());
    state.chain = query.value(4).toByteArray();
    return state;
}

StoredRecord recordFrom(const QSqlQuery &query)
{
    StoredRecord record;
    record.id = query.value(0).toString();
    record.kind = query.value(1).toString();
    record.scope = query.value(2).toString();
    record.bucket = query.value(3).toString();
    record.version = query.value(4).toLongLong();
    record.fields = jsonObject(query.value(5));
    record.setStoredStamps(jsonObject(query.value(6)));
    record.deleted = query.value(7).toBool();
    record.updatedBy = query.value(8).toString();
    record.updatedAt = query.value(9).toLongLong();
    return record;
}

// Unique for the life of the process, unlike a QThread address, which a later thread may reuse.
quint64 threadToken()
{
    static std::atomic<quint64> next { 1 };
    thread_local const quint64 token = next.fetch_add(1);
    return token;
}

} // namespace

/// One thread's connection: the QSqlDatabase, its prepared statements, and whether a transaction is open on it.
class PostgresSyncStorage::Connection {
public:
    Connection(const QString &name, const ConnectionParameters &parameters)
        : m_name(name)
        , m_parameters(parameters)
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
        m_db.setHostName(parameters.host);
        m_db.setPort(parameters.port);
        m_db.setUserName(parameters.user);
        m_db.setPassword(parameters.password);
        m_db.setDatabaseName(parameters.database);
        m_db.setConnectOptions(parameters.options);
    }

    ~Connection()
    {
        for (auto &statement : m_statements)
            statement.reset();
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }

    /// Opens the connection, or reopens it after a loss.
    Status<Error> ensureOpen()
    {
        if (m_broken) {
            for (auto &statement : m_statements)
                statement.reset();
            m_preparedArrays.fill(false);
            m_db.close();
            m_broken = false;
        }
        if (m_db.isOpen())
            return ok;
        if (!m_db.isValid())
            return StorageError { Error::Unavailable,
                QStringLiteral("the Qt PostgreSQL driver (QPSQL) is not available; install the package "
                               "libqt6sql6-psql") };
        if (!m_db.open()) {
            const QString message
                = QStringLiteral("cannot connect to %1: %2").arg(m_parameters.displayUrl(), m_db.lastError().text());
            m_db.close();
            return StorageError { Error::Unavailable, message };
        }
        if (auto set = execute(QStringLiteral("SET standard_conforming_strings = on")); !set)
            return set.error();
        return ok;
    }

    /// Runs a statement that takes no parameters and returns no rows (BEGIN, SET, ROLLBACK).
    Status<Error> execute(const QString &sql)
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql))
            return fail(query.lastError(), sql);
        return ok;
    }

    /// The first column of the first row of a parameterless query; a null QVariant when there is no row.
    Result<QVariant, Error> scalar(const QString &sql)
    {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!query.exec(sql))
            return fail(query.lastError(), sql);
        return query.next() ? query.value(0) : QVariant();
    }

    /// The prepared statement, prepared on first use; its old bindings are still set.
    Result<QSqlQuery *, Error> statement(Statement which)
    {
        std::unique_ptr<QSqlQuery> &slot = m_statements[which];
        if (!slot) {
            auto query = std::make_unique<QSqlQuery>(m_db);
            query->setForwardOnly(true);
            if (!query->prepare(QString::fromLatin1(statementText(which))))
                return fail(query->lastError(), QStringLiteral("preparing a statement"));
            slot = std::move(query);
        }
        return slot.get();
    }

    /// Runs a prepared statement with `values` bound in order.
    Result<QSqlQuery *, Error> run(Statement which, const QVariantList &values, const QString &what)
    {
        auto prepared = statement(which);
        if (!prepared)
            return prepared.error();
        QSqlQuery *query = prepared.value();
        for (qsizetype i = 0; i < values.size(); ++i)
            query->bindValue(int(i), values.at(i));
        if (!query->exec())
            return fail(query->lastError(), what);
        return query;
    }

    /// Prepares and runs `sql` once with `values` bound in order (the blob statements, which run seldom).
    Result<std::unique_ptr<QSqlQuery>, Error> query(const QString &sql, const QVariantList &values, const QString &what)
    {
        auto query = std::make_unique<QSqlQuery>(m_db);
        query->setForwardOnly(true);
        if (!query->prepare(sql))
            return fail(query->lastError(), what);
        for (qsizetype i = 0; i < values.size(); ++i)
            query->bindValue(int(i), values.at(i));
        if (!query->exec())
            return fail(query->lastError(), what);
        return query;
    }

    /// Runs `which` (its `?` numbered) through libpq with `arrays` as binary parameters, prepared on this
    /// connection on first use. QPSQL sends parameters only as text written into an EXECUTE.
    Status<Error> runArrays(Statement which, const QList<BinaryArray> &arrays, const QString &what)
    {
        const QVariant handle = m_db.driver()->handle();
        // The driver's QVariant holds a PGconn* (named after the struct behind the typedef by Qt 6's metatypes).
        const bool isConnection
            = qstrcmp(handle.typeName(), "PGconn*") == 0 || qstrcmp(handle.typeName(), "pg_conn*") == 0;
        PGconn *pg = handle.isValid() && isConnection ? *static_cast<PGconn *const *>(handle.constData()) : nullptr;
        if (!pg)
            return StorageError { Error::Unavailable,
                what + QStringLiteral(": no PostgreSQL connection handle (%1)").arg(QLatin1String(handle.typeName())) };
        const QByteArray name = "mts_" + QByteArray::number(int(which));
        const int count = int(arrays.size());
        if (!m_preparedArrays[which]) {
            QByteArray sql;
            int number = 0;
            for (const char *c = statementText(which); *c; ++c) {
                if (*c == '?')
                    sql += '$' + QByteArray::number(++number);
                else
                    sql += *c;
            }
            std::vector<Oid> types;
            for (const BinaryArray &array : arrays)
                types.push_back(array.arrayType());
            if (auto prepared = libpqStatus(pg, PQprepare(pg, name.constData(), sql.constData(), count, types.data()),
                    QStringLiteral("preparing a statement"));
                !prepared)
                return prepared;
            m_preparedArrays[which] = true;
        }
        std::vector<QByteArray> bytes;
        std::vector<const char *> values;
        std::vector<int> lengths;
        const std::vector<int> formats(size_t(count), 1);
        bytes.reserve(size_t(count));
        for (const BinaryArray &array : arrays) {
            bytes.push_back(array.take());
            values.push_back(bytes.back().constData());
            lengths.push_back(int(bytes.back().size()));
        }
        return libpqStatus(
            pg, PQexecPrepared(pg, name.constData(), count, values.data(), lengths.data(), formats.data(), 0), what);
    }

    /// Maps a driver error; a lost connection is reopened on next use.
    StorageError fail(const QSqlError &error, const QString &what)
    {
        StorageError mapped = databaseError(error, what);
        if (mapped.code == Error::Unavailable)
            m_broken = true;
        return mapped;
    }

    // Takes `result` (freed here): ok, or the error mapped as for QPSQL's.
    Status<Error> libpqStatus(PGconn *pg, PGresult *result, const QString &what)
    {
        const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
            PQclear(result);
            return ok;
        }
        const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
        const QString text = QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(pg)).trimmed();
        PQclear(result);
        StorageError mapped = databaseError(QString::fromLatin1(state ? state : ""), text, text, what);
        if (mapped.code == Error::Unavailable) {
            m_broken = true;
            m_preparedArrays.fill(false);
        }
        return mapped;
    }

    bool commit(QSqlError *error)
    {
        if (m_db.commit())
            return true;
        *error = m_db.lastError();
        return false;
    }
    void rollback()
    {
        if (!m_broken && m_db.isOpen() && !m_db.rollback())
            qCWarning(lcPostgres) << "rollback failed:" << m_db.lastError().text();
    }

    bool inTransaction = false;

private:
    QString m_name;
    ConnectionParameters m_parameters;
    QSqlDatabase m_db;
    std::array<std::unique_ptr<QSqlQuery>, StatementCount> m_statements;
    /// The statements runArrays() has prepared on this connection.
    std::array<bool, StatementCount> m_preparedArrays {};
    bool m_broken = false;
};

/// The connections of one storage, by thread token.
struct PostgresSyncStorage::Connections {
    QString prefix = QStringLiteral("mts-sync-pg-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QMutex mutex;
    std::unordered_map<quint64, std::unique_ptr<Connection>> byThread;

    std::unique_ptr<Connection> take(quint64 token)
    {
        const QMutexLocker locker(&mutex);
        const auto it = byThread.find(token);
        if (it == byThread.end())
            return {};
        std::unique_ptr<Connection> connection = std::move(it->second);
        byThread.erase(it);
        return connection;
    }
};

namespace {

// Closes, on the thread that ends, the connections it opened for storages that still exist: a server's worker pool
// retires idle threads, and their connections would otherwise hold PostgreSQL backends until shutdown.
struct ThreadExitHook {
    std::vector<std::weak_ptr<PostgresSyncStorage::Connections>> storages;

    ~ThreadExitHook()
    {
        const quint64 token = threadToken();
        for (const auto &weak : storages) {
            if (const auto connections = weak.lock())
                connections->take(token).reset();
        }
    }
};

thread_local ThreadExitHook threadExitHook;

class PostgresWriteTransaction : public SyncStorage::WriteTransaction {
public:
    explicit PostgresWriteTransaction(PostgresSyncStorage::Connection *connection)
        : m_connection(connection)
    {
    }

    ~PostgresWriteTransaction() override
    {
        if (!m_finished)
            m_connection->rollback();
        m_connection->inTransaction = false;
    }

    Result<QList<BucketState>, SyncStorage::Error> lockBuckets(QStringList buckets) override
    {
        if (auto refused = usable(); !refused)
            return refused.error();
        buckets.sort();
        buckets.removeDuplicates();
        if (buckets.isEmpty())
            return QList<BucketState> {};
        const QString array = arrayOf(buckets);
        if (auto inserted = m_connection->run(InsertHeads, { array }, QStringLiteral("creating bucket heads"));
            !inserted)
            return failed(inserted.error());
        else
            inserted.value()->finish();
        auto locked = m_connection->run(LockHeads, { array }, QStringLiteral("locking bucket heads"));
        if (!locked)
            return failed(locked.error());
        QSqlQuery *query = locked.value();
        QList<BucketState> states;
        states.reserve(buckets.size());
        while (query->next())
            states.append(headFrom(*query));
        query->finish();
        return states;
    }

    Result<QHash<QString, StoredOp>, SyncStorage::Error> findOps(const QStringList &opIds) override
    {
        if (auto refused = usable(); !refused)
            return refused.error();
        QHash<QString, StoredOp> found;
        if (opIds.isEmpty())
            return found;
        auto run = m_connection->run(FindOps, { arrayOf(opIds) }, QStringLiteral("reading ops"));
        if (!run)
            return failed(run.error());
        QSqlQuery *query = run.value();
        while (query->next()) {
            StoredOp op;
            op.opId = query->value(0).toString();
            op.contentHash = query->value(1).toByteArray();
            op.userId = query->value(2).toString();
            op.recordId = query->value(3).toString();
            const QString outcome = query->value(4).toString();
            const auto parsed = sync::pushOutcomeFromName(outcome);
            if (!parsed) {
                query->finish();
                return failed({ SyncStorage::Error::Failed,
                    QStringLiteral("op %1 has an unknown stored outcome \"%2\"").arg(op.opId, outcome) });
            }
            op.outcome = *parsed;
            op.code = query->value(5).toString();
            op.message = query->value(6).toString();
            op.receivedAt = query->value(7).toLongLong();
            found.insert(op.opId, op);
        }
        query->finish();
        return found;
    }

    Result<QHash<QString, StoredRecord>, SyncStorage::Error> loadRecords(const QStringList &ids) override
    {
        if (auto refused = usable(); !refused)
            return refused.error();
        QHash<QString, StoredRecord> found;
        if (ids.isEmpty())
            return found;
        auto run = m_connection->run(LoadRecords, { arrayOf(ids) }, QStringLiteral("reading records"));
        if (!run)
            return failed(run.error());
        QSqlQuery *query = run.value();
        while (query->next()) {
            StoredRecord record = recordFrom(*query);
            found.insert(record.id, std::move(record));
        }
        query->finish();
        return found;
    }

    Result<QStringList, SyncStorage::Error> findBlobs(const QString &scope, const QStringList &hashes) override
    {
        if (auto refused = usable(); !refused)
            return refused.error();
        QStringList found;
        if (hashes.isEmpty())
            return found;
        auto run = m_connection->query(
            QStringLiteral("SELECT hash FROM sync_blobs WHERE scope = ? AND hash = ANY(?::text[])"),
            { scope, arrayOf(hashes) }, QStringLiteral("reading blobs"));
        if (!run)
            return failed(run.error());
        while (run.value()->next())
            found.append(run.value()->value(0).toString());
        return found;
    }

    Result<std::optional<PushTail>, SyncStorage::Error> findPushTail(const QString &opId) override
    {
        if (auto refused = usable(); !refused)
            return refused.error();
        auto run = m_connection->query(
            QStringLiteral("SELECT op_id, user_id, rejected, at FROM sync_push_tails WHERE op_id = ?"), { opId },
            QStringLiteral("reading a push tail"));
        if (!run)
            return failed(run.error());
        std::optional<PushTail> tail;
        if (run.value()->next()) {
            tail = PushTail { run.value()->value(0).toString(), run.value()->value(1).toString(),
                run.value()->value(2).toInt(), run.value()->value(3).toLongLong() };
        }
        run.value()->finish();
        return tail;
    }

    Status<SyncStorage::Error> write(const SyncWriteSet &writes) override
    {
        if (auto refused = usable(); !refused)
            return refused.error();
        if (writes.tail) {
            const PushTail &tail = *writes.tail;
            auto stored = m_connection->query(
                QStringLiteral("WITH old AS (DELETE FROM sync_push_tails WHERE at < ?)"
                               " INSERT INTO sync_push_tails (op_id, user_id, rejected, at) VALUES (?, ?, ?, ?)"
                               " ON CONFLICT (op_id) DO UPDATE SET user_id = excluded.user_id,"
                               " rejected = excluded.rejected, at = excluded.at"),
                { tail.at - PushTail::keepMillis, tail.opId, tail.userId, tail.rejected, tail.at },
                QStringLiteral("writing the push tail"));
            if (!stored)
                return failed(stored.error());
            stored.value()->finish();
        }
        if (!writes.blobRefs.isEmpty()) {
            // Rare (only records whose blob fields or scope changed): kept out of the one-statement batch write.
            ArrayLiteral records, scopes, hashes, referrers;
            for (const BlobRefs &refs : writes.blobRefs) {
                records.add(QStringView(refs.recordId));
                for (const QString &hash : refs.hashes) {
                    scopes.add(QStringView(refs.scope));
                    hashes.add(QStringView(hash));
                    referrers.add(QStringView(refs.recordId));
                }
            }
            auto dropped
                = m_connection->query(QStringLiteral("DELETE FROM sync_blob_refs WHERE record_id = ANY(?::text[])"),
                    { records.take() }, QStringLiteral("dropping blob references"));
            if (!dropped)
                return failed(dropped.error());
            auto added = m_connection->query(
                QStringLiteral("INSERT INTO sync_blob_refs (scope, hash, record_id)"
                               " SELECT * FROM unnest(?::text[], ?::text[], ?::text[]) ON CONFLICT DO NOTHING"),
                { scopes.take(), hashes.take(), referrers.take() }, QStringLiteral("writing blob references"));
            if (!added)
                return failed(added.error());
            // Moved records: their blobs are shared into the new scope, the content staying where it is stored (a
            // blob shared into the old scope by an earlier move names that scope already).
            ArrayLiteral toScopes, fromScopes, sharedHashes;
            qsizetype sharedCount = 0;
            for (const BlobRefs &refs : writes.blobRefs) {
                if (refs.fromScope.isEmpty() || refs.fromScope == refs.scope)
                    continue;
                for (const QString &hash : refs.hashes) {
                    toScopes.add(QStringView(refs.scope));
                    fromScopes.add(QStringView(refs.fromScope));
                    sharedHashes.add(QStringView(hash));
                    ++sharedCount;
                }
            }
            if (sharedCount > 0) {
                auto shared = m_connection->query(
                    QStringLiteral("INSERT INTO sync_blobs (scope, hash, size, created_by, created_at, content_scope)"
                                   " SELECT t.to_scope, b.hash, b.size, b.created_by, b.created_at,"
                                   " coalesce(b.content_scope, b.scope)"
                                   " FROM unnest(?::text[], ?::text[], ?::text[]) AS t(to_scope, from_scope, hash)"
                                   " JOIN sync_blobs AS b ON b.scope = t.from_scope AND b.hash = t.hash"
                                   " ON CONFLICT DO NOTHING"),
                    { toScopes.take(), fromScopes.take(), sharedHashes.take() },
                    QStringLiteral("sharing a moved record's blobs"));
                if (!shared)
                    return failed(shared.error());
            }
        }
        // ON CONFLICT DO UPDATE may touch a row once per statement: a record (or head) written twice in the batch
        // is stored in its last state.
        QList<qsizetype> recordIndexes;
        {
            QHash<QString, qsizetype> last;
            for (qsizetype i = 0; i < writes.records.size(); ++i)
                last.insert(writes.records.at(i).id, i);
            for (qsizetype i = 0; i < writes.records.size(); ++i) {
                if (last.value(writes.records.at(i).id) == i)
                    recordIndexes.append(i);
            }
        }
        QList<qsizetype> headIndexes;
        {
            QHash<QString, qsizetype> last;
            for (qsizetype i = 0; i < writes.heads.size(); ++i)
                last.insert(writes.heads.at(i).bucket, i);
            for (qsizetype i = 0; i < writes.heads.size(); ++i) {
                if (last.value(writes.heads.at(i).bucket) == i)
                    headIndexes.append(i);
            }
        }

        using Element = BinaryArray::Element;
        QList<BinaryArray> values;
        values.reserve(49);
        // New records first, then changed ones (statementText(WriteAll)).
        QList<qsizetype> created;
        QList<qsizetype> changed;
        for (const qsizetype i : std::as_const(recordIndexes))
            (writes.created.contains(writes.records.at(i).id) ? created : changed).append(i);
        for (const QList<qsizetype> *group : { &created, &changed }) {
            const qsizetype n = group->size();
            BinaryArray ids(Element::Text, n, 36), kinds(Element::Text, n, 8), scopes(Element::Text, n, 8),
                buckets(Element::Text, n, 20), versions(Element::Int8, n, 8), fields(Element::Text, n, 400),
                stamps(Element::Text, n, 64), deleted(Element::Bool, n, 1), updatedBy(Element::Text, n, 36),
                updatedAt(Element::Int8, n, 8);
            for (const qsizetype i : *group) {
                const StoredRecord &record = writes.records.at(i);
                ids.add(QStringView(record.id));
                kinds.add(QStringView(record.kind));
                scopes.add(QStringView(record.scope));
                buckets.add(QStringView(record.bucket));
                versions.add(record.version);
                fields.addUtf8(record.storedFields());
                stamps.addUtf8(storedJson(record.storedStamps()));
                deleted.add(record.deleted);
                updatedBy.add(QStringView(record.updatedBy));
                updatedAt.add(record.updatedAt);
            }
            values.append({ ids, kinds, scopes, buckets, versions, fields, stamps, deleted, updatedBy, updatedAt });
        }
        {
            const qsizetype n = writes.ops.size();
            BinaryArray ids(Element::Text, n, 36), hashes(Element::Text, n, 64), users(Element::Text, n, 36),
                records(Element::Text, n, 36), outcomes(Element::Text, n, 8), codes(Element::Text, n, 8),
                messages(Element::Text, n, 8), receivedAt(Element::Int8, n, 8);
            for (const StoredOp &op : writes.ops) {
                ids.add(QStringView(op.opId));
                hashes.addHex(op.contentHash);
                users.add(QStringView(op.userId));
                records.add(QStringView(op.recordId));
                outcomes.add(QStringView(sync::pushOutcomeName(op.outcome)));
                codes.add(QStringView(op.code));
                messages.add(QStringView(op.message));
                receivedAt.add(op.receivedAt);
            }
            values.append({ ids, hashes, users, records, outcomes, codes, messages, receivedAt });
        }
        {
            const qsizetype n = writes.changes.size();
            BinaryArray buckets(Element::Text, n, 20), seqs(Element::Int8, n, 8), records(Element::Text, n, 36),
                hashes(Element::Int8, n, 8), left(Element::Bool, n, 1), chains(Element::Text, n, 64),
                at(Element::Int8, n, 8);
            for (const ChangeRow &change : writes.changes) {
                buckets.add(QStringView(change.bucket));
                seqs.add(change.seq);
                records.add(QStringView(change.recordId));
                hashes.add(qint64(change.recordHash));
                left.add(change.left);
                chains.addHex(change.chain);
                at.add(change.at);
            }
            values.append({ buckets, seqs, records, hashes, left, chains, at });
        }
        {
            const qsizetype n = writes.conflicts.size();
            BinaryArray ids(Element::Text, n, 36), records(Element::Text, n, 36), buckets(Element::Text, n, 20),
                ops(Element::Text, n, 36), users(Element::Text, n, 36), reasons(Element::Text, n, 16),
                opJson(Element::Text, n, 256), current(Element::Text, n, 256), at(Element::Int8, n, 8);
            for (const ConflictRow &conflict : writes.conflicts) {
                ids.add(QStringView(conflict.id));
                records.add(QStringView(conflict.recordId));
                buckets.add(QStringView(conflict.bucket));
                ops.add(QStringView(conflict.opId));
                users.add(QStringView(conflict.userId));
                reasons.add(QStringView(conflict.reason));
                opJson.addUtf8(storedJson(conflict.op));
                current.addUtf8(storedJson(conflict.current));
                at.add(conflict.at);
            }
            values.append({ ids, records, buckets, ops, users, reasons, opJson, current, at });
        }
        {
            const qsizetype n = headIndexes.size();
            BinaryArray buckets(Element::Text, n, 20), seqs(Element::Int8, n, 8), counts(Element::Int8, n, 8),
                sums(Element::Int8, n, 8), chains(Element::Text, n, 64);
            for (const qsizetype i : std::as_const(headIndexes)) {
                const BucketState &head = writes.heads.at(i);
                buckets.add(QStringView(head.bucket));
                seqs.add(head.seq);
                counts.add(qint64(head.checksum.count));
                sums.add(qint64(head.checksum.sum));
                chains.addHex(head.chain);
            }
            values.append({ buckets, seqs, counts, sums, chains });
        }

        if (auto run = m_connection->runArrays(WriteAll, values, QStringLiteral("writing the batch")); !run)
            return failed(run.error());
        return ok;
    }

    Status<SyncStorage::Error> commit() override
    {
        if (auto refused = usable(); !refused)
            return refused.error();
        m_finished = true;
        QSqlError error;
        if (!m_connection->commit(&error))
            return m_connection->fail(error, QStringLiteral("committing the batch"));
        return ok;
    }

private:
    // After a failed statement PostgreSQL refuses everything until rollback; say why instead of its generic text.
    Status<SyncStorage::Error> usable() const
    {
        if (m_finished)
            return StorageError { SyncStorage::Error::Failed, QStringLiteral("the transaction has ended") };
        if (m_failure)
            return *m_failure;
        return ok;
    }

    StorageError failed(StorageError error)
    {
        m_failure = error;
        return error;
    }

    PostgresSyncStorage::Connection *m_connection;
    std::optional<StorageError> m_failure;
    bool m_finished = false;
};

class PostgresReadTransaction : public SyncStorage::ReadTransaction {
public:
    explicit PostgresReadTransaction(PostgresSyncStorage::Connection *connection)
        : m_connection(connection)
    {
    }

    ~PostgresReadTransaction() override
    {
        m_connection->rollback();
        m_connection->inTransaction = false;
    }

    Result<QList<BucketState>, SyncStorage::Error> heads(const QStringList &buckets) override
    {
        if (buckets.isEmpty())
            return QList<BucketState> {};
        return readHeads(Heads, { arrayOf(buckets) });
    }

    Result<QList<BucketState>, SyncStorage::Error> allHeads() override { return readHeads(AllHeads, {}); }

    Result<QList<sync::RecordChange>, SyncStorage::Error> changesAfter(
        const QString &bucket, qint64 after, int limit) override
    {
        QList<sync::RecordChange> changes;
        if (limit <= 0)
            return changes;
        auto run = m_connection->run(
            ChangesAfter, { bucket, after, limit, bucket, after, limit, limit }, QStringLiteral("reading changes"));
        if (!run)
            return run.error();
        QSqlQuery *query = run.value();
        while (query->next()) {
            if (query->value(0).toBool()) {
                sync::RecordChange departure;
                departure.bucket = bucket;
                departure.seq = query->value(4).toLongLong();
                departure.id = query->value(1).toString();
                departure.left = true;
                changes.append(std::move(departure));
                continue;
            }
            StoredRecord record;
            record.id = query->value(1).toString();
            record.kind = query->value(2).toString();
            record.scope = query->value(3).toString();
            record.bucket = bucket;
            record.version = query->value(4).toLongLong();
            record.setStoredStamps(jsonObject(query->value(6)));
            record.deleted = query->value(7).toBool();
            changes.append(record.toChange(query->value(5).toString().toUtf8()));
        }
        query->finish();
        return changes;
    }

    Result<QList<ConflictRow>, SyncStorage::Error> conflicts(const QString &bucket) override
    {
        auto run = m_connection->run(Conflicts, { bucket }, QStringLiteral("reading conflicts"));
        if (!run)
            return run.error();
        QSqlQuery *query = run.value();
        QList<ConflictRow> rows;
        while (query->next()) {
            ConflictRow row;
            row.id = query->value(0).toString();
            row.recordId = query->value(1).toString();
            row.bucket = query->value(2).toString();
            row.opId = query->value(3).toString();
            row.userId = query->value(4).toString();
            row.reason = query->value(5).toString();
            row.op = jsonObject(query->value(6));
            row.current = jsonObject(query->value(7));
            row.at = query->value(8).toLongLong();
            rows.append(std::move(row));
        }
        query->finish();
        return rows;
    }

    Result<QList<ChangeRow>, SyncStorage::Error> changeLog(const QString &bucket, qint64 after, int limit) override
    {
        QList<ChangeRow> rows;
        if (limit <= 0)
            return rows;
        auto run = m_connection->run(ChangeLog, { bucket, after, limit }, QStringLiteral("reading the change log"));
        if (!run)
            return run.error();
        QSqlQuery *query = run.value();
        while (query->next()) {
            ChangeRow row;
            row.bucket = query->value(0).toString();
            row.seq = query->value(1).toLongLong();
            row.recordId = query->value(2).toString();
            row.recordHash = quint64(query->value(3).toLongLong());
            row.left = query->value(4).toBool();
            row.chain = query->value(5).toByteArray();
            row.at = query->value(6).toLongLong();
            rows.append(std::move(row));
        }
        query->finish();
        return rows;
    }

    Result<QHash<QString, StoredRecord>, SyncStorage::Error> loadRecords(const QStringList &ids) override
    {
        QHash<QString, StoredRecord> found;
        if (ids.isEmpty())
            return found;
        auto run = m_connection->run(LoadRecords, { arrayOf(ids) }, QStringLiteral("reading records"));
        if (!run)
            return run.error();
        QSqlQuery *query = run.value();
        while (query->next()) {
            StoredRecord record = recordFrom(*query);
            found.insert(record.id, std::move(record));
        }
        query->finish();
        return found;
    }

private:
    Result<QList<BucketState>, SyncStorage::Error> readHeads(Statement which, const QVariantList &values)
    {
        auto run = m_connection->run(which, values, QStringLiteral("reading bucket heads"));
        if (!run)
            return run.error();
        QSqlQuery *query = run.value();
        QList<BucketState> states;
        while (query->next())
            states.append(headFrom(*query));
        query->finish();
        return states;
    }

    PostgresSyncStorage::Connection *m_connection;
};

} // namespace

QString PostgresSyncStorage::ConnectionParameters::displayUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    url.setHost(host);
    url.setPort(port);
    url.setPath(u'/' + database);
    return url.toString();
}

Result<PostgresSyncStorage::ConnectionParameters, SyncStorage::Error> PostgresSyncStorage::parseUrl(const QString &text)
{
    const auto refuse = [](const QString &why) {
        return mts::Error<Error> { Error::Unavailable,
            QStringLiteral("the PostgreSQL URL is malformed: %1; expected "
                           "postgresql://user:password@host:port/database")
                .arg(why) };
    };
    // Checked before QUrl sees it, so that no message can quote the password.
    if (!text.startsWith(QLatin1String("postgresql://")) && !text.startsWith(QLatin1String("postgres://")))
        return refuse(QStringLiteral("it must start with postgresql:// or postgres://"));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return refuse(QStringLiteral("it is not a valid URL (a character such as @, :, / or # in the password must "
                                     "be percent-encoded)"));
    ConnectionParameters parameters;
    parameters.host = url.host(QUrl::FullyDecoded);
    if (parameters.host.isEmpty())
        return refuse(QStringLiteral("it names no host"));
    if (url.port() == 0)
        return refuse(QStringLiteral("port 0 is not a port"));
    parameters.port = url.port(5432);
    parameters.user = url.userName(QUrl::FullyDecoded);
    if (parameters.user.isEmpty())
        return refuse(QStringLiteral("it names no user"));
    parameters.password = url.password(QUrl::FullyDecoded);
    QString path = url.path(QUrl::FullyDecoded);
    if (path.startsWith(u'/'))
        path.remove(0, 1);
    if (path.isEmpty())
        return refuse(QStringLiteral("it names no database"));
    if (path.contains(u'/'))
        return refuse(QStringLiteral("the database name \"%1\" contains a slash").arg(path));
    parameters.database = path;
    if (url.hasFragment())
        return refuse(QStringLiteral("it has a fragment (#…)"));

    static const QStringList allowed { QStringLiteral("sslmode"), QStringLiteral("sslrootcert"),
        QStringLiteral("sslcert"), QStringLiteral("sslkey"), QStringLiteral("connect_timeout"),
        QStringLiteral("application_name") };
    QStringList options;
    bool hasTimeout = false;
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (!allowed.contains(key))
            return refuse(QStringLiteral("the parameter \"%1\" is not supported (supported: %2)")
                              .arg(key, allowed.join(QStringLiteral(", "))));
        // QPSQL splits its options at ';' and does not unquote.
        if (value.contains(u';') || value.contains(u' ') || value.contains(u'\''))
            return refuse(QStringLiteral("the value of \"%1\" contains a space, quote or semicolon").arg(key));
        if (key == QLatin1String("connect_timeout"))
            hasTimeout = true;
        options.append(key + u'=' + value);
    }
    if (!hasTimeout)
        options.append(QStringLiteral("connect_timeout=10"));
    parameters.options = options.join(u';');
    return parameters;
}

int PostgresSyncStorage::latestSchemaVersion()
{
    return migrations().constLast().version;
}

PostgresSyncStorage::PostgresSyncStorage(QString url)
    : m_parameters(parseUrl(url))
    , m_connections(std::make_shared<Connections>())
{
}

PostgresSyncStorage::~PostgresSyncStorage()
{
    // Every transaction has ended (the contract); the threads that opened these may still be running.
    std::unordered_map<quint64, std::unique_ptr<Connection>> connections;
    {
        const QMutexLocker locker(&m_connections->mutex);
        connections.swap(m_connections->byThread);
    }
}

Result<PostgresSyncStorage::Connection *, SyncStorage::Error> PostgresSyncStorage::connection()
{
    if (!m_parameters)
        return m_parameters.error();
    const quint64 token = threadToken();
    Connection *connection = nullptr;
    {
        const QMutexLocker locker(&m_connections->mutex);
        const auto it = m_connections->byThread.find(token);
        if (it != m_connections->byThread.end())
            connection = it->second.get();
    }
    if (!connection) {
        auto created
            = std::make_unique<Connection>(m_connections->prefix + u'-' + QString::number(token), m_parameters.value());
        connection = created.get();
        {
            const QMutexLocker locker(&m_connections->mutex);
            m_connections->byThread.emplace(token, std::move(created));
        }
        threadExitHook.storages.push_back(m_connections);
    }
    if (connection->inTransaction)
        return mts::Error<Error> { Error::Failed,
            QStringLiteral("this thread already has a transaction open on the sync storage") };
    if (auto opened = connection->ensureOpen(); !opened)
        return opened.error();
    return connection;
}

Status<SyncStorage::Error> PostgresSyncStorage::open()
{
    auto got = connection();
    if (!got)
        return got.error();
    Connection *db = got.value();
    db->inTransaction = true;
    const auto failed = [db](mts::Error<Error> error) {
        db->rollback();
        db->inTransaction = false;
        return error;
    };
    if (auto begun = db->execute(QStringLiteral("BEGIN ISOLATION LEVEL READ COMMITTED")); !begun) {
        db->inTransaction = false;
        return begun.error();
    }
    // Servers starting together on one database migrate one after the other; the lock ends with the transaction.
    // client_min_messages: no "already exists, skipping" notice on every start.
    for (const QString &sql : { QStringLiteral("SET LOCAL client_min_messages = warning"),
             QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(migrationLockKey),
             QStringLiteral("CREATE TABLE IF NOT EXISTS sync_meta (key text PRIMARY KEY, value text NOT NULL)") }) {
        if (auto done = db->execute(sql); !done)
            return failed(done.error());
    }
    auto stored = db->scalar(QStringLiteral("SELECT value FROM sync_meta WHERE key = 'schema_version'"));
    if (!stored)
        return failed(stored.error());
    const int current = stored.value().isNull() ? 0 : stored.value().toInt();
    if (current > latestSchemaVersion())
        return failed({ Error::Failed,
            QStringLiteral("the sync tables in %1 have schema version %2, newer than this server understands (%3); "
                           "run the newer server")
                .arg(m_parameters.value().displayUrl())
                .arg(current)
                .arg(latestSchemaVersion()) });
    for (const Migration &migration : migrations()) {
        if (migration.version <= current)
            continue;
        for (const QString &sql : migration.statements) {
            if (auto done = db->execute(sql); !done)
                return failed({ done.error().code,
                    QStringLiteral("sync migration %1 failed: %2").arg(migration.version).arg(done.error().message) });
        }
    }
    if (current < latestSchemaVersion()) {
        const QString bump = QStringLiteral("INSERT INTO sync_meta (key, value) VALUES ('schema_version', '%1')"
                                            " ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                                 .arg(latestSchemaVersion());
        if (auto done = db->execute(bump); !done)
            return failed(done.error());
    }
    QSqlError error;
    const bool committed = db->commit(&error);
    db->inTransaction = false;
    if (!committed)
        return db->fail(error, QStringLiteral("committing the sync migrations"));
    return ok;
}

Result<std::unique_ptr<SyncStorage::WriteTransaction>, SyncStorage::Error> PostgresSyncStorage::beginWrite()
{
    auto got = connection();
    if (!got)
        return got.error();
    Connection *db = got.value();
    if (auto begun = db->execute(QStringLiteral("BEGIN ISOLATION LEVEL READ COMMITTED")); !begun)
        return begun.error();
    db->inTransaction = true;
    auto transaction = std::make_unique<PostgresWriteTransaction>(db);
    if (auto set = db->execute(QStringLiteral("SET LOCAL lock_timeout = '5s'")); !set)
        return set.error();
    return std::unique_ptr<WriteTransaction>(std::move(transaction));
}

Result<std::unique_ptr<SyncStorage::ReadTransaction>, SyncStorage::Error> PostgresSyncStorage::beginRead()
{
    auto got = connection();
    if (!got)
        return got.error();
    Connection *db = got.value();
    if (auto begun = db->execute(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")); !begun)
        return begun.error();
    db->inTransaction = true;
    auto transaction = std::make_unique<PostgresReadTransaction>(db);
    // The snapshot is taken by the first statement, not by BEGIN: take it now, so the read sees what was committed
    // when it began.
    if (auto snapshot = db->execute(QStringLiteral("SELECT 1")); !snapshot)
        return snapshot.error();
    return std::unique_ptr<ReadTransaction>(std::move(transaction));
}

namespace {

// Runs `work` in a READ COMMITTED transaction of its own, committed when it succeeds.
template <typename T, typename F>
Result<T, SyncStorage::Error> inTransaction(PostgresSyncStorage::Connection *db, F &&work)
{
    if (auto begun = db->execute(QStringLiteral("BEGIN ISOLATION LEVEL READ COMMITTED")); !begun)
        return begun.error();
    db->inTransaction = true;
    if (auto set = db->execute(QStringLiteral("SET LOCAL lock_timeout = '5s'")); !set) {
        db->rollback();
        db->inTransaction = false;
        return set.error();
    }
    Result<T, SyncStorage::Error> result = work();
    if (!result) {
        db->rollback();
        db->inTransaction = false;
        return result;
    }
    QSqlError error;
    const bool committed = db->commit(&error);
    db->inTransaction = false;
    if (!committed)
        return db->fail(error, QStringLiteral("committing"));
    return result;
}

QString hexOf(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

} // namespace

Result<std::optional<StoredBlob>, SyncStorage::Error> PostgresSyncStorage::findBlob(
    const QString &scope, const QString &hash)
{
    auto got = connection();
    if (!got)
        return got.error();
    Connection *db = got.value();
    return inTransaction<std::optional<StoredBlob>>(db, [&]() -> Result<std::optional<StoredBlob>, Error> {
        auto run = db->query(QStringLiteral("SELECT scope, hash, size, created_by, created_at FROM sync_blobs"
                                            " WHERE scope = ? AND hash = ?"),
            { scope, hash }, QStringLiteral("reading a blob"));
        if (!run)
            return run.error();
        QSqlQuery &q = *run.value();
        if (!q.next())
            return std::optional<StoredBlob> {};
        return std::optional<StoredBlob> { StoredBlob { q.value(0).toString(), q.value(1).toString(),
            q.value(2).toLongLong(), q.value(3).toString(), q.value(4).toLongLong() } };
    });
}

Result<qint64, SyncStorage::Error> PostgresSyncStorage::userBlobBytes(const QString &userId)
{
    auto got = connection();
    if (!got)
        return got.error();
    Connection *db = got.value();
    return inTransaction<qint64>(db, [&]() -> Result<qint64, Error> {
        auto run = db->query(QStringLiteral("SELECT (SELECT coalesce(sum(size), 0) FROM sync_blobs WHERE created_by = ?"
                                            " AND content_scope IS NULL)"
                                            " + (SELECT coalesce(sum(size), 0) FROM sync_uploads WHERE user_id = ?)"),
            { userId, userId }, QStringLiteral("summing blob sizes"));
        if (!run)
            return run.error();
        return run.value()->next() ? run.value()->value(0).toLongLong() : 0;
    });
}

Status<SyncStorage::Error> PostgresSyncStorage::createUpload(const UploadSession &session)
{
    auto got = connection();
    if (!got)
        return got.error();
    Connection *db = got.value();
    auto done = inTransaction<int>(db, [&]() -> Result<int, Error> {
        auto run = db->query(QStringLiteral("INSERT INTO sync_uploads (id, user_id, scope, hash, size, received,"
                                            " created_at, active_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)"),
            { session.id, session.userId, session.scope, session.hash, session.size, session.createdAt,
                session.createdAt },
            QStringLiteral("creating an upload"));
        if (!run)
            return run.error();
        return 0;
    });
    if (!done)
        return done.error();
    return ok;
}

Result<std::optional<UploadSession>, SyncStorage::Error> PostgresSyncStorage::findUpload(const QString &id)
{
    auto got = connection();
    if (!got)
        return got.error();
    Connection *db = got.value();
    return inTransaction<std::optional<UploadSession>>(db, [&]() -> Result<std::optional<UploadSession>, Error> {
        auto run = db->query(QStringLiteral("SELECT id, user_id, scope, hash, size, received, created_at, active_at"
                                            " FROM sync_uploads WHERE id = ?"),
            { id }, QStringLiteral("reading an upload"));
        if (!run)
            return run.error();
        QSqlQuery &q = *run.value();
        if (!q.next())
            return std::optional<UploadSession> {};
        return std::optional<UploadSession> { UploadSession { q.value(0).toString(), q.value(1).toString(),
            q.value(2).toString(), q.value(3).toString(), q.value(4).toLongLong(), q.value(5).toLongLong(),
            q.value(6).toLongLong(), q.value(7).toLongLong() } };
    });
}

Result<qint64, SyncStorage::Error> PostgresSyncStorage::appendUpload(
    const QString &id, qint64 offset, const QByteArray &data, qint64 at)
{
    auto got = connection();
    if (!got)
        return got.error();
    Connection *db = got.value();
    return inTransaction<qint64>(db, [&]() -> Result<qint64, Error> {
        // The row lock of the UPDATE orders concurrent PUTs of one session: the second sees the first's count.
        auto advanced = db->query(QStringLiteral("UPDATE sync_uploads SET received = received + ?, active_at = ?"
                                                 " WHERE id = ? AND received = ? AND received + ? <= size"
                                                 " RETURNING received"),
            { qint64(data.size()), at, id, offset, qint64(data.size()) }, QStringLiteral("advancing an upload"));
        if (!advanced)
            return advanced.error();
        if (advanced.value()->next()) {
            const qint64 received = advanced.value()->value(0).toLongLong();
            auto inserted = db->query(QStringLiteral("INSERT INTO sync_upload_chunks (upload_id, chunk_offset, data)"
                                                     " VALUES (?, ?, decode(?, 'hex'))"),
                { id, offset, hexOf(data) }, QStringLiteral("writing an upload chunk"));
            if (!inserted)
                return inserted.error();
            return received;
        }
        auto current = db->query(QStringLiteral("SELECT received FROM sync_uploads WHERE id = ?"), { id },
            QStringLiteral("reading an upload"));
        if (!current)
            return current.error();
        return current.value()->next() ? current.value()->value(0).toLongLong() : qint64(-1);
    });
}

Status<SyncStorage::Error> PostgresSyncStorage::readUpload(
    const QString &id, const std::function<bool(const QByteArray &)> &chunk)
{
    auto got = connection();
    if (!got)
        return got.error();
    Connection *db = got.value();
    // One chunk per query, so at most one chunk is in memory whatever the blob's size.
    auto done = inTransaction<int>(db, [&]() -> Result<int, Error> {
        qint64 next = 0;
        for (;;) {
            auto run = db->query(QStringLiteral("SELECT chunk_offset, data FROM sync_upload_chunks"
                                                " WHERE upload_id = ? AND chunk_offset >= ? ORDER BY chunk_offset"
                                                " LIMIT 1"),
                { id, next }, QStringLiteral("reading upload chunks"));
            if (!run)
                return run.error();
            if (!run.value()->next())
                return 0;
            const QByteArray data = run.value()->value(1).toByteArray();
            next = run.value()->value(0).toLongLong() + qMax<qint64>(1, data.size());
            if (!chunk(data))
                return 0;
        }
    });
    if (!done)
        return done.error();
    return ok;
}

Result<bool, SyncStorage::Error> PostgresSyncStorage::completeUpload(const QString &id, const StoredBlob &stored)
{
    auto got = connection();
    if (!got)
        return got.error();
    Connection *db = got.value();
    return inTransaction<bool>(db, [&]() -> Result<bool, Error> {
        // The session first, under its row lock: one that expired while its content was hashed has no chunks left
        // to store, and a concurrent append or expiry waits for this transaction.
        auto ended = db->query(QStringLiteral("DELETE FROM sync_uploads WHERE id = ? RETURNING 1"), { id },
            QStringLiteral("ending an upload"));
        if (!ended)
            return ended.error();
        if (!ended.value()->next())
            return false;
        auto inserted = db->query(QStringLiteral("INSERT INTO sync_blobs (scope, hash, size, created_by, created_at)"
                                                 " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1"),
            { stored.scope, stored.hash, stored.size, stored.createdBy, stored.createdAt },
            QStringLiteral("storing a blob"));
        if (!inserted)
            return inserted.error();
        // Another session of the same scope completed first: its copy is the blob, this one is dropped.
        if (inserted.value()->next()) {
            auto copied = db->query(QStringLiteral("INSERT INTO sync_blob_chunks (scope, hash, chunk_offset, data)"
                                                   " SELECT ?, ?, chunk_offset, data FROM sync_upload_chunks"
                                                   " WHERE upload_id = ?"),
                { stored.scope, stored.hash, id }, QStringLiteral("storing blob chunks"));
            if (!copied)
                return copied.error();
        }
        auto deleted = db->query(QStringLiteral("DELETE FROM sync_upload_chunks WHERE upload_id = ?"), { id },
            QStringLiteral("ending an upload"));
        if (!deleted)
            return deleted.error();
        return true;
    });
}

Status<SyncStorage::Error> PostgresSyncStorage::discardUpload(const QString &id)
{
    auto got = connection();
    if (!got)
        return got.error();
    Connection *db = got.value();
    auto done = inTransaction<int>(db, [&]() -> Result<int, Error> {
        for (const QString &sql : { QStringLiteral("DELETE FROM sync_upload_chunks WHERE upload_id = ?"),
                 QStringLiteral("DELETE FROM sync_uploads WHERE id = ?") }) {
            auto deleted = db->query(sql, { id }, QStringLiteral("discarding an upload"));
            if (!deleted)
                return deleted.error();
        }
        return 0;
    });
    if (!done)
        return done.error();
    return ok;
}

Result<ExpiredUploads, SyncStorage::Error> PostgresSyncStorage::expireUploads(qint64 idleSince, const QString &userId)
{
    auto got = connection();
    if (!got)
        return got.error();
    Connection *db = got.value();
    return inTransaction<ExpiredUploads>(db, [&]() -> Result<ExpiredUploads, Error> {
        // An empty user id is every user's (QPSQL binds an empty QString as NULL, hence the coalesce). The sessions
        // first: DELETE re-checks active_at of a row a concurrent append just refreshed (and then keeps it), and
        // only the chunks of the sessions really ended go.
        auto run = db->query(QStringLiteral("WITH gone AS (DELETE FROM sync_uploads WHERE active_at < ?"
                                            " AND (coalesce(?, '') = '' OR user_id = ?) RETURNING id, received),"
                                            " chunks AS (DELETE FROM sync_upload_chunks"
                                            " WHERE upload_id IN (SELECT id FROM gone))"
                                            " SELECT count(*), coalesce(sum(received), 0)::bigint FROM gone"),
            { idleSince, userId, userId }, QStringLiteral("expiring idle uploads"));
        if (!run)
            return run.error();
        if (!run.value()->next())
            return ExpiredUploads {};
        return ExpiredUploads { run.value()->value(0).toInt(), run.value()->value(1).toLongLong() };
    });
}

Result<QByteArray, SyncStorage::Error> PostgresSyncStorage::readBlob(
    const QString &scope, const QString &hash, qint64 offset, qint64 length)
{
    auto got = connection();
    if (!got)
        return got.error();
    Connection *db = got.value();
    return inTransaction<QByteArray>(db, [&]() -> Result<QByteArray, Error> {
        auto run
            = db->query(QStringLiteral("SELECT c.chunk_offset, c.data FROM sync_blobs AS b JOIN sync_blob_chunks AS c"
                                       " ON c.scope = coalesce(b.content_scope, b.scope) AND c.hash = b.hash"
                                       " WHERE b.scope = ? AND b.hash = ? AND c.chunk_offset < ?"
                                       " AND c.chunk_offset + octet_length(c.data) > ? ORDER BY c.chunk_offset"),
                { scope, hash, offset + length, offset }, QStringLiteral("reading a blob"));
        if (!run)
            return run.error();
        QByteArray bytes;
        while (run.value()->next()) {
            const qint64 start = run.value()->value(0).toLongLong();
            const QByteArray data = run.value()->value(1).toByteArray();
            const qint64 from = std::max<qint64>(0, offset - start);
            const qint64 to = std::min<qint64>(data.size(), offset + length - start);
            if (to > from)
                bytes.append(data.constData() + from, to - from);
        }
        return bytes;
    });
}

Result<QList<BlobReferrer>, SyncStorage::Error> PostgresSyncStorage::blobReferrers(
    const QString &scope, const QString &hash)
{
    auto got = connection();
    if (!got)
        return got.error();
    Connection *db = got.value();
    return inTransaction<QList<BlobReferrer>>(db, [&]() -> Result<QList<BlobReferrer>, Error> {
        auto run = db->query(QStringLiteral("SELECT r.id, r.kind, r.scope FROM sync_blob_refs AS b"
                                            " JOIN sync_records AS r ON r.id = b.record_id"
                                            " WHERE b.scope = ? AND b.hash = ? AND r.scope = b.scope"),
            { scope, hash }, QStringLiteral("reading blob references"));
        if (!run)
            return run.error();
        QList<BlobReferrer> found;
        while (run.value()->next())
            found.append({ run.value()->value(0).toString(), run.value()->value(1).toString(),
                run.value()->value(2).toString() });
        return found;
    });
}

namespace {

const QString checkpointColumns = QStringLiteral("number, created_at, key_id, payload, signature");

AuditCheckpoint checkpointFrom(const QSqlQuery &query)
{
    return { query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toString(),
        query.value(3).toByteArray(), query.value(4).toByteArray() };
}

} // namespace

Result<bool, SyncStorage::Error> PostgresSyncStorage::insertCheckpoint(const AuditCheckpoint &checkpoint)
{
    auto got = connection();
    if (!got)
        return got.error();
    Connection *db = got.value();
    return inTransaction<bool>(db, [&]() -> Result<bool, Error> {
        // ON CONFLICT: a number another server took first is an answer, not a failure (see SyncAudit::checkpoint).
        auto run = db->query(QStringLiteral("INSERT INTO sync_checkpoints (") + checkpointColumns
                + QStringLiteral(") VALUES (?, ?, ?, decode(?, 'hex'), decode(?, 'hex'))"
                                 " ON CONFLICT (number) DO NOTHING RETURNING number"),
            { checkpoint.number, checkpoint.createdAt, checkpoint.keyId, hexOf(checkpoint.payload),
                hexOf(checkpoint.signature) },
            QStringLiteral("storing a checkpoint"));
        if (!run)
            return run.error();
        return run.value()->next();
    });
}

Result<QList<AuditCheckpoint>, SyncStorage::Error> PostgresSyncStorage::checkpoints(qint64 after, int limit)
{
    auto got = connection();
    if (!got)
        return got.error();
    Connection *db = got.value();
    return inTransaction<QList<AuditCheckpoint>>(db, [&]() -> Result<QList<AuditCheckpoint>, Error> {
        auto run = db->query(QStringLiteral("SELECT ") + checkpointColumns
                + QStringLiteral(" FROM sync_checkpoints WHERE number > ? ORDER BY number LIMIT ?"),
            { after, limit }, QStringLiteral("reading checkpoints"));
        if (!run)
            return run.error();
        QList<AuditCheckpoint> found;
        while (run.value()->next())
            found.append(checkpointFrom(*run.value()));
        return found;
    });
}

Result<std::optional<AuditCheckpoint>, SyncStorage::Error> PostgresSyncStorage::latestCheckpoint()
{
    auto got = connection();
    if (!got)
        return got.error();
    Connection *db = got.value();
    return inTransaction<std::optional<AuditCheckpoint>>(db, [&]() -> Result<std::optional<AuditCheckpoint>, Error> {
        auto run = db->query(QStringLiteral("SELECT ") + checkpointColumns
                + QStringLiteral(" FROM sync_checkpoints ORDER BY number DESC LIMIT 1"),
            {}, QStringLiteral("reading the latest checkpoint"));
        if (!run)
            return run.error();
        if (!run.value()->next())
            return std::optional<AuditCheckpoint>();
        return std::optional<AuditCheckpoint>(checkpointFrom(*run.value()));
    });
}

} // namespace mts
