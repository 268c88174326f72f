// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/bucketchecksum.h"
#include "shared/canonicaljson.h"
#include "shared/error.h"
#include "shared/hlc.h"
#include "shared/syncop.h"
#include "shared/syncwire.h"
#include "shared/unitinfo.h"

#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace mts {

class FieldSealer;
class WalCheckpointer;

/// A record as the UI sees it: the server base with the pending ops re-applied on top.
struct ReplicaRecord {
    QString id;
    QString kind;
    /// Written form (Scope::toString()).
    QString scope;
    /// `<scope>/<group>`; empty for a kind this build does not know and no server state.
    QString bucket;
    /// Sealed values opened.
    QJsonObject fields;
    bool deleted = false;
    /// The server version of the base; 0 for a record the server has not acknowledged yet.
    qint64 version = 0;
};

/// An op held back from sync (DESIGN.md, "Set aside"): rejected by the server, queued after a rejected op of the
/// same record or of a record it refers to, or left over when the bucket became unreadable.
struct SetAsideOp {
    /// Outbox order.
    qint64 seq = 0;
    /// Sealed values opened.
    SyncOp op;
    /// Why it was set aside, for the cadre (the server's message for a rejected op).
    QString reason;
    /// The record whose rejection held this op back (its own record for a rejected op); empty for a purge.
    QString heldBy;
};

/// One bucket as the replica knows it.
struct ReplicaBucket {
    QString bucket;
    /// The last sequence number pulled and committed.
    qint64 position = 0;
    /// Count and sum of the base rows in the bucket, kept up to date with every change.
    BucketChecksum local;
    /// The server's head at the last pull; -1 before the first one.
    qint64 serverSeq = -1;
    std::optional<BucketChecksum> serverChecksum;
    /// The head sequence the bucket was last rebuilt at; -1 when never.
    qint64 rebuiltAtSeq = -1;

    /// Pulled up to the server head, so the checksums are comparable.
    bool isAtHead() const { return serverSeq >= 0 && position == serverSeq; }
    /// At the head, yet the checksums differ.
    bool isMismatched() const { return isAtHead() && serverChecksum && *serverChecksum != local; }
    /// Mismatched again after a rebuild at this very head: shown in the sync-health view, not rebuilt again.
    bool isFlagged() const { return isMismatched() && rebuiltAtSeq == serverSeq; }
};

/// The local SQLite replica of one account on one server (DESIGN.md, "Identity, roles, secrets": one replica
/// per account and server): the last server state of each record (its base), the outbox of local ops, the view
/// the UI reads (base + pending ops) and a full-text search index over that view. This class owns the file and
/// every SQL statement run on it (SQLite C API, prepared statements cached for the life of the connection).
///
/// Tables (format 7, `PRAGMA user_version`):
/// - `base(id, kind, scope, bucket, version, fields, deleted, hlc, hash)`: the last server state of each record;
///   `hash` is BucketChecksum::recordHash() over the plaintext fields, as a signed 64-bit integer.
/// - `records(id, kind, scope, fields, deleted, updated_at, bucket, fts_rowid, sort_key)`: the view — the base with
///   the pending ops re-applied in outbox order. Recomputed whenever a record's base or ops change, so a pull never
///   overwrites an unsent edit. Set-aside ops are not part of it. `fts_rowid` is the record's `search_index` row;
///   `sort_key` its place in lists (listKeys()), walked in order by the index `records_list`.
/// - `outbox(seq, op_id, record_id, kind, type, payload, created_at, state, reason, held_by)`: one row per local
///   op, in order; `payload` is SyncOp::toJson(); `state` is `pending` or `set_aside`.
/// - `buckets(bucket, position, count, sum, server_seq, server_checksum, rebuilt_at_seq)`.
/// - `search_index(record_id, kind, text)`: FTS5 (`unicode61 remove_diacritics 2`) over foldForSearch() of the
///   view's non-sensitive text fields, one row per view row.
/// - `meta(key, value)`: the key check (sealed under the data key), `hlc`, `device`, `clock_offset_ms`,
///   `last_sync_at`, `last_error`, `units` (UnitInfo::listToJson()) and `units_fetched_at`.
///
/// **At rest.** Every value of a field that RecordSchema::isSensitive() reports (citizen ID, phone, submitter,
/// unknown fields and kinds) is sealed with FieldSealer for (record id, field name) before it reaches SQLite,
/// so it appears in clear in none of the file, its WAL, the base, the outbox or the index. In the JSON of
/// `fields` and of an op's `set`, a sealed value is the string `sealed:` + base64(FieldSealer::seal(...)), whose
/// plaintext is the compact JSON of a one-element array holding the value (so numbers, objects and strings keep
/// their type). A plain string that itself starts with `sealed:` is sealed as well, so no value is ever mistaken
/// for one. The file is created owner-only (0600); SQLite gives its WAL the same permissions.
///
/// **Clock.** Local ops are stamped by a HybridLogicalClock with this replica's device id (made when the file is
/// created) and the wall clock shifted by the adopted server offset; the clock is persisted in the transaction
/// of every write and advanced past every stamp pulled.
///
/// Every public method that writes runs in one transaction: it commits whole or leaves the file as it was.
/// Not thread-safe: use an instance from one thread. Other processes (the CLI) may open the same file.
class ReplicaStore {
public:
    enum class Error {
        NotOpen, ///< open() has not succeeded.
        InvalidKey, ///< The data key does not have crypto::keyBytes bytes.
        WrongKey, ///< The data key is not the one this replica was created with.
        OpenFailed, ///< The file cannot be created or opened, or is not a replica.
        NewerFormat, ///< The file was written by a newer version of the application: update it.
        InvalidArgument, ///< A kind, scope, id or field name that cannot be stored; the message says which.
        NotFound, ///< No record with that id (or nothing set aside for it).
        SealedFieldUnreadable, ///< A sealed value does not open: damaged or altered data, or another key.
        Protocol, ///< A server answer that does not fit what was sent (results of other ops, a missing result).
        Database, ///< SQLite failed (disk full, I/O error, locked too long); the message has its words.
    };

