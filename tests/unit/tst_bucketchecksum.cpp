// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/bucketchecksum.h"

#include "shared/uuid7.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <limits>
#include <vector>

using namespace mts;

namespace {

struct Row {
    QString id;
    qint64 version;
    QJsonObject fields;
    bool deleted;
};

std::vector<Row> sampleRows(int n)
{
    std::vector<Row> rows;
    for (int i = 0; i < n; ++i) {
        rows.push_back({ createUuid7(), qint64(i + 1),
            QJsonObject { { QStringLiteral("name"), QStringLiteral("Người %1").arg(i) },
                { QStringLiteral("age"), 20 + i }, { QStringLiteral("tags"), QJsonArray { i, QStringLiteral("x") } } },
            i % 5 == 0 });
    }
    return rows;
}

const QString someId = QStringLiteral("0190f1a2-b3c4-7d5e-8f60-718293a4b5c6");

QJsonObject someFields()
{
    return { { QStringLiteral("name"), QStringLiteral("Nguyễn Văn A") }, { QStringLiteral("age"), 42 },
        { QStringLiteral("address"), QJsonObject { { QStringLiteral("commune"), QStringLiteral("C:00070") } } } };
}

} // namespace

class tst_BucketChecksum : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void orderIndependent()
    {
        std::vector<Row> rows = sampleRows(50);
        BucketChecksum forward;
        for (const Row &row : rows)
            forward.add(row.id, row.version, row.fields, row.deleted);
        QCOMPARE(forward.count, quint64(50));

        QRandomGenerator random(7);
        for (int round = 0; round < 5; ++round) {
            std::shuffle(rows.begin(), rows.end(), random);
            BucketChecksum shuffled;
            for (const Row &row : rows)
                shuffled.add(row.id, row.version, row.fields, row.deleted);
            QCOMPARE(shuffled, forward);
            QCOMPARE(shuffled.toString(), forward.toString());
        }
    }

    void addThenRemoveIsEmpty()
    {
        const std::vector<Row> rows = sampleRows(20);
        BucketChecksum checksum;
        QVERIFY(checksum.isEmpty());
        for (const Row &row : rows)
            checksum.add(row.id, row.version, row.fields, row.deleted);
        QVERIFY(!checksum.isEmpty());
        for (auto it = rows.rbegin() + 3; it != rows.rend(); ++it)
            checksum.remove(it->id, it->version, it->fields, it->deleted);
        for (auto it = rows.rbegin(); it != rows.rbegin() + 3; ++it)
            checksum.remove(it->id, it->version, it->fields, it->deleted);
        QVERIFY(checksum.isEmpty());
        QCOMPARE(checksum, BucketChecksum {});
    }

    void updateIsRemoveThenAdd()
    {
        const std::vector<Row> rows = sampleRows(10);
        BucketChecksum incremental;
        for (const Row &row : rows)
            incremental.add(row.id, row.version, row.fields, row.deleted);
        QJsonObject changed = rows[3].fields;
        changed.insert(QStringLiteral("age"), 99);
        incremental.remove(rows[3].id, rows[3].version, rows[3].fields, rows[3].deleted);
        incremental.add(rows[3].id, 11, changed, rows[3].deleted);

        BucketChecksum rebuilt;
        for (const Row &row : rows) {
            if (row.id == rows[3].id)
                rebuilt.add(row.id, 11, changed, row.deleted);
            else
                rebuilt.add(row.id, row.version, row.fields, row.deleted);
        }
        QCOMPARE(incremental, rebuilt);
    }

    void anyChangeChangesHash_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<qint64>("version");
        QTest::addColumn<QJsonObject>("fields");
        QTest::addColumn<bool>("deleted");
        QJsonObject fields = someFields();
        QTest::newRow("other id") << QStringLiteral("0190f1a2-b3c4-7d5e-8f60-718293a4b5c7") << qint64(7) << fields
                                  << false;
        QTest::newRow("other version") << someId << qint64(8) << fields << false;
        QTest::newRow("deleted") << someId << qint64(7) << fields << true;
        fields.insert(QStringLiteral("age"), 43);
        QTest::newRow("field value") << someId << qint64(7) << fields << false;
        fields = someFields();
        fields.insert(QStringLiteral("age"), 42.5);
        QTest::newRow("field number type") << someId << qint64(7) << fields << false;
        fields = someFields();
        fields.insert(QStringLiteral("age"), QStringLiteral("42"));
        QTest::newRow("field as string") << someId << qint64(7) << fields << false;
        fields = someFields();
        fields.insert(QStringLiteral("extra"), QJsonValue::Null);
        QTest::newRow("extra null field") << someId << qint64(7) << fields << false;
        fields = someFields();
        fields.remove(QStringLiteral("age"));
        QTest::newRow("field removed") << someId << qint64(7) << fields << false;
        fields = someFields();
        fields.insert(
            QStringLiteral("address"), QJsonObject { { QStringLiteral("commune"), QStringLiteral("C:00071") } });
        QTest::newRow("nested field") << someId << qint64(7) << fields << false;
        QTest::newRow("no fields") << someId << qint64(7) << QJsonObject() << false;
    }

    void anyChangeChangesHash()
    {
        QFETCH(QString, id);
        QFETCH(qint64, version);
        QFETCH(QJsonObject, fields);
        QFETCH(bool, deleted);
        const quint64 base = BucketChecksum::recordHash(someId, 7, someFields(), false);
        QCOMPARE(BucketChecksum::recordHash(someId, 7, someFields(), false), base);
        QVERIFY(BucketChecksum::recordHash(id, version, fields, deleted) != base);
    }

    void hashIgnoresKeyOrderAndNormalisation()
    {
        const QString nfc = QStringLiteral("Nguy\u1EC5n");
        const QJsonObject a { { QStringLiteral("a"), 1 }, { QStringLiteral("name"), nfc } };
        QJsonObject b;
        b.insert(QStringLiteral("name"), nfc.normalized(QString::NormalizationForm_D));
        b.insert(QStringLiteral("a"), 1.0);
        QCOMPARE(BucketChecksum::recordHash(someId, 1, a, false), BucketChecksum::recordHash(someId, 1, b, false));
    }

    void hashesAreSpread()
    {
        QSet<quint64> seen;
        for (qint64 version = 0; version < 2000; ++version)
            seen.insert(BucketChecksum::recordHash(someId, version, someFields(), false));
        QCOMPARE(seen.size(), 2000);
    }

    void wrappingArithmetic()
    {
        const quint64 h = BucketChecksum::recordHash(someId, 1, someFields(), false);
        BucketChecksum checksum { std::numeric_limits<quint64>::max(), std::numeric_limits<quint64>::max() - h + 1 };
        checksum.add(someId, 1, someFields(), false);
        QCOMPARE(checksum.count, quint64(0));
        QCOMPARE(checksum.sum, quint64(0));
        checksum.remove(someId, 1, someFields(), false);
        QCOMPARE(checksum.count, std::numeric_limits<quint64>::max());
        QCOMPARE(checksum.sum, std::numeric_limits<quint64>::max() - h + 1);

        BucketChecksum fromEmpty;
        fromEmpty.remove(someId, 1, someFields(), false);
        QCOMPARE(fromEmpty.count, std::numeric_limits<quint64>::max());
        QCOMPARE(fromEmpty.sum, quint64(0) - h);
        fromEmpty.add(someId, 1, someFields(), false);
        QVERIFY(fromEmpty.isEmpty());
    }

    void stringRoundTrip()
    {
        const BucketChecksum empty;
        QCOMPARE(empty.toString(), QStringLiteral("0:0000000000000000"));
        const BucketChecksum known { 3, 0xab };
        QCOMPARE(known.toString(), QStringLiteral("3:00000000000000ab"));
        const BucketChecksum max { std::numeric_limits<quint64>::max(), std::numeric_limits<quint64>::max() };
        QCOMPARE(max.toString(), QStringLiteral("18446744073709551615:ffffffffffffffff"));
        for (const BucketChecksum &checksum : { empty, known, max })
            QCOMPARE(BucketChecksum::parse(checksum.toString()), std::optional<BucketChecksum>(checksum));
    }

    void parseRejectsMalformed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("no colon") << QStringLiteral("30000000000000000ab");
        QTest::newRow("no count") << QStringLiteral(":00000000000000ab");
        QTest::newRow("short sum") << QStringLiteral("3:0000000000000ab");
        QTest::newRow("long sum") << QStringLiteral("3:000000000000000ab");
        QTest::newRow("upper hex") << QStringLiteral("3:00000000000000AB");
        QTest::newRow("leading zero") << QStringLiteral("03:00000000000000ab");
        QTest::newRow("sign") << QStringLiteral("+3:00000000000000ab");
        QTest::newRow("negative") << QStringLiteral("-3:00000000000000ab");
        QTest::newRow("count overflow") << QStringLiteral("18446744073709551616:00000000000000ab");
        QTest::newRow("two colons") << QStringLiteral("3:0:0000000000000ab");
        QTest::newRow("space") << QStringLiteral("3: 0000000000000ab");
    }

    void parseRejectsMalformed()
    {
        QFETCH(QString, text);
        QVERIFY(!BucketChecksum::parse(text).has_value());
    }
};

QTEST_GUILESS_MAIN(tst_BucketChecksum)
#include "tst_bucketchecksum.moc"
