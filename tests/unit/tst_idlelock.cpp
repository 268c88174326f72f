// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/core/idlelock.h"

#include <QSignalSpy>
#include <QTest>

using namespace mts;
using namespace std::chrono_literals;

class tst_IdleLock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() { m_now = QDateTime(QDate(2025, 7, 1), QTime(8, 0), Qt::UTC); }

    void defaults()
    {
        IdleLock lock;
        QCOMPARE(lock.idlePeriod(), std::chrono::milliseconds(15min));
        QVERIFY(!lock.isRunning());
        QVERIFY(!lock.isLocked());
    }

    void locksAfterIdlePeriod()
    {
        IdleLock lock(clock());
        lock.setCheckInterval(10ms);
        QSignalSpy locked(&lock, &IdleLock::locked);
        lock.start();

        advance(14min + 59s);
        lock.check();
        QCOMPARE(locked.count(), 0);
        QVERIFY(!lock.isLocked());

        // The timer notices by itself: no call to check() needed.
        advance(1s);
        QTRY_COMPARE(locked.count(), 1);
        QVERIFY(lock.isLocked());
    }

    void activityPostponesTheLock()
    {
        IdleLock lock(clock());
        lock.setCheckInterval(10ms);
        QSignalSpy locked(&lock, &IdleLock::locked);
        lock.start();
        for (int i = 0; i < 5; ++i) {
            advance(10min);
            lock.activity();
            lock.check();
        }
        QCOMPARE(locked.count(), 0);
        QVERIFY(lock.idleTime() < 1min);
        advance(15min);
        QTRY_COMPARE(locked.count(), 1);
    }

    void locksOnceAndIgnoresActivityUntilUnlocked()
    {
        IdleLock lock(clock());
        lock.setCheckInterval(10ms);
        QSignalSpy locked(&lock, &IdleLock::locked);
        lock.start();
        advance(16min);
        QTRY_COMPARE(locked.count(), 1);

        // A key press on the lock screen does not unlock, and the lock is not announced twice.
        lock.activity();
        advance(1h);
        lock.check();
        QVERIFY(lock.isLocked());
        QCOMPARE(locked.count(), 1);

        lock.unlock();
        QVERIFY(!lock.isLocked());
        lock.check();
        QCOMPARE(locked.count(), 1);
        advance(15min);
        QTRY_COMPARE(locked.count(), 2);
    }

    void stoppedLockNeverFires()
    {
        IdleLock lock(clock());
        lock.setCheckInterval(10ms);
        QSignalSpy locked(&lock, &IdleLock::locked);
        lock.start();
        lock.stop();
        advance(1h);
        lock.check();
        QCOMPARE(locked.count(), 0);
        QVERIFY(!lock.isRunning());

        lock.start(); // counts from now, not from before the stop
        lock.check();
        QCOMPARE(locked.count(), 0);
        advance(15min);
        QTRY_COMPARE(locked.count(), 1);
    }

    void wakeFromSleepLocks()
    {
        // Suspended for an hour: the monotonic clock barely moved, the wall clock did.
        IdleLock lock(clock());
        QSignalSpy locked(&lock, &IdleLock::locked);
        lock.start();
        advance(1h);
        lock.check();
        QCOMPARE(locked.count(), 1);
    }

    void realTimerAndClockSetBack()
    {
        // A short real idle period; the wall clock is even set back a day, which must not keep the session
        // open: the monotonic time still counts.
        IdleLock lock(clock());
        lock.setIdlePeriod(150ms);
        QSignalSpy locked(&lock, &IdleLock::locked);
        lock.start();
        advance(-24h);
        lock.check();
        QCOMPARE(locked.count(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(locked.count(), 1, 5000);
        QVERIFY(lock.idleTime() >= 150ms);
    }

    void shorterPeriodTakesEffect()
    {
        IdleLock lock(clock());
        lock.setCheckInterval(10ms);
        QSignalSpy locked(&lock, &IdleLock::locked);
        lock.start();
        advance(6min);
        lock.check();
        QCOMPARE(locked.count(), 0);
        lock.setIdlePeriod(5min);
        QTRY_COMPARE(locked.count(), 1);
    }

private:
    IdleLock::Clock clock()
    {
        return [this] { return m_now; };
    }
    void advance(std::chrono::milliseconds by) { m_now = m_now.addMSecs(by.count()); }

    QDateTime m_now;
};

QTEST_GUILESS_MAIN(tst_IdleLock)
#include "tst_idlelock.moc"
