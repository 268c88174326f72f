// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

#include <functional>

namespace mts {

/// Failed sign-ins allowed per window (outside LoginThrottle so it can be a default argument).
struct LoginLimits {
    int perAccount = 5;
    int perAddress = 20;
    qint64 windowSeconds = 15 * 60;
};

/// Slows down password guessing: after a number of failed sign-ins within a window, per account and per client
/// address, further attempts are refused until the window has passed. Successful sign-ins clear the account's
/// count. In memory, per server process; behind a load balancer each instance throttles on its own, which still
/// bounds guessing to (instances × limit) per window.
class LoginThrottle {
public:
    using Limits = LoginLimits;
    using Clock = std::function<qint64()>; ///< unix seconds

    explicit LoginThrottle(Limits limits = {}, Clock clock = {});

    /// Seconds to wait before `username` may try again from `address`; 0 when it may try now.
    qint64 retryAfter(const QString &username, const QString &address);
    void recordFailure(const QString &username, const QString &address);
    void recordSuccess(const QString &username);

private:
    struct Window {
        qint64 start = 0;
        int failures = 0;
    };
    qint64 blockedFor(Window &window, int limit, qint64 now) const;

    Limits m_limits;
    Clock m_clock;
    QMutex m_mutex;
    QHash<QString, Window> m_accounts;
    QHash<QString, Window> m_addresses;
};

} // namespace mts
