// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/sqlitesyncstorage.h"

#include "shared/sqlite/walcheckpointer.h"

#include <QJsonDocument>
#include <QThread>

#include <sqlite3.h>

#include <algorithm>
#include <array>

namespace mts {

namespace {

constexpr int busyTimeoutMs = 5000;

const char schemaV1[] = R"sql(
CREATE TABLE sync_buckets (
    bucket TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    count INTEGER NOT NULL,
    sum INTEGER NOT NULL,
    chain BLOB NOT NULL
);
CREATE TABLE sync_records (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    scope TEXT NOT NULL,
    bucket TEXT NOT NULL,
    version INTEGER NOT NULL,
    fields TEXT NOT NULL,
    stamps TEXT NOT NULL,
    deleted INTEGER NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX sync_records_bucket ON sync_records (bucket, version);
CREATE TABLE sync_changes (
    bucket TEXT NOT NULL,
    seq INTEGER NOT NULL,
    record_id TEXT NOT NULL,
    record_hash INTEGER NOT NULL,
    left_bucket INTEGER NOT NULL,
    chain BLOB NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (bucket, seq)
) WITHOUT ROWID;
CREATE TABLE sync_ops (
    op_id TEXT PRIMARY KEY,
    content_hash BLOB NOT NULL,
    user_id TEXT NOT NULL,
    record_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    received_at INTEGER NOT NULL
);
CREATE TABLE sync_conflicts (
    id TEXT PRIMARY KEY,
    record_id TEXT NOT NULL,
    bucket TEXT NOT NULL,
    op_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    op TEXT NOT NULL,
    current TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX sync_conflicts_bucket ON sync_conflicts (bucket, at);
)sql";

// Blobs (DESIGN.md, "Blobs"). Chunk tables keep their rowid: SQLite stores large rows best that way.
const char schemaV2[] = R"sql(
CREATE TABLE sync_blobs (
    scope TEXT NOT NULL,
    hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (scope, hash)
) WITHOUT ROWID;
CREATE INDEX sync_blobs_creator ON sync_blobs (created_by);
CREATE TABLE sync_blob_chunks (
    scope TEXT NOT NULL,
    hash TEXT NOT NULL,
    chunk_offset INTEGER NOT NULL,
    data BLOB NOT NULL,
    UNIQUE (scope, hash, chunk_offset)
);
CREATE TABLE sync_uploads (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    received INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX sync_uploads_user ON sync_uploads (user_id);
CREATE TABLE sync_upload_chunks (
    upload_id TEXT NOT NULL,
    chunk_offset INTEGER NOT NULL,
    data BLOB NOT NULL,
    UNIQUE (upload_id, chunk_offset)
);
CREATE TABLE sync_blob_refs (
    scope TEXT NOT NULL,
    hash TEXT NOT NULL,
    record_id TEXT NOT NULL,
    PRIMARY KEY (scope, hash, record_id)
) WITHOUT ROWID;
CREATE INDEX sync_blob_refs_record ON sync_blob_refs (record_id);
)sql";

// Audit checkpoints (DESIGN.md, "Audit"): written seldom, read by the audit only.
const char schemaV3[] = R"sql(
CREATE TABLE sync_checkpoints (
    number INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    key_id TEXT NOT NULL,
    payload BLOB NOT NULL,
    signature BLOB NOT NULL
);
)sql";

// An upload session's last activity, so that an abandoned one expires (the index finds the stale few without
// reading the rest).
const char schemaV4[] = R"sql(
ALTER TABLE sync_uploads ADD COLUMN active_at INTEGER NOT NULL DEFAULT 0;
UPDATE sync_uploads SET active_at = created_at;
CREATE INDEX sync_uploads_active ON sync_uploads (active_at);
)sql";

// A blob a moved record brought into another scope names the scope whose chunks hold its content (content_scope;
// NULL: its own chunks): stored once, counted once against the quota. Blobs are never deleted today; whatever
// deletes one some day must keep its chunks while another row names its scope.
const char schemaV5[] = R"sql(
ALTER TABLE sync_blobs ADD COLUMN content_scope TEXT;
)sql";

// The ends of push batches (PushTail), for a batch sent behind another; the index finds the old ones to drop.
const char schemaV6[] = R"sql(
CREATE TABLE sync_push_tails (
    op_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    rejected INTEGER NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX sync_push_tails_at ON sync_push_tails (at);
)sql";

enum Statement {
    Begin,
    BeginImmediate,
    Commit,
    Rollback,
    InsertHead,
    SelectHead,
    SelectAllHeads,
    SelectOp,
    SelectRecord,
    UpsertRecord,
    InsertChange,
    InsertOp,
    InsertConflict,
    UpdateHead,
    SelectChangedRecords,
    SelectDepartures,
    SelectConflicts,
    SelectChangeLog,
    StartSnapshot,
    FindBlob,
    SelectPushTail,
    UpsertPushTail,
    DeleteOldPushTails,
    UserBlobBytes,
    InsertUpload,
    SelectUpload,
    AdvanceUpload,
    InsertUploadChunk,
    SelectUploadChunks,
    InsertBlob,
    CopyUploadChunks,
    DeleteUploadChunks,
    DeleteUpload,
    SelectBlobChunks,
    SelectReferrers,
    DeleteRefs,
    InsertRef,
    ShareBlob,
    CountExpiredUploads,
    DeleteExpiredUploadChunks,
    DeleteExpiredUploads,
    StatementCount
};

