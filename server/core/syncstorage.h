// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/bucketchecksum.h"
#include "shared/error.h"
#include "shared/hlc.h"
#include "shared/syncwire.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace mts {

/// A record as the server stores it (DESIGN.md, "Records, scopes, buckets, clocks").
struct StoredRecord {
    QString id;
    QString kind;
    QString scope;
    /// BucketId::toString() of (scope, kind's group).
    QString bucket;
    /// The sequence number of the record's last change in `bucket`.
    qint64 version = 0;
    QJsonObject fields;
    /// When each field was written (HlcStamp::toString() of the write), in two parts. `baseStamp` stamps every
    /// field of `fields`, and `deleted`, that `stamps` does not name; `stamps` maps the others, field name → stamp,
    /// the key `@deleted` standing for `deleted`. A create stamps everything alike, so most records hold one stamp.
    QString baseStamp;
    QJsonObject stamps;
    bool deleted = false;
    /// The user id of the last write.
    QString updatedBy;
    /// Unix milliseconds of the last write (server time).
    qint64 updatedAt = 0;
    /// The fields as a backend stores them: `canonicalFields`, or storedJson(fields) when it is empty.
    QByteArray storedFields() const;
    /// CanonicalJson::encode(fields) when the writer has it (SyncService sets it on every record it writes; a
    /// backend stores these bytes as the fields, NFC as DESIGN.md wants text); empty when unknown. Whoever changes
    /// `fields` clears it.
    QByteArray canonicalFields;

    /// The key of `stamps` that stamps `deleted`.
    static constexpr char16_t deletedKey[] = u"@deleted";
    /// The stamp of `field` (deletedKey for `deleted`); invalid when it was never written.
    HlcStamp stampOf(const QString &field) const;
    /// The highest stamp of the record.
    HlcStamp maxStamp() const;
    /// `stamps` with `baseStamp` under the key `*`, as the backends store them; setStoredStamps() reads that back.
    QJsonObject storedStamps() const;
    void setStoredStamps(QJsonObject stored);
    quint64 hash() const { return BucketChecksum::recordHash(id, version, fields, deleted); }
    /// The state a client receives.
    sync::RecordChange toChange() const;
    /// toChange() of a record read without parsing its fields: `storedFields` is the stored JSON text of the fields
    /// (`fields` is not looked at), sent as it is. For pull, which sends thousands of records it never inspects.
    /// Text that is not a JSON object is sent as `{}`, as parsing it would have given.
    sync::RecordChange toChange(const QByteArray &storedFields) const;
};

/// The stored form of a JSON object, the same in every backend: its canonical encoding (NFC text, as DESIGN.md
/// wants stored text; quicker to write than QJsonDocument's), or QJsonDocument's compact form for an object that
/// has none (two keys that NFC makes one).
QByteArray storedJson(const QJsonObject &object);

/// A pushed op as the server remembers it, so that a resend gets the first outcome (DESIGN.md, "Outcomes").
struct StoredOp {
    QString opId;
    /// SyncOp::contentHash().
    QByteArray contentHash;
    QString userId;
    QString recordId;
    sync::PushOutcome outcome = sync::PushOutcome::Applied;
    QString code;
    QString message;
    qint64 receivedAt = 0;
};

/// The end of a stored push batch: its last op and how many of its ops were rejected. A batch sent behind it
/// (sync::PushRequest::after) applies only once this is stored, and only when nothing of it was rejected.
struct PushTail {
    QString opId;
    QString userId;
    int rejected = 0;
    qint64 at = 0;

    /// How long a tail is kept: a batch sent behind another arrives within seconds of it.
    static constexpr qint64 keepMillis = 24 * 60 * 60 * 1000;
};

/// A bucket's head row: its sequence, its checksum and the head of its audit hash chain, all updated in the
/// transaction that takes its lock.
struct BucketState {
    QString bucket;
    qint64 seq = 0;
    BucketChecksum checksum;
    /// BLAKE2b-256 chain over the bucket's changes; empty (the genesis) while seq is 0.
    QByteArray chain;

