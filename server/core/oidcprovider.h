// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/core/accesspolicy.h"
#include "server/core/tokenauthenticator.h"
#include "shared/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <optional>

namespace mts {

class LoginThrottle;
class ServerDatabase;
class SigningKeys;
class UserDirectory;

/// An OAuth 2.0 / OpenID Connect error: `error` is the registered code (invalid_grant, …), `status` the HTTP status
/// the token, userinfo and revocation endpoints answer with.
struct OAuthError {
    QString error;
    QString description;
    int status = 400;
};

/// Lifetimes and the issuer identifier of the provider.
struct OidcSettings {
    QString issuer; ///< e.g. https://mattranso.example.vn — no trailing slash
    qint64 codeSeconds = 120;
    qint64 accessTokenSeconds = 600;
    qint64 refreshTokenSeconds = 30LL * 24 * 3600;
    /// Within this many seconds after a refresh token was spent, presenting it again returns the same successor
    /// (a response lost on a weak link must not sign a commune out); later, it revokes the whole chain.
    qint64 refreshGraceSeconds = 120;
    qint64 sessionSeconds = 8 * 3600;
};

/// A request to the authorization endpoint, as its query parameters carry it.
struct AuthorizationRequest {
    QString clientId;
    QString redirectUri;
    QString responseType;
    QString scope;
    QString state;
    QString nonce;
    QString codeChallenge;
    QString codeChallengeMethod;
    QString prompt;

    static AuthorizationRequest fromQuery(const QUrlQuery &query);
    QUrlQuery toQuery() const;
};

/// The OpenID Connect provider inside the server (no HTTP here: the routes translate). One account serves every
/// Front application: the desktop client (public, PKCE, loopback redirect per RFC 8252) and registered web
/// applications (confidential). Tokens are JWTs signed with the server's keys (RS256 by default, EdDSA per client).
/// Thread-safe: every method may run on a worker thread.
class OidcProvider : public TokenAuthenticator {
public:
    using Clock = std::function<qint64()>; ///< unix seconds

    /// The client id of the desktop application, registered on first start.
    static QString desktopClientId();
    /// The audience of access tokens for this server's API.
    static QString apiAudience();

    OidcProvider(ServerDatabase *database, UserDirectory *users, SigningKeys *keys, LoginThrottle *throttle,
        OidcSettings settings, Clock clock = {});

    const OidcSettings &settings() const { return m_settings; }
    /// Sets the issuer once the public address is known (after listening); call before serving requests.
    void setIssuer(const QString &issuer) { m_settings.issuer = issuer; }

    /// Registers the desktop client if missing (public; redirect http://127.0.0.1/callback on any port).
    Status<QString> ensureDesktopClient();
    /// Registers a confidential client; returns its secret, shown once and stored only as a hash.
    /// `signingAlgorithm` is "RS256" or "EdDSA".
    Result<QByteArray, QString> addClient(
        const QString &clientId, const QString &name, const QStringList &redirectUris, const QString &signingAlgorithm);
    /// The display name of a registered client, for the sign-in page.
    QString clientName(const QString &clientId);

    QJsonObject discoveryDocument() const;
    QJsonObject jwks();

    /// Checks an authorization request before anything is shown. An error with `redirectable == false` (unknown
    /// client, unregistered redirect URI) must be shown to the user and never redirected.
    struct AuthorizeError {
        OAuthError error;
        bool redirectable = true;
    };
    std::optional<AuthorizeError> validate(const AuthorizationRequest &request);

    enum class SignInFailure { WrongCredentials, Disabled, Throttled, Invalid, Storage };
    struct SignInError {
        SignInFailure failure;
        qint64 retryAfterSeconds = 0;
        QString message;
    };
    struct SignInResult {
        QUrl redirect; ///< redirect_uri with code, state and iss
        QByteArray sessionId; ///< for the browser session cookie
    };
    /// Checks the password (throttled per account and address) and issues an authorization code.
    Result<SignInResult, SignInError> signIn(
        const AuthorizationRequest &request, const QString &username, const QString &password, const QString &address);
    /// Issues a code for a browser that holds a valid session (single sign-on across Front applications).
    std::optional<QUrl> authorizeWithSession(const AuthorizationRequest &request, const QByteArray &sessionId);
    /// Where to send the browser for an error of a redirectable request.
    static QUrl errorRedirect(const AuthorizationRequest &request, const OAuthError &error, const QString &issuer);

    /// The token endpoint: authorization_code (PKCE S256 required) and refresh_token grants.
    /// `form` is the decoded application/x-www-form-urlencoded body.
    Result<QJsonObject, OAuthError> token(
        const QUrlQuery &form, const QByteArray &authorization, const QString &address);
    /// The userinfo endpoint, for a bearer access token.
    Result<QJsonObject, OAuthError> userInfo(const QByteArray &authorization);
    /// RFC 7009 revocation: a refresh token revokes its whole chain, an access token is refused until it expires.
    Status<OAuthError> revoke(const QUrlQuery &form, const QByteArray &authorization);
    /// RP-initiated logout: ends the browser session; returns the validated post-logout redirect (may be empty).
    Result<QUrl, OAuthError> endSession(const QUrlQuery &query, const QByteArray &sessionId);

    /// Checks the bearer access token of an API request: signature, issuer, audience, expiry, revocation, and
    /// that the account is still enabled. Every /api/ route calls this first.
    Result<Principal, OAuthError> authenticate(const QByteArray &authorization) override;

    /// Checks the signed-in user's password again (the desktop client asks for it once after a browser sign-in, to
    /// protect its offline data with it). Throttled like sign-in; failures are recorded.
    Result<bool, SignInError> checkPassword(
        const Principal &principal, const QString &password, const QString &address);

    /// Records a security event (sign-in, failure, token reuse…) in the audit table and the log.
    void recordEvent(const QString &event, const QString &username, const QString &userId, const QString &clientId,
        const QString &address, const QString &detail);

private:
    struct Client {
        QString id;
        QString name;
        QByteArray secretHash; ///< empty: public client
        QStringList redirectUris;
        QString signingAlgorithm;
    };
    std::optional<Client> client(const QString &clientId);
    bool redirectUriAllowed(const Client &client, const QString &redirectUri) const;
    Result<Client, OAuthError> authenticateClient(const QUrlQuery &form, const QByteArray &authorization);
    Result<QJsonObject, OAuthError> exchangeCode(const Client &client, const QUrlQuery &form, const QString &address);
    Result<QJsonObject, OAuthError> refresh(const Client &client, const QUrlQuery &form, const QString &address);
    Result<QJsonObject, OAuthError> issueTokens(const Client &client, const QString &userId, const QString &scope,
        const QString &nonce, qint64 authTime, const QByteArray &refreshToken);
    QByteArray refreshSecret();
    QByteArray newSession(const QString &userId);

    ServerDatabase *m_database;
    UserDirectory *m_users;
    SigningKeys *m_keys;
    LoginThrottle *m_throttle;
    OidcSettings m_settings;
    Clock m_clock;
};

} // namespace mts
