// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/core/replicastore.h"
#include "shared/crypto.h"
#include "shared/recordschema.h"
#include "shared/uuid7.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace mts;

namespace {

const QString commune = QStringLiteral("C:00070");
const QString person = QStringLiteral("person");

/// The message of a failed result, for QVERIFY2 (which evaluates its message even when the check passes).
template <typename R>
QByteArray failure(const R &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

/// A second, plain connection to the replica file, to look at and tamper with what the store wrote.
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
    bool isOpen() const { return m_ok; }

    bool exec(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name));
        if (!query.exec(sql)) {
            qWarning() << sql << query.lastError().text();
            return false;
        }
        return true;
    }

    QVariantList column(const QString &sql)
    {
        QVariantList values;
        QSqlQuery query(QSqlDatabase::database(m_name));
        if (!query.exec(sql))
            qWarning() << sql << query.lastError().text();
        while (query.next())
            values.append(query.value(0));
        return values;
    }

    QVariant value(const QString &sql)
    {
        const QVariantList values = column(sql);
        return values.isEmpty() ? QVariant() : values.first();
    }

private:
    QString m_name;
    bool m_ok = false;
};

QJsonObject dong()
{
    return {
        { QStringLiteral("surname"), QStringLiteral("Nguyễn") },
        { QStringLiteral("middle_name"), QStringLiteral("Văn") },
        { QStringLiteral("given_name"), QStringLiteral("Đồng") },
        { QStringLiteral("sex"), QStringLiteral("male") },
        { QStringLiteral("birth_year"), 1979 },
        { QStringLiteral("ethnicity"), QStringLiteral("Kinh") },
        { QStringLiteral("cccd"), QStringLiteral("079203001234") },
        { QStringLiteral("phone"), QStringLiteral("0912345678") },
        { QStringLiteral("address"), QStringLiteral("Tổ 5, ấp Bình Thạnh") },
    };
}

QJsonObject binh()
{
    return {
        { QStringLiteral("surname"), QStringLiteral("Trần") },
        { QStringLiteral("middle_name"), QStringLiteral("Thị") },
        { QStringLiteral("given_name"), QStringLiteral("Bình") },
        { QStringLiteral("cccd"), QStringLiteral("001186000042") },
    };
}

QJsonObject jsonObject(const QVariant &blob)
{
    return QJsonDocument::fromJson(blob.toByteArray()).object();
}

} // namespace

