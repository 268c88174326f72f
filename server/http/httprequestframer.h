// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace mts {

/// Follows the framing of the HTTP/1.1 requests on one connection — request heads, Content-Length bodies,
/// chunked bodies — without keeping the bytes, so the server can refuse an oversized request as soon as it
/// is announced (or, for a chunked body, as soon as it crosses the limit) instead of buffering it.
/// QtHttpServer 6.4 buffers every body whole before any handler runs; this is the guard in front of it.
class HttpRequestFramer {
public:
    enum class Verdict { Continue, BodyTooLarge, HeadTooLarge, Malformed };

    explicit HttpRequestFramer(qint64 maxBodyBytes, qint64 maxHeadBytes = 64 * 1024);

    /// Feeds the next bytes received on the connection. Once a verdict other than Continue is returned,
    /// every later call returns it again.
    Verdict feed(QByteArrayView data);

    /// Body bytes announced or seen so far for the current request.
    qint64 currentBodyBytes() const { return m_bodyBytes; }
    /// Requests whose end has been seen.
    int completedRequests() const { return m_completed; }
    qint64 maxBodyBytes() const { return m_maxBodyBytes; }

private:
    enum class State { Head, FixedBody, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Failed };

    Verdict fail(Verdict verdict);
    Verdict onLine(QByteArrayView line);
    Verdict endOfHead();
    void finishRequest();

    qint64 m_maxBodyBytes;
    qint64 m_maxHeadBytes;
    State m_state = State::Head;
    Verdict m_failure = Verdict::Continue;
    QByteArray m_line;
    qint64 m_headBytes = 0;
    bool m_sawRequestLine = false;
    bool m_chunked = false;
    qint64 m_contentLength = 0;
    qint64 m_remaining = 0;
    qint64 m_bodyBytes = 0;
    int m_completed = 0;
};

} // namespace mts