    /// The format this build writes (`PRAGMA user_version`).
    static constexpr int formatVersion = 7;

    /// A store on `filePath` for the account whose data key is `dataKey` (crypto::keyBytes). The store keeps
    /// only a key derived from it; wiping `dataKey` is the caller's job. Nothing is opened yet.
    ReplicaStore(QString filePath, QByteArray dataKey);
    ~ReplicaStore();

    ReplicaStore(const ReplicaStore &) = delete;
    ReplicaStore &operator=(const ReplicaStore &) = delete;

    QString filePath() const { return m_filePath; }
    bool isOpen() const { return m_db != nullptr; }

    /// Replaces the system wall clock (Unix milliseconds) the HLC reads, before the adopted offset is added.
    /// Call before open(); tests use it.
    void setWallClock(std::function<qint64()> wallMillis);

    /// Opens the file, creating it if needed, in WAL mode with `synchronous=NORMAL` and foreign keys on, and
    /// brings an older format up to formatVersion in one transaction. Refuses a file of a newer format
    /// (NewerFormat) and a data key other than the one the replica was created with (WrongKey), before anything
    /// is written.
    [[nodiscard]] Status<Error> open();
    /// Closes the file (SQLite then checkpoints the WAL and removes it, when no other process has it open).
    void close();

    // --- Local writes: each one op, its outbox row, the view, the index and the HLC in one transaction. ---

    /// Creates record `recordId` (a new UUIDv7 when empty) of `kind` in `scope` with `fields`: an op `create`.
    /// `kind` is a record kind (RecordSchema; unknown kinds are stored with every field sealed), `scope` a scope in
    /// its written form. Values of the kind's text fields are stored in NFC; nothing is trimmed or validated here
    /// (RecordSchema::validate() is the forms' job). Returns the record id.
    [[nodiscard]] Result<QString, Error> create(
        const QString &kind, const QString &scope, const QJsonObject &fields, const QString &recordId = {});
    /// Sets `fields` of record `id` (a field given replaces the stored one; null clears it): an op `update`.
    [[nodiscard]] Status<Error> update(const QString &id, const QJsonObject &fields);
    /// Marks record `id` deleted: an op `delete`.
    [[nodiscard]] Status<Error> remove(const QString &id);
    /// Brings a deleted record back: an op `restore`.
    [[nodiscard]] Status<Error> restore(const QString &id);
    /// Moves workflow field `field` of record `id` from state `from` to `to`, setting `fields` with it: an op
    /// `transition`, all-or-nothing on the server.
    [[nodiscard]] Status<Error> transition(const QString &id, const QString &field, const QString &from,
        const QString &to, const QJsonObject &fields = {});
    /// Moves record `id` to scope `toScope`: an op `move`.
    [[nodiscard]] Status<Error> move(const QString &id, const QString &toScope);
    /// create() when `recordId` is empty or not in the view, else update() after checking that the record is of
    /// `kind` in `scope`. Returns the record id.
    [[nodiscard]] Result<QString, Error> saveLocal(
        const QString &kind, const QString &scope, const QString &recordId, const QJsonObject &fields);

