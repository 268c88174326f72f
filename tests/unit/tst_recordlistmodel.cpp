// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The registry list: ReplicaStore's list index (order, search, filters, sync state) and RecordListModel over it,
// up to 100,000 rows under QAbstractItemModelTester.
#include "client/core/replicastore.h"
#include "client/ui/recordlistmodel.h"
#include "shared/crypto.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace mts;

namespace {

const QString commune = QStringLiteral("C:00070");
const QString person = QStringLiteral("person");

QJsonObject named(const QString &surname, const QString &middle, const QString &given)
{
    return { { QStringLiteral("surname"), surname }, { QStringLiteral("middle_name"), middle },
        { QStringLiteral("given_name"), given } };
}

QString fullName(const QJsonObject &fields)
{
    QStringList parts;
    for (const char *name : { "surname", "middle_name", "given_name" }) {
        const QString part = fields.value(QLatin1String(name)).toString();
        if (!part.isEmpty())
            parts.append(part);
    }
    return parts.join(QLatin1Char(' '));
}

QList<RecordListModel::Column> personColumns()
{
    return { { QStringLiteral("Name"), [](const QJsonObject &fields) { return QVariant(fullName(fields)); } },
        { QStringLiteral("Sex"),
            [](const QJsonObject &fields) { return fields.value(QStringLiteral("sex")).toVariant(); } } };
}

QStringList names(RecordListModel &model)
{
    QStringList shown;
    for (int row = 0; row < model.rowCount(); ++row)
        shown.append(model.data(model.index(row, 0)).toString());
    return shown;
}

QStringList names(ReplicaStore &store, const ReplicaStore::ListQuery &query)
{
    QStringList shown;
    const auto rows = store.listRows(store.listKeys(query).value()).value();
    for (const ReplicaStore::ListRow &row : rows)
        shown.append(fullName(row.fields));
    return shown;
}

} // namespace

class tst_RecordListModel : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QByteArray m_key = crypto::randomBytes(crypto::keyBytes);
    QString m_path;

