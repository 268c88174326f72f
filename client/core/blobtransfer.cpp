// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "blobtransfer.h"

#include "client/core/blobstore.h"
#include "shared/apierror.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcBlobTransfer, "mts.sync.blobs")

namespace mts {

namespace {

const QString uploadsPath = QStringLiteral("/api/v1/blobs/uploads");

bool isTransientStatus(int status)
{
    return status == 408 || status == 425 || status == 429 || status >= 500;
}

QJsonObject jsonOf(const SyncTransport::Reply &reply)
{
    return QJsonDocument::fromJson(reply.body).object();
}

qint64 receivedIn(const ApiError &error)
{
    const QJsonValue received = error.details.value(QStringLiteral("received"));
    return received.isDouble() ? received.toInteger(-1) : -1;
}

// "bytes 0-1023/5000" → (0, 1023, 5000); "bytes */5000" → (-1, -1, 5000).
std::optional<std::tuple<qint64, qint64, qint64>> parseContentRange(const QByteArray &header)
{
    const QByteArray value = header.trimmed();
    if (!value.startsWith("bytes "))
        return std::nullopt;
    const QByteArray spec = value.mid(6).trimmed();
    const qsizetype slash = spec.indexOf('/');
    if (slash < 0)
        return std::nullopt;
    bool ok = false;
    const qint64 total = spec.mid(slash + 1).toLongLong(&ok);
    if (!ok || total < 0)
        return std::nullopt;
    const QByteArray range = spec.left(slash);
    if (range == "*")
        return std::tuple { qint64(-1), qint64(-1), total };
    const qsizetype dash = range.indexOf('-');
    bool okFirst = false;
    bool okLast = false;
    const qint64 first = range.left(dash).toLongLong(&okFirst);
    const qint64 last = range.mid(dash + 1).toLongLong(&okLast);
    if (dash < 0 || !okFirst || !okLast || first < 0 || last < first || last >= total)
        return std::nullopt;
    return std::tuple { first, last, total };
}

} // namespace

BlobTransfer::BlobTransfer(BlobStore *store, SyncTransport *transport, ServerConnection connection)
    : m_store(store)
    , m_transport(transport)
    , m_connection(std::move(connection))
{
}

BlobTransfer::~BlobTransfer()
{
    abort();
}

void BlobTransfer::setPieceBytes(qint64 bytes)
{
    const qint64 chunks = std::clamp<qint64>(bytes / BlobStore::chunkBytes, 1, maxPieceBytes / BlobStore::chunkBytes);
    m_pieceBytes = chunks * BlobStore::chunkBytes;
}

void BlobTransfer::abort()
{
    ++m_generation;
    m_job.reset();
    if (m_request)
        m_transport->abort(std::exchange(m_request, 0));
}

void BlobTransfer::send(const QByteArray &verb, const QString &path, const QByteArray &body,
    std::function<void(const SyncTransport::Reply &)> handle, const QByteArray &range)
{
    // ServerConnection takes a path only: a query given with it would be escaped into the path.
    const qsizetype question = path.indexOf(u'?');
    QNetworkRequest request = m_connection.request(question < 0 ? path : path.left(question));
    if (question >= 0) {
        QUrl url = request.url();
        url.setQuery(path.mid(question + 1));
        request.setUrl(url);
    }
    request.setRawHeader("Authorization", "Bearer " + m_job->token);
    if (verb == "PUT")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
    else if (verb == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!range.isEmpty())
        request.setRawHeader("Range", range);
    m_request
        = m_transport->send(verb, request, body, [this, handle = std::move(handle)](const SyncTransport::Reply &reply) {
              m_request = 0;
              handle(reply);
          });
}

void BlobTransfer::finish(Outcome outcome, const QString &message, const SyncTransport::Reply *reply)
{
    Job job = std::move(*m_job);
    m_job.reset();
    job.result.outcome = outcome;
    job.result.message = message;
    if (reply) {
        job.result.status = reply->status;
        job.result.code = ApiError::fromJson(reply->body).value_or(ApiError {}).code;
    }
    if (outcome != Outcome::Done)
        qCInfo(lcBlobTransfer) << "blob" << job.hash << "of" << job.scope << "failed:" << int(outcome) << message;
    job.done(job.result);
}

void BlobTransfer::succeed()
{
    finish(Outcome::Done, {});
}

void BlobTransfer::failWith(const SyncTransport::Reply &reply)
{
    if (reply.networkError || isTransientStatus(reply.status)) {
        return finish(Outcome::Transient,
            reply.networkError ? reply.message : QStringLiteral("HTTP %1").arg(reply.status), &reply);
    }
    if (reply.status == 401)
        return finish(Outcome::Unauthorized, QStringLiteral("the access token was refused"), &reply);
    const ApiError error = ApiError::fromJson(reply.body).value_or(ApiError {});
    finish(Outcome::Refused, error.message.isEmpty() ? QStringLiteral("HTTP %1").arg(reply.status) : error.message,
        &reply);
}

// --- Upload ---

QString BlobTransfer::uploadPath() const
{
    return uploadsPath + u'/' + m_job->session;
}

void BlobTransfer::upload(
    const QString &scope, const QString &hash, const QByteArray &token, Progress progress, Done done)
{
    abort();
    m_job = Job { scope, hash, token, std::move(progress), std::move(done), {}, {}, false, 0 };
    const auto size = m_store->size(hash);
    if (!size)
        return finish(Outcome::Local, size.error().message);
    m_job->result.size = size.value();
    m_job->session = m_store->uploadSession(scope, hash);
    if (m_job->session.isEmpty())
        return startSession();
    askSession();
}

// The server says what it has only for a session (DESIGN.md): ask it, then send the rest.
void BlobTransfer::askSession()
{
    send("GET", uploadPath(), {}, [this](const SyncTransport::Reply &reply) {
        if (reply.status == 404)
            return forgetSession(); // expired or discarded: start again
        if (reply.status != 200)
            return failWith(reply);
        const QJsonObject session = jsonOf(reply);
        const qint64 received = session.value(QStringLiteral("received")).toInteger(-1);
        if (session.value(QStringLiteral("size")).toInteger(-1) != m_job->result.size || received < 0
            || received > m_job->result.size) {
            return forgetSession();
        }
        m_job->result.resumedFrom = received;
        qCInfo(lcBlobTransfer) << "resuming the upload of" << m_job->hash << "at" << received << "of"
                               << m_job->result.size;
        putFrom(received);
    });
}

void BlobTransfer::forgetSession()
{
    if (m_job->restarted)
        return finish(Outcome::Refused, QStringLiteral("the server lost the upload session twice"));
    m_job->restarted = true;
    if (auto forgotten = m_store->setUploaded(m_job->scope, m_job->hash, false); !forgotten)
        return finish(Outcome::Local, forgotten.error().message);
    m_job->session.clear();
    m_job->result.resumedFrom = 0;
    startSession();
}

void BlobTransfer::startSession()
{
    const QJsonObject body { { QStringLiteral("scope"), m_job->scope }, { QStringLiteral("hash"), m_job->hash },
        { QStringLiteral("size"), m_job->result.size } };
    send("POST", uploadsPath, QJsonDocument(body).toJson(QJsonDocument::Compact),
        [this](const SyncTransport::Reply &reply) {
            const QJsonObject answer = jsonOf(reply);
            if (reply.status == 200 && answer.value(QStringLiteral("exists")).toBool()) {
                // The scope has it already (another cadre sent the same file): nothing to send.
                m_job->result.resumedFrom = m_job->result.size;
                if (auto marked = m_store->setUploaded(m_job->scope, m_job->hash, true); !marked)
                    return finish(Outcome::Local, marked.error().message);
                return succeed();
            }
            if (reply.status != 201)
                return failWith(reply);
            m_job->session = answer.value(QStringLiteral("upload_id")).toString();
            if (m_job->session.isEmpty())
                return finish(Outcome::Refused, QStringLiteral("the server gave no upload id"), &reply);
            // Remembered before any byte is sent, so a crash from here on resumes this session.
            if (auto saved = m_store->setUploadSession(m_job->scope, m_job->hash, m_job->session); !saved)
                return finish(Outcome::Local, saved.error().message);
            putFrom(0);
        });
}

void BlobTransfer::putFrom(qint64 offset)
{
    if (offset >= m_job->result.size)
        return complete();
    auto piece = m_store->readRange(m_job->hash, offset, m_pieceBytes);
    if (!piece)
        return finish(Outcome::Local, piece.error().message);
    if (piece.value().isEmpty())
        return finish(Outcome::Local, QStringLiteral("blob %1 ends before its size").arg(m_job->hash));
    const qint64 bytes = piece.value().size();
    send("PUT", uploadPath() + QStringLiteral("?offset=") + QString::number(offset), piece.value(),
        [this, offset, bytes](const SyncTransport::Reply &reply) {
            const ApiError error = ApiError::fromJson(reply.body).value_or(ApiError {});
            if (reply.status == 404)
                return forgetSession();
            if (reply.status == 409 && error.code == QLatin1String("offset_mismatch")) {
                // The session has more (an answer lost on the way) or less than this client thought.
                if (const qint64 received = receivedIn(error); correct(received))
                    return putFrom(received);
                return;
            }
            if (reply.status != 200)
                return failWith(reply);
            const qint64 received = jsonOf(reply).value(QStringLiteral("received")).toInteger(-1);
            if (received != offset + bytes)
                return finish(Outcome::Refused, QStringLiteral("the server's upload count does not follow"), &reply);
            m_job->result.transferred += bytes;
            // A copy: the callback may abort, which destroys the job and its copy of the callback.
            const Progress progress = m_job->progress;
            const quint64 generation = m_generation;
            if (progress)
                progress(bytes, received, m_job->result.size);
            if (generation != m_generation)
                return; // aborted from the progress callback
            putFrom(received);
        });
}

bool BlobTransfer::correct(qint64 received)
{
    if (received < 0 || received > m_job->result.size || ++m_job->corrections > 3) {
        finish(Outcome::Refused, QStringLiteral("the server's upload offset does not settle"));
        return false;
    }
    return true;
}

void BlobTransfer::complete()
{
    send("POST", uploadPath() + QStringLiteral("/complete"), {}, [this](const SyncTransport::Reply &reply) {
        const ApiError error = ApiError::fromJson(reply.body).value_or(ApiError {});
        if (reply.status == 404)
            return forgetSession();
        if (reply.status == 409 && error.code == QLatin1String("upload_incomplete")) {
            if (const qint64 received = receivedIn(error); correct(received))
                return putFrom(received);
            return;
        }
        if (reply.status == 422) {
            // The server discarded the session (hash mismatch): do not resume it.
            if (auto forgotten = m_store->setUploaded(m_job->scope, m_job->hash, false); !forgotten)
                qCWarning(lcBlobTransfer) << "cannot forget an upload session:" << forgotten.error().message;
        }
        if (reply.status != 201)
            return failWith(reply);
        if (auto marked = m_store->setUploaded(m_job->scope, m_job->hash, true); !marked)
            return finish(Outcome::Local, marked.error().message);
        succeed();
    });
}

// --- Download ---

void BlobTransfer::download(
    const QString &scope, const QString &hash, const QByteArray &token, Progress progress, Done done)
{
    abort();
    m_job = Job { scope, hash, token, std::move(progress), std::move(done), {}, {}, false, 0 };
    if (m_store->has(hash)) {
        const auto size = m_store->size(hash);
        if (!size)
            return finish(Outcome::Local, size.error().message);
        m_job->result.size = size.value();
        m_job->result.resumedFrom = size.value();
        return succeed();
    }
    const qint64 offset = m_store->downloadedBytes(hash);
    m_job->result.resumedFrom = offset;
    if (offset > 0)
        qCInfo(lcBlobTransfer) << "resuming the download of" << hash << "at" << offset;
    getFrom(offset);
}

void BlobTransfer::getFrom(qint64 offset)
{
    const QByteArray range
        = "bytes=" + QByteArray::number(offset) + '-' + QByteArray::number(offset + m_pieceBytes - 1);
    send(
        "GET", QStringLiteral("/api/v1/blobs/%1/%2").arg(m_job->scope, m_job->hash), {},
        [this, offset](const SyncTransport::Reply &reply) {
            if (reply.status == 206) {
                const auto range = parseContentRange(reply.header("Content-Range"));
                if (!range || std::get<0>(*range) != offset
                    || std::get<1>(*range) - std::get<0>(*range) + 1 != reply.body.size()) {
                    return finish(
                        Outcome::Refused, QStringLiteral("the server's range does not match the request"), &reply);
                }
                return append(offset, std::get<2>(*range), reply.body);
            }
            if (reply.status == 200) {
                // A server that ignores ranges sends the whole blob: keep what is not here yet.
                return append(offset, reply.body.size(), reply.body.mid(offset));
            }
            if (reply.status == 416) {
                const auto range = parseContentRange(reply.header("Content-Range"));
                const qint64 size = range ? std::get<2>(*range) : -1;
                if (size == 0 && offset == 0)
                    return append(0, 0, {});
                // The partial file is longer than the blob: it is not this blob's. Drop it and start over once.
                if (size >= 0 && offset > 0 && !m_job->restarted) {
                    m_job->restarted = true;
                    if (auto dropped = m_store->remove(m_job->hash); !dropped)
                        return finish(Outcome::Local, dropped.error().message);
                    m_job->result.resumedFrom = 0;
                    return getFrom(0);
                }
            }
            failWith(reply);
        },
        range);
}

void BlobTransfer::append(qint64 offset, qint64 size, const QByteArray &data)
{
    m_job->result.size = size;
    if (auto appended = m_store->appendDownload(m_job->hash, size, offset, data); !appended)
        return finish(Outcome::Local, appended.error().message);
    m_job->result.transferred += data.size();
    const qint64 have = offset + data.size();
    const Progress progress = m_job->progress; // see putFrom()
    const quint64 generation = m_generation;
    if (progress)
        progress(data.size(), have, size);
    if (generation != m_generation)
        return; // aborted from the progress callback
    if (have < size) {
        if (data.isEmpty())
            return finish(Outcome::Refused, QStringLiteral("the server sent an empty piece"));
        return getFrom(have);
    }
    if (auto finished = m_store->finishDownload(m_job->hash, size); !finished) {
        return finish(finished.error().code == BlobStore::Error::Corrupt ? Outcome::Corrupt : Outcome::Local,
            finished.error().message);
    }
    succeed();
}

} // namespace mts
