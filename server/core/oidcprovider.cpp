// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "oidcprovider.h"

#include "server/core/jwt.h"
#include "server/core/loginthrottle.h"
#include "server/core/serverdatabase.h"
#include "server/core/signingkeys.h"
#include "server/core/userdirectory.h"
#include "shared/crypto.h"
#include "shared/encoding.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

Q_LOGGING_CATEGORY(lcAuth, "mts.server.auth")

namespace mts {

namespace {

const QString desktopRedirect = QStringLiteral("http://127.0.0.1/callback");

QByteArray newToken()
{
    return encoding::base64url(crypto::randomBytes(32));
}

QByteArray tokenHash(QByteArrayView token)
{
    return crypto::blake2b(token, 32);
}

OAuthError oauthError(const char *error, const QString &description, int status = 400)
{
    return { QString::fromLatin1(error), description, status };
}

OAuthError storageError(const QSqlQuery &query)
{
    qCWarning(lcAuth) << "storage error:" << query.lastError().text();
    return oauthError("server_error", QStringLiteral("The server could not complete the request."), 500);
}

/// The bearer token of an Authorization header; empty when there is none.
QByteArray bearerToken(const QByteArray &authorization)
{
    static const QByteArray prefix("bearer ");
    if (authorization.size() <= prefix.size() || authorization.left(prefix.size()).toLower() != prefix)
        return {};
    return authorization.mid(prefix.size()).trimmed();
}

bool isLoopbackRedirect(const QUrl &url)
{
    return url.scheme() == QLatin1String("http")
        && (url.host() == QLatin1String("127.0.0.1") || url.host() == QLatin1String("::1"));
}

QStringList scopesOf(const QString &scope)
{
    return scope.split(u' ', Qt::SkipEmptyParts);
}

} // namespace

QString OidcProvider::desktopClientId()
{
    return QStringLiteral("mattranso-desktop");
}

QString OidcProvider::apiAudience()
{
    return QStringLiteral("mattranso-api");
}

AuthorizationRequest AuthorizationRequest::fromQuery(const QUrlQuery &query)
{
    auto value
        = [&query](const char *key) { return query.queryItemValue(QString::fromLatin1(key), QUrl::FullyDecoded); };
    return { value("client_id"), value("redirect_uri"), value("response_type"), value("scope"), value("state"),
        value("nonce"), value("code_challenge"), value("code_challenge_method"), value("prompt") };
}

QUrlQuery AuthorizationRequest::toQuery() const
{
    QUrlQuery query;
    const std::pair<const char *, const QString *> items[]
        = { { "client_id", &clientId }, { "redirect_uri", &redirectUri }, { "response_type", &responseType },
              { "scope", &scope }, { "state", &state }, { "nonce", &nonce }, { "code_challenge", &codeChallenge },
              { "code_challenge_method", &codeChallengeMethod }, { "prompt", &prompt } };
    for (const auto &[key, value] : items) {
        if (!value->isEmpty())
            query.addQueryItem(QString::fromLatin1(key), QString(*value).replace(u'%', QStringLiteral("%25")));
    }
    return query;
}

OidcProvider::OidcProvider(ServerDatabase *database, UserDirectory *users, SigningKeys *keys, LoginThrottle *throttle,
    OidcSettings settings, Clock clock)
    : m_database(database)
    , m_users(users)
    , m_keys(keys)
    , m_throttle(throttle)
    , m_settings(std::move(settings))
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentSecsSinceEpoch(); }))
{
}

Status<QString> OidcProvider::ensureDesktopClient()
{
    if (client(desktopClientId()))
        return ok;
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("INSERT INTO oidc_clients (client_id, name, secret_hash, redirect_uris, signing_alg, "
                                 "created_at) VALUES (?, ?, NULL, ?, 'RS256', ?)"));
    query.addBindValue(desktopClientId());
    query.addBindValue(QStringLiteral("Mặt trận số (ứng dụng máy tính)"));
    query.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray { desktopRedirect }).toJson(QJsonDocument::Compact)));
    query.addBindValue(m_clock());
    if (!query.exec())
        return mts::Error<QString> { query.lastError().text(), query.lastError().text() };
    return ok;
}

Result<QByteArray, QString> OidcProvider::addClient(
    const QString &clientId, const QString &name, const QStringList &redirectUris, const QString &signingAlgorithm)
{
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9._-]{2,63}$"));
    if (!idPattern.match(clientId).hasMatch())
        return mts::Error<QString> { QStringLiteral("bad_id"),
            QStringLiteral("a client id has 3 to 64 characters: a-z, 0-9, '.', '_' or '-'") };
    if (redirectUris.isEmpty())
        return mts::Error<QString> { QStringLiteral("bad_redirect"), QStringLiteral("give at least one redirect URI") };
    for (const QString &uri : redirectUris) {
        const QUrl url(uri, QUrl::StrictMode);
        if (!url.isValid() || url.hasFragment() || (url.scheme() != QLatin1String("https") && !isLoopbackRedirect(url)))
            return mts::Error<QString> { QStringLiteral("bad_redirect"),
                QStringLiteral("%1 is not an https:// (or loopback http://) URI without fragment").arg(uri) };
    }
    if (signingAlgorithm != QLatin1String("RS256") && signingAlgorithm != QLatin1String("EdDSA"))
        return mts::Error<QString> { QStringLiteral("bad_alg"),
            QStringLiteral("the signing algorithm is RS256 or EdDSA") };
    const QByteArray secret = newToken();
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("INSERT INTO oidc_clients (client_id, name, secret_hash, redirect_uris, signing_alg, "
                                 "created_at) VALUES (?, ?, ?, ?, ?, ?)"));
    query.addBindValue(clientId);
    query.addBindValue(name.isEmpty() ? clientId : name);
    query.addBindValue(tokenHash(secret));
    query.addBindValue(
        QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(redirectUris)).toJson(QJsonDocument::Compact)));
    query.addBindValue(signingAlgorithm);
    query.addBindValue(m_clock());
    if (!query.exec())
        return mts::Error<QString> { QStringLiteral("exists"),
            QStringLiteral("cannot add client %1: %2").arg(clientId, query.lastError().text()) };
    return secret;
}

