// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/core/fieldsealer.h"
#include "shared/crypto.h"

#include <QTest>

using namespace mts;

namespace {
const QByteArray cccd = QStringLiteral("001203004567").toUtf8();
const QString record = QStringLiteral("household/01J9Z3K4M5N6P7Q8R9S0T1V2W3");
const QString field = QStringLiteral("cccd");
} // namespace

class tst_FieldSealer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("plaintext");
        QTest::newRow("citizen id") << cccd;
        QTest::newRow("vietnamese") << QStringLiteral("Nguyễn Thị Đoan Trang, tổ 5, phường Đống Đa").toUtf8();
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("binary") << QByteArray("\x00\x81\xff", 3);
    }

    void roundTrip()
    {
        QFETCH(QByteArray, plaintext);
        const FieldSealer sealer(crypto::randomBytes(crypto::keyBytes));
        QVERIFY(sealer.isValid());
        const QByteArray sealed = sealer.seal(record, field, plaintext);
        QVERIFY(FieldSealer::isSealed(sealed));
        QCOMPARE(sealed.size(), 1 + crypto::sealOverhead + plaintext.size());
        QCOMPARE(sealed.at(0), FieldSealer::versionByte);
        if (plaintext.size() >= 4)
            QVERIFY(!sealed.contains(plaintext));
        const auto opened = sealer.open(record, field, sealed);
        QVERIFY(opened);
        QCOMPARE(*opened, plaintext);
        // Random nonces: the same value sealed twice looks different (no equality leak between rows).
        QVERIFY(sealer.seal(record, field, plaintext) != sealed);
    }

    // Values sealed by earlier builds stay readable: the key and the associated data are made as written down
    // here (version, then record id and field as UTF-8, each after its length as 4 big-endian bytes).
    void storedFormatIsStable_data()
    {
        QTest::addColumn<QString>("fieldName");
        QTest::newRow("ascii") << field;
        QTest::newRow("vietnamese") << QStringLiteral("số_điện_thoại");
    }

    void storedFormatIsStable()
    {
        QFETCH(QString, fieldName);
        const QByteArray dataKey = crypto::randomBytes(crypto::keyBytes);
        const QByteArray key = crypto::blake2b("mattranso:field-key:v1", crypto::keyBytes, dataKey);
        const auto withLength = [](const QByteArray &part) -> QByteArray {
            const char length[4]
                = { char(part.size() >> 24), char(part.size() >> 16), char(part.size() >> 8), char(part.size()) };
            return QByteArray(length, 4) + part;
        };
        const QByteArray associated = QByteArray("mattranso:field:") + FieldSealer::versionByte
            + withLength(record.toUtf8()) + withLength(fieldName.toUtf8());
        const QByteArray stored = QByteArray(1, FieldSealer::versionByte) + crypto::seal(key, cccd, associated);

        const FieldSealer sealer(dataKey);
        QCOMPARE(sealer.open(record, fieldName, stored).value_or(QByteArray()), cccd);
        const QByteArray sealed = sealer.seal(record, fieldName, cccd);
        QCOMPARE(crypto::open(key, QByteArrayView(sealed).sliced(1), associated).value_or(QByteArray()), cccd);
    }

    void boundToRecordAndField_data()
    {
        QTest::addColumn<QString>("sealRecord");
        QTest::addColumn<QString>("sealField");
        QTest::addColumn<QString>("openRecord");
        QTest::addColumn<QString>("openField");
        QTest::newRow("other record") << record << field << QStringLiteral("household/other") << field;
        QTest::newRow("other field") << record << field << record << QStringLiteral("phone");
        QTest::newRow("field case") << record << field << record << QStringLiteral("CCCD");
        // Without length prefixes these two would give the same associated data.
        QTest::newRow("boundary shift") << QStringLiteral("a:b") << QStringLiteral("c") << QStringLiteral("a")
                                        << QStringLiteral("b:c");
        QTest::newRow("empty record") << record << field << QString() << field;
    }

    void boundToRecordAndField()
    {
        QFETCH(QString, sealRecord);
        QFETCH(QString, sealField);
        QFETCH(QString, openRecord);
        QFETCH(QString, openField);
        const FieldSealer sealer(crypto::randomBytes(crypto::keyBytes));
        const QByteArray sealed = sealer.seal(sealRecord, sealField, cccd);
        QVERIFY(sealer.open(sealRecord, sealField, sealed));
        QVERIFY(!sealer.open(openRecord, openField, sealed));
    }

    void otherKeyCannotOpen()
    {
        const QByteArray key = crypto::randomBytes(crypto::keyBytes);
        const QByteArray sealed = FieldSealer(key).seal(record, field, cccd);
        QVERIFY(!FieldSealer(crypto::randomBytes(crypto::keyBytes)).open(record, field, sealed));
        // The field key is derived from the data key, not the data key itself.
        QVERIFY(!crypto::open(key, sealed.sliced(1)));
        QCOMPARE(FieldSealer(key).open(record, field, sealed).value_or(QByteArray()), cccd);
    }

    void tamperIsRefused()
    {
        const FieldSealer sealer(crypto::randomBytes(crypto::keyBytes));
        const QByteArray sealed = sealer.seal(record, field, cccd);
        for (int i = 0; i < sealed.size(); ++i) {
            QByteArray tampered = sealed;
            tampered[i] = char(tampered[i] ^ 0x01);
            QVERIFY2(!sealer.open(record, field, tampered), qPrintable(QString::number(i)));
        }
        QVERIFY(!sealer.open(record, field, sealed.chopped(1)));
        QVERIFY(!sealer.open(record, field, QByteArray(sealed + 'x')));
        QVERIFY(!sealer.open(record, field, sealed.left(1 + crypto::sealOverhead - 1)));
        QVERIFY(!sealer.open(record, field, QByteArray()));
    }

    void isSealed_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("sealed");
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("ascii") << QByteArray("0912345678") << false;
        QTest::newRow("vietnamese text")
            << QStringLiteral("Ủy ban Mặt trận Tổ quốc xã Ea Kao, tỉnh Đắk Lắk ......").toUtf8() << false;
        QTest::newRow("version byte, too short") << QByteArray(1 + crypto::sealOverhead - 1, char(0x81)) << false;
        QTest::newRow("long, other first byte") << QByteArray(100, char(0x82)) << false;
        QTest::newRow("sealed") << FieldSealer(crypto::randomBytes(crypto::keyBytes)).seal(record, field, cccd) << true;
    }

    void isSealed()
    {
        QFETCH(QByteArray, value);
        QFETCH(bool, sealed);
        QCOMPARE(FieldSealer::isSealed(value), sealed);
    }

    void invalidKey()
    {
        const FieldSealer sealer(QByteArray("too short"));
        QVERIFY(!sealer.isValid());
        QVERIFY(sealer.seal(record, field, cccd).isEmpty());
        const QByteArray sealed = FieldSealer(crypto::randomBytes(crypto::keyBytes)).seal(record, field, cccd);
        QVERIFY(!sealer.open(record, field, sealed));
    }
};

QTEST_GUILESS_MAIN(tst_FieldSealer)
#include "tst_fieldsealer.moc"
