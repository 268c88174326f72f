// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QSslServer>

namespace mts {

/// The TLS listener of the API. Before QtHttpServer sees a connection, it attaches a guard that follows
/// the request framing (HttpRequestFramer) ahead of QtHttpServer's parser: a request whose body exceeds
/// the limit is answered 413 with a JSON error and the connection is closed, so the body is never
/// buffered and the server's memory does not grow with it.
class GuardedSslServer : public QSslServer {
    Q_OBJECT
public:
    GuardedSslServer(qint64 maxBodyBytes, QObject *parent = nullptr);

    QTcpSocket *nextPendingConnection() override;

    /// Call right after QAbstractHttpServer::bind(this).
    void attachGuardsAfterHttpServer();

    qint64 maxBodyBytes() const { return m_maxBodyBytes; }
    /// Requests refused by the guard since start (for logs and tests).
    int refusedRequests() const { return m_refused; }

private:
    qint64 m_maxBodyBytes;
    int m_refused = 0;
    QList<QPointer<QObject>> m_newGuards;
};

} // namespace mts
