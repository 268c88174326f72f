// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The OpenID Connect provider end to end: the real server process, driven as a browser and a relying party would.
#include "server/core/serverdatabase.h"
#include "server/core/signingkeys.h"
#include "shared/crypto.h"
#include "tests/support/browserdriver.h"
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>
#include <QUuid>

using mts::test::HttpClient;
using mts::test::ServerProcess;

namespace {

const QString desktopClient = QStringLiteral("mattranso-desktop");
const QString demoPassword = QStringLiteral("matranso-demo");

QByteArray base64url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

struct Pkce {
    QByteArray verifier = base64url(mts::crypto::randomBytes(32));
    QByteArray challenge = base64url(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256));
};

struct Flow {
    Pkce pkce;
    QString state = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString nonce = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString redirectUri = QStringLiteral("http://127.0.0.1:53682/callback");
};

QJsonObject decodePart(const QByteArray &jwt, int index)
{
    return QJsonDocument::fromJson(QByteArray::fromBase64(jwt.split('.').value(index), QByteArray::Base64UrlEncoding))
        .object();
}

} // namespace

class tst_Oidc : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HttpClient> m_http;

    QUrl endpoint(const QString &path) const
    {
        QUrl url = m_server->url();
        url.setPath(path);
        return url;
    }

    QUrlQuery authorizationParameters(const Flow &flow, const QString &client = desktopClient) const
    {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
        query.addQueryItem(QStringLiteral("client_id"), client);
        query.addQueryItem(QStringLiteral("redirect_uri"), flow.redirectUri);
        query.addQueryItem(QStringLiteral("scope"), QStringLiteral("openid profile offline_access"));
        query.addQueryItem(QStringLiteral("state"), flow.state);
        query.addQueryItem(QStringLiteral("nonce"), flow.nonce);
        query.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(flow.pkce.challenge));
        query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
        return query;
    }

    /// Opens the sign-in page and posts it back filled in, as a browser does. Returns the server's answer.
    HttpClient::Response signIn(const Flow &flow, const QString &username, const QString &password)
    {
        QUrl url = endpoint(QStringLiteral("/oidc/authorize"));
        url.setQuery(authorizationParameters(flow));
        return mts::test::submitSignInForm(*m_http, url, username, password);
    }

    /// The code from a successful sign-in's redirect, after checking state and iss.
    QString codeFrom(const HttpClient::Response &response, const Flow &flow)
    {
        if (response.status != 302)
            return {};
        const QUrl location(QString::fromUtf8(response.header("Location")));
        const QUrlQuery query(location);
        if (location.adjusted(QUrl::RemoveQuery) != QUrl(flow.redirectUri)
            || query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded) != flow.state
            || query.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded) != m_server->url().toString())
            return {};
        return query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    }

    HttpClient::Response exchange(const Flow &flow, const QString &code, const QByteArray &verifier)
    {
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
        form.addQueryItem(QStringLiteral("code"), code);
        form.addQueryItem(QStringLiteral("redirect_uri"), flow.redirectUri);
        form.addQueryItem(QStringLiteral("client_id"), desktopClient);
        form.addQueryItem(QStringLiteral("code_verifier"), QString::fromLatin1(verifier));
        return m_http->postForm(endpoint(QStringLiteral("/oidc/token")), form);
    }

    HttpClient::Response refresh(const QString &refreshToken)
    {
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
        form.addQueryItem(QStringLiteral("refresh_token"), refreshToken);
        form.addQueryItem(QStringLiteral("client_id"), desktopClient);
        return m_http->postForm(endpoint(QStringLiteral("/oidc/token")), form);
    }

    HttpClient::Response me(const QByteArray &accessToken)
    {
        return m_http->get(endpoint(QStringLiteral("/api/v1/me")), { { "Authorization", "Bearer " + accessToken } });
    }

    /// Signs in as `username` and returns the token response.
    QJsonObject tokensFor(const QString &username)
    {
        Flow flow;
        const QString code = codeFrom(signIn(flow, username, demoPassword), flow);
        if (code.isEmpty())
            return {};
        return exchange(flow, code, flow.pkce.verifier).json();
    }

    /// A token signed with the server's real key, with claims of the test's choosing (the server's own keys are
    /// in its data folder, which the test can read).
    QByteArray forge(const QJsonObject &claims)
    {
        mts::ServerDatabase database(m_server->dataDir() + QStringLiteral("/server.sqlite"));
        if (!database.open())
            return {};
        mts::SigningKeys keys(&database);
        const auto token = keys.sign(mts::JwtAlgorithm::RS256, claims);
        return token ? token.value() : QByteArray();
    }

    QJsonObject validAccessClaims(const QString &sub)
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        return { { QStringLiteral("iss"), m_server->url().toString() }, { QStringLiteral("sub"), sub },
            { QStringLiteral("aud"), QStringLiteral("mattranso-api") }, { QStringLiteral("iat"), now },
            { QStringLiteral("exp"), now + 300 }, { QStringLiteral("jti"), QUuid::createUuid().toString() },
            { QStringLiteral("client_id"), desktopClient } };
    }

    void verifyLogged(const char *event)
    {
        QTRY_VERIFY2_WITH_TIMEOUT(m_server->output().contains(QStringLiteral("auth event ") + QLatin1String(event)),
            qPrintable(QStringLiteral("no log line for ") + QLatin1String(event)), 5000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>(QStringList { QStringLiteral("--demo") });
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_http = std::make_unique<HttpClient>(m_server->certificate());
    }

    void discoveryAndJwks()
    {
        const auto discovery = m_http->get(endpoint(QStringLiteral("/.well-known/openid-configuration")));
        QCOMPARE(discovery.status, 200);
        QVERIFY(discovery.header("Content-Type").startsWith("application/json"));
        const QJsonObject document = discovery.json();
        // OpenID Connect Discovery 1.0 §3: required members, and the issuer exactly as clients reach the server.
        QCOMPARE(document.value(QLatin1String("issuer")).toString(), m_server->url().toString());
        for (const char *member : { "authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint",
                 "revocation_endpoint", "end_session_endpoint" }) {
            const QUrl url(document.value(QLatin1String(member)).toString());
            QVERIFY2(url.scheme() == QLatin1String("https") && url.host() == m_server->url().host(), member);
        }
        for (const char *member :
            { "response_types_supported", "subject_types_supported", "id_token_signing_alg_values_supported" })
            QVERIFY2(document.value(QLatin1String(member)).isArray(), member);
        QVERIFY(document.value(QLatin1String("id_token_signing_alg_values_supported"))
                    .toArray()
                    .contains(QStringLiteral("RS256")));
        QCOMPARE(document.value(QLatin1String("code_challenge_methods_supported")).toArray(),
            QJsonArray { QStringLiteral("S256") });

        const auto jwks = m_http->get(QUrl(document.value(QLatin1String("jwks_uri")).toString()));
        QCOMPARE(jwks.status, 200);
        const QJsonArray keys = jwks.json().value(QLatin1String("keys")).toArray();
        QVERIFY(keys.size() >= 2);
        QSet<QString> types;
        for (const QJsonValue &value : keys) {
            const QJsonObject key = value.toObject();
            types.insert(key.value(QLatin1String("kty")).toString());
            QVERIFY(!key.value(QLatin1String("kid")).toString().isEmpty());
            QCOMPARE(key.value(QLatin1String("use")).toString(), QStringLiteral("sig"));
            // RFC 7517/7518: public members only.
            for (const char *secret : { "d", "p", "q", "dp", "dq", "qi" })
                QVERIFY2(!key.contains(QLatin1String(secret)), secret);
        }
        QVERIFY(types.contains(QStringLiteral("RSA")));
        QVERIFY(types.contains(QStringLiteral("OKP")));
    }

    void codeFlowWithPkce()
    {
        Flow flow;
        const auto signedIn = signIn(flow, QStringLiteral("canbo.hoankiem"), demoPassword);
        QCOMPARE(signedIn.status, 302);
        QVERIFY(signedIn.header("Set-Cookie").contains("HttpOnly"));
        const QString code = codeFrom(signedIn, flow);
        QVERIFY(!code.isEmpty());
        verifyLogged("sign_in");

        const auto tokens = exchange(flow, code, flow.pkce.verifier);
        QCOMPARE(tokens.status, 200);
        QCOMPARE(tokens.header("Cache-Control"), QByteArray("no-store"));
        const QJsonObject body = tokens.json();
        QCOMPARE(body.value(QLatin1String("token_type")).toString(), QStringLiteral("Bearer"));
        const QByteArray access = body.value(QLatin1String("access_token")).toString().toLatin1();
        const QByteArray idToken = body.value(QLatin1String("id_token")).toString().toLatin1();
        QVERIFY(!body.value(QLatin1String("refresh_token")).toString().isEmpty());
        const QJsonObject idClaims = decodePart(idToken, 1);
        QCOMPARE(idClaims.value(QLatin1String("aud")).toString(), desktopClient);
        QCOMPARE(idClaims.value(QLatin1String("nonce")).toString(), flow.nonce);
        QCOMPARE(idClaims.value(QLatin1String("iss")).toString(), m_server->url().toString());
        QCOMPARE(decodePart(idToken, 0).value(QLatin1String("alg")).toString(), QStringLiteral("RS256"));

        // A protected route, with and without the token.
        const auto who = me(access);
        QCOMPARE(who.status, 200);
        QCOMPARE(who.json().value(QLatin1String("username")).toString(), QStringLiteral("canbo.hoankiem"));
        QCOMPARE(who.json().value(QLatin1String("role")).toString(), QStringLiteral("commune_cadre"));
        QCOMPARE(who.json().value(QLatin1String("unit")).toString(), QStringLiteral("C:00070"));
        QCOMPARE(me({}).status, 401);
        const auto info
            = m_http->get(endpoint(QStringLiteral("/oidc/userinfo")), { { "Authorization", "Bearer " + access } });
        QCOMPARE(info.status, 200);
        QCOMPARE(info.json().value(QLatin1String("sub")).toString(), idClaims.value(QLatin1String("sub")).toString());
        QCOMPARE(info.json().value(QLatin1String("name")).toString(), QStringLiteral("Nguyễn Thị Hoa"));

        // Refresh: a new pair, and the new access token works.
        const auto refreshed = refresh(body.value(QLatin1String("refresh_token")).toString());
        QCOMPARE(refreshed.status, 200);
        const QString successor = refreshed.json().value(QLatin1String("refresh_token")).toString();
        QVERIFY(!successor.isEmpty());
        QVERIFY(successor != body.value(QLatin1String("refresh_token")).toString());
        QCOMPARE(me(refreshed.json().value(QLatin1String("access_token")).toString().toLatin1()).status, 200);

        // Revocation of the refresh token ends the chain; of the access token, the token.
        QUrlQuery revoke;
        revoke.addQueryItem(QStringLiteral("token"), successor);
        revoke.addQueryItem(QStringLiteral("client_id"), desktopClient);
        QCOMPARE(m_http->postForm(endpoint(QStringLiteral("/oidc/revoke")), revoke).status, 200);
        const auto afterRevoke = refresh(successor);
        QCOMPARE(afterRevoke.status, 400);
        QCOMPARE(afterRevoke.json().value(QLatin1String("error")).toString(), QStringLiteral("invalid_grant"));
        QUrlQuery revokeAccess;
        revokeAccess.addQueryItem(QStringLiteral("token"), QString::fromLatin1(access));
        revokeAccess.addQueryItem(QStringLiteral("token_type_hint"), QStringLiteral("access_token"));
        revokeAccess.addQueryItem(QStringLiteral("client_id"), desktopClient);
        QCOMPARE(m_http->postForm(endpoint(QStringLiteral("/oidc/revoke")), revokeAccess).status, 200);
        QCOMPARE(me(access).status, 401);
    }

    void singleSignOnAndEndSession()
    {
        Flow first;
        const auto signedIn = signIn(first, QStringLiteral("tinh.hanoi"), demoPassword);
        QCOMPARE(signedIn.status, 302);
        const QByteArray cookie = signedIn.header("Set-Cookie").split(';').first();
        // The same browser asks again (another Front application): no password, straight to a code.
        Flow second;
        QUrl url = endpoint(QStringLiteral("/oidc/authorize"));
        url.setQuery(authorizationParameters(second));
        const auto again = m_http->get(url, { { "Cookie", cookie } });
        QCOMPARE(again.status, 302);
        const QString code = codeFrom(again, second);
        QVERIFY(!code.isEmpty());
        const auto tokens = exchange(second, code, second.pkce.verifier);
        QCOMPARE(tokens.status, 200);
        QCOMPARE(me(tokens.json().value(QLatin1String("access_token")).toString().toLatin1())
                     .json()
                     .value(QLatin1String("role"))
                     .toString(),
            QStringLiteral("provincial_staff"));

        // End-session: back to the registered post-logout URI with state, and the session is over.
        QUrl logout = endpoint(QStringLiteral("/oidc/logout"));
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("id_token_hint"), tokens.json().value(QLatin1String("id_token")).toString());
        query.addQueryItem(
            QStringLiteral("post_logout_redirect_uri"), QStringLiteral("http://127.0.0.1:53682/callback"));
        query.addQueryItem(QStringLiteral("state"), QStringLiteral("bye"));
        logout.setQuery(query);
        const auto ended = m_http->get(logout, { { "Cookie", cookie } });
        QCOMPARE(ended.status, 302);
        QCOMPARE(QUrlQuery(QUrl(QString::fromUtf8(ended.header("Location")))).queryItemValue(QStringLiteral("state")),
            QStringLiteral("bye"));
        const auto afterLogout = m_http->get(url, { { "Cookie", cookie } });
        QCOMPARE(afterLogout.status, 200); // the sign-in page again
        QVERIFY(afterLogout.body.contains("password"));
    }

    void wrongCredentials_data()
    {
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("password");
        QTest::newRow("wrong password") << QStringLiteral("canbo.badinh") << QStringLiteral("not-the-password");
        QTest::newRow("unknown user") << QStringLiteral("khong.ton.tai") << demoPassword;
    }

    void wrongCredentials()
    {
        QFETCH(QString, username);
        QFETCH(QString, password);
        Flow flow;
        const auto answer = signIn(flow, username, password);
        QCOMPARE(answer.status, 401);
        QVERIFY(answer.header("Location").isEmpty());
        QVERIFY(QString::fromUtf8(answer.body).contains(QStringLiteral("Tên đăng nhập hoặc mật khẩu không đúng")));
        // The page keeps the request so the user can try again.
        QVERIFY(answer.body.contains(flow.pkce.challenge));
        verifyLogged("sign_in_failed");
    }

    void disabledUser()
    {
        const auto disabled
            = m_server->admin({ QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("tinh.hcm") });
        QVERIFY2(disabled.exitCode == 0, qPrintable(disabled.err));
        Flow flow;
        const auto answer = signIn(flow, QStringLiteral("tinh.hcm"), demoPassword);
        QCOMPARE(answer.status, 403);
        QVERIFY(QString::fromUtf8(answer.body).contains(QStringLiteral("đã bị khóa")));
        verifyLogged("sign_in_disabled");
    }

    void tokenTampering_data()
    {
        QTest::addColumn<int>("variant");
        QTest::newRow("tampered signature") << 0;
        QTest::newRow("tampered payload") << 1;
        QTest::newRow("alg none") << 2;
        QTest::newRow("wrong audience") << 3;
        QTest::newRow("wrong issuer") << 4;
        QTest::newRow("expired") << 5;
        QTest::newRow("id token as access token") << 6;
    }

    void tokenTampering()
    {
        QFETCH(int, variant);
        const QJsonObject tokens = tokensFor(QStringLiteral("chutich.hoankiem"));
        const QByteArray access = tokens.value(QLatin1String("access_token")).toString().toLatin1();
        QVERIFY(!access.isEmpty());
        QCOMPARE(me(access).status, 200); // the untouched token works
        const QString sub = decodePart(access, 1).value(QLatin1String("sub")).toString();
        QByteArray bad;
        QJsonObject claims = validAccessClaims(sub);
        switch (variant) {
        case 0: {
            QList<QByteArray> parts = access.split('.');
            QByteArray signature = QByteArray::fromBase64(parts[2], QByteArray::Base64UrlEncoding);
            signature[10] = char(signature[10] ^ 0x01);
            parts[2] = base64url(signature);
            bad = parts.join('.');
            break;
        }
        case 1: {
            QList<QByteArray> parts = access.split('.');
            QJsonObject payload = decodePart(access, 1);
            payload.insert(QStringLiteral("mts_role"), QStringLiteral("central_admin"));
            parts[1] = base64url(QJsonDocument(payload).toJson(QJsonDocument::Compact));
            bad = parts.join('.');
            break;
        }
        case 2:
            bad = base64url(R"({"alg":"none","typ":"JWT"})") + '.' + access.split('.')[1] + '.';
            break;
        case 3:
            claims.insert(QStringLiteral("aud"), QStringLiteral("some-other-api"));
            bad = forge(claims);
            break;
        case 4:
            claims.insert(QStringLiteral("iss"), QStringLiteral("https://attacker.example"));
            bad = forge(claims);
            break;
        case 5:
            claims.insert(QStringLiteral("iat"), QDateTime::currentSecsSinceEpoch() - 7200);
            claims.insert(QStringLiteral("exp"), QDateTime::currentSecsSinceEpoch() - 3600);
            bad = forge(claims);
            break;
        case 6:
            bad = tokens.value(QLatin1String("id_token")).toString().toLatin1();
            break;
        }
        QVERIFY(!bad.isEmpty());
        const auto answer = me(bad);
        QCOMPARE(answer.status, 401);
        QVERIFY(answer.header("WWW-Authenticate").contains("invalid_token"));
        const auto info
            = m_http->get(endpoint(QStringLiteral("/oidc/userinfo")), { { "Authorization", "Bearer " + bad } });
        QCOMPARE(info.status, 401);
        QCOMPARE(info.json().value(QLatin1String("error")).toString(), QStringLiteral("invalid_token"));
        QTRY_VERIFY_WITH_TIMEOUT(m_server->output().contains(QStringLiteral("access token refused")), 5000);
    }

    void pkceMismatch()
    {
        Flow flow;
        const QString code = codeFrom(signIn(flow, QStringLiteral("canbo.saigon"), demoPassword), flow);
        QVERIFY(!code.isEmpty());
        const auto answer = exchange(flow, code, Pkce().verifier);
        QCOMPARE(answer.status, 400);
        QCOMPARE(answer.json().value(QLatin1String("error")).toString(), QStringLiteral("invalid_grant"));
        verifyLogged("pkce_mismatch");
        // Without PKCE the authorization request itself is refused (redirected with the error).
        QUrlQuery params = authorizationParameters(flow);
        params.removeAllQueryItems(QStringLiteral("code_challenge"));
        QUrl url = endpoint(QStringLiteral("/oidc/authorize"));
        url.setQuery(params);
        const auto refused = m_http->get(url);
        QCOMPARE(refused.status, 302);
        QCOMPARE(QUrlQuery(QUrl(QString::fromUtf8(refused.header("Location")))).queryItemValue(QStringLiteral("error")),
            QStringLiteral("invalid_request"));
    }

    void codeReplay()
    {
        Flow flow;
        const QString code = codeFrom(signIn(flow, QStringLiteral("canbo.hoankiem"), demoPassword), flow);
        const auto first = exchange(flow, code, flow.pkce.verifier);
        QCOMPARE(first.status, 200);
        const auto second = exchange(flow, code, flow.pkce.verifier);
        QCOMPARE(second.status, 400);
        QCOMPARE(second.json().value(QLatin1String("error")).toString(), QStringLiteral("invalid_grant"));
        verifyLogged("code_replayed");
        // What the first exchange issued is revoked.
        QCOMPARE(refresh(first.json().value(QLatin1String("refresh_token")).toString()).status, 400);
    }

    void redirectUriMismatch()
    {
        // At the authorization endpoint: an unregistered redirect is never followed.
        Flow flow;
        flow.redirectUri = QStringLiteral("https://attacker.example/callback");
        QUrl url = endpoint(QStringLiteral("/oidc/authorize"));
        url.setQuery(authorizationParameters(flow));
        const auto page = m_http->get(url);
        QCOMPARE(page.status, 400);
        QVERIFY(page.header("Location").isEmpty());
        QVERIFY(QString::fromUtf8(page.body).contains(QStringLiteral("Không thể đăng nhập")));
        // At the token endpoint: the redirect_uri must be the one the code was issued for.
        Flow good;
        const QString code = codeFrom(signIn(good, QStringLiteral("canbo.hoankiem"), demoPassword), good);
        QVERIFY(!code.isEmpty());
        Flow other = good;
        other.redirectUri = QStringLiteral("http://127.0.0.1:9/callback");
        const auto answer = exchange(other, code, good.pkce.verifier);
        QCOMPARE(answer.status, 400);
        QCOMPARE(answer.json().value(QLatin1String("error")).toString(), QStringLiteral("invalid_grant"));
        verifyLogged("redirect_uri_mismatch");
    }

    void refreshWithinGraceKeepsTheChain()
    {
        const QJsonObject tokens = tokensFor(QStringLiteral("canbo.badinh"));
        const QString first = tokens.value(QLatin1String("refresh_token")).toString();
        QVERIFY(!first.isEmpty());
        const auto a = refresh(first);
        const auto b = refresh(first); // the answer to `a` was "lost": the client tries again
        QCOMPARE(a.status, 200);
        QCOMPARE(b.status, 200);
        const QString successor = a.json().value(QLatin1String("refresh_token")).toString();
        QCOMPARE(b.json().value(QLatin1String("refresh_token")).toString(), successor);
        // The chain lives on.
        QCOMPARE(refresh(successor).status, 200);
    }

    void unknownClientAndGrant()
    {
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
        form.addQueryItem(QStringLiteral("client_id"), QStringLiteral("no-such-client"));
        form.addQueryItem(QStringLiteral("code"), QStringLiteral("x"));
        const auto answer = m_http->postForm(endpoint(QStringLiteral("/oidc/token")), form);
        QCOMPARE(answer.status, 401);
        QCOMPARE(answer.json().value(QLatin1String("error")).toString(), QStringLiteral("invalid_client"));
        form.removeAllQueryItems(QStringLiteral("client_id"));
        form.addQueryItem(QStringLiteral("client_id"), desktopClient);
        form.removeAllQueryItems(QStringLiteral("grant_type"));
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("password"));
        const auto grant = m_http->postForm(endpoint(QStringLiteral("/oidc/token")), form);
        QCOMPARE(grant.status, 400);
        QCOMPARE(grant.json().value(QLatin1String("error")).toString(), QStringLiteral("unsupported_grant_type"));
    }

    void passwordCheck()
    {
        const QByteArray access
            = tokensFor(QStringLiteral("canbo.saigon")).value(QLatin1String("access_token")).toString().toLatin1();
        const QUrl url = endpoint(QStringLiteral("/api/v1/me/password-check"));
        const QList<QPair<QByteArray, QByteArray>> auth { { "Authorization", "Bearer " + access } };
        QCOMPARE(m_http->postJson(url, { { QStringLiteral("password"), demoPassword } }, auth).status, 200);
        const auto wrong
            = m_http->postJson(url, { { QStringLiteral("password"), QStringLiteral("sai-mat-khau") } }, auth);
        QCOMPARE(wrong.status, 403);
        QCOMPARE(wrong.json().value(QLatin1String("code")).toString(), QStringLiteral("wrong_password"));
        verifyLogged("password_check_failed");
        QCOMPARE(m_http->postJson(url, { { QStringLiteral("pass"), 1 } }, auth).status, 400);
        QCOMPARE(m_http->postJson(url, { { QStringLiteral("password"), demoPassword } }).status, 401);
    }

    void keyRotation()
    {
        // A token issued before the rotation stays valid; new tokens carry the new key; both are published.
        const QByteArray before
            = tokensFor(QStringLiteral("canbo.hoankiem")).value(QLatin1String("access_token")).toString().toLatin1();
        const QString oldKid = decodePart(before, 0).value(QLatin1String("kid")).toString();
        const auto rotated = m_server->admin(
            { QStringLiteral("keys"), QStringLiteral("rotate"), QStringLiteral("--alg"), QStringLiteral("RS256") });
        QVERIFY2(rotated.exitCode == 0, qPrintable(rotated.err));
        QCOMPARE(me(before).status, 200);
        const QByteArray after
            = tokensFor(QStringLiteral("canbo.hoankiem")).value(QLatin1String("access_token")).toString().toLatin1();
        const QString newKid = decodePart(after, 0).value(QLatin1String("kid")).toString();
        QVERIFY(!newKid.isEmpty() && newKid != oldKid);
        QCOMPARE(me(after).status, 200);
        QStringList published;
        for (const QJsonValue &key :
            m_http->get(endpoint(QStringLiteral("/oidc/jwks"))).json().value(QLatin1String("keys")).toArray())
            published.append(key.toObject().value(QLatin1String("kid")).toString());
        QVERIFY(published.contains(oldKid));
        QVERIFY(published.contains(newKid));
    }

    void cleanupTestCase() { QCOMPARE(m_server->terminate(), 0); }
};

QTEST_GUILESS_MAIN(tst_Oidc)
#include "tst_oidc.moc"
