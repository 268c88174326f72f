// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "guardedsslserver.h"

#include "server/http/httprequestframer.h"
#include "shared/apierror.h"

#include <QEvent>
#include <QLoggingCategory>
#include <QMultiHash>
#include <QPointer>
#include <QSslSocket>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#endif

Q_LOGGING_CATEGORY(lcGuard, "mts.server.http")

namespace mts {

namespace {

// After refusing, keep reading (and dropping) for a moment so the client, which may still be sending its
// body, reads our answer instead of a connection reset; but never for long or for much.
constexpr int lingerMs = 1000;
constexpr qint64 lingerMaxBytes = 8 * 1024 * 1024;

class RequestGuard;

// The guard of the socket whose bytes QtHttpServer is handling right now: set before its readyRead handler runs
// (ours is connected first), cleared after it (ours is connected last).
RequestGuard *dispatching = nullptr;
// Connections held for pending future responses, by QtHttpServer's request object (one per connection).
QMultiHash<const QHttpServerRequest *, QPointer<RequestGuard>> held;

// Acknowledges what arrives at once. A client that sends a request in two writes (QNetworkAccessManager writes the
// headers, then the body) holds the body back under Nagle's algorithm until the headers are acknowledged, and
// Linux delays that acknowledgement by up to 40 ms while the server has nothing to send: 40 ms added to every
// second push batch. The kernel leaves quick-ack mode by itself, so it is asked for again on every read.
void quickAck(QSslSocket *socket)
{
#ifdef Q_OS_LINUX
    const int one = 1;
    if (const qintptr fd = socket->socketDescriptor(); fd >= 0)
        ::setsockopt(int(fd), IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
#else
    Q_UNUSED(socket);
#endif
}

class RequestGuard : public QObject {
public:
    RequestGuard(QSslSocket *socket, qint64 maxBodyBytes, int *refusedCounter)
        : QObject(socket)
        , m_socket(socket)
        , m_framer(maxBodyBytes)
        , m_refusedCounter(refusedCounter)
    {
        // Connected before QtHttpServer connects its own handler (it receives the socket after this), so
        // every batch of bytes is inspected before the HTTP parser copies it.
        connect(socket, &QIODevice::readyRead, this, &RequestGuard::inspect);
        socket->installEventFilter(this);
        inspect();
    }

    /// Called once QtHttpServer has connected its handler: a second slot after it tells how much of the
    /// inspected data the parser left in the socket, so the next inspection looks only at new bytes
    /// whatever the parser's reading strategy.
    void followParser()
    {
        connect(m_socket, &QIODevice::readyRead, this, [this] {
            m_inspectedUnread = m_socket->bytesAvailable();
            if (dispatching == this)
                dispatching = nullptr;
        });
        if (dispatching == this)
            dispatching = nullptr;
    }

    void hold() { ++m_holds; }
    void release()
    {
        if (--m_holds == 0 && m_deleteWanted) {
            m_deleteWanted = false;
            m_socket->deleteLater();
        }
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // QtHttpServer deletes a closed connection with deleteLater(); while a response is pending, the deletion
        // waits for release().
        if (watched == m_socket && event->type() == QEvent::DeferredDelete && m_holds > 0) {
            m_deleteWanted = true;
            return true;
        }
        return QObject::eventFilter(watched, event);
    }

private:
    void inspect()
    {
        quickAck(m_socket);
        dispatching = this;
        if (m_refused) {
            // Drop what arrives; QtHttpServer's handler, which runs next, finds nothing to buffer.
            m_discarded += m_socket->skip(m_socket->bytesAvailable());
            if (m_discarded > lingerMaxBytes)
                m_socket->abort();
            return;
        }
        // The front of the buffer may still hold bytes inspected earlier that the parser has not read yet.
        const qint64 available = m_socket->bytesAvailable();
        if (available <= m_inspectedUnread) {
            m_inspectedUnread = available;
            return;
        }
        const QByteArray bytes = m_socket->peek(available);
        const auto verdict = m_framer.feed(QByteArrayView(bytes).sliced(m_inspectedUnread));
        m_inspectedUnread = available;
        switch (verdict) {
        case HttpRequestFramer::Verdict::Continue:
            return;
        case HttpRequestFramer::Verdict::BodyTooLarge:
            refuse(413, "Payload Too Large", apierror::bodyTooLarge,
                QStringLiteral("The request body (%1 bytes or more) exceeds the limit of %2 bytes.")
                    .arg(m_framer.currentBodyBytes())
                    .arg(m_framer.maxBodyBytes()));
            return;
        case HttpRequestFramer::Verdict::HeadTooLarge:
            refuse(431, "Request Header Fields Too Large", "head_too_large",
                QStringLiteral("The request head is too large."));
            return;
        case HttpRequestFramer::Verdict::Malformed:
            refuse(400, "Bad Request", apierror::badRequest, QStringLiteral("The request is not valid HTTP/1.1."));
            return;
        }
    }

    void refuse(int status, const char *reason, const char *code, const QString &message)
    {
        m_refused = true;
        ++*m_refusedCounter;
        ApiError error { QString::fromLatin1(code), message, {} };
        if (status == 413)
            error.details.insert(QStringLiteral("limit"), m_framer.maxBodyBytes());
        const QByteArray body = error.toJson();
        qCWarning(lcGuard) << "refused a request from" << m_socket->peerAddress().toString() << "with" << status
                           << message;
        m_discarded += m_socket->skip(m_socket->bytesAvailable());
        m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
            + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\nConnection: close\r\n\r\n" + body);
        QTimer::singleShot(lingerMs, m_socket, [socket = QPointer<QSslSocket>(m_socket)] {
            if (socket)
                socket->disconnectFromHost();
        });
    }

    QSslSocket *m_socket;
    int m_holds = 0;
    bool m_deleteWanted = false;
    HttpRequestFramer m_framer;
    int *m_refusedCounter;
    bool m_refused = false;
    qint64 m_discarded = 0;
    qint64 m_inspectedUnread = 0;
};

} // namespace

void ConnectionHold::take(const QHttpServerRequest &request)
{
    if (!dispatching) {
        qCWarning(lcGuard) << "a future response without a known connection; it is not held";
        return;
    }
    dispatching->hold();
    held.insert(&request, dispatching);
}

void ConnectionHold::release(const QHttpServerRequest &request)
{
    const auto it = held.constFind(&request);
    if (it == held.constEnd())
        return;
    const QPointer<RequestGuard> guard = *it;
    held.erase(it);
    if (guard)
        guard->release();
}

GuardedSslServer::GuardedSslServer(qint64 maxBodyBytes, QObject *parent)
    : QSslServer(parent)
    , m_maxBodyBytes(maxBodyBytes)
{
}

void GuardedSslServer::attachGuardsAfterHttpServer()
{
    // QAbstractHttpServer::bind() has connected its handler to these signals; ours, connected later, runs after
    // it took the new sockets and connected its readyRead handler to each.
    auto follow = [this] {
        for (const QPointer<QObject> &guard : std::exchange(m_newGuards, {})) {
            if (guard)
                static_cast<RequestGuard *>(guard.data())->followParser();
        }
    };
    connect(this, &QTcpServer::pendingConnectionAvailable, this, follow);
    connect(this, &QTcpServer::newConnection, this, follow);
}

QTcpSocket *GuardedSslServer::nextPendingConnection()
{
    QTcpSocket *socket = QSslServer::nextPendingConnection();
    if (socket)
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (auto *sslSocket = qobject_cast<QSslSocket *>(socket))
        m_newGuards.append(new RequestGuard(sslSocket, m_maxBodyBytes, &m_refused));
    return socket;
}

} // namespace mts
