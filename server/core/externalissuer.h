// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/core/oidcprovider.h"
#include "server/core/tokenauthenticator.h"

#include <QJsonObject>
#include <QMutex>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

namespace mts {

/// Trusts access tokens of an external OpenID Connect issuer instead of the built-in provider: its JWKS is fetched
/// through discovery and cached; the role and unit of the caller come from configurable claims. The path for
/// Keycloak today and VNeID later, behind the same API authorisation.
class ExternalIssuer : public TokenAuthenticator {
public:
    struct Settings {
        QUrl issuer; ///< exactly the `iss` of its tokens; discovery is issuer + /.well-known/openid-configuration
        QString audience = OidcProvider::apiAudience(); ///< the `aud` its access tokens carry for this API
        QString roleClaim = QStringLiteral("mts_role");
        QString unitClaim = QStringLiteral("mts_unit");
        QList<QSslCertificate> trustedCertificates; ///< extra CAs (a pinned self-signed issuer); system CAs too
        qint64 jwksCacheSeconds = 600;
    };

    explicit ExternalIssuer(Settings settings);

    Result<Principal, OAuthError> authenticate(const QByteArray &authorization) override;

    /// Fetches discovery and JWKS now (at start, to fail early with a clear message); later fetches happen on
    /// demand when the cache is stale or a token names an unknown key.
    Status<QString> refreshKeys();

private:
    Result<QJsonObject, QString> fetchJson(const QUrl &url) const;

    Settings m_settings;
    QMutex m_mutex;
    QJsonObject m_jwks;
    qint64 m_fetchedAt = 0;
};

} // namespace mts