std::optional<OidcProvider::Client> OidcProvider::client(const QString &clientId)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral(
        "SELECT client_id, name, secret_hash, redirect_uris, signing_alg FROM oidc_clients WHERE client_id = ?"));
    query.addBindValue(clientId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    Client found { query.value(0).toString(), query.value(1).toString(), query.value(2).toByteArray(), {},
        query.value(4).toString() };
    for (const QJsonValue &uri : QJsonDocument::fromJson(query.value(3).toByteArray()).array())
        found.redirectUris.append(uri.toString());
    return found;
}

QString OidcProvider::clientName(const QString &clientId)
{
    const auto found = client(clientId);
    return found ? found->name : QString();
}

bool OidcProvider::redirectUriAllowed(const Client &client, const QString &redirectUri) const
{
    const QUrl requested(redirectUri, QUrl::StrictMode);
    if (!requested.isValid() || requested.hasFragment())
        return false;
    for (const QString &registered : client.redirectUris) {
        if (registered == redirectUri)
            return true;
        // RFC 8252 §7.3: a loopback redirect may use any port; everything else must match exactly.
        const QUrl allowed(registered);
        if (isLoopbackRedirect(allowed) && isLoopbackRedirect(requested) && allowed.host() == requested.host()
            && allowed.path() == requested.path() && !requested.hasQuery() && requested.userInfo().isEmpty())
            return true;
    }
    return false;
}

