// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "replicastore.h"

#include "client/core/fieldsealer.h"
#include "shared/canonicaljson.h"
#include "shared/crypto.h"
#include "shared/encoding.h"
#include "shared/jsonreader.h"
#include "shared/recordschema.h"
#include "shared/scope.h"
#include "shared/sqlite/walcheckpointer.h"
#include "shared/textfold.h"
#include "shared/uuid7.h"
#include "shared/vietnamesecollation.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QVarLengthArray>
#include <QtEndian>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <numeric>
#include <string_view>
#include <vector>

Q_LOGGING_CATEGORY(lcReplica, "mts.client.replica")

namespace mts {

namespace {

constexpr QLatin1StringView sealedPrefix("sealed:");
/// sealedPrefix as the bytes of stored JSON.
constexpr QByteArrayView sealedMark(sealedPrefix.data(), sealedPrefix.size());
constexpr int busyTimeoutMs = 5000;

// The key check: a constant sealed under the data key when the replica is created. It lets open() refuse
// another account's key before anything is written with it, instead of failing on each sealed field later.
const char keyCheckName[] = "key_check";
const char keyCheckPlaintext[] = "mattranso:replica:key-check:v1";
const QString keyCheckField = QStringLiteral("meta:key_check");

const char metaHlc[] = "hlc";
const char metaDevice[] = "device";
const char metaClockOffset[] = "clock_offset_ms";
const char metaLastSyncAt[] = "last_sync_at";
const char metaLastError[] = "last_error";
const char metaShadowBucket[] = "shadow_bucket";
const char metaShadowPosition[] = "shadow_position";
const char metaUnits[] = "units";
const char metaUnitsFetchedAt[] = "units_fetched_at";
const char metaUnitsFor[] = "units_for";

const QString statePending = QStringLiteral("pending");
const QString stateSetAside = QStringLiteral("set_aside");

// Format 1. search_rows maps a record to its FTS row (format 3 keeps that rowid in the view row instead).
// A new file is created in format 1 and brought to the current format by the same steps as an old one, so the
// upgrade path runs on every new replica.
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

// Format 2: the server base of each record, bucket positions and checksums, op states. `records` becomes the
// view (base + pending ops).
const char schemaV2[] = R"sql(
ALTER TABLE records ADD COLUMN bucket TEXT;
ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE outbox ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN held_by TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_state ON outbox (state, seq);
CREATE TABLE base (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    scope TEXT NOT NULL,
    bucket TEXT NOT NULL,
    version INTEGER NOT NULL,
    fields BLOB NOT NULL,
    deleted INTEGER NOT NULL,
    hlc TEXT NOT NULL,
    hash INTEGER NOT NULL
);
CREATE INDEX base_bucket ON base (bucket);
CREATE TABLE buckets (
    bucket TEXT PRIMARY KEY,
    position INTEGER NOT NULL DEFAULT 0,
    count INTEGER NOT NULL DEFAULT 0,
    sum INTEGER NOT NULL DEFAULT 0,
    server_seq INTEGER,
    server_checksum TEXT,
    rebuilt_at_seq INTEGER
);
)sql";

// Format 3: the view row keeps the rowid of its index row; search_rows, one more table and two more indexes
// written for every record pulled, goes.
const char schemaV3[] = R"sql(
ALTER TABLE records ADD COLUMN fts_rowid INTEGER;
UPDATE records SET fts_rowid = (SELECT fts_rowid FROM search_rows WHERE search_rows.record_id = records.id);
DELETE FROM search_index WHERE rowid NOT IN (SELECT fts_rowid FROM records WHERE fts_rowid IS NOT NULL);
DROP TABLE search_rows;
)sql";

// Format 4: the outbox index by record covers (record, state, seq). With the index on record alone SQLite chose
// outbox_state for "this record's pending ops in order" and scanned every pending op: each local write cost
// O(queue length), a 20,000-op queue O(n²).
const char schemaV4[] = R"sql(
DROP INDEX outbox_record;
CREATE INDEX outbox_record ON outbox (record_id, state, seq);
)sql";

// Format 5: the search index keeps which records hold a word, not where in them (detail = none) nor how long each
// record's text is (columnsize = 0): search matches words and prefixes and does not rank, and writing the index
// was close to half of storing a pulled record. Rowids are kept, so records.fts_rowid still points at its row.
const char schemaV5[] = R"sql(
CREATE VIRTUAL TABLE search_index_v5 USING fts5 (
    record_id UNINDEXED, kind UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2', detail = none,
    columnsize = 0
);
INSERT INTO search_index_v5 (rowid, record_id, kind, text) SELECT rowid, record_id, kind, text FROM search_index;
DROP TABLE search_index;
ALTER TABLE search_index_v5 RENAME TO search_index;
)sql";

// Format 6: a create carries the content hash of the record it makes (BucketChecksum::contentHash()), computed when
// it is written, so that taking in its acknowledgement needs neither its fields opened nor encoded again. Ops
// written before have none and are hashed then, as before.
const char schemaV6[] = R"sql(
ALTER TABLE outbox ADD COLUMN created_hash BLOB;
)sql";

// Format 7: each view row keeps the sort key of its list order (vietnameseSortKey() of the kind's name fields), and
// an index walks a kind's rows in that order carrying what a list filters on, so that a list of 100,000 records is
// read in order without touching their rows. The keys of existing rows are written by migrateFrom6().
const char schemaV7[] = R"sql(
ALTER TABLE records ADD COLUMN sort_key BLOB;
)sql";

const char schemaV7Index[] = R"sql(
CREATE INDEX records_list ON records (kind, sort_key, deleted, fts_rowid);
)sql";

const char shadowSchema[] = R"sql(
DROP TABLE IF EXISTS base_shadow;
CREATE TABLE base_shadow (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    scope TEXT NOT NULL,
    version INTEGER NOT NULL,
    fields BLOB NOT NULL,
    deleted INTEGER NOT NULL,
    hlc TEXT NOT NULL,
    hash INTEGER NOT NULL
);
)sql";

/// A cached statement in use: binds in order, resets and drops its bindings when the scope ends, whatever path
/// leaves it. A null statement (preparing failed) makes every step fail, so callers check one result.
class Sql {
public:
    explicit Sql(sqlite3_stmt *statement)
        : m_statement(statement)
        , m_good(statement != nullptr)
    {
    }
    ~Sql()
    {
        if (m_statement) {
            sqlite3_reset(m_statement);
            sqlite3_clear_bindings(m_statement);
        }
    }
    Sql(const Sql &) = delete;
    Sql &operator=(const Sql &) = delete;

    Sql &bind(const QString &text)
    {
        if (m_good) {
            // Kept alive until the statement is reset: SQLite reads it in place instead of copying it.
            m_texts.append(text.toUtf8());
            const QByteArray &utf8 = m_texts.last();
            m_good = sqlite3_bind_text(m_statement, ++m_index, utf8.constData(), int(utf8.size()), SQLITE_STATIC)
                == SQLITE_OK;
        }
        return *this;
    }
    /// Binds `bytes` as a blob without copying them: they must outlive this object.
    Sql &bindStatic(const QByteArray &bytes)
    {
        if (m_good) {
            m_good = sqlite3_bind_blob(m_statement, ++m_index, bytes.isEmpty() ? "" : bytes.constData(),
                         int(bytes.size()), SQLITE_STATIC)
                == SQLITE_OK;
        }
        return *this;
    }
    Sql &bind(const QByteArray &bytes)
    {
        // A zero-length blob still has to be a blob, not NULL (NOT NULL columns).
        if (m_good) {
            m_good = sqlite3_bind_blob(m_statement, ++m_index, bytes.isEmpty() ? "" : bytes.constData(),
                         int(bytes.size()), SQLITE_TRANSIENT)
                == SQLITE_OK;
        }
        return *this;
    }
    Sql &bind(qint64 number)
    {
        if (m_good)
            m_good = sqlite3_bind_int64(m_statement, ++m_index, number) == SQLITE_OK;
        return *this;
    }
    Sql &bind(int number) { return bind(qint64(number)); }
    Sql &bind(bool flag) { return bind(qint64(flag ? 1 : 0)); }
    Sql &bindNull()
    {
        if (m_good)
            m_good = sqlite3_bind_null(m_statement, ++m_index) == SQLITE_OK;
        return *this;
    }

    /// SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return m_good ? sqlite3_step(m_statement) : SQLITE_MISUSE; }
    /// Runs a statement that returns no rows.
    bool run() { return step() == SQLITE_DONE; }

    QString text(int column) const
    {
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        return QString::fromUtf8(text, sqlite3_column_bytes(m_statement, column));
    }
    /// The bytes of `column` without a copy: valid until the next step() or the end of this object.
    QByteArrayView view(int column) const
    {
        const auto *data = static_cast<const char *>(sqlite3_column_blob(m_statement, column));
        return QByteArrayView(data, sqlite3_column_bytes(m_statement, column));
    }
    QByteArray blob(int column) const
    {
        const auto *data = static_cast<const char *>(sqlite3_column_blob(m_statement, column));
        return QByteArray(data, sqlite3_column_bytes(m_statement, column));
    }
    qint64 integer(int column) const { return sqlite3_column_int64(m_statement, column); }
    bool isNull(int column) const { return sqlite3_column_type(m_statement, column) == SQLITE_NULL; }

private:
    sqlite3_stmt *m_statement;
    bool m_good;
    int m_index = 0;
    QVarLengthArray<QByteArray, 10> m_texts;
};

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

/// An op in its stored or wire form; std::nullopt if `json` is not one.
std::optional<SyncOp> parseOp(const QByteArray &json)
{
    auto op = SyncOp::fromJson(json);
    if (!op)
        return std::nullopt;
    return std::move(op).value();
}

/// Appends `utf8` as a JSON string, escaped exactly as CanonicalJson escapes it (quotes, backslashes, the short
/// escapes \b \f \n \r \t, other control characters as \u00xx; everything else as is), so that the same bytes
/// serve the stored JSON and the record hash.
void appendJsonString(QByteArray &json, QByteArrayView utf8)
{
    static constexpr char hex[] = "0123456789abcdef";
    json.append('"');
    qsizetype clean = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto c = uchar(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        json.append(utf8.sliced(clean, i - clean));
        clean = i + 1;
        switch (c) {
        case '"':
        case '\\':
            json.append('\\').append(char(c));
            break;
        case '\b':
            json.append("\\b");
            break;
        case '\f':
            json.append("\\f");
            break;
        case '\n':
            json.append("\\n");
            break;
        case '\r':
            json.append("\\r");
            break;
        case '\t':
            json.append("\\t");
            break;
        default:
            json.append("\\u00").append(hex[c >> 4]).append(hex[c & 0xf]);
        }
    }
    json.append(utf8.sliced(clean));
    json.append('"');
}

/// Appends `value` as compact JSON. Strings and numbers are written here, without building a document: a pull
/// writes ten or so per record.
void appendJsonValue(QByteArray &json, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        appendJsonString(json, value.toString().toUtf8());
        return;
    case QJsonValue::Double: {
        // Integers (also beyond 2^53, which QJsonValue keeps as qint64) exactly; other numbers in their
        // shortest round-trip form, as QJsonDocument writes them.
        const qint64 integer = value.toInteger(0);
        if (integer == value.toInteger(1))
            json.append(QByteArray::number(integer));
        else
            json.append(QByteArray::number(value.toDouble(), 'g', QLocale::FloatingPointShortest));
        return;
    }
    case QJsonValue::Bool:
        json.append(value.toBool() ? "true" : "false");
        return;
    case QJsonValue::Array:
        json.append(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        return;
    case QJsonValue::Object:
        json.append(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        return;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        json.append("null");
        return;
    }
}

/// The plaintext of a sealed value: the compact JSON of a one-element array holding it.
QByteArray sealedPlaintext(const QJsonValue &value)
{
    QByteArray json;
    json.reserve(32);
    json.append('[');
    appendJsonValue(json, value);
    json.append(']');
    return json;
}

bool isSealedText(const QJsonValue &value)
{
    return value.isString() && value.toString().startsWith(sealedPrefix);
}

QString bucketName(const QString &scope, const QString &kind)
{
    const auto bucket = sync::bucketOf(scope, kind);
    return bucket ? bucket->toString() : QString();
}

QString translated(const char *text)
{
    return QCoreApplication::translate("mts::ReplicaStore", text);
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

qint64 hashColumn(quint64 hash)
{
    return qint64(hash);
}

/// The stored form of a set-aside reason kept for a record held back by another one's rejection.
QString heldBackReason(const QString &recordId, const QString &blocker)
{
    if (recordId == blocker)
        return translated("Held back: an earlier change of this record was set aside.");
    return translated("Held back: this record refers to record %1, whose change was set aside.").arg(blocker);
}

} // namespace

/// A base row (the last server state of a record).
struct ReplicaStore::Base {
    QString kind;
    QString scope;
    QString bucket;
    qint64 version = 0;
    QJsonObject fields; // sealed form
    bool deleted = false;
    HlcStamp hlc;
    quint64 hash = 0;
};

/// A view row as computed from the base and the pending ops.
struct ReplicaStore::View {
    QString id;
    QString kind;
    QString scope;
    QString bucket;
    QJsonObject fields; // sealed form
    bool deleted = false;
};

/// What the store needs of a kind's schema, looked up once per kind (RecordSchema::kind() copies the kind).
struct ReplicaStore::KindRules {
    struct Field {
        bool text = false;
        bool sensitive = false;
        /// Position in `indexed`; -1 when not indexed.
        int indexed = -1;
    };
    /// The rules of `kind` in the current schema (RecordSchema::registry()).
    static std::shared_ptr<const KindRules> of(const QString &kind);

    bool known = false;
    QHash<QString, Field> fields;
    /// The non-sensitive text fields in schema order: what search indexes.
    QStringList indexed;

    /// Sealed at rest: a sensitive field, or any field of an unknown kind or unknown to the kind.
    bool isSensitive(const QString &field) const;
    /// A text field of the kind (stored in NFC when typed here).
    bool isText(const QString &field) const;
    /// `fields` with the values of the kind's text fields in NFC, as text typed here is stored (notes/domain.md
    /// §7); values of unknown fields pass through untouched, and so does everything the server sends (its checksum
    /// covers the exact values).
    QJsonObject normalized(QJsonObject fields) const;
    /// The folded, searchable text of `fields` (sealed or not): its non-sensitive text values.
    QString searchText(const QJsonObject &fields) const;
    /// The folded, searchable text of the values of `indexed`, in that order (empty ones left out).
    static QString searchText(const QString *values, qsizetype count);

    /// Positions in `indexed` of the fields a list sorts by: a person's given name, middle name and surname
    /// (notes/domain.md §7), else the kind's name field (RecordKind::nameField()).
    QList<qsizetype> sortParts;
    /// vietnameseSortKey() of the sort fields among the values of `indexed` (as searchText() takes them); empty
    /// when the kind has no sort field or they are all empty.
    QByteArray sortKey(const QString *values) const;
    /// The same from a record's fields (sealed or not).
    QByteArray sortKey(const QJsonObject &fields) const;
};

/// An outbox row with its op parsed (sealed values still sealed).
struct ReplicaStore::OutboxRow {
    qint64 seq = 0;
    SyncOp op;
    QString reason;
    QString heldBy;
};

ReplicaStore::ReplicaStore(QString filePath, QByteArray dataKey)
    : m_filePath(std::move(filePath))
    , m_sealer(std::make_unique<FieldSealer>(dataKey))
{
}

ReplicaStore::~ReplicaStore()
{
    close();
}

void ReplicaStore::setWallClock(std::function<qint64()> wallMillis)
{
    m_wallMillis = std::move(wallMillis);
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
    if (status)
        status = loadClock();
    if (!status) {
        close();
        return status;
    }
    return ok;
}

void ReplicaStore::close()
{
    for (auto &[sql, statement] : m_statements)
        sqlite3_finalize(statement);
    m_statements.clear();
    m_clock.reset();
    // Before the connection closes, which checkpoints what is left itself.
    m_checkpointer.reset();
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

    // A new file gets 16 KB pages (SQLite ignores this for an existing one): a pull writes about 2 KB per record
    // across the base, the view and the index, and bigger pages mean a quarter of the WAL frames and b-tree
    // splits.
    if (auto status = exec("PRAGMA page_size = 16384"); !status)
        return status;
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
    // Checkpoints run beside the writer (WalCheckpointer), not in its commits.
    m_checkpointer = std::make_unique<WalCheckpointer>(m_filePath);
    m_checkpointer->attach(m_db);
    // A log that grew past its usual size is cut back when it is next reused.
    if (auto status = exec("PRAGMA journal_size_limit = 67108864"); !status)
        return status;
    // A pull page touches the base, the view and the index b-trees for every record: 16 MB of page cache keeps
    // them in memory across a page (the default 2 MB thrashes from about 20,000 records on).
    if (auto status = exec("PRAGMA cache_size = -16384"); !status)
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
        const QByteArray check = m_sealer->seal(QString(), keyCheckField, keyCheckPlaintext);
        if (auto status = setMeta(keyCheckName, check); !status)
            return rollback(status.error());
    }
    if (version < 2) {
        if (auto status = migrateFrom1(); !status)
            return rollback(status.error());
    }
    if (version < 3) {
        if (auto status = migrateFrom2(); !status)
            return rollback(status.error());
    }
    if (version < 4) {
        if (auto status = exec(schemaV4); !status)
            return rollback(status.error());
    }
    if (version < 5) {
        if (auto status = exec(schemaV5); !status)
            return rollback(status.error());
    }
    if (version < 6) {
        if (auto status = exec(schemaV6); !status)
            return rollback(status.error());
    }
    if (version < 7) {
        if (auto status = migrateFrom6(); !status)
            return rollback(status.error());
    }

    if (version != formatVersion) {
        const QByteArray pragma = "PRAGMA user_version = " + QByteArray::number(formatVersion);
        if (auto status = exec(pragma.constData()); !status)
            return rollback(status.error());
    }
    if (auto status = exec("COMMIT"); !status)
        return rollback(status.error());
    return ok;
}

