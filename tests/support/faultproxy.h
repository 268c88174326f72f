// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTcpServer>

class QTcpSocket;

namespace mts::test {

/// A TCP proxy on loopback between a client and the server that breaks connections on purpose, to show sync
/// survives a bad network. TLS passes through it untouched (the client still verifies the server's certificate);
/// the faults hit the bytes of the TLS stream, as a flaky link would.
///
/// Each new connection takes the next fault from the queue (Pass once the queue is empty).
class FaultProxy : public QObject {
    Q_OBJECT
public:
    enum class Fault {
        Pass, ///< Forward everything.
        Refuse, ///< Close the connection as soon as it is accepted.
        ResetMidRequest, ///< Forward `bytes` of the request, then reset both sides.
        TruncateResponse, ///< Forward `bytes` of the response, then close both sides cleanly (FIN).
        ResetMidResponse, ///< Forward `bytes` of the response, then reset both sides (RST).
        DelayResponse, ///< Hold the response back for `delayMs`, then forward it.
        StallResponse, ///< Forward `bytes` of the response, then nothing more (the client must time out).
    };
    struct Plan {
        Fault fault = Fault::Pass;
        qint64 bytes = 0;
        int delayMs = 0;
    };

    FaultProxy(QHostAddress target, quint16 targetPort, QObject *parent = nullptr);
    ~FaultProxy() override;

    bool listen();
    quint16 port() const { return m_server.serverPort(); }

    void enqueue(const Plan &plan) { m_plans.append(plan); }
    void clear() { m_plans.clear(); }
    /// Connections accepted so far, and how many of them a fault hit.
    int connections() const { return m_connections; }
    int faultsApplied() const { return m_faultsApplied; }

private:
    struct Link;
    void accept();

    QHostAddress m_target;
    quint16 m_targetPort;
    QTcpServer m_server;
    QList<Plan> m_plans;
    int m_connections = 0;
    int m_faultsApplied = 0;
};

} // namespace mts::test