const std::array<const char *, StatementCount> statementSql {
    "BEGIN",
    "BEGIN IMMEDIATE",
    "COMMIT",
    "ROLLBACK",
    "INSERT OR IGNORE INTO sync_buckets (bucket, seq, count, sum, chain) VALUES (?1, 0, 0, 0, x'')",
    "SELECT bucket, seq, count, sum, chain FROM sync_buckets WHERE bucket = ?1",
    "SELECT bucket, seq, count, sum, chain FROM sync_buckets ORDER BY bucket",
    "SELECT op_id, content_hash, user_id, record_id, outcome, code, message, received_at FROM sync_ops"
    " WHERE op_id = ?1",
    "SELECT id, kind, scope, bucket, version, fields, stamps, deleted, updated_by, updated_at FROM sync_records"
    " WHERE id = ?1",
    "INSERT INTO sync_records (id, kind, scope, bucket, version, fields, stamps, deleted, updated_by, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind,"
    " scope = excluded.scope, bucket = excluded.bucket, version = excluded.version, fields = excluded.fields,"
    " stamps = excluded.stamps, deleted = excluded.deleted, updated_by = excluded.updated_by,"
    " updated_at = excluded.updated_at",
    "INSERT INTO sync_changes (bucket, seq, record_id, record_hash, left_bucket, chain, at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "INSERT INTO sync_ops (op_id, content_hash, user_id, record_id, outcome, code, message, received_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    "INSERT INTO sync_conflicts (id, record_id, bucket, op_id, user_id, reason, op, current, at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    "UPDATE sync_buckets SET seq = ?2, count = ?3, sum = ?4, chain = ?5 WHERE bucket = ?1",
    "SELECT id, kind, scope, bucket, version, fields, stamps, deleted, updated_by, updated_at FROM sync_records"
    " WHERE bucket = ?1 AND version > ?2 ORDER BY version LIMIT ?3",
    "SELECT c.seq, c.record_id FROM sync_changes AS c WHERE c.bucket = ?1 AND c.seq > ?2 AND c.left_bucket = 1"
    " AND NOT EXISTS (SELECT 1 FROM sync_records AS r WHERE r.id = c.record_id AND r.bucket = c.bucket"
    " AND r.version > c.seq) ORDER BY c.seq LIMIT ?3",
    "SELECT id, record_id, bucket, op_id, user_id, reason, op, current, at FROM sync_conflicts WHERE bucket = ?1"
    " ORDER BY at, id",
    "SELECT bucket, seq, record_id, record_hash, left_bucket, chain, at FROM sync_changes WHERE bucket = ?1"
    " AND seq > ?2 ORDER BY seq LIMIT ?3",
    // A deferred transaction takes its snapshot at its first read: read at once, so the snapshot is beginRead()'s.
    "SELECT count(*) FROM sqlite_schema",
    "SELECT scope, hash, size, created_by, created_at FROM sync_blobs WHERE scope = ?1 AND hash = ?2",
    "SELECT op_id, user_id, rejected, at FROM sync_push_tails WHERE op_id = ?1",
    "INSERT INTO sync_push_tails (op_id, user_id, rejected, at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (op_id) DO UPDATE"
    " SET user_id = excluded.user_id, rejected = excluded.rejected, at = excluded.at",
    "DELETE FROM sync_push_tails WHERE at < ?1",
    "SELECT (SELECT coalesce(sum(size), 0) FROM sync_blobs WHERE created_by = ?1 AND content_scope IS NULL)"
    " + (SELECT coalesce(sum(size), 0) FROM sync_uploads WHERE user_id = ?1)",
    "INSERT INTO sync_uploads (id, user_id, scope, hash, size, received, created_at, active_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?6)",
    "SELECT id, user_id, scope, hash, size, received, created_at, active_at FROM sync_uploads WHERE id = ?1",
    "UPDATE sync_uploads SET received = received + ?3, active_at = ?4 WHERE id = ?1 AND received = ?2"
    " AND received + ?3 <= size",
    "INSERT INTO sync_upload_chunks (upload_id, chunk_offset, data) VALUES (?1, ?2, ?3)",
    "SELECT data FROM sync_upload_chunks WHERE upload_id = ?1 ORDER BY chunk_offset",
    "INSERT OR IGNORE INTO sync_blobs (scope, hash, size, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO sync_blob_chunks (scope, hash, chunk_offset, data)"
    " SELECT ?2, ?3, chunk_offset, data FROM sync_upload_chunks WHERE upload_id = ?1 ORDER BY chunk_offset",
    "DELETE FROM sync_upload_chunks WHERE upload_id = ?1",
    "DELETE FROM sync_uploads WHERE id = ?1",
    "SELECT c.chunk_offset, c.data FROM sync_blobs AS b JOIN sync_blob_chunks AS c"
    " ON c.scope = coalesce(b.content_scope, b.scope) AND c.hash = b.hash WHERE b.scope = ?1 AND b.hash = ?2"
    " AND c.chunk_offset < ?4 AND c.chunk_offset + length(c.data) > ?3 ORDER BY c.chunk_offset",
    "SELECT r.id, r.kind, r.scope FROM sync_blob_refs AS b JOIN sync_records AS r ON r.id = b.record_id"
    " WHERE b.scope = ?1 AND b.hash = ?2 AND r.scope = b.scope",
    "DELETE FROM sync_blob_refs WHERE record_id = ?1",
    "INSERT OR IGNORE INTO sync_blob_refs (scope, hash, record_id) VALUES (?1, ?2, ?3)",
    // Shares the content where it is stored (a blob shared into ?2 by an earlier move names that scope already).
    "INSERT OR IGNORE INTO sync_blobs (scope, hash, size, created_by, created_at, content_scope)"
    " SELECT ?1, hash, size, created_by, created_at, coalesce(content_scope, scope) FROM sync_blobs"
    " WHERE scope = ?2 AND hash = ?3",
    // ?2 empty: every user's sessions.
    "SELECT count(*), coalesce(sum(received), 0) FROM sync_uploads WHERE active_at < ?1 AND (?2 = '' OR user_id = ?2)",
    "DELETE FROM sync_upload_chunks WHERE upload_id IN"
    " (SELECT id FROM sync_uploads WHERE active_at < ?1 AND (?2 = '' OR user_id = ?2))",
    "DELETE FROM sync_uploads WHERE active_at < ?1 AND (?2 = '' OR user_id = ?2)",
};

QString text(sqlite3_stmt *statement, int column)
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(statement, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(statement, column));
}

QByteArray blob(sqlite3_stmt *statement, int column)
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(statement, column));
    return QByteArray(data, sqlite3_column_bytes(statement, column));
}

QJsonObject jsonObject(sqlite3_stmt *statement, int column)
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(statement, column));
    return QJsonDocument::fromJson(QByteArray::fromRawData(data, sqlite3_column_bytes(statement, column))).object();
}

