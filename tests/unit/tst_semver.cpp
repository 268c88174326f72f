// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/semver.h"

#include <QTest>

using mts::SemVer;

class tst_SemVer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("major");
        QTest::addColumn<int>("minor");
        QTest::addColumn<int>("patch");
        QTest::newRow("full") << QStringLiteral("1.2.3") << true << 1 << 2 << 3;
        QTest::newRow("short") << QStringLiteral("2") << true << 2 << 0 << 0;
        QTest::newRow("spaces") << QStringLiteral(" 0.1.0 ") << true << 0 << 1 << 0;
        QTest::newRow("empty") << QString() << false << 0 << 0 << 0;
        QTest::newRow("letters") << QStringLiteral("1.x.3") << false << 0 << 0 << 0;
        QTest::newRow("negative") << QStringLiteral("1.-2.3") << false << 0 << 0 << 0;
        QTest::newRow("plus") << QStringLiteral("+1.2.3") << false << 0 << 0 << 0;
        QTest::newRow("four parts") << QStringLiteral("1.2.3.4") << false << 0 << 0 << 0;
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto version = SemVer::parse(text);
        QCOMPARE(version.has_value(), valid);
        if (!valid)
            return;
        QFETCH(int, major);
        QFETCH(int, minor);
        QFETCH(int, patch);
        QCOMPARE(version->major, major);
        QCOMPARE(version->minor, minor);
        QCOMPARE(version->patch, patch);
    }
    void ordering()
    {
        QVERIFY(*SemVer::parse(u"0.9.9") < *SemVer::parse(u"0.10.0"));
        QVERIFY(*SemVer::parse(u"1.0.0") > *SemVer::parse(u"0.99.99"));
        QVERIFY(*SemVer::parse(u"1.2") == *SemVer::parse(u"1.2.0"));
        QCOMPARE(SemVer::parse(u"1.2")->toString(), QStringLiteral("1.2.0"));
    }
};

QTEST_GUILESS_MAIN(tst_SemVer)
#include "tst_semver.moc"