    /// Runs `work`, which makes local writes on this store (create(), update()…), in one transaction: they are
    /// committed together, many times faster than one commit each (an import of thousands of rows). A write that
    /// fails inside is undone alone (a savepoint), so `work` may report it and go on; when `work` returns an error,
    /// nothing of the batch is kept. Batches do not nest.
    [[nodiscard]] Status<Error> writeBatch(const std::function<Status<Error>()> &work);

    // --- Reading the view. ---

    /// The fields of record `id` in the view (also when it is deleted), sealed values opened. NotFound when the
    /// view has no such record, SealedFieldUnreadable when a sealed value does not open.
    [[nodiscard]] Result<QJsonObject, Error> record(const QString &id);
    /// Record `id` of the view with its kind, scope and server version.
    [[nodiscard]] Result<ReplicaRecord, Error> recordState(const QString &id);
    /// Ids of the records whose non-sensitive text matches every word of `query` as a prefix, ignoring case and
    /// diacritics (both sides go through foldForSearch()), in the order the records were first indexed. A query without
    /// letters or digits matches nothing. Sensitive fields are never indexed, so a citizen ID or phone number finds
    /// nothing.
    [[nodiscard]] Result<QStringList, Error> search(const QString &query);

    // --- Lists (a registry page: RecordListModel). ---

    /// Where a record of a list stands with the server.
    enum class SyncState {
        Synced, ///< Nothing of it waits to be sent.
        Pending, ///< Changes made here wait for the next sync.
        SetAside, ///< A change of it was refused or held back (SetAsideOp); `reason` says why.
    };
    /// What a list needs: the kind, the words searched for and the values some fields must have.
    struct ListQuery {
        QString kind;
        /// Words matched as by search(); empty: every record of the kind.
        QString search;
        /// Field name → the value it must have (a JSON string, number or boolean as stored; an Enum field's
        /// value, a Reference's id). Sensitive fields cannot be filtered on.
        QMap<QString, QJsonValue> filters;
        /// Deleted records too (a page that restores them).
        bool withDeleted = false;
        /// The field the list is ordered by: a Text in Vietnamese dictionary order (vietnameseSortKey()), an
        /// Integer or Date by value, an Enum in the order of its values, a Boolean no before yes; ties keep the
        /// default order. Empty: the default order (the kind's name fields, see listKeys()). Records without a
        /// value come last in either direction. A sensitive, Reference or Blob field, or one the kind does not
        /// have, orders nothing: the default order is kept.
        QString sortBy;
        /// The order backwards (ties too); records without a value of `sortBy` still come last.
        bool descending = false;
    };
    /// One row of a list.
    struct ListRow {
        /// The key listKeys() gave.
        qint64 key = 0;
        QString id;
        QString scope;
        /// Sealed values opened.
        QJsonObject fields;
        bool deleted = false;
        SyncState state = SyncState::Synced;
        /// Why it is set aside (the first set-aside change's reason).
        QString reason;
    };
    /// The keys of the records of the view that `query` selects, in list order: the kind's name fields in
    /// Vietnamese dictionary order (vietnameseSortKey(); a person by given name, middle name, then surname), ties
    /// in the order the records came. A key stands for its record until the record leaves the view; listRows()
    /// reads them. The order of a kind is read once and kept in memory until the view changes (here, or in
    /// another process sharing the file), with the records' folded search text once a search needs it, so that
    /// each new search costs only a scan in memory: a list of 100,000 persons holds about 14 MB.
    [[nodiscard]] Result<QList<qint64>, Error> listKeys(const ListQuery &query);
    /// The list key of record `id` in the view; std::nullopt when the view does not hold it.
    [[nodiscard]] Result<std::optional<qint64>, Error> listKey(const QString &id);
    /// The rows of `keys` (from listKeys()), in that order; a key whose record has left the view since is skipped.
    [[nodiscard]] Result<QList<ListRow>, Error> listRows(const QList<qint64> &keys);
    /// A count or a sum over the records of the view (ReportFigures): the records of `kind` in `scope`, not
    /// deleted, whose fields equal `equals`, whose fields in `empty` are absent or empty, and whose `dateField`
    /// (when given) lies from `from` to `to` inclusive.
    struct TotalQuery {
        QString kind;
        QString scope;
        /// The Integer field summed; empty: the records are counted.
        QString sumField;
        QMap<QString, QJsonValue> equals;
        QStringList empty;
        QString dateField;
        QDate from;
        QDate to;
    };
    /// The count or sum of `query`. InvalidArgument for a field name that is not a plain name or a sensitive field
    /// (its values are sealed: they cannot be summed or compared).
    [[nodiscard]] Result<qint64, Error> total(const TotalQuery &query);