void bindText(sqlite3_stmt *statement, int index, const QString &value)
{
    // Most values are short ASCII (ids, kinds, scopes, buckets, stamps): copied on the stack, not allocated.
    constexpr qsizetype shortText = 96;
    if (value.size() <= shortText) {
        std::array<char, shortText> ascii;
        const ushort *units = value.utf16();
        qsizetype i = 0;
        for (; i < value.size() && units[i] < 0x80; ++i)
            ascii[size_t(i)] = char(units[i]);
        if (i == value.size()) {
            sqlite3_bind_text(statement, index, ascii.data(), int(i), SQLITE_TRANSIENT);
            return;
        }
    }
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

void bindBytes(sqlite3_stmt *statement, int index, const QByteArray &value)
{
    sqlite3_bind_blob(statement, index, value.constData(), int(value.size()), SQLITE_TRANSIENT);
}

void bindUtf8(sqlite3_stmt *statement, int index, const QByteArray &value)
{
    sqlite3_bind_text(statement, index, value.constData(), int(value.size()), SQLITE_TRANSIENT);
}

BucketState readHead(sqlite3_stmt *statement)
{
    BucketState head;
    head.bucket = text(statement, 0);
    head.seq = sqlite3_column_int64(statement, 1);
    head.checksum.count = quint64(sqlite3_column_int64(statement, 2));
    head.checksum.sum = quint64(sqlite3_column_int64(statement, 3));
    head.chain = blob(statement, 4);
    return head;
}

// A row of sync_records (the columns of SelectRecord) without its fields, which the callers read as they need.
StoredRecord readRecordWithoutFields(sqlite3_stmt *statement)
{
    StoredRecord record;
    record.id = text(statement, 0);
    record.kind = text(statement, 1);
    record.scope = text(statement, 2);
    record.bucket = text(statement, 3);
    record.version = sqlite3_column_int64(statement, 4);
    record.setStoredStamps(jsonObject(statement, 6));
    record.deleted = sqlite3_column_int(statement, 7) != 0;
    return record;
}

// A row as pull sends it: the fields' stored text is not parsed (StoredRecord::toChange()).
sync::RecordChange readChange(sqlite3_stmt *statement)
{
    return readRecordWithoutFields(statement).toChange(blob(statement, 5));
}

StoredRecord readRecord(sqlite3_stmt *statement)
{
    StoredRecord record = readRecordWithoutFields(statement);
    record.fields = jsonObject(statement, 5);
    record.updatedBy = text(statement, 8);
    record.updatedAt = sqlite3_column_int64(statement, 9);
    return record;
}

} // namespace

/// One thread's connection and its prepared statements.
class SqliteSyncStorage::Connection {
public:
    Connection(Qt::HANDLE thread, sqlite3 *db)
        : thread(thread)
        , db(db)
    {
    }
    ~Connection()
    {
        for (sqlite3_stmt *statement : statements)
            sqlite3_finalize(statement);
        sqlite3_close_v2(db);
    }

    sqlite3_stmt *statement(Statement which)
    {
        sqlite3_stmt *&cached = statements[which];
        if (!cached
            && sqlite3_prepare_v3(db, statementSql[which], -1, SQLITE_PREPARE_PERSISTENT, &cached, nullptr)
                != SQLITE_OK) {
            cached = nullptr;
        }
        if (cached) {
            sqlite3_reset(cached);
            sqlite3_clear_bindings(cached);
        }
        return cached;
    }

    mts::Error<SyncStorage::Error> error(const char *what) const
    {
        const int code = sqlite3_extended_errcode(db);
        const auto kind = (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED ? SyncStorage::Error::Busy
            : (code & 0xff) == SQLITE_CONSTRAINT                                         ? SyncStorage::Error::Busy
                                                                                         : SyncStorage::Error::Failed;
        return { kind, QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(db))) };
    }

    // Runs a statement that returns no rows.
    Status<SyncStorage::Error> run(Statement which, const char *what)
    {
        sqlite3_stmt *s = statement(which);
        if (!s || sqlite3_step(s) != SQLITE_DONE) {
            auto failure = error(what);
            if (s)
                sqlite3_reset(s);
            return failure;
        }
        sqlite3_reset(s);
        return ok;
    }

    Qt::HANDLE thread;
    sqlite3 *db;
    std::array<sqlite3_stmt *, StatementCount> statements {};
};

namespace {

using Connection = SqliteSyncStorage::Connection;
using StorageError = SyncStorage::Error;

template <typename T>
using StorageResult = Result<T, StorageError>;

StorageResult<QHash<QString, StoredRecord>> loadRecordsOn(Connection *c, const QStringList &ids)
{
    QHash<QString, StoredRecord> found;
    for (const QString &id : ids) {
        sqlite3_stmt *s = c->statement(SelectRecord);
        if (!s)
            return c->error("prepare");
        bindText(s, 1, id);
        const int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW)
            found.insert(id, readRecord(s));
        else if (rc != SQLITE_DONE)
            return c->error("read record");
        sqlite3_reset(s);
    }
    return found;
}

// Runs a prepared statement that returns no rows, with the bindings `bind` sets; the number of rows changed.
template <typename B>
StorageResult<int> change(Connection *c, Statement which, const char *what, B &&bind)
{
    sqlite3_stmt *s = c->statement(which);
    if (!s)
        return c->error("prepare");
    bind(s);
    if (sqlite3_step(s) != SQLITE_DONE) {
        auto failure = c->error(what);
        sqlite3_reset(s);
        return failure;
    }
    sqlite3_reset(s);
    return sqlite3_changes(c->db);
}

class SqliteWrite final : public SyncStorage::WriteTransaction {
public:
    SqliteWrite(Connection *c, std::unique_lock<std::timed_mutex> writer)
        : m_c(c)
        , m_writer(std::move(writer))
    {
    }
    ~SqliteWrite() override
    {
        if (!m_done)
            (void)m_c->run(Rollback, "rollback");
    }

    StorageResult<QList<BucketState>> lockBuckets(QStringList buckets) override
    {
        std::sort(buckets.begin(), buckets.end());
        buckets.erase(std::unique(buckets.begin(), buckets.end()), buckets.end());
        QList<BucketState> heads;
        for (const QString &bucket : std::as_const(buckets)) {
            sqlite3_stmt *insert = m_c->statement(InsertHead);
            if (!insert)
                return m_c->error("prepare");
            bindText(insert, 1, bucket);
            if (sqlite3_step(insert) != SQLITE_DONE)
                return m_c->error("create bucket head");
            sqlite3_reset(insert);
            sqlite3_stmt *select = m_c->statement(SelectHead);
            bindText(select, 1, bucket);
            if (sqlite3_step(select) != SQLITE_ROW)
                return m_c->error("read bucket head");
            heads.append(readHead(select));
            sqlite3_reset(select);
        }
        return heads;
    }

    StorageResult<QHash<QString, StoredOp>> findOps(const QStringList &opIds) override
    {
        QHash<QString, StoredOp> found;
        for (const QString &id : opIds) {
            sqlite3_stmt *s = m_c->statement(SelectOp);
            if (!s)
                return m_c->error("prepare");
            bindText(s, 1, id);
            const int rc = sqlite3_step(s);
            if (rc == SQLITE_ROW) {
                StoredOp op;
                op.opId = text(s, 0);
                op.contentHash = blob(s, 1);
                op.userId = text(s, 2);
                op.recordId = text(s, 3);
                op.outcome = sync::pushOutcomeFromName(text(s, 4)).value_or(sync::PushOutcome::Rejected);
                op.code = text(s, 5);
                op.message = text(s, 6);
                op.receivedAt = sqlite3_column_int64(s, 7);
                found.insert(id, op);
            } else if (rc != SQLITE_DONE) {
                return m_c->error("read op");
            }
            sqlite3_reset(s);
        }
        return found;
    }