Status<ReplicaStore::Error> ReplicaStore::migrateFrom1()
{
    if (auto status = exec(schemaV2); !status)
        return status;

    // A device id of its own for this replica: the HLC's tie-breaker between the devices of one account.
    const QString device = QString::fromLatin1(crypto::randomBytes(8).toHex());
    if (auto status = setMeta(metaDevice, device.toUtf8()); !status)
        return status;
    if (auto status = setMeta(metaClockOffset, "0"); !status)
        return status;
    const auto wall = m_wallMillis;
    HybridLogicalClock clock(
        device, wall ? wall : [] { return QDateTime::currentMSecsSinceEpoch(); });

    // Format 1 has no sync yet: every record is local, its view is exactly its ops. Each gets its bucket.
    {
        QList<std::pair<QString, QString>> buckets;
        Sql select(prepared("SELECT id, kind, scope FROM records"));
        int rc = SQLITE_ROW;
        while ((rc = select.step()) == SQLITE_ROW)
            buckets.append({ select.text(0), bucketName(select.text(2), select.text(1)) });
        if (rc != SQLITE_DONE)
            return databaseError(QStringLiteral("Cannot read the records to upgrade"));
        for (const auto &[id, bucket] : std::as_const(buckets)) {
            Sql update(prepared("UPDATE records SET bucket = ?2 WHERE id = ?1"));
            update.bind(id);
            if (bucket.isEmpty())
                update.bindNull();
            else
                update.bind(bucket);
            if (!update.run())
                return databaseError(QStringLiteral("Cannot upgrade record %1").arg(id));
        }
    }

    // Format 1 ops have no stamp: they get one each, in outbox order, so they keep their order on the server.
    QList<std::pair<qint64, QByteArray>> payloads;
    {
        Sql select(prepared("SELECT seq, payload FROM outbox ORDER BY seq"));
        int rc = SQLITE_ROW;
        while ((rc = select.step()) == SQLITE_ROW)
            payloads.append({ select.integer(0), select.blob(1) });
        if (rc != SQLITE_DONE)
            return databaseError(QStringLiteral("Cannot read the outbox to upgrade"));
    }
    for (const auto &[seq, payload] : std::as_const(payloads)) {
        auto object = parseObject(payload);
        if (!object)
            return mts::Error<Error> { Error::Database, QStringLiteral("Outbox entry %1 is damaged.").arg(seq) };
        object->insert(QStringLiteral("hlc"), clock.now().toString());
        const auto op = SyncOp::fromJson(*object);
        if (!op) {
            return mts::Error<Error> { Error::Database,
                QStringLiteral("Outbox entry %1 cannot be upgraded: %2").arg(seq).arg(op.error().message) };
        }
        Sql update(prepared("UPDATE outbox SET payload = ?2 WHERE seq = ?1"));
        if (!update.bind(seq).bind(op.value().encode()).run())
            return databaseError(QStringLiteral("Cannot upgrade outbox entry %1").arg(seq));
    }
    return setMeta(metaHlc, clock.last().toString().toUtf8());
}

Status<ReplicaStore::Error> ReplicaStore::migrateFrom2()
{
    return exec(schemaV3);
}

Status<ReplicaStore::Error> ReplicaStore::migrateFrom6()
{
    if (auto status = exec(schemaV7); !status)
        return status;
    // The keys are written before the index exists: one sort at the end instead of an index insert per row.
    Sql select(prepared("SELECT rowid, kind, fields FROM records"));
    int rc = SQLITE_ROW;
    while ((rc = select.step()) == SQLITE_ROW) {
        const auto fields = parseObject(select.blob(2));
        if (!fields)
            continue; // recomputed, and keyed, when its record next changes
        const QByteArray key = rules(select.text(1)).sortKey(*fields);
        if (key.isEmpty())
            continue;
        Sql update(prepared("UPDATE records SET sort_key = ?2 WHERE rowid = ?1"));
        if (!update.bind(select.integer(0)).bindStatic(key).run())
            return databaseError(QStringLiteral("Cannot sort the records"));
    }
    if (rc != SQLITE_DONE)
        return databaseError(QStringLiteral("Cannot read the records"));
    return exec(schemaV7Index);
}

Status<ReplicaStore::Error> ReplicaStore::checkKey()
{
    const auto check = meta(keyCheckName);
    if (!check)
        return mts::Error<Error> { Error::OpenFailed,
            QStringLiteral("The replica %1 is damaged: it has no key check.").arg(m_filePath) };
    const auto opened = m_sealer->open(QString(), keyCheckField, *check);
    if (!opened || *opened != keyCheckPlaintext) {
        return mts::Error<Error> { Error::WrongKey,
            QStringLiteral("The replica %1 belongs to another account or data key.").arg(m_filePath) };
    }
    return ok;
}

Status<ReplicaStore::Error> ReplicaStore::loadClock()
{
    const auto device = meta(metaDevice);
    if (!device || device->isEmpty())
        return mts::Error<Error> { Error::OpenFailed,
            QStringLiteral("The replica %1 is damaged: it has no device id.").arg(m_filePath) };
    m_clockOffset = meta(metaClockOffset).value_or(QByteArray("0")).toLongLong();
    m_clock = std::make_unique<HybridLogicalClock>(QString::fromUtf8(*device),
        [this] { return (m_wallMillis ? m_wallMillis() : QDateTime::currentMSecsSinceEpoch()) + m_clockOffset; });
    if (const auto hlc = meta(metaHlc)) {
        if (const auto stamp = HlcStamp::parse(QString::fromUtf8(*hlc)))
            m_clock->restore(*stamp);
    }
    return ok;
}

QString ReplicaStore::deviceId() const
{
    return m_clock ? m_clock->device() : QString();
}