    sync::BucketHead head() const { return { bucket, seq, checksum }; }
};

/// One entry of a bucket's change log: the record took sequence number `seq` in `bucket` (or left it). The log
/// is what the audit chain hashes; pull reads the records table itself, so a record changed ten times is sent once.
struct ChangeRow {
    QString bucket;
    qint64 seq = 0;
    QString recordId;
    /// StoredRecord::hash() of the state written, 0 for a departure.
    quint64 recordHash = 0;
    bool left = false;
    /// The bucket's chain after this change.
    QByteArray chain;
    qint64 at = 0;
};

/// An op the server could not apply because the record had moved on (a stale transition, an edit of a locked
/// field, a stale move): kept whole, with the record as it stood, for review — never dropped.
struct ConflictRow {
    QString id;
    QString recordId;
    QString bucket;
    QString opId;
    QString userId;
    QString reason;
    /// SyncOp::toJson() of the op.
    QJsonObject op;
    /// The record's fields, state and version when the op arrived.
    QJsonObject current;
    qint64 at = 0;
};

/// The blobs a record refers to (DESIGN.md, "Blobs"): replaces every earlier reference of the record. A blob is
/// readable by whoever may read a record that refers to it, so the references follow the record's scope.
struct BlobRefs {
    QString recordId;
    /// The record's scope after the write.
    QString scope;
    /// Hashes (64 hex digits) the record's Blob fields name; empty drops the record's references.
    QStringList hashes;
    /// Where the batch found the record's blobs: its stored scope before the batch, or the scope a create put it
    /// in. When it is not `scope` (the record moved), those of `hashes` that this scope has are shared into `scope`
    /// in the same transaction (unless `scope` has them already), so readers of the new scope can fetch them.
    QString fromScope;
};

/// A blob stored in a scope: its content is in chunks of at most SyncStorage::blobChunkBytes. A blob a moved record
/// brought into a scope shares the chunks of the scope it came from (content is identified by its hash): it is a
/// row of that scope like any other, but counts against nobody's quota, since its bytes are stored once.
struct StoredBlob {
    QString scope;
    QString hash;
    qint64 size = 0;
    QString createdBy;
    qint64 createdAt = 0;
};

/// An upload session: one user sending one blob to one scope in chunks, in order, resumable at `received`.
struct UploadSession {
    QString id;
    QString userId;
    QString scope;
    QString hash;
    qint64 size = 0;
    qint64 received = 0;
    qint64 createdAt = 0;
    /// Unix milliseconds of the session's last chunk (createdAt before the first): a session idle for longer than
    /// the server's `blob_session_hours` expires.
    qint64 activeAt = 0;
};

/// What SyncStorage::expireUploads() ended.
struct ExpiredUploads {
    int sessions = 0;
    /// Bytes of chunks dropped (what the sessions had received).
    qint64 bytes = 0;
};

/// A record that refers to a blob: what the readability check needs of it.
struct BlobReferrer {
    QString recordId;
    QString kind;
    QString scope;
};

/// A signed statement of every bucket head at one moment (DESIGN.md, "Audit"), as stored: `payload` is the
/// statement in the canonical form of CheckpointStatement::toPayload(), `signature` the Ed25519 signature by the
/// audit key `keyId` of the payload's BLAKE2b-256 digest. `number` and `createdAt` repeat what the payload says,
/// so that rows can be listed without parsing it; the audit checks that they agree. Rows are never changed.
struct AuditCheckpoint {
    /// 1, 2, 3… without a gap.
    qint64 number = 0;
    /// Unix milliseconds (server time) when the heads were read.
    qint64 createdAt = 0;
    QString keyId;
    QByteArray payload;
    QByteArray signature;
};