    StorageResult<QHash<QString, StoredRecord>> loadRecords(const QStringList &ids) override
    {
        return loadRecordsOn(m_c, ids);
    }

    StorageResult<QStringList> findBlobs(const QString &scope, const QStringList &hashes) override
    {
        QStringList found;
        for (const QString &hash : hashes) {
            sqlite3_stmt *s = m_c->statement(FindBlob);
            if (!s)
                return m_c->error("prepare");
            bindText(s, 1, scope);
            bindText(s, 2, hash);
            const int rc = sqlite3_step(s);
            if (rc == SQLITE_ROW)
                found.append(hash);
            else if (rc != SQLITE_DONE)
                return m_c->error("read blob");
            sqlite3_reset(s);
        }
        return found;
    }

    StorageResult<std::optional<PushTail>> findPushTail(const QString &opId) override
    {
        sqlite3_stmt *s = m_c->statement(SelectPushTail);
        if (!s)
            return m_c->error("prepare");
        bindText(s, 1, opId);
        const int rc = sqlite3_step(s);
        std::optional<PushTail> tail;
        if (rc == SQLITE_ROW)
            tail = PushTail { text(s, 0), text(s, 1), sqlite3_column_int(s, 2), sqlite3_column_int64(s, 3) };
        sqlite3_reset(s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return m_c->error("read push tail");
        return tail;
    }

    Status<StorageError> write(const SyncWriteSet &writes) override
    {
        if (writes.tail) {
            const PushTail &tail = *writes.tail;
            auto dropped = change(m_c, DeleteOldPushTails, "drop old push tails",
                [&](sqlite3_stmt *s) { sqlite3_bind_int64(s, 1, tail.at - PushTail::keepMillis); });
            if (!dropped)
                return dropped.error();
            auto stored = change(m_c, UpsertPushTail, "write push tail", [&](sqlite3_stmt *s) {
                bindText(s, 1, tail.opId);
                bindText(s, 2, tail.userId);
                sqlite3_bind_int(s, 3, tail.rejected);
                sqlite3_bind_int64(s, 4, tail.at);
            });
            if (!stored)
                return stored.error();
        }
        for (const BlobRefs &refs : writes.blobRefs) {
            sqlite3_stmt *s = m_c->statement(DeleteRefs);
            if (!s)
                return m_c->error("prepare");
            bindText(s, 1, refs.recordId);
            if (sqlite3_step(s) != SQLITE_DONE)
                return m_c->error("drop blob references");
            sqlite3_reset(s);
            for (const QString &hash : refs.hashes) {
                s = m_c->statement(InsertRef);
                bindText(s, 1, refs.scope);
                bindText(s, 2, hash);
                bindText(s, 3, refs.recordId);
                if (sqlite3_step(s) != SQLITE_DONE)
                    return m_c->error("write blob reference");
                sqlite3_reset(s);
                if (refs.fromScope.isEmpty() || refs.fromScope == refs.scope)
                    continue;
                s = m_c->statement(ShareBlob);
                bindText(s, 1, refs.scope);
                bindText(s, 2, refs.fromScope);
                bindText(s, 3, hash);
                if (sqlite3_step(s) != SQLITE_DONE)
                    return m_c->error("share a moved record's blob");
                sqlite3_reset(s);
            }
        }
        for (const StoredRecord &r : writes.records) {
            sqlite3_stmt *s = m_c->statement(UpsertRecord);
            if (!s)
                return m_c->error("prepare");
            bindText(s, 1, r.id);
            bindText(s, 2, r.kind);
            bindText(s, 3, r.scope);
            bindText(s, 4, r.bucket);
            sqlite3_bind_int64(s, 5, r.version);
            bindUtf8(s, 6, r.storedFields());
            bindUtf8(s, 7, storedJson(r.storedStamps()));
            sqlite3_bind_int(s, 8, r.deleted ? 1 : 0);
            bindText(s, 9, r.updatedBy);
            sqlite3_bind_int64(s, 10, r.updatedAt);
            if (sqlite3_step(s) != SQLITE_DONE)
                return m_c->error("write record");
            sqlite3_reset(s);
        }
        for (const ChangeRow &change : writes.changes) {
            sqlite3_stmt *s = m_c->statement(InsertChange);
            bindText(s, 1, change.bucket);
            sqlite3_bind_int64(s, 2, change.seq);
            bindText(s, 3, change.recordId);
            sqlite3_bind_int64(s, 4, qint64(change.recordHash));
            sqlite3_bind_int(s, 5, change.left ? 1 : 0);
            bindBytes(s, 6, change.chain);
            sqlite3_bind_int64(s, 7, change.at);
            if (sqlite3_step(s) != SQLITE_DONE)
                return m_c->error("write change");
            sqlite3_reset(s);
        }
        for (const StoredOp &op : writes.ops) {
            sqlite3_stmt *s = m_c->statement(InsertOp);
            bindText(s, 1, op.opId);
            bindBytes(s, 2, op.contentHash);
            bindText(s, 3, op.userId);
            bindText(s, 4, op.recordId);
            bindText(s, 5, sync::pushOutcomeName(op.outcome));
            bindText(s, 6, op.code);
            bindText(s, 7, op.message);
            sqlite3_bind_int64(s, 8, op.receivedAt);
            if (sqlite3_step(s) != SQLITE_DONE)
                return m_c->error("write op");
            sqlite3_reset(s);
        }
        for (const ConflictRow &conflict : writes.conflicts) {
            sqlite3_stmt *s = m_c->statement(InsertConflict);
            bindText(s, 1, conflict.id);
            bindText(s, 2, conflict.recordId);
            bindText(s, 3, conflict.bucket);
            bindText(s, 4, conflict.opId);
            bindText(s, 5, conflict.userId);
            bindText(s, 6, conflict.reason);
            bindUtf8(s, 7, storedJson(conflict.op));
            bindUtf8(s, 8, storedJson(conflict.current));
            sqlite3_bind_int64(s, 9, conflict.at);
            if (sqlite3_step(s) != SQLITE_DONE)
                return m_c->error("write conflict");
            sqlite3_reset(s);
        }
        for (const BucketState &head : writes.heads) {
            sqlite3_stmt *s = m_c->statement(UpdateHead);
            bindText(s, 1, head.bucket);
            sqlite3_bind_int64(s, 2, head.seq);
            sqlite3_bind_int64(s, 3, qint64(head.checksum.count));
            sqlite3_bind_int64(s, 4, qint64(head.checksum.sum));
            bindBytes(s, 5, head.chain);
            if (sqlite3_step(s) != SQLITE_DONE)
                return m_c->error("write bucket head");
            sqlite3_reset(s);
        }
        return ok;
    }

    Status<StorageError> commit() override
    {
        auto status = m_c->run(Commit, "commit");
        if (status)
            m_done = true;
        return status;
    }

private:
    Connection *m_c;
    // Released after the commit or the rollback: member order (the destructor's body runs first).
    std::unique_lock<std::timed_mutex> m_writer;
    bool m_done = false;
};

class SqliteRead final : public SyncStorage::ReadTransaction {
public:
    explicit SqliteRead(Connection *c)
        : m_c(c)
    {
    }
    ~SqliteRead() override { (void)m_c->run(Rollback, "end read"); }