QJsonObject OidcProvider::discoveryDocument() const
{
    const QString &issuer = m_settings.issuer;
    return QJsonObject {
        { QStringLiteral("issuer"), issuer },
        { QStringLiteral("authorization_endpoint"), QString(issuer + QStringLiteral("/oidc/authorize")) },
        { QStringLiteral("token_endpoint"), QString(issuer + QStringLiteral("/oidc/token")) },
        { QStringLiteral("userinfo_endpoint"), QString(issuer + QStringLiteral("/oidc/userinfo")) },
        { QStringLiteral("jwks_uri"), QString(issuer + QStringLiteral("/oidc/jwks")) },
        { QStringLiteral("revocation_endpoint"), QString(issuer + QStringLiteral("/oidc/revoke")) },
        { QStringLiteral("end_session_endpoint"), QString(issuer + QStringLiteral("/oidc/logout")) },
        { QStringLiteral("scopes_supported"),
            QJsonArray { QStringLiteral("openid"), QStringLiteral("profile"), QStringLiteral("offline_access") } },
        { QStringLiteral("response_types_supported"), QJsonArray { QStringLiteral("code") } },
        { QStringLiteral("response_modes_supported"), QJsonArray { QStringLiteral("query") } },
        { QStringLiteral("grant_types_supported"),
            QJsonArray { QStringLiteral("authorization_code"), QStringLiteral("refresh_token") } },
        { QStringLiteral("subject_types_supported"), QJsonArray { QStringLiteral("public") } },
        { QStringLiteral("id_token_signing_alg_values_supported"),
            QJsonArray { QStringLiteral("RS256"), QStringLiteral("EdDSA") } },
        { QStringLiteral("token_endpoint_auth_methods_supported"),
            QJsonArray {
                QStringLiteral("none"), QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post") } },
        { QStringLiteral("revocation_endpoint_auth_methods_supported"),
            QJsonArray {
                QStringLiteral("none"), QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post") } },
        { QStringLiteral("code_challenge_methods_supported"), QJsonArray { QStringLiteral("S256") } },
        { QStringLiteral("claims_supported"),
            QJsonArray { QStringLiteral("sub"), QStringLiteral("iss"), QStringLiteral("aud"), QStringLiteral("exp"),
                QStringLiteral("iat"), QStringLiteral("auth_time"), QStringLiteral("nonce"), QStringLiteral("name"),
                QStringLiteral("preferred_username"), QStringLiteral("mts_role"), QStringLiteral("mts_unit") } },
        { QStringLiteral("authorization_response_iss_parameter_supported"), true },
        { QStringLiteral("ui_locales_supported"), QJsonArray { QStringLiteral("vi"), QStringLiteral("en") } },
    };
}

QJsonObject OidcProvider::jwks()
{
    return m_keys->jwks();
}

std::optional<OidcProvider::AuthorizeError> OidcProvider::validate(const AuthorizationRequest &request)
{
    const auto found = client(request.clientId);
    if (!found)
        return AuthorizeError { oauthError("invalid_client", QStringLiteral("Unknown client.")), false };
    if (!redirectUriAllowed(*found, request.redirectUri))
        return AuthorizeError {
            oauthError("invalid_request", QStringLiteral("The redirect URI is not registered for this client.")), false
        };
    if (request.responseType != QLatin1String("code"))
        return AuthorizeError { oauthError("unsupported_response_type", QStringLiteral("Only response_type=code.")) };
    if (!scopesOf(request.scope).contains(QLatin1String("openid")))
        return AuthorizeError { oauthError("invalid_scope", QStringLiteral("The openid scope is required.")) };
    // PKCE with S256 is required of every client (RFC 9700 §2.1.1), public or confidential.
    static const QRegularExpression challenge(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
    if (request.codeChallengeMethod != QLatin1String("S256") || !challenge.match(request.codeChallenge).hasMatch())
        return AuthorizeError { oauthError(
            "invalid_request", QStringLiteral("PKCE is required: code_challenge with code_challenge_method=S256.")) };
    return std::nullopt;
}

QUrl OidcProvider::errorRedirect(const AuthorizationRequest &request, const OAuthError &error, const QString &issuer)
{
    QUrl url(request.redirectUri);
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("error"), error.error);
    query.addQueryItem(QStringLiteral("error_description"), error.description);
    if (!request.state.isEmpty())
        query.addQueryItem(QStringLiteral("state"), request.state);
    query.addQueryItem(QStringLiteral("iss"), issuer);
    url.setQuery(query);
    return url;
}

QByteArray OidcProvider::newSession(const QString &userId)
{
    const QByteArray sessionId = newToken();
    QSqlQuery query(m_database->connection());
    query.prepare(
        QStringLiteral("INSERT INTO browser_sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)"));
    query.addBindValue(tokenHash(sessionId));
    query.addBindValue(userId);
    query.addBindValue(m_clock());
    query.addBindValue(m_clock() + m_settings.sessionSeconds);
    if (!query.exec()) {
        qCWarning(lcAuth) << "cannot store session:" << query.lastError().text();
        return {};
    }
    return sessionId;
}

namespace {
/// Stores a one-time code and returns the redirect carrying it.
std::optional<QUrl> storeCode(ServerDatabase *database, const AuthorizationRequest &request, const QString &userId,
    qint64 authTime, qint64 now, qint64 lifetime, const QString &issuer)
{
    const QByteArray code = newToken();
    QSqlQuery query(database->connection());
    query.prepare(QStringLiteral("INSERT INTO authorization_codes (code_hash, client_id, user_id, redirect_uri, "
                                 "code_challenge, scope, nonce, auth_time, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
                                 "?, ?)"));
    for (const QVariant &value : { QVariant(tokenHash(code)), QVariant(request.clientId), QVariant(userId),
             QVariant(request.redirectUri), QVariant(request.codeChallenge), QVariant(request.scope),
             QVariant(request.nonce), QVariant(authTime), QVariant(now + lifetime) })
        query.addBindValue(value);
    if (!query.exec()) {
        qCWarning(lcAuth) << "cannot store code:" << query.lastError().text();
        return std::nullopt;
    }
    QUrl url(request.redirectUri);
    QUrlQuery params(url);
    params.addQueryItem(QStringLiteral("code"), QString::fromLatin1(code));
    if (!request.state.isEmpty())
        params.addQueryItem(QStringLiteral("state"), QString(request.state).replace(u'%', QStringLiteral("%25")));
    // RFC 9207: tells the client which issuer answered (mix-up defence).
    params.addQueryItem(QStringLiteral("iss"), issuer);
    url.setQuery(params);
    return url;
}
} // namespace

Result<OidcProvider::SignInResult, OidcProvider::SignInError> OidcProvider::signIn(
    const AuthorizationRequest &request, const QString &username, const QString &password, const QString &address)
{
    if (const auto invalid = validate(request))
        return mts::Error<SignInError> { SignInError { SignInFailure::Invalid, 0, invalid->error.description },
            invalid->error.description };
    if (const qint64 wait = m_throttle->retryAfter(username, address); wait > 0) {
        recordEvent(QStringLiteral("sign_in_throttled"), username, {}, request.clientId, address,
            QStringLiteral("retry after %1 s").arg(wait));
        return mts::Error<SignInError> { SignInError { SignInFailure::Throttled, wait, {} },
            QStringLiteral("too many attempts") };
    }
    const auto account = m_users->authenticate(username, password);
    if (!account) {
        const bool disabled = account.error().code == UserDirectory::Error::Disabled;
        if (!disabled)
            m_throttle->recordFailure(username, address);
        recordEvent(disabled ? QStringLiteral("sign_in_disabled") : QStringLiteral("sign_in_failed"), username, {},
            request.clientId, address, account.error().message);
        const SignInFailure failure = disabled                      ? SignInFailure::Disabled
            : account.error().code == UserDirectory::Error::Storage ? SignInFailure::Storage
                                                                    : SignInFailure::WrongCredentials;
        return mts::Error<SignInError> { SignInError { failure, 0, account.error().message }, account.error().message };
    }
    m_throttle->recordSuccess(username);
    const qint64 now = m_clock();
    const auto redirect
        = storeCode(m_database, request, account.value().id, now, now, m_settings.codeSeconds, m_settings.issuer);
    const QByteArray session = newSession(account.value().id);
    if (!redirect || session.isEmpty())
        return mts::Error<SignInError> { SignInError { SignInFailure::Storage, 0, {} }, QStringLiteral("storage") };
    recordEvent(QStringLiteral("sign_in"), account.value().username, account.value().id, request.clientId, address, {});
    return SignInResult { *redirect, session };
}

std::optional<QUrl> OidcProvider::authorizeWithSession(const AuthorizationRequest &request, const QByteArray &sessionId)
{
    if (sessionId.isEmpty() || request.prompt == QLatin1String("login"))
        return std::nullopt;
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT s.user_id, s.created_at FROM browser_sessions s JOIN users u ON u.id = "
                                 "s.user_id WHERE s.id_hash = ? AND s.ended_at IS NULL AND s.expires_at > ? AND "
                                 "u.disabled = 0"));
    query.addBindValue(tokenHash(sessionId));
    query.addBindValue(m_clock());
    if (!query.exec() || !query.next())
        return std::nullopt;
    return storeCode(m_database, request, query.value(0).toString(), query.value(1).toLongLong(), m_clock(),
        m_settings.codeSeconds, m_settings.issuer);
}

Result<OidcProvider::Client, OAuthError> OidcProvider::authenticateClient(
    const QUrlQuery &form, const QByteArray &authorization)
{
    QString clientId = form.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded);
    QByteArray secret = form.queryItemValue(QStringLiteral("client_secret"), QUrl::FullyDecoded).toUtf8();
    if (authorization.toLower().startsWith("basic ")) {
        // RFC 6749 §2.3.1: id and secret are form-urlencoded before base64.
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        if (colon < 0)
            return mts::Error<OAuthError> {
                oauthError("invalid_client", QStringLiteral("Malformed Basic credentials."), 401), {}
            };
        clientId = QUrl::fromPercentEncoding(decoded.left(colon));
        secret = QUrl::fromPercentEncoding(decoded.mid(colon + 1)).toUtf8();
    }
    const auto found = client(clientId);
    const OAuthError unknown = oauthError("invalid_client", QStringLiteral("Client authentication failed."), 401);
    if (!found)
        return mts::Error<OAuthError> { unknown, {} };
    if (found->secretHash.isEmpty()) {
        if (!secret.isEmpty())
            return mts::Error<OAuthError> { unknown, {} };
    } else if (secret.isEmpty() || !crypto::constantTimeEqual(tokenHash(secret), found->secretHash)) {
        return mts::Error<OAuthError> { unknown, {} };
    }
    return *found;
}

Result<QJsonObject, OAuthError> OidcProvider::token(
    const QUrlQuery &form, const QByteArray &authorization, const QString &address)
{
    const auto client = authenticateClient(form, authorization);
    if (!client) {
        recordEvent(QStringLiteral("client_auth_failed"), {}, {}, form.queryItemValue(QStringLiteral("client_id")),
            address, {});
        return mts::Error<OAuthError> { client.error().code, {} };
    }
    const QString grant = form.queryItemValue(QStringLiteral("grant_type"));
    if (grant == QLatin1String("authorization_code"))
        return exchangeCode(client.value(), form, address);
    if (grant == QLatin1String("refresh_token"))
        return refresh(client.value(), form, address);
    return mts::Error<OAuthError> {
        oauthError("unsupported_grant_type", QStringLiteral("Use authorization_code or refresh_token.")), {}
    };
}

Result<QJsonObject, OAuthError> OidcProvider::exchangeCode(
    const Client &client, const QUrlQuery &form, const QString &address)
{
    const QByteArray code = form.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded).toUtf8();
    const QString redirectUri = form.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded);
    const QByteArray verifier = form.queryItemValue(QStringLiteral("code_verifier"), QUrl::FullyDecoded).toUtf8();
    const OAuthError invalidGrant = oauthError("invalid_grant", QStringLiteral("The code is invalid or expired."));
    if (code.isEmpty())
        return mts::Error<OAuthError> { oauthError("invalid_request", QStringLiteral("code is missing.")), {} };
    const QByteArray hash = tokenHash(code);
    // The chain of refresh tokens issued for a code is named after the code, so a replayed code can revoke it.
    const QString chainId = QString::fromLatin1(hash.toHex().left(32));

    QSqlDatabase db = m_database->connection();
    if (!db.transaction())
        return mts::Error<OAuthError> { oauthError("server_error", QStringLiteral("Try again."), 500), {} };
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT client_id, user_id, redirect_uri, code_challenge, scope, nonce, auth_time, "
                                 "expires_at, used_at FROM authorization_codes WHERE code_hash = ?"));
    query.addBindValue(hash);
    if (!query.exec()) {
        db.rollback();
        return mts::Error<OAuthError> { storageError(query), {} };
    }
    if (!query.next()) {
        db.rollback();
        recordEvent(QStringLiteral("code_unknown"), {}, {}, client.id, address, {});
        return mts::Error<OAuthError> { invalidGrant, {} };
    }
    const QString codeClient = query.value(0).toString();
    const QString userId = query.value(1).toString();
    const QString codeRedirect = query.value(2).toString();
    const QString challenge = query.value(3).toString();
    const QString scope = query.value(4).toString();
    const QString nonce = query.value(5).toString();
    const qint64 authTime = query.value(6).toLongLong();
    const qint64 expiresAt = query.value(7).toLongLong();
    const bool used = !query.value(8).isNull();
    query.finish();
    if (used) {
        // RFC 6749 §4.1.2: a code used twice is an attack; revoke what the first use issued.
        QSqlQuery revoke(db);
        revoke.prepare(
            QStringLiteral("UPDATE refresh_tokens SET revoked_at = ? WHERE chain_id = ? AND revoked_at IS NULL"));
        revoke.addBindValue(m_clock());
        revoke.addBindValue(chainId);
        revoke.exec();
        db.commit();
        recordEvent(QStringLiteral("code_replayed"), {}, userId, client.id, address, QStringLiteral("chain revoked"));
        return mts::Error<OAuthError> { invalidGrant, {} };
    }
    QSqlQuery markUsed(db);
    markUsed.prepare(
        QStringLiteral("UPDATE authorization_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL"));
    markUsed.addBindValue(m_clock());
    markUsed.addBindValue(hash);
    if (!markUsed.exec() || markUsed.numRowsAffected() != 1 || !db.commit()) {
        db.rollback();
        return mts::Error<OAuthError> { invalidGrant, {} };
    }
    if (codeClient != client.id) {
        recordEvent(QStringLiteral("code_wrong_client"), {}, userId, client.id, address, {});
        return mts::Error<OAuthError> { invalidGrant, {} };
    }
    if (expiresAt <= m_clock()) {
        recordEvent(QStringLiteral("code_expired"), {}, userId, client.id, address, {});
        return mts::Error<OAuthError> { invalidGrant, {} };
    }
    if (redirectUri != codeRedirect) {
        recordEvent(QStringLiteral("redirect_uri_mismatch"), {}, userId, client.id, address, redirectUri);
        return mts::Error<OAuthError> {
            oauthError("invalid_grant", QStringLiteral("redirect_uri does not match the authorization request.")), {}
        };
    }
    static const QRegularExpression verifierPattern(QStringLiteral("^[A-Za-z0-9._~-]{43,128}$"));
    const QByteArray computed = encoding::base64url(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256));
    if (!verifierPattern.match(QString::fromLatin1(verifier)).hasMatch()
        || !crypto::constantTimeEqual(computed, challenge.toLatin1())) {
        recordEvent(QStringLiteral("pkce_mismatch"), {}, userId, client.id, address, {});
        return mts::Error<OAuthError> {
            oauthError("invalid_grant", QStringLiteral("The PKCE code_verifier does not match.")), {}
        };
    }
    const auto account = m_users->userById(userId);
    if (!account || account.value().disabled)
        return mts::Error<OAuthError> { invalidGrant, {} };

    // The first refresh token of a new chain.
    const QByteArray refreshToken = newToken();
    QSqlQuery insert(m_database->connection());
    insert.prepare(QStringLiteral("INSERT INTO refresh_tokens (token_hash, chain_id, client_id, user_id, scope, "
                                  "auth_time, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &value :
        { QVariant(tokenHash(refreshToken)), QVariant(chainId), QVariant(client.id), QVariant(userId), QVariant(scope),
            QVariant(authTime), QVariant(m_clock()), QVariant(m_clock() + m_settings.refreshTokenSeconds) })
        insert.addBindValue(value);
    if (!insert.exec())
        return mts::Error<OAuthError> { storageError(insert), {} };
    recordEvent(QStringLiteral("tokens_issued"), account.value().username, userId, client.id, address, {});
    return issueTokens(client, userId, scope, nonce, authTime, refreshToken);
}