HlcStamp ReplicaStore::lastStamp() const
{
    return m_clock ? m_clock->last() : HlcStamp();
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

sqlite3_stmt *ReplicaStore::prepared(const char *sql)
{
    // Keyed by the address of the literal: every call site passes its own constant.
    sqlite3_stmt *&cached = m_statements[sql];
    if (!cached) {
        if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &cached, nullptr) != SQLITE_OK) {
            qCWarning(lcReplica) << "Preparing" << sql << "failed:" << sqlite3_errmsg(m_db);
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

mts::Error<ReplicaStore::Error> ReplicaStore::notOpen() const
{
    return { Error::NotOpen, QStringLiteral("The replica is not open.") };
}

Status<ReplicaStore::Error> ReplicaStore::begin()
{
    m_transactionTime = QDateTime::currentMSecsSinceEpoch();
    m_sums.clear();
    m_dirtySums.clear();
    Sql begin(prepared("BEGIN IMMEDIATE"));
    if (!begin.run())
        return databaseError(QStringLiteral("Cannot start a transaction"));
    return ok;
}

Status<ReplicaStore::Error> ReplicaStore::commit()
{
    if (auto saved = saveSums(); !saved)
        return saved;
    if (auto saved = saveClock(); !saved)
        return saved;
    Sql commit(prepared("COMMIT"));
    if (!commit.run())
        return databaseError(QStringLiteral("Cannot commit"));
    ++m_viewGeneration;
    return ok;
}

void ReplicaStore::rollback()
{
    m_sums.clear();
    m_dirtySums.clear();
    if (sqlite3_get_autocommit(m_db) != 0)
        return;
    Sql rollback(prepared("ROLLBACK"));
    if (!rollback.run())
        qCWarning(lcReplica) << "Rolling back failed:" << sqlite3_errmsg(m_db);
}

template <typename F>
auto ReplicaStore::inTransaction(F &&work) -> decltype(work())
{
    if (!m_db)
        return notOpen();
    if (m_batchDepth > 0) {
        // Inside writeBatch(): a savepoint, so a write that fails is undone alone and the batch may go on.
        if (auto marked = exec("SAVEPOINT write"); !marked)
            return marked.error();
        auto result = work();
        if (!result)
            (void)exec("ROLLBACK TO write");
        (void)exec("RELEASE write");
        return result;
    }
    if (auto started = begin(); !started)
        return started.error();
    auto result = work();
    if (result) {
        if (auto committed = commit(); committed)
            return result;
        else
            result = committed.error();
    }
    rollback();
    return result;
}

Status<ReplicaStore::Error> ReplicaStore::writeBatch(const std::function<Status<Error>()> &work)
{
    if (m_batchDepth > 0)
        return mts::Error<Error> { Error::InvalidArgument, QStringLiteral("A batch of writes cannot hold another.") };
    return inTransaction([&]() -> Status<Error> {
        ++m_batchDepth;
        auto result = work();
        --m_batchDepth;
        return result;
    });
}

Status<ReplicaStore::Error> ReplicaStore::setMeta(const char *key, const QByteArray &value)
{
    Sql upsert(prepared("INSERT INTO meta (key, value) VALUES (?1, ?2)"
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    if (!upsert.bind(QString::fromLatin1(key)).bind(value).run())
        return databaseError(QStringLiteral("Cannot save %1").arg(QLatin1String(key)));
    return ok;
}

std::optional<QByteArray> ReplicaStore::meta(const char *key)
{
    Sql select(prepared("SELECT value FROM meta WHERE key = ?1"));
    if (select.bind(QString::fromLatin1(key)).step() != SQLITE_ROW)
        return std::nullopt;
    return select.blob(0);
}

Status<ReplicaStore::Error> ReplicaStore::saveClock()
{
    if (!m_clock)
        return ok;
    return setMeta(metaHlc, m_clock->last().toString().toUtf8());
}

Status<ReplicaStore::Error> ReplicaStore::saveSums()
{
    for (const QString &bucket : std::as_const(m_dirtySums)) {
        const BucketChecksum sums = m_sums.value(bucket);
        Sql upsert(prepared("INSERT INTO buckets (bucket, count, sum) VALUES (?1, ?2, ?3)"
                            " ON CONFLICT (bucket) DO UPDATE SET count = excluded.count, sum = excluded.sum"));
        if (!upsert.bind(bucket).bind(qint64(sums.count)).bind(hashColumn(sums.sum)).run())
            return databaseError(QStringLiteral("Cannot save the checksum of %1").arg(bucket));
    }
    m_dirtySums.clear();
    return ok;
}

/// The cached checksum of `bucket` within the current transaction, read from its row the first time.
BucketChecksum &ReplicaStore::sums(const QString &bucket)
{
    auto it = m_sums.find(bucket);
    if (it == m_sums.end()) {
        BucketChecksum stored;
        Sql select(prepared("SELECT count, sum FROM buckets WHERE bucket = ?1"));
        if (select.bind(bucket).step() == SQLITE_ROW) {
            stored.count = quint64(select.integer(0));
            stored.sum = quint64(select.integer(1));
        }
        it = m_sums.insert(bucket, stored);
    }
    m_dirtySums.insert(bucket);
    return *it;
}

Result<bool, ReplicaStore::Error> ReplicaStore::hasPendingOps(const QString &recordId)
{
    // One probe of the outbox index (record_id, state, seq). Reading every pending record id up front instead
    // cost a scan of the whole outbox per push answer and per pull page: O(n²) for a long queue.
    Sql select(prepared("SELECT 1 FROM outbox WHERE record_id = ?1 AND state = 'pending' LIMIT 1"));
    const int rc = select.bind(recordId).step();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return databaseError(QStringLiteral("Cannot read the outbox of record %1").arg(recordId));
    return rc == SQLITE_ROW;
}

std::shared_ptr<const ReplicaStore::KindRules> ReplicaStore::KindRules::of(const QString &kind)
{
    auto rules = std::make_shared<KindRules>();
    if (const auto recordKind = RecordSchema::registry().kind(kind)) {
        rules->known = true;
        for (const RecordField &field : recordKind->fields) {
            const bool text = field.type == FieldType::Text;
            const bool indexed = text && !field.sensitive;
            rules->fields.insert(field.name, { text, field.sensitive, indexed ? int(rules->indexed.size()) : -1 });
            if (indexed)
                rules->indexed.append(field.name);
        }
        const auto position = [&rules](const QString &name) { return rules->indexed.indexOf(name); };
        if (recordKind->name == QLatin1String("person")) {
            for (const char *name : { "given_name", "middle_name", "surname" }) {
                if (const qsizetype at = position(QLatin1String(name)); at >= 0)
                    rules->sortParts.append(at);
            }
        } else if (const RecordField *name = recordKind->nameField()) {
            rules->sortParts.append(position(name->name));
        }
    }
    return rules;
}

QByteArray ReplicaStore::KindRules::sortKey(const QString *values) const
{
    if (sortParts.isEmpty())
        return {};
    // The multi-part key of vietnameseSortKey(): each part's key and a 0x00 byte.
    QByteArray key;
    bool any = false;
    for (const qsizetype at : sortParts) {
        key.append(vietnameseSortKey(values[at])).append('\0');
        any = any || !values[at].isEmpty();
    }
    return any ? key : QByteArray();
}

QByteArray ReplicaStore::KindRules::sortKey(const QJsonObject &fields) const
{
    if (sortParts.isEmpty())
        return {};
    QVarLengthArray<QString, 12> values(indexed.size());
    for (const qsizetype at : sortParts) {
        const QJsonValue value = fields.value(indexed.at(at));
        if (value.isString() && !isSealedText(value))
            values[at] = value.toString();
    }
    return sortKey(values.constData());
}

const ReplicaStore::KindRules &ReplicaStore::rules(const QString &kind) const
{
    auto it = m_kindRules.constFind(kind);
    if (it == m_kindRules.cend())
        it = m_kindRules.insert(kind, KindRules::of(kind));
    return **it;
}

bool ReplicaStore::KindRules::isSensitive(const QString &field) const
{
    // Unknown kinds and fields are sealed whole (RecordSchema::isSensitive()).
    const auto it = fields.constFind(field);
    return it == fields.cend() || it->sensitive;
}

QJsonObject ReplicaStore::KindRules::normalized(QJsonObject fields) const
{
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (it.value().isString() && isText(it.key()))
            it.value() = it.value().toString().normalized(QString::NormalizationForm_C);
    }
    return fields;
}

bool ReplicaStore::KindRules::isText(const QString &field) const
{
    const auto it = fields.constFind(field);
    return it != fields.cend() && it->text;
}

QString ReplicaStore::KindRules::searchText(const QJsonObject &fields) const
{
    QVarLengthArray<QString, 12> values(indexed.size());
    for (qsizetype i = 0; i < indexed.size(); ++i) {
        const QJsonValue value = fields.value(indexed.at(i));
        // A value that had to be sealed (a plain string that looked sealed) is left out as well.
        if (value.isString() && !isSealedText(value))
            values[i] = value.toString();
    }
    return searchText(values.constData(), values.size());
}

QString ReplicaStore::KindRules::searchText(const QString *values, qsizetype count)
{
    // Folded once for the whole record rather than per field: the same words, a fifth of the work.
    QString text;
    for (qsizetype i = 0; i < count; ++i) {
        if (values[i].isEmpty())
            continue;
        if (!text.isEmpty())
            text.append(QLatin1Char(' '));
        text.append(values[i]);
    }
    return text.isEmpty() ? text : foldForSearch(text);
}

Result<QByteArray, ReplicaStore::Error> ReplicaStore::sealedText(
    const QString &recordId, const QString &field, const QJsonValue &value) const
{
    return sealedText(*m_sealer, recordId, field, sealedPlaintext(value));
}

Result<QByteArray, ReplicaStore::Error> ReplicaStore::sealedText(
    const FieldSealer &sealer, const QString &recordId, const QString &field, const QByteArray &plaintext)
{
    const QByteArray sealed = sealer.seal(recordId, field, plaintext);
    if (sealed.isEmpty())
        return mts::Error<Error> { Error::InvalidKey, QStringLiteral("Sealing field %1 failed.").arg(field) };
    QByteArray text;
    text.reserve(sealedPrefix.size() + (sealed.size() + 2) / 3 * 4);
    text.append(sealedPrefix.data(), sealedPrefix.size());
    text.append(sealed.toBase64());
    return text;
}

Result<QString, ReplicaStore::Error> ReplicaStore::sealValue(
    const QString &recordId, const QString &field, const QJsonValue &value) const
{
    auto text = sealedText(recordId, field, value);
    if (!text)
        return text.error();
    return QString::fromLatin1(text.value());
}

Result<QJsonObject, ReplicaStore::Error> ReplicaStore::sealFields(
    const QString &recordId, const QString &kind, const QJsonObject &fields, bool normalize) const
{
    const KindRules &kindRules = rules(kind);
    QJsonObject sealed;
    const QJsonObject values = normalize ? kindRules.normalized(fields) : fields;
    for (auto it = values.begin(); it != values.end(); ++it) {
        const QString name = it.key();
        QJsonValue value = it.value();
        if (!value.isNull() && (kindRules.isSensitive(name) || isSealedText(value))) {
            auto sealedValue = sealValue(recordId, name, value);
            if (!sealedValue)
                return sealedValue.error();
            value = sealedValue.value();
        }
        sealed.insert(name, value);
    }
    return sealed;
}

Result<ReplicaStore::PulledRow, ReplicaStore::Error> ReplicaStore::encodePulled(
    const FieldSealer &sealer, const sync::RecordChange &change, const KindRules &kindRules)
{
    // The server sends the fields as it stores them, in CanonicalJson form: those bytes are hashed as they are,
    // and stored as they are but for the sealed values. Anything else takes the general way.
    CanonicalJson::Members members;
    if (!change.fieldsJson.isEmpty() && CanonicalJson::splitFlatObject(change.fieldsJson, &members))
        return encodeCanonicalPulled(sealer, change, members, kindRules);
    return encodePulled(sealer, change, change.fieldsObject(), kindRules);
}

Result<ReplicaStore::PulledRow, ReplicaStore::Error> ReplicaStore::encodeCanonicalPulled(const FieldSealer &sealer,
    const sync::RecordChange &change, const CanonicalJson::Members &members, const KindRules &kindRules)
{
    PulledRow row;
    QByteArray &json = row.fieldsJson;
    json.reserve(change.fieldsJson.size() + 96 * members.size() / 4);
    QVarLengthArray<QString, 12> indexed(kindRules.indexed.size());
    json.append('{');
    for (qsizetype i = 0; i < members.size(); ++i) {
        const CanonicalJson::Member &member = members.at(i);
        if (i > 0)
            json.append(',');
        json.append('"').append(member.key).append("\":");
        const QString name = QString::fromLatin1(member.key);
        const auto field = kindRules.fields.constFind(name);
        const bool isString = member.value.front() == '"';
        // The value's canonical bytes are what sealedPlaintext() writes of it; a string already looking sealed is
        // sealed too (sealFields()).
        const bool seal = member.value != "null"
            && (field == kindRules.fields.cend() || field->sensitive
                || (isString && member.value.sliced(1).startsWith(sealedMark)));
        if (seal) {
            QByteArray plaintext;
            plaintext.reserve(member.value.size() + 2);
            plaintext.append('[').append(member.value).append(']');
            auto sealed = sealedText(sealer, change.id, name, plaintext);
            if (!sealed)
                return sealed.error();
            json.append('"').append(sealed.value()).append('"');
            continue;
        }
        json.append(member.value);
        if (isString && field->indexed >= 0)
            indexed[field->indexed] = JsonReader::unescape(member.value.sliced(1, member.value.size() - 2));
    }
    json.append('}');
    row.hash = BucketChecksum::recordHashOfCanonical(change.id, change.seq, change.fieldsJson, change.deleted);
    row.searchText = KindRules::searchText(indexed.constData(), indexed.size());
    row.sortKey = kindRules.sortKey(indexed.constData());
    return row;
}

Result<ReplicaStore::PulledRow, ReplicaStore::Error> ReplicaStore::encodePulled(
    const FieldSealer &sealer, const sync::RecordChange &change, const QJsonObject &fields, const KindRules &kindRules)
{
    // Fields that are not CanonicalJson as they stand (built here, text not in NFC, nested values): each value
    // stored as it came but for the sealed ones, the hash over their canonical encoding.
    PulledRow row;
    QByteArray &json = row.fieldsJson;
    json.reserve(768);
    QVarLengthArray<QString, 12> indexed(kindRules.indexed.size());
    json.append('{');
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const QString name = it.key();
        const QJsonValue value = it.value();
        if (it != fields.begin())
            json.append(',');
        appendJsonString(json, name.toUtf8());
        json.append(':');
        if (!value.isNull() && (kindRules.isSensitive(name) || isSealedText(value))) {
            auto sealed = sealedText(sealer, change.id, name, sealedPlaintext(value));
            if (!sealed)
                return sealed.error();
            json.append('"').append(sealed.value()).append('"');
            continue;
        }
        appendJsonValue(json, value);
        if (const auto field = kindRules.fields.constFind(name);
            value.isString() && field != kindRules.fields.cend() && field->indexed >= 0)
            indexed[field->indexed] = value.toString();
    }
    json.append('}');
    row.hash = BucketChecksum::recordHash(change.id, change.seq, fields, change.deleted);
    row.searchText = KindRules::searchText(indexed.constData(), indexed.size());
    row.sortKey = kindRules.sortKey(indexed.constData());
    return row;
}

std::optional<QByteArray> ReplicaStore::openSealed(
    const QString &recordId, const QString &field, QByteArrayView base64) const
{
    const auto sealed = encoding::fromBase64(base64);
    if (!sealed)
        return std::nullopt;
    return m_sealer->open(recordId, field, *sealed);
}

mts::Error<ReplicaStore::Error> ReplicaStore::unreadableField(const QString &recordId, const QString &field)
{
    return { Error::SealedFieldUnreadable,
        QStringLiteral("Field %1 of record %2 does not open: it was altered or sealed under another key.")
            .arg(field, recordId) };
}

Result<QJsonObject, ReplicaStore::Error> ReplicaStore::openFields(
    const QString &recordId, const QJsonObject &sealedFields) const
{
    QJsonObject fields = sealedFields;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (!isSealedText(it.value()))
            continue;
        const auto opened
            = openSealed(recordId, it.key(), it.value().toString().sliced(sealedPrefix.size()).toLatin1());
        QJsonParseError error {};
        const QJsonDocument document = opened ? QJsonDocument::fromJson(*opened, &error) : QJsonDocument();
        if (!opened || error.error != QJsonParseError::NoError || !document.isArray() || document.array().size() != 1)
            return unreadableField(recordId, it.key());
        it.value() = document.array().first();
    }
    return fields;
}

Result<SyncOp, ReplicaStore::Error> ReplicaStore::openOp(const SyncOp &sealed) const
{
    auto set = openFields(sealed.recordId, sealed.set);
    if (!set)
        return set.error();
    SyncOp op = sealed;
    op.set = std::move(set).value();
    return op;
}

// --- Local writes ---

Result<QString, ReplicaStore::Error> ReplicaStore::create(
    const QString &kind, const QString &scope, const QJsonObject &fields, const QString &recordId)
{
    SyncOp op;
    op.type = SyncOp::Type::Create;
    op.recordId = recordId.isEmpty() ? createUuid7() : recordId;
    op.kind = kind;
    op.scope = scope;
    op.set = fields;
    return inTransaction([&] { return writeLocal(std::move(op)); });
}

Status<ReplicaStore::Error> ReplicaStore::update(const QString &id, const QJsonObject &fields)
{
    SyncOp op;
    op.type = SyncOp::Type::Update;
    op.recordId = id;
    op.set = fields;
    const auto written = inTransaction([&] { return writeLocal(std::move(op)); });
    if (!written)
        return written.error();
    return ok;
}

Status<ReplicaStore::Error> ReplicaStore::remove(const QString &id)
{
    SyncOp op;
    op.type = SyncOp::Type::Delete;
    op.recordId = id;
    const auto written = inTransaction([&] { return writeLocal(std::move(op)); });
    if (!written)
        return written.error();
    return ok;
}

Status<ReplicaStore::Error> ReplicaStore::restore(const QString &id)
{
    SyncOp op;
    op.type = SyncOp::Type::Restore;
    op.recordId = id;
    const auto written = inTransaction([&] { return writeLocal(std::move(op)); });
    if (!written)
        return written.error();
    return ok;
}

Status<ReplicaStore::Error> ReplicaStore::transition(
    const QString &id, const QString &field, const QString &from, const QString &to, const QJsonObject &fields)
{
    if (field.isEmpty() || from.isEmpty() || to.isEmpty())
        return mts::Error<Error> { Error::InvalidArgument,
            QStringLiteral("A transition needs a field, a state to leave and a state to reach.") };
    SyncOp op;
    op.type = SyncOp::Type::Transition;
    op.recordId = id;
    op.set = fields;
    op.transitionField = field;
    op.transitionFrom = from;
    op.transitionTo = to;
    const auto written = inTransaction([&] { return writeLocal(std::move(op)); });
    if (!written)
        return written.error();
    return ok;
}

Status<ReplicaStore::Error> ReplicaStore::move(const QString &id, const QString &toScope)
{
    if (!Scope::parse(toScope) || Scope::parse(toScope)->toString() != toScope)
        return mts::Error<Error> { Error::InvalidArgument, QStringLiteral("Invalid scope: %1").arg(toScope) };
    SyncOp op;
    op.type = SyncOp::Type::Move;
    op.recordId = id;
    op.moveTo = toScope;
    const auto written = inTransaction([&] { return writeLocal(std::move(op)); });
    if (!written)
        return written.error();
    return ok;
}

Result<QString, ReplicaStore::Error> ReplicaStore::saveLocal(
    const QString &kind, const QString &scope, const QString &recordId, const QJsonObject &fields)
{
    if (!m_db)
        return notOpen();
    if (!recordId.isEmpty()) {
        auto state = recordState(recordId);
        if (state) {
            if (state.value().kind != kind) {
                return mts::Error<Error> { Error::InvalidArgument,
                    QStringLiteral("Record %1 is a %2, not a %3.").arg(recordId, state.value().kind, kind) };
            }
            if (state.value().scope != scope) {
                return mts::Error<Error> { Error::InvalidArgument,
                    QStringLiteral("Record %1 belongs to %2, not %3; moving it is another operation.")
                        .arg(recordId, state.value().scope, scope) };
            }
            if (auto updated = update(recordId, fields); !updated)
                return updated.error();
            return recordId;
        }
        if (state.error().code != Error::NotFound && state.error().code != Error::SealedFieldUnreadable)
            return state.error();
    }
    return create(kind, scope, fields, recordId);
}

Result<QString, ReplicaStore::Error> ReplicaStore::writeLocal(SyncOp op)
{
    if (op.set.contains(QString()))
        return mts::Error<Error> { Error::InvalidArgument, QStringLiteral("A field has no name.") };
    if (!isUuid7(op.recordId) || op.recordId != op.recordId.toLower())
        return mts::Error<Error> { Error::InvalidArgument, QStringLiteral("Not a record id: %1").arg(op.recordId) };

    auto current = readView(op.recordId);
    if (!current)
        return current.error();
    if (op.type == SyncOp::Type::Create) {
        if (op.kind.isEmpty())
            return mts::Error<Error> { Error::InvalidArgument, QStringLiteral("A record needs a kind.") };
        if (!Scope::parse(op.scope) || Scope::parse(op.scope)->toString() != op.scope)
            return mts::Error<Error> { Error::InvalidArgument, QStringLiteral("Invalid scope: %1").arg(op.scope) };
        if (current.value()) {
            return mts::Error<Error> { Error::InvalidArgument,
                QStringLiteral("Record %1 exists already.").arg(op.recordId) };
        }
        auto base = readBase(op.recordId);
        if (!base)
            return base.error();
        if (base.value()) {
            return mts::Error<Error> { Error::InvalidArgument,
                QStringLiteral("Record %1 exists already.").arg(op.recordId) };
        }
    } else {
        if (!current.value())
            return mts::Error<Error> { Error::NotFound, QStringLiteral("No record %1.").arg(op.recordId) };
        op.kind = current.value()->kind;
        op.scope = current.value()->scope;
        if (op.type == SyncOp::Type::Move) {
            op.moveFrom = op.scope;
            if (op.moveTo == op.moveFrom) {
                return mts::Error<Error> { Error::InvalidArgument,
                    QStringLiteral("Record %1 is in %2 already.").arg(op.recordId, op.moveTo) };
            }
        }
    }

    op.set = rules(op.kind).normalized(std::move(op.set));
    // What the server stores when it takes the create as sent: hashed now, while the values are at hand.
    const QByteArray createdHash = op.type == SyncOp::Type::Create
        ? BucketChecksum::contentHash(CanonicalJson::encode(createdState(op.kind, op.set)), false)
        : QByteArray();
    auto sealed = sealFields(op.recordId, op.kind, op.set, false);
    if (!sealed)
        return sealed.error();
    op.set = std::move(sealed).value();
    op.opId = createUuid7();
    op.hlc = m_clock->now();
    op.schemaVersion = RecordSchema::registry().version();

    Sql insert(prepared("INSERT INTO outbox (op_id, record_id, kind, type, payload, created_at, state, created_hash)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7)"));
    insert.bind(op.opId)
        .bind(op.recordId)
        .bind(op.kind)
        .bind(SyncOp::typeName(op.type))
        .bind(op.encode())
        .bind(QDateTime::currentMSecsSinceEpoch());
    if (createdHash.isEmpty())
        insert.bindNull();
    else
        insert.bind(createdHash);
    if (!insert.run())
        return databaseError(QStringLiteral("Cannot queue the change of record %1").arg(op.recordId));
    if (auto view = recomputeView(op.recordId); !view)
        return view.error();
    return op.recordId;
}

// --- The view ---

Result<std::optional<ReplicaStore::View>, ReplicaStore::Error> ReplicaStore::readView(const QString &id)
{
    Sql select(prepared("SELECT kind, scope, fields, deleted, bucket FROM records WHERE id = ?1"));
    const int rc = select.bind(id).step();
    if (rc == SQLITE_DONE)
        return std::optional<View>();
    if (rc != SQLITE_ROW)
        return databaseError(QStringLiteral("Cannot read record %1").arg(id));
    const auto fields = parseObject(select.blob(2));
    if (!fields)
        return mts::Error<Error> { Error::Database, QStringLiteral("Record %1 is damaged.").arg(id) };
    return std::optional<View>(View { id, select.text(0), select.text(1), select.isNull(4) ? QString() : select.text(4),
        *fields, select.integer(3) != 0 });
}

Result<std::optional<ReplicaStore::Base>, ReplicaStore::Error> ReplicaStore::readBase(const QString &id)
{
    Sql select(prepared("SELECT kind, scope, bucket, version, fields, deleted, hlc, hash FROM base WHERE id = ?1"));
    const int rc = select.bind(id).step();
    if (rc == SQLITE_DONE)
        return std::optional<Base>();
    if (rc != SQLITE_ROW)
        return databaseError(QStringLiteral("Cannot read the base of record %1").arg(id));
    const auto fields = parseObject(select.blob(4));
    if (!fields)
        return mts::Error<Error> { Error::Database, QStringLiteral("The base of record %1 is damaged.").arg(id) };
    Base base;
    base.kind = select.text(0);
    base.scope = select.text(1);
    base.bucket = select.text(2);
    base.version = select.integer(3);
    base.fields = *fields;
    base.deleted = select.integer(5) != 0;
    base.hlc = HlcStamp::parse(select.text(6)).value_or(HlcStamp());
    base.hash = quint64(select.integer(7));
    return std::optional<Base>(std::move(base));
}

Result<QList<ReplicaStore::OutboxRow>, ReplicaStore::Error> ReplicaStore::outboxOf(
    const QString &recordId, const char *state)
{
    QList<OutboxRow> rows;
    Sql select(prepared("SELECT seq, payload, reason, held_by FROM outbox WHERE record_id = ?1 AND state = ?2"
                        " ORDER BY seq"));
    select.bind(recordId).bind(QString::fromLatin1(state));
    int rc = SQLITE_ROW;
    while ((rc = select.step()) == SQLITE_ROW) {
        const qint64 seq = select.integer(0);
        auto op = parseOp(select.blob(1));
        if (!op)
            return mts::Error<Error> { Error::Database, QStringLiteral("Outbox entry %1 is damaged.").arg(seq) };
        rows.append(OutboxRow { seq, std::move(*op), select.text(2), select.text(3) });
    }
    if (rc != SQLITE_DONE)
        return databaseError(QStringLiteral("Cannot read the outbox of record %1").arg(recordId));
    return rows;
}

Status<ReplicaStore::Error> ReplicaStore::recomputeView(const QString &id)
{
    auto base = readBase(id);
    if (!base)
        return base.error();
    auto ops = outboxOf(id, "pending");
    if (!ops)
        return ops.error();
    auto existing = readView(id);
    if (!existing)
        return existing.error();

    std::optional<View> view;
    if (const auto &b = base.value())
        view = View { id, b->kind, b->scope, b->bucket, b->fields, b->deleted };
    for (const OutboxRow &row : ops.value()) {
        const SyncOp &op = row.op;
        switch (op.type) {
        case SyncOp::Type::Create:
            if (!view) {
                view = View { id, op.kind, op.scope, bucketName(op.scope, op.kind), {}, false };
                // The server starts a workflow in its initial state; show it so before it answers.
                if (const auto kind = RecordSchema::registry().kind(op.kind); kind && kind->workflow)
                    view->fields.insert(kind->workflow->field, kind->workflow->initial);
            }
            break;
        case SyncOp::Type::Delete:
            if (view)
                view->deleted = true;
            break;
        case SyncOp::Type::Restore:
            if (view)
                view->deleted = false;
            break;
        case SyncOp::Type::Move:
            if (view) {
                view->scope = op.moveTo;
                view->bucket = bucketName(op.moveTo, view->kind);
            }
            break;
        case SyncOp::Type::Transition:
            if (view)
                view->fields.insert(op.transitionField, op.transitionTo);
            break;
        case SyncOp::Type::Update:
            break;
        }
        if (view) {
            for (auto it = op.set.begin(); it != op.set.end(); ++it)
                view->fields.insert(it.key(), it.value());
        }
    }

    if (view)
        return writeView(*view, existing.value().has_value());
    if (existing.value())
        return dropView(id);
    return ok;
}

Status<ReplicaStore::Error> ReplicaStore::writeView(const View &view, bool existed)
{
    const auto ftsRow = indexText(view.id, view.kind, rules(view.kind).searchText(view.fields), existed);
    if (!ftsRow)
        return ftsRow.error();
    const QByteArray fieldsJson = compactJson(view.fields);
    const QByteArray sortKey = rules(view.kind).sortKey(view.fields);
    Sql upsert(prepared("INSERT INTO records (id, kind, scope, fields, deleted, updated_at, bucket, fts_rowid,"
                        " sort_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO UPDATE SET"
                        " kind = excluded.kind, scope = excluded.scope, fields = excluded.fields,"
                        " deleted = excluded.deleted, updated_at = excluded.updated_at, bucket = excluded.bucket,"
                        " fts_rowid = excluded.fts_rowid, sort_key = excluded.sort_key"));
    upsert.bind(view.id)
        .bind(view.kind)
        .bind(view.scope)
        .bindStatic(fieldsJson)
        .bind(view.deleted)
        .bind(QDateTime::currentMSecsSinceEpoch());
    if (view.bucket.isEmpty())
        upsert.bindNull();
    else
        upsert.bind(view.bucket);
    upsert.bind(ftsRow.value());
    if (sortKey.isEmpty())
        upsert.bindNull();
    else
        upsert.bindStatic(sortKey);
    if (!upsert.run())
        return databaseError(QStringLiteral("Cannot save record %1").arg(view.id));
    return ok;
}

Status<ReplicaStore::Error> ReplicaStore::dropView(const QString &id)
{
    if (auto unindexed = unindex(id); !unindexed)
        return unindexed;
    Sql drop(prepared("DELETE FROM records WHERE id = ?1"));
    if (!drop.bind(id).run())
        return databaseError(QStringLiteral("Cannot remove record %1").arg(id));
    return ok;
}

Result<qint64, ReplicaStore::Error> ReplicaStore::indexText(
    const QString &id, const QString &kind, const QString &text, bool existed)
{
    // The view row keeps the rowid of its index row (format 3), so an edit replaces that row by rowid instead of
    // scanning the index for the record id (an UNINDEXED column); the FTS table's own rowids survive VACUUM.
    qint64 ftsRow = -1;
    if (existed) {
        Sql select(prepared("SELECT fts_rowid FROM records WHERE id = ?1"));
        const int rc = select.bind(id).step();
        if (rc == SQLITE_ROW && !select.isNull(0))
            ftsRow = select.integer(0);
        else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return databaseError(QStringLiteral("Cannot index record %1").arg(id));
    }
    if (ftsRow >= 0) {
        // Most rewrites leave the words as they were (a push echoed back, an edit of a number or a sealed field):
        // an FTS5 update deletes and re-inserts every token, reading the row first costs one lookup.
        {
            Sql current(prepared("SELECT kind, text FROM search_index WHERE rowid = ?1"));
            const int rc = current.bind(ftsRow).step();
            if (rc == SQLITE_ROW && current.text(0) == kind && current.text(1) == text)
                return ftsRow;
            if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                return databaseError(QStringLiteral("Cannot index record %1").arg(id));
        }
        Sql update(prepared("UPDATE search_index SET kind = ?2, text = ?3 WHERE rowid = ?1"));
        if (!update.bind(ftsRow).bind(kind).bind(text).run())
            return databaseError(QStringLiteral("Cannot index record %1").arg(id));
        return ftsRow;
    }
    Sql insert(prepared("INSERT INTO search_index (record_id, kind, text) VALUES (?1, ?2, ?3)"));
    if (!insert.bind(id).bind(kind).bind(text).run())
        return databaseError(QStringLiteral("Cannot index record %1").arg(id));
    return qint64(sqlite3_last_insert_rowid(m_db));
}

Status<ReplicaStore::Error> ReplicaStore::unindex(const QString &id)
{
    qint64 ftsRow = -1;
    {
        Sql select(prepared("SELECT fts_rowid FROM records WHERE id = ?1"));
        const int rc = select.bind(id).step();
        if (rc == SQLITE_ROW && !select.isNull(0))
            ftsRow = select.integer(0);
        else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return databaseError(QStringLiteral("Cannot unindex record %1").arg(id));
    }
    if (ftsRow < 0)
        return ok;
    Sql drop(prepared("DELETE FROM search_index WHERE rowid = ?1"));
    if (!drop.bind(ftsRow).run())
        return databaseError(QStringLiteral("Cannot unindex record %1").arg(id));
    return ok;
}

Result<QJsonObject, ReplicaStore::Error> ReplicaStore::record(const QString &id)
{
    auto state = recordState(id);
    if (!state)
        return state.error();
    return state.value().fields;
}

Result<ReplicaRecord, ReplicaStore::Error> ReplicaStore::recordState(const QString &id)
{
    if (!m_db)
        return notOpen();
    auto view = readView(id);
    if (!view)
        return view.error();
    if (!view.value())
        return mts::Error<Error> { Error::NotFound, QStringLiteral("No record %1.").arg(id) };
    auto fields = openFields(id, view.value()->fields);
    if (!fields)
        return fields.error();
    qint64 version = 0;
    {
        Sql select(prepared("SELECT version FROM base WHERE id = ?1"));
        if (select.bind(id).step() == SQLITE_ROW)
            version = select.integer(0);
    }
    const View &v = *view.value();
    return ReplicaRecord { id, v.kind, v.scope, v.bucket, std::move(fields).value(), v.deleted, version };
}

Result<QStringList, ReplicaStore::Error> ReplicaStore::search(const QString &query)
{
    if (!m_db)
        return notOpen();
    const QString expression = matchExpression(foldForSearch(query));
    if (expression.isEmpty())
        return QStringList();

    // In index order (the order records were first indexed): the index does not rank (format 5).
    Sql select(prepared("SELECT s.record_id FROM search_index AS s JOIN records AS r ON r.id = s.record_id"
                        " WHERE s.search_index MATCH ?1 AND r.deleted = 0 ORDER BY s.rowid"));
    select.bind(expression);
    QStringList ids;
    int rc = SQLITE_ROW;
    while ((rc = select.step()) == SQLITE_ROW)
        ids.append(select.text(0));
    if (rc != SQLITE_DONE)
        return databaseError(QStringLiteral("Cannot search"));
    return ids;
}

// --- Lists ---

struct ReplicaStore::ListOrder {
    struct Entry {
        qint64 key = 0;
        qint64 ftsRow = 0;
        bool deleted = false;
    };
    QList<Entry> entries;
    /// Keys with a field at a value (ListQuery::filters), read once per field and value.
    mutable QHash<QString, QSet<qint64>> filtered;
    /// The folded search text of the entries (their `search_index` rows, UTF-8) end to end, and where each
    /// entry's is: read by the first search.
    mutable bool textsRead = false;
    mutable QByteArray texts;
    mutable QList<std::pair<quint32, quint32>> spans; // by entry: (offset in texts, length)
    /// By field (ListQuery::sortBy): each entry's place when the list is ordered by it, and how many entries have
    /// a value of it (they take the first places).
    mutable QHash<QString, std::vector<quint32>> ranks;
    mutable QHash<QString, quint32> valuedCount;

    QByteArrayView text(qsizetype i) const
    {
        const auto [from, length] = spans.at(i);
        return QByteArrayView(texts.constData() + from, length);
    }
};

namespace {

bool isWordByte(char c)
{
    const auto byte = static_cast<unsigned char>(c);
    return (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') || byte >= 0x80;
}

/// The words of a folded query as search() makes its phrases (runs of letters and digits), in UTF-8.
QList<QByteArray> queryWords(const QString &folded)
{
    QList<QByteArray> words;
    QString word;
    for (const QChar c : folded) {
        if (c.isLetterOrNumber() || c.isSurrogate()) {
            word.append(c);
        } else if (!word.isEmpty()) {
            words.append(word.toUtf8());
            word.clear();
        }
    }
    if (!word.isEmpty())
        words.append(word.toUtf8());
    return words;
}

/// Whether every word of `words` begins a word of the folded `text`, as the index's prefix phrases match.
bool matchesWords(QByteArrayView text, const QList<QByteArray> &words)
{
    const std::string_view haystack(text.data(), size_t(text.size()));
    for (const QByteArray &word : words) {
        const std::string_view needle(word.constData(), size_t(word.size()));
        size_t at = haystack.find(needle);
        while (at != std::string_view::npos && at > 0 && isWordByte(haystack[at - 1]))
            at = haystack.find(needle, at + 1);
        if (at == std::string_view::npos)
            return false;
    }
    return true;
}

} // namespace

Result<std::shared_ptr<const ReplicaStore::ListOrder>, ReplicaStore::Error> ReplicaStore::listOrder(const QString &kind)
{
    // Commits of other connections (the CLI's sync) change `data_version`; ours, the generation.
    qint64 dataVersion = -1;
    {
        Sql pragma(prepared("PRAGMA data_version"));
        if (pragma.step() != SQLITE_ROW)
            return databaseError(QStringLiteral("Cannot read the list of %1").arg(kind));
        dataVersion = pragma.integer(0);
    }
    if (dataVersion != m_listsDataVersion || m_viewGeneration != m_listsGeneration) {
        m_listOrders.clear();
        m_listsDataVersion = dataVersion;
        m_listsGeneration = m_viewGeneration;
    }
    if (const auto cached = m_listOrders.constFind(kind); cached != m_listOrders.cend())
        return *cached;

    // The index records_list holds all of it: the rows themselves are not read.
    auto order = std::make_shared<ListOrder>();
    Sql select(prepared("SELECT rowid, fts_rowid, deleted FROM records INDEXED BY records_list WHERE kind = ?1"
                        " ORDER BY kind, sort_key"));
    select.bind(kind);
    int rc = SQLITE_ROW;
    while ((rc = select.step()) == SQLITE_ROW)
        order->entries.append({ select.integer(0), select.integer(1), select.integer(2) != 0 });
    if (rc != SQLITE_DONE)
        return databaseError(QStringLiteral("Cannot read the list of %1").arg(kind));
    m_listOrders.insert(kind, order);
    return std::shared_ptr<const ListOrder>(std::move(order));
}

Result<QList<qint64>, ReplicaStore::Error> ReplicaStore::listKeys(const ListQuery &query)
{
    if (!m_db)
        return notOpen();
    const auto order = listOrder(query.kind);
    if (!order)
        return order.error();
    const QList<ListOrder::Entry> &entries = order.value()->entries;

    // The search matches as search() does (every word a prefix of a word of the record's folded text), but over
    // the texts held in memory: a search typed letter by letter costs a scan of a few megabytes each time, where
    // the index took up to 60 ms for the first letters, which match nearly every record.
    QList<QByteArray> words;
    const bool searching = !query.search.trimmed().isEmpty();
    if (searching) {
        words = queryWords(foldForSearch(query.search));
        if (words.isEmpty())
            return QList<qint64>();
        if (!order.value()->textsRead) {
            if (auto read = readListTexts(*order.value()); !read)
                return read.error();
        }
    }
    QList<const QSet<qint64> *> filters;
    for (auto it = query.filters.cbegin(); it != query.filters.cend(); ++it) {
        const QString cacheKey = it.key() + QChar(0x1f)
            + QString::fromUtf8(QJsonDocument(QJsonArray { it.value() }).toJson(QJsonDocument::Compact));
        auto cached = order.value()->filtered.constFind(cacheKey);
        if (cached == order.value()->filtered.cend()) {
            auto keys = filterKeys(query.kind, it.key(), it.value());
            if (!keys)
                return keys.error();
            cached = order.value()->filtered.insert(cacheKey, std::move(keys).value());
        }
        filters.append(&*cached);
    }

    const std::vector<quint32> *ranks = nullptr;
    if (!query.sortBy.isEmpty()) {
        auto read = listRanks(*order.value(), query.kind, query.sortBy);
        if (!read)
            return read.error();
        ranks = read.value();
    }

    QList<qsizetype> chosen;
    chosen.reserve(searching || !filters.isEmpty() ? 1024 : entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const ListOrder::Entry &entry = entries.at(i);
        if (entry.deleted && !query.withDeleted)
            continue;
        if (searching && !matchesWords(order.value()->text(i), words))
            continue;
        if (std::any_of(filters.cbegin(), filters.cend(),
                [&entry](const QSet<qint64> *keys) { return !keys->contains(entry.key); }))
            continue;
        chosen.append(i);
    }
    if (ranks) {
        // The ranks put the records without a value last: ordered backwards, those stay last.
        std::sort(chosen.begin(), chosen.end(),
            [ranks](qsizetype a, qsizetype b) { return (*ranks)[size_t(a)] < (*ranks)[size_t(b)]; });
        if (query.descending) {
            const quint32 valuedCount = order.value()->valuedCount.value(query.sortBy);
            const auto valued = std::find_if(chosen.cbegin(), chosen.cend(),
                [ranks, valuedCount](qsizetype i) { return (*ranks)[size_t(i)] >= valuedCount; });
            std::reverse(chosen.begin(), chosen.begin() + (valued - chosen.cbegin()));
        }
    } else if (query.descending) {
        std::reverse(chosen.begin(), chosen.end());
    }
    QList<qint64> keys;
    keys.reserve(chosen.size());
    for (const qsizetype i : std::as_const(chosen))
        keys.append(entries.at(i).key);
    return keys;
}

Result<const std::vector<quint32> *, ReplicaStore::Error> ReplicaStore::listRanks(
    const ListOrder &order, const QString &kind, const QString &fieldName)
{
    if (const auto cached = order.ranks.constFind(fieldName); cached != order.ranks.cend())
        return &*cached;
    const RecordKind *recordKind = RecordSchema::registry().kind(kind);
    const RecordField *field = recordKind ? recordKind->field(fieldName) : nullptr;
    if (!field || field->sensitive || field->type == FieldType::Reference || field->type == FieldType::Blob
        || fieldName.contains(QLatin1Char('"')))
        return nullptr;

    QHash<qint64, qsizetype> entryOf;
    entryOf.reserve(order.entries.size());
    for (qsizetype i = 0; i < order.entries.size(); ++i)
        entryOf.insert(order.entries.at(i).key, i);
    // Each entry's value as bytes that compare as the values do; empty: no value.
    std::vector<QByteArray> values(size_t(order.entries.size()));
    Sql select(prepared("SELECT rowid, json_extract(fields, ?2) FROM records WHERE kind = ?1"));
    select.bind(kind).bind(QString(QStringLiteral("$.\"") + fieldName + QLatin1Char('"')));
    int rc = SQLITE_ROW;
    while ((rc = select.step()) == SQLITE_ROW) {
        const qsizetype at = entryOf.value(select.integer(0), -1);
        if (at < 0 || select.isNull(1))
            continue;
        QByteArray &value = values[size_t(at)];
        switch (field->type) {
        case FieldType::Text: {
            const QString text = select.text(1);
            if (!isSealedText(QJsonValue(text)) && !text.trimmed().isEmpty())
                value = vietnameseSortKey(text);
            break;
        }
        case FieldType::Integer:
        case FieldType::Boolean: {
            // Big-endian with the sign bit flipped: the bytes compare as the numbers.
            const quint64 number = quint64(select.integer(1)) ^ (quint64(1) << 63);
            value.resize(8);
            qToBigEndian(number, value.data());
            break;
        }
        case FieldType::Date:
            value = select.view(1).toByteArray();
            break;
        case FieldType::Enum: {
            const qsizetype position = field->values.indexOf(select.text(1));
            const quint16 place = position < 0 ? quint16(0xffff) : quint16(position);
            value.resize(2);
            qToBigEndian(place, value.data());
            break;
        }
        case FieldType::Reference:
        case FieldType::Blob:
            break;
        }
    }
    if (rc != SQLITE_DONE)
        return databaseError(QStringLiteral("Cannot order the list of %1").arg(kind));

    std::vector<quint32> byPlace(values.size());
    std::iota(byPlace.begin(), byPlace.end(), 0U);
    std::stable_sort(byPlace.begin(), byPlace.end(), [&values](quint32 a, quint32 b) {
        const QByteArray &x = values[a];
        const QByteArray &y = values[b];
        if (x.isEmpty() || y.isEmpty())
            return !x.isEmpty() && y.isEmpty();
        return x < y;
    });
    std::vector<quint32> ranks(values.size());
    for (quint32 place = 0; place < byPlace.size(); ++place)
        ranks[byPlace[place]] = place;
    order.valuedCount.insert(fieldName,
        quint32(std::count_if(values.cbegin(), values.cend(), [](const QByteArray &v) { return !v.isEmpty(); })));
    return &*order.ranks.insert(fieldName, std::move(ranks));
}

Status<ReplicaStore::Error> ReplicaStore::readListTexts(const ListOrder &order)
{
    // Read once into one buffer in the index's rowid order, each entry then finding its text by its index row:
    // index rowids are dense (one per view row, reused), so a vector by rowid maps them without a hash. Copying
    // the texts again into list order cost as much as reading them (a fresh 14 MB buffer is slow to fault in).
    // The texts come from the index's content table, a plain table: through the index the scan took twice as long.
    std::vector<std::pair<quint32, quint32>> byRow;
    order.texts.clear();
    order.texts.reserve(order.entries.size() * 160);
    Sql select(prepared("SELECT id, c2 FROM search_index_content"));
    int rc = SQLITE_ROW;
    while ((rc = select.step()) == SQLITE_ROW) {
        const qint64 row = select.integer(0);
        const QByteArrayView text = select.view(1);
        if (row < 0 || row > std::numeric_limits<int>::max() || order.texts.size() + text.size() > 0xffffffffLL)
            continue;
        if (size_t(row) >= byRow.size())
            byRow.resize(std::max<size_t>(size_t(row) + 1, byRow.size() * 3 / 2));
        byRow[size_t(row)] = { quint32(order.texts.size()), quint32(text.size()) };
        order.texts.append(text);
    }
    if (rc != SQLITE_DONE)
        return databaseError(QStringLiteral("Cannot read the search index"));
    order.spans.clear();
    order.spans.reserve(order.entries.size());
    for (const ListOrder::Entry &entry : order.entries) {
        const bool indexed = entry.ftsRow >= 0 && size_t(entry.ftsRow) < byRow.size();
        order.spans.append(indexed ? byRow[size_t(entry.ftsRow)] : std::pair<quint32, quint32>());
    }
    order.textsRead = true;
    return ok;
}

Result<qint64, ReplicaStore::Error> ReplicaStore::total(const TotalQuery &query)
{
    if (!m_db)
        return notOpen();
    const KindRules &kindRules = rules(query.kind);
    QStringList named = query.equals.keys() + query.empty;
    if (!query.sumField.isEmpty())
        named.append(query.sumField);
    if (!query.dateField.isEmpty())
        named.append(query.dateField);
    for (const QString &field : std::as_const(named)) {
        const bool plain = !field.isEmpty() && std::all_of(field.cbegin(), field.cend(), [](QChar c) {
            return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_';
        });
        if (!plain || kindRules.isSensitive(field))
            return mts::Error<Error> { Error::InvalidArgument,
                QStringLiteral("Field %1 of %2 cannot be totalled.").arg(field, query.kind) };
    }
    // Built for this query (field names checked above, values bound): reports run a handful of these.
    QByteArray sql = query.sumField.isEmpty()
        ? QByteArrayLiteral("SELECT count(*)")
        : "SELECT coalesce(sum(json_extract(fields, '$." + query.sumField.toLatin1() + "')), 0)";
    sql += " FROM records WHERE kind = ?1 AND scope = ?2 AND deleted = 0";
    int parameter = 2;
    for (auto it = query.equals.cbegin(); it != query.equals.cend(); ++it)
        sql += " AND json_extract(fields, '$." + it.key().toLatin1() + "') = ?" + QByteArray::number(++parameter);
    for (const QString &field : query.empty)
        sql += " AND coalesce(json_extract(fields, '$." + field.toLatin1() + "'), '') = ''";
    if (!query.dateField.isEmpty()) {
        const QByteArray date = "json_extract(fields, '$." + query.dateField.toLatin1() + "')";
        sql += " AND " + date + " >= ?" + QByteArray::number(parameter + 1) + " AND " + date + " <= ?"
            + QByteArray::number(parameter + 2);
    }
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.constData(), int(sql.size()), &statement, nullptr) != SQLITE_OK)
        return databaseError(QStringLiteral("Cannot total %1").arg(query.kind));
    // Finalized after `select` (declared after it) is done with it.
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)> owned(statement, sqlite3_finalize);
    Sql select(statement);
    select.bind(query.kind).bind(query.scope);
    for (auto it = query.equals.cbegin(); it != query.equals.cend(); ++it) {
        if (it.value().isBool())
            select.bind(it.value().toBool());
        else if (it.value().isDouble())
            select.bind(qint64(it.value().toDouble()));
        else
            select.bind(it.value().toString());
    }
    if (!query.dateField.isEmpty())
        select.bind(query.from.toString(Qt::ISODate)).bind(query.to.toString(Qt::ISODate));
    const int rc = select.step();
    const qint64 value = rc == SQLITE_ROW ? select.integer(0) : 0;
    if (rc != SQLITE_ROW)
        return databaseError(QStringLiteral("Cannot total %1").arg(query.kind));
    return value;
}