    StorageResult<QList<BucketState>> heads(const QStringList &buckets) override
    {
        QList<BucketState> found;
        for (const QString &bucket : buckets) {
            sqlite3_stmt *s = m_c->statement(SelectHead);
            if (!s)
                return m_c->error("prepare");
            bindText(s, 1, bucket);
            const int rc = sqlite3_step(s);
            if (rc == SQLITE_ROW)
                found.append(readHead(s));
            else if (rc != SQLITE_DONE)
                return m_c->error("read bucket head");
            sqlite3_reset(s);
        }
        return found;
    }

    StorageResult<QList<BucketState>> allHeads() override
    {
        QList<BucketState> found;
        sqlite3_stmt *s = m_c->statement(SelectAllHeads);
        if (!s)
            return m_c->error("prepare");
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            found.append(readHead(s));
        if (rc != SQLITE_DONE)
            return m_c->error("read bucket heads");
        sqlite3_reset(s);
        return found;
    }

    StorageResult<QList<sync::RecordChange>> changesAfter(const QString &bucket, qint64 after, int limit) override
    {
        QList<sync::RecordChange> records;
        sqlite3_stmt *s = m_c->statement(SelectChangedRecords);
        if (!s)
            return m_c->error("prepare");
        bindText(s, 1, bucket);
        sqlite3_bind_int64(s, 2, after);
        sqlite3_bind_int(s, 3, limit);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            records.append(readChange(s));
        if (rc != SQLITE_DONE)
            return m_c->error("read changes");
        sqlite3_reset(s);

        QList<sync::RecordChange> departures;
        s = m_c->statement(SelectDepartures);
        bindText(s, 1, bucket);
        sqlite3_bind_int64(s, 2, after);
        sqlite3_bind_int(s, 3, limit);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            sync::RecordChange left;
            left.bucket = bucket;
            left.seq = sqlite3_column_int64(s, 0);
            left.id = text(s, 1);
            left.left = true;
            departures.append(left);
        }
        if (rc != SQLITE_DONE)
            return m_c->error("read departures");
        sqlite3_reset(s);
        if (departures.isEmpty())
            return records;

        QList<sync::RecordChange> merged;
        merged.reserve(std::min<qsizetype>(limit, records.size() + departures.size()));
        std::merge(records.cbegin(), records.cend(), departures.cbegin(), departures.cend(), std::back_inserter(merged),
            [](const sync::RecordChange &a, const sync::RecordChange &b) { return a.seq < b.seq; });
        if (merged.size() > limit)
            merged.resize(limit);
        return merged;
    }

    StorageResult<QList<ConflictRow>> conflicts(const QString &bucket) override
    {
        QList<ConflictRow> found;
        sqlite3_stmt *s = m_c->statement(SelectConflicts);
        if (!s)
            return m_c->error("prepare");
        bindText(s, 1, bucket);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            found.append({ text(s, 0), text(s, 1), text(s, 2), text(s, 3), text(s, 4), text(s, 5), jsonObject(s, 6),
                jsonObject(s, 7), sqlite3_column_int64(s, 8) });
        }
        if (rc != SQLITE_DONE)
            return m_c->error("read conflicts");
        sqlite3_reset(s);
        return found;
    }

    StorageResult<QList<ChangeRow>> changeLog(const QString &bucket, qint64 after, int limit) override
    {
        QList<ChangeRow> found;
        sqlite3_stmt *s = m_c->statement(SelectChangeLog);
        if (!s)
            return m_c->error("prepare");
        bindText(s, 1, bucket);
        sqlite3_bind_int64(s, 2, after);
        sqlite3_bind_int(s, 3, limit);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            found.append({ text(s, 0), sqlite3_column_int64(s, 1), text(s, 2), quint64(sqlite3_column_int64(s, 3)),
                sqlite3_column_int(s, 4) != 0, blob(s, 5), sqlite3_column_int64(s, 6) });
        }
        if (rc != SQLITE_DONE)
            return m_c->error("read change log");
        sqlite3_reset(s);
        return found;
    }

    StorageResult<QHash<QString, StoredRecord>> loadRecords(const QStringList &ids) override
    {
        return loadRecordsOn(m_c, ids);
    }

private:
    Connection *m_c;
};

} // namespace

SqliteSyncStorage::SqliteSyncStorage(QString filePath)
    : m_filePath(std::move(filePath))
    , m_checkpointer(std::make_unique<WalCheckpointer>(m_filePath))
{
}

SqliteSyncStorage::~SqliteSyncStorage() = default;

int SqliteSyncStorage::backgroundCheckpoints() const
{
    return m_checkpointer->completed();
}

Result<SqliteSyncStorage::Connection *, SyncStorage::Error> SqliteSyncStorage::connection()
{
    const Qt::HANDLE thread = QThread::currentThreadId();
    QMutexLocker lock(&m_mutex);
    for (const auto &c : m_connections) {
        if (c->thread == thread)
            return c.get();
    }
    sqlite3 *db = nullptr;
    const QByteArray path = m_filePath.toUtf8();
    if (sqlite3_open_v2(
            path.constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr)
        != SQLITE_OK) {
        const QString message = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close_v2(db);
        return mts::Error<Error> { Error::Unavailable, QStringLiteral("cannot open %1: %2").arg(m_filePath, message) };
    }
    sqlite3_busy_timeout(db, busyTimeoutMs);
    // A new file gets 16 KB pages (SQLite ignores this for an existing one): a push writes about 1 KB per op
    // across its tables and indexes, and larger pages mean a quarter of the log frames, each written with its own
    // system calls. Measured on a 100,000-op push: server CPU 2.8-3.0 s with 4 KB pages, 2.5-2.6 s with 16 KB.
    // A log grown past 64 MB while a checkpoint could not catch up is cut back once it has.
    for (const char *pragma : { "PRAGMA page_size = 16384", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
             "PRAGMA journal_size_limit = 67108864", "PRAGMA cache_size = -16000", "PRAGMA temp_store = MEMORY" }) {
        if (sqlite3_exec(db, pragma, nullptr, nullptr, nullptr) != SQLITE_OK) {
            const QString message = QString::fromUtf8(sqlite3_errmsg(db));
            sqlite3_close_v2(db);
            return mts::Error<Error> { Error::Unavailable,
                QStringLiteral("cannot configure %1: %2").arg(m_filePath, message) };
        }
    }
    m_checkpointer->attach(db);
    m_connections.push_back(std::make_unique<Connection>(thread, db));
    return m_connections.back().get();
}

