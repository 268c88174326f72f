// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/hlc.h"

#include <QRandomGenerator>
#include <QTest>

using namespace mts;

namespace {

// A wall clock the test moves by hand.
struct FakeWall {
    qint64 millis = 1700000000000;
    std::function<qint64()> function()
    {
        return [this] { return millis; };
    }
};

} // namespace

class tst_Hlc : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void followsWallClock()
    {
        FakeWall wall;
        HybridLogicalClock clock(QStringLiteral("dev-a"), wall.function());
        const HlcStamp first = clock.now();
        QCOMPARE(first.millis, wall.millis);
        QCOMPARE(first.counter, quint16(0));
        QCOMPARE(first.device, QStringLiteral("dev-a"));
        const HlcStamp second = clock.now();
        QCOMPARE(second.millis, wall.millis);
        QCOMPARE(second.counter, quint16(1));
        wall.millis += 5;
        const HlcStamp third = clock.now();
        QCOMPARE(third.millis, wall.millis);
        QCOMPARE(third.counter, quint16(0));
        QCOMPARE(clock.last(), third);
    }

    void monotonicWhenWallClockGoesBack()
    {
        FakeWall wall;
        HybridLogicalClock clock(QStringLiteral("dev-a"), wall.function());
        HlcStamp previous = clock.now();
        const qint64 high = wall.millis;
        wall.millis -= 3600 * 1000; // the PC clock is set back an hour
        for (int i = 0; i < 100; ++i) {
            const HlcStamp next = clock.now();
            QVERIFY(next > previous);
            QCOMPARE(next.millis, high);
            previous = next;
        }
        wall.millis = -5; // nonsense from a broken clock
        QVERIFY(clock.now() > previous);
    }

    void counterOverflowAdvancesMillis()
    {
        FakeWall wall;
        HybridLogicalClock clock(QStringLiteral("dev-a"), wall.function());
        HlcStamp previous = clock.now();
        for (int i = 0; i < 65535; ++i)
            previous = clock.now();
        QCOMPARE(previous.counter, quint16(65535));
        QCOMPARE(previous.millis, wall.millis);
        const HlcStamp overflowed = clock.now();
        QCOMPARE(overflowed.millis, wall.millis + 1);
        QCOMPARE(overflowed.counter, quint16(0));
        QVERIFY(overflowed > previous);
        // The wall clock catching up to the borrowed millisecond still moves forward.
        wall.millis += 1;
        const HlcStamp caughtUp = clock.now();
        QVERIFY(caughtUp > overflowed);
        QCOMPARE(caughtUp.counter, quint16(1));
    }

    void observeThenNowIsAboveRemote_data()
    {
        QTest::addColumn<qint64>("remoteOffset");
        QTest::addColumn<int>("remoteCounter");
        QTest::addColumn<QString>("remoteDevice");
        QTest::newRow("remote far ahead") << qint64(600000) << 7 << QStringLiteral("zzz");
        QTest::newRow("remote behind") << qint64(-600000) << 9 << QStringLiteral("zzz");
        QTest::newRow("same millis, higher device") << qint64(0) << 0 << QStringLiteral("zzz");
        QTest::newRow("same millis, lower device") << qint64(0) << 0 << QStringLiteral("000");
        QTest::newRow("remote at counter max") << qint64(1000) << 65535 << QStringLiteral("zzz");
    }

    void observeThenNowIsAboveRemote()
    {
        QFETCH(qint64, remoteOffset);
        QFETCH(int, remoteCounter);
        QFETCH(QString, remoteDevice);
        FakeWall wall;
        HybridLogicalClock clock(QStringLiteral("dev-m"), wall.function());
        const HlcStamp mine = clock.now();
        const HlcStamp remote { wall.millis + remoteOffset, quint16(remoteCounter), remoteDevice };
        clock.observe(remote);
        const HlcStamp next = clock.now();
        QVERIFY2(next > remote, qPrintable(next.toString() + QLatin1Char(' ') + remote.toString()));
        QVERIFY(next > mine);
        QCOMPARE(next.device, QStringLiteral("dev-m"));
    }

    void observeIgnoresInvalidStamps()
    {
        FakeWall wall;
        HybridLogicalClock clock(QStringLiteral("dev-a"), wall.function());
        const HlcStamp mine = clock.now();
        clock.observe(HlcStamp { HlcStamp::maxMillis + 1, 0, QStringLiteral("x") });
        clock.observe(HlcStamp { wall.millis + 1000, 0, QString() });
        QCOMPARE(clock.last(), mine);
    }

    void restoreNeverGoesBack()
    {
        FakeWall wall;
        HybridLogicalClock clock(QStringLiteral("dev-a"), wall.function());
        const HlcStamp persisted { wall.millis + 10000, 42, QStringLiteral("dev-a") };
        clock.restore(persisted);
        QCOMPARE(clock.last(), persisted);
        QVERIFY(clock.now() > persisted);
        const HlcStamp current = clock.last();
        clock.restore(HlcStamp { wall.millis - 10000, 0, QStringLiteral("dev-a") });
        QCOMPARE(clock.last(), current);
    }

    void defaultWallClockIsSystemTime()
    {
        HybridLogicalClock clock(QStringLiteral("dev-a"));
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const HlcStamp stamp = clock.now();
        QVERIFY(stamp.millis >= before);
        QVERIFY(stamp.millis <= QDateTime::currentMSecsSinceEpoch());
    }

    void knownString()
    {
        const HlcStamp stamp { 0x18bcfe56800, 0x2a, QStringLiteral("pc-01") };
        QCOMPARE(stamp.toString(), QStringLiteral("018bcfe56800-002a-pc-01"));
        QCOMPARE(HlcStamp::parse(stamp.toString()), std::optional<HlcStamp>(stamp));
        const HlcStamp max { HlcStamp::maxMillis, 65535, QStringLiteral("d") };
        QCOMPARE(max.toString(), QStringLiteral("ffffffffffff-ffff-d"));
        QCOMPARE(HlcStamp::parse(max.toString()), std::optional<HlcStamp>(max));
    }

    void stringOrderEqualsStampOrder()
    {
        QRandomGenerator random(20250101);
        const QStringList devices { QStringLiteral("a"), QStringLiteral("ab"), QStringLiteral("b"),
            QStringLiteral("pc-01"), QStringLiteral("pc-1"), QStringLiteral("Z"), QStringLiteral("đ"),
            QStringLiteral("\U0001F600") };
        const auto randomStamp = [&] {
            HlcStamp stamp;
            // Mix full-range values with near collisions so every component gets to decide.
            stamp.millis = random.bounded(4) == 0 ? qint64(random.generate64() & quint64(HlcStamp::maxMillis))
                                                  : 1700000000000 + random.bounded(3);
            stamp.counter = random.bounded(4) == 0 ? quint16(random.bounded(65536)) : quint16(random.bounded(3));
            stamp.device = devices.at(random.bounded(devices.size()));
            return stamp;
        };
        for (int i = 0; i < 5000; ++i) {
            const HlcStamp a = randomStamp();
            const HlcStamp b = randomStamp();
            const QString sa = a.toString();
            const QString sb = b.toString();
            QVERIFY2((a < b) == (sa < sb), qPrintable(sa + QLatin1Char(' ') + sb));
            QVERIFY2((a == b) == (sa == sb), qPrintable(sa + QLatin1Char(' ') + sb));
            QCOMPARE(HlcStamp::parse(sa), std::optional<HlcStamp>(a));
        }
    }

    void parseRejectsMalformed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("no device") << QStringLiteral("018bcfe56800-002a-");
        QTest::newRow("no device, no dash") << QStringLiteral("018bcfe56800-002a");
        QTest::newRow("short millis") << QStringLiteral("18bcfe56800-002a-pc");
        QTest::newRow("short counter") << QStringLiteral("018bcfe56800-02a-pc");
        QTest::newRow("upper case") << QStringLiteral("018BCFE56800-002a-pc");
        QTest::newRow("upper case counter") << QStringLiteral("018bcfe56800-002A-pc");
        QTest::newRow("non-hex") << QStringLiteral("018bcfe5680g-002a-pc");
        QTest::newRow("sign") << QStringLiteral("-18bcfe56800-002a-pc");
        QTest::newRow("plus") << QStringLiteral("+18bcfe56800-002a-pc");
        QTest::newRow("wrong separator") << QStringLiteral("018bcfe56800_002a-pc");
        QTest::newRow("wrong second separator") << QStringLiteral("018bcfe56800-002a_pc");
        QTest::newRow("spaces") << QStringLiteral(" 18bcfe56800-002a-pc");
        QTest::newRow("fullwidth digit") << QStringLiteral("018bcfe5680\uFF10-002a-pc");
    }

    void parseRejectsMalformed()
    {
        QFETCH(QString, text);
        QVERIFY(!HlcStamp::parse(text).has_value());
    }
};

QTEST_GUILESS_MAIN(tst_Hlc)
#include "tst_hlc.moc"