Result<QSet<qint64>, ReplicaStore::Error> ReplicaStore::filterKeys(
    const QString &kind, const QString &field, const QJsonValue &value)
{
    // A sealed value matches nothing (its stored text differs from every value), so filtering on a sensitive
    // field finds nothing rather than leaking what it holds.
    if (rules(kind).isSensitive(field) || field.contains(QLatin1Char('"')))
        return QSet<qint64>();
    Sql select(prepared("SELECT rowid FROM records WHERE kind = ?1 AND json_extract(fields, ?2) IS ?3"));
    select.bind(kind).bind(QString(QStringLiteral("$.\"") + field + QLatin1Char('"')));
    if (value.isBool())
        select.bind(value.toBool());
    else if (value.isDouble())
        select.bind(qint64(value.toDouble()));
    else if (value.isString())
        select.bind(value.toString());
    else
        select.bindNull();
    QSet<qint64> keys;
    int rc = SQLITE_ROW;
    while ((rc = select.step()) == SQLITE_ROW)
        keys.insert(select.integer(0));
    if (rc != SQLITE_DONE)
        return databaseError(QStringLiteral("Cannot filter the list of %1").arg(kind));
    return keys;
}

Result<std::optional<qint64>, ReplicaStore::Error> ReplicaStore::listKey(const QString &id)
{
    if (!m_db)
        return notOpen();
    Sql select(prepared("SELECT rowid FROM records WHERE id = ?1"));
    const int rc = select.bind(id).step();
    if (rc == SQLITE_DONE)
        return std::optional<qint64>();
    if (rc != SQLITE_ROW)
        return databaseError(QStringLiteral("Cannot read record %1").arg(id));
    return std::optional<qint64>(select.integer(0));
}