Status<SyncStorage::Error> SqliteSyncStorage::open()
{
    auto c = connection();
    if (!c)
        return c.error();
    sqlite3 *db = c.value()->db;
    const auto fail = [db, this](const char *what) {
        return mts::Error<Error> { Error::Failed,
            QStringLiteral("%1 (%2): %3").arg(QLatin1String(what), m_filePath, QString::fromUtf8(sqlite3_errmsg(db))) };
    };
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail("cannot start the migration");
    sqlite3_stmt *s = nullptr;
    int version = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        version = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (version < 0 || version > schemaVersion) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        return mts::Error<Error> { Error::Failed,
            version < 0 ? QStringLiteral("%1 is not a database").arg(m_filePath)
                        : QStringLiteral("%1 was written by a newer server (sync schema %2, this build knows %3)")
                              .arg(m_filePath)
                              .arg(version)
                              .arg(schemaVersion) };
    }
    // Step n takes the schema from version n to n + 1, in the migration's one transaction.
    struct Step {
        const char *sql;
        const char *failure;
    };
    static constexpr std::array<Step, schemaVersion> steps { {
        { schemaV1, "cannot create the sync tables" },
        { schemaV2, "cannot create the blob tables" },
        { schemaV3, "cannot create the checkpoint table" },
        { schemaV4, "cannot add the upload activity column" },
        { schemaV5, "cannot add the shared blob column" },
        { schemaV6, "cannot create the push tail table" },
    } };
    for (; version < schemaVersion; ++version) {
        const QByteArray setVersion = "PRAGMA user_version = " + QByteArray::number(version + 1);
        if (sqlite3_exec(db, steps[size_t(version)].sql, nullptr, nullptr, nullptr) != SQLITE_OK
            || sqlite3_exec(db, setVersion.constData(), nullptr, nullptr, nullptr) != SQLITE_OK) {
            auto failure = fail(steps[size_t(version)].failure);
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            return failure;
        }
    }
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail("cannot finish the migration");
    return ok;
}

Result<std::unique_ptr<SyncStorage::WriteTransaction>, SyncStorage::Error> SqliteSyncStorage::beginWrite()
{
    auto c = connection();
    if (!c)
        return c.error();
    std::unique_lock writer(m_writer, std::chrono::milliseconds(busyTimeoutMs));
    if (!writer.owns_lock())
        return mts::Error<Error> { Error::Busy, QStringLiteral("another push held the database too long") };
    if (auto status = c.value()->run(BeginImmediate, "begin write"); !status)
        return status.error();
    return std::unique_ptr<WriteTransaction>(std::make_unique<SqliteWrite>(c.value(), std::move(writer)));
}

Result<std::unique_ptr<SyncStorage::ReadTransaction>, SyncStorage::Error> SqliteSyncStorage::beginRead()
{
    auto c = connection();
    if (!c)
        return c.error();
    if (auto status = c.value()->run(Begin, "begin read"); !status)
        return status.error();
    sqlite3_stmt *snapshot = c.value()->statement(StartSnapshot);
    if (!snapshot || sqlite3_step(snapshot) != SQLITE_ROW) {
        auto failure = c.value()->error("start the read snapshot");
        (void)c.value()->run(Rollback, "end read");
        return failure;
    }
    sqlite3_reset(snapshot);
    return std::unique_ptr<ReadTransaction>(std::make_unique<SqliteRead>(c.value()));
}

namespace {

// Runs `work` in a transaction of its own (BEGIN IMMEDIATE when it writes), committed when it succeeds.
template <typename T, typename F>
StorageResult<T> inTransaction(Connection *c, bool writes, F &&work)
{
    if (auto begun = c->run(writes ? BeginImmediate : Begin, "begin"); !begun)
        return begun.error();
    StorageResult<T> result = work();
    if (!result) {
        (void)c->run(Rollback, "rollback");
        return result;
    }
    if (auto committed = c->run(Commit, "commit"); !committed) {
        (void)c->run(Rollback, "rollback");
        return committed.error();
    }
    return result;
}

UploadSession readUploadRow(sqlite3_stmt *s)
{
    return { text(s, 0), text(s, 1), text(s, 2), text(s, 3), sqlite3_column_int64(s, 4), sqlite3_column_int64(s, 5),
        sqlite3_column_int64(s, 6), sqlite3_column_int64(s, 7) };
}

} // namespace

Result<std::optional<StoredBlob>, SyncStorage::Error> SqliteSyncStorage::findBlob(
    const QString &scope, const QString &hash)
{
    auto c = connection();
    if (!c)
        return c.error();
    Connection *db = c.value();
    return inTransaction<std::optional<StoredBlob>>(db, false, [&]() -> StorageResult<std::optional<StoredBlob>> {
        sqlite3_stmt *s = db->statement(FindBlob);
        if (!s)
            return db->error("prepare");
        bindText(s, 1, scope);
        bindText(s, 2, hash);
        const int rc = sqlite3_step(s);
        std::optional<StoredBlob> found;
        if (rc == SQLITE_ROW)
            found = StoredBlob { text(s, 0), text(s, 1), sqlite3_column_int64(s, 2), text(s, 3),
                sqlite3_column_int64(s, 4) };
        else if (rc != SQLITE_DONE)
            return db->error("read blob");
        sqlite3_reset(s);
        return found;
    });
}

Result<qint64, SyncStorage::Error> SqliteSyncStorage::userBlobBytes(const QString &userId)
{
    auto c = connection();
    if (!c)
        return c.error();
    Connection *db = c.value();
    return inTransaction<qint64>(db, false, [&]() -> StorageResult<qint64> {
        sqlite3_stmt *s = db->statement(UserBlobBytes);
        if (!s)
            return db->error("prepare");
        bindText(s, 1, userId);
        if (sqlite3_step(s) != SQLITE_ROW)
            return db->error("sum blob sizes");
        const qint64 bytes = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
        return bytes;
    });
}