QByteArray OidcProvider::refreshSecret()
{
    // A server secret that derives a refresh token's successor from the token itself: presenting the same spent
    // token again within the grace window yields the same successor without storing any token in clear.
    QSqlQuery query(m_database->connection());
    query.exec(QStringLiteral("SELECT value FROM server_meta WHERE key = 'refresh_secret'"));
    if (query.next())
        return QByteArray::fromHex(query.value(0).toString().toLatin1());
    query.finish();
    query.prepare(QStringLiteral("INSERT OR IGNORE INTO server_meta (key, value) VALUES ('refresh_secret', ?)"));
    query.addBindValue(QString::fromLatin1(crypto::randomBytes(32).toHex()));
    query.exec();
    query.exec(QStringLiteral("SELECT value FROM server_meta WHERE key = 'refresh_secret'"));
    return query.next() ? QByteArray::fromHex(query.value(0).toString().toLatin1()) : QByteArray();
}

Result<QJsonObject, OAuthError> OidcProvider::refresh(
    const Client &client, const QUrlQuery &form, const QString &address)
{
    const QByteArray presented = form.queryItemValue(QStringLiteral("refresh_token"), QUrl::FullyDecoded).toUtf8();
    const OAuthError invalidGrant = oauthError("invalid_grant", QStringLiteral("The refresh token is invalid."));
    if (presented.isEmpty())
        return mts::Error<OAuthError> { oauthError("invalid_request", QStringLiteral("refresh_token is missing.")),
            {} };
    const QByteArray secret = refreshSecret();
    if (secret.isEmpty())
        return mts::Error<OAuthError> { oauthError("server_error", QStringLiteral("Try again."), 500), {} };
    const QByteArray successor
        = encoding::base64url(crypto::blake2b(QByteArray(QByteArray("successor:") + presented), 32, secret));
    const qint64 now = m_clock();

    QSqlDatabase db = m_database->connection();
    if (!db.transaction())
        return mts::Error<OAuthError> { oauthError("server_error", QStringLiteral("Try again."), 500), {} };
    auto fail = [&db](const OAuthError &error) {
        db.rollback();
        return mts::Error<OAuthError> { error, {} };
    };
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT chain_id, client_id, user_id, scope, auth_time, expires_at, spent_at, "
                                 "revoked_at FROM refresh_tokens WHERE token_hash = ?"));
    query.addBindValue(tokenHash(presented));
    if (!query.exec())
        return fail(storageError(query));
    if (!query.next()) {
        recordEvent(QStringLiteral("refresh_unknown"), {}, {}, client.id, address, {});
        return fail(invalidGrant);
    }
    const QString chainId = query.value(0).toString();
    const QString tokenClient = query.value(1).toString();
    const QString userId = query.value(2).toString();
    const QString scope = query.value(3).toString();
    const qint64 authTime = query.value(4).toLongLong();
    const qint64 expiresAt = query.value(5).toLongLong();
    const bool spent = !query.value(6).isNull();
    const qint64 spentAt = query.value(6).toLongLong();
    const bool revoked = !query.value(7).isNull();
    query.finish();
    if (tokenClient != client.id) {
        recordEvent(QStringLiteral("refresh_wrong_client"), {}, userId, client.id, address, {});
        return fail(invalidGrant);
    }
    if (revoked || expiresAt <= now) {
        recordEvent(revoked ? QStringLiteral("refresh_revoked") : QStringLiteral("refresh_expired"), {}, userId,
            client.id, address, {});
        return fail(invalidGrant);
    }
    // A disabled account gets nothing, and its token is not spent (enabling the account again restores it).
    if (const auto account = m_users->userById(userId); !account || account.value().disabled) {
        recordEvent(QStringLiteral("refresh_disabled_user"), {}, userId, client.id, address, {});
        return fail(invalidGrant);
    }
    if (spent) {
        if (now - spentAt > m_settings.refreshGraceSeconds) {
            // A spent token presented again after the grace window: someone holds a stolen copy. Revoke the chain.
            QSqlQuery revokeChain(db);
            revokeChain.prepare(
                QStringLiteral("UPDATE refresh_tokens SET revoked_at = ? WHERE chain_id = ? AND revoked_at IS NULL"));
            revokeChain.addBindValue(now);
            revokeChain.addBindValue(chainId);
            revokeChain.exec();
            db.commit();
            recordEvent(
                QStringLiteral("refresh_reuse"), {}, userId, client.id, address, QStringLiteral("chain revoked"));
            return mts::Error<OAuthError> { invalidGrant, {} };
        }
        // Within the grace window: the client lost our answer; give it the same successor again, unless that
        // successor has been revoked meanwhile.
        QSqlQuery check(db);
        check.prepare(QStringLiteral("SELECT revoked_at FROM refresh_tokens WHERE token_hash = ?"));
        check.addBindValue(tokenHash(successor));
        if (!check.exec() || !check.next() || !check.value(0).isNull())
            return fail(invalidGrant);
        db.commit();
        recordEvent(QStringLiteral("refresh_replayed_in_grace"), {}, userId, client.id, address, {});
        return issueTokens(client, userId, scope, {}, authTime, successor);
    }
    QSqlQuery spend(db);
    spend.prepare(QStringLiteral("UPDATE refresh_tokens SET spent_at = ? WHERE token_hash = ? AND spent_at IS NULL"));
    spend.addBindValue(now);
    spend.addBindValue(tokenHash(presented));
    if (!spend.exec() || spend.numRowsAffected() != 1)
        return fail(invalidGrant);
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO refresh_tokens (token_hash, chain_id, client_id, user_id, scope, "
                                  "auth_time, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &value :
        { QVariant(tokenHash(successor)), QVariant(chainId), QVariant(client.id), QVariant(userId), QVariant(scope),
            QVariant(authTime), QVariant(now), QVariant(now + m_settings.refreshTokenSeconds) })
        insert.addBindValue(value);
    if (!insert.exec())
        return fail(storageError(insert));
    if (!db.commit())
        return fail(oauthError("server_error", QStringLiteral("Try again."), 500));
    return issueTokens(client, userId, scope, {}, authTime, successor);
}

