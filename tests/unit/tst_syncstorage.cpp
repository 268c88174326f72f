// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/auditkeys.h"
#include "server/core/blobservice.h"
#include "server/core/postgressyncstorage.h"
#include "server/core/serverdatabase.h"
#include "server/core/sqlitesyncstorage.h"
#include "server/core/syncaudit.h"
#include "server/core/syncservice.h"
#include "shared/crypto.h"
#include "shared/uuid7.h"
#include "tests/support/postgresfixture.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <memory>
#include <thread>
#include <vector>

using mts::AuditCheckpoint;
using mts::AuditKeys;
using mts::BucketChecksum;
using mts::BucketState;
using mts::ChangeRow;
using mts::ConflictRow;
using mts::HlcStamp;
using mts::PostgresSyncStorage;
using mts::SqliteSyncStorage;
using mts::StoredOp;
using mts::StoredRecord;
using mts::SyncAudit;
using mts::SyncStorage;
using mts::SyncWriteSet;
using mts::sync::PushOutcome;
using mts::sync::RecordChange;

namespace {

using StorageError = SyncStorage::Error;
using Status = mts::Status<StorageError>;

const QString bucketA = QStringLiteral("C:00070/registries");
const QString bucketB = QStringLiteral("C:00071/registries");
const QString bucketC = QStringLiteral("P:01/feedback");
const QString bucketD = QStringLiteral("national/library");

/// The storage of one data row: SQLite on a temporary file, or PostgreSQL on a fresh fixture database.
struct Backend {
    explicit Backend(const QString &name)
        : name(name)
    {
        if (name == QLatin1String("sqlite")) {
            location = dir.filePath(QStringLiteral("sync.sqlite"));
        } else {
            postgres = std::make_unique<mts::test::PostgresFixture>();
            location = postgres->url();
            error = postgres->errorString();
        }
    }

    std::unique_ptr<SyncStorage> create() const
    {
        if (name == QLatin1String("sqlite"))
            return std::make_unique<SqliteSyncStorage>(location);
        return std::make_unique<PostgresSyncStorage>(location);
    }

    QString name;
    QTemporaryDir dir;
    std::unique_ptr<mts::test::PostgresFixture> postgres;
    QString location;
    QString error;
};

void addBackendRows()
{
    QTest::addColumn<QString>("backendName");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

QString describe(StorageError code)
{
    switch (code) {
    case StorageError::Unavailable:
        return QStringLiteral("Unavailable");
    case StorageError::Busy:
        return QStringLiteral("Busy");
    case StorageError::Failed:
        return QStringLiteral("Failed");
    }
    return {};
}

QByteArray bytes(const QByteArray &seed, int size = 32)
{
    QByteArray out = QCryptographicHash::hash(seed, QCryptographicHash::Blake2b_512).left(size);
    // Bytes that need escaping in every text form: NUL, backslash, quote.
    if (size >= 4) {
        out[0] = '\0';
        out[1] = '\\';
        out[2] = '"';
        out[3] = '\'';
    }
    return out;
}

QString stamp(qint64 millis, quint16 counter, const QString &device)
{
    return HlcStamp { millis, counter, device }.toString();
}

QString recordId(int n)
{
    return QStringLiteral("0190a1b2-c3d4-7e5f-8a9b-%1").arg(n, 12, 10, QLatin1Char('0'));
}

StoredRecord makeRecord(int n, const QString &bucket, const QString &scope, const QString &kind)
{
    StoredRecord record;
    record.id = recordId(n);
    record.kind = kind;
    record.scope = scope;
    record.bucket = bucket;
    record.fields = QJsonObject { { QStringLiteral("ho_ten"), QStringLiteral("Nguyễn Văn %1").arg(n) },
        { QStringLiteral("n"), n } };
    record.stamps = QJsonObject { { QStringLiteral("ho_ten"), stamp(1751234567000 + n, 1, QStringLiteral("dev-1")) },
        { QStringLiteral("n"), stamp(1751234567000 + n, 2, QStringLiteral("dev-1")) } };
    record.baseStamp = stamp(1751234567000 + n, 0, QStringLiteral("dev-1"));
    record.updatedBy = QStringLiteral("user-1");
    record.updatedAt = 1751234567890 + n;
    return record;
}

// What a client receives of changes read for pull: fields the storage hands over as stored text arrive parsed.
template <typename R>
R received(R read)
{
    if (!read)
        return read;
    QList<RecordChange> changes = std::move(read).value();
    for (RecordChange &change : changes) {
        if (!change.fieldsJson.isEmpty()) {
            change.fields = QJsonDocument::fromJson(change.fieldsJson).object();
            change.fieldsJson.clear();
        }
    }
    return changes;
}

RecordChange departure(const QString &bucket, qint64 seq, const QString &id)
{
    RecordChange change;
    change.bucket = bucket;
    change.seq = seq;
    change.id = id;
    change.left = true;
    return change;
}

QByteArray nextChain(const QByteArray &chain, qint64 seq)
{
    return QCryptographicHash::hash(QByteArray(chain + QByteArray::number(seq)), QCryptographicHash::Blake2b_256);
}

/// Stores one change of `record` in its own transaction, as the service does: locks the buckets, allocates the next
/// sequence numbers under the lock, keeps checksums and the audit's chains (so SyncAudit can check what it wrote).
/// With `leftBucket`, the record moves out of it. Returns the record as stored (with its version).
mts::Result<StoredRecord, StorageError> put(SyncStorage &storage, StoredRecord record, const QString &leftBucket = {})
{
    auto begun = storage.beginWrite();
    if (!begun)
        return begun.error();
    const auto transaction = std::move(begun).value();
    QStringList buckets { record.bucket };
    if (!leftBucket.isEmpty())
        buckets.append(leftBucket);
    auto locked = transaction->lockBuckets(buckets);
    if (!locked)
        return locked.error();
    QHash<QString, BucketState> heads;
    for (const BucketState &head : locked.value())
        heads.insert(head.bucket, head);
    auto loaded = transaction->loadRecords({ record.id });
    if (!loaded)
        return loaded.error();
    const std::optional<StoredRecord> old
        = loaded.value().contains(record.id) ? std::optional(loaded.value().value(record.id)) : std::nullopt;
    const qint64 now = 1751234567890;
    SyncWriteSet writes;
    if (old)
        heads[old->bucket].checksum.remove(old->id, old->version, old->fields, old->deleted);
    if (!leftBucket.isEmpty()) {
        BucketState &from = heads[leftBucket];
        from.seq += 1;
        from.chain = SyncAudit::nextChain(from.chain, from.seq, record.id, 0, true);
        writes.changes.append({ leftBucket, from.seq, record.id, 0, true, from.chain, now });
    }
    BucketState &to = heads[record.bucket];
    to.seq += 1;
    record.version = to.seq;
    to.chain = SyncAudit::nextChain(to.chain, to.seq, record.id, record.hash(), false);
    to.checksum.add(record.id, record.version, record.fields, record.deleted);
    writes.changes.append({ record.bucket, to.seq, record.id, record.hash(), false, to.chain, now });
    writes.records.append(record);
    writes.heads = heads.values();
    if (auto written = transaction->write(writes); !written)
        return written.error();
    if (auto committed = transaction->commit(); !committed)
        return committed.error();
    return record;
}

void compareRecords(const StoredRecord &actual, const StoredRecord &expected)
{
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(actual.kind, expected.kind);
    QCOMPARE(actual.scope, expected.scope);
    QCOMPARE(actual.bucket, expected.bucket);
    QCOMPARE(actual.version, expected.version);
    QCOMPARE(actual.fields, expected.fields);
    QCOMPARE(actual.baseStamp, expected.baseStamp);
    QCOMPARE(actual.stamps, expected.stamps);
    QCOMPARE(actual.deleted, expected.deleted);
    QCOMPARE(actual.updatedBy, expected.updatedBy);
    QCOMPARE(actual.updatedAt, expected.updatedAt);
    QCOMPARE(actual.hash(), expected.hash());
}

void compareOps(const StoredOp &actual, const StoredOp &expected)
{
    QCOMPARE(actual.opId, expected.opId);
    QCOMPARE(actual.contentHash, expected.contentHash);
    QCOMPARE(actual.userId, expected.userId);
    QCOMPARE(actual.recordId, expected.recordId);
    QCOMPARE(actual.outcome, expected.outcome);
    QCOMPARE(actual.code, expected.code);
    QCOMPARE(actual.message, expected.message);
    QCOMPARE(actual.receivedAt, expected.receivedAt);
}

void compareChanges(const ChangeRow &actual, const ChangeRow &expected)
{
    QCOMPARE(actual.bucket, expected.bucket);
    QCOMPARE(actual.seq, expected.seq);
    QCOMPARE(actual.recordId, expected.recordId);
    QCOMPARE(actual.recordHash, expected.recordHash);
    QCOMPARE(actual.left, expected.left);
    QCOMPARE(actual.chain, expected.chain);
    QCOMPARE(actual.at, expected.at);
}

void compareConflicts(const ConflictRow &actual, const ConflictRow &expected)
{
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(actual.recordId, expected.recordId);
    QCOMPARE(actual.bucket, expected.bucket);
    QCOMPARE(actual.opId, expected.opId);
    QCOMPARE(actual.userId, expected.userId);
    QCOMPARE(actual.reason, expected.reason);
    QCOMPARE(actual.op, expected.op);
    QCOMPARE(actual.current, expected.current);
    QCOMPARE(actual.at, expected.at);
}

void compareHeads(const QList<BucketState> &actual, QList<BucketState> expected)
{
    QList<BucketState> sorted = actual;
    const auto byBucket = [](const BucketState &a, const BucketState &b) { return a.bucket < b.bucket; };
    std::sort(sorted.begin(), sorted.end(), byBucket);
    std::sort(expected.begin(), expected.end(), byBucket);
    QCOMPARE(sorted.size(), expected.size());
    for (qsizetype i = 0; i < sorted.size(); ++i) {
        QCOMPARE(sorted.at(i).bucket, expected.at(i).bucket);
        QCOMPARE(sorted.at(i).seq, expected.at(i).seq);
        QCOMPARE(sorted.at(i).checksum.count, expected.at(i).checksum.count);
        QCOMPARE(sorted.at(i).checksum.sum, expected.at(i).checksum.sum);
        QCOMPARE(sorted.at(i).chain, expected.at(i).chain);
    }
}

constexpr qint64 mebibyte = 1024 * 1024;
constexpr qint64 hour = 3600 * 1000;

mts::Principal principal(const QString &userId, mts::Role role, const QString &unit)
{
    return { userId, userId, role, *mts::Scope::parse(unit) };
}

/// What a commune merge would need and no role has yet: provincial staff also write the registries of their
/// communes, so that they can move a household (the one kind with a blob) from one commune to another.
class MergingPolicy : public mts::AccessPolicy {
public:
    MergingPolicy()
        : AccessPolicy([](const QString &commune) -> std::optional<QString> {
            return commune.startsWith(QLatin1String("000")) ? std::optional(QStringLiteral("01")) : std::nullopt;
        })
    {
    }
    bool mayWrite(const mts::Principal &principal, const mts::Scope &scope, mts::KindGroup group) const override
    {
        if (principal.role == mts::Role::ProvincialStaff && group == mts::KindGroup::Registries
            && scope.level == mts::Scope::Level::Commune && provinceOf(scope.code) == principal.unit.code)
            return true;
        return AccessPolicy::mayWrite(principal, scope, group);
    }
};

QByteArray patterned(qsizetype size, int seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((i * 7 + i / 4099 + seed) & 0xff);
    return bytes;
}

/// Uploads `content` through the blob service in chunks of at most 1 MiB, as the routes do.
mts::Result<mts::StoredBlob, mts::BlobError> uploadBlob(
    mts::BlobService &blobs, const mts::Principal &who, const QString &scope, const QByteArray &content)
{
    mts::BlobFailure failure;
    const QString hash = QString::fromLatin1(mts::crypto::blake2b(content).toHex());
    auto started = blobs.startUpload(who,
        { { QStringLiteral("scope"), scope }, { QStringLiteral("hash"), hash },
            { QStringLiteral("size"), qint64(content.size()) } },
        &failure);
    if (!started)
        return started.error();
    for (qint64 offset = 0; offset < content.size(); offset += mebibyte) {
        auto appended = blobs.appendChunk(who, started.value().id, offset, content.mid(offset, mebibyte), &failure);
        if (!appended)
            return appended.error();
    }
    return blobs.complete(who, started.value().id, &failure);
}

// A push body of `ops`, as a client sends it.
QByteArray pushBody(const QJsonArray &ops)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("ops"), ops } }).toJson(QJsonDocument::Compact);
}

