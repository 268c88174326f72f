// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "externalissuer.h"

#include "server/core/jwt.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>

Q_LOGGING_CATEGORY(lcExternal, "mts.server.auth")

namespace mts {

ExternalIssuer::ExternalIssuer(Settings settings)
    : m_settings(std::move(settings))
{
}

Result<QJsonObject, QString> ExternalIssuer::fetchJson(const QUrl &url) const
{
    // Runs on a worker thread (or at start): a short local event loop, with a network manager of its own.
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!m_settings.trustedCertificates.isEmpty())
        tls.addCaCertificates(m_settings.trustedCertificates);
    request.setSslConfiguration(tls);
    request.setTransferTimeout(10000);
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    if (reply->error() != QNetworkReply::NoError)
        return mts::Error<QString> { QStringLiteral("fetch"),
            QStringLiteral("%1: %2").arg(url.toString(), reply->errorString()) };
    const QJsonDocument document = QJsonDocument::fromJson(reply->readAll());
    if (!document.isObject())
        return mts::Error<QString> { QStringLiteral("json"),
            QStringLiteral("%1 is not a JSON object").arg(url.toString()) };
    return document.object();
}

Status<QString> ExternalIssuer::refreshKeys()
{
    QString issuer = m_settings.issuer.toString();
    while (issuer.endsWith(u'/'))
        issuer.chop(1);
    const auto discovery = fetchJson(QUrl(issuer + QStringLiteral("/.well-known/openid-configuration")));
    if (!discovery)
        return discovery.error();
    if (discovery.value().value(QLatin1String("issuer")).toString() != m_settings.issuer.toString())
        return mts::Error<QString> { QStringLiteral("issuer"),
            QStringLiteral("the discovery document names the issuer %1, not %2")
                .arg(discovery.value().value(QLatin1String("issuer")).toString(), m_settings.issuer.toString()) };
    const QUrl jwksUri(discovery.value().value(QLatin1String("jwks_uri")).toString());
    if (jwksUri.scheme() != QLatin1String("https"))
        return mts::Error<QString> { QStringLiteral("jwks"), QStringLiteral("the issuer's jwks_uri is not https") };
    const auto jwks = fetchJson(jwksUri);
    if (!jwks)
        return jwks.error();
    const QMutexLocker locker(&m_mutex);
    m_jwks = jwks.value();
    m_fetchedAt = QDateTime::currentSecsSinceEpoch();
    return ok;
}

Result<Principal, OAuthError> ExternalIssuer::authenticate(const QByteArray &authorization)
{
    auto refuse = [](const QString &why) {
        return mts::Error<OAuthError> { OAuthError { QStringLiteral("invalid_token"), why, 401 }, why };
    };
    if (!authorization.toLower().startsWith("bearer "))
        return refuse(QStringLiteral("An access token is required."));
    const QByteArray token = authorization.mid(7).trimmed();
    JwtVerifyOptions options;
    options.issuer = m_settings.issuer.toString();
    options.audiences = { m_settings.audience };
    options.leewaySeconds = 30;

    QJsonObject jwks;
    {
        const QMutexLocker locker(&m_mutex);
        jwks = m_jwks;
        if (QDateTime::currentSecsSinceEpoch() - m_fetchedAt > m_settings.jwksCacheSeconds)
            jwks = {};
    }
    if (jwks.isEmpty()) {
        if (const auto refreshed = refreshKeys(); !refreshed)
            qCWarning(lcExternal) << "cannot fetch the external issuer's keys:" << refreshed.error().message;
        const QMutexLocker locker(&m_mutex);
        jwks = m_jwks;
    }
    auto claims = JwtVerifier::verify(token, jwks, options);
    if (!claims && claims.error().code == JwtVerifier::Error::UnknownKey) {
        // The issuer may have rotated its keys since we cached them.
        if (refreshKeys()) {
            const QMutexLocker locker(&m_mutex);
            jwks = m_jwks;
        }
        claims = JwtVerifier::verify(token, jwks, options);
    }
    if (!claims) {
        qCInfo(lcExternal) << "access token refused:" << claims.error().message;
        return refuse(claims.error().message);
    }
    const auto role = roleFromName(claims.value().value(m_settings.roleClaim).toString());
    const auto unit = Scope::parse(claims.value().value(m_settings.unitClaim).toString());
    if (!role || !unit) {
        qCInfo(lcExternal) << "access token refused: no usable" << m_settings.roleClaim << "/" << m_settings.unitClaim;
        return refuse(QStringLiteral("The token carries no role or unit this server knows."));
    }
    return Principal { claims.value().value(QLatin1String("sub")).toString(),
        claims.value().value(QLatin1String("preferred_username")).toString(), *role, *unit };
}

} // namespace mts