Result<QJsonObject, OAuthError> OidcProvider::issueTokens(const Client &client, const QString &userId,
    const QString &scope, const QString &nonce, qint64 authTime, const QByteArray &refreshToken)
{
    const auto account = m_users->userById(userId);
    if (!account)
        return mts::Error<OAuthError> { oauthError("invalid_grant", QStringLiteral("Unknown account.")), {} };
    const UserAccount &user = account.value();
    const qint64 now = m_clock();
    const JwtAlgorithm algorithm
        = client.signingAlgorithm == QLatin1String("EdDSA") ? JwtAlgorithm::EdDSA : JwtAlgorithm::RS256;
    const QJsonObject identity {
        { QStringLiteral("name"), user.displayName },
        { QStringLiteral("preferred_username"), user.username },
        { QStringLiteral("mts_role"), roleName(user.role) },
        { QStringLiteral("mts_unit"), user.unit.toString() },
    };
    QJsonObject access {
        { QStringLiteral("iss"), m_settings.issuer },
        { QStringLiteral("sub"), user.id },
        { QStringLiteral("aud"), apiAudience() },
        { QStringLiteral("client_id"), client.id },
        { QStringLiteral("scope"), scope },
        { QStringLiteral("iat"), now },
        { QStringLiteral("exp"), now + m_settings.accessTokenSeconds },
        { QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces) },
    };
    for (auto it = identity.begin(); it != identity.end(); ++it)
        access.insert(it.key(), it.value());
    const auto accessToken = m_keys->sign(algorithm, access);
    if (!accessToken)
        return mts::Error<OAuthError> { oauthError("server_error", QStringLiteral("Signing failed."), 500), {} };
    QJsonObject body {
        { QStringLiteral("access_token"), QString::fromLatin1(accessToken.value()) },
        { QStringLiteral("token_type"), QStringLiteral("Bearer") },
        { QStringLiteral("expires_in"), m_settings.accessTokenSeconds },
        { QStringLiteral("refresh_token"), QString::fromLatin1(refreshToken) },
        { QStringLiteral("scope"), scope },
    };
    if (scopesOf(scope).contains(QLatin1String("openid"))) {
        QJsonObject id {
            { QStringLiteral("iss"), m_settings.issuer },
            { QStringLiteral("sub"), user.id },
            { QStringLiteral("aud"), client.id },
            { QStringLiteral("iat"), now },
            { QStringLiteral("exp"), now + m_settings.accessTokenSeconds },
            { QStringLiteral("auth_time"), authTime },
        };
        if (!nonce.isEmpty())
            id.insert(QStringLiteral("nonce"), nonce);
        for (auto it = identity.begin(); it != identity.end(); ++it)
            id.insert(it.key(), it.value());
        const auto idToken = m_keys->sign(algorithm, id);
        if (!idToken)
            return mts::Error<OAuthError> { oauthError("server_error", QStringLiteral("Signing failed."), 500), {} };
        body.insert(QStringLiteral("id_token"), QString::fromLatin1(idToken.value()));
    }
    return body;
}

