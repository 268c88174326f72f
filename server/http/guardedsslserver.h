// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QSslServer>

class QHttpServerRequest;

namespace mts {

/// Keeps a connection (its socket, and with it QtHttpServer's request object) alive while a response computed on
/// the worker pool is pending.
///
/// QtHttpServer 6.4 completes a QFuture response with a continuation that refers to the request and the socket
/// it arrived on by reference; when the client disconnects first (a PC switched off, a killed sync), QtHttpServer
/// has already deleted both and the continuation crashes the whole server. A route that answers with a future
/// takes a hold on its connection; ApiServer releases it from its after-request hook, which runs inside that
/// continuation; a socket that closed meanwhile is deleted only then. Main thread only.
class ConnectionHold {
public:
    /// Holds the connection whose request QtHttpServer is dispatching now. Call from the route handler.
    static void take(const QHttpServerRequest &request);
    /// Lets the connection of `request` go (no-op for a request that took no hold).
    static void release(const QHttpServerRequest &request);
};

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