/// Everything one push batch writes, handed to the storage at once so a backend can send it in few round trips.
struct SyncWriteSet {
    /// New and changed records (upserted by id).
    QList<StoredRecord> records;
    /// The ids among `records` of those that did not exist before the batch: a backend may insert them without
    /// looking for a row to update, and a clash with a row stored meanwhile fails the write with Error::Busy.
    QSet<QString> created;
    QList<ChangeRow> changes;
    /// Inserted under the unique key op_id; a clash fails the write with Error::Busy.
    QList<StoredOp> ops;
    QList<ConflictRow> conflicts;
    /// Heads of the locked buckets, as they stand after the batch.
    QList<BucketState> heads;
    /// New blob references, only for records whose blob fields or scope changed (empty on most batches).
    QList<BlobRefs> blobRefs;
    /// The batch's end, stored (or replaced) under its op id; tails older than PushTail::keepMillis before it go.
    std::optional<PushTail> tail;
};

/// The server's sync data (records, ops, change log, conflicts, bucket heads), behind one interface with two
/// implementations: SQLite (embedded, the default) and PostgreSQL (several server instances on one database).
/// SyncService holds every rule; a backend only stores and locks.
///
/// Thread-safe: every method may be called from any worker thread; each transaction object belongs to the thread
/// that began it, and a thread has at most one transaction open at a time.
class SyncStorage {
public:
    enum class Error {
        Unavailable, ///< The database cannot be reached or opened.
        Busy, ///< A lock wait timed out or a concurrent writer got there first: retry the whole request.
        Failed, ///< Any other database failure; the message has the database's words.
    };

    /// The writes of one push batch. Rolled back when destroyed without commit().
    class WriteTransaction {
    public:
        virtual ~WriteTransaction() = default;
        /// Takes the head-row locks of `buckets` in sorted order (creating heads that do not exist yet) and returns
        /// their states. Called once per transaction, before anything is read.
        virtual Result<QList<BucketState>, Error> lockBuckets(QStringList buckets) = 0;
        /// The stored ops among `opIds`, by id.
        virtual Result<QHash<QString, StoredOp>, Error> findOps(const QStringList &opIds) = 0;
        /// The stored records among `ids`, by id.
        virtual Result<QHash<QString, StoredRecord>, Error> loadRecords(const QStringList &ids) = 0;
        /// Those of `hashes` that are stored in `scope`.
        virtual Result<QStringList, Error> findBlobs(const QString &scope, const QStringList &hashes) = 0;
        /// The stored end of the batch whose last op is `opId`, if any.
        virtual Result<std::optional<PushTail>, Error> findPushTail(const QString &opId) = 0;
        virtual Status<Error> write(const SyncWriteSet &writes) = 0;
        virtual Status<Error> commit() = 0;
    };

    /// One consistent snapshot for a pull: heads and changes read in it agree with each other.
    class ReadTransaction {
    public:
        virtual ~ReadTransaction() = default;
        /// The heads of those of `buckets` that exist.
        virtual Result<QList<BucketState>, Error> heads(const QStringList &buckets) = 0;
        /// The heads of every bucket.
        virtual Result<QList<BucketState>, Error> allHeads() = 0;
        /// Up to `limit` changes of `bucket` with seq > `after`, in seq order: records whose version is above
        /// `after`, and departures from the change log.
        virtual Result<QList<sync::RecordChange>, Error> changesAfter(const QString &bucket, qint64 after, int limit)
            = 0;
        /// The stored conflicts of `bucket`, oldest first.
        virtual Result<QList<ConflictRow>, Error> conflicts(const QString &bucket) = 0;
        /// The change log of `bucket` in seq order, from `after` (exclusive), at most `limit` rows: for the audit.
        virtual Result<QList<ChangeRow>, Error> changeLog(const QString &bucket, qint64 after, int limit) = 0;
        /// The stored records among `ids`, by id.
        virtual Result<QHash<QString, StoredRecord>, Error> loadRecords(const QStringList &ids) = 0;
    };

    virtual ~SyncStorage() = default;

