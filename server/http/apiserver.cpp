// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "apiserver.h"

#include "server/core/serverdatabase.h"
#include "server/core/tlsmaterial.h"
#include "server/http/guardedsslserver.h"
#include "shared/apierror.h"
#include "shared/serverversioninfo.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QtConcurrent>

Q_LOGGING_CATEGORY(lcHttp, "mts.server.http")

namespace mts {

namespace {

QHttpServerResponse jsonResponse(const QByteArray &json, QHttpServerResponse::StatusCode status)
{
    QHttpServerResponse response(QByteArrayLiteral("application/json"), json, status);
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

QHttpServerResponse errorResponse(QHttpServerResponse::StatusCode status, const char *code, const QString &message)
{
    return jsonResponse(ApiError { QString::fromLatin1(code), message, {} }.toJson(), status);
}

} // namespace

ApiServer::ApiServer(ServerDatabase *database, qint64 maxBodyBytes, QObject *parent)
    : QObject(parent)
    , m_database(database)
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
    m_http.route(QStringLiteral("/healthz"), QHttpServerRequest::Method::Get, [this] {
        return QtConcurrent::run(&m_workers, [database = m_database] {
            const auto pinged = database->ping();
            if (!pinged) {
                qCWarning(lcHttp) << "health check failed:" << pinged.error().message;
                return errorResponse(QHttpServerResponse::StatusCode::ServiceUnavailable, apierror::unavailable,
                    QStringLiteral("The database does not answer."));
            }
            return jsonResponse(QJsonDocument(QJsonObject { { QStringLiteral("status"), QStringLiteral("ok") } })
                                    .toJson(QJsonDocument::Compact),
                QHttpServerResponse::StatusCode::Ok);
        });
    });

    m_http.route(QStringLiteral("/api/v1/version"), QHttpServerRequest::Method::Get,
        [] { return jsonResponse(ServerVersionInfo::current().toJson(), QHttpServerResponse::StatusCode::Ok); });

    m_http.setMissingHandler([](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        qCInfo(lcHttp) << "no route for" << request.url().path();
        const ApiError error { QString::fromLatin1(apierror::notFound),
            QStringLiteral("No resource at %1 for this method.").arg(request.url().path()), {} };
        responder.write(error.toJson(),
            { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") },
                { QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store") } },
            QHttpServerResponder::StatusCode::NotFound);
    });

    m_http.afterRequest([](QHttpServerResponse &&response, const QHttpServerRequest &request) {
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
