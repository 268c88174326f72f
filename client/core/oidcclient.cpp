// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "oidcclient.h"

#include "shared/crypto.h"
#include "shared/encoding.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QOAuthHttpServerReplyHandler>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

Q_LOGGING_CATEGORY(lcOidc, "mts.client.auth")

namespace mts {

namespace {

// How long the browser may take before the sign-in gives up (a cadre looking for the password included).
constexpr int browserTimeoutMs = 10 * 60 * 1000;

/// application/x-www-form-urlencoded (RFC 6749 appendix B): every value percent-encoded.
QByteArray formEncode(const QList<std::pair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &[key, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += key.toUtf8().toPercentEncoding() + '=' + value.toUtf8().toPercentEncoding();
    }
    return body;
}

QJsonObject jwtPayload(const QByteArray &jwt)
{
    const QList<QByteArray> parts = jwt.split('.');
    if (parts.size() != 3)
        return {};
    return QJsonDocument::fromJson(QByteArray::fromBase64(parts[1], QByteArray::Base64UrlEncoding)).object();
}

QString withoutTrailingSlash(QString url)
{
    while (url.endsWith(u'/'))
        url.chop(1);
    return url;
}

} // namespace

bool TokenSet::expiresWithin(qint64 marginSeconds, const QDateTime &now) const
{
    return !accessExpiresAt.isValid() || now.secsTo(accessExpiresAt) <= marginSeconds;
}

OidcClient::OidcClient(ServerConnection connection, QString clientId, QObject *parent)
    : QObject(parent)
    , m_connection(std::move(connection))
    , m_clientId(std::move(clientId))
{
}

OidcClient::~OidcClient()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

Identity OidcClient::identityFrom(const QByteArray &idToken)
{
    const QJsonObject claims = jwtPayload(idToken);
    return { claims.value(QLatin1String("sub")).toString(),
        claims.value(QLatin1String("preferred_username")).toString(), claims.value(QLatin1String("name")).toString(),
        claims.value(QLatin1String("mts_role")).toString(), claims.value(QLatin1String("mts_unit")).toString() };
}

TokenSet OidcClient::tokensFrom(const QJsonObject &body)
{
    TokenSet tokens;
    tokens.accessToken = body.value(QLatin1String("access_token")).toString().toLatin1();
    tokens.refreshToken = body.value(QLatin1String("refresh_token")).toString().toLatin1();
    tokens.idToken = body.value(QLatin1String("id_token")).toString().toLatin1();
    const qint64 expiresIn = body.value(QLatin1String("expires_in")).toInteger(300);
    tokens.accessExpiresAt = QDateTime::currentDateTimeUtc().addSecs(expiresIn);
    return tokens;
}

QNetworkReply *OidcClient::postForm(const QUrl &url, const QByteArray &body)
{
    QNetworkRequest request = m_connection.request(url.path());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    QNetworkReply *reply = m_connection.network()->post(request, body);
    m_reply = reply;
    return reply;
}

OidcError OidcClient::errorFrom(QNetworkReply *reply) const
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    const QString error = body.value(QLatin1String("error")).toString();
    const QString detail = error.isEmpty()
        ? reply->errorString()
        : error + QStringLiteral(": ") + body.value(QLatin1String("error_description")).toString();
    if (status == 0)
        return { OidcError::Code::Network,
            tr("Cannot reach the server to sign in. Check the connection; you can keep working offline with your "
               "password."),
            detail };
    if (status >= 500)
        return { OidcError::Code::Server, tr("The server could not sign you in right now. Try again in a few minutes."),
            detail };
    if (error == QLatin1String("invalid_grant") || error == QLatin1String("access_denied")
        || error == QLatin1String("invalid_client"))
        return { OidcError::Code::Denied, tr("Your sign-in has ended. Sign in again with your user name and password."),
            detail };
    return { OidcError::Code::Protocol,
        tr("The server's answer to the sign-in could not be understood. Tell your administrator."), detail };
}

