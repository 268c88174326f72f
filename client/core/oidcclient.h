// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/serverconnection.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

class QNetworkReply;
class QOAuthHttpServerReplyHandler;

namespace mts {

/// The tokens of a signed-in account. The access token lives in memory only; the refresh token goes to the OS
/// keychain (or the encrypted vault).
struct TokenSet {
    QByteArray accessToken;
    QByteArray refreshToken;
    QByteArray idToken;
    QDateTime accessExpiresAt;

    bool isValid() const { return !accessToken.isEmpty(); }
    /// Whether the access token expires within `marginSeconds` (refresh before a batch, not after a 401).
    bool expiresWithin(qint64 marginSeconds, const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
};

/// Who signed in, from the ID token (and the server's account as it was then).
struct Identity {
    QString subject;
    QString username;
    QString displayName;
    QString role;
    QString unit;
};

/// Why a sign-in, refresh or revocation failed. `message` is translated and tells the user what to do.
struct OidcError {
    enum class Code {
        None,
        Network, ///< no connection or TLS failure: work offline and retry later
        Cancelled, ///< the user closed the browser, or the job was aborted
        Denied, ///< the server refused (access_denied, invalid_grant): sign in again
        Protocol, ///< the answer broke the protocol (state, issuer, nonce, malformed tokens)
        Server, ///< 5xx: retry later
    };
    Code code = Code::None;
    QString message;
    QString detail;
};

/// The desktop's OpenID Connect relying party (RFC 6749, RFC 7636 PKCE S256, RFC 8252 loopback redirect,
/// RFC 9207 iss check, RFC 7009 revocation).
///
/// QtNetworkAuth 6.4 supplies the loopback listener (bound to 127.0.0.1 only: its port-only constructor listens on
/// all interfaces). Its flow class is not used for the requests themselves: in 6.4 it cannot carry a per-request
/// TLS configuration, and commune servers are trusted by a pinned certificate, so discovery, code exchange,
/// refresh and revocation go through ServerConnection like every other request.
class OidcClient : public QObject {
    Q_OBJECT
public:
    OidcClient(ServerConnection connection, QString clientId, QObject *parent = nullptr);
    ~OidcClient() override;

    /// Starts an interactive sign-in: discovery, a loopback listener, then `openBrowser` with the authorization
    /// URL. Ends with exactly one `signInFinished`. `prompt` "login" forces the password page.
    void signIn(const QString &prompt = {});
    /// Signs in headless with a user name and password (mattranso-cli login): posts the server's own sign-in form,
    /// as a browser would, with PKCE, and takes the code from the redirect without a listener. Ends with exactly
    /// one `signInFinished`. A wrong password ends with Denied.
    void signInWithPassword(const QString &username, const QString &password);
    /// Stops a sign-in in progress; `signInFinished` reports Cancelled.
    void cancel();

    /// Exchanges a refresh token for new tokens; ends with `refreshFinished`. A lost answer may be retried with the
    /// same token: the server returns the same successor within its grace window.
    void refresh(const QByteArray &refreshToken);
    /// Revokes the refresh token (and with it the whole chain) at sign-out; ends with `revokeFinished`.
    void revoke(const QByteArray &refreshToken);

    /// Decodes the identity claims of an ID token. The token came straight from the token endpoint over
    /// verified TLS, which OpenID Connect Core §3.1.3.7 accepts in place of checking its signature.
    static Identity identityFrom(const QByteArray &idToken);

Q_SIGNALS:
    /// Open this URL in the system browser (the UI uses QDesktopServices; tests drive it themselves).
    void openBrowser(const QUrl &url);
    void signInFinished(const mts::OidcError &error, const mts::TokenSet &tokens, const mts::Identity &identity);
    void refreshFinished(const mts::OidcError &error, const mts::TokenSet &tokens);
    void revokeFinished(const mts::OidcError &error);

private:
    void discover(std::function<void()> next, std::function<void(const OidcError &)> fail);
    QUrlQuery authorizationQuery(const QString &prompt);
    void startAuthorization(const QString &prompt);
    void onCallback(const QVariantMap &values);
    void exchangeCode(const QString &code);
    void finishSignIn(const OidcError &error, const TokenSet &tokens = {}, const Identity &identity = {});
    QNetworkReply *postForm(const QUrl &url, const QByteArray &body);
    OidcError errorFrom(QNetworkReply *reply) const;
    static TokenSet tokensFrom(const QJsonObject &body);

    ServerConnection m_connection;
    QString m_clientId;
    QJsonObject m_discovery;
    QPointer<QOAuthHttpServerReplyHandler> m_listener;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_verifier;
    QString m_state;
    QString m_nonce;
    QString m_redirectUri;
    bool m_signingIn = false;
};

} // namespace mts