Result<QList<ReplicaStore::ListRow>, ReplicaStore::Error> ReplicaStore::listRows(const QList<qint64> &keys)
{
    if (!m_db)
        return notOpen();
    QList<ListRow> rows;
    rows.reserve(keys.size());
    for (const qint64 key : keys) {
        Sql select(prepared("SELECT r.id, r.scope, r.fields, r.deleted,"
                            " (SELECT reason FROM outbox WHERE record_id = r.id AND state = 'set_aside' ORDER BY seq"
                            " LIMIT 1),"
                            " EXISTS (SELECT 1 FROM outbox WHERE record_id = r.id AND state = 'pending')"
                            " FROM records AS r WHERE r.rowid = ?1"));
        const int rc = select.bind(key).step();
        if (rc == SQLITE_DONE)
            continue;
        if (rc != SQLITE_ROW)
            return databaseError(QStringLiteral("Cannot read the list"));
        ListRow row;
        row.key = key;
        row.id = select.text(0);
        row.scope = select.text(1);
        const auto sealed = parseObject(select.blob(2));
        if (!sealed)
            return mts::Error<Error> { Error::Database, QStringLiteral("Record %1 is damaged.").arg(row.id) };
        auto fields = openFields(row.id, *sealed);
        if (!fields)
            return fields.error();
        row.fields = std::move(fields).value();
        row.deleted = select.integer(3) != 0;
        if (!select.isNull(4)) {
            row.state = SyncState::SetAside;
            row.reason = select.text(4);
        } else if (select.integer(5) != 0) {
            row.state = SyncState::Pending;
        }
        rows.append(std::move(row));
    }
    return rows;
}

int ReplicaStore::pendingCount()
{
    if (!m_db)
        return -1;
    Sql count(prepared("SELECT count(*) FROM outbox WHERE state = 'pending'"));
    if (count.step() != SQLITE_ROW)
        return -1;
    return int(count.integer(0));
}

int ReplicaStore::setAsideCount()
{
    if (!m_db)
        return -1;
    Sql count(prepared("SELECT count(*) FROM outbox WHERE state = 'set_aside'"));
    if (count.step() != SQLITE_ROW)
        return -1;
    return int(count.integer(0));
}

// --- Push ---

std::optional<SyncOp> ReplicaStore::OutgoingOp::op() const
{
    return parseOp(json);
}