    /// "sqlite" or "postgresql".
    virtual QString backendName() const = 0;
    /// Whether a write transaction excludes every other writer from its start (SQLite's one writer), so that what
    /// it reads before lockBuckets() cannot change before it commits.
    virtual bool serializesWriters() const { return false; }
    /// Creates or migrates the sync tables.
    virtual Status<Error> open() = 0;
    virtual Result<std::unique_ptr<WriteTransaction>, Error> beginWrite() = 0;
    virtual Result<std::unique_ptr<ReadTransaction>, Error> beginRead() = 0;

    // --- Blobs (DESIGN.md, "Blobs"). Each call is its own transaction. ---

    /// Most bytes of one stored chunk (of an upload or a blob): PUT bodies are at most this large.
    static constexpr qint64 blobChunkBytes = 1024 * 1024;

    /// The blob `hash` of `scope` (its own or shared into it by a move), std::nullopt when that scope does not
    /// have it.
    virtual Result<std::optional<StoredBlob>, Error> findBlob(const QString &scope, const QString &hash) = 0;
    /// Bytes of `userId`'s stored blobs (not counting those shared into other scopes by moves) plus the declared
    /// sizes of their open upload sessions.
    virtual Result<qint64, Error> userBlobBytes(const QString &userId) = 0;
    /// Stores a new session (received 0).
    virtual Status<Error> createUpload(const UploadSession &session) = 0;
    virtual Result<std::optional<UploadSession>, Error> findUpload(const QString &id) = 0;
    /// Appends `data` at `offset` if the session has received exactly `offset` bytes, and marks the session active
    /// at `at` (Unix milliseconds); returns what the session has received afterwards (unchanged, and nothing
    /// stored, when `offset` was not it), -1 when there is no such session.
    virtual Result<qint64, Error> appendUpload(const QString &id, qint64 offset, const QByteArray &data, qint64 at) = 0;
    /// Calls `chunk` with the session's chunks in offset order, until it returns false.
    virtual Status<Error> readUpload(const QString &id, const std::function<bool(const QByteArray &)> &chunk) = 0;
    /// In one transaction: the session's chunks become the blob `blob` (unless its scope has it already, when they
    /// are dropped) and the session ends. False, and nothing stored, when the session no longer exists (it expired
    /// or another request ended it since it was read).
    virtual Result<bool, Error> completeUpload(const QString &id, const StoredBlob &blob) = 0;
    /// Ends the session and drops its chunks.
    virtual Status<Error> discardUpload(const QString &id) = 0;
    /// Ends every session of `userId` (of every user when empty) whose last activity (UploadSession::activeAt) is
    /// before `idleSince`, dropping its chunks: what an abandoned upload held, in storage and quota, is freed.
    virtual Result<ExpiredUploads, Error> expireUploads(qint64 idleSince, const QString &userId) = 0;
    /// Bytes [offset, offset + length) of a stored blob (fewer at its end).
    virtual Result<QByteArray, Error> readBlob(const QString &scope, const QString &hash, qint64 offset, qint64 length)
        = 0;
    /// The records that refer to blob `hash` of `scope` (through BlobRefs).
    virtual Result<QList<BlobReferrer>, Error> blobReferrers(const QString &scope, const QString &hash) = 0;

    // --- Audit checkpoints (DESIGN.md, "Audit"). Each call is its own transaction. ---

    /// Stores `checkpoint`, unless its number is taken (another server on the same database wrote that one
    /// first): false then, and nothing is stored.
    virtual Result<bool, Error> insertCheckpoint(const AuditCheckpoint &checkpoint) = 0;
    /// Up to `limit` checkpoints numbered above `after`, in number order.
    virtual Result<QList<AuditCheckpoint>, Error> checkpoints(qint64 after, int limit) = 0;
    /// The highest-numbered checkpoint; std::nullopt when there is none.
    virtual Result<std::optional<AuditCheckpoint>, Error> latestCheckpoint() = 0;
};

} // namespace mts