    /// How many times the view has changed through this store since open() (a list compares it to know whether
    /// to read its keys again). Changes made by another process are not counted: listKeys() sees them itself.
    quint64 viewGeneration() const { return m_viewGeneration; }

    /// Number of pending ops (not yet pushed, not set aside); -1 when the store is not open or SQLite fails.
    int pendingCount();
    /// Number of set-aside ops; -1 when the store is not open or SQLite fails.
    int setAsideCount();

    // --- Sync (SyncEngine). ---

    /// A pending op as it goes on the wire, read from the outbox.
    struct OutgoingOp {
        /// Outbox position.
        qint64 seq = 0;
        QString opId;
        QString recordId;
        SyncOp::Type type = SyncOp::Type::Update;
        /// The op's wire form (SyncOp::encode()), sealed values opened: the stored op with only those values
        /// replaced, nothing parsed into objects and written again.
        QByteArray json;
        /// For a create written by this build: BucketChecksum::contentHash() of the record it makes (its fields,
        /// the workflow's initial state included), computed when it was written. Empty otherwise.
        QByteArray createdHash;
        /// Whether a value it sets is an object, as a blob reference is (RecordSchema::blobHashes()).
        bool setsObjects = false;

        /// `json` read back; std::nullopt if it is not an op (the server would refuse it).
        std::optional<SyncOp> op() const;
    };
    /// The oldest `max` pending ops in outbox order after outbox position `afterSeq`, ready for the wire.
    [[nodiscard]] Result<QList<OutgoingOp>, Error> outgoingBatch(int max, qint64 afterSeq = 0);
    /// outgoingBatch() read back into ops (for inspection: the sync engine sends the wire form as it is).
    [[nodiscard]] Result<QList<SyncOp>, Error> pendingBatch(int max, qint64 afterSeq = 0);
    /// Takes in the answer to a push of `sent` (as outgoingBatch() gave them), in one transaction. Applied,
    /// superseded and conflict: the op leaves the outbox and the returned record state becomes the base when it is
    /// newer (the bucket checksums follow). Rejected: the op is set aside with the server's reason, and so is every
    /// later pending op of that record and of the records whose Reference fields point at it; they leave the view.
    /// Protocol, with nothing changed, when the results do not match `sent` one for one.
    [[nodiscard]] Status<Error> applyPushResponse(const QList<OutgoingOp> &sent, const sync::PushResponse &response);
    /// Sets op `opId` aside with `reason` like a rejected op (a 400 naming it): its record's later ops and the ops
    /// of records referring to it go with it. NotFound when no pending op has that id.
    [[nodiscard]] Status<Error> setAside(const QString &opId, const QString &reason);
    /// A pulled record made ready for the base, in one pass over its fields: the JSON to store (sensitive values
    /// sealed, the others exactly as the server sent them), its BucketChecksum::recordHash() and its search text.
    struct PulledRow {
        QByteArray fieldsJson;
        quint64 hash = 0;
        QString searchText;
        /// vietnameseSortKey() of the kind's name fields (the list order); empty when the kind has none.
        QByteArray sortKey;
    };
    /// A page's changes made ready in advance, one entry per change (std::nullopt where none was made: a
    /// departure, or a failure that applying the change will report).
    using PreparedPage = QList<std::optional<PulledRow>>;
    /// Prepares the changes of a page as applyPullPage() would (sealing, hashing, folding the search text): the
    /// work applyPullPage() does not need the database for. The function shares nothing mutable with the store,
    /// so it may run on another thread — a sync engine runs it on its transport thread while this thread writes
    /// the previous page — and may outlive the store; one call at a time.
    using PagePreparer = std::function<PreparedPage(const sync::PullResponse &page)>;
    PagePreparer pagePreparer() const;
    /// Takes in one pull page in one transaction: each change applied when newer than the base (same bucket: a
    /// higher seq; another bucket: a stamp at least as high), a departure dropping the base only while it still
    /// sits in that bucket, the positions and the server heads saved, every bucket missing from the readable set
    /// purged (base, view, index) with its pending ops set aside, and the view recomputed for the records touched.
    /// With `rebuilding` set, that bucket's changes and position go to the shadow table of
    /// beginBucketRebuild() instead.
    /// `readyRows`, when given, are its changes prepared by pagePreparer(); a change without one is prepared here.
    [[nodiscard]] Status<Error> applyPullPage(
        const sync::PullResponse &page, const QString &rebuilding = {}, const PreparedPage &readyRows = {});
    /// The committed position of every bucket.
    [[nodiscard]] Result<QMap<QString, qint64>, Error> bucketPositions();
    /// Every bucket the replica holds, with positions, checksums and heads.
    [[nodiscard]] Result<QList<ReplicaBucket>, Error> buckets();
    /// The checksum of `bucket` recomputed from the base rows' `hash` values (and saved as the bucket's cached
    /// count and sum, should they have drifted).
    [[nodiscard]] Result<BucketChecksum, Error> bucketChecksum(const QString &bucket);

