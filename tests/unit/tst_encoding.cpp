// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/encoding.h"

#include "shared/crypto.h"

#include <QTest>

using namespace mts;

class tst_Encoding : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void base64RoundTripsEveryLength()
    {
        for (int size = 0; size < 70; ++size) {
            const QByteArray bytes = crypto::randomBytes(size);
            const auto decoded = encoding::fromBase64(bytes.toBase64());
            QVERIFY2(decoded.has_value(), qPrintable(QString::number(size)));
            QCOMPARE(*decoded, bytes);
        }
        // Every byte value, in every position of a group.
        QByteArray all;
        for (int i = 0; i < 256; ++i)
            all.append(char(i));
        for (int shift = 0; shift < 3; ++shift) {
            const QByteArray bytes = all.mid(shift);
            QCOMPARE(encoding::fromBase64(bytes.toBase64()).value_or(QByteArray("x")), bytes);
        }
    }

    void base64RefusesOtherText_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("length") << QByteArray("QUJD"
                                              "QQ");
        QTest::newRow("unpadded") << QByteArray("QQ");
        QTest::newRow("url alphabet") << QByteArray("-_-_");
        QTest::newRow("space") << QByteArray("QU JD");
        QTest::newRow("padding inside") << QByteArray("QQ==QUJD");
        QTest::newRow("padding only") << QByteArray("====");
        QTest::newRow("three padding") << QByteArray("Q===");
        QTest::newRow("high byte") << QByteArray("QUJ\xc3");
    }

    void base64RefusesOtherText()
    {
        QFETCH(QByteArray, text);
        QVERIFY(!encoding::fromBase64(text).has_value());
    }

    void bytesInJsonRoundTrip()
    {
        const QByteArray salt = crypto::randomBytes(16);
        QCOMPARE(encoding::bytesFromJson(encoding::bytesToJson(salt)).value_or(QByteArray()), salt);
        QVERIFY(!encoding::bytesFromJson(QJsonValue(5)).has_value());
        QVERIFY(!encoding::bytesFromJson(QJsonValue(QStringLiteral("not base64!"))).has_value());
    }
};

QTEST_GUILESS_MAIN(tst_Encoding)
#include "tst_encoding.moc"