Result<QByteArray, ReplicaStore::Error> ReplicaStore::openedWireForm(
    const QString &recordId, const QByteArray &payload, bool *setsObjects) const
{
    // The stored op is the wire form with sensitive values sealed: each `"sealed:<base64>"` string in `set` is
    // replaced by the value it opens to (the JSON text of sealedPlaintext(), without its brackets); every other
    // byte is copied as it is.
    QByteArray wire;
    wire.reserve(payload.size() + 64);
    qsizetype copied = 0;
    *setsObjects = false;
    JsonReader json(payload);
    json.beginObject();
    while (const auto key = json.nextKey()) {
        if (*key != "set") {
            json.skip();
            continue;
        }
        if (!json.beginObject())
            break;
        while (const auto name = json.nextKey()) {
            const JsonReader::Type type = json.peek();
            const QByteArrayView raw = json.skip();
            *setsObjects = *setsObjects || type == JsonReader::Type::Object;
            // Between the quotes (base64 and the prefix have nothing to escape).
            const QByteArrayView text = type == JsonReader::Type::String ? raw.sliced(1, raw.size() - 2) : raw;
            if (type != JsonReader::Type::String || !text.startsWith(sealedMark))
                continue;
            const QString field = QString::fromUtf8(*name);
            const auto opened = openSealed(recordId, field, text.sliced(sealedMark.size()));
            // sealedPlaintext() is a JSON array of the one value.
            JsonReader value(opened ? QByteArrayView(*opened) : QByteArrayView());
            QByteArrayView plain;
            if (opened && value.beginArray() && value.nextElement()) {
                *setsObjects = *setsObjects || value.peek() == JsonReader::Type::Object;
                plain = value.skip();
            }
            if (plain.isEmpty() || value.nextElement() || !value.atEnd())
                return unreadableField(recordId, field);
            const qsizetype at = raw.data() - payload.constData();
            wire.append(QByteArrayView(payload).sliced(copied, at - copied));
            wire.append(plain);
            copied = at + raw.size();
        }
    }
    if (!json.atEnd())
        return mts::Error<Error> { Error::Database,
            QStringLiteral("An outbox entry of record %1 is damaged.").arg(recordId) };
    wire.append(QByteArrayView(payload).sliced(copied));
    return wire;
}

Result<QList<ReplicaStore::OutgoingOp>, ReplicaStore::Error> ReplicaStore::outgoingBatch(int max, qint64 afterSeq)
{
    if (!m_db)
        return notOpen();
    QList<OutgoingOp> ops;
    Sql select(prepared("SELECT seq, op_id, record_id, type, payload, created_hash FROM outbox"
                        " WHERE state = 'pending' AND seq > ?2 ORDER BY seq LIMIT ?1"));
    select.bind(qint64(std::max(0, max))).bind(afterSeq);
    int rc = SQLITE_ROW;
    while ((rc = select.step()) == SQLITE_ROW) {
        OutgoingOp op;
        op.seq = select.integer(0);
        op.opId = select.text(1);
        op.recordId = select.text(2);
        const auto type = SyncOp::typeFromName(select.text(3));
        if (!type)
            return mts::Error<Error> { Error::Database, QStringLiteral("Outbox entry %1 is damaged.").arg(op.seq) };
        op.type = *type;
        auto wire = openedWireForm(op.recordId, select.blob(4), &op.setsObjects);
        if (!wire) {
            if (wire.error().code == Error::Database)
                return mts::Error<Error> { Error::Database, QStringLiteral("Outbox entry %1 is damaged.").arg(op.seq) };
            return wire.error();
        }
        op.json = std::move(wire).value();
        if (!select.isNull(5))
            op.createdHash = select.blob(5);
        ops.append(std::move(op));
    }
    if (rc != SQLITE_DONE)
        return databaseError(QStringLiteral("Cannot read the outbox"));
    return ops;
}

Result<QList<SyncOp>, ReplicaStore::Error> ReplicaStore::pendingBatch(int max, qint64 afterSeq)
{
    auto outgoing = outgoingBatch(max, afterSeq);
    if (!outgoing)
        return outgoing.error();
    QList<SyncOp> ops;
    ops.reserve(outgoing.value().size());
    for (const OutgoingOp &out : std::as_const(outgoing.value())) {
        auto op = out.op();
        if (!op)
            return mts::Error<Error> { Error::Database, QStringLiteral("Outbox entry %1 is damaged.").arg(out.seq) };
        ops.append(std::move(*op));
    }
    return ops;
}

namespace {

// The state a create that made its record leaves, as a push result's `"created": seq` stands for it
// (sync::PushResult::created): the op's record, kind, scope and stamp, read from its wire form, at version `seq`.
std::optional<sync::RecordChange> createdChange(const ReplicaStore::OutgoingOp &create, qint64 seq)
{
    sync::RecordChange change;
    change.id = create.recordId;
    change.seq = seq;
    change.fieldsAsSent = true;
    // SyncOp::write() puts them before the set, so the reading mostly stops there.
    JsonReader json(create.json);
    json.beginObject();
    int found = 0;
    while (found < 3) {
        const auto key = json.nextKey();
        if (!key)
            break;
        if (*key == "kind") {
            change.kind = json.string().value_or(QString());
            ++found;
        } else if (*key == "scope") {
            change.scope = json.string().value_or(QString());
            ++found;
        } else if (*key == "hlc") {
            change.hlc = HlcStamp::parse(json.string().value_or(QString())).value_or(HlcStamp {});
            ++found;
        } else {
            json.skip();
        }
    }
    const auto bucket = sync::bucketOf(change.scope, change.kind);
    if (json.failed() || found < 3 || !bucket || !change.hlc.isValid())
        return std::nullopt;
    change.bucket = bucket->toString();
    return change;
}

} // namespace

Status<ReplicaStore::Error> ReplicaStore::applyPushResponse(
    const QList<OutgoingOp> &sent, const sync::PushResponse &response)
{
    if (response.results.size() != sent.size()) {
        return mts::Error<Error> {
            Error::Protocol,
            QStringLiteral("The server answered %1 results for %2 ops.").arg(response.results.size()).arg(sent.size())
        };
    }
    for (qsizetype i = 0; i < sent.size(); ++i) {
        if (response.results.at(i).opId != sent.at(i).opId) {
            return mts::Error<Error> { Error::Protocol,
                QStringLiteral("Result %1 is for op %2, not %3.")
                    .arg(i)
                    .arg(response.results.at(i).opId, sent.at(i).opId) };
        }
        if (const auto &record = response.results.at(i).record; record && record->id != sent.at(i).recordId) {
            return mts::Error<Error> { Error::Protocol,
                QStringLiteral("Result %1 carries record %2, not %3.").arg(i).arg(record->id, sent.at(i).recordId) };
        }
        if (const sync::PushResult &result = response.results.at(i);
            ((result.record && result.record->fieldsAsSent) || result.created > 0)
            && sent.at(i).type != SyncOp::Type::Create) {
            return mts::Error<Error> { Error::Protocol,
                QStringLiteral("Result %1 refers to the fields of op %2, which creates nothing.")
                    .arg(i)
                    .arg(sent.at(i).opId) };
        }
    }

    return inTransaction([&]() -> Status<Error> {
        // First the outbox: acknowledged ops leave it, refused ones are set aside with what they hold back. Then
        // the returned states: a record left without pending ops gets its view straight from the base (most of
        // a batch), the others are recomputed over what remains.
        QSet<QString> touched;
        QList<std::pair<qint64, qsizetype>> rejected;
        const bool allTaken = std::none_of(response.results.cbegin(), response.results.cend(),
            [](const sync::PushResult &result) { return result.outcome == sync::PushOutcome::Rejected; });
        if (allTaken && !sent.isEmpty()) {
            // The batch is every op pending from its first to its last (outgoingBatch(); later ops get higher
            // numbers): one statement takes them all out.
            Sql drop(prepared("DELETE FROM outbox WHERE seq BETWEEN ?1 AND ?2 AND state = 'pending'"));
            if (!drop.bind(sent.constFirst().seq).bind(sent.constLast().seq).run())
                return databaseError(QStringLiteral("Cannot remove the ops sent"));
        }
        for (qsizetype i = 0; i < sent.size() && !allTaken; ++i) {
            const sync::PushResult &result = response.results.at(i);
            // Only an op still pending: one set aside or resent meanwhile (another process) stays as it is.
            if (result.outcome != sync::PushOutcome::Rejected) {
                Sql drop(prepared("DELETE FROM outbox WHERE op_id = ?1 AND state = 'pending'"));
                if (!drop.bind(result.opId).run())
                    return databaseError(QStringLiteral("Cannot remove op %1").arg(result.opId));
                continue;
            }
            Sql select(prepared("SELECT seq FROM outbox WHERE op_id = ?1 AND state = 'pending'"));
            const int rc = select.bind(result.opId).step();
            if (rc == SQLITE_ROW)
                rejected.append({ select.integer(0), i });
            else if (rc != SQLITE_DONE)
                return databaseError(QStringLiteral("Cannot read op %1").arg(result.opId));
        }
        for (const auto &[seq, index] : std::as_const(rejected)) {
            const sync::PushResult &result = response.results.at(index);
            const QString reason = result.message.isEmpty() ? result.code : result.message;
            const QString recordId = sent.at(index).recordId;
            if (auto setAside = setAsideCascade(seq, recordId, reason, &touched); !setAside)
                return setAside;
        }
        for (qsizetype i = 0; i < sent.size(); ++i) {
            const sync::PushResult &result = response.results.at(i);
            if (result.outcome == sync::PushOutcome::Rejected)
                continue;
            Result<Applied, Error> applied = Applied::Skipped;
            if (result.created > 0) {
                const auto change = createdChange(sent.at(i), result.created);
                if (!change) {
                    return mts::Error<Error> { Error::Database,
                        QStringLiteral("The outbox entry of op %1 is damaged.").arg(sent.at(i).opId) };
                }
                applied = applyCreatedAsSent(*change, sent.at(i), &touched);
            } else if (result.record && result.record->fieldsAsSent)
                applied = applyCreatedAsSent(*result.record, sent.at(i), &touched);
            else if (result.record)
                applied = applyChange(*result.record, &touched);
            if (!applied)
                return applied.error();
            // The op left the view's overlay: unless the returned state became the view, recompute it.
            if (applied.value() != Applied::View)
                touched.insert(sent.at(i).recordId);
        }
        for (const QString &id : std::as_const(touched)) {
            if (auto view = recomputeView(id); !view)
                return view;
        }
        return ok;
    });
}

Status<ReplicaStore::Error> ReplicaStore::setAside(const QString &opId, const QString &reason)
{
    return inTransaction([&]() -> Status<Error> {
        Sql select(prepared("SELECT seq, record_id FROM outbox WHERE op_id = ?1 AND state = 'pending'"));
        const int rc = select.bind(opId).step();
        if (rc == SQLITE_DONE)
            return mts::Error<Error> { Error::NotFound, QStringLiteral("No pending op %1.").arg(opId) };
        if (rc != SQLITE_ROW)
            return databaseError(QStringLiteral("Cannot read op %1").arg(opId));
        const qint64 seq = select.integer(0);
        const QString recordId = select.text(1);
        QSet<QString> touched;
        if (auto setAside = setAsideCascade(seq, recordId, reason, &touched); !setAside)
            return setAside;
        for (const QString &id : std::as_const(touched)) {
            if (auto view = recomputeView(id); !view)
                return view;
        }
        return ok;
    });
}

Status<ReplicaStore::Error> ReplicaStore::setAsideCascade(
    qint64 seq, const QString &recordId, const QString &reason, QSet<QString> *touched)
{
    {
        Sql mark(prepared("UPDATE outbox SET state = 'set_aside', reason = ?2, held_by = ?3 WHERE seq = ?1"));
        if (!mark.bind(seq).bind(reason).bind(recordId).run())
            return databaseError(QStringLiteral("Cannot set aside the change of record %1").arg(recordId));
    }
    // The record's later ops, then the records that refer to it (and those that refer to them): nothing built
    // on the refused change goes out before the cadre has fixed it.
    QStringList work { recordId };
    QSet<QString> seen { recordId };
    const RecordSchema &schema = RecordSchema::registry();
    while (!work.isEmpty()) {
        const QString id = work.takeFirst();
        touched->insert(id);
        {
            Sql mark(prepared("UPDATE outbox SET state = 'set_aside', reason = ?3, held_by = ?4"
                              " WHERE record_id = ?1 AND state = 'pending' AND seq > ?2"));
            if (!mark.bind(id).bind(seq).bind(heldBackReason(id, recordId)).bind(recordId).run())
                return databaseError(QStringLiteral("Cannot set aside the changes of record %1").arg(id));
        }
        QString kind;
        {
            Sql select(prepared("SELECT kind FROM records WHERE id = ?1 UNION ALL"
                                " SELECT kind FROM outbox WHERE record_id = ?1 LIMIT 1"));
            if (select.bind(id).step() == SQLITE_ROW)
                kind = select.text(0);
        }
        if (kind.isEmpty())
            continue;
        for (const QString &kindName : schema.kindNames()) {
            const auto referring = schema.kind(kindName);
            for (const RecordField &field : referring->fields) {
                if (field.type != FieldType::Reference || field.refKind != kind)
                    continue;
                Sql select(prepared("SELECT id FROM records WHERE kind = ?1 AND json_extract(fields, ?2) = ?3"));
                select.bind(kindName).bind(QString(QStringLiteral("$.") + field.name)).bind(id);
                int rc = SQLITE_ROW;
                while ((rc = select.step()) == SQLITE_ROW) {
                    const QString other = select.text(0);
                    if (!seen.contains(other)) {
                        seen.insert(other);
                        work.append(other);
                    }
                }
                if (rc != SQLITE_DONE)
                    return databaseError(QStringLiteral("Cannot find the records that refer to %1").arg(id));
            }
        }
    }
    return ok;
}

// --- Pull ---

Status<ReplicaStore::Error> ReplicaStore::writeBase(
    const sync::RecordChange &change, const QByteArray &fieldsJson, quint64 hash)
{
    Sql upsert(prepared("INSERT INTO base (id, kind, scope, bucket, version, fields, deleted, hlc, hash)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO UPDATE SET"
                        " kind = excluded.kind, scope = excluded.scope, bucket = excluded.bucket,"
                        " version = excluded.version, fields = excluded.fields, deleted = excluded.deleted,"
                        " hlc = excluded.hlc, hash = excluded.hash"));
    if (!upsert.bind(change.id)
             .bind(change.kind)
             .bind(change.scope)
             .bind(change.bucket)
             .bind(change.seq)
             .bindStatic(fieldsJson)
             .bind(change.deleted)
             .bind(change.hlc.toString())
             .bind(hashColumn(hash))
             .run())
        return databaseError(QStringLiteral("Cannot save the base of record %1").arg(change.id));
    sums(change.bucket).addHash(hash);
    m_clock->observe(change.hlc);
    return ok;
}

