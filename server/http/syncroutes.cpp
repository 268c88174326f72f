// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/syncroutes.h"

#include "server/core/oidcprovider.h"
#include "server/core/syncservice.h"
#include "server/core/tokenauthenticator.h"
#include "server/http/httpexchange.h"
#include "shared/apierror.h"

#include <QHttpServer>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QThreadPool>
#include <QtConcurrent>

Q_LOGGING_CATEGORY(lcSyncRoutes, "mts.server.sync.http")

namespace mts {

namespace {

QHttpServerResponse failed(const SyncFailure &failure)
{
    if (failure.code == SyncError::Unavailable)
        qCWarning(lcSyncRoutes) << "sync request failed:" << failure.message;
    QHttpServerResponse response = http::error(QHttpServerResponse::StatusCode(failure.httpStatus()),
        ApiError { failure.apiCode(), failure.message, failure.details });
    if (failure.code == SyncError::Busy || failure.code == SyncError::Unavailable)
        response.addHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
    return response;
}

using Handler = std::function<QHttpServerResponse(const Principal &, const HttpExchange &)>;

// Authenticates, then runs `handler` on the worker pool.
auto authenticated(QThreadPool *workers, TokenAuthenticator *authenticator, Handler handler)
{
    return [workers, authenticator, handler = std::move(handler)](const QHttpServerRequest &request) {
        return http::onWorkers(workers, request, [authenticator, handler](const HttpExchange &exchange) {
            const auto principal = authenticator->authenticate(exchange.authorization);
            if (!principal)
                return http::unauthorized(principal.error().code.description);
            return handler(principal.value(), exchange);
        });
    };
}

// The body as a JSON object, or the 400 that says why not.
// A push of sync::maxPushOps ops is a few megabytes of JSON; this leaves room for large unknown fields while a
// small gzip body cannot expand without bound.
constexpr qsizetype maxDecodedBodyBytes = 64 * 1024 * 1024;

std::optional<QJsonObject> bodyObject(const HttpExchange &exchange, QHttpServerResponse *refusal)
{
    const auto body = exchange.decodedBody(maxDecodedBodyBytes, refusal);
    if (!body)
        return std::nullopt;
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(*body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        *refusal = http::error(QHttpServerResponse::StatusCode::BadRequest,
            ApiError { QString::fromLatin1(apierror::badRequest), notJsonObjectMessage(*body), {} });
        return std::nullopt;
    }
    return document.object();
}

} // namespace

void SyncRoutes::add(QHttpServer &server, QThreadPool *workers, TokenAuthenticator *authenticator, SyncService *sync)
{
    server.route(QStringLiteral("/api/v1/sync/push"), QHttpServerRequest::Method::Post,
        authenticated(workers, authenticator, [sync](const Principal &principal, const HttpExchange &exchange) {
            // Read in place by the service: a push is megabytes of JSON, too costly to parse into a document.
            QHttpServerResponse refusal(QHttpServerResponse::StatusCode::BadRequest);
            const auto body = exchange.decodedBody(maxDecodedBodyBytes, &refusal);
            if (!body)
                return refusal;
            SyncFailure failure;
            const auto pushed = sync->push(principal, *body, &failure);
            if (!pushed)
                return failed(failure);
            return http::json(exchange, pushed.value().encode());
        }));
    server.route(QStringLiteral("/api/v1/sync/pull"), QHttpServerRequest::Method::Post,
        authenticated(workers, authenticator, [sync](const Principal &principal, const HttpExchange &exchange) {
            QHttpServerResponse refusal(QHttpServerResponse::StatusCode::BadRequest);
            const auto body = bodyObject(exchange, &refusal);
            if (!body)
                return refusal;
            SyncFailure failure;
            const auto pulled = sync->pull(principal, *body, &failure);
            if (!pulled)
                return failed(failure);
            return http::json(exchange, pulled.value().encode());
        }));
    server.route(QStringLiteral("/api/v1/sync/conflicts"), QHttpServerRequest::Method::Get,
        authenticated(workers, authenticator, [sync](const Principal &principal, const HttpExchange &exchange) {
            const QString bucket = QUrlQuery(exchange.url).queryItemValue(QStringLiteral("bucket"), QUrl::FullyDecoded);
            SyncFailure failure;
            const auto list = sync->conflicts(principal, bucket, &failure);
            if (!list)
                return failed(failure);
            return http::json(
                QJsonObject { { QStringLiteral("bucket"), bucket }, { QStringLiteral("conflicts"), list.value() } });
        }));
}

} // namespace mts