class tst_ReplicaStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("replica.sqlite"));
        m_key = crypto::randomBytes(crypto::keyBytes);
    }

    void roundTrip()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(!store.isOpen());
        QVERIFY(store.open());
        QVERIFY(store.isOpen());
        QCOMPARE(store.pendingCount(), 0);

        QJsonObject fields = dong();
        fields.insert(QStringLiteral("future_field"), QJsonObject { { QStringLiteral("nested"), 3 } });
        fields.insert(QStringLiteral("religion"), QJsonValue::Null);
        const auto saved = store.saveLocal(person, commune, QString(), fields);
        QVERIFY2(saved, failure(saved).constData());
        QVERIFY(isUuid7(saved.value()));
        QCOMPARE(store.pendingCount(), 1);

        const auto read = store.record(saved.value());
        QVERIFY2(read, failure(read).constData());
        QCOMPARE(read.value(), fields);

        // And after reopening the file.
        store.close();
        ReplicaStore again(m_path, m_key);
        QVERIFY(again.open());
        QCOMPARE(again.record(saved.value()).value(), fields);
        QCOMPARE(again.pendingCount(), 1);

        const auto missing = again.record(createUuid7());
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ReplicaStore::Error::NotFound);
    }

    void textStoredInNfc()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QString nfc = QStringLiteral("Nguyễn Thị Đoan Trang");
        const QString nfd = nfc.normalized(QString::NormalizationForm_D);
        QVERIFY(nfd != nfc);
        const QString id = store
                               .saveLocal(person, commune, QString(),
                                   { { QStringLiteral("given_name"), nfd }, { QStringLiteral("phone"), nfd },
                                       { QStringLiteral("future_field"), nfd } })
                               .value();
        const QJsonObject read = store.record(id).value();
        QCOMPARE(read.value(QStringLiteral("given_name")).toString(), nfc);
        QCOMPARE(read.value(QStringLiteral("phone")).toString(), nfc);
        // A field this build does not know is kept exactly as it came.
        QCOMPARE(read.value(QStringLiteral("future_field")).toString(), nfd);
        QCOMPARE(store.search(QStringLiteral("doan trang")).value(), QStringList { id });
    }

    void storedForm()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QString id = store.saveLocal(person, commune, QString(), dong()).value();

        RawDatabase raw(m_path);
        QVERIFY(raw.isOpen());
        QCOMPARE(raw.value(QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), ReplicaStore::formatVersion);

        const QJsonObject stored = jsonObject(raw.value(QStringLiteral("SELECT fields FROM records")));
        QCOMPARE(stored.value(QStringLiteral("given_name")).toString(), QStringLiteral("Đồng"));
        QVERIFY(stored.value(QStringLiteral("cccd")).toString().startsWith(QLatin1String("sealed:")));
        QVERIFY(stored.value(QStringLiteral("phone")).toString().startsWith(QLatin1String("sealed:")));

        const QJsonObject op = jsonObject(raw.value(QStringLiteral("SELECT payload FROM outbox")));
        QVERIFY(isUuid7(op.value(QStringLiteral("op_id")).toString()));
        QCOMPARE(op.value(QStringLiteral("type")).toString(), QStringLiteral("create"));
        QCOMPARE(op.value(QStringLiteral("record_id")).toString(), id);
        QCOMPARE(op.value(QStringLiteral("kind")).toString(), person);
        QCOMPARE(op.value(QStringLiteral("scope")).toString(), commune);
        QCOMPARE(op.value(QStringLiteral("schema_version")).toInt(), RecordSchema::currentVersion);
        const QJsonObject set = op.value(QStringLiteral("set")).toObject();
        QCOMPARE(set.keys(), dong().keys());
        QCOMPARE(set.value(QStringLiteral("surname")).toString(), QStringLiteral("Nguyễn"));
        QVERIFY(set.value(QStringLiteral("cccd")).toString().startsWith(QLatin1String("sealed:")));
        QCOMPARE(raw.value(QStringLiteral("SELECT op_id FROM outbox")).toString(),
            op.value(QStringLiteral("op_id")).toString());
        QCOMPARE(raw.value(QStringLiteral("SELECT type FROM outbox")).toString(), QStringLiteral("create"));

        QCOMPARE(raw.value(QStringLiteral("SELECT text FROM search_index")).toString(),
            QStringLiteral("nguyen van dong kinh to 5, ap binh thanh"));

#ifdef Q_OS_UNIX
        // Owner-only, and SQLite gives the WAL the same permissions.
        const QFileDevice::Permissions others
            = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther;
        QCOMPARE(QFile::permissions(m_path) & others, QFileDevice::Permissions());
        QVERIFY(QFile::exists(m_path + QLatin1String("-wal")));
        QCOMPARE(QFile::permissions(m_path + QLatin1String("-wal")) & others, QFileDevice::Permissions());