Result<Principal, OAuthError> OidcProvider::authenticate(const QByteArray &authorization)
{
    const QByteArray token = bearerToken(authorization);
    const OAuthError invalid = oauthError("invalid_token", QStringLiteral("The access token is invalid."), 401);
    if (token.isEmpty())
        return mts::Error<OAuthError> {
            oauthError("invalid_token", QStringLiteral("An access token is required."), 401), {}
        };
    JwtVerifyOptions options;
    options.issuer = m_settings.issuer;
    options.audiences = { apiAudience() };
    options.now = m_clock();
    options.leewaySeconds = 30;
    const auto claims = m_keys->verify(token, options);
    if (!claims) {
        qCInfo(lcAuth) << "access token refused:" << claims.error().message;
        return mts::Error<OAuthError> { OAuthError { invalid.error, claims.error().message, 401 }, {} };
    }
    const QString jti = claims.value().value(QLatin1String("jti")).toString();
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT 1 FROM revoked_access_tokens WHERE jti = ?"));
    query.addBindValue(jti);
    if (!query.exec())
        return mts::Error<OAuthError> { storageError(query), {} };
    if (query.next())
        return mts::Error<OAuthError> { OAuthError { invalid.error, QStringLiteral("The token was revoked."), 401 },
            {} };
    const auto account = m_users->userById(claims.value().value(QLatin1String("sub")).toString());
    if (!account || account.value().disabled)
        return mts::Error<OAuthError> { OAuthError { invalid.error, QStringLiteral("The account is disabled."), 401 },
            {} };
    // Role and unit come from the account as it is now, not as it was when the token was issued.
    return Principal { account.value().id, account.value().username, account.value().role, account.value().unit };
}

