// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "synctransport.h"

#include "shared/compression.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QThreadPool>

namespace mts {

/// Lives on the transport's thread: owns the QNetworkAccessManager and the replies.
class SyncTransportWorker : public QObject {
    Q_OBJECT
public:
    explicit SyncTransportWorker(std::atomic<quint64> *nextId)
        : m_nextId(nextId)
    {
        m_later.setMaxThreadCount(1);
    }
    ~SyncTransportWorker() override { m_later.waitForDone(); }

    void send(quint64 id, const QByteArray &verb, const QNetworkRequest &request, const QByteArray &body,
        const SyncTransport::Decode &decode)
    {
        if (!m_network)
            m_network = new QNetworkAccessManager(this);
        // gzip answers are asked for and undone here, on this thread, not by QNetworkAccessManager: then the bytes
        // on the wire are known and the decompressed size is bounded by us.
        QNetworkRequest asked = request;
        asked.setRawHeader("Accept-Encoding", "gzip");
        QNetworkReply *reply = nullptr;
        if (verb == "POST")
            reply = m_network->post(asked, body);
        else if (verb == "PUT")
            reply = m_network->put(asked, body);
        else if (verb == "GET")
            reply = m_network->get(asked);
        else
            reply = m_network->sendCustomRequest(asked, verb, body);
        m_replies.insert(id, reply);
        connect(reply, &QNetworkReply::finished, this, [this, id, reply, verb, request, decode] {
            reply->deleteLater();
            if (m_replies.take(id) != reply)
                return;
            SyncTransport::Reply answer;
            answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            // An HTTP error status still carries a JSON body worth reading; only a transport failure is a network
            // error.
            answer.networkError = answer.status == 0 && reply->error() != QNetworkReply::NoError;
            answer.message = reply->errorString();
            answer.body = reply->readAll();
            answer.headers = reply->rawHeaderPairs();
            answer.wireBytes = answer.body.size();
            if (answer.header("Content-Encoding").trimmed().toLower() == "gzip") {
                // A damaged or oversized answer reads as an empty body: the caller reports it as not understood.
                answer.body = compression::gunzip(answer.body, SyncTransport::maxAnswerBytes).value_or(QByteArray());
            }
            SyncTransport::Later later;
            if (decode && answer.status == 200) {
                const SyncTransport::SendNext sendNext = [&](const QByteArray &next) {
                    if (answer.next != 0)
                        return;
                    answer.next = m_nextId->fetch_add(1);
                    send(answer.next, verb, request, next, decode);
                };
                answer.decoded = decode(answer.body, sendNext);
                if (const auto *work = std::any_cast<SyncTransport::Later>(&answer.decoded)) {
                    later = *work;
                    answer.decoded.reset();
                }
            }
            // Every answer leaves through one queue, in the order the answers came, each after the Laters before
            // it: the answer to a request a Decode sent must not overtake the answer that sent it, which tells
            // SyncTransport::deliver() who waits for it (an error needs no decoding and would). A Later runs there,
            // on a thread of its own, so that this thread's event loop keeps feeding the request just sent to
            // QNetworkAccessManager's thread meanwhile.
            m_later.start([this, id, answer = std::move(answer), later = std::move(later)]() mutable {
                if (later)
                    answer.decoded = later();
                QMetaObject::invokeMethod(
                    this, [this, id, answer] { Q_EMIT finished(id, answer); }, Qt::QueuedConnection);
            });
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
    void finished(quint64 id, const mts::SyncTransport::Reply &reply);

private:
    std::atomic<quint64> *m_nextId;
    /// Runs the Laters of decoding.
    QThreadPool m_later;
    QNetworkAccessManager *m_network = nullptr;
    QHash<quint64, QPointer<QNetworkReply>> m_replies;
};

SyncTransport::SyncTransport(QObject *parent)
    : QObject(parent)
    , m_worker(new SyncTransportWorker(&m_nextId))
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

QByteArray SyncTransport::Reply::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

quint64 SyncTransport::send(
    const QByteArray &verb, const QNetworkRequest &request, const QByteArray &body, ReplyDone done, Decode decode)
{
    const quint64 id = m_nextId++;
    m_pending.insert(id, std::move(done));
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, id, verb, request, body, decode = std::move(decode)] {
        worker->send(id, verb, request, body, decode);
    });
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

void SyncTransport::deliver(quint64 id, const Reply &reply)
{
    const ReplyDone done = m_pending.take(id);
    if (reply.next != 0) {
        // The request its Decode sent next answers to the same callback, unless this one was dropped meanwhile.
        if (done)
            m_pending.insert(reply.next, done);
        else
            QMetaObject::invokeMethod(m_worker, [worker = m_worker, next = reply.next] { worker->abort(next); });
    }
    if (done)
        done(reply);
}

} // namespace mts

#include "synctransport.moc"
