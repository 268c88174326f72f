// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// gzip for sync bodies: round trips, several members, and every way a body can be bad (cut, damaged, too large
// once decompressed); which Accept-Encoding values allow gzip.
#include "shared/compression.h"

#include <QRandomGenerator>
#include <QTest>

using namespace mts;

namespace {
QByteArray sampleJson(int records)
{
    QByteArray json = "{\"changes\":[";
    for (int i = 0; i < records; ++i) {
        json += QStringLiteral("{\"id\":\"%1\",\"fields\":{\"surname\":\"Nguyễn\",\"given_name\":\"Văn Đồng %1\"}},")
                    .arg(i)
                    .toUtf8();
    }
    json += "{}]}";
    return json;
}
} // namespace

class tst_Compression : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrips_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("one byte") << QByteArray("x");
        QTest::newRow("json") << sampleJson(5000);
        QByteArray noise(300 * 1024, Qt::Uninitialized);
        QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
        QTest::newRow("incompressible") << noise;
    }

    void roundTrips()
    {
        QFETCH(QByteArray, data);
        const QByteArray packed = compression::gzip(data);
        QVERIFY(!packed.isEmpty());
        QCOMPARE(quint8(packed.at(0)), quint8(0x1f)); // the gzip magic
        QCOMPARE(quint8(packed.at(1)), quint8(0x8b));
        QCOMPARE(compression::gunzip(packed, data.size()), std::optional<QByteArray>(data));
    }

    void jsonShrinks()
    {
        const QByteArray json = sampleJson(5000);
        QVERIFY2(compression::gzip(json).size() * 5 < json.size(), "sync JSON compresses at least five times");
    }

    void severalMembersAreOneBody()
    {
        const QByteArray joined = QByteArray(compression::gzip("Mặt trận ") + compression::gzip("số"));
        QCOMPARE(compression::gunzip(joined, 1024), std::optional<QByteArray>(QByteArray("Mặt trận số")));
    }

    void badBodiesAreRefused()
    {
        const QByteArray json = sampleJson(200);
        const QByteArray packed = compression::gzip(json);
        QCOMPARE(compression::gunzip(packed.first(packed.size() / 2), json.size()), std::nullopt);
        QCOMPARE(compression::gunzip(packed.first(packed.size() - 1), json.size()), std::nullopt);
        QByteArray damaged = packed;
        damaged[damaged.size() / 2] = char(damaged.at(damaged.size() / 2) ^ 0x5a);
        QCOMPARE(compression::gunzip(damaged, json.size()), std::nullopt);
        QCOMPARE(compression::gunzip(json, json.size()), std::nullopt); // not gzip at all
        QCOMPARE(compression::gunzip(QByteArray(packed + "junk"), json.size()), std::nullopt);
        QCOMPARE(compression::gunzip(QByteArray(), 10), std::nullopt);
    }

    void expansionIsBounded()
    {
        const QByteArray zeros(4 * 1024 * 1024, '\0');
        const QByteArray bomb = compression::gzip(zeros, 9);
        QVERIFY(bomb.size() < 16 * 1024);
        QCOMPARE(compression::gunzip(bomb, zeros.size() - 1), std::nullopt);
        QCOMPARE(compression::gunzip(bomb, zeros.size()), std::optional<QByteArray>(zeros));
    }

    void acceptEncoding_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<bool>("gzip");
        QTest::newRow("Qt's default") << QByteArray("gzip, deflate") << true;
        QTest::newRow("browser") << QByteArray("gzip, deflate, br, zstd") << true;
        QTest::newRow("upper case, spaces") << QByteArray(" GZIP ") << true;
        QTest::newRow("with quality") << QByteArray("deflate;q=1.0, gzip;q=0.5") << true;
        QTest::newRow("refused") << QByteArray("gzip;q=0, deflate") << false;
        QTest::newRow("wildcard") << QByteArray("*") << true;
        QTest::newRow("identity") << QByteArray("identity") << false;
        QTest::newRow("none") << QByteArray() << false;
        QTest::newRow("look-alike") << QByteArray("x-gzip2") << false;
    }

    void acceptEncoding()
    {
        QFETCH(QByteArray, header);
        QFETCH(bool, gzip);
        QCOMPARE(compression::acceptsGzip(header), gzip);
    }
};

QTEST_GUILESS_MAIN(tst_Compression)
#include "tst_compression.moc"