Status<SyncStorage::Error> SqliteSyncStorage::createUpload(const UploadSession &session)
{
    auto c = connection();
    if (!c)
        return c.error();
    Connection *db = c.value();
    auto done = inTransaction<int>(db, true, [&] {
        return change(db, InsertUpload, "create upload", [&](sqlite3_stmt *s) {
            bindText(s, 1, session.id);
            bindText(s, 2, session.userId);
            bindText(s, 3, session.scope);
            bindText(s, 4, session.hash);
            sqlite3_bind_int64(s, 5, session.size);
            sqlite3_bind_int64(s, 6, session.createdAt);
        });
    });
    if (!done)
        return done.error();
    return ok;
}

Result<std::optional<UploadSession>, SyncStorage::Error> SqliteSyncStorage::findUpload(const QString &id)
{
    auto c = connection();
    if (!c)
        return c.error();
    Connection *db = c.value();
    return inTransaction<std::optional<UploadSession>>(db, false, [&]() -> StorageResult<std::optional<UploadSession>> {
        sqlite3_stmt *s = db->statement(SelectUpload);
        if (!s)
            return db->error("prepare");
        bindText(s, 1, id);
        const int rc = sqlite3_step(s);
        std::optional<UploadSession> found;
        if (rc == SQLITE_ROW)
            found = readUploadRow(s);
        else if (rc != SQLITE_DONE)
            return db->error("read upload");
        sqlite3_reset(s);
        return found;
    });
}

Result<qint64, SyncStorage::Error> SqliteSyncStorage::appendUpload(
    const QString &id, qint64 offset, const QByteArray &data, qint64 at)
{
    auto c = connection();
    if (!c)
        return c.error();
    Connection *db = c.value();
    return inTransaction<qint64>(db, true, [&]() -> StorageResult<qint64> {
        auto advanced = change(db, AdvanceUpload, "advance upload", [&](sqlite3_stmt *s) {
            bindText(s, 1, id);
            sqlite3_bind_int64(s, 2, offset);
            sqlite3_bind_int64(s, 3, data.size());
            sqlite3_bind_int64(s, 4, at);
        });
        if (!advanced)
            return advanced.error();
        if (advanced.value() == 1) {
            auto inserted = change(db, InsertUploadChunk, "write upload chunk", [&](sqlite3_stmt *s) {
                bindText(s, 1, id);
                sqlite3_bind_int64(s, 2, offset);
                bindBytes(s, 3, data);
            });
            if (!inserted)
                return inserted.error();
        }
        sqlite3_stmt *s = db->statement(SelectUpload);
        if (!s)
            return db->error("prepare");
        bindText(s, 1, id);
        const int rc = sqlite3_step(s);
        const qint64 received = rc == SQLITE_ROW ? sqlite3_column_int64(s, 5) : -1;
        sqlite3_reset(s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return db->error("read upload");
        return received;
    });
}

Status<SyncStorage::Error> SqliteSyncStorage::readUpload(
    const QString &id, const std::function<bool(const QByteArray &)> &chunk)
{
    auto c = connection();
    if (!c)
        return c.error();
    Connection *db = c.value();
    auto done = inTransaction<int>(db, false, [&]() -> StorageResult<int> {
        sqlite3_stmt *s = db->statement(SelectUploadChunks);
        if (!s)
            return db->error("prepare");
        bindText(s, 1, id);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            if (!chunk(blob(s, 0))) {
                rc = SQLITE_DONE;
                break;
            }
        }
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return db->error("read upload chunks");
        return 0;
    });
    if (!done)
        return done.error();
    return ok;
}

Result<bool, SyncStorage::Error> SqliteSyncStorage::completeUpload(const QString &id, const StoredBlob &stored)
{
    auto c = connection();
    if (!c)
        return c.error();
    Connection *db = c.value();
    return inTransaction<bool>(db, true, [&]() -> StorageResult<bool> {
        // The session first: one that expired while its content was hashed has no chunks left to store.
        auto ended = change(db, DeleteUpload, "end upload", [&](sqlite3_stmt *s) { bindText(s, 1, id); });
        if (!ended)
            return ended.error();
        if (ended.value() == 0)
            return false;
        auto inserted = change(db, InsertBlob, "store blob", [&](sqlite3_stmt *s) {
            bindText(s, 1, stored.scope);
            bindText(s, 2, stored.hash);
            sqlite3_bind_int64(s, 3, stored.size);
            bindText(s, 4, stored.createdBy);
            sqlite3_bind_int64(s, 5, stored.createdAt);
        });
        if (!inserted)
            return inserted.error();
        // Another session of the same scope completed first: its copy is the blob, this one is dropped.
        if (inserted.value() == 1) {
            auto copied = change(db, CopyUploadChunks, "store blob chunks", [&](sqlite3_stmt *s) {
                bindText(s, 1, id);
                bindText(s, 2, stored.scope);
                bindText(s, 3, stored.hash);
            });
            if (!copied)
                return copied.error();
        }
        auto deleted = change(db, DeleteUploadChunks, "end upload", [&](sqlite3_stmt *s) { bindText(s, 1, id); });
        if (!deleted)
            return deleted.error();
        return true;
    });
}

Status<SyncStorage::Error> SqliteSyncStorage::discardUpload(const QString &id)
{
    auto c = connection();
    if (!c)
        return c.error();
    Connection *db = c.value();
    auto done = inTransaction<int>(db, true, [&]() -> StorageResult<int> {
        for (Statement which : { DeleteUploadChunks, DeleteUpload }) {
            auto deleted = change(db, which, "discard upload", [&](sqlite3_stmt *s) { bindText(s, 1, id); });
            if (!deleted)
                return deleted.error();
        }
        return 0;
    });
    if (!done)
        return done.error();
    return ok;
}