Result<QJsonObject, OAuthError> OidcProvider::userInfo(const QByteArray &authorization)
{
    const auto principal = authenticate(authorization);
    if (!principal)
        return mts::Error<OAuthError> { principal.error().code, {} };
    const auto account = m_users->userById(principal.value().userId);
    if (!account)
        return mts::Error<OAuthError> { oauthError("invalid_token", QStringLiteral("Unknown account."), 401), {} };
    return QJsonObject {
        { QStringLiteral("sub"), account.value().id },
        { QStringLiteral("name"), account.value().displayName },
        { QStringLiteral("preferred_username"), account.value().username },
        { QStringLiteral("mts_role"), roleName(account.value().role) },
        { QStringLiteral("mts_unit"), account.value().unit.toString() },
    };
}

Status<OAuthError> OidcProvider::revoke(const QUrlQuery &form, const QByteArray &authorization)
{
    const auto client = authenticateClient(form, authorization);
    if (!client)
        return mts::Error<OAuthError> { client.error().code, {} };
    const QByteArray token = form.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded).toUtf8();
    if (token.isEmpty())
        return mts::Error<OAuthError> { oauthError("invalid_request", QStringLiteral("token is missing.")), {} };
    const qint64 now = m_clock();
    // A refresh token: revoke its chain (only the client it was issued to may).
    QSqlQuery query(m_database->connection());
    query.prepare(
        QStringLiteral("SELECT chain_id, user_id FROM refresh_tokens WHERE token_hash = ? AND client_id = ?"));
    query.addBindValue(tokenHash(token));
    query.addBindValue(client.value().id);
    if (query.exec() && query.next()) {
        const QString chainId = query.value(0).toString();
        const QString userId = query.value(1).toString();
        query.finish();
        QSqlQuery revokeChain(m_database->connection());
        revokeChain.prepare(
            QStringLiteral("UPDATE refresh_tokens SET revoked_at = ? WHERE chain_id = ? AND revoked_at IS NULL"));
        revokeChain.addBindValue(now);
        revokeChain.addBindValue(chainId);
        if (!revokeChain.exec())
            return mts::Error<OAuthError> { storageError(revokeChain), {} };
        recordEvent(QStringLiteral("revoked_refresh"), {}, userId, client.value().id, {}, {});
        return ok;
    }
    // An access token of ours: refuse it until it expires.
    JwtVerifyOptions options;
    options.issuer = m_settings.issuer;
    options.audiences = { apiAudience() };
    options.now = now;
    const auto claims = m_keys->verify(token, options);
    if (claims && claims.value().value(QLatin1String("client_id")).toString() == client.value().id) {
        QSqlQuery insert(m_database->connection());
        insert.prepare(QStringLiteral("INSERT OR IGNORE INTO revoked_access_tokens (jti, expires_at) VALUES (?, ?)"));
        insert.addBindValue(claims.value().value(QLatin1String("jti")).toString());
        insert.addBindValue(claims.value().value(QLatin1String("exp")).toInteger());
        if (!insert.exec())
            return mts::Error<OAuthError> { storageError(insert), {} };
        recordEvent(QStringLiteral("revoked_access"), {}, claims.value().value(QLatin1String("sub")).toString(),
            client.value().id, {}, {});
    }
    // RFC 7009 §2.2: an unknown or invalid token is not an error.
    return ok;
}

