// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/blobroutes.h"

#include "server/core/blobservice.h"
#include "server/core/oidcprovider.h"
#include "server/core/tokenauthenticator.h"
#include "server/http/httpexchange.h"
#include "shared/apierror.h"

#include <QHttpServer>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QThreadPool>

Q_LOGGING_CATEGORY(lcBlobRoutes, "mts.server.blobs.http")

namespace mts {

namespace {

QHttpServerResponse failed(const BlobFailure &failure)
{
    if (failure.code == BlobError::Unavailable)
        qCWarning(lcBlobRoutes) << "blob request failed:" << failure.message;
    QHttpServerResponse response = http::error(QHttpServerResponse::StatusCode(failure.httpStatus()),
        ApiError { failure.apiCode(), failure.message, failure.details });
    if (failure.code == BlobError::Busy || failure.code == BlobError::Unavailable)
        response.addHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
    if (failure.code == BlobError::RangeNotSatisfiable)
        response.addHeader(QByteArrayLiteral("Content-Range"),
            "bytes */" + QByteArray::number(failure.details.value(QLatin1String("size")).toInteger()));
    return response;
}

using Handler = std::function<QHttpServerResponse(const Principal &, const HttpExchange &)>;

// Authenticates, then runs `handler` on the worker pool.
QFuture<QHttpServerResponse> authenticated(
    QThreadPool *workers, TokenAuthenticator *authenticator, const QHttpServerRequest &request, Handler handler)
{
    return http::onWorkers(
        workers, request, [authenticator, handler = std::move(handler)](const HttpExchange &exchange) {
            const auto principal = authenticator->authenticate(exchange.authorization);
            if (!principal)
                return http::unauthorized(principal.error().code.description);
            return handler(principal.value(), exchange);
        });
}

QJsonObject uploadJson(const BlobService::Upload &upload)
{
    return { { QStringLiteral("upload_id"), upload.id }, { QStringLiteral("received"), upload.received },
        { QStringLiteral("size"), upload.size } };
}

} // namespace

void BlobRoutes::add(QHttpServer &server, QThreadPool *workers, TokenAuthenticator *authenticator, BlobService *blobs)
{
    // The upload routes come first: GET /api/v1/blobs/uploads/{id} would otherwise match /api/v1/blobs/{scope}/{hash}.
    server.route(QStringLiteral("/api/v1/blobs/uploads"), QHttpServerRequest::Method::Post,
        [=](const QHttpServerRequest &request) {
            return authenticated(
                workers, authenticator, request, [blobs](const Principal &principal, const HttpExchange &exchange) {
                    QJsonParseError error {};
                    const QJsonDocument document = QJsonDocument::fromJson(exchange.body, &error);
                    if (error.error != QJsonParseError::NoError || !document.isObject()) {
                        return http::error(QHttpServerResponse::StatusCode::BadRequest,
                            ApiError { QString::fromLatin1(apierror::badRequest),
                                QStringLiteral("The body is not a JSON object."), {} });
                    }
                    BlobFailure failure;
                    const auto started = blobs->startUpload(principal, document.object(), &failure);
                    if (!started)
                        return failed(failure);
                    if (started.value().exists) {
                        return http::json(QJsonObject {
                            { QStringLiteral("exists"), true }, { QStringLiteral("size"), started.value().size } });
                    }
                    return http::json(uploadJson(started.value()), QHttpServerResponse::StatusCode::Created);
                });
        });
    server.route(QStringLiteral("/api/v1/blobs/uploads/<arg>/complete"), QHttpServerRequest::Method::Post,
        [=](const QString &id, const QHttpServerRequest &request) {
            return authenticated(
                workers, authenticator, request, [blobs, id](const Principal &principal, const HttpExchange &) {
                    BlobFailure failure;
                    const auto stored = blobs->complete(principal, id, &failure);
                    if (!stored)
                        return failed(failure);
                    return http::json(QJsonObject { { QStringLiteral("scope"), stored.value().scope },
                                          { QStringLiteral("hash"), stored.value().hash },
                                          { QStringLiteral("size"), stored.value().size } },
                        QHttpServerResponse::StatusCode::Created);
                });
        });
    server.route(QStringLiteral("/api/v1/blobs/uploads/<arg>"), QHttpServerRequest::Method::Get,
        [=](const QString &id, const QHttpServerRequest &request) {
            return authenticated(
                workers, authenticator, request, [blobs, id](const Principal &principal, const HttpExchange &) {
                    BlobFailure failure;
                    const auto upload = blobs->upload(principal, id, &failure);
                    if (!upload)
                        return failed(failure);
                    return http::json(uploadJson(upload.value()));
                });
        });
    server.route(QStringLiteral("/api/v1/blobs/uploads/<arg>"), QHttpServerRequest::Method::Put,
        [=](const QString &id, const QHttpServerRequest &request) {
            return authenticated(
                workers, authenticator, request, [blobs, id](const Principal &principal, const HttpExchange &exchange) {
                    bool ok = false;
                    const qint64 offset
                        = QUrlQuery(exchange.url).queryItemValue(QStringLiteral("offset")).toLongLong(&ok);
                    if (!ok || offset < 0) {
                        return http::error(QHttpServerResponse::StatusCode::BadRequest,
                            ApiError { QString::fromLatin1(apierror::badRequest),
                                QStringLiteral("Give ?offset=N, the byte the chunk starts at."), {} });
                    }
                    BlobFailure failure;
                    const auto received = blobs->appendChunk(principal, id, offset, exchange.body, &failure);
                    if (!received)
                        return failed(failure);
                    return http::json(QJsonObject { { QStringLiteral("received"), received.value() } });
                });
        });
    server.route(QStringLiteral("/api/v1/blobs/<arg>/<arg>"), QHttpServerRequest::Method::Get,
        [=](const QString &scope, const QString &hash, const QHttpServerRequest &request) {
            // Read here: HttpExchange carries no Range.
            const QByteArray range = request.value(QByteArrayLiteral("range"));
            return authenticated(workers, authenticator, request,
                [blobs, scope, hash, range](const Principal &principal, const HttpExchange &) {
                    BlobFailure failure;
                    const auto content = blobs->read(principal, scope, hash, range, &failure);
                    if (!content)
                        return failed(failure);
                    const BlobService::Content &c = content.value();
                    QHttpServerResponse response(QByteArrayLiteral("application/octet-stream"), c.bytes,
                        c.partial ? QHttpServerResponse::StatusCode::PartialContent
                                  : QHttpServerResponse::StatusCode::Ok);
                    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
                    response.addHeader(QByteArrayLiteral("Accept-Ranges"), QByteArrayLiteral("bytes"));
                    if (c.partial) {
                        response.addHeader(QByteArrayLiteral("Content-Range"),
                            "bytes " + QByteArray::number(c.offset) + '-'
                                + QByteArray::number(c.offset + c.bytes.size() - 1) + '/' + QByteArray::number(c.size));
                    }
                    return response;
                });
        });
}

} // namespace mts