Result<ExpiredUploads, SyncStorage::Error> SqliteSyncStorage::expireUploads(qint64 idleSince, const QString &userId)
{
    auto c = connection();
    if (!c)
        return c.error();
    Connection *db = c.value();
    const auto count = [&]() -> StorageResult<ExpiredUploads> {
        sqlite3_stmt *s = db->statement(CountExpiredUploads);
        if (!s)
            return db->error("prepare");
        sqlite3_bind_int64(s, 1, idleSince);
        bindText(s, 2, userId);
        if (sqlite3_step(s) != SQLITE_ROW)
            return db->error("find idle uploads");
        const ExpiredUploads found { sqlite3_column_int(s, 0), sqlite3_column_int64(s, 1) };
        sqlite3_reset(s);
        return found;
    };
    // Almost always there is nothing to expire: find that out without taking SQLite's one write lock.
    auto stale = inTransaction<ExpiredUploads>(db, false, count);
    if (!stale || stale.value().sessions == 0)
        return stale;
    return inTransaction<ExpiredUploads>(db, true, [&]() -> StorageResult<ExpiredUploads> {
        auto expired = count();
        if (!expired)
            return expired;
        for (Statement which : { DeleteExpiredUploadChunks, DeleteExpiredUploads }) {
            auto deleted = change(db, which, "expire idle uploads", [&](sqlite3_stmt *s) {
                sqlite3_bind_int64(s, 1, idleSince);
                bindText(s, 2, userId);
            });
            if (!deleted)
                return deleted.error();
        }
        return expired;
    });
}

Result<QByteArray, SyncStorage::Error> SqliteSyncStorage::readBlob(
    const QString &scope, const QString &hash, qint64 offset, qint64 length)
{
    auto c = connection();
    if (!c)
        return c.error();
    Connection *db = c.value();
    return inTransaction<QByteArray>(db, false, [&]() -> StorageResult<QByteArray> {
        sqlite3_stmt *s = db->statement(SelectBlobChunks);
        if (!s)
            return db->error("prepare");
        bindText(s, 1, scope);
        bindText(s, 2, hash);
        sqlite3_bind_int64(s, 3, offset);
        sqlite3_bind_int64(s, 4, offset + length);
        QByteArray bytes;
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            const qint64 start = sqlite3_column_int64(s, 0);
            const auto *data = static_cast<const char *>(sqlite3_column_blob(s, 1));
            const qint64 size = sqlite3_column_bytes(s, 1);
            const qint64 from = std::max<qint64>(0, offset - start);
            const qint64 to = std::min<qint64>(size, offset + length - start);
            if (to > from)
                bytes.append(data + from, to - from);
        }
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return db->error("read blob chunks");
        return bytes;
    });
}

Result<QList<BlobReferrer>, SyncStorage::Error> SqliteSyncStorage::blobReferrers(
    const QString &scope, const QString &hash)
{
    auto c = connection();
    if (!c)
        return c.error();
    Connection *db = c.value();
    return inTransaction<QList<BlobReferrer>>(db, false, [&]() -> StorageResult<QList<BlobReferrer>> {
        sqlite3_stmt *s = db->statement(SelectReferrers);
        if (!s)
            return db->error("prepare");
        bindText(s, 1, scope);
        bindText(s, 2, hash);
        QList<BlobReferrer> found;
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            found.append({ text(s, 0), text(s, 1), text(s, 2) });
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return db->error("read blob references");
        return found;
    });
}

namespace {

// Checkpoints are written once an hour and read by the audit: their statements are prepared per call rather than
// kept among the cached ones of the push and pull paths.
class OneShot {
public:
    OneShot(Connection *c, const char *sql)
    {
        if (sqlite3_prepare_v2(c->db, sql, -1, &m_s, nullptr) != SQLITE_OK)
            m_s = nullptr;
    }
    ~OneShot() { sqlite3_finalize(m_s); }
    OneShot(const OneShot &) = delete;
    OneShot &operator=(const OneShot &) = delete;

    sqlite3_stmt *get() const { return m_s; }

private:
    sqlite3_stmt *m_s = nullptr;
};

AuditCheckpoint readCheckpoint(sqlite3_stmt *s)
{
    return { sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1), text(s, 2), blob(s, 3), blob(s, 4) };
}

} // namespace

Result<bool, SyncStorage::Error> SqliteSyncStorage::insertCheckpoint(const AuditCheckpoint &checkpoint)
{
    auto c = connection();
    if (!c)
        return c.error();
    Connection *db = c.value();
    return inTransaction<bool>(db, true, [&]() -> StorageResult<bool> {
        const OneShot insert(db,
            "INSERT OR IGNORE INTO sync_checkpoints (number, created_at, key_id, payload, signature)"
            " VALUES (?1, ?2, ?3, ?4, ?5)");
        sqlite3_stmt *s = insert.get();
        if (!s)
            return db->error("prepare");
        sqlite3_bind_int64(s, 1, checkpoint.number);
        sqlite3_bind_int64(s, 2, checkpoint.createdAt);
        bindText(s, 3, checkpoint.keyId);
        bindBytes(s, 4, checkpoint.payload);
        bindBytes(s, 5, checkpoint.signature);
        if (sqlite3_step(s) != SQLITE_DONE)
            return db->error("store checkpoint");
        return sqlite3_changes(db->db) == 1;
    });
}

Result<QList<AuditCheckpoint>, SyncStorage::Error> SqliteSyncStorage::checkpoints(qint64 after, int limit)
{
    auto c = connection();
    if (!c)
        return c.error();
    Connection *db = c.value();
    return inTransaction<QList<AuditCheckpoint>>(db, false, [&]() -> StorageResult<QList<AuditCheckpoint>> {
        const OneShot select(db,
            "SELECT number, created_at, key_id, payload, signature FROM sync_checkpoints WHERE number > ?1"
            " ORDER BY number LIMIT ?2");
        sqlite3_stmt *s = select.get();
        if (!s)
            return db->error("prepare");
        sqlite3_bind_int64(s, 1, after);
        sqlite3_bind_int(s, 2, limit);
        QList<AuditCheckpoint> found;
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            found.append(readCheckpoint(s));
        if (rc != SQLITE_DONE)
            return db->error("read checkpoints");
        return found;
    });
}

Result<std::optional<AuditCheckpoint>, SyncStorage::Error> SqliteSyncStorage::latestCheckpoint()
{
    auto c = connection();
    if (!c)
        return c.error();
    Connection *db = c.value();
    return inTransaction<std::optional<AuditCheckpoint>>(
        db, false, [&]() -> StorageResult<std::optional<AuditCheckpoint>> {
            const OneShot select(db,
                "SELECT number, created_at, key_id, payload, signature FROM sync_checkpoints"
                " ORDER BY number DESC LIMIT 1");
            sqlite3_stmt *s = select.get();
            if (!s)
                return db->error("prepare");
            const int rc = sqlite3_step(s);
            if (rc == SQLITE_ROW)
                return std::optional<AuditCheckpoint>(readCheckpoint(s));
            if (rc != SQLITE_DONE)
                return db->error("read the latest checkpoint");
            return std::optional<AuditCheckpoint>();
        });
}

} // namespace mts
