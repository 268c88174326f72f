// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/faultproxy.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace mts::test {

namespace {

// Closes with RST instead of FIN: linger on with a zero timeout.
void reset(QTcpSocket *socket)
{
    if (!socket || socket->state() == QAbstractSocket::UnconnectedState)
        return;
    const linger option { 1, 0 };
    ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &option, sizeof option);
    socket->abort();
}

} // namespace

/// One proxied connection and the fault it carries.
struct FaultProxy::Link : QObject {
    QPointer<QTcpSocket> client;
    QPointer<QTcpSocket> server;
    Plan plan;
    qint64 requestBytes = 0;
    qint64 responseBytes = 0;
    QByteArray held;
    bool releasing = false;
    bool done = false;
    int *faultsApplied = nullptr;

    void finish(bool withReset)
    {
        if (done)
            return;
        done = true;
        ++*faultsApplied;
        if (withReset) {
            reset(client);
            reset(server);
        } else {
            if (client) {
                client->flush();
                client->disconnectFromHost();
            }
            if (server)
                server->abort();
        }
    }

    void fromClient()
    {
        const QByteArray data = client->readAll();
        if (done)
            return;
        if (plan.fault == Fault::ResetMidRequest && requestBytes + data.size() >= plan.bytes) {
            server->write(data.left(plan.bytes - requestBytes));
            server->flush();
            finish(true);
            return;
        }
        requestBytes += data.size();
        server->write(data);
    }

    void fromServer()
    {
        QByteArray data = server->readAll();
        if (done)
            return;
        switch (plan.fault) {
        case Fault::TruncateResponse:
        case Fault::ResetMidResponse:
        case Fault::StallResponse:
            if (responseBytes + data.size() >= plan.bytes) {
                client->write(data.left(plan.bytes - responseBytes));
                responseBytes = plan.bytes;
                if (plan.fault == Fault::StallResponse) {
                    done = true;
                    ++*faultsApplied;
                    return;
                }
                finish(plan.fault == Fault::ResetMidResponse);
                return;
            }
            break;
        case Fault::DelayResponse:
            if (!releasing) {
                if (held.isEmpty()) {
                    QTimer::singleShot(plan.delayMs, this, [this] {
                        releasing = true;
                        ++*faultsApplied;
                        if (client)
                            client->write(held);
                        held.clear();
                    });
                }
                held += data;
                return;
            }
            break;
        default:
            break;
        }
        responseBytes += data.size();
        client->write(data);
    }
};

FaultProxy::FaultProxy(QHostAddress target, quint16 targetPort, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
    , m_targetPort(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::accept);
}

FaultProxy::~FaultProxy() = default;

bool FaultProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost);
}

void FaultProxy::accept()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        ++m_connections;
        const Plan plan = m_plans.isEmpty() ? Plan {} : m_plans.takeFirst();
        if (plan.fault == Fault::Refuse) {
            ++m_faultsApplied;
            reset(client);
            client->deleteLater();
            continue;
        }
        auto *link = new Link;
        link->setParent(client);
        link->client = client;
        link->plan = plan;
        link->faultsApplied = &m_faultsApplied;
        auto *server = new QTcpSocket(client);
        link->server = server;
        connect(client, &QTcpSocket::readyRead, link, [link] {
            if (link->server && link->server->state() == QAbstractSocket::ConnectedState)
                link->fromClient();
        });
        connect(server, &QTcpSocket::connected, link, [link] {
            if (link->client && link->client->bytesAvailable() > 0)
                link->fromClient();
        });
        connect(server, &QTcpSocket::readyRead, link, [link] { link->fromServer(); });
        connect(server, &QTcpSocket::disconnected, link, [link] {
            if (link->client && !link->done && link->held.isEmpty())
                link->client->disconnectFromHost();
        });
        connect(client, &QTcpSocket::disconnected, client, [client, link] {
            if (link->server)
                link->server->abort();
            client->deleteLater();
        });
        server->connectToHost(m_target, m_targetPort);
    }
}

} // namespace mts::test