    /// Starts rebuilding `bucket` (a checksum mismatch): an empty shadow table. Pull the bucket from position 0
    /// with applyPullPage(page, bucket), then finishBucketRebuild().
    [[nodiscard]] Status<Error> beginBucketRebuild(const QString &bucket);
    /// Swaps the shadow table in for `bucket` in one transaction: its base rows replaced, the view and index of
    /// every record concerned recomputed over the pending ops (the outbox is not touched), its position set to the
    /// shadow's and `rebuilt_at_seq` to `headSeq`.
    [[nodiscard]] Status<Error> finishBucketRebuild(const QString &bucket, qint64 headSeq);
    /// The three steps above with the given changes and position at once.
    [[nodiscard]] Status<Error> rebuildBucket(
        const QString &bucket, const QList<sync::RecordChange> &changes, qint64 position, qint64 headSeq);

    /// Every set-aside op in outbox order, sealed values opened.
    [[nodiscard]] Result<QList<SetAsideOp>, Error> setAsideOps();
    /// Fix and resend (DESIGN.md, "Set aside"): the set-aside ops of `recordId` become one op with a new op_id and
    /// stamp, its `set` the merge of theirs and `fixedFields` (a `create` when they began with one and the server
    /// has no base, else an `update`; deletes, restores, moves and transitions among them follow as new ops). The
    /// ops held back only because of `recordId` are released the same way, one merged op per record. Returns the
    /// merged op's id; NotFound when nothing of `recordId` is set aside.
    [[nodiscard]] Result<QString, Error> resendSetAside(const QString &recordId, const QJsonObject &fixedFields = {});
    /// The set-aside ops as JSON for the cadre to keep (`[{"op": SyncOp, "reason", "held_by"}]`), values in clear:
    /// whoever writes it to a file must protect it.
    [[nodiscard]] Result<QJsonArray, Error> exportSetAside();

    /// The server said our clock is wrong (`clock_skew`): the wall clock is shifted by serverTimeMs − now from now
    /// on (persisted), the HLC restarts from the highest stamp the base holds, and every pending op stamped beyond
    /// what the server accepts is re-stamped in outbox order (same op_id: the server stored none of them).
    [[nodiscard]] Status<Error> adoptClockOffset(qint64 serverTimeMs);
    qint64 clockOffsetMillis() const { return m_clockOffset; }
    /// This replica's device id (the HLC tie-breaker).
    QString deviceId() const;
    /// The persisted clock (last stamp issued or observed).
    HlcStamp lastStamp() const;

    /// Records the end of a sync: its time and its error (empty after a success).
    [[nodiscard]] Status<Error> setLastSync(qint64 atMillis, const QString &error);
    /// When the last sync ended (Unix ms; 0 when never) and its error.
    qint64 lastSyncAt();
    QString lastSyncError();

