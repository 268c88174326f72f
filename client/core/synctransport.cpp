// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "synctransport.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

namespace mts {

/// Lives on the transport's thread: owns the QNetworkAccessManager and the replies.
class SyncTransportWorker : public QObject {
    Q_OBJECT
public:
    void post(quint64 id, const QNetworkRequest &request, const QByteArray &body)
    {
        if (!m_network)
            m_network = new QNetworkAccessManager(this);
        QNetworkReply *reply = m_network->post(request, body);
        m_replies.insert(id, reply);
        connect(reply, &QNetworkReply::finished, this, [this, id, reply] {
            reply->deleteLater();
            if (m_replies.take(id) != reply)
                return;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            // An HTTP error status still carries a JSON body worth reading; only a transport failure is a network
            // error.
            const bool networkError = status == 0 && reply->error() != QNetworkReply::NoError;
            Q_EMIT finished(id, status, reply->readAll(), networkError, reply->errorString());
        });
    }

    void abort(quint64 id)
    {
        if (QPointer<QNetworkReply> reply = m_replies.take(id)) {
            reply->disconnect(this);
            reply->abort();
            reply->deleteLater();
        }
    }

    void dropConnections()
    {
        if (m_network)
            m_network->clearConnectionCache();
    }

Q_SIGNALS:
    void finished(quint64 id, int status, const QByteArray &body, bool networkError, const QString &message);

private:
    QNetworkAccessManager *m_network = nullptr;
    QHash<quint64, QPointer<QNetworkReply>> m_replies;
};

SyncTransport::SyncTransport(QObject *parent)
    : QObject(parent)
    , m_worker(new SyncTransportWorker)
{
    m_thread.setObjectName(QStringLiteral("sync transport"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &SyncTransportWorker::finished, this, &SyncTransport::deliver, Qt::QueuedConnection);
    m_thread.start();
}

SyncTransport::~SyncTransport()
{
    m_pending.clear();
    m_thread.quit();
    m_thread.wait();
}

quint64 SyncTransport::post(const QNetworkRequest &request, const QByteArray &body, Done done)
{
    const quint64 id = m_nextId++;
    m_pending.insert(id, std::move(done));
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, id, request, body] { worker->post(id, request, body); });
    return id;
}

void SyncTransport::abort(quint64 id)
{
    if (m_pending.remove(id))
        QMetaObject::invokeMethod(m_worker, [worker = m_worker, id] { worker->abort(id); });
}

void SyncTransport::dropConnections()
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->dropConnections(); });
}

void SyncTransport::deliver(quint64 id, int status, const QByteArray &body, bool networkError, const QString &message)
{
    const Done done = m_pending.take(id);
    if (done)
        done(status, body, networkError, message);
}

} // namespace mts

#include "synctransport.moc"
