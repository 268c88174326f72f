// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "servermonitor.h"

namespace mts {

ServerMonitor::ServerMonitor(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(std::chrono::seconds(30));
    connect(&m_timer, &QTimer::timeout, this, &ServerMonitor::checkNow);
}

void ServerMonitor::setConnection(const ServerConnection &connection)
{
    m_connection = connection;
    m_lastStatus.reset();
    m_timer.start();
    checkNow();
}

void ServerMonitor::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

void ServerMonitor::checkNow()
{
    if (!m_connection)
        return;
    if (m_probe)
        m_probe->abort();
    m_probe = new ServerProbe(*m_connection, this);
    connect(m_probe, &ServerProbe::finished, this, [this](const ServerStatus &status) {
        m_lastStatus = status;
        Q_EMIT statusChanged(status);
    });
    Q_EMIT checkStarted();
    m_probe->start();
}

} // namespace mts
