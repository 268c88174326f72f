// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

namespace mts {

/// Locks the session after a period without user activity (default 15 minutes), so a cadre who walks away
/// from a shared office PC does not leave the account open.
///
/// The UI reports activity (key presses, mouse) with activity(); the lock emits locked() once the idle period
/// has passed, and then ignores activity until unlock() (after the user typed the password again).
///
/// Idle time is the larger of the wall-clock time since the last activity (from the injected clock) and the
/// monotonic time: the wall clock keeps counting while the PC sleeps (a suspended PC locks on wake), and the
/// monotonic clock cannot be wound back by changing the system time. A timer checks at least every
/// checkInterval() (default 30 s), so a lock is also noticed soon after a wake-up.
class IdleLock : public QObject {
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;

    /// A stopped lock. `clock` returns the current time; empty means QDateTime::currentDateTimeUtc.
    explicit IdleLock(Clock clock = {}, QObject *parent = nullptr);
    ~IdleLock() override;

    std::chrono::milliseconds idlePeriod() const { return m_idlePeriod; }
    /// Sets the idle period (at least 1 ms); takes effect at once.
    void setIdlePeriod(std::chrono::milliseconds period);

    std::chrono::milliseconds checkInterval() const { return m_checkInterval; }
    /// Longest time between two checks (at least 1 ms).
    void setCheckInterval(std::chrono::milliseconds interval);

    /// Starts watching, counting from now. Does nothing while locked.
    void start();
    /// Stops watching (signed out); locked() is not emitted until start().
    void stop();
    bool isRunning() const { return m_running; }
    bool isLocked() const { return m_locked; }

    /// The user did something: the idle period starts again. Ignored while locked or stopped.
    void activity();
    /// The user unlocked again: leaves the locked state and starts watching anew.
    void unlock();

    /// Checks now (also what the timer does): emits locked() if the idle period has passed.
    void check();

    /// How long the user has been idle.
    std::chrono::milliseconds idleTime() const;

Q_SIGNALS:
    /// The idle period passed: hide the data and ask for the password. Emitted once per lock.
    void locked();

private:
    void restartCounting();
    void scheduleCheck();

    Clock m_clock;
    std::chrono::milliseconds m_idlePeriod { std::chrono::minutes(15) };
    std::chrono::milliseconds m_checkInterval { std::chrono::seconds(30) };
    QDateTime m_lastActivity;
    QElapsedTimer m_sinceActivity;
    QTimer m_timer;
    bool m_running = false;
    bool m_locked = false;
};

} // namespace mts
