// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The replica's side of sync without a server: format 2 and its upgrade, base + outbox overlay, push outcomes and
// set aside, pull pages, purge, checksums, rebuild, clock offset.
#include "client/core/fieldsealer.h"
#include "client/core/replicastore.h"
#include "shared/bucketchecksum.h"
#include "shared/canonicaljson.h"
#include "shared/crypto.h"
#include "shared/recordschema.h"
#include "shared/syncwire.h"
#include "shared/uuid7.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace mts;

namespace {

const QString commune = QStringLiteral("C:00070");
const QString otherCommune = QStringLiteral("C:00071");
const QString registries = QStringLiteral("C:00070/registries");
const QString otherRegistries = QStringLiteral("C:00071/registries");
const QString cccd = QStringLiteral("079203009988");

template <typename R>
QByteArray failure(const R &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

/// A second, plain connection to the replica file.
class RawDatabase {
public:
    explicit RawDatabase(const QString &path)
        : m_name(QStringLiteral("raw-") + createUuid7())
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_ok = db.open();
    }
    ~RawDatabase()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool exec(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        if (!query.exec(sql)) {
            qWarning() << sql << query.lastError().text();
            return false;
        }
        return true;
    }
    QVariant value(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        if (!query.exec(sql) || !query.next())
            return {};
        return query.value(0);
    }
    bool isOpen() const { return m_ok; }

private:
    QString m_name;
    bool m_ok = false;
};

HlcStamp serverStamp(qint64 millis)
{
    return HlcStamp { millis, 0, QStringLiteral("server") };
}

sync::RecordChange change(const QString &id, qint64 seq, const QJsonObject &fields, const QString &bucket = registries,
    const QString &kind = QStringLiteral("person"))
{
    sync::RecordChange c;
    c.bucket = bucket;
    c.seq = seq;
    c.id = id;
    c.kind = kind;
    c.scope = bucket.section(QLatin1Char('/'), 0, 0);
    c.fields = fields;
    c.hlc = serverStamp(1750000000000 + seq);
    return c;
}

sync::RecordChange departure(const QString &id, qint64 seq, const QString &bucket = registries)
{
    sync::RecordChange c;
    c.bucket = bucket;
    c.seq = seq;
    c.id = id;
    c.left = true;
    return c;
}

/// A pull page whose readable set is `readable` (each head at the page's positions, checksum as given).
sync::PullResponse page(const QList<sync::RecordChange> &changes, const QMap<QString, qint64> &positions,
    const QStringList &readable = { registries }, const QMap<QString, BucketChecksum> &checksums = {})
{
    sync::PullResponse response;
    response.serverTime = 1750000000000;
    response.changes = changes;
    response.positions = positions;
    for (const QString &bucket : readable)
        response.buckets.append(sync::BucketHead { bucket, positions.value(bucket), checksums.value(bucket) });
    return response;
}

QJsonObject nguoi(const QString &given)
{
    return { { QStringLiteral("surname"), QStringLiteral("Nguyễn") }, { QStringLiteral("given_name"), given },
        { QStringLiteral("cccd"), cccd } };
}

sync::PushResult outcome(const SyncOp &op, sync::PushOutcome result, std::optional<sync::RecordChange> record = {},
    const QString &message = {})
{
    sync::PushResult r;
    r.opId = op.opId;
    r.outcome = result;
    r.message = message;
    r.code = result == sync::PushOutcome::Rejected ? QStringLiteral("validation") : QString();
    r.record = std::move(record);
    return r;
}

// The ops of an outgoing batch, read back.
QList<SyncOp> opsOf(const QList<ReplicaStore::OutgoingOp> &outgoing)
{
    QList<SyncOp> ops;
    for (const ReplicaStore::OutgoingOp &op : outgoing)
        ops.append(op.op().value());
    return ops;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class tst_ReplicaSync : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("replica.sqlite"));
        m_key = crypto::randomBytes(crypto::keyBytes);
    }

    void upgradeFromFormat1KeepsRecordsAndOutbox()
    {
        // A format-1 replica as the previous release wrote it: a record and its create op, no stamps.
        const QString id = createUuid7();
        const QString opId = createUuid7();
        {
            RawDatabase raw(m_path);
            QVERIFY(raw.isOpen());
            const FieldSealer sealer(m_key);
            const QByteArray check = sealer.seal(
                QString(), QStringLiteral("meta:key_check"), QByteArrayView("mattranso:replica:key-check:v1"));
            const QByteArray sealedCccd = "sealed:"
                + sealer
                      .seal(
                          id, QStringLiteral("cccd"), QJsonDocument(QJsonArray { cccd }).toJson(QJsonDocument::Compact))
                      .toBase64();
            const QJsonObject fields { { QStringLiteral("surname"), QStringLiteral("Lê") },
                { QStringLiteral("given_name"), QStringLiteral("Tám") },
                { QStringLiteral("cccd"), QString::fromLatin1(sealedCccd) } };
            const QJsonObject op { { QStringLiteral("op_id"), opId },
                { QStringLiteral("type"), QStringLiteral("create") }, { QStringLiteral("record_id"), id },
                { QStringLiteral("kind"), QStringLiteral("person") }, { QStringLiteral("scope"), commune },
                { QStringLiteral("schema_version"), 1 }, { QStringLiteral("set"), fields } };
            const QString json = QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact));
            const QString opJson = QString::fromUtf8(QJsonDocument(op).toJson(QJsonDocument::Compact));
            for (const QString &sql :
                {
                    QStringLiteral("CREATE TABLE records (id TEXT PRIMARY KEY, kind TEXT NOT NULL, scope TEXT NOT NULL,"
                                   " fields BLOB NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT "
                                   "NULL)"),
                    QStringLiteral("CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, op_id TEXT NOT NULL "
                                   "UNIQUE, record_id TEXT NOT NULL, kind TEXT NOT NULL, type TEXT NOT NULL, payload "
                                   "BLOB NOT NULL, created_at INTEGER NOT NULL)"),
                    QStringLiteral("CREATE INDEX outbox_record ON outbox (record_id)"),
                    QStringLiteral("CREATE VIRTUAL TABLE search_index USING fts5 (record_id UNINDEXED, kind "
                                   "UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2')"),
                    QStringLiteral("CREATE TABLE search_rows (record_id TEXT PRIMARY KEY, fts_rowid INTEGER NOT NULL "
                                   "UNIQUE)"),
                    QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)"),
                    QStringLiteral("INSERT INTO records VALUES ('%1', 'person', '%2', '%3', 0, 1)")
                        .arg(id, commune, json),
                    QStringLiteral(
                        "INSERT INTO outbox (op_id, record_id, kind, type, payload, created_at) VALUES ('%1', "
                        "'%2', 'person', 'create', '%3', 1)")
                        .arg(opId, id, opJson),
                    QStringLiteral("INSERT INTO search_index (record_id, kind, text) VALUES ('%1', 'person', 'le tam')")
                        .arg(id),
                    QStringLiteral("INSERT INTO search_rows VALUES ('%1', last_insert_rowid())").arg(id),
                    QStringLiteral("INSERT INTO meta VALUES ('key_check', x'%1')")
                        .arg(QString::fromLatin1(check.toHex())),
                    QStringLiteral("PRAGMA user_version = 1"),
                })
                QVERIFY2(raw.exec(sql), qPrintable(sql));
        }

        ReplicaStore store(m_path, m_key);
        const auto opened = store.open();
        QVERIFY2(opened, failure(opened).constData());
        QCOMPARE(store.record(id).value().value(QStringLiteral("cccd")).toString(), cccd);
        QCOMPARE(store.search(QStringLiteral("le tam")).value(), QStringList { id });
        QCOMPARE(store.recordState(id).value().bucket, registries);
        QCOMPARE(store.pendingCount(), 1);
        const auto batch = store.pendingBatch(10);
        QVERIFY2(batch, failure(batch).constData());
        QCOMPARE(batch.value().size(), 1);
        QCOMPARE(batch.value().first().opId, opId);
        QVERIFY(batch.value().first().hlc.isValid());
        QCOMPARE(batch.value().first().hlc.device, store.deviceId());
        QCOMPARE(batch.value().first().set.value(QStringLiteral("cccd")).toString(), cccd);
        store.close();

        RawDatabase raw(m_path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), ReplicaStore::formatVersion);
        QCOMPARE(raw.value(QStringLiteral("SELECT state FROM outbox")).toString(), QStringLiteral("pending"));
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'search_rows'")).toInt(), 0);
        // Format 4: a record's pending ops are found through one index, not by scanning every pending op.
        QCOMPARE(
            raw.value(QStringLiteral("SELECT group_concat(name) FROM pragma_index_info('outbox_record')")).toString(),
            QStringLiteral("record_id,state,seq"));
    }

    // A create acknowledged as sent, and a later op of the record in the same batch refused: the base is the
    // create's state, not the view that still showed the refused op (the view then drops it).
    void createAppliedAsSentWithALaterOpRejected()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QString id = store.create(QStringLiteral("person"), commune, nguoi(QStringLiteral("An"))).value();
        QVERIFY(store.update(id, { { QStringLiteral("given_name"), QStringLiteral("Bình") } }));
        const auto sent = store.outgoingBatch(10).value();
        const auto batch = opsOf(sent);
        QCOMPARE(batch.size(), 2);
        sync::RecordChange created = change(id, 1, {});
        created.fieldsAsSent = true;
        created.hlc = batch.at(0).hlc;
        sync::PushResponse response;
        response.serverTime = 1750000000000;
        sync::PushResult refused = outcome(batch.at(1), sync::PushOutcome::Rejected, created);
        refused.record.reset();
        refused.code = QStringLiteral("forbidden");
        response.results = { outcome(batch.at(0), sync::PushOutcome::Applied, created), refused };
        const auto applied = store.applyPushResponse(sent, response);
        QVERIFY2(applied, failure(applied).constData());
        ReplicaStore other(m_dir->filePath(QStringLiteral("other.sqlite")), crypto::randomBytes(crypto::keyBytes));
        QVERIFY(other.open());
        sync::RecordChange pulled = change(id, 1, nguoi(QStringLiteral("An")));
        pulled.hlc = batch.at(0).hlc;
        QVERIFY(other.applyPullPage(page({ pulled }, { { registries, 1 } })));
        QCOMPARE(store.record(id).value().value(QStringLiteral("given_name")).toString(), QStringLiteral("An"));
        QCOMPARE(store.stateHash().value(), other.stateHash().value());
    }

    void upgradeFromFormat2KeepsTheIndex()
    {
        // A format-2 replica (search_rows maps records to index rows), made by taking a current one back.
        const QString pulled = createUuid7();
        QString local;
        {
            ReplicaStore store(m_path, m_key);
            QVERIFY(store.open());
            QVERIFY(store.applyPullPage(
                page({ change(pulled, 1, nguoi(QStringLiteral("Xuyến"))) }, { { registries, 1 } })));
            local = store.create(QStringLiteral("person"), commune, nguoi(QStringLiteral("Tám"))).value();
        }
        {
            RawDatabase raw(m_path);
            for (const QString &sql : {
                     QStringLiteral("CREATE TABLE search_rows (record_id TEXT PRIMARY KEY, fts_rowid INTEGER NOT NULL "
                                    "UNIQUE)"),
                     QStringLiteral("INSERT INTO search_rows SELECT id, fts_rowid FROM records"),
                     QStringLiteral("DROP INDEX records_list"),
                     QStringLiteral("ALTER TABLE records DROP COLUMN sort_key"),
                     QStringLiteral("ALTER TABLE records DROP COLUMN fts_rowid"),
                     QStringLiteral("ALTER TABLE outbox DROP COLUMN created_hash"),
                     QStringLiteral("PRAGMA user_version = 2"),
                 })
                QVERIFY2(raw.exec(sql), qPrintable(sql));
        }

        ReplicaStore store(m_path, m_key);
        const auto opened = store.open();
        QVERIFY2(opened, failure(opened).constData());
        QCOMPARE(store.search(QStringLiteral("xuyen")).value(), QStringList { pulled });
        QCOMPARE(store.search(QStringLiteral("tam")).value(), QStringList { local });
        // Format 7: both are in the list, in order (Tám before Xuyến), and found by its search.
        ReplicaStore::ListQuery list;
        list.kind = QStringLiteral("person");
        const auto keys = store.listKeys(list);
        QVERIFY2(keys, failure(keys).constData());
        const auto rows = store.listRows(keys.value());
        QVERIFY2(rows, failure(rows).constData());
        QCOMPARE(rows.value().size(), 2);
        QCOMPARE(rows.value().at(0).id, local);
        QCOMPARE(rows.value().at(1).id, pulled);
        list.search = QStringLiteral("xuyen");
        QCOMPARE(store.listKeys(list).value(), QList<qint64> { rows.value().at(1).key });
        // Edits replace the record's index row rather than add one; a departure takes it out.
        QVERIFY(store.update(local, { { QStringLiteral("given_name"), QStringLiteral("Tâm") } }));
        QVERIFY(store.applyPullPage(page({ change(pulled, 2, nguoi(QStringLiteral("Yến"))) }, { { registries, 2 } })));
        QCOMPARE(store.search(QStringLiteral("tam")).value(), QStringList { local });
        QCOMPARE(store.search(QStringLiteral("yen")).value(), QStringList { pulled });
        QCOMPARE(store.search(QStringLiteral("xuyen")).value(), QStringList());
        QVERIFY(store.applyPullPage(page({ departure(pulled, 3) }, { { registries, 3 } })));
        QCOMPARE(store.search(QStringLiteral("yen")).value(), QStringList());
        store.close();

        RawDatabase raw(m_path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), ReplicaStore::formatVersion);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'search_rows'")).toInt(), 0);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM search_index")).toInt(), 1);
        // Format 6: creates carry the content hash of what they make; those queued before have none.
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM outbox WHERE type = 'create' AND created_hash IS NULL"))
                     .toInt(),
            1);
        // Format 5: the index keeps neither word positions nor text lengths.
        const QString index
            = raw.value(QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'search_index'")).toString();
        QVERIFY2(index.contains(QStringLiteral("detail = none")) && index.contains(QStringLiteral("columnsize = 0")),
            qPrintable(index));
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM records WHERE fts_rowid IN (SELECT rowid FROM "
                                          "search_index)"))
                     .toInt(),
            1);
    }

    // An import: many writes, one commit. A write refused inside is undone alone; a batch that fails keeps nothing.
    void writeBatchCommitsTogether()
    {
        const auto person = [](const QString &given) {
            return QJsonObject { { QStringLiteral("surname"), QStringLiteral("Lê") },
                { QStringLiteral("given_name"), given } };
        };
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QString taken = store.create(QStringLiteral("person"), commune, person(QStringLiteral("Có"))).value();
        QStringList created;
        QStringList refused;
        QVERIFY(store.writeBatch([&]() -> Status<ReplicaStore::Error> {
            for (int i = 0; i < 5; ++i) {
                // The third row reuses an id: refused, the rows around it go in.
                const QString id = i == 2 ? taken : QString();
                const auto made
                    = store.create(QStringLiteral("person"), commune, person(QStringLiteral("Hàng %1").arg(i)), id);
                if (made)
                    created.append(made.value());
                else
                    refused.append(made.error().message);
            }
            return ok;
        }));
        QCOMPARE(created.size(), 4);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(store.pendingCount(), 5);
        for (const QString &id : std::as_const(created))
            QVERIFY(store.record(id));
        QCOMPARE(store.record(taken).value().value(QStringLiteral("given_name")).toString(), QStringLiteral("Có"));
        QCOMPARE(store.search(QStringLiteral("hang")).value().size(), 4);

        QString lost;
        bool visibleInside = false;
        const auto failed = store.writeBatch([&]() -> Status<ReplicaStore::Error> {
            lost = store.create(QStringLiteral("person"), commune, person(QStringLiteral("Mất"))).value();
            visibleInside = store.record(lost).isOk();
            return mts::Error<ReplicaStore::Error> { ReplicaStore::Error::InvalidArgument, QStringLiteral("stop") };
        });
        QVERIFY(!failed);
        QVERIFY(visibleInside);
        QCOMPARE(store.record(lost).error().code, ReplicaStore::Error::NotFound);
        QCOMPARE(store.pendingCount(), 5);
        QVERIFY(store.search(QStringLiteral("mat")).value().isEmpty());
    }

    void pulledValuesKeptExactlyAndHashedCanonically_data()
    {
        QTest::addColumn<QJsonObject>("fields");
        const QString nfc = QStringLiteral("Nguyễn Thị Đoan Trang");
        QTest::newRow("plain") << nguoi(QStringLiteral("An"));
        QTest::newRow("not NFC") << QJsonObject { { QStringLiteral("given_name"),
                                                      nfc.normalized(QString::NormalizationForm_D) },
            { QStringLiteral("cccd"), nfc.normalized(QString::NormalizationForm_D) } };
        QTest::newRow("escapes") << QJsonObject { { QStringLiteral("address"),
            QString(QStringLiteral("a\"b\\c/d\te\nf") + QChar(1) + QChar(0x1f) + QStringLiteral("\b\f\r")) } };
        QTest::newRow("numbers") << QJsonObject { { QStringLiteral("birth_year"), 1979 },
            { QStringLiteral("future_int"), qint64(9007199254740993) }, { QStringLiteral("future_big"), 1e300 },
            { QStringLiteral("future_neg"), -42 }, { QStringLiteral("future_fraction"), 0.1 },
            { QStringLiteral("future_whole"), 3.0 }, { QStringLiteral("phone"), 912345678 } };
        QTest::newRow("other types") << QJsonObject { { QStringLiteral("future_bool"), true },
            { QStringLiteral("religion"), QJsonValue::Null },
            { QStringLiteral("future_object"),
                QJsonObject { { QStringLiteral("z"), 1 }, { QStringLiteral("a"), QStringLiteral("Ồ") } } },
            { QStringLiteral("future_array"), QJsonArray { 1, QStringLiteral("x"), QJsonValue::Null } } };
        QTest::newRow("non-ascii key") << QJsonObject { { QStringLiteral("trường_mới"), QStringLiteral("x") },
            { QStringLiteral("given_name"), QStringLiteral("Bình") } };
        QTest::newRow("sealed look-alike")
            << QJsonObject { { QStringLiteral("given_name"), QStringLiteral("sealed:abc") } };
        QTest::newRow("empty") << QJsonObject {};
    }

    void pulledValuesKeptExactlyAndHashedCanonically()
    {
        QFETCH(QJsonObject, fields);
        // The fields as an object, as the canonical text the server sends (kept as it came), and as other text;
        // and each text form prepared on another thread (pagePreparer()), as the sync engine does.
        enum Form { Object, Canonical, Indented, CanonicalPrepared, IndentedPrepared };
        for (const Form form : { Object, Canonical, Indented, CanonicalPrepared, IndentedPrepared }) {
            ReplicaStore store(m_dir->filePath(QStringLiteral("replica-%1.sqlite").arg(int(form))), m_key);
            QVERIFY(store.open());
            const QString id = createUuid7();
            sync::RecordChange pulled = change(id, 4, form == Object ? fields : QJsonObject());
            if (form == Canonical || form == CanonicalPrepared)
                pulled.fieldsJson = CanonicalJson::encode(fields);
            else if (form == Indented || form == IndentedPrepared)
                pulled.fieldsJson = QJsonDocument(fields).toJson(QJsonDocument::Indented);
            pulled.deleted = fields.isEmpty();
            const sync::PullResponse onePage = page({ pulled }, { { registries, 4 } });
            if (form == CanonicalPrepared || form == IndentedPrepared) {
                ReplicaStore::PreparedPage prepared;
                std::thread elsewhere([&, prepare = store.pagePreparer()] { prepared = prepare(onePage); });
                elsewhere.join();
                QCOMPARE(prepared.size(), 1);
                QVERIFY(prepared.at(0));
                QVERIFY(store.applyPullPage(onePage, {}, prepared));
            } else {
                QVERIFY(store.applyPullPage(onePage));
            }

            // The values read back exactly as the server sent them (no NFC, no escaping lost), sealed or not.
            const QJsonObject sent = form == Object ? fields : QJsonDocument::fromJson(pulled.fieldsJson).object();
            QCOMPARE(store.record(id).value(), sent);
            // The cached checksum, kept from the hash made while storing, is BucketChecksum's.
            BucketChecksum expected;
            expected.add(id, 4, fields, pulled.deleted);
            QCOMPARE(store.buckets().value().first().local, expected);
            QCOMPARE(store.bucketChecksum(registries).value(), expected);
            // Indexed as pulled, sensitive values left out.
            QCOMPARE(store.search(cccd).value(), QStringList());
            if (fields.contains(QStringLiteral("surname")))
                QCOMPARE(store.search(QStringLiteral("nguyen an")).value(), QStringList { id });
            // Sensitive values are not stored in the clear, in the file or its log.
            if (fields.value(QStringLiteral("cccd")) == cccd) {
                const QByteArray clear = cccd.toUtf8();
                QVERIFY(!readAll(store.filePath()).contains(clear));
                QVERIFY(!readAll(store.filePath() + QStringLiteral("-wal")).contains(clear));
            }
        }
    }

    void localWriteOutboxAndClockCommitTogether()
    {
        qint64 wall = 1750000000000;
        {
            ReplicaStore store(m_path, m_key);
            store.setWallClock([&wall] { return wall; });
            QVERIFY(store.open());
            const auto id = store.create(QStringLiteral("person"), commune, nguoi(QStringLiteral("An")));
            QVERIFY2(id, failure(id).constData());
            const HlcStamp first = store.lastStamp();
            QCOMPARE(first.millis, wall);
            QVERIFY(store.update(id.value(), { { QStringLiteral("given_name"), QStringLiteral("Ân") } }));
            QVERIFY(store.lastStamp() > first);

            // A write whose outbox row fails leaves no record, no op and the persisted clock where it was.
            {
                RawDatabase raw(m_path);
                QVERIFY(raw.exec(QStringLiteral("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox "
                                                "BEGIN SELECT RAISE(ABORT, 'injected fault'); END")));
            }
            const QByteArray persisted
                = RawDatabase(m_path).value(QStringLiteral("SELECT value FROM meta WHERE key = 'hlc'")).toByteArray();
            wall += 1000;
            const auto failed = store.create(QStringLiteral("person"), commune, nguoi(QStringLiteral("Bình")));
            QVERIFY(!failed);
            QCOMPARE(store.pendingCount(), 2);
            QCOMPARE(store.search(QStringLiteral("binh")).value(), QStringList());
            QCOMPARE(
                RawDatabase(m_path).value(QStringLiteral("SELECT value FROM meta WHERE key = 'hlc'")).toByteArray(),
                persisted);
            QVERIFY(RawDatabase(m_path).exec(QStringLiteral("DROP TRIGGER fail_outbox")));
        }
        // The persisted clock is the stamp of the last op.
        ReplicaStore again(m_path, m_key);
        wall = 0; // a clock that went back: stamps still go forward
        again.setWallClock([&wall] { return wall; });
        QVERIFY(again.open());
        const auto batch = again.pendingBatch(10).value();
        QCOMPARE(batch.size(), 2);
        QCOMPARE(again.lastStamp(), batch.last().hlc);
        QVERIFY(batch.first().hlc < batch.last().hlc);
        const auto id = again.create(QStringLiteral("person"), commune, nguoi(QStringLiteral("Cường")));
        QVERIFY(id);
        QVERIFY(again.pendingBatch(10).value().last().hlc > batch.last().hlc);
    }

    void pushOutcomesAndSetAside()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QString household
            = store.create(QStringLiteral("household"), commune, { { QStringLiteral("members"), 4 } }).value();
        QJsonObject member = nguoi(QStringLiteral("Dũng"));
        member.insert(QStringLiteral("household_id"), household);
        const QString person = store.create(QStringLiteral("person"), commune, member).value();
        const QString other = store.create(QStringLiteral("person"), commune, nguoi(QStringLiteral("Giang"))).value();
        QVERIFY(store.update(household, { { QStringLiteral("head_name"), QStringLiteral("Đặng Văn Hạnh") } }));
        QVERIFY(store.update(person, { { QStringLiteral("phone"), QStringLiteral("0911222333") } }));
        QCOMPARE(store.pendingCount(), 5);

        // The first two ops go out: the household's create is refused, the unrelated person's applied.
        const auto sent = store.outgoingBatch(3).value();
        auto batch = opsOf(sent);
        QCOMPARE(batch.size(), 3);
        sync::PushResponse response;
        response.serverTime = 1750000000000;
        sync::RecordChange otherState = change(other, 1, nguoi(QStringLiteral("Giang")));
        otherState.hlc = batch.at(2).hlc;
        response.results = {
            outcome(batch.at(0), sync::PushOutcome::Rejected, {}, QStringLiteral("\"head_name\" is required.")),
            outcome(batch.at(1), sync::PushOutcome::Rejected, {}, QStringLiteral("Unknown household.")),
            outcome(batch.at(2), sync::PushOutcome::Applied, otherState),
        };
        // Results that do not match the batch change nothing.
        auto shuffled = response;
        std::swap(shuffled.results[0], shuffled.results[2]);
        QCOMPARE(store.applyPushResponse(sent, shuffled).error().code, ReplicaStore::Error::Protocol);
        QCOMPARE(store.pendingCount(), 5);

        const auto applied = store.applyPushResponse(sent, response);
        QVERIFY2(applied, failure(applied).constData());
        QCOMPARE(store.pendingCount(), 0);
        QCOMPARE(store.setAsideCount(), 4);
        const auto aside = store.setAsideOps().value();
        QCOMPARE(aside.size(), 4);
        QCOMPARE(aside.at(0).op.recordId, household);
        QCOMPARE(aside.at(0).reason, QStringLiteral("\"head_name\" is required."));
        QCOMPARE(aside.at(2).op.recordId, household); // its later update, held back
        QCOMPARE(aside.at(2).heldBy, household);
        QCOMPARE(aside.at(3).op.recordId, person); // the referring record's later edit
        QCOMPARE(aside.at(3).heldBy, household);
        QCOMPARE(aside.at(3).op.set.value(QStringLiteral("phone")).toString(), QStringLiteral("0911222333"));
        // They left the view; the unrelated record is acknowledged and its base is the server's.
        QCOMPARE(store.record(household).error().code, ReplicaStore::Error::NotFound);
        QCOMPARE(store.record(person).error().code, ReplicaStore::Error::NotFound);
        QCOMPARE(store.recordState(other).value().version, 1);
        BucketChecksum expected;
        expected.add(other, 1, nguoi(QStringLiteral("Giang")), false);
        QCOMPARE(store.bucketChecksum(registries).value(), expected);
        QCOMPARE(store.buckets().value().first().local, expected);

        const QJsonArray exported = store.exportSetAside().value();
        QCOMPARE(exported.size(), 4);
        QCOMPARE(exported.at(0).toObject().value(QStringLiteral("reason")).toString(),
            QStringLiteral("\"head_name\" is required."));

        // Fix and resend: one merged op with a new id for the household, the person's ops released after it.
        const auto resent
            = store.resendSetAside(household, { { QStringLiteral("head_name"), QStringLiteral("Đặng Văn Hạnh") } });
        QVERIFY2(resent, failure(resent).constData());
        QCOMPARE(store.setAsideCount(), 0);
        batch = store.pendingBatch(10).value();
        QCOMPARE(batch.size(), 2);
        QCOMPARE(batch.at(0).opId, resent.value());
        QVERIFY(batch.at(0).opId != aside.at(0).op.opId);
        QCOMPARE(batch.at(0).type, SyncOp::Type::Create);
        QCOMPARE(batch.at(0).set.value(QStringLiteral("members")).toInt(), 4);
        QCOMPARE(batch.at(0).set.value(QStringLiteral("head_name")).toString(), QStringLiteral("Đặng Văn Hạnh"));
        QCOMPARE(batch.at(1).recordId, person);
        QCOMPARE(batch.at(1).type, SyncOp::Type::Create);
        QCOMPARE(batch.at(1).set.value(QStringLiteral("phone")).toString(), QStringLiteral("0911222333"));
        QCOMPARE(batch.at(1).set.value(QStringLiteral("household_id")).toString(), household);
        QVERIFY(batch.at(0).hlc < batch.at(1).hlc);
        QCOMPARE(store.record(person).value().value(QStringLiteral("phone")).toString(), QStringLiteral("0911222333"));
        QCOMPARE(store.resendSetAside(household).error().code, ReplicaStore::Error::NotFound);
    }

    // An acknowledged create answered "fields as sent" becomes the base as it was created, never with a later
    // edit that is still on its way, though the view shows that edit.
    void createdAsSentIsTheBaseWithoutLaterEdits()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QString id = store.create(QStringLiteral("person"), commune, nguoi(QStringLiteral("An"))).value();
        QVERIFY(store.update(id, { { QStringLiteral("given_name"), QStringLiteral("Bình") } }));
        const auto sent = store.outgoingBatch(1).value();
        const auto batch = opsOf(sent);
        QCOMPARE(batch.size(), 1);
        sync::RecordChange created = change(id, 1, {});
        created.fieldsAsSent = true;
        created.hlc = batch.at(0).hlc;
        sync::PushResponse response;
        response.serverTime = 1750000000000;
        response.results = { outcome(batch.at(0), sync::PushOutcome::Applied, created) };
        const auto applied = store.applyPushResponse(sent, response);
        QVERIFY2(applied, failure(applied).constData());
        QCOMPARE(store.pendingCount(), 1);
        QCOMPARE(store.record(id).value().value(QStringLiteral("given_name")).toString(), QStringLiteral("Bình"));

        // The base is what a replica that pulled the created record holds.
        ReplicaStore other(m_dir->filePath(QStringLiteral("other.sqlite")), crypto::randomBytes(crypto::keyBytes));
        QVERIFY(other.open());
        sync::RecordChange pulled = change(id, 1, nguoi(QStringLiteral("An")));
        pulled.hlc = batch.at(0).hlc;
        QVERIFY(other.applyPullPage(page({ pulled }, { { registries, 1 } })));
        QCOMPARE(store.stateHash().value(), other.stateHash().value());

        // With no edit pending, the base is the view's row as it stands.
        ReplicaStore third(m_dir->filePath(QStringLiteral("third.sqlite")), m_key);
        QVERIFY(third.open());
        const QString lone = third.create(QStringLiteral("person"), commune, nguoi(QStringLiteral("An")), id).value();
        const auto single = third.outgoingBatch(1).value();
        created.hlc = single.at(0).op().value().hlc;
        response.results = { outcome(single.at(0).op().value(), sync::PushOutcome::Applied, created) };
        QVERIFY(third.applyPushResponse(single, response));
        QCOMPARE(third.pendingCount(), 0);
        QCOMPARE(third.stateHash().value(), other.stateHash().value());
    }

    // An acknowledged create is counted in its bucket's checksum with the hash of the state the server stores,
    // whether its content hash was written with it (format 6) or not (an op queued by an older build): the same
    // checksum a replica that pulled that state computes from its fields.
    void acknowledgedCreatesCountAsTheirServerState_data()
    {
        QTest::addColumn<bool>("hashedWhenWritten");
        QTest::newRow("hashed when written") << true;
        QTest::newRow("queued by an older build") << false;
    }
    void acknowledgedCreatesCountAsTheirServerState()
    {
        QFETCH(bool, hashedWhenWritten);
        const QString reports = commune + QStringLiteral("/reports");
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        // Typed in decomposed form (NFD): stored, sent and hashed in NFC. The citizen ID is sealed at rest.
        QJsonObject person = nguoi(QStringLiteral("Hu\u031bng"));
        const QString personId = store.create(QStringLiteral("person"), commune, person).value();
        person.insert(QStringLiteral("given_name"), QStringLiteral("H\u01b0ng"));
        // A report starts in its workflow's initial state, which the create does not name.
        const QJsonObject report { { QStringLiteral("period_type"), QStringLiteral("weekly") },
            { QStringLiteral("period"), QStringLiteral("2026-W48") } };
        const QString reportId = store.create(QStringLiteral("report"), commune, report).value();
        QJsonObject reportState = report;
        reportState.insert(QStringLiteral("status"), QStringLiteral("draft"));
        store.close();
        if (!hashedWhenWritten)
            QVERIFY(RawDatabase(m_path).exec(QStringLiteral("UPDATE outbox SET created_hash = NULL")));
        QVERIFY(store.open());

        auto sent = store.outgoingBatch(10).value();
        QCOMPARE(sent.size(), 2);
        QCOMPARE(sent.at(0).createdHash.isEmpty(), !hashedWhenWritten);
        sync::RecordChange personCreated = change(personId, 1, {});
        sync::RecordChange reportCreated = change(reportId, 1, {}, reports, QStringLiteral("report"));
        personCreated.fieldsAsSent = reportCreated.fieldsAsSent = true;
        sync::PushResponse response;
        response.results = { outcome(sent.at(0).op().value(), sync::PushOutcome::Applied, personCreated),
            outcome(sent.at(1).op().value(), sync::PushOutcome::Applied, reportCreated) };
        // With the hash written, the acknowledgement does not read the ops again: their bytes may be gone.
        if (hashedWhenWritten) {
            for (ReplicaStore::OutgoingOp &op : sent)
                op.json = QByteArrayLiteral("{}");
        }
        const auto applied = store.applyPushResponse(sent, response);
        QVERIFY2(applied, failure(applied).constData());
        QCOMPARE(store.pendingCount(), 0);

        BucketChecksum personSum;
        personSum.add(personId, 1, person, false);
        BucketChecksum reportSum;
        reportSum.add(reportId, 1, reportState, false);
        QCOMPARE(store.bucketChecksum(registries).value(), personSum);
        QCOMPARE(store.bucketChecksum(reports).value(), reportSum);
        QCOMPARE(store.record(personId).value(), person);
        QCOMPARE(store.record(reportId).value(), reportState);

        ReplicaStore other(m_dir->filePath(QStringLiteral("other.sqlite")), crypto::randomBytes(crypto::keyBytes));
        QVERIFY(other.open());
        sync::RecordChange personPulled = change(personId, 1, person);
        sync::RecordChange reportPulled = change(reportId, 1, reportState, reports, QStringLiteral("report"));
        QVERIFY(other.applyPullPage(
            page({ personPulled, reportPulled }, { { registries, 1 }, { reports, 1 } }, { registries, reports })));
        QCOMPARE(other.bucketChecksum(registries).value(), personSum);
        QCOMPARE(other.bucketChecksum(reports).value(), reportSum);
    }

    void badOpNamedByTheServerIsSetAside()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QString a = store.create(QStringLiteral("person"), commune, nguoi(QStringLiteral("An"))).value();
        const QString b = store.create(QStringLiteral("person"), commune, nguoi(QStringLiteral("Bình"))).value();
        const auto batch = store.pendingBatch(10).value();
        QVERIFY(store.setAside(batch.at(0).opId, QStringLiteral("malformed")));
        QCOMPARE(store.pendingBatch(10).value().size(), 1);
        QCOMPARE(store.pendingBatch(10).value().first().recordId, b);
        QCOMPARE(store.record(a).error().code, ReplicaStore::Error::NotFound);
        QCOMPARE(store.setAside(batch.at(0).opId, QStringLiteral("again")).error().code, ReplicaStore::Error::NotFound);
    }

    void pullIsVersionGated()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QString id = createUuid7();
        QVERIFY(store.applyPullPage(page({ change(id, 5, nguoi(QStringLiteral("An"))) }, { { registries, 5 } })));
        QCOMPARE(store.recordState(id).value().version, 5);
        // An older state of the same bucket (a replayed page) changes nothing.
        QVERIFY(store.applyPullPage(page({ change(id, 3, nguoi(QStringLiteral("Cũ"))) }, { { registries, 5 } })));
        QCOMPARE(store.record(id).value().value(QStringLiteral("given_name")).toString(), QStringLiteral("An"));
        QVERIFY(store.applyPullPage(page({ change(id, 7, nguoi(QStringLiteral("Mới"))) }, { { registries, 7 } })));
        QCOMPARE(store.record(id).value().value(QStringLiteral("given_name")).toString(), QStringLiteral("Mới"));
        QCOMPARE(store.bucketPositions().value(), (QMap<QString, qint64> { { registries, 7 } }));

        // A departure from a bucket the record no longer sits in changes nothing; from its bucket it drops it.
        const QStringList both { registries, otherRegistries };
        QVERIFY(store.applyPullPage(page({ departure(id, 2, otherRegistries) }, { { otherRegistries, 2 } }, both)));
        QVERIFY(store.record(id));
        QVERIFY(store.applyPullPage(page({ departure(id, 6, registries) }, { { registries, 8 } }, both)));
        QVERIFY(store.record(id)); // older than the base's version 7
        QVERIFY(store.applyPullPage(page({ departure(id, 9, registries) }, { { registries, 9 } }, both)));
        QCOMPARE(store.record(id).error().code, ReplicaStore::Error::NotFound);
        QCOMPARE(store.search(QStringLiteral("moi")).value(), QStringList());
        QCOMPARE(store.bucketChecksum(registries).value(), BucketChecksum());
    }

    void pullNeverOverwritesAnUnsentEdit()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QString id = createUuid7();
        QVERIFY(store.applyPullPage(page({ change(id, 1, nguoi(QStringLiteral("An"))) }, { { registries, 1 } })));
        QVERIFY(store.update(id, { { QStringLiteral("given_name"), QStringLiteral("Ánh") } }));

        // Someone else changed another field meanwhile: the view shows both, the local edit on top.
        QJsonObject theirs = nguoi(QStringLiteral("An"));
        theirs.insert(QStringLiteral("address"), QStringLiteral("Tổ 3"));
        QVERIFY(store.applyPullPage(page({ change(id, 2, theirs) }, { { registries, 2 } })));
        QJsonObject expected = theirs;
        expected.insert(QStringLiteral("given_name"), QStringLiteral("Ánh"));
        QCOMPARE(store.record(id).value(), expected);
        QCOMPARE(store.search(QStringLiteral("anh to 3")).value(), QStringList { id });
        QCOMPARE(store.pendingCount(), 1);

        // Acknowledged: the server's state is the base and the view.
        const auto sent = store.outgoingBatch(10).value();
        sync::PushResponse response;
        sync::RecordChange merged = change(id, 3, expected);
        response.results = { outcome(sent.first().op().value(), sync::PushOutcome::Applied, merged) };
        QVERIFY(store.applyPushResponse(sent, response));
        QCOMPARE(store.pendingCount(), 0);
        QCOMPARE(store.record(id).value(), expected);
        QCOMPARE(store.recordState(id).value().version, 3);
        BucketChecksum checksum;
        checksum.add(id, 3, expected, false);
        QCOMPARE(store.bucketChecksum(registries).value(), checksum);
        QCOMPARE(store.buckets().value().first().local, checksum);
    }

    void unreadableBucketIsPurged()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QString mine = createUuid7();
        const QString theirs = createUuid7();
        QVERIFY(store.applyPullPage(page({ change(mine, 1, nguoi(QStringLiteral("An"))),
                                             change(theirs, 1, nguoi(QStringLiteral("Xuyến")), otherRegistries) },
            { { registries, 1 }, { otherRegistries, 1 } }, { registries, otherRegistries })));
        QVERIFY(store.update(theirs, { { QStringLiteral("given_name"), QStringLiteral("Xuân") } }));
        const QString local
            = store.create(QStringLiteral("person"), otherCommune, nguoi(QStringLiteral("Yến"))).value();
        QCOMPARE(store.pendingCount(), 2);

        // The right to read the other commune is gone.
        QVERIFY(store.applyPullPage(page({}, { { registries, 1 } }, { registries })));
        QCOMPARE(store.record(theirs).error().code, ReplicaStore::Error::NotFound);
        QCOMPARE(store.record(local).error().code, ReplicaStore::Error::NotFound);
        QVERIFY(store.record(mine));
        QCOMPARE(store.search(QStringLiteral("xuyen")).value(), QStringList());
        QCOMPARE(store.search(QStringLiteral("xuan")).value(), QStringList());
        QCOMPARE(store.pendingCount(), 0);
        QCOMPARE(store.setAsideCount(), 2);
        QVERIFY(store.setAsideOps().value().first().reason.contains(otherRegistries));
        QCOMPARE(store.bucketPositions().value().keys(), QStringList { registries });
        RawDatabase raw(m_path);
        QCOMPARE(
            raw.value(QStringLiteral("SELECT count(*) FROM base WHERE bucket = '%1'").arg(otherRegistries)).toInt(), 0);
    }

    void checksumAndStateHash()
    {
        QList<sync::RecordChange> changes;
        BucketChecksum expected;
        for (int i = 0; i < 20; ++i) {
            QJsonObject fields = nguoi(QStringLiteral("Người %1").arg(i));
            fields.insert(QStringLiteral("birth_year"), 1950 + i);
            fields.insert(QStringLiteral("phone"), QStringLiteral("09000000%1").arg(i, 2, 10, QLatin1Char('0')));
            changes.append(change(createUuid7(), i + 1, fields));
            changes.last().deleted = i % 7 == 3;
            expected.add(changes.last().id, i + 1, fields, changes.last().deleted);
        }
        ReplicaStore first(m_path, m_key);
        QVERIFY(first.open());
        QVERIFY(first.applyPullPage(page(changes.mid(0, 10), { { registries, 10 } })));
        QVERIFY(first.applyPullPage(
            page(changes.mid(10), { { registries, 20 } }, { registries }, { { registries, expected } })));
        QCOMPARE(first.bucketChecksum(registries).value(), expected);
        const ReplicaBucket bucket = first.buckets().value().first();
        QCOMPARE(bucket.local, expected);
        QVERIFY(bucket.isAtHead());
        QVERIFY(!bucket.isMismatched());

        // Another replica, other key, pages in another order: the same state hash.
        ReplicaStore second(m_dir->filePath(QStringLiteral("second.sqlite")), crypto::randomBytes(crypto::keyBytes));
        QVERIFY(second.open());
        QList<sync::RecordChange> reversed(changes.rbegin(), changes.rend());
        QVERIFY(second.applyPullPage(page(reversed, { { registries, 20 } })));
        QCOMPARE(second.stateHash().value(), first.stateHash().value());
        QCOMPARE(first.stateHash().value().size(), 64);
        QVERIFY(second.update(changes.first().id, { { QStringLiteral("given_name"), QStringLiteral("Khác") } }));
        QCOMPARE(second.stateHash().value(), first.stateHash().value()); // the hash covers the base only

        // The sensitive values pulled are nowhere in clear.
        first.close();
        const QByteArray bytes = readAll(m_path) + readAll(m_path + QLatin1String("-wal"));
        QVERIFY(bytes.contains("Nguy"));
        QVERIFY(!bytes.contains(cccd.toUtf8()));
        QVERIFY(!bytes.contains("0900000007"));
    }

    void rebuildReplacesTheBucketAndKeepsTheOutbox()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QString a = createUuid7();
        const QString b = createUuid7();
        const QString gone = createUuid7();
        QVERIFY(store.applyPullPage(
            page({ change(a, 1, nguoi(QStringLiteral("An"))), change(b, 2, nguoi(QStringLiteral("Bình"))),
                     change(gone, 3, nguoi(QStringLiteral("Cũ"))) },
                { { registries, 3 } })));
        QVERIFY(store.update(a, { { QStringLiteral("given_name"), QStringLiteral("Ánh") } }));
        // The base drifts from the server (damage, a bug): b's fields changed behind the checksum's back.
        {
            RawDatabase raw(m_path);
            QVERIFY(raw.exec(QStringLiteral("UPDATE base SET hash = hash + 1 WHERE id = '%1'").arg(b)));
        }
        BucketChecksum server;
        server.add(a, 1, nguoi(QStringLiteral("An")), false);
        server.add(b, 4, nguoi(QStringLiteral("Bảo")), false);
        QVERIFY(store.bucketChecksum(registries).value() != server);

        const auto rebuilt = store.rebuildBucket(registries,
            { change(a, 1, nguoi(QStringLiteral("An"))), change(b, 4, nguoi(QStringLiteral("Bảo"))) }, 4, 4);
        QVERIFY2(rebuilt, failure(rebuilt).constData());
        QCOMPARE(store.bucketChecksum(registries).value(), server);
        QCOMPARE(store.record(gone).error().code, ReplicaStore::Error::NotFound);
        QCOMPARE(store.record(b).value().value(QStringLiteral("given_name")).toString(), QStringLiteral("Bảo"));
        // The unsent edit is still there, on top.
        QCOMPARE(store.pendingCount(), 1);
        QCOMPARE(store.record(a).value().value(QStringLiteral("given_name")).toString(), QStringLiteral("Ánh"));
        const ReplicaBucket bucket = store.buckets().value().first();
        QCOMPARE(bucket.position, 4);
        QCOMPARE(bucket.rebuiltAtSeq, 4);
        QCOMPARE(store.search(QStringLiteral("bao")).value(), QStringList { b });
    }

    void clockOffsetRestampsPendingOps()
    {
        const qint64 serverTime = 1750000000000;
        qint64 wall = serverTime + 24 * 3600 * 1000; // a PC one day ahead
        ReplicaStore store(m_path, m_key);
        store.setWallClock([&wall] { return wall; });
        QVERIFY(store.open());
        QVERIFY(store.create(QStringLiteral("person"), commune, nguoi(QStringLiteral("An"))));
        QVERIFY(store.create(QStringLiteral("person"), commune, nguoi(QStringLiteral("Bình"))));
        const auto before = store.pendingBatch(10).value();
        QVERIFY(before.first().hlc.millis >= wall);

        QVERIFY(store.adoptClockOffset(serverTime));
        QCOMPARE(store.clockOffsetMillis(), serverTime - wall);
        const auto after = store.pendingBatch(10).value();
        QCOMPARE(after.size(), 2);
        QCOMPARE(after.at(0).opId, before.at(0).opId);
        QVERIFY(after.at(0).hlc.millis < serverTime + sync::maxClockAheadMillis);
        QVERIFY(after.at(0).hlc < after.at(1).hlc);
        QCOMPARE(after.at(0).set, before.at(0).set);
        // New writes use the adopted offset too, and it survives a restart.
        QVERIFY(store.create(QStringLiteral("person"), commune, nguoi(QStringLiteral("Cường"))));
        QVERIFY(store.lastStamp().millis < serverTime + 1000);
        store.close();
        ReplicaStore again(m_path, m_key);
        again.setWallClock([&wall] { return wall; });
        QVERIFY(again.open());
        QCOMPARE(again.clockOffsetMillis(), serverTime - wall);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QByteArray m_key;
};

QTEST_GUILESS_MAIN(tst_ReplicaSync)
#include "tst_replicasync.moc"
