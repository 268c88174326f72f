// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httprequestframer.h"

namespace mts {

namespace {
// A chunk-size line or trailer line longer than this is not HTTP a client of ours sends.
constexpr qsizetype maxControlLine = 4096;

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}
} // namespace

HttpRequestFramer::HttpRequestFramer(qint64 maxBodyBytes, qint64 maxHeadBytes)
    : m_maxBodyBytes(maxBodyBytes)
    , m_maxHeadBytes(maxHeadBytes)
{
}

HttpRequestFramer::Verdict HttpRequestFramer::fail(Verdict verdict)
{
    m_state = State::Failed;
    m_failure = verdict;
    m_line.clear();
    return verdict;
}

void HttpRequestFramer::finishRequest()
{
    ++m_completed;
    m_state = State::Head;
    m_headBytes = 0;
    m_sawRequestLine = false;
    m_chunked = false;
    m_contentLength = 0;
    m_bodyBytes = 0;
}

HttpRequestFramer::Verdict HttpRequestFramer::feed(QByteArrayView data)
{
    qsizetype pos = 0;
    while (pos < data.size()) {
        switch (m_state) {
        case State::Failed:
            return m_failure;
        case State::FixedBody:
        case State::ChunkData: {
            const qsizetype take = qsizetype(qMin<qint64>(m_remaining, data.size() - pos));
            pos += take;
            m_remaining -= take;
            if (m_remaining == 0) {
                if (m_state == State::FixedBody)
                    finishRequest();
                else
                    m_state = State::ChunkDataEnd;
            }
            break;
        }
        case State::Head:
        case State::ChunkSize:
        case State::ChunkDataEnd:
        case State::Trailers: {
            const qsizetype newline = data.sliced(pos).indexOf('\n');
            const qsizetype end = newline < 0 ? data.size() : pos + newline + 1;
            const qsizetype limit = m_state == State::Head ? qsizetype(m_maxHeadBytes) : maxControlLine;
            if (m_state == State::Head) {
                m_headBytes += end - pos;
                if (m_headBytes > m_maxHeadBytes)
                    return fail(Verdict::HeadTooLarge);
            } else if (m_line.size() + (end - pos) > limit) {
                return fail(Verdict::Malformed);
            }
            m_line.append(data.sliced(pos, end - pos));
            pos = end;
            if (newline < 0)
                break;
            QByteArrayView line(m_line);
            line.chop(1);
            if (line.endsWith('\r'))
                line.chop(1);
            const Verdict verdict = onLine(line);
            m_line.clear();
            if (verdict != Verdict::Continue)
                return fail(verdict);
            break;
        }
        }
    }
    return m_state == State::Failed ? m_failure : Verdict::Continue;
}

HttpRequestFramer::Verdict HttpRequestFramer::onLine(QByteArrayView line)
{
    switch (m_state) {
    case State::Head: {
        if (!m_sawRequestLine) {
            // Empty lines before a request line are allowed (RFC 9112 §2.2).
            if (!line.isEmpty())
                m_sawRequestLine = true;
            else
                m_headBytes = 0;
            return Verdict::Continue;
        }
        if (line.isEmpty())
            return endOfHead();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return Verdict::Malformed;
        const QByteArrayView name = line.first(colon).trimmed();
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        if (equalsIgnoringCase(name, "content-length")) {
            bool ok = false;
            const qint64 length = QByteArray(value.data(), value.size()).toLongLong(&ok);
            if (!ok || length < 0 || (m_contentLength != 0 && m_contentLength != length))
                return Verdict::Malformed;
            m_contentLength = length;
        } else if (equalsIgnoringCase(name, "transfer-encoding")) {
            // The last coding decides; anything but chunked cannot be framed (RFC 9112 §6.3).
            const qsizetype comma = value.lastIndexOf(',');
            const QByteArrayView last = (comma < 0 ? value : value.sliced(comma + 1)).trimmed();
            if (!equalsIgnoringCase(last, "chunked"))
                return Verdict::Malformed;
            m_chunked = true;
        }
        return Verdict::Continue;
    }
    case State::ChunkSize: {
        const qsizetype semicolon = line.indexOf(';');
        const QByteArrayView digits = (semicolon < 0 ? line : line.first(semicolon)).trimmed();
        bool ok = false;
        const qint64 size = digits.size() <= 15 ? QByteArray(digits.data(), digits.size()).toLongLong(&ok, 16) : -1;
        if (!ok || size < 0)
            return Verdict::Malformed;
        if (size == 0) {
            m_state = State::Trailers;
            return Verdict::Continue;
        }
        m_bodyBytes += size;
        if (m_bodyBytes > m_maxBodyBytes)
            return Verdict::BodyTooLarge;
        m_remaining = size;
        m_state = State::ChunkData;
        return Verdict::Continue;
    }
    case State::ChunkDataEnd:
        if (!line.isEmpty())
            return Verdict::Malformed;
        m_state = State::ChunkSize;
        return Verdict::Continue;
    case State::Trailers:
        if (line.isEmpty())
            finishRequest();
        return Verdict::Continue;
    case State::FixedBody:
    case State::ChunkData:
    case State::Failed:
        break;
    }
    return Verdict::Malformed;
}

HttpRequestFramer::Verdict HttpRequestFramer::endOfHead()
{
    if (m_chunked) {
        m_state = State::ChunkSize;
        return Verdict::Continue;
    }
    if (m_contentLength > m_maxBodyBytes) {
        m_bodyBytes = m_contentLength;
        return Verdict::BodyTooLarge;
    }
    if (m_contentLength == 0) {
        finishRequest();
        return Verdict::Continue;
    }
    m_bodyBytes = m_contentLength;
    m_remaining = m_contentLength;
    m_state = State::FixedBody;
    return Verdict::Continue;
}

} // namespace mts
