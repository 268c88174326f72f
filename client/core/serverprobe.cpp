// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverprobe.h"

#include "client/core/serverurl.h"
#include <mts/buildinfo.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

Q_LOGGING_CATEGORY(lcProbe, "mts.client.network")

namespace mts {

namespace {

bool isTrustError(const QSslError &error)
{
    switch (error.error()) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return true;
    default:
        return false;
    }
}

} // namespace

ServerProbe::ServerProbe(ServerConnection connection, QObject *parent)
    : QObject(parent)
    , m_connection(std::move(connection))
{
}

ServerProbe::~ServerProbe()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ServerProbe::start()
{
    m_timer.start();
    const QUrl &url = m_connection.baseUrl();
    // The same rule as the settings page, so an address that page accepts is never refused here, or the reverse.
    if (const auto usable = ServerUrl::check(url); !usable) {
        ServerStatus status;
        status.error = ServerStatus::Error::InvalidUrl;
        status.message = usable.error().message;
        status.detail = url.toString();
        // Report after returning to the event loop, so a caller connecting after start() still hears it.
        QTimer::singleShot(0, this, [this, status] { finish(status); });
        return;
    }
    QNetworkReply *reply = get(QStringLiteral("/healthz"));
    connect(reply, &QNetworkReply::finished, this, &ServerProbe::onHealthFinished);
}

void ServerProbe::abort()
{
    m_finished = true;
    if (m_reply)
        m_reply->abort();
    deleteLater();
}

QNetworkReply *ServerProbe::get(const QString &path)
{
    m_sslErrors.clear();
    QNetworkReply *reply = m_connection.network()->get(m_connection.request(path));
    m_reply = reply;
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
    return reply;
}

bool ServerProbe::failFromReply(QNetworkReply *reply)
{
    ServerStatus status;
    status.detail = reply->errorString();
    switch (reply->error()) {
    case QNetworkReply::NoError:
        return false;
    case QNetworkReply::SslHandshakeFailedError: {
        const bool untrusted = std::any_of(m_sslErrors.cbegin(), m_sslErrors.cend(), isTrustError);
        if (untrusted) {
            status.error = ServerStatus::Error::TlsUntrusted;
            for (const QSslError &error : std::as_const(m_sslErrors)) {
                if (!error.certificate().isNull()) {
                    status.peerCertificate = error.certificate();
                    break;
                }
            }
            status.message = tr("The server's security certificate is not trusted by this computer. If this is "
                                "your unit's server, compare its fingerprint with the one your administrator "
                                "gave you and choose to trust it in Settings.");
        } else {
            status.error = ServerStatus::Error::TlsFailed;
            status.message = tr("A secure connection to the server could not be made (the certificate does not "
                                "match the address or has expired). Check the server address, the computer's "
                                "date and time, or contact your administrator.");
        }
        break;
    }
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError:
        status.error = ServerStatus::Error::Timeout;
        status.message = tr("The server did not answer in time. The connection may be slow or down; your work "
                            "is kept on this computer and will be sent when the connection returns.");
        break;
    default: {
        const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (httpStatus == 503) {
            status.error = ServerStatus::Error::Unhealthy;
            status.message = tr("The server is running but cannot serve requests right now. Try again later or "
                                "tell your administrator.");
        } else if (httpStatus != 0) {
            status.error = ServerStatus::Error::BadResponse;
            status.message = tr("The address answers, but not as a Mặt trận số server (HTTP %1). Check the "
                                "server address in Settings.")
                                 .arg(httpStatus);
        } else {
            // No HTTP answer at all: refused, reset, no route, unknown host, proxy failures.
            status.error = ServerStatus::Error::Unreachable;
            status.message = tr("Cannot reach the server. Check the network connection and the server address; "
                                "you can keep working offline.");
        }
        break;
    }
    }
    qCInfo(lcProbe) << "probe of" << m_connection.baseUrl().toString() << "failed:" << reply->error()
                    << reply->errorString();
    finish(status);
    return true;
}

void ServerProbe::onHealthFinished()
{
    QNetworkReply *reply = m_reply;
    reply->deleteLater();
    if (m_finished || failFromReply(reply))
        return;
    const QJsonObject health = QJsonDocument::fromJson(reply->readAll()).object();
    if (health.value(QLatin1String("status")).toString() != QLatin1String("ok")) {
        ServerStatus status;
        status.error = ServerStatus::Error::BadResponse;
        status.message = tr("The address answers, but not as a Mặt trận số server. Check the server address in "
                            "Settings.");
        finish(status);
        return;
    }
    connect(get(QStringLiteral("/api/v1/version")), &QNetworkReply::finished, this, &ServerProbe::onVersionFinished);
}

void ServerProbe::onVersionFinished()
{
    QNetworkReply *reply = m_reply;
    reply->deleteLater();
    if (m_finished || failFromReply(reply))
        return;
    ServerStatus status;
    auto parsed = ServerVersionInfo::fromJson(reply->readAll());
    if (!parsed) {
        status.error = ServerStatus::Error::BadResponse;
        status.message = tr("The server sent an answer this program cannot read. Check the server address in "
                            "Settings.");
        status.detail = parsed.error().message;
        finish(status);
        return;
    }
    status.version = std::move(parsed).value();
    if (!status.version.accepts(QString::fromLatin1(buildinfo::version), buildinfo::protocolVersion)) {
        status.error = ServerStatus::Error::IncompatibleVersion;
        status.message = tr("The server needs a newer version of this program (at least %1). Install the update "
                            "your administrator provides; your unsent work is kept.")
                             .arg(status.version.minimumClientVersion);
    } else {
        status.error = ServerStatus::Error::None;
        status.message = tr("Connected to the server (version %1).").arg(status.version.serverVersion);
    }
    finish(status);
}

void ServerProbe::finish(ServerStatus status)
{
    if (m_finished)
        return;
    m_finished = true;
    status.roundTripMs = m_timer.elapsed();
    Q_EMIT finished(status);
    deleteLater();
}

} // namespace mts