private Q_SLOTS:
    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("%1.sqlite").arg(QString::fromLatin1(QTest::currentTestFunction())));
    }

    // A person sorts by given name, then middle name, then surname, in Vietnamese dictionary order: letters
    // with marks after their base letter (d < đ), tones in dictionary order; whatever order they were written in.
    void vietnameseOrder()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QStringList expected { QStringLiteral("Trần Văn An"), QStringLiteral("Nguyễn Thị Ánh"),
            QStringLiteral("Lê Bình"), QStringLiteral("Phạm Thị Dung"), QStringLiteral("Võ Dũng"),
            QStringLiteral("Nguyễn Văn Dũng"), QStringLiteral("Đặng Đạt"), QStringLiteral("Hoàng Văn Đồng"),
            QStringLiteral("Nguyễn Văn Đồng"), QStringLiteral("Lý Giang"), QStringLiteral("Trương Hà"),
            QStringLiteral("Bùi Thị Hạnh") };
        QStringList shuffled = expected;
        std::shuffle(shuffled.begin(), shuffled.end(), *QRandomGenerator::global());
        for (const QString &name : std::as_const(shuffled)) {
            const QStringList parts = name.split(QLatin1Char(' '));
            const QString middle = parts.size() == 3 ? parts.at(1) : QString();
            QVERIFY(store.create(person, commune, named(parts.first(), middle, parts.last())));
        }
        ReplicaStore::ListQuery query;
        query.kind = person;
        QCOMPARE(names(store, query), expected);

        RecordListModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setKind(person, personColumns());
        QCOMPARE(names(model), expected);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Name"));
        QCOMPARE(model.columnCount(), 3);
    }

    // "dong" finds "Đồng", "nguyen van" finds "Nguyễn Văn …", and typing with marks finds the same.
    void searchIgnoresDiacritics_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QStringList>("found");
        // Đông before Đồng: no tone before huyền.
        QTest::newRow("đ without stroke") << QStringLiteral(
            "dong") << QStringList { QStringLiteral("Đặng Thị Đông"), QStringLiteral("Nguyễn Văn Đồng") };
        QTest::newRow("with marks") << QStringLiteral(
            "Đồng") << QStringList { QStringLiteral("Đặng Thị Đông"), QStringLiteral("Nguyễn Văn Đồng") };
        QTest::newRow("two words") << QStringLiteral(
            "nguyen van") << QStringList { QStringLiteral("Nguyễn Văn An"), QStringLiteral("Nguyễn Văn Đồng") };
        QTest::newRow("capitals and prefix")
            << QStringLiteral("NGUY TH") << QStringList { QStringLiteral("Nguyễn Thị Hà") };
        QTest::newRow("no match") << QStringLiteral("xuyen") << QStringList();
        QTest::newRow("only spaces") << QStringLiteral("   ")
                                     << QStringList { QStringLiteral("Nguyễn Văn An"), QStringLiteral("Đặng Thị Đông"),
                                            QStringLiteral("Nguyễn Văn Đồng"), QStringLiteral("Nguyễn Thị Hà") };
        QTest::newRow("punctuation only") << QStringLiteral("-- ,") << QStringList();
    }
    void searchIgnoresDiacritics()
    {
        QFETCH(QString, search);
        QFETCH(QStringList, found);
        ReplicaStore store(m_path + QString::number(qHash(search)), m_key);
        QVERIFY(store.open());
        for (const QJsonObject &fields :
            { named(QStringLiteral("Nguyễn"), QStringLiteral("Văn"), QStringLiteral("Đồng")),
                named(QStringLiteral("Nguyễn"), QStringLiteral("Thị"), QStringLiteral("Hà")),
                named(QStringLiteral("Đặng"), QStringLiteral("Thị"), QStringLiteral("Đông")),
                named(QStringLiteral("Nguyễn"), QStringLiteral("Văn"), QStringLiteral("An")) })
            QVERIFY(store.create(person, commune, fields));
        RecordListModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setKind(person, personColumns());
        model.setSearch(search);
        QCOMPARE(names(model), found);
        model.setSearch(QString());
        QCOMPARE(model.rowCount(), 4);
    }

    void filtersAndDeleted()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        QJsonObject an = named(QStringLiteral("Lê"), QStringLiteral("Văn"), QStringLiteral("An"));
        an.insert(QStringLiteral("sex"), QStringLiteral("male"));
        QJsonObject binh = named(QStringLiteral("Lê"), QStringLiteral("Thị"), QStringLiteral("Bình"));
        binh.insert(QStringLiteral("sex"), QStringLiteral("female"));
        QJsonObject chau = named(QStringLiteral("Lê"), QStringLiteral("Thị"), QStringLiteral("Châu"));
        chau.insert(QStringLiteral("sex"), QStringLiteral("female"));
        chau.insert(QStringLiteral("cccd"), QStringLiteral("001190012345"));
        QVERIFY(store.create(person, commune, an));
        const QString binhId = store.create(person, commune, binh).value();
        QVERIFY(store.create(person, commune, chau));

        RecordListModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setKind(person, personColumns());
        model.setFilter(QStringLiteral("sex"), QStringLiteral("female"));
        QCOMPARE(names(model), (QStringList { QStringLiteral("Lê Thị Bình"), QStringLiteral("Lê Thị Châu") }));
        model.setSearch(QStringLiteral("chau"));
        QCOMPARE(names(model), QStringList { QStringLiteral("Lê Thị Châu") });
        model.setSearch(QString());

        // A sensitive field is sealed at rest: filtering on it finds nothing rather than comparing sealed text.
        model.setFilter(QStringLiteral("cccd"), QStringLiteral("001190012345"));
        QCOMPARE(model.rowCount(), 0);
        model.setFilter(QStringLiteral("cccd"), QJsonValue(QJsonValue::Undefined));
        QCOMPARE(model.rowCount(), 2);

        // A deleted record leaves the list, and comes back when deleted records are shown.
        QVERIFY(store.remove(binhId));
        model.refresh();
        QCOMPARE(names(model), QStringList { QStringLiteral("Lê Thị Châu") });
        model.setShowDeleted(true);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(0, 0), RecordListModel::DeletedRole).toBool(), true);
        model.setFilter(QStringLiteral("sex"), QJsonValue(QJsonValue::Undefined));
        QCOMPARE(model.rowCount(), 3);
        // The opened values of sealed fields reach the row.
        const int row = model.rowOf(model.recordId(2));
        QCOMPARE(row, 2);
        QCOMPARE(model.data(model.index(2, 0), RecordListModel::FieldsRole)
                     .toJsonObject()
                     .value(QStringLiteral("cccd"))
                     .toString(),
            QStringLiteral("001190012345"));
    }

    // A column orders the list by its field: numbers by value, text in Vietnamese order, choices in the order of
    // their values; backwards on request, records without a value last either way. A column without a field
    // (a sealed one) leaves the order as it is, and a change to a value moves its record.
    void sortByColumn()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const auto add
            = [&store](const QString &given, const QJsonValue &year, const QString &address, const QString &sex) {
                  QJsonObject fields = named(QStringLiteral("Lê"), QString(), given);
                  if (!year.isNull())
                      fields.insert(QStringLiteral("birth_year"), year);
                  fields.insert(QStringLiteral("address"), address);
                  fields.insert(QStringLiteral("sex"), sex);
                  fields.insert(QStringLiteral("phone"), QStringLiteral("0912345678"));
                  auto id = store.create(person, commune, fields);
                  return id ? id.value() : QString();
              };
        QVERIFY(!add(QStringLiteral("An"), 1990, QStringLiteral("Thôn Đông"), QStringLiteral("male")).isEmpty());
        const QString binh
            = add(QStringLiteral("Bình"), QJsonValue::Null, QStringLiteral("thôn an"), QStringLiteral("female"));
        QVERIFY(!add(QStringLiteral("Châu"), 1975, QStringLiteral("Thôn Dương"), QStringLiteral("female")).isEmpty());
        QVERIFY(!add(QStringLiteral("Dũng"), 2001, QStringLiteral("Thôn Đông"), QStringLiteral("male")).isEmpty());
        QVERIFY(!add(QStringLiteral("Đồng"), 1975, QStringLiteral("Thôn Dương"), QStringLiteral("male")).isEmpty());
        QVERIFY(!binh.isEmpty());

        QList<RecordListModel::Column> columns = personColumns();
        columns[0].sortBy = QString();
        columns[1].sortBy = QStringLiteral("sex");
        columns.append({ QStringLiteral("Year"),
            [](const QJsonObject &fields) { return fields.value(QStringLiteral("birth_year")).toVariant(); }, {},
            QStringLiteral("birth_year") });
        columns.append({ QStringLiteral("Phone"),
            [](const QJsonObject &fields) { return fields.value(QStringLiteral("phone")).toVariant(); } });
        RecordListModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setKind(person, columns);
        QCOMPARE(model.sortColumn(), 0);
        const QStringList byName { QStringLiteral("Lê An"), QStringLiteral("Lê Bình"), QStringLiteral("Lê Châu"),
            QStringLiteral("Lê Dũng"), QStringLiteral("Lê Đồng") };
        QCOMPARE(names(model), byName);

        model.sort(2, Qt::AscendingOrder);
        QCOMPARE(model.sortColumn(), 2);
        QCOMPARE(names(model),
            (QStringList { QStringLiteral("Lê Châu"), QStringLiteral("Lê Đồng"), QStringLiteral("Lê An"),
                QStringLiteral("Lê Dũng"), QStringLiteral("Lê Bình") }));
        model.sort(2, Qt::DescendingOrder);
        QCOMPARE(model.sortOrder(), Qt::DescendingOrder);
        QCOMPARE(names(model),
            (QStringList { QStringLiteral("Lê Dũng"), QStringLiteral("Lê An"), QStringLiteral("Lê Đồng"),
                QStringLiteral("Lê Châu"), QStringLiteral("Lê Bình") }));

        // A sealed column cannot order the list: nothing changes.
        model.sort(3, Qt::AscendingOrder);
        QCOMPARE(model.sortColumn(), 2);
        QCOMPARE(model.sortOrder(), Qt::DescendingOrder);

        // Choices in the order of their values (male, female), ties by name.
        model.sort(1, Qt::AscendingOrder);
        QCOMPARE(names(model),
            (QStringList { QStringLiteral("Lê An"), QStringLiteral("Lê Dũng"), QStringLiteral("Lê Đồng"),
                QStringLiteral("Lê Bình"), QStringLiteral("Lê Châu") }));

        // The name backwards, then the default order again.
        model.sort(0, Qt::DescendingOrder);
        QStringList backwards = byName;
        std::reverse(backwards.begin(), backwards.end());
        QCOMPARE(names(model), backwards);
        model.sort(-1, Qt::AscendingOrder);
        QCOMPARE(model.sortColumn(), 0);
        QCOMPARE(names(model), byName);

        // Text in Vietnamese dictionary order, whatever the case: an < Dương < Đông.
        ReplicaStore::ListQuery query;
        query.kind = person;
        query.sortBy = QStringLiteral("address");
        QCOMPARE(names(store, query),
            (QStringList { QStringLiteral("Lê Bình"), QStringLiteral("Lê Châu"), QStringLiteral("Lê Đồng"),
                QStringLiteral("Lê An"), QStringLiteral("Lê Dũng") }));
        // With a search, the order holds among the records found.
        query.search = QStringLiteral("thon d");
        query.descending = true;
        QCOMPARE(names(store, query),
            (QStringList { QStringLiteral("Lê Dũng"), QStringLiteral("Lê An"), QStringLiteral("Lê Đồng"),
                QStringLiteral("Lê Châu") }));

        // A new value moves its record.
        model.sort(2, Qt::AscendingOrder);
        QVERIFY(store.update(binh, { { QStringLiteral("birth_year"), 1950 } }));
        model.refresh();
        QCOMPARE(names(model).first(), QStringLiteral("Lê Bình"));
    }

    // Each row says where it stands with the server; a set-aside row says why.
    void syncState()
    {
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QString id = store.create(person, commune, named(QStringLiteral("Lê"), {}, QStringLiteral("An"))).value();
        RecordListModel model(&store);
        model.setKind(person, personColumns());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0, 0), RecordListModel::SyncStateRole).toInt(),
            int(ReplicaStore::SyncState::Pending));
        QCOMPARE(model.data(model.index(0, 2)).toString(), QStringLiteral("Waiting to be sent"));

        QVERIFY(store.update(id, { { QStringLiteral("given_name"), QStringLiteral("Ân") } }));
        const auto ops = store.pendingBatch(10).value();
        QCOMPARE(ops.size(), 2);
        QVERIFY(store.setAside(ops.at(1).opId, QStringLiteral("Số CCCD không hợp lệ")));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.refresh();
        // The same record in the same place: its row changes, the list is not reset.
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.data(model.index(0, 0), RecordListModel::SyncStateRole).toInt(),
            int(ReplicaStore::SyncState::SetAside));
        QCOMPARE(model.data(model.index(0, 0), RecordListModel::ReasonRole).toString(),
            QStringLiteral("Số CCCD không hợp lệ"));
        QCOMPARE(model.data(model.index(0, 2)).toString(), QStringLiteral("Set aside: Số CCCD không hợp lệ"));
        QCOMPARE(model.data(model.index(0, 2), Qt::ToolTipRole).toString(),
            QStringLiteral("Set aside: Số CCCD không hợp lệ"));
        // The set-aside edit left the view: the row shows the name as it was.
        QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("Lê An"));

        // Nothing changed: refresh() neither resets nor repaints.
        model.refresh();
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 1);
    }

    // A replica of format 6 gets its sort keys and list index when it is opened.
    void upgradeFromFormat6()
    {
        {
            ReplicaStore store(m_path, m_key);
            QVERIFY(store.open());
            QVERIFY(store.create(person, commune, named(QStringLiteral("Lê"), {}, QStringLiteral("Đạt"))));
            QVERIFY(store.create(person, commune, named(QStringLiteral("Lê"), {}, QStringLiteral("Dũng"))));
            QVERIFY(store.create(person, commune, named(QStringLiteral("Lê"), {}, QStringLiteral("An"))));
        }
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
            db.setDatabaseName(m_path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            for (const char *sql :
                { "DROP INDEX records_list", "ALTER TABLE records DROP COLUMN sort_key", "PRAGMA user_version = 6" })
                QVERIFY2(query.exec(QString::fromLatin1(sql)), qPrintable(query.lastError().text()));
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));

        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        ReplicaStore::ListQuery query;
        query.kind = person;
        QCOMPARE(names(store, query),
            (QStringList { QStringLiteral("Lê An"), QStringLiteral("Lê Dũng"), QStringLiteral("Lê Đạt") }));
    }

    // 100,000 persons: the model opens, searches and scrolls to the end under the model tester.
    void hundredThousandRows()
    {
        const int count = qEnvironmentVariableIntValue("MTS_LIST_ROWS") > 0
            ? qEnvironmentVariableIntValue("MTS_LIST_ROWS")
            : 100000;
        ReplicaStore store(m_path, m_key);
        QVERIFY(store.open());
        const QStringList givens { QStringLiteral("An"), QStringLiteral("Bình"), QStringLiteral("Đồng"),
            QStringLiteral("Dũng"), QStringLiteral("Xuyến") };
        for (int from = 0; from < count; from += 5000) {
            QVERIFY(store.writeBatch([&]() -> Status<ReplicaStore::Error> {
                for (int i = from; i < std::min(count, from + 5000); ++i) {
                    // Given names numbered so that each is unique and their order is known: "An 00001" …
                    const QString given
                        = givens.at(i % givens.size()) + QStringLiteral(" %1").arg(i, 6, 10, QLatin1Char('0'));
                    if (auto id = store.create(person, commune,
                            named(i % 3 ? QStringLiteral("Nguyễn") : QStringLiteral("Trần"), QStringLiteral("Văn"),
                                given));
                        !id)
                        return id.error();
                }
                return ok;
            }));
        }

        RecordListModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QElapsedTimer clock;
        clock.start();
        model.setKind(person, personColumns());
        QCOMPARE(model.rowCount(), count);
        // An, Bình, Dũng, Đồng, Xuyến: the first An, the last Xuyến.
        QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("Trần Văn An 000000"));
        const int perName = count / givens.size();
        QCOMPARE(model.data(model.index(2 * perName, 0)).toString(), QStringLiteral("Trần Văn Dũng 000003"));
        QCOMPARE(model.data(model.index(3 * perName, 0)).toString(), QStringLiteral("Nguyễn Văn Đồng 000002"));
        QVERIFY(model.data(model.index(count - 1, 0)).toString().contains(QStringLiteral("Xuyến")));
        qInfo("opened %d rows in %lld ms", count, clock.elapsed());

        // Finding a record's row (after a save) is a lookup, right at the far end of the list too.
        const QString lastId = model.recordId(count - 1);
        QCOMPARE(model.rowOf(lastId), count - 1);
        QCOMPARE(model.rowOf(QStringLiteral("019a0000-0000-7000-8000-000000000000")), -1);

        // Scrolling through everything keeps only a few blocks in memory and shows every row.
        int shown = 0;
        for (int row = 0; row < model.rowCount(); row += 97)
            shown += model.data(model.index(row, 0)).toString().isEmpty() ? 0 : 1;
        QCOMPARE(shown, (count + 96) / 97);

        clock.restart();
        model.setSearch(QStringLiteral("dong"));
        QCOMPARE(model.rowCount(), count / givens.size());
        QVERIFY(model.data(model.index(0, 0)).toString().contains(QStringLiteral("Đồng")));
        model.setSearch(QStringLiteral("tran van xuyen"));
        int tranXuyen = 0;
        for (int i = 0; i < count; ++i)
            tranXuyen += i % 3 == 0 && i % givens.size() == 4 ? 1 : 0;
        QCOMPARE(model.rowCount(), tranXuyen);
        qInfo("two searches in %lld ms", clock.elapsed());
        model.setSearch(QString());
        QCOMPARE(model.rowCount(), count);
    }
};

QTEST_GUILESS_MAIN(tst_RecordListModel)
#include "tst_recordlistmodel.moc"