void OidcClient::discover(std::function<void()> next, std::function<void(const OidcError &)> fail)
{
    if (!m_discovery.isEmpty()) {
        next();
        return;
    }
    QNetworkReply *reply
        = m_connection.network()->get(m_connection.request(QStringLiteral("/.well-known/openid-configuration")));
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply, next, fail] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            fail(errorFrom(reply));
            return;
        }
        const QJsonObject document = QJsonDocument::fromJson(reply->readAll()).object();
        // The issuer must be the server we trust (by its pinned certificate): tokens from any other are refused.
        const QString issuer = withoutTrailingSlash(document.value(QLatin1String("issuer")).toString());
        const QString expected = withoutTrailingSlash(m_connection.baseUrl().toString());
        if (issuer != expected) {
            fail({ OidcError::Code::Protocol,
                tr("The server announces another sign-in address (%1). Check the server address in Settings.")
                    .arg(issuer),
                QStringLiteral("issuer %1, expected %2").arg(issuer, expected) });
            return;
        }
        for (const char *endpoint : { "authorization_endpoint", "token_endpoint", "revocation_endpoint" }) {
            const QUrl url(document.value(QLatin1String(endpoint)).toString());
            if (url.scheme() != m_connection.baseUrl().scheme() || url.host() != m_connection.baseUrl().host()
                || url.port(443) != m_connection.baseUrl().port(443)) {
                fail({ OidcError::Code::Protocol, tr("The server's sign-in description is not valid."),
                    QStringLiteral("%1 is not on the server").arg(QLatin1String(endpoint)) });
                return;
            }
        }
        m_discovery = document;
        next();
    });
}

void OidcClient::signIn(const QString &prompt)
{
    if (m_signingIn)
        return;
    m_signingIn = true;
    discover([this, prompt] { startAuthorization(prompt); }, [this](const OidcError &error) { finishSignIn(error); });
}

QUrlQuery OidcClient::authorizationQuery(const QString &prompt)
{
    m_verifier = encoding::base64url(crypto::randomBytes(32));
    m_state = QString::fromLatin1(encoding::base64url(crypto::randomBytes(16)));
    m_nonce = QString::fromLatin1(encoding::base64url(crypto::randomBytes(16)));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("client_id"), m_clientId);
    query.addQueryItem(QStringLiteral("redirect_uri"), m_redirectUri);
    query.addQueryItem(QStringLiteral("scope"), QStringLiteral("openid profile offline_access"));
    query.addQueryItem(QStringLiteral("state"), m_state);
    query.addQueryItem(QStringLiteral("nonce"), m_nonce);
    query.addQueryItem(QStringLiteral("code_challenge"),
        QString::fromLatin1(encoding::base64url(QCryptographicHash::hash(m_verifier, QCryptographicHash::Sha256))));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    if (!prompt.isEmpty())
        query.addQueryItem(QStringLiteral("prompt"), prompt);
    return query;
}

void OidcClient::signInWithPassword(const QString &username, const QString &password)
{
    if (m_signingIn)
        return;
    m_signingIn = true;
    discover(
        [this, username, password] {
            // No listener: the redirect is read from the answer, never followed. Any loopback port is registered.
            m_redirectUri = QStringLiteral("http://127.0.0.1:1/callback");
            QUrlQuery form = authorizationQuery(QStringLiteral("login"));
            form.addQueryItem(QStringLiteral("username"), username);
            form.addQueryItem(QStringLiteral("password"), password);
            QNetworkReply *reply = postForm(QUrl(m_discovery.value(QLatin1String("authorization_endpoint")).toString()),
                formEncode(form.queryItems(QUrl::FullyDecoded)));
            connect(reply, &QNetworkReply::finished, this, [this, reply] {
                reply->deleteLater();
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status == 302) {
                    QVariantMap values;
                    const QUrlQuery query(QUrl(QString::fromUtf8(reply->rawHeader("Location"))));
                    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
                        values.insert(key, value);
                    onCallback(values);
                    return;
                }
                if (status == 401 || status == 403) {
                    finishSignIn({ OidcError::Code::Denied,
                        status == 403 ? tr("This account is disabled. Ask your administrator.")
                                      : tr("Wrong user name or password."),
                        QStringLiteral("HTTP %1").arg(status) });
                    return;
                }
                if (status == 429) {
                    finishSignIn(
                        { OidcError::Code::Denied, tr("Too many failed attempts. Wait a few minutes, then try again."),
                            QStringLiteral("HTTP 429") });
                    return;
                }
                finishSignIn(errorFrom(reply));
            });
        },
        [this](const OidcError &error) { finishSignIn(error); });
}