Result<QUrl, OAuthError> OidcProvider::endSession(const QUrlQuery &query, const QByteArray &sessionId)
{
    const QString hint = query.queryItemValue(QStringLiteral("id_token_hint"), QUrl::FullyDecoded);
    const QString postLogout = query.queryItemValue(QStringLiteral("post_logout_redirect_uri"), QUrl::FullyDecoded);
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    QString clientId = query.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded);
    if (!hint.isEmpty()) {
        JwtVerifyOptions options;
        options.issuer = m_settings.issuer;
        options.requireExpiry = false;
        options.now = m_clock();
        options.leewaySeconds = 365LL * 24 * 3600; // an expired ID token still identifies the session to end
        const auto claims = m_keys->verify(hint.toUtf8(), options);
        if (!claims)
            return mts::Error<OAuthError> { oauthError("invalid_request", QStringLiteral("id_token_hint is invalid.")),
                {} };
        const QJsonValue aud = claims.value().value(QLatin1String("aud"));
        clientId = aud.isArray() ? aud.toArray().first().toString() : aud.toString();
    }
    if (!sessionId.isEmpty()) {
        QSqlQuery end(m_database->connection());
        end.prepare(QStringLiteral("UPDATE browser_sessions SET ended_at = ? WHERE id_hash = ? AND ended_at IS NULL"));
        end.addBindValue(m_clock());
        end.addBindValue(tokenHash(sessionId));
        end.exec();
    }
    if (postLogout.isEmpty())
        return QUrl();
    const auto found = client(clientId);
    if (!found || !redirectUriAllowed(*found, postLogout))
        return mts::Error<OAuthError> {
            oauthError("invalid_request", QStringLiteral("post_logout_redirect_uri is not registered for the client.")),
            {}
        };
    QUrl url(postLogout);
    if (!state.isEmpty()) {
        QUrlQuery params(url);
        params.addQueryItem(QStringLiteral("state"), QString(state).replace(u'%', QStringLiteral("%25")));
        url.setQuery(params);
    }
    return url;
}

Result<bool, OidcProvider::SignInError> OidcProvider::checkPassword(
    const Principal &principal, const QString &password, const QString &address)
{
    if (const qint64 wait = m_throttle->retryAfter(principal.username, address); wait > 0)
        return mts::Error<SignInError> { SignInError { SignInFailure::Throttled, wait, {} },
            QStringLiteral("too many attempts") };
    const auto account = m_users->authenticate(principal.username, password);
    if (!account) {
        m_throttle->recordFailure(principal.username, address);
        recordEvent(QStringLiteral("password_check_failed"), principal.username, principal.userId, {}, address, {});
        return mts::Error<SignInError> { SignInError { SignInFailure::WrongCredentials, 0, {} },
            account.error().message };
    }
    m_throttle->recordSuccess(principal.username);
    return true;
}

void OidcProvider::recordEvent(const QString &event, const QString &username, const QString &userId,
    const QString &clientId, const QString &address, const QString &detail)
{
    // The routine events; every other one is a refusal or an attack worth a warning.
    static const QStringList routine { QStringLiteral("sign_in"), QStringLiteral("tokens_issued"),
        QStringLiteral("refresh_replayed_in_grace"), QStringLiteral("revoked_refresh"),
        QStringLiteral("revoked_access") };
    const bool failure = !routine.contains(event);
    if (failure)
        qCWarning(lcAuth).noquote() << "auth event" << event << "user" << username << "client" << clientId << "from"
                                    << address << detail;
    else
        qCInfo(lcAuth).noquote() << "auth event" << event << "user" << username << "client" << clientId << "from"
                                 << address;
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("INSERT INTO auth_events (at, event, username, user_id, client_id, address, detail) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(m_clock());
    query.addBindValue(event);
    query.addBindValue(username);
    query.addBindValue(userId);
    query.addBindValue(clientId);
    query.addBindValue(address);
    query.addBindValue(detail);
    if (!query.exec())
        qCWarning(lcAuth) << "cannot record auth event:" << query.lastError().text();
}

} // namespace mts