Result<ReplicaStore::Applied, ReplicaStore::Error> ReplicaStore::applyChange(
    const sync::RecordChange &change, QSet<QString> *touched, const PulledRow *ready)
{
    struct Known {
        QString bucket;
        qint64 version = 0;
        QString hlc;
        quint64 hash = 0;
    };
    std::optional<Known> known;
    {
        Sql select(prepared("SELECT bucket, version, hlc, hash FROM base WHERE id = ?1"));
        const int rc = select.bind(change.id).step();
        if (rc == SQLITE_ROW)
            known = Known { select.text(0), select.integer(1), select.text(2), quint64(select.integer(3)) };
        else if (rc != SQLITE_DONE)
            return databaseError(QStringLiteral("Cannot read the base of record %1").arg(change.id));
    }
    const auto pending = hasPendingOps(change.id);
    if (!pending)
        return pending.error();
    const bool hasOps = pending.value();

    if (change.left) {
        // Dropped only while the base still sits in that bucket, and is not newer there than the departure.
        if (!known || known->bucket != change.bucket || known->version > change.seq)
            return Applied::Skipped;
        Sql drop(prepared("DELETE FROM base WHERE id = ?1"));
        if (!drop.bind(change.id).run())
            return databaseError(QStringLiteral("Cannot drop the base of record %1").arg(change.id));
        sums(known->bucket).removeHash(known->hash);
        if (hasOps) {
            touched->insert(change.id);
            return Applied::Base;
        }
        if (auto dropped = dropView(change.id); !dropped)
            return dropped.error();
        return Applied::View;
    }

    if (known) {
        // Versions are sequence numbers of one bucket: comparable only there. Across buckets (a move) the
        // record's highest stamp orders the two states.
        if (known->bucket == change.bucket ? change.seq <= known->version
                                           : change.hlc < HlcStamp::parse(known->hlc).value_or(HlcStamp()))
            return Applied::Skipped;
    }

    // The sealed JSON is made once and written as is to the base and, without local ops, to the view.
    const auto pulled = pulledRow(change, ready);
    if (!pulled)
        return pulled.error();
    const QByteArray &fieldsJson = pulled.value().fieldsJson;
    const quint64 hash = pulled.value().hash;
    if (auto written = writeBase(change, fieldsJson, hash); !written)
        return written.error();
    if (known)
        sums(known->bucket).removeHash(known->hash);

    if (hasOps) {
        touched->insert(change.id);
        return Applied::Base;
    }
    // No local op on top: the view is the base, written from the bytes already made.
    const auto ftsRow = indexText(change.id, change.kind, pulled.value().searchText, known.has_value());
    if (!ftsRow)
        return ftsRow.error();
    Sql upsert(prepared("INSERT INTO records (id, kind, scope, fields, deleted, updated_at, bucket, fts_rowid,"
                        " sort_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO UPDATE SET"
                        " kind = excluded.kind, scope = excluded.scope, fields = excluded.fields,"
                        " deleted = excluded.deleted, updated_at = excluded.updated_at, bucket = excluded.bucket,"
                        " fts_rowid = excluded.fts_rowid, sort_key = excluded.sort_key"));
    upsert.bind(change.id)
        .bind(change.kind)
        .bind(change.scope)
        .bindStatic(fieldsJson)
        .bind(change.deleted)
        .bind(m_transactionTime)
        .bind(change.bucket)
        .bind(ftsRow.value());
    if (pulled.value().sortKey.isEmpty())
        upsert.bindNull();
    else
        upsert.bindStatic(pulled.value().sortKey);
    if (!upsert.run())
        return databaseError(QStringLiteral("Cannot save record %1").arg(change.id));
    return Applied::View;
}

QJsonObject ReplicaStore::createdState(const QString &kind, QJsonObject fields)
{
    if (const auto recordKind = RecordSchema::registry().kind(kind); recordKind && recordKind->workflow)
        fields.insert(recordKind->workflow->field, recordKind->workflow->initial);
    return fields;
}

Result<ReplicaStore::Applied, ReplicaStore::Error> ReplicaStore::applyCreatedAsSent(
    const sync::RecordChange &change, const OutgoingOp &create, QSet<QString> *touched)
{
    // Most acknowledged creates: no base yet and no other pending op, so the view shows exactly this state
    // already (sealed, indexed), and its stored bytes become the base as they are. One probe tells. (An
    // INSERT … SELECT doing both was three times slower: perf showed it writing to a file inside the statement.)
    // Not when a later op of the record was refused in this very answer (it is in `touched`, set aside): the view
    // still shows that op until it is recomputed, and its bytes would become a base the server never had.
    std::optional<QByteArray> viewFields;
    if (!touched->contains(change.id)) {
        Sql select(prepared("SELECT fields FROM records WHERE id = ?1 AND kind = ?2 AND scope = ?3 AND deleted = ?4"
                            " AND bucket = ?5 AND NOT EXISTS (SELECT 1 FROM base WHERE id = ?1)"
                            " AND NOT EXISTS (SELECT 1 FROM outbox WHERE record_id = ?1 AND state = 'pending')"));
        const int rc = select.bind(change.id)
                           .bind(change.kind)
                           .bind(change.scope)
                           .bind(change.deleted)
                           .bind(change.bucket)
                           .step();
        if (rc == SQLITE_ROW)
            viewFields = select.blob(0);
        else if (rc != SQLITE_DONE)
            return databaseError(QStringLiteral("Cannot read record %1").arg(change.id));
    }
    // The hash of a create written by this build was computed then: nothing to open or encode again.
    if (viewFields && !create.createdHash.isEmpty() && !change.deleted) {
        const quint64 hash = BucketChecksum::recordHashOfContent(change.id, change.seq, create.createdHash);
        if (auto written = writeBase(change, *viewFields, hash); !written)
            return written.error();
        return Applied::View;
    }

    // Otherwise the state is made from the fields the create sent.
    const auto op = create.op();
    if (!op)
        return mts::Error<Error> { Error::Database, QStringLiteral("Outbox entry %1 is damaged.").arg(create.seq) };
    sync::RecordChange full = change;
    full.fieldsAsSent = false;
    full.fields = createdState(change.kind, op->set);
    if (viewFields) {
        const quint64 hash = BucketChecksum::recordHash(change.id, change.seq, full.fields, change.deleted);
        if (auto written = writeBase(change, *viewFields, hash); !written)
            return written.error();
        return Applied::View;
    }
    return applyChange(full, touched);
}

Result<ReplicaStore::PulledRow, ReplicaStore::Error> ReplicaStore::pulledRow(
    const sync::RecordChange &change, const PulledRow *ready) const
{
    if (ready)
        return *ready;
    return encodePulled(*m_sealer, change, rules(change.kind));
}

ReplicaStore::PagePreparer ReplicaStore::pagePreparer() const
{
    // Its own sealer (a sealer's nonce pool is not shared between threads) and its own copy of the rules.
    struct Preparer {
        std::shared_ptr<const FieldSealer> sealer;
        QHash<QString, std::shared_ptr<const KindRules>> rules;
    };
    auto preparer = std::make_shared<Preparer>(Preparer { m_sealer->twin(), m_kindRules });
    return [preparer](const sync::PullResponse &page) {
        PreparedPage prepared;
        prepared.reserve(page.changes.size());
        for (const sync::RecordChange &change : page.changes) {
            if (change.left) {
                prepared.append(std::nullopt);
                continue;
            }
            auto rules = preparer->rules.constFind(change.kind);
            if (rules == preparer->rules.cend())
                rules = preparer->rules.insert(change.kind, KindRules::of(change.kind));
            auto row = encodePulled(*preparer->sealer, change, **rules);
            prepared.append(row ? std::optional<PulledRow>(std::move(row.value())) : std::nullopt);
        }
        return prepared;
    };
}

Status<ReplicaStore::Error> ReplicaStore::applyPullPage(
    const sync::PullResponse &page, const QString &rebuilding, const PreparedPage &readyRows)
{
    return inTransaction([&]() -> Status<Error> {
        QSet<QString> touched;
        for (qsizetype i = 0; i < page.changes.size(); ++i) {
            const sync::RecordChange &change = page.changes.at(i);
            const PulledRow *row = i < readyRows.size() && readyRows.at(i) ? &*readyRows.at(i) : nullptr;
            if (!rebuilding.isEmpty() && change.bucket == rebuilding) {
                if (auto staged = stageShadow(change, row); !staged)
                    return staged;
            } else if (auto applied = applyChange(change, &touched, row); !applied) {
                return applied.error();
            }
        }
        for (auto it = page.positions.cbegin(); it != page.positions.cend(); ++it) {
            if (it.key() == rebuilding) {
                if (auto saved = setMeta(metaShadowPosition, QByteArray::number(it.value())); !saved)
                    return saved;
                continue;
            }
            Sql upsert(prepared("INSERT INTO buckets (bucket, position) VALUES (?1, ?2)"
                                " ON CONFLICT (bucket) DO UPDATE SET position = excluded.position"));
            if (!upsert.bind(it.key()).bind(it.value()).run())
                return databaseError(QStringLiteral("Cannot save the position of %1").arg(it.key()));
        }
        QSet<QString> readable;
        for (const sync::BucketHead &head : page.buckets) {
            readable.insert(head.bucket);
            Sql upsert(prepared("INSERT INTO buckets (bucket, server_seq, server_checksum) VALUES (?1, ?2, ?3)"
                                " ON CONFLICT (bucket) DO UPDATE SET server_seq = excluded.server_seq,"
                                " server_checksum = excluded.server_checksum"));
            if (!upsert.bind(head.bucket).bind(head.seq).bind(head.checksum.toString()).run())
                return databaseError(QStringLiteral("Cannot save the head of %1").arg(head.bucket));
        }
        // Buckets the token may no longer read (a cadre moved, two communes merged, a role changed).
        QStringList held;
        {
            // Every bucket with a base row has a row here (its checksum), so this is all the replica holds.
            Sql select(prepared("SELECT bucket FROM buckets"));
            int rc = SQLITE_ROW;
            while ((rc = select.step()) == SQLITE_ROW)
                held.append(select.text(0));
            if (rc != SQLITE_DONE)
                return databaseError(QStringLiteral("Cannot read the buckets"));
        }
        for (const QString &bucket : std::as_const(held)) {
            if (!readable.contains(bucket)) {
                if (auto purged = purgeBucket(bucket, &touched); !purged)
                    return purged;
            }
        }
        for (const QString &id : std::as_const(touched)) {
            if (auto view = recomputeView(id); !view)
                return view;
        }
        return ok;
    });
}

Status<ReplicaStore::Error> ReplicaStore::purgeBucket(const QString &bucket, QSet<QString> *touched)
{
    qCInfo(lcReplica) << "purging bucket" << bucket << "(no longer readable)";
    QStringList ids;
    {
        Sql select(prepared("SELECT id FROM base WHERE bucket = ?1 UNION SELECT id FROM records WHERE bucket = ?1"));
        select.bind(bucket);
        int rc = SQLITE_ROW;
        while ((rc = select.step()) == SQLITE_ROW)
            ids.append(select.text(0));
        if (rc != SQLITE_DONE)
            return databaseError(QStringLiteral("Cannot read bucket %1").arg(bucket));
    }
    const QString reason
        = translated("You can no longer read %1 (your rights or your unit changed): this change was not sent.")
              .arg(bucket);
    for (const QString &id : std::as_const(ids)) {
        {
            Sql mark(prepared("UPDATE outbox SET state = 'set_aside', reason = ?2, held_by = ''"
                              " WHERE record_id = ?1 AND state = 'pending'"));
            if (!mark.bind(id).bind(reason).run())
                return databaseError(QStringLiteral("Cannot set aside the changes of record %1").arg(id));
        }
        if (auto dropped = dropView(id); !dropped)
            return dropped;
        touched->remove(id);
    }
    Sql dropBase(prepared("DELETE FROM base WHERE bucket = ?1"));
    Sql dropBucket(prepared("DELETE FROM buckets WHERE bucket = ?1"));
    if (!dropBase.bind(bucket).run() || !dropBucket.bind(bucket).run())
        return databaseError(QStringLiteral("Cannot purge bucket %1").arg(bucket));
    m_sums.remove(bucket);
    m_dirtySums.remove(bucket);
    return ok;
}

Result<QMap<QString, qint64>, ReplicaStore::Error> ReplicaStore::bucketPositions()
{
    if (!m_db)
        return notOpen();
    QMap<QString, qint64> positions;
    Sql select(prepared("SELECT bucket, position FROM buckets"));
    int rc = SQLITE_ROW;
    while ((rc = select.step()) == SQLITE_ROW)
        positions.insert(select.text(0), select.integer(1));
    if (rc != SQLITE_DONE)
        return databaseError(QStringLiteral("Cannot read the bucket positions"));
    return positions;
}

Result<QList<ReplicaBucket>, ReplicaStore::Error> ReplicaStore::buckets()
{
    if (!m_db)
        return notOpen();
    QList<ReplicaBucket> list;
    Sql select(prepared("SELECT bucket, position, count, sum, server_seq, server_checksum, rebuilt_at_seq"
                        " FROM buckets ORDER BY bucket"));
    int rc = SQLITE_ROW;
    while ((rc = select.step()) == SQLITE_ROW) {
        ReplicaBucket bucket;
        bucket.bucket = select.text(0);
        bucket.position = select.integer(1);
        bucket.local = BucketChecksum { quint64(select.integer(2)), quint64(select.integer(3)) };
        bucket.serverSeq = select.isNull(4) ? -1 : select.integer(4);
        if (!select.isNull(5))
            bucket.serverChecksum = BucketChecksum::parse(select.text(5));
        bucket.rebuiltAtSeq = select.isNull(6) ? -1 : select.integer(6);
        list.append(bucket);
    }
    if (rc != SQLITE_DONE)
        return databaseError(QStringLiteral("Cannot read the buckets"));
    return list;
}

Result<BucketChecksum, ReplicaStore::Error> ReplicaStore::bucketChecksum(const QString &bucket)
{
    BucketChecksum checksum;
    auto saved = inTransaction([&]() -> Status<Error> {
        Sql select(prepared("SELECT hash FROM base WHERE bucket = ?1"));
        select.bind(bucket);
        int rc = SQLITE_ROW;
        // Wrapping unsigned arithmetic: SQLite's sum() would overflow into an error.
        while ((rc = select.step()) == SQLITE_ROW)
            checksum.addHash(quint64(select.integer(0)));
        if (rc != SQLITE_DONE)
            return databaseError(QStringLiteral("Cannot read bucket %1").arg(bucket));
        Sql exists(prepared("SELECT 1 FROM buckets WHERE bucket = ?1"));
        if (exists.bind(bucket).step() == SQLITE_ROW || !checksum.isEmpty())
            sums(bucket) = checksum;
        return ok;
    });
    if (!saved)
        return saved.error();
    return checksum;
}

// --- Rebuild ---

Status<ReplicaStore::Error> ReplicaStore::beginBucketRebuild(const QString &bucket)
{
    if (!sync::BucketId::parse(bucket))
        return mts::Error<Error> { Error::InvalidArgument, QStringLiteral("Not a bucket: %1").arg(bucket) };
    return inTransaction([&]() -> Status<Error> {
        if (auto created = exec(shadowSchema); !created)
            return created;
        if (auto saved = setMeta(metaShadowBucket, bucket.toUtf8()); !saved)
            return saved;
        return setMeta(metaShadowPosition, "0");
    });
}

