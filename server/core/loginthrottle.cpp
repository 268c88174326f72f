// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "loginthrottle.h"

#include <QDateTime>

namespace mts {

LoginThrottle::LoginThrottle(Limits limits, Clock clock)
    : m_limits(limits)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentSecsSinceEpoch(); }))
{
}

qint64 LoginThrottle::blockedFor(Window &window, int limit, qint64 now) const
{
    if (now - window.start >= m_limits.windowSeconds)
        window = Window { now, 0 };
    return window.failures >= limit ? window.start + m_limits.windowSeconds - now : 0;
}

qint64 LoginThrottle::retryAfter(const QString &username, const QString &address)
{
    const QMutexLocker locker(&m_mutex);
    const qint64 now = m_clock();
    const QString account = username.trimmed().toLower();
    return qMax(blockedFor(m_accounts[account], m_limits.perAccount, now),
        blockedFor(m_addresses[address], m_limits.perAddress, now));
}

void LoginThrottle::recordFailure(const QString &username, const QString &address)
{
    const QMutexLocker locker(&m_mutex);
    const qint64 now = m_clock();
    for (Window *window : { &m_accounts[username.trimmed().toLower()], &m_addresses[address] }) {
        if (now - window->start >= m_limits.windowSeconds)
            *window = Window { now, 0 };
        ++window->failures;
    }
}

void LoginThrottle::recordSuccess(const QString &username)
{
    const QMutexLocker locker(&m_mutex);
    m_accounts.remove(username.trimmed().toLower());
}

} // namespace mts