QJsonObject householdOp(const QString &type, const QString &id, const QString &scope, qint64 millis)
{
    return { { QStringLiteral("op_id"), mts::createUuid7() }, { QStringLiteral("type"), type },
        { QStringLiteral("record_id"), id }, { QStringLiteral("kind"), QStringLiteral("household") },
        { QStringLiteral("scope"), scope },
        { QStringLiteral("hlc"), HlcStamp { millis, 0, QStringLiteral("pc-1") }.toString() },
        { QStringLiteral("set"), QJsonObject {} }, { QStringLiteral("schema_version"), 3 } };
}

} // namespace

/// Fails the test with the storage's message unless `result` is ok.
#define CHECK_OK(result)                                                                                               \
    do {                                                                                                               \
        if (!(result).isOk())                                                                                          \
            QFAIL(qPrintable(QStringLiteral(#result " failed (%1): %2")                                                \
                                 .arg(describe((result).error().code), (result).error().message)));                    \
    } while (false)

/// Returns from the test when a helper's QCOMPARE failed.
#define CHECK_HELPER(call)                                                                                             \
    do {                                                                                                               \
        call;                                                                                                          \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)

/// The data row's backend, created and opened as `storage`; skips (or, in CI, fails) without PostgreSQL.
#define OPEN_BACKEND(storage)                                                                                          \
    QFETCH(QString, backendName);                                                                                      \
    if (backendName == QLatin1String("postgresql"))                                                                    \
        MTS_REQUIRE_POSTGRES();                                                                                        \
    Backend backend(backendName);                                                                                      \
    QVERIFY2(backend.error.isEmpty(), qPrintable(backend.error));                                                      \
    auto storage = backend.create();                                                                                   \
    QCOMPARE(storage->backendName(), backendName);                                                                     \
    do {                                                                                                               \
        const auto opened = storage->open();                                                                           \
        CHECK_OK(opened);                                                                                              \
    } while (false)

class tst_SyncStorage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The stamp a record is sent with: the highest valid one of its fields (an unreadable stamp is skipped).
    void maxStampIsTheHighestValidStamp()
    {
        StoredRecord record;
        QCOMPARE(record.maxStamp(), HlcStamp());
        const HlcStamp low { 1000, 0, QStringLiteral("aa") };
        const HlcStamp mid { 1000, 3, QStringLiteral("aa") };
        const HlcStamp high { 2000, 0, QStringLiteral("0b") };
        record.stamps = { { QStringLiteral("a"), low.toString() }, { QStringLiteral("b"), high.toString() },
            { QStringLiteral("c"), mid.toString() }, { QStringLiteral("d"), high.toString() },
            { QStringLiteral("e"), QStringLiteral("zzzz-not-a-stamp") }, { QStringLiteral("f"), 42 } };
        QCOMPARE(record.maxStamp(), high);
        record.stamps.remove(QStringLiteral("b"));
        record.stamps.remove(QStringLiteral("d"));
        QCOMPARE(record.maxStamp(), mid);
        // The base stamp counts like any other.
        record.baseStamp = high.toString();
        QCOMPARE(record.maxStamp(), high);
        record.baseStamp = low.toString();
        QCOMPARE(record.maxStamp(), mid);
    }

    // The base stamp stands for every field of the record and for `deleted`, unless a field has its own; a field
    // the record does not have was never written.
    void stampOfFallsBackToTheBaseStamp()
    {
        const HlcStamp base { 1000, 0, QStringLiteral("aa") };
        const HlcStamp later { 2000, 1, QStringLiteral("bb") };
        StoredRecord record;
        record.fields = { { QStringLiteral("ten"), QStringLiteral("An") }, { QStringLiteral("tuoi"), 30 } };
        QCOMPARE(record.stampOf(QStringLiteral("ten")), HlcStamp());
        record.baseStamp = base.toString();
        record.stamps = { { QStringLiteral("tuoi"), later.toString() } };
        QCOMPARE(record.stampOf(QStringLiteral("ten")), base);
        QCOMPARE(record.stampOf(QStringLiteral("tuoi")), later);
        QCOMPARE(record.stampOf(QString::fromUtf16(StoredRecord::deletedKey)), base);
        QCOMPARE(record.stampOf(QStringLiteral("que_quan")), HlcStamp());
        record.stamps.insert(QString::fromUtf16(StoredRecord::deletedKey), later.toString());
        QCOMPARE(record.stampOf(QString::fromUtf16(StoredRecord::deletedKey)), later);

        // Stored as one object and read back the same.
        StoredRecord back;
        back.setStoredStamps(record.storedStamps());
        QCOMPARE(back.baseStamp, record.baseStamp);
        QCOMPARE(back.stamps, record.stamps);
    }

    void openIsIdempotent_data() { addBackendRows(); }
    void openIsIdempotent()
    {
        OPEN_BACKEND(storage);
        const auto again = storage->open();
        CHECK_OK(again);
        const auto stored = put(*storage, makeRecord(1, bucketA, QStringLiteral("C:00070"), QStringLiteral("person")));
        CHECK_OK(stored);
        storage.reset();

        // Another storage on the existing database: opening migrates nothing and loses nothing.
        auto reopened = backend.create();
        const auto opened = reopened->open();
        CHECK_OK(opened);
        const auto openedAgain = reopened->open();
        CHECK_OK(openedAgain);
        auto read = reopened->beginRead();
        CHECK_OK(read);
        const auto records = read.value()->loadRecords({ stored.value().id });
        CHECK_OK(records);
        QCOMPARE(records.value().size(), 1);
        CHECK_HELPER(compareRecords(records.value().value(stored.value().id), stored.value()));
    }

    // A database of an older server is brought up to date step by step, keeping what it holds; one of a newer
    // server is refused untouched.
    void sqliteSchemaIsMigratedFromAnOlderVersion()
    {
        Backend backend(QStringLiteral("sqlite"));
        const StoredRecord record = makeRecord(1, bucketA, QStringLiteral("C:00070"), QStringLiteral("person"));
        {
            auto storage = backend.create();
            const auto opened = storage->open();
            CHECK_OK(opened);
            const auto stored = put(*storage, record);
            CHECK_OK(stored);
        }
        const QString connection = QStringLiteral("migration");
        const auto raw = [&](const QString &sql) {
            QSqlQuery query(QSqlDatabase::database(connection));
            if (!query.exec(sql))
                qWarning() << sql << query.lastError().text();
            return query.next() ? query.value(0) : QVariant();
        };
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(backend.location);
            QVERIFY(db.open());
            // The layout of schema 4: no content_scope, no push tails yet.
            raw(QStringLiteral("DROP TABLE sync_push_tails"));
            raw(QStringLiteral("ALTER TABLE sync_blobs DROP COLUMN content_scope"));
            raw(QStringLiteral("PRAGMA user_version = 4"));
        }
        {
            auto storage = backend.create();
            const auto opened = storage->open();
            CHECK_OK(opened);
            auto read = storage->beginRead();
            CHECK_OK(read);
            const auto records = read.value()->loadRecords({ record.id });
            CHECK_OK(records);
            QCOMPARE(records.value().size(), 1);
        }
        QCOMPARE(raw(QStringLiteral("PRAGMA user_version")).toInt(), SqliteSyncStorage::schemaVersion);
        QCOMPARE(
            raw(QStringLiteral("SELECT count(*) FROM pragma_table_info('sync_blobs') WHERE name = 'content_scope'"))
                .toInt(),
            1);
        QCOMPARE(raw(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name = 'sync_push_tails'")).toInt(), 1);

        raw(QStringLiteral("PRAGMA user_version = %1").arg(SqliteSyncStorage::schemaVersion + 1));
        {
            auto storage = backend.create();
            const auto opened = storage->open();
            QVERIFY(!opened);
            QVERIFY2(
                opened.error().message.contains(QLatin1String("newer server")), qPrintable(opened.error().message));
        }
        QSqlDatabase::database(connection).close();
        QSqlDatabase::removeDatabase(connection);
    }

    void lockCreatesHeadsAtZero_data() { addBackendRows(); }
    void lockCreatesHeadsAtZero()
    {
        OPEN_BACKEND(storage);
        {
            auto write = storage->beginWrite();
            CHECK_OK(write);
            const auto locked = write.value()->lockBuckets({ bucketD, bucketA, bucketD });
            CHECK_OK(locked);
            QCOMPARE(locked.value().size(), 2);
            for (const BucketState &head : locked.value()) {
                QCOMPARE(head.seq, 0);
                QVERIFY(head.checksum.isEmpty());
                QVERIFY(head.chain.isEmpty());
            }
            QCOMPARE(locked.value().at(0).bucket, bucketA);
            QCOMPARE(locked.value().at(1).bucket, bucketD);
            const auto committed = write.value()->commit();
            CHECK_OK(committed);
        }
        auto read = storage->beginRead();
        CHECK_OK(read);
        const auto heads = read.value()->heads({ bucketA, bucketB, bucketD });
        CHECK_OK(heads);
        CHECK_HELPER(compareHeads(heads.value(), { BucketState { bucketA, 0, {}, {} }, { bucketD, 0, {}, {} } }));
        const auto all = read.value()->allHeads();
        CHECK_OK(all);
        CHECK_HELPER(compareHeads(all.value(), heads.value()));
        const auto none = read.value()->heads({});
        CHECK_OK(none);
        QVERIFY(none.value().isEmpty());
    }

    void writesAndReadsBackExactly_data() { addBackendRows(); }
    void writesAndReadsBackExactly()
    {
        OPEN_BACKEND(storage);

        // Text that every escaping layer must leave alone: Vietnamese, quotes of both kinds, backslashes, array and
        // JSON punctuation, the word NULL, control characters, characters outside the BMP; and a large object.
        const QString tricky = QStringLiteral("Đường số 5, ấp Phước Lợi — \"trích\" 'dẫn' \\ {a,b} NULL\n\t🇻🇳 ");
        QJsonArray big;
        for (int i = 0; i < 3000; ++i)
            big.append(QJsonObject { { QStringLiteral("i"), i }, { QStringLiteral("t"), tricky } });

        StoredRecord first = makeRecord(1, bucketA, QStringLiteral("C:00070"), QStringLiteral("person"));
        first.fields.insert(QStringLiteral("ghi_chu"), tricky);
        first.fields.insert(QStringLiteral("lon"), big);
        first.fields.insert(QStringLiteral("nested"),
            QJsonObject { { QStringLiteral("a"), QJsonArray { 1, 2.5, true, QJsonValue::Null, QStringLiteral("") } },
                { QStringLiteral("max"), 9007199254740991.0 } });
        first.stamps.insert(QStringLiteral("@deleted"), stamp(1751234569000, 7, QStringLiteral("thiết-bị")));
        first.version = 1;
        StoredRecord second = makeRecord(2, bucketA, QStringLiteral("C:00070"), QStringLiteral("household"));
        second.fields = {};
        second.stamps = {};
        second.deleted = true;
        second.updatedBy = QStringLiteral("NULL");
        second.version = 2;

        StoredOp applied { QStringLiteral("op-1"), bytes("op-1"), QStringLiteral("user-1"), first.id,
            PushOutcome::Applied, {}, {}, 1751234567891 };
        StoredOp conflict { QStringLiteral("op-2"), bytes("op-2"), QStringLiteral("user-2"), second.id,
            PushOutcome::Conflict, QStringLiteral("stale_transition"), QStringLiteral("Trạng thái đã đổi: ") + tricky,
            1751234567892 };
        StoredOp rejected { QStringLiteral("op-3"), bytes("op-3"), QStringLiteral("user-1"), recordId(9),
            PushOutcome::Rejected, QStringLiteral("forbidden"), QString(), 1751234567893 };
        StoredOp superseded { QStringLiteral("op-4"), bytes("op-4"), QStringLiteral("user-1"), first.id,
            PushOutcome::Superseded, {}, {}, 1751234567894 };

        const quint64 topBitHash = 0xF234567890ABCDEFULL;
        const QList<ChangeRow> changesA {
            { bucketA, 1, first.id, first.hash(), false, bytes("chain-a-1"), 1751234567000 },
            { bucketA, 2, second.id, topBitHash, false, bytes("chain-a-2"), 1751234567001 },
        };
        const QList<ChangeRow> changesB {
            { bucketB, 1, recordId(3), 0, true, bytes("chain-b-1"), 1751234567002 },
        };
        const ConflictRow conflictRow { QStringLiteral("conflict-1"), second.id, bucketA, conflict.opId,
            conflict.userId, QStringLiteral("stale_transition"),
            QJsonObject { { QStringLiteral("op_id"), conflict.opId }, { QStringLiteral("ghi_chu"), tricky } },
            QJsonObject { { QStringLiteral("fields"), first.fields }, { QStringLiteral("version"), 2 } },
            1751234567003 };
        const QList<BucketState> heads {
            { bucketA, 2, BucketChecksum { 2, 0x8000000000000001ULL }, bytes("chain-a-2") },
            { bucketB, 1, BucketChecksum { 0, 0 }, bytes("chain-b-1") },
        };

        {
            auto write = storage->beginWrite();
            CHECK_OK(write);
            const auto locked = write.value()->lockBuckets({ bucketB, bucketA });
            CHECK_OK(locked);
            SyncWriteSet writes;
            writes.records = { first, second };
            writes.ops = { applied, conflict, rejected, superseded };
            writes.changes = changesA + changesB;
            writes.conflicts = { conflictRow };
            writes.heads = heads;
            const auto written = write.value()->write(writes);
            CHECK_OK(written);
            const auto committed = write.value()->commit();
            CHECK_OK(committed);
        }

        {
            auto write = storage->beginWrite();
            CHECK_OK(write);
            const auto ops = write.value()->findOps(
                { applied.opId, conflict.opId, rejected.opId, superseded.opId, QStringLiteral("op-missing") });
            CHECK_OK(ops);
            QCOMPARE(ops.value().size(), 4);
            for (const StoredOp &op : { applied, conflict, rejected, superseded })
                CHECK_HELPER(compareOps(ops.value().value(op.opId), op));
            const auto records = write.value()->loadRecords({ first.id, second.id, recordId(404) });
            CHECK_OK(records);
            QCOMPARE(records.value().size(), 2);
            CHECK_HELPER(compareRecords(records.value().value(first.id), first));
            CHECK_HELPER(compareRecords(records.value().value(second.id), second));
            const auto noOps = write.value()->findOps({});
            CHECK_OK(noOps);
            QVERIFY(noOps.value().isEmpty());
        }

        auto read = storage->beginRead();
        CHECK_OK(read);
        const auto storedHeads = read.value()->heads({ bucketA, bucketB });
        CHECK_OK(storedHeads);
        CHECK_HELPER(compareHeads(storedHeads.value(), heads));
        const auto all = read.value()->allHeads();
        CHECK_OK(all);
        CHECK_HELPER(compareHeads(all.value(), heads));

        for (const auto &[bucket, expected] : { std::pair { bucketA, changesA }, std::pair { bucketB, changesB } }) {
            const auto log = read.value()->changeLog(bucket, 0, 100);
            CHECK_OK(log);
            QCOMPARE(log.value().size(), expected.size());
            for (qsizetype i = 0; i < expected.size(); ++i)
                CHECK_HELPER(compareChanges(log.value().at(i), expected.at(i)));
        }
        const auto tail = read.value()->changeLog(bucketA, 1, 100);
        CHECK_OK(tail);
        QCOMPARE(tail.value().size(), 1);
        QCOMPARE(tail.value().at(0).seq, 2);
        const auto page = read.value()->changeLog(bucketA, 0, 1);
        CHECK_OK(page);
        QCOMPARE(page.value().size(), 1);
        QCOMPARE(page.value().at(0).seq, 1);

        const auto conflicts = read.value()->conflicts(bucketA);
        CHECK_OK(conflicts);
        QCOMPARE(conflicts.value().size(), 1);
        CHECK_HELPER(compareConflicts(conflicts.value().at(0), conflictRow));
        const auto noConflicts = read.value()->conflicts(bucketB);
        CHECK_OK(noConflicts);
        QVERIFY(noConflicts.value().isEmpty());

        const auto records = read.value()->loadRecords({ first.id, second.id });
        CHECK_OK(records);
        QCOMPARE(records.value().size(), 2);
        CHECK_HELPER(compareRecords(records.value().value(first.id), first));
        CHECK_HELPER(compareRecords(records.value().value(second.id), second));

        const auto changes = received(read.value()->changesAfter(bucketA, 0, 100));
        CHECK_OK(changes);
        QCOMPARE(changes.value(), (QList<RecordChange> { first.toChange(), second.toChange() }));
        QCOMPARE(changes.value().at(0).hlc.toString(), stamp(1751234569000, 7, QStringLiteral("thiết-bị")));
        const auto departures = received(read.value()->changesAfter(bucketB, 0, 100));
        CHECK_OK(departures);
        QCOMPARE(departures.value(), (QList<RecordChange> { departure(bucketB, 1, recordId(3)) }));
    }

    void rollsBackWithoutCommit_data() { addBackendRows(); }
    // A push's commit does not wait for the log to be copied back into the database: a thread of the storage's
    // own does it (WalCheckpointer), so a long run of writes shows checkpoints there.
    void sqliteLogIsCheckpointedBesideTheWriter()
    {
        QTemporaryDir dir;
        SqliteSyncStorage storage(dir.filePath(QStringLiteral("sync.sqlite")));
        const auto opened = storage.open();
        CHECK_OK(opened);
        const QString filler(10000, QLatin1Char('x'));
        // 40 commits of 50 records of about 10 KB: some 2,000 pages of 16 KB in the log, past the 1,000 pages that
        // ask for a checkpoint.
        for (int batch = 0; batch < 40; ++batch) {
            auto write = storage.beginWrite();
            CHECK_OK(write);
            SyncWriteSet writes;
            for (int i = 0; i < 50; ++i) {
                StoredRecord record
                    = makeRecord(batch * 50 + i + 1, bucketA, QStringLiteral("C:00070"), QStringLiteral("person"));
                record.version = batch * 50 + i + 1;
                record.fields.insert(QStringLiteral("ghi_chu"), filler);
                writes.records.append(record);
            }
            const auto written = write.value()->write(writes);
            CHECK_OK(written);
            const auto committed = write.value()->commit();
            CHECK_OK(committed);
        }
        QTRY_VERIFY_WITH_TIMEOUT(storage.backgroundCheckpoints() > 0, 10000);
    }

    void rollsBackWithoutCommit()
    {
        OPEN_BACKEND(storage);
        StoredRecord record = makeRecord(1, bucketA, QStringLiteral("C:00070"), QStringLiteral("person"));
        record.version = 1;
        {
            auto write = storage->beginWrite();
            CHECK_OK(write);
            const auto locked = write.value()->lockBuckets({ bucketA });
            CHECK_OK(locked);
            SyncWriteSet writes;
            writes.records = { record };
            writes.ops = { { QStringLiteral("op-1"), bytes("op-1"), QStringLiteral("user-1"), record.id,
                PushOutcome::Applied, {}, {}, 1 } };
            writes.changes = { { bucketA, 1, record.id, record.hash(), false, bytes("c"), 1 } };
            writes.conflicts = { { QStringLiteral("conflict-1"), record.id, bucketA, QStringLiteral("op-1"),
                QStringLiteral("user-1"), QStringLiteral("stale"), {}, {}, 1 } };
            writes.heads = { { bucketA, 1, BucketChecksum { 1, record.hash() }, bytes("c") } };
            const auto written = write.value()->write(writes);
            CHECK_OK(written);
        }
        {
            auto read = storage->beginRead();
            CHECK_OK(read);
            const auto heads = read.value()->allHeads();
            CHECK_OK(heads);
            QVERIFY(heads.value().isEmpty());
            const auto records = read.value()->loadRecords({ record.id });
            CHECK_OK(records);
            QVERIFY(records.value().isEmpty());
            const auto log = read.value()->changeLog(bucketA, 0, 10);
            CHECK_OK(log);
            QVERIFY(log.value().isEmpty());
            const auto changes = received(read.value()->changesAfter(bucketA, 0, 10));
            CHECK_OK(changes);
            QVERIFY(changes.value().isEmpty());
            const auto conflicts = read.value()->conflicts(bucketA);
            CHECK_OK(conflicts);
            QVERIFY(conflicts.value().isEmpty());
        }
        {
            auto write = storage->beginWrite();
            CHECK_OK(write);
            const auto ops = write.value()->findOps({ QStringLiteral("op-1") });
            CHECK_OK(ops);
            QVERIFY(ops.value().isEmpty());
        }
        // The connection is usable again afterwards.
        const auto stored = put(*storage, record);
        CHECK_OK(stored);
        QCOMPARE(stored.value().version, 1);
    }

    void duplicateOpIdIsBusy_data() { addBackendRows(); }
    void duplicateOpIdIsBusy()
    {
        OPEN_BACKEND(storage);
        const StoredOp first { QStringLiteral("op-1"), bytes("first"), QStringLiteral("user-1"), recordId(1),
            PushOutcome::Applied, {}, {}, 1 };
        {
            auto write = storage->beginWrite();
            CHECK_OK(write);
            const auto locked = write.value()->lockBuckets({ bucketA });
            CHECK_OK(locked);
            SyncWriteSet writes;
            writes.ops = { first };
            const auto written = write.value()->write(writes);
            CHECK_OK(written);
            const auto committed = write.value()->commit();
            CHECK_OK(committed);
        }
        StoredRecord record = makeRecord(2, bucketA, QStringLiteral("C:00070"), QStringLiteral("person"));
        record.version = 1;
        {
            auto write = storage->beginWrite();
            CHECK_OK(write);
            const auto locked = write.value()->lockBuckets({ bucketA });
            CHECK_OK(locked);
            SyncWriteSet writes;
            writes.records = { record };
            writes.ops = { { QStringLiteral("op-2"), bytes("op-2"), QStringLiteral("user-1"), record.id,
                               PushOutcome::Applied, {}, {}, 2 },
                { first.opId, bytes("other content"), QStringLiteral("user-2"), record.id, PushOutcome::Rejected,
                    QStringLiteral("x"), QStringLiteral("y"), 2 } };
            writes.changes = { { bucketA, 1, record.id, record.hash(), false, bytes("c"), 2 } };
            writes.heads = { { bucketA, 1, BucketChecksum { 1, record.hash() }, bytes("c") } };
            auto status = write.value()->write(writes);
            if (status)
                status = write.value()->commit();
            QVERIFY(!status.isOk());
            QCOMPARE(describe(status.error().code), describe(StorageError::Busy));
        }
        auto write = storage->beginWrite();
        CHECK_OK(write);
        const auto ops = write.value()->findOps({ first.opId, QStringLiteral("op-2") });
        CHECK_OK(ops);
        QCOMPARE(ops.value().size(), 1);
        CHECK_HELPER(compareOps(ops.value().value(first.opId), first));
        const auto records = write.value()->loadRecords({ record.id });
        CHECK_OK(records);
        QVERIFY(records.value().isEmpty());
        const auto locked = write.value()->lockBuckets({ bucketA });
        CHECK_OK(locked);
        QCOMPARE(locked.value().at(0).seq, 0);
    }

    // Two batches carrying the same op id at the same time: the second waits for the first and then fails as busy,
    // so the service can retry and answer the resend with the first outcome.
    void concurrentDuplicateOpIdIsBusy_data() { addBackendRows(); }
    void concurrentDuplicateOpIdIsBusy()
    {
        OPEN_BACKEND(storage);
        const StoredOp op { QStringLiteral("op-1"), bytes("first"), QStringLiteral("user-1"), recordId(1),
            PushOutcome::Applied, {}, {}, 1 };
        QSemaphore written;
        QString firstError;
        std::thread first([&] {
            auto write = storage->beginWrite();
            if (!write) {
                firstError = write.error().message;
                written.release();
                return;
            }
            const auto locked = write.value()->lockBuckets({ bucketA });
            Status status = locked ? Status(mts::ok) : Status(locked.error());
            SyncWriteSet writes;
            writes.ops = { op };
            if (status)
                status = write.value()->write(writes);
            written.release();
            QThread::msleep(300);
            if (status)
                status = write.value()->commit();
            if (!status)
                firstError = status.error().message;
        });
        written.acquire();
        auto write = storage->beginWrite();
        Status status = write ? Status(mts::ok) : Status(write.error());
        if (status) {
            const auto locked = write.value()->lockBuckets({ bucketB });
            if (!locked)
                status = locked.error();
        }
        SyncWriteSet writes;
        StoredOp other = op;
        other.contentHash = bytes("second");
        writes.ops = { other };
        if (status)
            status = write.value()->write(writes);
        if (status)
            status = write.value()->commit();
        first.join();
        QVERIFY2(firstError.isEmpty(), qPrintable(firstError));
        QVERIFY(!status.isOk());
        QCOMPARE(describe(status.error().code), describe(StorageError::Busy));
    }

    void changesAfterPagesAndDepartures_data() { addBackendRows(); }
    void changesAfterPagesAndDepartures()
    {
        OPEN_BACKEND(storage);
        QHash<int, StoredRecord> records;
        const auto store = [&](int n, const QString &bucket, const QString &leftBucket = {}) {
            StoredRecord record = records.contains(n)
                ? records.value(n)
                : makeRecord(n, bucket, QStringLiteral("C:00070"), QStringLiteral("person"));
            record.bucket = bucket;
            record.scope = bucket == bucketA ? QStringLiteral("C:00070") : QStringLiteral("C:00071");
            record.fields.insert(QStringLiteral("lan"), record.fields.value(QStringLiteral("lan")).toInt() + 1);
            record.deleted = n == 5;
            const auto stored = put(*storage, record, leftBucket);
            if (!stored)
                return false;
            records.insert(n, stored.value());
            return true;
        };
        // Bucket A: 1–5 created (seq 1–5), 2 updated (6), 3 leaves for B (7), 4 leaves for B (8) and comes back (9).
        for (int n = 1; n <= 5; ++n)
            QVERIFY(store(n, bucketA));
        QVERIFY(store(2, bucketA));
        QVERIFY(store(3, bucketB, bucketA));
        QVERIFY(store(4, bucketB, bucketA));
        QVERIFY(store(4, bucketA, bucketB));
        QCOMPARE(records.value(4).version, 9);
        QCOMPARE(records.value(3).version, 1);

        const RecordChange left3 = departure(bucketA, 7, recordId(3));
        const QList<RecordChange> expectedA { records.value(1).toChange(), records.value(5).toChange(),
            records.value(2).toChange(), left3, records.value(4).toChange() };
        QCOMPARE(expectedA.at(1).seq, 5);
        QVERIFY(expectedA.at(1).deleted);
        QCOMPARE(expectedA.at(2).seq, 6);

        auto read = storage->beginRead();
        CHECK_OK(read);
        const auto all = received(read.value()->changesAfter(bucketA, 0, 100));
        CHECK_OK(all);
        QCOMPARE(all.value(), expectedA);

        // Paging: each page continues after the last seq of the one before.
        QList<RecordChange> paged;
        qint64 position = 0;
        for (int page = 0; page < 10; ++page) {
            const auto changes = received(read.value()->changesAfter(bucketA, position, 2));
            CHECK_OK(changes);
            QVERIFY(changes.value().size() <= 2);
            if (changes.value().isEmpty())
                break;
            paged += changes.value();
            position = changes.value().constLast().seq;
        }
        QCOMPARE(paged, expectedA);
        QCOMPARE(position, 9);

        const auto afterDeparture = received(read.value()->changesAfter(bucketA, 7, 100));
        CHECK_OK(afterDeparture);
        QCOMPARE(afterDeparture.value(), (QList<RecordChange> { records.value(4).toChange() }));
        const auto none = received(read.value()->changesAfter(bucketA, 9, 100));
        CHECK_OK(none);
        QVERIFY(none.value().isEmpty());
        const auto zero = received(read.value()->changesAfter(bucketA, 0, 0));
        CHECK_OK(zero);
        QVERIFY(zero.value().isEmpty());

        // Bucket B: 3 arrived (1), 4 arrived (2) and left again (3).
        const auto changesB = received(read.value()->changesAfter(bucketB, 0, 100));
        CHECK_OK(changesB);
        QCOMPARE(changesB.value(),
            (QList<RecordChange> { records.value(3).toChange(), departure(bucketB, 3, recordId(4)) }));
        QCOMPARE(changesB.value().at(0).scope, QStringLiteral("C:00071"));

        const auto heads = read.value()->heads({ bucketA, bucketB });
        CHECK_OK(heads);
        BucketChecksum checksumA;
        for (int n : { 1, 2, 4, 5 })
            checksumA.add(
                records.value(n).id, records.value(n).version, records.value(n).fields, records.value(n).deleted);
        for (const BucketState &head : heads.value()) {
            QCOMPARE(head.seq, head.bucket == bucketA ? 9 : 3);
            if (head.bucket == bucketA)
                QCOMPARE(head.checksum, checksumA);
        }
    }

    // A read sees the database as it was when the read began, whatever commits meanwhile.
    void readIsOneSnapshot_data() { addBackendRows(); }
    void readIsOneSnapshot()
    {
        OPEN_BACKEND(storage);
        const StoredRecord record = makeRecord(1, bucketA, QStringLiteral("C:00070"), QStringLiteral("person"));
        const auto stored = put(*storage, record);
        CHECK_OK(stored);

        auto begun = storage->beginRead();
        CHECK_OK(begun);
        auto read = std::move(begun).value();
        QString writerError;
        std::thread writer([&] {
            StoredRecord changed = stored.value();
            changed.fields.insert(QStringLiteral("ho_ten"), QStringLiteral("Trần Thị Bình"));
            if (const auto again = put(*storage, changed); !again)
                writerError = again.error().message;
            if (const auto other
                = put(*storage, makeRecord(2, bucketB, QStringLiteral("C:00071"), QStringLiteral("person")));
                !other)
                writerError = other.error().message;
        });
        writer.join();
        QVERIFY2(writerError.isEmpty(), qPrintable(writerError));

        const auto heads = read->allHeads();
        CHECK_OK(heads);
        QCOMPARE(heads.value().size(), 1);
        QCOMPARE(heads.value().at(0).seq, 1);
        const auto changes = received(read->changesAfter(bucketA, 0, 100));
        CHECK_OK(changes);
        QCOMPARE(changes.value(), (QList<RecordChange> { stored.value().toChange() }));
        const auto records = read->loadRecords({ record.id, recordId(2) });
        CHECK_OK(records);
        QCOMPARE(records.value().size(), 1);
        CHECK_HELPER(compareRecords(records.value().value(record.id), stored.value()));
        read.reset();

        auto fresh = storage->beginRead();
        CHECK_OK(fresh);
        const auto newHeads = fresh.value()->allHeads();
        CHECK_OK(newHeads);
        QCOMPARE(newHeads.value().size(), 2);
    }

    // Batches that lock the same buckets named in opposite orders wait for each other and never deadlock.
    void oppositeLockOrdersDoNotDeadlock_data() { addBackendRows(); }
    void oppositeLockOrdersDoNotDeadlock()
    {
        OPEN_BACKEND(storage);
        const int rounds = 40;
        std::barrier start(2);
        QMutex mutex;
        QStringList errors;
        const auto run = [&](bool reversed) {
            for (int round = 0; round < rounds; ++round) {
                // Every eighth round on fresh buckets, so that creating heads races as well.
                const QString first
                    = round % 8 == 0 ? QStringLiteral("C:%1/registries").arg(round, 5, 10, QLatin1Char('0')) : bucketA;
                const QString second
                    = round % 8 == 0 ? QStringLiteral("C:%1/feedback").arg(round, 5, 10, QLatin1Char('0')) : bucketB;
                start.arrive_and_wait();
                auto write = storage->beginWrite();
                Status status = write ? Status(mts::ok) : Status(write.error());
                QList<BucketState> heads;
                if (status) {
                    const auto locked = write.value()->lockBuckets(
                        reversed ? QStringList { second, first } : QStringList { first, second });
                    if (locked)
                        heads = locked.value();
                    else
                        status = locked.error();
                }
                if (status) {
                    QThread::msleep(2);
                    SyncWriteSet writes;
                    for (BucketState head : std::as_const(heads)) {
                        head.seq += 1;
                        writes.heads.append(head);
                    }
                    status = write.value()->write(writes);
                }
                if (status)
                    status = write.value()->commit();
                if (!status) {
                    const QMutexLocker locker(&mutex);
                    errors.append(QStringLiteral("round %1: %2 %3")
                                      .arg(round)
                                      .arg(describe(status.error().code), status.error().message));
                }
            }
        };
        std::thread other(run, true);
        run(false);
        other.join();
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        auto read = storage->beginRead();
        CHECK_OK(read);
        const auto heads = read.value()->heads({ bucketA, bucketB });
        CHECK_OK(heads);
        QCOMPARE(heads.value().size(), 2);
        for (const BucketState &head : heads.value())
            QCOMPARE(head.seq, 2 * (rounds - rounds / 8));
    }

    // The central property of pull positions: writers allocate sequence numbers under the bucket locks, so nothing
    // commits behind a position a reader was handed, and a reader that pulls to the end has every final version.
    void concurrentWritersAndReaders_data() { addBackendRows(); }
    void concurrentWritersAndReaders()
    {
        OPEN_BACKEND(storage);
        const QStringList buckets { bucketA, bucketB, bucketC, bucketD };
        const int writerCount = 4;
        const int transactionsPerWriter = 200;
        const int recordsPerBucket = 12;
        const int readerCount = 2;
        const int pageLimit = 17;

        QMutex mutex;
        QStringList errors;
        const auto report = [&](const QString &error) {
            const QMutexLocker locker(&mutex);
            if (errors.size() < 20)
                errors.append(error);
        };
        std::atomic<int> busyRetries { 0 };
        std::atomic<qint64> committedChanges { 0 };
        std::atomic<bool> writing { true };

        const auto writer = [&](int w) {
            QRandomGenerator random(quint32(w + 1));
            for (int t = 0; t < transactionsPerWriter; ++t) {
                QList<int> chosen { 0, 1, 2, 3 };
                std::shuffle(chosen.begin(), chosen.end(), random);
                chosen.resize(1 + random.bounded(3));
                QStringList lockSet;
                QStringList ids;
                for (int b : std::as_const(chosen)) {
                    lockSet.append(buckets.at(b));
                    ids.append(QStringLiteral("r-%1-%2").arg(b).arg(random.bounded(recordsPerBucket)));
                }
                const bool pause = random.bounded(4) == 0;
                const int pauseMs = 1 + random.bounded(3);
                for (int attempt = 0;; ++attempt) {
                    auto write = storage->beginWrite();
                    Status status = write ? Status(mts::ok) : Status(write.error());
                    QHash<QString, BucketState> heads;
                    QHash<QString, StoredRecord> old;
                    if (status) {
                        const auto locked = write.value()->lockBuckets(lockSet);
                        if (locked) {
                            for (const BucketState &head : locked.value())
                                heads.insert(head.bucket, head);
                        } else {
                            status = locked.error();
                        }
                    }
                    if (status) {
                        const auto loaded = write.value()->loadRecords(ids);
                        if (loaded)
                            old = loaded.value();
                        else
                            status = loaded.error();
                    }
                    if (status) {
                        SyncWriteSet writes;
                        for (qsizetype i = 0; i < lockSet.size(); ++i) {
                            BucketState &head = heads[lockSet.at(i)];
                            StoredRecord record;
                            if (old.contains(ids.at(i))) {
                                record = old.value(ids.at(i));
                                head.checksum.remove(record.id, record.version, record.fields, record.deleted);
                            } else {
                                record.id = ids.at(i);
                                record.kind = QStringLiteral("person");
                                record.scope = lockSet.at(i).section(u'/', 0, 0);
                                record.bucket = lockSet.at(i);
                            }
                            head.seq += 1;
                            head.chain = nextChain(head.chain, head.seq);
                            record.version = head.seq;
                            record.fields = QJsonObject { { QStringLiteral("writer"), w }, { QStringLiteral("t"), t },
                                { QStringLiteral("ghi_chu"), QStringLiteral("Lần %1").arg(t) } };
                            record.stamps = QJsonObject { { QStringLiteral("t"),
                                stamp(1751234567000 + t, quint16(attempt), QStringLiteral("w%1").arg(w)) } };
                            record.updatedBy = QStringLiteral("writer-%1").arg(w);
                            record.updatedAt = QDateTime::currentMSecsSinceEpoch();
                            head.checksum.add(record.id, record.version, record.fields, record.deleted);
                            writes.records.append(record);
                            writes.changes.append(
                                { head.bucket, head.seq, record.id, record.hash(), false, head.chain, 0 });
                        }
                        writes.heads = heads.values();
                        status = write.value()->write(writes);
                    }
                    if (status && pause)
                        QThread::msleep(pauseMs);
                    if (status)
                        status = write.value()->commit();
                    if (status) {
                        committedChanges += lockSet.size();
                        break;
                    }
                    if (status.error().code != StorageError::Busy || attempt > 50) {
                        report(QStringLiteral("writer %1, transaction %2: %3 %4")
                                   .arg(w)
                                   .arg(t)
                                   .arg(describe(status.error().code), status.error().message));
                        return;
                    }
                    ++busyRetries;
                }
            }
        };

        struct Seen {
            qint64 version = 0;
            QJsonObject fields;
        };
        std::vector<QHash<QString, Seen>> views(readerCount);
        std::vector<int> pullsWhileWriting(readerCount, 0);
        const auto reader = [&](int r) {
            QHash<QString, Seen> &view = views[size_t(r)];
            QHash<QString, qint64> positions;
            for (;;) {
                // Read before pulling: when the writers had finished already, this pull sees everything.
                const bool finished = !writing.load();
                bool drained = true;
                std::unique_ptr<SyncStorage::ReadTransaction> read;
                if (auto begun = storage->beginRead(); begun) {
                    read = std::move(begun).value();
                } else {
                    report(QStringLiteral("reader %1: %2").arg(r).arg(begun.error().message));
                    return;
                }
                for (const QString &bucket : buckets) {
                    const qint64 position = positions.value(bucket);
                    const auto heads = read->heads({ bucket });
                    const auto changes = received(read->changesAfter(bucket, position, pageLimit));
                    // The change log in this snapshot, from the position on: no gap may exist below the head, or a
                    // change could still commit behind a position handed out.
                    const auto log = read->changeLog(bucket, position, 1000000);
                    if (!heads || !changes || !log) {
                        report(QStringLiteral("reader %1: a read failed").arg(r));
                        return;
                    }
                    const qint64 headSeq = heads.value().isEmpty() ? 0 : heads.value().at(0).seq;
                    qint64 expected = position;
                    for (const ChangeRow &row : log.value()) {
                        if (row.seq != ++expected) {
                            report(QStringLiteral("reader %1: %2 has seq %3 where %4 belongs (head %5)")
                                       .arg(r)
                                       .arg(bucket)
                                       .arg(row.seq)
                                       .arg(expected)
                                       .arg(headSeq));
                            return;
                        }
                    }
                    if (expected != headSeq) {
                        report(QStringLiteral("reader %1: %2 log ends at %3, head at %4")
                                   .arg(r)
                                   .arg(bucket)
                                   .arg(expected)
                                   .arg(headSeq));
                        return;
                    }
                    qint64 previous = position;
                    for (const RecordChange &change : changes.value()) {
                        if (change.seq <= previous || change.seq > headSeq || change.left) {
                            report(QStringLiteral("reader %1: %2 sent seq %3 after %4 (position %5, head %6)")
                                       .arg(r)
                                       .arg(bucket)
                                       .arg(change.seq)
                                       .arg(previous)
                                       .arg(position)
                                       .arg(headSeq));
                            return;
                        }
                        previous = change.seq;
                        Seen &seen = view[change.id];
                        if (change.seq <= seen.version) {
                            report(QStringLiteral("reader %1: %2 went back from %3 to %4")
                                       .arg(r)
                                       .arg(change.id)
                                       .arg(seen.version)
                                       .arg(change.seq));
                            return;
                        }
                        seen = { change.seq, change.fields };
                    }
                    if (changes.value().size() == pageLimit) {
                        positions[bucket] = changes.value().constLast().seq;
                        drained = false;
                    } else {
                        positions[bucket] = headSeq;
                    }
                }
                read.reset();
                if (finished && drained)
                    return;
                if (!finished)
                    ++pullsWhileWriting[size_t(r)];
            }
        };

        std::vector<std::thread> threads;
        for (int r = 0; r < readerCount; ++r)
            threads.emplace_back(reader, r);
        std::vector<std::thread> writers;
        for (int w = 0; w < writerCount; ++w)
            writers.emplace_back(writer, w);
        for (std::thread &thread : writers)
            thread.join();
        writing = false;
        for (std::thread &thread : threads)
            thread.join();
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));

        QStringList allIds;
        for (int b = 0; b < buckets.size(); ++b) {
            for (int k = 0; k < recordsPerBucket; ++k)
                allIds.append(QStringLiteral("r-%1-%2").arg(b).arg(k));
        }
        auto read = storage->beginRead();
        CHECK_OK(read);
        const auto stored = read.value()->loadRecords(allIds);
        CHECK_OK(stored);
        QVERIFY(stored.value().size() > 2 * recordsPerBucket);
        qint64 totalSeq = 0;
        const auto heads = read.value()->allHeads();
        CHECK_OK(heads);
        for (const BucketState &head : heads.value()) {
            totalSeq += head.seq;
            BucketChecksum checksum;
            for (const StoredRecord &record : stored.value()) {
                if (record.bucket == head.bucket)
                    checksum.add(record.id, record.version, record.fields, record.deleted);
            }
            QCOMPARE(head.checksum, checksum);
        }
        // Every transaction wrote one change per bucket it locked: none was lost or doubled.
        QCOMPARE(totalSeq, committedChanges.load());
        for (int r = 0; r < readerCount; ++r) {
            const QHash<QString, Seen> &view = views[size_t(r)];
            QCOMPARE(view.size(), stored.value().size());
            for (const StoredRecord &record : stored.value()) {
                QVERIFY2(view.contains(record.id), qPrintable(record.id));
                QCOMPARE(view.value(record.id).version, record.version);
                QCOMPARE(view.value(record.id).fields, record.fields);
            }
        }
        qInfo("%s: %lld changes, %d busy retries, pulls while writing: %d and %d", qPrintable(backendName), totalSeq,
            busyRetries.load(), pullsWhileWriting[0], pullsWhileWriting[1]);
    }

    void parsesPostgresUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("options");

        QTest::newRow("full") << QStringLiteral("postgresql://mts:secret@db.example.vn:6543/mattranso")
                              << QStringLiteral("db.example.vn") << 6543 << QStringLiteral("mts")
                              << QStringLiteral("secret") << QStringLiteral("mattranso")
                              << QStringLiteral("connect_timeout=10");
        QTest::newRow("short scheme, default port")
            << QStringLiteral("postgres://mts:pw@10.0.0.5/sync") << QStringLiteral("10.0.0.5") << 5432
            << QStringLiteral("mts") << QStringLiteral("pw") << QStringLiteral("sync")
            << QStringLiteral("connect_timeout=10");
        QTest::newRow("percent-encoded") << QStringLiteral(
            "postgresql://ng%C6%B0%E1%BB%9Di%40so:p%40ss%3Aw%2Fo%23rd%25@localhost:5432/m%E1%BA%B7t")
                                         << QStringLiteral("localhost") << 5432 << QStringLiteral("người@so")
                                         << QStringLiteral("p@ss:w/o#rd%") << QStringLiteral("mặt")
                                         << QStringLiteral("connect_timeout=10");
        QTest::newRow("no password") << QStringLiteral("postgresql://mts@127.0.0.1:55432/postgres")
                                     << QStringLiteral("127.0.0.1") << 55432 << QStringLiteral("mts") << QString()
                                     << QStringLiteral("postgres") << QStringLiteral("connect_timeout=10");
        QTest::newRow("IPv6") << QStringLiteral("postgresql://mts:pw@[::1]:5433/sync") << QStringLiteral("::1") << 5433
                              << QStringLiteral("mts") << QStringLiteral("pw") << QStringLiteral("sync")
                              << QStringLiteral("connect_timeout=10");
        QTest::newRow("options") << QStringLiteral(
            "postgresql://mts:pw@db/sync?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem&connect_timeout=3")
                                 << QStringLiteral("db") << 5432 << QStringLiteral("mts") << QStringLiteral("pw")
                                 << QStringLiteral("sync")
                                 << QStringLiteral("sslmode=verify-full;sslrootcert=/etc/ssl/ca.pem;connect_timeout=3");
    }
    void parsesPostgresUrls()
    {
        QFETCH(QString, url);
        const auto parsed = PostgresSyncStorage::parseUrl(url);
        CHECK_OK(parsed);
        QTEST(parsed.value().host, "host");
        QTEST(parsed.value().port, "port");
        QTEST(parsed.value().user, "user");
        QTEST(parsed.value().password, "password");
        QTEST(parsed.value().database, "database");
        QTEST(parsed.value().options, "options");
        QVERIFY(!parsed.value().displayUrl().contains(QStringLiteral("secret")));
    }

    void refusesMalformedPostgresUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("why");
        QTest::newRow("scheme") << QStringLiteral("mysql://mts:secret@db/sync") << QStringLiteral("postgresql://");
        QTest::newRow("no host") << QStringLiteral("postgresql://mts:secret@/sync") << QStringLiteral("host");
        QTest::newRow("no user") << QStringLiteral("postgresql://db:5432/sync") << QStringLiteral("user");
        QTest::newRow("no database") << QStringLiteral("postgresql://mts:secret@db:5432") << QStringLiteral("database");
        QTest::newRow("empty database") << QStringLiteral("postgresql://mts:secret@db:5432/")
                                        << QStringLiteral("database");
        QTest::newRow("bad port") << QStringLiteral("postgresql://mts:secret@db:54x32/sync")
                                  << QStringLiteral("not a valid URL");
        QTest::newRow("port zero") << QStringLiteral("postgresql://mts:secret@db:0/sync") << QStringLiteral("port");
        QTest::newRow("unencoded #") << QStringLiteral("postgresql://mts:se#cret@db/sync")
                                     << QStringLiteral("percent-encoded");
        QTest::newRow("two path segments")
            << QStringLiteral("postgresql://mts:secret@db/a/b") << QStringLiteral("slash");
        QTest::newRow("unknown option") << QStringLiteral("postgresql://mts:secret@db/sync?options=-c%20x")
                                        << QStringLiteral("not supported");
        QTest::newRow("option with a semicolon")
            << QStringLiteral("postgresql://mts:secret@db/sync?sslmode=require;x") << QStringLiteral("semicolon");
        QTest::newRow("empty") << QString() << QStringLiteral("postgresql://");
    }
    void refusesMalformedPostgresUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, why);
        const auto parsed = PostgresSyncStorage::parseUrl(url);
        QVERIFY(!parsed.isOk());
        QCOMPARE(describe(parsed.error().code), describe(StorageError::Unavailable));
        QVERIFY2(parsed.error().message.contains(why), qPrintable(parsed.error().message));
        QVERIFY2(!parsed.error().message.contains(QStringLiteral("secret")), qPrintable(parsed.error().message));
        QVERIFY2(!parsed.error().message.contains(QStringLiteral("se#cret")), qPrintable(parsed.error().message));

        // The storage reports the same on every call, and connects to nothing.
        PostgresSyncStorage storage(url);
        const auto opened = storage.open();
        QVERIFY(!opened.isOk());
        QCOMPARE(opened.error().message, parsed.error().message);
        const auto write = storage.beginWrite();
        QVERIFY(!write.isOk());
        QCOMPARE(describe(write.error().code), describe(StorageError::Unavailable));
    }

    void postgresUnreachableIsUnavailable()
    {
        MTS_REQUIRE_POSTGRES();
        mts::test::PostgresFixture database;
        QVERIFY2(database.isReady(), qPrintable(database.errorString()));

        QUrl wrongPassword(database.url());
        wrongPassword.setPassword(QStringLiteral("not-the-password"));
        QUrl closedPort(database.url());
        closedPort.setPort(1);
        for (const QUrl &url : { wrongPassword, closedPort }) {
            PostgresSyncStorage storage(url.toString());
            const auto opened = storage.open();
            QVERIFY(!opened.isOk());
            QCOMPARE(describe(opened.error().code), describe(StorageError::Unavailable));
            QVERIFY2(!opened.error().message.contains(url.password()), qPrintable(opened.error().message));
            const auto read = storage.beginRead();
            QVERIFY(!read.isOk());
            QCOMPARE(describe(read.error().code), describe(StorageError::Unavailable));
        }
    }

    // A connection the server ended fails the call as Unavailable; the next transaction reconnects.
    void postgresReconnectsAfterLoss()
    {
        MTS_REQUIRE_POSTGRES();
        mts::test::PostgresFixture database;
        QVERIFY2(database.isReady(), qPrintable(database.errorString()));
        PostgresSyncStorage storage(database.url());
        const auto opened = storage.open();
        CHECK_OK(opened);
        {
            auto write = storage.beginWrite();
            CHECK_OK(write);
            QVERIFY2(database.adminExecute(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                                          " WHERE datname = '%1'")
                                               .arg(database.databaseName())),
                qPrintable(database.errorString()));
            const auto locked = write.value()->lockBuckets({ bucketA });
            QVERIFY(!locked.isOk());
            QCOMPARE(describe(locked.error().code), describe(StorageError::Unavailable));
            const auto committed = write.value()->commit();
            QVERIFY(!committed.isOk());
        }
        const auto stored = put(storage, makeRecord(1, bucketA, QStringLiteral("C:00070"), QStringLiteral("person")));
        CHECK_OK(stored);
        QCOMPARE(stored.value().version, 1);
    }

    void postgresRefusesNewerSchema()
    {
        MTS_REQUIRE_POSTGRES();
        mts::test::PostgresFixture database;
        QVERIFY2(database.isReady(), qPrintable(database.errorString()));
        {
            PostgresSyncStorage storage(database.url());
            const auto opened = storage.open();
            CHECK_OK(opened);
        }
        const QUrl url(database.url());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("schema-check"));
            db.setHostName(url.host());
            db.setPort(url.port());
            db.setUserName(url.userName());
            db.setPassword(url.password());
            db.setDatabaseName(database.databaseName());
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("SELECT value FROM sync_meta WHERE key = 'schema_version'")));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toInt(), PostgresSyncStorage::latestSchemaVersion());
            QVERIFY(query.exec(QStringLiteral("UPDATE sync_meta SET value = '%1' WHERE key = 'schema_version'")
                                   .arg(PostgresSyncStorage::latestSchemaVersion() + 1)));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("schema-check"));
        PostgresSyncStorage storage(database.url());
        const auto opened = storage.open();
        QVERIFY(!opened.isOk());
        QVERIFY2(opened.error().message.contains(QStringLiteral("newer")), qPrintable(opened.error().message));
    }

    void checkpointsStoreAndPage_data() { addBackendRows(); }
    void checkpointsStoreAndPage()
    {
        OPEN_BACKEND(storage);
        const auto none = storage->latestCheckpoint();
        CHECK_OK(none);
        QVERIFY(!none.value().has_value());
        QList<AuditCheckpoint> written;
        for (int n = 1; n <= 3; ++n) {
            // Payloads of the size of a few thousand buckets, with bytes every text form must escape.
            written.append({ n, 1751234567000 + n, QStringLiteral("kid-%1").arg(n),
                bytes(QByteArray::number(n), 64).repeated(2000), bytes("signature" + QByteArray::number(n), 64) });
            const auto inserted = storage->insertCheckpoint(written.constLast());
            CHECK_OK(inserted);
            QVERIFY(inserted.value());
        }
        // A number already taken (by another server) is refused without an error, and the first row stays.
        AuditCheckpoint clash = written.at(1);
        clash.payload = "other";
        const auto refused = storage->insertCheckpoint(clash);
        CHECK_OK(refused);
        QVERIFY(!refused.value());

        const auto latest = storage->latestCheckpoint();
        CHECK_OK(latest);
        QVERIFY(latest.value().has_value());
        QCOMPARE(latest.value()->number, 3);
        QCOMPARE(latest.value()->payload, written.at(2).payload);
        const auto first = storage->checkpoints(0, 2);
        CHECK_OK(first);
        const auto rest = storage->checkpoints(2, 2);
        CHECK_OK(rest);
        const QList<AuditCheckpoint> read = first.value() + rest.value();
        QCOMPARE(first.value().size(), 2);
        QCOMPARE(read.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(read.at(i).number, written.at(i).number);
            QCOMPARE(read.at(i).createdAt, written.at(i).createdAt);
            QCOMPARE(read.at(i).keyId, written.at(i).keyId);
            QCOMPARE(read.at(i).payload, written.at(i).payload);
            QCOMPARE(read.at(i).signature, written.at(i).signature);
        }
    }

    void auditCheckpointsVerify_data() { addBackendRows(); }
    void auditCheckpointsVerify()
    {
        OPEN_BACKEND(storage);
        QTemporaryDir keyDir;
        mts::ServerDatabase database(keyDir.filePath(QStringLiteral("server.sqlite")));
        QVERIFY(database.open().isOk());
        AuditKeys keys(&database);
        QVERIFY(keys.ensureKey().isOk());
        const auto checkpoint = [&storage, &keys](qint64 at) { return SyncAudit::checkpoint(*storage, keys, at); };
        using Kind = mts::CheckpointOutcome::Kind;

        const auto empty = checkpoint(1000);
        QVERIFY(empty.isOk());
        QCOMPARE(empty.value().kind, Kind::Unchanged);
        QCOMPARE(empty.value().number, 0);

        CHECK_OK(put(*storage, makeRecord(1, bucketA, QStringLiteral("C:00070"), QStringLiteral("person"))));
        CHECK_OK(put(*storage, makeRecord(2, bucketB, QStringLiteral("C:00071"), QStringLiteral("person"))));
        const auto first = checkpoint(2000);
        QVERIFY2(first.isOk(), qPrintable(first.isOk() ? QString() : first.error().message));
        QCOMPARE(first.value().kind, Kind::Written);
        QCOMPARE(first.value().number, 1);
        QCOMPARE(first.value().buckets, 2);
        const auto unchanged = checkpoint(3000);
        QVERIFY(unchanged.isOk());
        QCOMPARE(unchanged.value().kind, Kind::Unchanged);
        QCOMPARE(unchanged.value().number, 1);

        // A rotated key signs the next checkpoint; the retired one goes on verifying the first.
        const auto firstKey = keys.activeKeyId();
        QVERIFY(firstKey.isOk());
        const auto rotated = keys.rotate();
        QVERIFY(rotated.isOk());
        QVERIFY(rotated.value() != firstKey.value());
        CHECK_OK(put(*storage, makeRecord(3, bucketA, QStringLiteral("C:00070"), QStringLiteral("person"))));
        const auto second = checkpoint(4000);
        QVERIFY(second.isOk());
        QCOMPARE(second.value().kind, Kind::Written);
        QCOMPARE(second.value().number, 2);
        const auto stored = storage->checkpoints(0, 10);
        CHECK_OK(stored);
        QCOMPARE(stored.value().size(), 2);
        QCOMPARE(stored.value().at(0).keyId.toUtf8(), firstKey.value());
        QCOMPARE(stored.value().at(1).keyId.toUtf8(), rotated.value());
        const std::optional<mts::CheckpointStatement> statement
            = mts::CheckpointStatement::fromPayload(stored.value().at(1).payload);
        QVERIFY(statement.has_value());
        QCOMPARE(statement->heads.size(), 2);
        QCOMPARE(statement->heads.at(0).bucket, bucketA);
        QCOMPARE(statement->heads.at(0).seq, 2);

        const auto clean = SyncAudit::verify(*storage, keys);
        QVERIFY(clean.isOk());
        QVERIFY2(clean.value().isClean(), qPrintable(clean.value().problems.join(u'\n')));
        QCOMPARE(clean.value().checkpoints, 2);
        QCOMPARE(clean.value().buckets, 2);

        // Checkpoints that sign what the data does not hold: a bucket it never had, a sequence number its log has
        // not reached, and a chain other than the log's, all signed with the real key.
        mts::CheckpointStatement forged;
        forged.number = 3;
        forged.createdAt = 5000;
        forged.keyId = rotated.value();
        forged.heads = { { bucketA, 1, QByteArray(32, 'x') }, { bucketB, 7, QByteArray(32, 'y') },
            { bucketD, 4, QByteArray(32, 'z') } };
        const QByteArray payload = forged.toPayload();
        const auto signature = keys.sign(forged.keyId, mts::CheckpointStatement::digest(payload));
        QVERIFY(signature.isOk());
        const auto inserted = storage->insertCheckpoint(
            { forged.number, forged.createdAt, QString::fromUtf8(forged.keyId), payload, signature.value() });
        CHECK_OK(inserted);
        // And one signed by a key this server does not have.
        QTemporaryDir otherDir;
        mts::ServerDatabase otherDatabase(otherDir.filePath(QStringLiteral("server.sqlite")));
        QVERIFY(otherDatabase.open().isOk());
        AuditKeys otherKeys(&otherDatabase);
        QVERIFY(otherKeys.ensureKey().isOk());
        CHECK_OK(put(*storage, makeRecord(4, bucketB, QStringLiteral("C:00071"), QStringLiteral("person"))));
        const auto foreign = SyncAudit::checkpoint(*storage, otherKeys, 6000);
        QVERIFY(foreign.isOk());
        QCOMPARE(foreign.value().number, 4);

        const auto audit = SyncAudit::verify(*storage, keys);
        QVERIFY(audit.isOk());
        QCOMPARE(audit.value().checkpoints, 4);
        const QStringList expected {
            QStringLiteral("checkpoint 3: %1 at sequence 1: the log's chain is not the one signed").arg(bucketA),
            QStringLiteral("checkpoint 3: %1 at sequence 7: the log has no such change (it ends at 2)").arg(bucketB),
            QStringLiteral("checkpoint 3: %1 no longer exists (signed up to sequence 4)").arg(bucketD),
            QStringLiteral("checkpoint 4: signed by key %1, which is not one of this server's audit keys")
                .arg(QString::fromUtf8(otherKeys.activeKeyId().value())),
        };
        QStringList problems = audit.value().problems;
        problems.sort();
        QCOMPARE(problems, expected);
    }

    // An upload nobody completes expires after the idle time since its last chunk (not since it began): its id no
    // longer exists, its chunks go, its size no longer counts against the quota. The user's own idle sessions go
    // when they start another, everyone's with the periodic sweep.
    void idleUploadsExpire_data() { addBackendRows(); }
    void idleUploadsExpire()
    {
        OPEN_BACKEND(storage);
        qint64 now = 1751234567890;
        const mts::AccessPolicy policy([](const QString &) { return std::optional(QStringLiteral("01")); });
        mts::BlobLimits limits;
        limits.maxBlobBytes = 4 * mebibyte;
        limits.maxUserBytes = 5 * mebibyte;
        limits.sessionIdleMillis = 72 * hour;
        mts::BlobService blobs(storage.get(), &policy, limits, [&now] { return now; });
        const auto cadre = principal(QStringLiteral("user-a"), mts::Role::CommuneCadre, QStringLiteral("C:00070"));
        const auto other = principal(QStringLiteral("user-b"), mts::Role::CommuneCadre, QStringLiteral("C:00070"));
        const auto third = principal(QStringLiteral("user-c"), mts::Role::CommuneCadre, QStringLiteral("C:00070"));
        const auto start = [&](const mts::Principal &who, const QByteArray &content) {
            return blobs.startUpload(who,
                { { QStringLiteral("scope"), QStringLiteral("C:00070") },
                    { QStringLiteral("hash"), QString::fromLatin1(mts::crypto::blake2b(content).toHex()) },
                    { QStringLiteral("size"), qint64(content.size()) } },
                nullptr);
        };
        const QByteArray first = patterned(3 * mebibyte, 1);
        const auto s1 = start(cadre, first);
        QVERIFY(s1.isOk());
        const QString id1 = s1.value().id;
        QCOMPARE(blobs.appendChunk(cadre, id1, 0, first.left(mebibyte), nullptr).value(), mebibyte);
        now += 71 * hour;
        QCOMPARE(blobs.appendChunk(cadre, id1, mebibyte, first.mid(mebibyte, mebibyte), nullptr).value(), 2 * mebibyte);
        const auto s3 = start(other, patterned(1000, 3));
        QVERIFY(s3.isOk());
        const auto found = storage->findUpload(id1);
        CHECK_OK(found);
        QCOMPARE(found.value()->activeAt, now);
        QCOMPARE(found.value()->createdAt, now - 71 * hour);

        // 142 hours after it began, 71 after its last chunk: alive, and it still counts (3 + 3 MiB > 5 MiB).
        now += 71 * hour;
        QCOMPARE(blobs.upload(cadre, id1, nullptr).value().received, 2 * mebibyte);
        mts::BlobFailure failure;
        const auto refused = blobs.startUpload(cadre,
            { { QStringLiteral("scope"), QStringLiteral("C:00070") },
                { QStringLiteral("hash"), QString::fromLatin1(mts::crypto::blake2b(patterned(10, 2)).toHex()) },
                { QStringLiteral("size"), 3 * mebibyte } },
            &failure);
        QVERIFY(!refused.isOk());
        QCOMPARE(failure.apiCode(), QStringLiteral("quota_exceeded"));

        // Two hours later it is idle past 72: starting another frees its 3 MiB, and its chunks are gone.
        now += 2 * hour;
        const QByteArray second = patterned(3 * mebibyte, 2);
        const auto s2 = start(cadre, second);
        QVERIFY2(s2.isOk(), qPrintable(s2.isOk() ? QString() : s2.error().message));
        const auto gone = storage->findUpload(id1);
        CHECK_OK(gone);
        QVERIFY(!gone.value().has_value());
        int chunks = 0;
        CHECK_OK(storage->readUpload(id1, [&chunks](const QByteArray &) { return ++chunks > 0; }));
        QCOMPARE(chunks, 0);
        const auto used = storage->userBlobBytes(cadre.userId);
        CHECK_OK(used);
        QCOMPARE(used.value(), 3 * mebibyte);
        QVERIFY(!blobs.upload(cadre, id1, &failure).isOk());
        QCOMPARE(failure.httpStatus(), 404);
        QCOMPARE(failure.apiCode(), QStringLiteral("not_found"));
        QVERIFY(!blobs.appendChunk(cadre, id1, 2 * mebibyte, first.mid(2 * mebibyte), &failure).isOk());
        QCOMPARE(failure.httpStatus(), 404);

        // Another user's idle session is not this user's to expire, but it answers 404 to its owner at once.
        const auto stillStored = storage->findUpload(s3.value().id);
        CHECK_OK(stillStored);
        QVERIFY(stillStored.value().has_value());
        QVERIFY(!blobs.upload(other, s3.value().id, &failure).isOk());
        QCOMPARE(failure.httpStatus(), 404);
        QVERIFY2(failure.message.contains(QStringLiteral("expired after 72 hours")), qPrintable(failure.message));

        // The sweep ends everyone's idle sessions, and only those.
        const auto s4 = start(other, patterned(5000, 4));
        QVERIFY(s4.isOk());
        QCOMPARE(blobs.appendChunk(other, s4.value().id, 0, patterned(5000, 4).left(1000), nullptr).value(), 1000);
        now += 73 * hour;
        const auto s5 = start(third, patterned(20, 5));
        QVERIFY(s5.isOk());
        const auto swept = blobs.expireIdleUploads();
        QVERIFY(swept.isOk());
        QCOMPARE(swept.value().sessions, 2); // s2 and s4; s5 has just begun
        QCOMPARE(swept.value().bytes, qint64(1000));
        const auto none = storage->userBlobBytes(cadre.userId);
        CHECK_OK(none);
        QCOMPARE(none.value(), qint64(0));
        QVERIFY(storage->findUpload(s5.value().id).value().has_value());
        QCOMPARE(blobs.expireIdleUploads().value().sessions, 0);

        // A session that expires while its content is being hashed stores nothing.
        const QByteArray small = patterned(20, 5);
        QCOMPARE(blobs.appendChunk(third, s5.value().id, 0, small, nullptr).value(), qint64(small.size()));
        CHECK_OK(storage->expireUploads(now + 1, QString()));
        const auto late = storage->completeUpload(s5.value().id,
            { QStringLiteral("C:00070"), QString::fromLatin1(mts::crypto::blake2b(small).toHex()), small.size(),
                third.userId, now });
        CHECK_OK(late);
        QVERIFY(!late.value());
        const auto notStored
            = storage->findBlob(QStringLiteral("C:00070"), QString::fromLatin1(mts::crypto::blake2b(small).toHex()));
        CHECK_OK(notStored);
        QVERIFY(!notStored.value().has_value());
    }

    // Blobs are deduplicated per scope, and readable only through a record of the scope that names them. A record
    // moved to another commune brings its blobs there in the push that moves it — stored once, counted once.
    void movedRecordKeepsItsBlobs_data() { addBackendRows(); }
    void movedRecordKeepsItsBlobs()
    {
        OPEN_BACKEND(storage);
        qint64 now = 1751234567890;
        const MergingPolicy policy;
        mts::BlobService blobs(storage.get(), &policy, {}, [&now] { return now; });
        mts::SyncService sync(storage.get(), &policy, [&now] { return now; });
        const QString hoanKiem = QStringLiteral("C:00070");
        const QString baDinh = QStringLiteral("C:00004");
        const QString tayHo = QStringLiteral("C:00091");
        const auto cadreA = principal(QStringLiteral("cadre-a"), mts::Role::CommuneCadre, hoanKiem);
        const auto cadreB = principal(QStringLiteral("cadre-b"), mts::Role::CommuneCadre, baDinh);
        const auto cadreC = principal(QStringLiteral("cadre-c"), mts::Role::CommuneCadre, tayHo);
        const auto province = principal(QStringLiteral("province"), mts::Role::ProvincialStaff, QStringLiteral("P:01"));

        // Three chunks, the last one short.
        const QByteArray content = patterned(2 * mebibyte + 4321, 9);
        const QString hash = QString::fromLatin1(mts::crypto::blake2b(content).toHex());
        const auto stored = uploadBlob(blobs, cadreA, hoanKiem, content);
        QVERIFY2(stored.isOk(), qPrintable(stored.isOk() ? QString() : stored.error().message));
        const QString id = mts::createUuid7();
        QJsonObject create = householdOp(QStringLiteral("create"), id, hoanKiem, now);
        create.insert(QStringLiteral("set"),
            QJsonObject { { QStringLiteral("head_name"), QStringLiteral("Trần Thị Ảnh") },
                { QStringLiteral("document"),
                    QJsonObject { { QStringLiteral("hash"), hash }, { QStringLiteral("size"), qint64(content.size()) },
                        { QStringLiteral("name"), QStringLiteral("giấy chứng nhận.pdf") },
                        { QStringLiteral("type"), QStringLiteral("application/pdf") } } } });
        const auto created = sync.push(cadreA, pushBody({ create }));
        QVERIFY(created.isOk());
        QCOMPARE(created.value().results.value(0).outcome, PushOutcome::Applied);
        const auto read = [&](const mts::Principal &who, const QString &scope, const QByteArray &range = {}) {
            return blobs.read(who, scope, hash, range, nullptr);
        };
        QVERIFY(read(cadreA, hoanKiem).isOk());
        QVERIFY(!read(cadreB, baDinh).isOk());
        QVERIFY(!read(cadreB, hoanKiem).isOk());

        now += 1000;
        QJsonObject move = householdOp(QStringLiteral("move"), id, hoanKiem, now);
        move.insert(QStringLiteral("move"),
            QJsonObject { { QStringLiteral("from"), hoanKiem }, { QStringLiteral("to"), baDinh } });
        const auto moved = sync.push(province, pushBody({ move }));
        QVERIFY2(moved.isOk(), qPrintable(moved.isOk() ? QString() : moved.error().message));
        QCOMPARE(moved.value().results.value(0).outcome, PushOutcome::Applied);

        // Ba Đình reads the document under its own scope, whole and by ranges across the chunks.
        const auto whole = read(cadreB, baDinh);
        QVERIFY(whole.isOk());
        QCOMPARE(whole.value().size, qint64(content.size()));
        QVERIFY(whole.value().bytes == content);
        const auto across = read(cadreB, baDinh, "bytes=1048000-2097999");
        QVERIFY(across.isOk());
        QVERIFY(across.value().bytes == content.mid(1048000, 1050000));
        // Hoàn Kiếm no longer has a record naming it, so its copy is no longer readable to it.
        QVERIFY(!read(cadreA, hoanKiem).isOk());
        QVERIFY(!read(cadreA, baDinh).isOk());
        const auto referrers = storage->blobReferrers(hoanKiem, hash);
        CHECK_OK(referrers);
        QVERIFY(referrers.value().isEmpty());
        // Dedup in the new scope knows the blob; the bytes are stored, and counted, once.
        const auto again = blobs.startUpload(cadreB,
            { { QStringLiteral("scope"), baDinh }, { QStringLiteral("hash"), hash },
                { QStringLiteral("size"), qint64(content.size()) } },
            nullptr);
        QVERIFY(again.isOk());
        QVERIFY(again.value().exists);
        for (const auto &[user, bytes] : { std::pair { cadreA.userId, qint64(content.size()) },
                 std::pair { province.userId, qint64(0) }, std::pair { cadreB.userId, qint64(0) } }) {
            const auto used = storage->userBlobBytes(user);
            CHECK_OK(used);
            QCOMPARE(used.value(), bytes);
        }

        // Moved on again, the blob is shared from where its bytes are (Hoàn Kiếm), not from Ba Đình's share.
        now += 1000;
        move = householdOp(QStringLiteral("move"), id, baDinh, now);
        move.insert(QStringLiteral("move"),
            QJsonObject { { QStringLiteral("from"), baDinh }, { QStringLiteral("to"), tayHo } });
        const auto movedOn = sync.push(province, pushBody({ move }));
        QVERIFY(movedOn.isOk());
        QCOMPARE(movedOn.value().results.value(0).outcome, PushOutcome::Applied);
        const auto third = read(cadreC, tayHo);
        QVERIFY(third.isOk());
        QVERIFY(third.value().bytes == content);
        QVERIFY(!read(cadreB, baDinh).isOk());
        const auto used = storage->userBlobBytes(cadreA.userId);
        CHECK_OK(used);
        QCOMPARE(used.value(), qint64(content.size()));

        // The moves are ordinary changes for the audit.
        QTemporaryDir keyDir;
        mts::ServerDatabase database(keyDir.filePath(QStringLiteral("server.sqlite")));
        QVERIFY(database.open().isOk());
        AuditKeys keys(&database);
        QVERIFY(keys.ensureKey().isOk());
        const auto audit = SyncAudit::verify(*storage, keys);
        QVERIFY(audit.isOk());
        QVERIFY2(audit.value().isClean(), qPrintable(audit.value().problems.join(u'\n')));
        QCOMPARE(audit.value().changes, qint64(5)); // the create, and a departure and an arrival per move
    }
};

QTEST_GUILESS_MAIN(tst_SyncStorage)
#include "tst_syncstorage.moc"
