// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/csvreader.h"

#include <QTest>

using mts::CsvReader;

class tst_CsvReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void excelStyle()
    {
        const QByteArray data = "\xEF\xBB\xBF"
                                "code,name\r\n01,\"Thành phố Hà Nội\"\r\n\"79\",\"Tên \"\"có\"\" ngoặc, phẩy\"\r\n"
                                "02,\"Hai\r\ndòng\"\r\n\r\n";
        const auto rows = CsvReader::parse(data);
        QVERIFY(rows.isOk());
        QCOMPARE(rows.value().size(), 4);
        QCOMPARE(rows.value()[0].cells, QStringList({ QStringLiteral("code"), QStringLiteral("name") }));
        QCOMPARE(rows.value()[1].cells[1], QStringLiteral("Thành phố Hà Nội"));
        QCOMPARE(rows.value()[2].cells[1], QStringLiteral("Tên \"có\" ngoặc, phẩy"));
        QCOMPARE(rows.value()[3].cells[1], QStringLiteral("Hai\r\ndòng"));
        QCOMPARE(rows.value()[3].line, 4);
    }

    void semicolonsAndLineNumbers()
    {
        const auto rows = CsvReader::parse("a;b;c\n1;2;3\n\n4;\"5\n5\";6\n7;8;9");
        QVERIFY(rows.isOk());
        QCOMPARE(rows.value().size(), 4);
        QCOMPARE(rows.value()[1].cells, QStringList({ QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3") }));
        QCOMPARE(rows.value()[2].line, 4);
        QCOMPARE(rows.value()[3].line, 6);
        QCOMPARE(rows.value()[3].cells[2], QStringLiteral("9"));
    }

    void normalisesToNfc()
    {
        // "Đồng" typed with combining marks (NFD) comes back composed.
        const QString decomposed = QStringLiteral("Đồng").normalized(QString::NormalizationForm_D);
        const auto rows = CsvReader::parse("x\n" + decomposed.toUtf8());
        QVERIFY(rows.isOk());
        QCOMPARE(rows.value()[1].cells[0], QStringLiteral("Đồng"));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("error");
        QTest::newRow("latin1") << QByteArray("a,b\n\xE0,1\n") << int(CsvReader::Error::NotUtf8);
        QTest::newRow("unterminated") << QByteArray("a,b\n1,\"open\n") << int(CsvReader::Error::UnterminatedQuote);
        QTest::newRow("stray") << QByteArray("a,b\n1,x\"y\n") << int(CsvReader::Error::StrayQuote);
    }

    void errors()
    {
        QFETCH(QByteArray, data);
        QFETCH(int, error);
        const auto rows = CsvReader::parse(data);
        QVERIFY(!rows.isOk());
        QCOMPARE(int(rows.error().code), error);
        QVERIFY(rows.error().message.contains(QStringLiteral("line")) || error == int(CsvReader::Error::NotUtf8));
    }
};

QTEST_GUILESS_MAIN(tst_CsvReader)
#include "tst_csvreader.moc"