    /// Keeps `units`, the account's unit and those below it as the server lists them (GET /api/v1/units), fetched
    /// at `fetchedAtMillis` (Unix ms) for an account in unit `forUnit` (empty when not known), in place of the list
    /// kept before, in one transaction. Names are public: the list is not sealed.
    [[nodiscard]] Status<Error> setUnits(
        const QList<UnitInfo> &units, qint64 fetchedAtMillis, const QString &forUnit = {});
    /// The list setUnits() kept, in the server's order; empty when none was ever fetched. Database when the kept
    /// list does not read back.
    [[nodiscard]] Result<QList<UnitInfo>, Error> units();
    /// When the kept unit list was fetched (Unix ms); 0 when never.
    qint64 unitsFetchedAt();
    /// The account's unit when the kept list was fetched, as setUnits() was told; empty when not known.
    QString unitsFor();

    /// Hex BLAKE2b-256 over BucketChecksum::recordHash() (u64 little-endian) of every base row in id order,
    /// recomputed from the opened fields: equal on two replicas (and the server) exactly when they hold the same
    /// records at the same versions with the same content.
    [[nodiscard]] Result<QByteArray, Error> stateHash();

    /// Copies the WAL into the main file and truncates it (`wal_checkpoint(TRUNCATE)`); Database when another
    /// connection kept it from finishing.
    [[nodiscard]] Status<Error> checkpoint();
    /// How many checkpoints the store's own checkpointing thread has run since open(): commits leave checkpoints
    /// to it (until the log is very long), so a long write shows some.
    int backgroundCheckpoints() const;

private:
    struct Base;
    struct View;
    struct OutboxRow;
    struct KindRules;

    Status<Error> configure();
    Status<Error> migrate();
    Status<Error> migrateFrom1();
    Status<Error> migrateFrom2();
    Status<Error> checkKey();
    Status<Error> loadClock();
    Status<Error> exec(const char *sql);
    sqlite3_stmt *prepared(const char *sql);
    mts::Error<Error> databaseError(const QString &what) const;
    mts::Error<Error> notOpen() const;

    Status<Error> begin();
    Status<Error> commit();
    void rollback();
    template <typename F>
    auto inTransaction(F &&work) -> decltype(work());

    const KindRules &rules(const QString &kind) const;
    Result<QByteArray, Error> sealedText(const QString &recordId, const QString &field, const QJsonValue &value) const;
    /// The stored text of a value sealed by `sealer` whose sealedPlaintext() is `plaintext`.
    static Result<QByteArray, Error> sealedText(
        const FieldSealer &sealer, const QString &recordId, const QString &field, const QByteArray &plaintext);
    Result<QString, Error> sealValue(const QString &recordId, const QString &field, const QJsonValue &value) const;
    static Result<PulledRow, Error> encodePulled(
        const FieldSealer &sealer, const sync::RecordChange &change, const KindRules &kindRules);
    /// `*ready` when given, else encodePulled() of `change` with this store's sealer and rules.
    Result<PulledRow, Error> pulledRow(const sync::RecordChange &change, const PulledRow *ready) const;
    /// encodePulled() of fields that are CanonicalJson already, split into `members`.
    static Result<PulledRow, Error> encodeCanonicalPulled(const FieldSealer &sealer, const sync::RecordChange &change,
        const CanonicalJson::Members &members, const KindRules &kindRules);
    /// encodePulled() of any `fields` (those of `change`).
    static Result<PulledRow, Error> encodePulled(const FieldSealer &sealer, const sync::RecordChange &change,
        const QJsonObject &fields, const KindRules &kindRules);
    Result<QJsonObject, Error> sealFields(
        const QString &recordId, const QString &kind, const QJsonObject &fields, bool normalize) const;
    /// The sealedPlaintext() of a value stored as `sealed:<base64>`; std::nullopt if it does not open.
    std::optional<QByteArray> openSealed(const QString &recordId, const QString &field, QByteArrayView base64) const;
    static mts::Error<Error> unreadableField(const QString &recordId, const QString &field);
    Result<QJsonObject, Error> openFields(const QString &recordId, const QJsonObject &fields) const;
    Result<SyncOp, Error> openOp(const SyncOp &sealed) const;