void OidcClient::startAuthorization(const QString &prompt)
{
    m_listener = new QOAuthHttpServerReplyHandler(QHostAddress::LocalHost, 0, this);
    if (!m_listener->isListening()) {
        finishSignIn({ OidcError::Code::Network, tr("Cannot start the sign-in on this computer (no local port)."),
            QStringLiteral("loopback listener failed") });
        return;
    }
    m_listener->setCallbackPath(QStringLiteral("/callback"));
    m_listener->setCallbackText(QStringLiteral(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Mặt trận số</title></head>"
        "<body style=\"font-family:sans-serif\"><h2>Đã nhận kết quả đăng nhập.</h2>"
        "<p>Bạn có thể đóng cửa sổ này và quay lại ứng dụng Mặt trận số.</p></body></html>"));
    connect(m_listener, &QOAuthHttpServerReplyHandler::callbackReceived, this, &OidcClient::onCallback);

    m_redirectUri = m_listener->callback();
    QUrl url(m_discovery.value(QLatin1String("authorization_endpoint")).toString());
    url.setQuery(authorizationQuery(prompt));
    QTimer::singleShot(browserTimeoutMs, m_listener, [this] {
        finishSignIn({ OidcError::Code::Cancelled,
            tr("The sign-in was not completed in the browser in time. Start it again."), QStringLiteral("timeout") });
    });
    Q_EMIT openBrowser(url);
}

void OidcClient::onCallback(const QVariantMap &values)
{
    if (!m_signingIn)
        return;
    if (values.value(QStringLiteral("state")).toString() != m_state) {
        // Not our request (a stale tab, or an attack): ignore, keep waiting for the real answer.
        qCWarning(lcOidc) << "callback with an unknown state ignored";
        return;
    }
    const QString issuer = values.value(QStringLiteral("iss")).toString();
    if (!issuer.isEmpty() && issuer != m_discovery.value(QLatin1String("issuer")).toString()) {
        finishSignIn({ OidcError::Code::Protocol, tr("The sign-in answer came from another server. Try again."),
            QStringLiteral("iss %1").arg(issuer) });
        return;
    }
    const QString error = values.value(QStringLiteral("error")).toString();
    if (!error.isEmpty()) {
        finishSignIn({ error == QLatin1String("access_denied") ? OidcError::Code::Denied : OidcError::Code::Protocol,
            tr("The server refused the sign-in (%1). Try again or ask your administrator.").arg(error),
            values.value(QStringLiteral("error_description")).toString() });
        return;
    }
    exchangeCode(values.value(QStringLiteral("code")).toString());
}

