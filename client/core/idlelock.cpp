// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "idlelock.h"

#include <algorithm>

namespace mts {

using namespace std::chrono;

IdleLock::IdleLock(Clock clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); }))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &IdleLock::check);
}

IdleLock::~IdleLock() = default;

void IdleLock::setIdlePeriod(milliseconds period)
{
    m_idlePeriod = std::max(period, milliseconds(1));
    if (m_running && !m_locked)
        scheduleCheck();
}

void IdleLock::setCheckInterval(milliseconds interval)
{
    m_checkInterval = std::max(interval, milliseconds(1));
    if (m_running && !m_locked)
        scheduleCheck();
}

void IdleLock::start()
{
    if (m_locked)
        return;
    m_running = true;
    restartCounting();
}

void IdleLock::stop()
{
    m_running = false;
    m_timer.stop();
}

void IdleLock::activity()
{
    if (!m_running || m_locked)
        return;
    // Called for every input event: only note the time; the timer computes what remains when it fires.
    m_lastActivity = m_clock();
    m_sinceActivity.restart();
}

void IdleLock::unlock()
{
    m_locked = false;
    m_running = true;
    restartCounting();
}

milliseconds IdleLock::idleTime() const
{
    if (!m_sinceActivity.isValid())
        return milliseconds::zero();
    const milliseconds monotonic(m_sinceActivity.elapsed());
    // A wall clock set backwards gives a negative span: the monotonic one still counts.
    const milliseconds wall(m_lastActivity.msecsTo(m_clock()));
    return std::max(monotonic, wall);
}

void IdleLock::check()
{
    if (!m_running || m_locked)
        return;
    if (idleTime() >= m_idlePeriod) {
        m_locked = true;
        m_timer.stop();
        Q_EMIT locked();
        return;
    }
    scheduleCheck();
}

void IdleLock::restartCounting()
{
    m_lastActivity = m_clock();
    m_sinceActivity.start();
    scheduleCheck();
}

void IdleLock::scheduleCheck()
{
    const milliseconds remaining = std::max(m_idlePeriod - idleTime(), milliseconds(1));
    m_timer.start(std::min(remaining, m_checkInterval));
}

} // namespace mts