Status<ReplicaStore::Error> ReplicaStore::stageShadow(const sync::RecordChange &change, const PulledRow *ready)
{
    qint64 version = -1;
    {
        Sql select(prepared("SELECT version FROM base_shadow WHERE id = ?1"));
        const int rc = select.bind(change.id).step();
        if (rc == SQLITE_ROW)
            version = select.integer(0);
        else if (rc != SQLITE_DONE)
            return databaseError(QStringLiteral("Cannot read the shadow of record %1").arg(change.id));
    }
    if (change.left) {
        if (version < 0 || version > change.seq)
            return ok;
        Sql drop(prepared("DELETE FROM base_shadow WHERE id = ?1"));
        if (!drop.bind(change.id).run())
            return databaseError(QStringLiteral("Cannot drop the shadow of record %1").arg(change.id));
        return ok;
    }
    if (version >= change.seq)
        return ok;
    const auto pulled = pulledRow(change, ready);
    if (!pulled)
        return pulled.error();
    const quint64 hash = pulled.value().hash;
    Sql upsert(prepared("INSERT OR REPLACE INTO base_shadow (id, kind, scope, version, fields, deleted, hlc, hash)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
    if (!upsert.bind(change.id)
             .bind(change.kind)
             .bind(change.scope)
             .bind(change.seq)
             .bindStatic(pulled.value().fieldsJson)
             .bind(change.deleted)
             .bind(change.hlc.toString())
             .bind(hashColumn(hash))
             .run())
        return databaseError(QStringLiteral("Cannot save the shadow of record %1").arg(change.id));
    m_clock->observe(change.hlc);
    return ok;
}

Status<ReplicaStore::Error> ReplicaStore::finishBucketRebuild(const QString &bucket, qint64 headSeq)
{
    return inTransaction([&]() -> Status<Error> {
        if (meta(metaShadowBucket).value_or(QByteArray()) != bucket.toUtf8()) {
            return mts::Error<Error> { Error::InvalidArgument,
                QStringLiteral("No rebuild of %1 was started.").arg(bucket) };
        }
        const qint64 position = meta(metaShadowPosition).value_or(QByteArray("0")).toLongLong();
        QSet<QString> ids;
        {
            Sql select(prepared("SELECT id FROM base WHERE bucket = ?1"));
            select.bind(bucket);
            while (select.step() == SQLITE_ROW)
                ids.insert(select.text(0));
        }
        {
            Sql drop(prepared("DELETE FROM base WHERE bucket = ?1"));
            if (!drop.bind(bucket).run())
                return databaseError(QStringLiteral("Cannot rebuild %1").arg(bucket));
        }
        BucketChecksum rebuilt;
        {
            // Shadow rows whose record sits in another bucket with a higher stamp stay out (it moved there).
            Sql select(prepared("SELECT s.id, s.hash, b.bucket, b.hlc, b.hash, s.hlc FROM base_shadow AS s"
                                " LEFT JOIN base AS b ON b.id = s.id"));
            QList<std::pair<QString, QString>> displaced;
            QStringList keep;
            int rc = SQLITE_ROW;
            while ((rc = select.step()) == SQLITE_ROW) {
                const QString id = select.text(0);
                if (!select.isNull(2)) {
                    if (select.text(5) < select.text(3))
                        continue;
                    sums(select.text(2)).removeHash(quint64(select.integer(4)));
                }
                rebuilt.addHash(quint64(select.integer(1)));
                keep.append(id);
            }
            if (rc != SQLITE_DONE)
                return databaseError(QStringLiteral("Cannot read the shadow of %1").arg(bucket));
            for (const QString &id : std::as_const(keep)) {
                Sql copy(prepared("INSERT OR REPLACE INTO base (id, kind, scope, bucket, version, fields, deleted,"
                                  " hlc, hash) SELECT id, kind, scope, ?2, version, fields, deleted, hlc, hash"
                                  " FROM base_shadow WHERE id = ?1"));
                if (!copy.bind(id).bind(bucket).run())
                    return databaseError(QStringLiteral("Cannot rebuild %1").arg(bucket));
                ids.insert(id);
            }
        }
        sums(bucket) = rebuilt;
        for (const QString &id : std::as_const(ids)) {
            if (auto view = recomputeView(id); !view)
                return view;
        }
        Sql update(prepared("UPDATE buckets SET position = ?2, rebuilt_at_seq = ?3 WHERE bucket = ?1"));
        if (!update.bind(bucket).bind(position).bind(headSeq).run())
            return databaseError(QStringLiteral("Cannot rebuild %1").arg(bucket));
        if (auto dropped = exec("DROP TABLE base_shadow; DELETE FROM meta WHERE key IN ('shadow_bucket',"
                                " 'shadow_position')");
            !dropped)
            return dropped;
        return ok;
    });
}

Status<ReplicaStore::Error> ReplicaStore::rebuildBucket(
    const QString &bucket, const QList<sync::RecordChange> &changes, qint64 position, qint64 headSeq)
{
    if (auto begun = beginBucketRebuild(bucket); !begun)
        return begun;
    // Staged without touching the readable set: only the shadow and its position change.
    auto staged = inTransaction([&]() -> Status<Error> {
        for (const sync::RecordChange &change : changes) {
            if (change.bucket != bucket)
                continue;
            if (auto done = stageShadow(change, nullptr); !done)
                return done;
        }
        return setMeta(metaShadowPosition, QByteArray::number(position));
    });
    if (!staged)
        return staged;
    return finishBucketRebuild(bucket, headSeq);
}

// --- Set aside ---

Result<QList<SetAsideOp>, ReplicaStore::Error> ReplicaStore::setAsideOps()
{
    if (!m_db)
        return notOpen();
    QList<SetAsideOp> list;
    Sql select(prepared("SELECT seq, payload, reason, held_by FROM outbox WHERE state = 'set_aside' ORDER BY seq"));
    int rc = SQLITE_ROW;
    while ((rc = select.step()) == SQLITE_ROW) {
        const qint64 seq = select.integer(0);
        auto op = parseOp(select.blob(1));
        if (!op)
            return mts::Error<Error> { Error::Database, QStringLiteral("Outbox entry %1 is damaged.").arg(seq) };
        auto opened = openOp(*op);
        if (!opened)
            return opened.error();
        list.append(SetAsideOp { seq, std::move(opened).value(), select.text(2), select.text(3) });
    }
    if (rc != SQLITE_DONE)
        return databaseError(QStringLiteral("Cannot read the set-aside changes"));
    return list;
}

Result<QString, ReplicaStore::Error> ReplicaStore::resendSetAside(const QString &recordId, const QJsonObject &fixed)
{
    QString mergedId;
    auto done = inTransaction([&]() -> Status<Error> {
        // The record itself with the fixes, then every record held back only because of it.
        QStringList records { recordId };
        {
            Sql select(prepared("SELECT DISTINCT record_id FROM outbox WHERE state = 'set_aside' AND held_by = ?1"
                                " AND record_id <> ?1 ORDER BY seq"));
            select.bind(recordId);
            while (select.step() == SQLITE_ROW)
                records.append(select.text(0));
        }
        for (const QString &id : std::as_const(records)) {
            auto rows = outboxOf(id, "set_aside");
            if (!rows)
                return rows.error();
            if (rows.value().isEmpty()) {
                if (id == recordId)
                    return mts::Error<Error> { Error::NotFound,
                        QStringLiteral("Nothing of record %1 is set aside.").arg(recordId) };
                continue;
            }
            auto base = readBase(id);
            if (!base)
                return base.error();

            // One op carrying every value the set-aside creates and updates set, then the fixes; the other
            // kinds of op keep their meaning and follow it as new ops.
            const SyncOp &first = rows.value().first().op;
            SyncOp merged;
            merged.type
                = first.type == SyncOp::Type::Create && !base.value() ? SyncOp::Type::Create : SyncOp::Type::Update;
            merged.recordId = id;
            merged.kind = first.kind;
            merged.scope = first.type == SyncOp::Type::Move ? first.moveFrom : first.scope;
            QList<SyncOp> following;
            for (const OutboxRow &row : rows.value()) {
                if (row.op.type == SyncOp::Type::Create || row.op.type == SyncOp::Type::Update) {
                    for (auto it = row.op.set.begin(); it != row.op.set.end(); ++it)
                        merged.set.insert(it.key(), it.value());
                } else {
                    following.append(row.op);
                }
            }
            if (id == recordId) {
                auto sealedFixes = sealFields(id, merged.kind, fixed, true);
                if (!sealedFixes)
                    return sealedFixes.error();
                for (auto it = sealedFixes.value().begin(); it != sealedFixes.value().end(); ++it)
                    merged.set.insert(it.key(), it.value());
            }
            Sql drop(prepared("DELETE FROM outbox WHERE record_id = ?1 AND state = 'set_aside'"));
            if (!drop.bind(id).run())
                return databaseError(QStringLiteral("Cannot resend the changes of record %1").arg(id));

            QList<SyncOp> queue;
            if (merged.type == SyncOp::Type::Create || !merged.set.isEmpty())
                queue.append(merged);
            queue.append(following);
            for (SyncOp op : std::as_const(queue)) {
                op.opId = createUuid7();
                op.hlc = m_clock->now();
                op.schemaVersion = RecordSchema::registry().version();
                if (id == recordId && mergedId.isEmpty())
                    mergedId = op.opId;
                Sql insert(prepared("INSERT INTO outbox (op_id, record_id, kind, type, payload, created_at, state)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending')"));
                if (!insert.bind(op.opId)
                         .bind(op.recordId)
                         .bind(op.kind)
                         .bind(SyncOp::typeName(op.type))
                         .bind(op.encode())
                         .bind(QDateTime::currentMSecsSinceEpoch())
                         .run())
                    return databaseError(QStringLiteral("Cannot resend the changes of record %1").arg(id));
            }
            if (auto view = recomputeView(id); !view)
                return view;
        }
        return ok;
    });
    if (!done)
        return done.error();
    return mergedId;
}

Result<QJsonArray, ReplicaStore::Error> ReplicaStore::exportSetAside()
{
    auto ops = setAsideOps();
    if (!ops)
        return ops.error();
    QJsonArray array;
    for (const SetAsideOp &entry : ops.value()) {
        array.append(QJsonObject { { QStringLiteral("op"), entry.op.toJson() },
            { QStringLiteral("reason"), entry.reason }, { QStringLiteral("held_by"), entry.heldBy } });
    }
    return array;
}

// --- Clock ---

Status<ReplicaStore::Error> ReplicaStore::adoptClockOffset(qint64 serverTimeMs)
{
    if (!m_db)
        return notOpen();
    const qint64 wall = m_wallMillis ? m_wallMillis() : QDateTime::currentMSecsSinceEpoch();
    const qint64 offset = serverTimeMs - wall;
    const qint64 previousOffset = m_clockOffset;
    const HlcStamp previousLast = m_clock->last();
    const QString device = m_clock->device();
    auto done = inTransaction([&]() -> Status<Error> {
        m_clockOffset = offset;
        if (auto saved = setMeta(metaClockOffset, QByteArray::number(offset)); !saved)
            return saved;
        // A fresh clock: the old one may have run ahead with the wrong wall time and never goes back.
        m_clock = std::make_unique<HybridLogicalClock>(device,
            [this] { return (m_wallMillis ? m_wallMillis() : QDateTime::currentMSecsSinceEpoch()) + m_clockOffset; });
        {
            Sql select(prepared("SELECT max(hlc) FROM base"));
            if (select.step() == SQLITE_ROW && !select.isNull(0)) {
                if (const auto stamp = HlcStamp::parse(select.text(0)))
                    m_clock->observe(*stamp);
            }
        }
        // From the first op the server cannot have accepted (stamped beyond its tolerance) onwards, every
        // pending op is stamped anew, in order; the ones before keep theirs and the clock stays above them.
        QList<std::pair<qint64, SyncOp>> ops;
        {
            Sql select(prepared("SELECT seq, payload FROM outbox WHERE state = 'pending' ORDER BY seq"));
            int rc = SQLITE_ROW;
            while ((rc = select.step()) == SQLITE_ROW) {
                auto op = parseOp(select.blob(1));
                if (!op)
                    return mts::Error<Error> { Error::Database,
                        QStringLiteral("Outbox entry %1 is damaged.").arg(select.integer(0)) };
                ops.append({ select.integer(0), std::move(*op) });
            }
            if (rc != SQLITE_DONE)
                return databaseError(QStringLiteral("Cannot read the outbox"));
        }
        bool restamp = false;
        for (auto &[seq, op] : ops) {
            restamp = restamp || op.hlc.millis > serverTimeMs + sync::maxClockAheadMillis / 2;
            if (!restamp) {
                m_clock->observe(op.hlc);
                continue;
            }
            op.hlc = m_clock->now();
            Sql update(prepared("UPDATE outbox SET payload = ?2 WHERE seq = ?1"));
            if (!update.bind(seq).bind(op.encode()).run())
                return databaseError(QStringLiteral("Cannot re-stamp outbox entry %1").arg(seq));
        }
        return ok;
    });
    if (!done) {
        m_clockOffset = previousOffset;
        m_clock = std::make_unique<HybridLogicalClock>(device,
            [this] { return (m_wallMillis ? m_wallMillis() : QDateTime::currentMSecsSinceEpoch()) + m_clockOffset; });
        m_clock->restore(previousLast);
    }
    return done;
}

// --- Meta, state ---

Status<ReplicaStore::Error> ReplicaStore::setLastSync(qint64 atMillis, const QString &error)
{
    return inTransaction([&]() -> Status<Error> {
        if (auto saved = setMeta(metaLastSyncAt, QByteArray::number(atMillis)); !saved)
            return saved;
        return setMeta(metaLastError, error.toUtf8());
    });
}

qint64 ReplicaStore::lastSyncAt()
{
    if (!m_db)
        return 0;
    return meta(metaLastSyncAt).value_or(QByteArray("0")).toLongLong();
}

QString ReplicaStore::lastSyncError()
{
    if (!m_db)
        return {};
    return QString::fromUtf8(meta(metaLastError).value_or(QByteArray()));
}

Status<ReplicaStore::Error> ReplicaStore::setUnits(
    const QList<UnitInfo> &units, qint64 fetchedAtMillis, const QString &forUnit)
{
    return inTransaction([&]() -> Status<Error> {
        if (auto saved = setMeta(metaUnits, UnitInfo::listToJson(units)); !saved)
            return saved;
        if (auto saved = setMeta(metaUnitsFor, forUnit.toUtf8()); !saved)
            return saved;
        return setMeta(metaUnitsFetchedAt, QByteArray::number(fetchedAtMillis));
    });
}

Result<QList<UnitInfo>, ReplicaStore::Error> ReplicaStore::units()
{
    if (!m_db)
        return notOpen();
    const auto stored = meta(metaUnits);
    if (!stored)
        return QList<UnitInfo> {};
    auto units = UnitInfo::listFromJson(*stored);
    if (!units)
        return mts::Error<Error> { Error::Database, QStringLiteral("The kept list of units is damaged.") };
    return std::move(*units);
}

qint64 ReplicaStore::unitsFetchedAt()
{
    if (!m_db)
        return 0;
    return meta(metaUnitsFetchedAt).value_or(QByteArray("0")).toLongLong();
}

QString ReplicaStore::unitsFor()
{
    if (!m_db)
        return {};
    return QString::fromUtf8(meta(metaUnitsFor).value_or(QByteArray()));
}

Result<QByteArray, ReplicaStore::Error> ReplicaStore::stateHash()
{
    if (!m_db)
        return notOpen();
    QByteArray hashes;
    Sql select(prepared("SELECT id, version, fields, deleted FROM base ORDER BY id"));
    int rc = SQLITE_ROW;
    while ((rc = select.step()) == SQLITE_ROW) {
        const QString id = select.text(0);
        const auto sealed = parseObject(select.blob(2));
        if (!sealed)
            return mts::Error<Error> { Error::Database, QStringLiteral("The base of record %1 is damaged.").arg(id) };
        auto fields = openFields(id, *sealed);
        if (!fields)
            return fields.error();
        char bytes[8];
        qToLittleEndian(
            BucketChecksum::recordHash(id, select.integer(1), fields.value(), select.integer(3) != 0), bytes);
        hashes.append(bytes, 8);
    }
    if (rc != SQLITE_DONE)
        return databaseError(QStringLiteral("Cannot read the base"));
    return crypto::blake2b(hashes, 32).toHex();
}

int ReplicaStore::backgroundCheckpoints() const
{
    return m_checkpointer ? m_checkpointer->completed() : 0;
}

Status<ReplicaStore::Error> ReplicaStore::checkpoint()
{
    if (!m_db)
        return notOpen();
    if (sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr) != SQLITE_OK)
        return databaseError(QStringLiteral("Cannot checkpoint the replica"));
    return ok;
}

} // namespace mts