void OidcClient::exchangeCode(const QString &code)
{
    // The listener has done its job; close the port.
    if (m_listener)
        m_listener->deleteLater();
    QNetworkReply *reply = postForm(QUrl(m_discovery.value(QLatin1String("token_endpoint")).toString()),
        formEncode(
            { { QStringLiteral("grant_type"), QStringLiteral("authorization_code") }, { QStringLiteral("code"), code },
                { QStringLiteral("redirect_uri"), m_redirectUri }, { QStringLiteral("client_id"), m_clientId },
                { QStringLiteral("code_verifier"), QString::fromLatin1(m_verifier) } }));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            finishSignIn(errorFrom(reply));
            return;
        }
        const TokenSet tokens = tokensFrom(QJsonDocument::fromJson(reply->readAll()).object());
        const QJsonObject claims = jwtPayload(tokens.idToken);
        const QJsonValue audience = claims.value(QLatin1String("aud"));
        const bool audienceOk
            = audience.isArray() ? audience.toArray().contains(m_clientId) : audience.toString() == m_clientId;
        if (!tokens.isValid() || tokens.refreshToken.isEmpty()
            || claims.value(QLatin1String("iss")).toString() != m_discovery.value(QLatin1String("issuer")).toString()
            || !audienceOk || claims.value(QLatin1String("nonce")).toString() != m_nonce) {
            finishSignIn({ OidcError::Code::Protocol, tr("The server's sign-in answer is not valid. Try again."),
                QStringLiteral("id token checks failed") });
            return;
        }
        finishSignIn({}, tokens, identityFrom(tokens.idToken));
    });
}

void OidcClient::cancel()
{
    if (!m_signingIn)
        return;
    if (m_reply)
        m_reply->abort();
    finishSignIn({ OidcError::Code::Cancelled, tr("Sign-in cancelled."), {} });
}

void OidcClient::finishSignIn(const OidcError &error, const TokenSet &tokens, const Identity &identity)
{
    if (!m_signingIn)
        return;
    m_signingIn = false;
    if (m_listener)
        m_listener->deleteLater();
    crypto::wipe(m_verifier);
    if (error.code != OidcError::Code::None)
        qCInfo(lcOidc) << "sign-in failed:" << error.detail;
    Q_EMIT signInFinished(error, tokens, identity);
}

void OidcClient::refresh(const QByteArray &refreshToken)
{
    discover(
        [this, refreshToken] {
            QNetworkReply *reply = postForm(QUrl(m_discovery.value(QLatin1String("token_endpoint")).toString()),
                formEncode({ { QStringLiteral("grant_type"), QStringLiteral("refresh_token") },
                    { QStringLiteral("refresh_token"), QString::fromLatin1(refreshToken) },
                    { QStringLiteral("client_id"), m_clientId } }));
            connect(reply, &QNetworkReply::finished, this, [this, reply] {
                reply->deleteLater();
                if (reply->error() != QNetworkReply::NoError) {
                    Q_EMIT refreshFinished(errorFrom(reply), {});
                    return;
                }
                const TokenSet tokens = tokensFrom(QJsonDocument::fromJson(reply->readAll()).object());
                if (!tokens.isValid() || tokens.refreshToken.isEmpty()) {
                    Q_EMIT refreshFinished({ OidcError::Code::Protocol, tr("The server's answer is not valid."),
                                               QStringLiteral("no tokens") },
                        {});
                    return;
                }
                Q_EMIT refreshFinished({}, tokens);
            });
        },
        [this](const OidcError &error) { Q_EMIT refreshFinished(error, {}); });
}

void OidcClient::revoke(const QByteArray &refreshToken)
{
    discover(
        [this, refreshToken] {
            QNetworkReply *reply = postForm(QUrl(m_discovery.value(QLatin1String("revocation_endpoint")).toString()),
                formEncode({ { QStringLiteral("token"), QString::fromLatin1(refreshToken) },
                    { QStringLiteral("token_type_hint"), QStringLiteral("refresh_token") },
                    { QStringLiteral("client_id"), m_clientId } }));
            connect(reply, &QNetworkReply::finished, this, [this, reply] {
                reply->deleteLater();
                Q_EMIT revokeFinished(reply->error() == QNetworkReply::NoError ? OidcError {} : errorFrom(reply));
            });
        },
        [this](const OidcError &error) { Q_EMIT revokeFinished(error); });
}

} // namespace mts