    Result<QString, Error> writeLocal(SyncOp op);
    Result<std::optional<View>, Error> readView(const QString &id);
    Result<std::optional<Base>, Error> readBase(const QString &id);
    Result<QList<OutboxRow>, Error> outboxOf(const QString &recordId, const char *state);
    Status<Error> recomputeView(const QString &id);
    Status<Error> writeView(const View &view, bool existed);
    Status<Error> dropView(const QString &id);
    Result<qint64, Error> indexText(const QString &id, const QString &kind, const QString &text, bool existed);
    Status<Error> unindex(const QString &id);
    /// What applyChange() wrote: nothing (the change is not newer), the base only (the record has pending ops:
    /// it is in `touched` for its view to be recomputed), or the base and the view.
    enum class Applied { Skipped, Base, View };
    /// `ready`, when given, is encodePulled() of `change` made in advance.
    Result<Applied, Error> applyChange(
        const sync::RecordChange &change, QSet<QString> *touched, const PulledRow *ready = nullptr);
    /// Upserts `change` as the base of its record with stored `fieldsJson` and record hash `hash`; counts it in
    /// its bucket's checksum and advances the clock past its stamp.
    Status<Error> writeBase(const sync::RecordChange &change, const QByteArray &fieldsJson, quint64 hash);
    /// applyChange() for a push result whose fields are those `create` set (RecordChange::fieldsAsSent).
    Result<Applied, Error> applyCreatedAsSent(
        const sync::RecordChange &change, const OutgoingOp &create, QSet<QString> *touched);
    /// The state a create of `kind` setting `fields` makes on the server: its fields and the workflow's initial
    /// state, if the kind has a workflow.
    static QJsonObject createdState(const QString &kind, QJsonObject fields);
    /// `payload`, a stored op of record `recordId`, in its wire form: sealed values of `set` opened in place.
    /// `setsObjects` tells whether a value of `set` is an object.
    Result<QByteArray, Error> openedWireForm(
        const QString &recordId, const QByteArray &payload, bool *setsObjects) const;
    Status<Error> setAsideCascade(qint64 seq, const QString &recordId, const QString &reason, QSet<QString> *touched);
    Status<Error> purgeBucket(const QString &bucket, QSet<QString> *touched);
    Status<Error> stageShadow(const sync::RecordChange &change, const PulledRow *ready);
    Status<Error> saveClock();
    Status<Error> setMeta(const char *key, const QByteArray &value);
    std::optional<QByteArray> meta(const char *key);
    BucketChecksum &sums(const QString &bucket);
    Status<Error> saveSums();
    Result<bool, Error> hasPendingOps(const QString &recordId);
    Status<Error> migrateFrom6();
    /// The list order of `kind` (cached; see listKeys()).
    struct ListOrder;
    Result<std::shared_ptr<const ListOrder>, Error> listOrder(const QString &kind);
    Result<QSet<qint64>, Error> filterKeys(const QString &kind, const QString &field, const QJsonValue &value);
    /// The place of each entry of `order` (a list of `kind`) when ordered by `field` (ListQuery::sortBy), read once
    /// and kept with the order; nullptr when `field` cannot order a list.
    Result<const std::vector<quint32> *, Error> listRanks(
        const ListOrder &order, const QString &kind, const QString &field);
    Status<Error> readListTexts(const ListOrder &order);

    QString m_filePath;
    std::unique_ptr<FieldSealer> m_sealer;
    sqlite3 *m_db = nullptr;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    std::unordered_map<const char *, sqlite3_stmt *> m_statements;
    // > 0 while writeBatch() runs: local writes use savepoints inside its transaction.
    int m_batchDepth = 0;
    std::function<qint64()> m_wallMillis;
    qint64 m_clockOffset = 0;
    std::unique_ptr<HybridLogicalClock> m_clock;
    // Within one transaction: bucket checksums (count, sum) kept in memory and written back at commit, and the
    // records that have pending ops (their view is recomputed rather than copied from the base).
    QHash<QString, BucketChecksum> m_sums;
    QSet<QString> m_dirtySums;
    // When the current transaction began: the `updated_at` of the view rows a pull writes.
    qint64 m_transactionTime = 0;
    // What each kind's schema says about sealing and indexing, looked up once per kind.
    mutable QHash<QString, std::shared_ptr<const KindRules>> m_kindRules;
    // Changes of the view made through this store; the list orders read at which generation and at which
    // `PRAGMA data_version` (commits of other connections).
    quint64 m_viewGeneration = 0;
    quint64 m_listsGeneration = 0;
    qint64 m_listsDataVersion = -1;
    QHash<QString, std::shared_ptr<const ListOrder>> m_listOrders;
};

} // namespace mts
