// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/serverconnection.h"
#include "client/core/serverprobe.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace mts {

/// Watches whether the server is reachable: probes on start, every `interval`, and on demand.
/// The status bar and, later, the sync scheduler listen to it.
class ServerMonitor : public QObject {
    Q_OBJECT
public:
    explicit ServerMonitor(QObject *parent = nullptr);

    /// Points the monitor at a server and probes it at once.
    void setConnection(const ServerConnection &connection);
    void setInterval(std::chrono::milliseconds interval);

    /// Probes now (a probe already running is replaced).
    void checkNow();

    bool isChecking() const { return !m_probe.isNull(); }
    /// The last status seen, if any probe has finished.
    const std::optional<ServerStatus> &lastStatus() const { return m_lastStatus; }

Q_SIGNALS:
    void checkStarted();
    void statusChanged(const mts::ServerStatus &status);

private:
    std::optional<ServerConnection> m_connection;
    std::optional<ServerStatus> m_lastStatus;
    QPointer<ServerProbe> m_probe;
    QTimer m_timer;
};

} // namespace mts
