// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpexchange.h"

#include "server/http/guardedsslserver.h"
#include "shared/apierror.h"
#include "shared/compression.h"

#include <QCoreApplication>
#include <QFutureInterface>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QThreadPool>

#include <memory>

namespace mts {

HttpExchange HttpExchange::from(const QHttpServerRequest &request)
{
    return { request.url(), request.body(), request.value(QByteArrayLiteral("authorization")),
        request.value(QByteArrayLiteral("cookie")), request.value(QByteArrayLiteral("content-type")),
        request.remoteAddress().toString(), request.value(QByteArrayLiteral("content-encoding")),
        request.value(QByteArrayLiteral("accept-encoding")) };
}

std::optional<QByteArray> HttpExchange::decodedBody(qsizetype maxBytes, QHttpServerResponse *refusal) const
{
    const QByteArray encoding = contentEncoding.trimmed().toLower();
    if (encoding.isEmpty() || encoding == "identity")
        return body;
    if (encoding != "gzip") {
        *refusal = http::error(QHttpServerResponse::StatusCode::UnsupportedMediaType,
            ApiError { QStringLiteral("unsupported_encoding"),
                QStringLiteral("Content-Encoding %1 is not supported; send gzip or nothing.")
                    .arg(QString::fromLatin1(encoding)),
                {} });
        return std::nullopt;
    }
    auto plain = compression::gunzip(body, maxBytes);
    if (!plain) {
        *refusal = http::error(QHttpServerResponse::StatusCode::BadRequest,
            ApiError { QString::fromLatin1(apierror::badRequest),
                QStringLiteral("The body is not valid gzip, or is larger than %1 bytes once decompressed.")
                    .arg(maxBytes),
                {} });
        return std::nullopt;
    }
    return plain;
}

QUrlQuery HttpExchange::form() const
{
    QByteArray encoded = body;
    encoded.replace('+', "%20");
    return QUrlQuery(QString::fromUtf8(encoded));
}

QByteArray HttpExchange::cookieValue(QByteArrayView name) const
{
    for (const QByteArray &part : cookie.split(';')) {
        const QByteArray pair = part.trimmed();
        const qsizetype equals = pair.indexOf('=');
        if (equals > 0 && QByteArrayView(pair).first(equals) == name)
            return pair.mid(equals + 1);
    }
    return {};
}

namespace http {

namespace {
void noStore(QHttpServerResponse &response)
{
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    response.addHeader(QByteArrayLiteral("Pragma"), QByteArrayLiteral("no-cache"));
}
} // namespace

QHttpServerResponse json(const QByteArray &body, QHttpServerResponse::StatusCode status)
{
    QHttpServerResponse response(QByteArrayLiteral("application/json"), body, status);
    noStore(response);
    return response;
}

QHttpServerResponse json(const HttpExchange &exchange, const QByteArray &body)
{
    if (body.size() < compression::minBytes || !compression::acceptsGzip(exchange.acceptEncoding))
        return json(body);
    const QByteArray compressed = compression::gzip(body);
    if (compressed.isEmpty())
        return json(body);
    QHttpServerResponse response = json(compressed);
    response.addHeader(QByteArrayLiteral("Content-Encoding"), QByteArrayLiteral("gzip"));
    response.addHeader(QByteArrayLiteral("Vary"), QByteArrayLiteral("Accept-Encoding"));
    return response;
}

QHttpServerResponse json(const QJsonObject &body, QHttpServerResponse::StatusCode status)
{
    return json(QJsonDocument(body).toJson(QJsonDocument::Compact), status);
}

QHttpServerResponse error(QHttpServerResponse::StatusCode status, const ApiError &error)
{
    return json(error.toJson(), status);
}

QHttpServerResponse html(const QString &page, QHttpServerResponse::StatusCode status)
{
    QHttpServerResponse response(QByteArrayLiteral("text/html; charset=utf-8"), page.toUtf8(), status);
    noStore(response);
    response.addHeader(QByteArrayLiteral("Content-Security-Policy"),
        QByteArrayLiteral("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"));
    response.addHeader(QByteArrayLiteral("X-Frame-Options"), QByteArrayLiteral("DENY"));
    response.addHeader(QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer"));
    return response;
}

QHttpServerResponse redirect(const QUrl &location)
{
    QHttpServerResponse response(QHttpServerResponse::StatusCode::Found);
    response.addHeader(QByteArrayLiteral("Location"), location.toEncoded());
    noStore(response);
    return response;
}

QHttpServerResponse unauthorized(const QString &message)
{
    QHttpServerResponse response = error(
        QHttpServerResponse::StatusCode::Unauthorized, ApiError { QStringLiteral("unauthorized"), message, {} });
    response.addHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer error=\"invalid_token\""));
    return response;
}

QFuture<QHttpServerResponse> onWorkers(QThreadPool *workers, const QHttpServerRequest &request,
    std::function<QHttpServerResponse(const HttpExchange &exchange)> work)
{
    ConnectionHold::take(request);
    // The future is finished on the event loop, by an event queued from the worker: never before QtHttpServer has
    // attached its continuation to it (this handler returns first). Qt 6.4 may run a continuation twice when the
    // future finishes on another thread while it is being attached, and the second run crashes.
    QFutureInterface<QHttpServerResponse> promise;
    promise.reportStarted();
    QFuture<QHttpServerResponse> future = promise.future();
    QObject *loop = QCoreApplication::instance();
    workers->start([promise, loop, exchange = HttpExchange::from(request), work = std::move(work)]() mutable {
        auto response = std::make_shared<QHttpServerResponse>(work(exchange));
        QMetaObject::invokeMethod(
            loop,
            [promise, response]() mutable {
                promise.reportAndMoveResult(std::move(*response));
                promise.reportFinished();
            },
            Qt::QueuedConnection);
    });
    return future;
}

} // namespace http

} // namespace mts
