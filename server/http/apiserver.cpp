// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "apiserver.h"

#include "server/core/oidcprovider.h"
#include "server/core/serverdatabase.h"
#include "server/core/tlsmaterial.h"
#include "server/core/userdirectory.h"
#include "server/http/blobroutes.h"
#include "server/http/guardedsslserver.h"
#include "server/http/httpexchange.h"
#include "server/http/oidcroutes.h"
#include "server/http/syncroutes.h"
#include "shared/apierror.h"
#include "shared/serverversioninfo.h"
#include "shared/unitinfo.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QtConcurrent>

#include <algorithm>

Q_LOGGING_CATEGORY(lcHttp, "mts.server.http")

namespace mts {

namespace {

// The units as the client reads them (UnitInfo): codes as records write them, ordered by code.
QByteArray unitsJson(const QList<AdministrativeUnit> &units)
{
    QList<UnitInfo> list;
    list.reserve(units.size());
    for (const AdministrativeUnit &unit : units) {
        const QString parentKind = unit.kind == QLatin1String("area") ? QStringLiteral("commune")
            : unit.kind == QLatin1String("commune")                   ? QStringLiteral("province")
                                                                      : QString();
        list.append({ AdministrativeUnit::writtenCode(unit.kind, unit.code), unit.name, unit.kind,
            AdministrativeUnit::writtenCode(parentKind, unit.parentCode) });
    }
    std::sort(list.begin(), list.end(), [](const UnitInfo &a, const UnitInfo &b) { return a.code < b.code; });
    return UnitInfo::listToJson(list);
}

} // namespace

ApiServer::ApiServer(ServerDatabase *database, TokenAuthenticator *authenticator, OidcProvider *oidc,
    qint64 maxBodyBytes, SyncService *sync, BlobService *blobs, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_authenticator(authenticator)
    , m_oidc(oidc)
    , m_sync(sync)
    , m_blobs(blobs)
    , m_maxBodyBytes(maxBodyBytes)
{
    // Threads stay alive so each keeps its database connection.
    m_workers.setMaxThreadCount(qMax(2, QThread::idealThreadCount()));
    m_workers.setExpiryTimeout(-1);
    addRoutes();
}

ApiServer::~ApiServer()
{
    close();
}

void ApiServer::addRoutes()
{
    m_http.route(
        QStringLiteral("/healthz"), QHttpServerRequest::Method::Get, [this](const QHttpServerRequest &request) {
            return http::onWorkers(&m_workers, request, [database = m_database](const HttpExchange &) {
                const auto pinged = database->ping();
                if (!pinged) {
                    qCWarning(lcHttp) << "health check failed:" << pinged.error().message;
                    return http::error(QHttpServerResponse::StatusCode::ServiceUnavailable,
                        ApiError { QString::fromLatin1(apierror::unavailable),
                            QStringLiteral("The database does not answer."), {} });
                }
                return http::json(QJsonObject { { QStringLiteral("status"), QStringLiteral("ok") } });
            });
        });

    m_http.route(QStringLiteral("/api/v1/version"), QHttpServerRequest::Method::Get,
        [] { return http::json(ServerVersionInfo::current().toJson()); });

    if (m_authenticator) {
        // Who am I: the smallest protected route; every /api/ route authenticates the same way first.
        m_http.route(
            QStringLiteral("/api/v1/me"), QHttpServerRequest::Method::Get, [this](const QHttpServerRequest &request) {
                return http::onWorkers(&m_workers, request, [auth = m_authenticator](const HttpExchange &exchange) {
                    const auto principal = auth->authenticate(exchange.authorization);
                    if (!principal)
                        return http::unauthorized(principal.error().code.description);
                    return http::json(QJsonObject {
                        { QStringLiteral("sub"), principal.value().userId },
                        { QStringLiteral("username"), principal.value().username },
                        { QStringLiteral("role"), roleName(principal.value().role) },
                        { QStringLiteral("unit"), principal.value().unit.toString() },
                    });
                });
            });
        // The caller's unit and the units below it, so a province can see which of its communes have not
        // reported. Units live in the server database whatever the sync storage is.
        m_http.route(QStringLiteral("/api/v1/units"), QHttpServerRequest::Method::Get,
            [this](const QHttpServerRequest &request) {
                return http::onWorkers(
                    &m_workers, request, [auth = m_authenticator, database = m_database](const HttpExchange &exchange) {
                        const auto principal = auth->authenticate(exchange.authorization);
                        if (!principal)
                            return http::unauthorized(principal.error().code.description);
                        const auto units = UserDirectory(database).unitsWithin(principal.value().unit);
                        if (!units) {
                            qCWarning(lcHttp) << "cannot list units:" << units.error().message;
                            return http::error(QHttpServerResponse::StatusCode::ServiceUnavailable,
                                ApiError { QString::fromLatin1(apierror::unavailable),
                                    QStringLiteral("The units cannot be read now; try again later."), {} });
                        }
                        return http::json(exchange, unitsJson(units.value()));
                    });
            });
    }
    if (m_authenticator && m_sync)
        SyncRoutes::add(m_http, &m_workers, m_authenticator, m_sync);
    if (m_authenticator && m_blobs)
        BlobRoutes::add(m_http, &m_workers, m_authenticator, m_blobs);
    if (m_oidc) {
        OidcRoutes::add(m_http, &m_workers, m_oidc);
        // The desktop client confirms the user's password once after a browser sign-in, to protect offline data
        // with it; the server checks it so the offline password is the account's.
        m_http.route(QStringLiteral("/api/v1/me/password-check"), QHttpServerRequest::Method::Post,
            [this](const QHttpServerRequest &request) {
                return http::onWorkers(&m_workers, request, [oidc = m_oidc](const HttpExchange &exchange) {
                    const auto principal = oidc->authenticate(exchange.authorization);
                    if (!principal)
                        return http::unauthorized(principal.error().code.description);
                    const QJsonObject body = QJsonDocument::fromJson(exchange.body).object();
                    const QJsonValue password = body.value(QLatin1String("password"));
                    if (!password.isString())
                        return http::error(QHttpServerResponse::StatusCode::BadRequest,
                            ApiError { QString::fromLatin1(apierror::badRequest),
                                QStringLiteral("Send {\"password\": \"…\"} as JSON."), {} });
                    const auto checked
                        = oidc->checkPassword(principal.value(), password.toString(), exchange.remoteAddress);
                    if (checked)
                        return http::json(QJsonObject { { QStringLiteral("ok"), true } });
                    if (checked.error().code.failure == OidcProvider::SignInFailure::Throttled) {
                        QHttpServerResponse response = http::error(QHttpServerResponse::StatusCode::TooManyRequests,
                            ApiError { QStringLiteral("throttled"), QStringLiteral("Too many attempts."),
                                { { QStringLiteral("retry_after"), checked.error().code.retryAfterSeconds } } });
                        response.addHeader(QByteArrayLiteral("Retry-After"),
                            QByteArray::number(checked.error().code.retryAfterSeconds));
                        return response;
                    }
                    return http::error(QHttpServerResponse::StatusCode::Forbidden,
                        ApiError { QStringLiteral("wrong_password"), QStringLiteral("The password is wrong."), {} });
                });
            });
    }

    m_http.setMissingHandler([](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        // Unauthenticated callers learn nothing about which API routes exist.
        if (request.url().path().startsWith(QLatin1String("/api/"))
            && request.value(QByteArrayLiteral("authorization")).isEmpty()) {
            const ApiError error { QStringLiteral("unauthorized"), QStringLiteral("An access token is required."), {} };
            responder.write(error.toJson(),
                { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") },
                    { QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer") } },
                QHttpServerResponder::StatusCode::Unauthorized);
            return;
        }
        qCInfo(lcHttp) << "no route for" << request.url().path();
        const ApiError error { QString::fromLatin1(apierror::notFound),
            QStringLiteral("No resource at %1 for this method.").arg(request.url().path()), {} };
        responder.write(error.toJson(),
            { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") },
                { QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store") } },
            QHttpServerResponder::StatusCode::NotFound);
    });

    m_http.afterRequest([](QHttpServerResponse &&response, const QHttpServerRequest &request) {
        ConnectionHold::release(request);
        qCDebug(lcHttp) << request.method() << request.url().path() << int(response.statusCode());
        return std::move(response);
    });
}

Status<ApiServer::Error> ApiServer::listen(const QHostAddress &address, quint16 port, const TlsMaterial &tls)
{
    auto *listener = new GuardedSslServer(m_maxBodyBytes);
    listener->setSslConfiguration(tls.serverConfiguration());
    if (!listener->listen(address, port)) {
        const QString message = listener->errorString();
        delete listener;
        return mts::Error<ApiServer::Error> { Error::CannotListen,
            QStringLiteral("cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(message) };
    }
    m_http.bind(listener);
    listener->attachGuardsAfterHttpServer();
    m_listener = listener;
    return ok;
}

quint16 ApiServer::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

void ApiServer::close()
{
    if (m_listener)
        m_listener->close();
    m_workers.waitForDone();
}

int ApiServer::refusedRequests() const
{
    return m_listener ? m_listener->refusedRequests() : 0;
}

} // namespace mts