#endif
    }

    void search_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<bool>("findsDong");
        QTest::newRow("dong") << QStringLiteral("dong") << true;
        QTest::newRow("nguyen van") << QStringLiteral("nguyen van") << true;
        QTest::newRow("as written") << QStringLiteral("Nguyễn Văn Đồng") << true;
        QTest::newRow("decomposed") << QStringLiteral("Nguyễn Văn Đồng").normalized(QString::NormalizationForm_D)
                                    << true;
        QTest::newRow("upper case") << QStringLiteral("NGUYEN DONG") << true;
        QTest::newRow("prefix") << QStringLiteral("ngu do") << true;
        QTest::newRow("đ typed") << QStringLiteral("đồng") << true;
        QTest::newRow("address") << QStringLiteral("binh thanh") << true;
        QTest::newRow("word order free") << QStringLiteral("dong nguyen") << true;
        QTest::newRow("other words") << QStringLiteral("nguyen binh tran") << false;
        QTest::newRow("cccd digits") << QStringLiteral("079203001234") << false;
        QTest::newRow("cccd prefix") << QStringLiteral("0792") << false;
        QTest::newRow("phone") << QStringLiteral("0912345678") << false;
        QTest::newRow("fts syntax") << QStringLiteral("dong OR \"x* NEAR(") << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("punctuation only") << QStringLiteral("\"*-") << false;
    }

    void search()
    {
        QFETCH(QString, query);
        QFETCH(bool, findsDong);
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QString dongId = store.saveLocal(person, commune, QString(), dong()).value();
        const QString binhId = store.saveLocal(person, commune, QString(), binh()).value();

        const auto found = store.search(query);
        QVERIFY2(found, failure(found).constData());
        QCOMPARE(found.value().contains(dongId), findsDong);
        QVERIFY(!found.value().contains(binhId) || query.contains(QLatin1String("binh")));
        QCOMPARE(store.search(QStringLiteral("tran thi binh")).value(), QStringList { binhId });
        QCOMPARE(store.search(QStringLiteral("001186000042")).value(), QStringList());
    }

    void updateAppendsOp()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QString id = store.saveLocal(person, commune, QString(), dong()).value();
        const QJsonObject change {
            { QStringLiteral("given_name"), QStringLiteral("Đông") },
            { QStringLiteral("phone"), QStringLiteral("0987654321") },
        };
        const auto updated = store.saveLocal(person, commune, id, change);
        QVERIFY2(updated, failure(updated).constData());
        QCOMPARE(updated.value(), id);
        QCOMPARE(store.pendingCount(), 2);

        QJsonObject expected = dong();
        expected.insert(QStringLiteral("given_name"), QStringLiteral("Đông"));
        expected.insert(QStringLiteral("phone"), QStringLiteral("0987654321"));
        QCOMPARE(store.record(id).value(), expected);
        QCOMPARE(store.search(QStringLiteral("nguyen van dong")).value(), QStringList { id });

        RawDatabase raw(m_path);
        QCOMPARE(raw.column(QStringLiteral("SELECT type FROM outbox ORDER BY seq")),
            QVariantList({ QStringLiteral("create"), QStringLiteral("update") }));
        QCOMPARE(raw.value(QStringLiteral("SELECT count(DISTINCT op_id) FROM outbox")).toInt(), 2);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM search_index")).toInt(), 1);
        // The update's op sets only what changed.
        const QJsonObject op = jsonObject(raw.value(QStringLiteral("SELECT payload FROM outbox WHERE seq = 2")));
        QCOMPARE(op.value(QStringLiteral("type")).toString(), QStringLiteral("update"));
        QCOMPARE(op.value(QStringLiteral("set")).toObject().keys(), change.keys());
    }

    void wrongKeyIsRefused()
    {
        {
            ReplicaStore store(m_path, m_key);
            QVERIFY(store.open());
            QVERIFY(store.saveLocal(person, commune, QString(), dong()));
        }
        ReplicaStore other(m_path, crypto::randomBytes(crypto::keyBytes));
        const auto opened = other.open();
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ReplicaStore::Error::WrongKey);
        QVERIFY(!other.isOpen());
        QCOMPARE(other.search(QStringLiteral("dong")).error().code, ReplicaStore::Error::NotOpen);

        ReplicaStore badSize(m_path, QByteArray(16, 'k'));
        QCOMPARE(badSize.open().error().code, ReplicaStore::Error::InvalidKey);

        ReplicaStore right(m_path, m_key);
        QVERIFY(right.open());
        QCOMPARE(right.pendingCount(), 1);
    }

    void sealedValueBoundToRecord()
    {
        // A sealed value copied into another record does not open there: record() fails and says so.
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QString dongId = store.saveLocal(person, commune, QString(), dong()).value();
        const QString binhId = store.saveLocal(person, commune, QString(), binh()).value();
        {
            RawDatabase raw(m_path);
            QVERIFY(raw.exec(QStringLiteral("UPDATE records SET fields = json_set(fields, '$.cccd', "
                                            "(SELECT json_extract(fields, '$.cccd') FROM records WHERE id = '%1')) "
                                            "WHERE id = '%2'")
                                 .arg(dongId, binhId)));
        }
        const auto read = store.record(binhId);
        QVERIFY(!read);
        QCOMPARE(read.error().code, ReplicaStore::Error::SealedFieldUnreadable);
        QVERIFY(read.error().message.contains(QLatin1String("cccd")));
        QVERIFY(!read.error().message.contains(QLatin1String("079203001234")));
        QVERIFY(store.record(dongId));
    }

    void newerFormatRefused()
    {
        {
            ReplicaStore store(m_path, m_key);
            QVERIFY(store.open());
        }
        {
            RawDatabase raw(m_path);
            QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = %1").arg(ReplicaStore::formatVersion + 1)));
        }
        ReplicaStore store(m_path, m_key);
        const auto opened = store.open();
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ReplicaStore::Error::NewerFormat);
        QVERIFY(!store.isOpen());
        RawDatabase raw(m_path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), ReplicaStore::formatVersion + 1);
    }

    void notAReplica()
    {
        {
            RawDatabase raw(m_path);
            QVERIFY(raw.exec(QStringLiteral("CREATE TABLE accounts (name TEXT)")));
        }
        ReplicaStore store(m_path, m_key);
        QCOMPARE(store.open().error().code, ReplicaStore::Error::OpenFailed);

        const QString garbage = m_dir->filePath(QStringLiteral("garbage.sqlite"));
        QFile file(garbage);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        ReplicaStore broken(garbage, m_key);
        QCOMPARE(broken.open().error().code, ReplicaStore::Error::OpenFailed);

        ReplicaStore nowhere(m_dir->filePath(QStringLiteral("missing/dir/replica.sqlite")), m_key);
        QCOMPARE(nowhere.open().error().code, ReplicaStore::Error::OpenFailed);
    }

    void saveIsAtomic()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QString binhId = store.saveLocal(person, commune, QString(), binh()).value();
        {
            RawDatabase raw(m_path);
            QVERIFY(raw.exec(QStringLiteral("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox "
                                            "BEGIN SELECT RAISE(ABORT, 'injected fault'); END")));
        }

        // A create whose op cannot be queued leaves no record and no index row.
        const auto created = store.saveLocal(person, commune, QString(), dong());
        QVERIFY(!created);
        QCOMPARE(created.error().code, ReplicaStore::Error::Database);
        QVERIFY(created.error().message.contains(QLatin1String("injected fault")));
        // An update likewise leaves the record as it was.
        const auto updated
            = store.saveLocal(person, commune, binhId, { { QStringLiteral("given_name"), QStringLiteral("Đồng") } });
        QVERIFY(!updated);

        QCOMPARE(store.pendingCount(), 1);
        QCOMPARE(store.record(binhId).value(), binh());
        QCOMPARE(store.search(QStringLiteral("dong")).value(), QStringList());
        {
            RawDatabase raw(m_path);
            QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM records")).toInt(), 1);
            QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM search_index")).toInt(), 1);
            QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM records WHERE fts_rowid IN (SELECT rowid FROM "
                                              "search_index)"))
                         .toInt(),
                1);
            QVERIFY(raw.exec(QStringLiteral("DROP TRIGGER fail_outbox")));
        }

        // The store is still usable, and then all three appear together.
        const auto saved = store.saveLocal(person, commune, QString(), dong());
        QVERIFY2(saved, failure(saved).constData());
        QCOMPARE(store.pendingCount(), 2);
        QCOMPARE(store.search(QStringLiteral("dong")).value(), QStringList { saved.value() });
        RawDatabase raw(m_path);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM records")).toInt(), 2);
        QCOMPARE(
            raw.value(QStringLiteral("SELECT count(*) FROM outbox WHERE record_id = '%1'").arg(saved.value())).toInt(),
            1);
    }

    void invalidArguments_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("scope");
        QTest::addColumn<QString>("recordId");
        QTest::addColumn<QJsonObject>("fields");
        const QJsonObject name { { QStringLiteral("given_name"), QStringLiteral("An") } };
        QTest::newRow("no kind") << QString() << commune << QString() << name;
        QTest::newRow("bad scope") << person << QStringLiteral("C:70") << QString() << name;
        QTest::newRow("no scope") << person << QString() << QString() << name;
        QTest::newRow("new id not uuid7") << person << commune << QStringLiteral("person-1") << name;
        QTest::newRow("nameless field") << person << commune << QString()
                                        << QJsonObject { { QString(), QStringLiteral("x") } };
        QTest::newRow("other kind") << QStringLiteral("feedback") << commune << QStringLiteral("existing") << name;
        QTest::newRow("other scope") << person << QStringLiteral("C:00071") << QStringLiteral("existing") << name;
    }

    void invalidArguments()
    {
        QFETCH(QString, kind);
        QFETCH(QString, scope);
        QFETCH(QString, recordId);
        QFETCH(QJsonObject, fields);
        ReplicaStore store(m_path, m_key);
        QCOMPARE(store.saveLocal(person, commune, QString(), dong()).error().code, ReplicaStore::Error::NotOpen);
        QVERIFY(store.open());
        const QString existing = store.saveLocal(person, commune, QString(), dong()).value();
        if (recordId == QLatin1String("existing"))
            recordId = existing;
        const auto saved = store.saveLocal(kind, scope, recordId, fields);
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, ReplicaStore::Error::InvalidArgument);
        QCOMPARE(store.pendingCount(), 1);
        QCOMPARE(store.record(existing).value(), dong());
    }

    void unknownKindAndLookalikesAreSealed()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        // A kind this build does not know (a newer client's): every field sealed, nothing indexed.
        const QJsonObject household {
            { QStringLiteral("head_name"), QStringLiteral("Lê Văn Tám") },
            { QStringLiteral("members"), 5 },
        };
        const QString householdId
            = store.saveLocal(QStringLiteral("future_kind"), commune, QString(), household).value();
        QCOMPARE(store.record(householdId).value(), household);
        QCOMPARE(store.search(QStringLiteral("tam")).value(), QStringList());

        // A typed value that happens to look like a sealed one is sealed too, so it reads back as typed.
        const QJsonObject lookalike {
            { QStringLiteral("given_name"), QStringLiteral("An") },
            { QStringLiteral("address"), QStringLiteral("sealed:not really") },
        };
        const QString id = store.saveLocal(person, commune, QString(), lookalike).value();
        QCOMPARE(store.record(id).value(), lookalike);

        RawDatabase raw(m_path);
        const QJsonObject stored
            = jsonObject(raw.value(QStringLiteral("SELECT fields FROM records WHERE id = '%1'").arg(householdId)));
        QVERIFY(stored.value(QStringLiteral("head_name")).toString().startsWith(QLatin1String("sealed:")));
        QVERIFY(stored.value(QStringLiteral("members")).toString().startsWith(QLatin1String("sealed:")));
    }

    void checkpoint()
    {
        ReplicaStore store(m_path, m_key);
        QCOMPARE(store.checkpoint().error().code, ReplicaStore::Error::NotOpen);
        QVERIFY(store.open());
        QVERIFY(store.saveLocal(person, commune, QString(), dong()));
        QVERIFY(QFileInfo(m_path + QLatin1String("-wal")).size() > 0);
        QVERIFY(store.checkpoint());
        QCOMPARE(QFileInfo(m_path + QLatin1String("-wal")).size(), 0);
        QCOMPARE(store.pendingCount(), 1);
    }

    void logIsCheckpointedBesideTheWriter()
    {
        // The writer's commits leave checkpoints to a thread of their own: while the store is open, the database
        // file grows only by those.
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const qint64 emptySize = QFileInfo(m_path).size();
        QJsonObject fields = dong();
        fields.insert(QStringLiteral("future_field"), QString(8000, u'x'));
        // About 20 MB of log, past the threshold (1,000 pages of 16 KB) more than once.
        for (int batch = 0; batch < 12; ++batch) {
            const auto written = store.writeBatch([&]() -> Status<ReplicaStore::Error> {
                for (int i = 0; i < 100; ++i) {
                    if (auto saved = store.saveLocal(person, commune, QString(), fields); !saved)
                        return saved.error();
                }
                return ok;
            });
            QVERIFY2(written, failure(written).constData());
        }
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(m_path).size() > emptySize + 8 * 1024 * 1024, 20000);
        // By the checkpointing thread: SQLite's own checkpoints in the writer's commits would grow the file too.
        QVERIFY(store.backgroundCheckpoints() > 0);
        QCOMPARE(store.pendingCount(), 1200);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QByteArray m_key;
};

QTEST_GUILESS_MAIN(tst_ReplicaStore)
#include "tst_replicastore.moc"
