// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QThread>

#include <any>
#include <atomic>
#include <functional>

namespace mts {

class SyncTransportWorker;

/// The HTTP client of the sync engine, on a thread of its own with its own QNetworkAccessManager.
///
/// Why a thread: QNetworkAccessManager hands a request body to its HTTP thread in 16 KB pieces through the event
/// loop of the thread that posted it. While the engine's thread writes a batch into SQLite (tens of milliseconds),
/// a request sent ahead of that work would not leave the machine, and the server would sit idle. Here the posting
/// thread only computes; bodies and answers move while it writes. Answers are delivered on the thread that owns
/// the transport, one at a time, in the order they arrive.
class SyncTransport : public QObject {
    Q_OBJECT
public:
    /// An answer: status, body, headers (a gzip body's Content-Encoding, a blob range's Content-Range).
    struct Reply {
        /// The HTTP status; 0 when no answer came.
        int status = 0;
        QByteArray body;
        /// The transport failed (no HTTP answer at all); `message` says why.
        bool networkError = false;
        QString message;
        QList<QPair<QByteArray, QByteArray>> headers;
        /// Bytes the body took on the wire: less than body.size() when the server sent it gzip-compressed (the
        /// transport asks for gzip and hands over `body` decompressed).
        qint64 wireBytes = 0;

        /// What the request's Decode made of a 200 answer's body, on the transport's thread; empty otherwise.
        std::any decoded;
        /// The id of the request the Decode sent next (SendNext), whose answer comes to the same ReplyDone; 0 when
        /// it sent none.
        quint64 next = 0;

        /// The value of header `name` (case-insensitive); empty when absent.
        QByteArray header(QByteArrayView name) const;
    };
    using ReplyDone = std::function<void(const Reply &reply)>;
    /// Sends, from the transport's thread, the request that follows the one being decoded — the next page of a
    /// paged download — to the same URL with the same headers and Decode: it leaves as soon as this answer is
    /// read, not when the caller's thread has taken it in. At most once per answer.
    using SendNext = std::function<void(const QByteArray &body)>;
    /// Reads a 200 answer's body into what the caller works with (parsing JSON, say), on the transport's thread, so
    /// the caller's thread spends its time on its own work; may send the next request (SendNext). Must not touch
    /// anything but the body and its own state, and runs for one answer at a time.
    ///
    /// A request leaves only while the transport thread's event loop runs. A Decode that sends the next request
    /// and still has work to do returns that work as a Later: it runs on a thread of its own (Laters one at a time,
    /// in order) and its result is the Reply's `decoded`. Answers are delivered in the order they arrived, each when
    /// the Laters before it and its own are done: the answer to a request a Decode sent never overtakes the answer
    /// that sent it, even when it is an error with nothing to decode.
    using Decode = std::function<std::any(const QByteArray &body, const SendNext &sendNext)>;
    using Later = std::function<std::any()>;

    /// The largest answer taken in once decompressed: a pull page of sync::maxPullLimit records with large fields.
    static constexpr qsizetype maxAnswerBytes = 256 * 1024 * 1024;

    explicit SyncTransport(QObject *parent = nullptr);
    ~SyncTransport() override;

    /// Sends `verb` (GET, PUT, POST, …) with `request`'s URL, headers and TLS configuration and `body` (ignored for
    /// GET); `done` runs on this object's thread unless abort() comes first. Returns an id for abort().
    quint64 send(const QByteArray &verb, const QNetworkRequest &request, const QByteArray &body, ReplyDone done,
        Decode decode = {});
    /// Drops request `id`: its `done` never runs. The request in flight is aborted, and so is the one a Decode sent
    /// after it.
    void abort(quint64 id);
    /// Closes the kept-alive connections (the next request opens a new one), e.g. after the network changed.
    void dropConnections();

private:
    void deliver(quint64 id, const mts::SyncTransport::Reply &reply);

    QThread m_thread;
    SyncTransportWorker *m_worker;
    /// Request ids, taken by this thread (send()) and the transport's (SendNext).
    std::atomic<quint64> m_nextId = 1;
    QHash<quint64, ReplyDone> m_pending;
};

} // namespace mts
