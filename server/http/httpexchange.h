// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QFuture>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <optional>

class QHttpServerRequest;
class QThreadPool;

namespace mts {

struct ApiError;

/// What a handler needs of a request, copied out of QHttpServerRequest so the work can move to a worker thread
/// (the request object lives on the event loop and dies with the handler call).
struct HttpExchange {
    QUrl url;
    QByteArray body;
    QByteArray authorization;
    QByteArray cookie;
    QByteArray contentType;
    QString remoteAddress;
    QByteArray contentEncoding;
    QByteArray acceptEncoding;

    static HttpExchange from(const QHttpServerRequest &request);

    /// The body with its Content-Encoding undone: as sent, or gunzipped (at most `maxBytes` once decompressed).
    /// std::nullopt with `refusal` set (415 for another encoding, 400 for damaged gzip) otherwise.
    std::optional<QByteArray> decodedBody(qsizetype maxBytes, QHttpServerResponse *refusal) const;

    /// The body decoded as application/x-www-form-urlencoded ('+' is a space).
    QUrlQuery form() const;
    /// The value of a cookie, or empty.
    QByteArray cookieValue(QByteArrayView name) const;
};

/// Response builders shared by the routes: every answer carries the right type and no-store caching.
namespace http {
QHttpServerResponse json(
    const QJsonObject &body, QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok);
/// A body already encoded as JSON (the shared codecs produce bytes).
QHttpServerResponse json(
    const QByteArray &body, QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok);
/// A 200 JSON answer to `exchange`, gzip-compressed when it is large and the client accepts gzip.
QHttpServerResponse json(const HttpExchange &exchange, const QByteArray &body);
QHttpServerResponse error(QHttpServerResponse::StatusCode status, const ApiError &error);
QHttpServerResponse html(
    const QString &page, QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok);
QHttpServerResponse redirect(const QUrl &location);
/// 401 with `WWW-Authenticate: Bearer error="invalid_token"`, for a missing, expired or revoked access token.
QHttpServerResponse unauthorized(const QString &message);

/// Runs `work` on the worker pool with a copy of the request and answers with what it returns, holding the
/// request's connection until the answer is sent (ConnectionHold). Every route that answers from the pool goes
/// through here. Call from the route handler, on the event loop.
QFuture<QHttpServerResponse> onWorkers(QThreadPool *workers, const QHttpServerRequest &request,
    std::function<QHttpServerResponse(const HttpExchange &exchange)> work);
} // namespace http

} // namespace mts
