// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The provider's time-dependent rules, with a clock the test moves: refresh grace window, chain revocation on
// reuse, code and session expiry, sign-in throttling.
#include "server/core/demodata.h"
#include "server/core/loginthrottle.h"
#include "server/core/oidcprovider.h"
#include "server/core/serverdatabase.h"
#include "server/core/signingkeys.h"
#include "server/core/userdirectory.h"
#include "shared/crypto.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace mts;

namespace {
QByteArray base64url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}
} // namespace

class tst_OidcProvider : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<ServerDatabase> m_database;
    std::unique_ptr<UserDirectory> m_users;
    std::unique_ptr<SigningKeys> m_keys;
    std::unique_ptr<LoginThrottle> m_throttle;
    std::unique_ptr<OidcProvider> m_provider;
    qint64 m_now = 1'800'000'000;
    int m_counter = 0;
    QByteArray m_verifier;

    AuthorizationRequest request()
    {
        m_verifier = base64url(crypto::randomBytes(32));
        AuthorizationRequest r;
        r.clientId = OidcProvider::desktopClientId();
        r.redirectUri = QStringLiteral("http://127.0.0.1:4000/callback");
        r.responseType = QStringLiteral("code");
        r.scope = QStringLiteral("openid offline_access");
        r.state = QStringLiteral("s");
        r.codeChallenge
            = QString::fromLatin1(base64url(QCryptographicHash::hash(m_verifier, QCryptographicHash::Sha256)));
        r.codeChallengeMethod = QStringLiteral("S256");
        return r;
    }

    QUrlQuery codeForm(const AuthorizationRequest &r, const QString &code)
    {
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
        form.addQueryItem(QStringLiteral("client_id"), r.clientId);
        form.addQueryItem(QStringLiteral("redirect_uri"), r.redirectUri);
        form.addQueryItem(QStringLiteral("code"), code);
        form.addQueryItem(QStringLiteral("code_verifier"), QString::fromLatin1(m_verifier));
        return form;
    }

    QUrlQuery refreshForm(const QString &token)
    {
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
        form.addQueryItem(QStringLiteral("client_id"), OidcProvider::desktopClientId());
        form.addQueryItem(QStringLiteral("refresh_token"), token);
        return form;
    }

    /// Signs in and exchanges the code; returns the token response.
    QJsonObject signedIn(const QString &username = QStringLiteral("canbo.hoankiem"))
    {
        const AuthorizationRequest r = request();
        const auto result = m_provider->signIn(r, username, DemoData::demoPassword(), QStringLiteral("10.0.0.1"));
        if (!result)
            return {};
        const QString code = QUrlQuery(result.value().redirect).queryItemValue(QStringLiteral("code"));
        const auto tokens = m_provider->token(codeForm(r, code), {}, QStringLiteral("10.0.0.1"));
        return tokens ? tokens.value() : QJsonObject();
    }

    int liveTokensInChainOf(const QString &refreshToken)
    {
        QSqlQuery query(m_database->connection());
        query.prepare(QStringLiteral("SELECT count(*) FROM refresh_tokens WHERE revoked_at IS NULL AND chain_id = "
                                     "(SELECT chain_id FROM refresh_tokens WHERE token_hash = ?)"));
        query.addBindValue(crypto::blake2b(refreshToken.toLatin1(), 32));
        query.exec();
        query.next();
        return query.value(0).toInt();
    }

private Q_SLOTS:
    void init()
    {
        m_provider.reset();
        m_keys.reset();
        m_users.reset();
        m_database
            = std::make_unique<ServerDatabase>(m_dir.filePath(QString::number(++m_counter) + QStringLiteral(".db")));
        QVERIFY(m_database->open().isOk());
        QSqlDatabase db = m_database->connection();
        QVERIFY(DemoData::seed(db).isOk());
        m_users = std::make_unique<UserDirectory>(m_database.get(), crypto::PasswordCost::minimum());
        QVERIFY(DemoData::seedAccounts(*m_users).isOk());
        m_keys = std::make_unique<SigningKeys>(m_database.get());
        QVERIFY(m_keys->ensureKeys().isOk());
        m_throttle = std::make_unique<LoginThrottle>(LoginLimits { 3, 10, 600 }, [this] { return m_now; });
        OidcSettings settings;
        settings.issuer = QStringLiteral("https://mts.test");
        settings.refreshGraceSeconds = 60;
        m_provider = std::make_unique<OidcProvider>(
            m_database.get(), m_users.get(), m_keys.get(), m_throttle.get(), settings, [this] { return m_now; });
        QVERIFY(m_provider->ensureDesktopClient().isOk());
    }

    void refreshGraceWindow()
    {
        const QString first = signedIn().value(QLatin1String("refresh_token")).toString();
        QVERIFY(!first.isEmpty());
        const auto a = m_provider->token(refreshForm(first), {}, {});
        QVERIFY(a.isOk());
        m_now += 59; // still within the window
        const auto b = m_provider->token(refreshForm(first), {}, {});
        QVERIFY(b.isOk());
        const QString successor = a.value().value(QLatin1String("refresh_token")).toString();
        QCOMPARE(b.value().value(QLatin1String("refresh_token")).toString(), successor);
        QCOMPARE(liveTokensInChainOf(successor), 2);
        // The successor keeps working and the chain goes on.
        const auto c = m_provider->token(refreshForm(successor), {}, {});
        QVERIFY(c.isOk());
        QCOMPARE(liveTokensInChainOf(successor), 3);
    }

    void reuseAfterGraceRevokesTheChain()
    {
        const QString first = signedIn().value(QLatin1String("refresh_token")).toString();
        const auto a = m_provider->token(refreshForm(first), {}, {});
        QVERIFY(a.isOk());
        const QString successor = a.value().value(QLatin1String("refresh_token")).toString();
        m_now += 61; // past the window: whoever presents `first` now holds a stolen copy
        const auto reuse = m_provider->token(refreshForm(first), {}, {});
        QVERIFY(!reuse.isOk());
        QCOMPARE(reuse.error().code.error, QStringLiteral("invalid_grant"));
        QCOMPARE(liveTokensInChainOf(successor), 0);
        // The legitimate holder of the successor is signed out too.
        const auto legitimate = m_provider->token(refreshForm(successor), {}, {});
        QVERIFY(!legitimate.isOk());
        QCOMPARE(legitimate.error().code.error, QStringLiteral("invalid_grant"));
        // Another session of the same user is untouched.
        const QString other = signedIn().value(QLatin1String("refresh_token")).toString();
        QVERIFY(m_provider->token(refreshForm(other), {}, {}).isOk());
    }

    void refreshTokenExpires()
    {
        const QString token = signedIn().value(QLatin1String("refresh_token")).toString();
        m_now += m_provider->settings().refreshTokenSeconds + 1;
        QCOMPARE(m_provider->token(refreshForm(token), {}, {}).error().code.error, QStringLiteral("invalid_grant"));
    }

    void codeExpires()
    {
        const AuthorizationRequest r = request();
        const auto result = m_provider->signIn(r, QStringLiteral("canbo.hoankiem"), DemoData::demoPassword(), {});
        QVERIFY(result.isOk());
        m_now += m_provider->settings().codeSeconds + 1;
        const QString code = QUrlQuery(result.value().redirect).queryItemValue(QStringLiteral("code"));
        QCOMPARE(m_provider->token(codeForm(r, code), {}, {}).error().code.error, QStringLiteral("invalid_grant"));
    }

    void signInThrottled()
    {
        const AuthorizationRequest r = request();
        for (int i = 0; i < 3; ++i) {
            const auto failed = m_provider->signIn(
                r, QStringLiteral("canbo.hoankiem"), QStringLiteral("wrong-password"), QStringLiteral("10.0.0.9"));
            QCOMPARE(failed.error().code.failure, OidcProvider::SignInFailure::WrongCredentials);
        }
        // Even the right password is refused while the account is throttled.
        const auto throttled = m_provider->signIn(
            r, QStringLiteral("canbo.hoankiem"), DemoData::demoPassword(), QStringLiteral("10.0.0.9"));
        QCOMPARE(throttled.error().code.failure, OidcProvider::SignInFailure::Throttled);
        QCOMPARE(throttled.error().code.retryAfterSeconds, qint64(600));
        m_now += 600;
        QVERIFY(m_provider
                    ->signIn(r, QStringLiteral("canbo.hoankiem"), DemoData::demoPassword(), QStringLiteral("10.0.0.9"))
                    .isOk());
        // Every failure is in the audit table.
        QSqlQuery query(m_database->connection());
        QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM auth_events WHERE event = 'sign_in_failed'")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 3);
    }

    void sessionExpiresAndEnds()
    {
        const AuthorizationRequest r = request();
        const auto result = m_provider->signIn(r, QStringLiteral("tinh.hanoi"), DemoData::demoPassword(), {});
        QVERIFY(result.isOk());
        const QByteArray session = result.value().sessionId;
        QVERIFY(m_provider->authorizeWithSession(request(), session).has_value());
        AuthorizationRequest forced = request();
        forced.prompt = QStringLiteral("login");
        QVERIFY(!m_provider->authorizeWithSession(forced, session).has_value());
        m_now += m_provider->settings().sessionSeconds + 1;
        QVERIFY(!m_provider->authorizeWithSession(request(), session).has_value());
    }

    void confidentialClient()
    {
        const auto secret = m_provider->addClient(QStringLiteral("pakn-web"), QStringLiteral("Cổng phản ánh"),
            { QStringLiteral("https://pakn.example.vn/callback") }, QStringLiteral("EdDSA"));
        QVERIFY(secret.isOk());
        AuthorizationRequest r = request();
        r.clientId = QStringLiteral("pakn-web");
        r.redirectUri = QStringLiteral("https://pakn.example.vn/callback");
        const auto result = m_provider->signIn(r, QStringLiteral("kiemtra"), DemoData::demoPassword(), {});
        QVERIFY(result.isOk());
        const QString code = QUrlQuery(result.value().redirect).queryItemValue(QStringLiteral("code"));
        // Without the secret: invalid_client.
        const auto withoutSecret = m_provider->token(codeForm(r, code), {}, {});
        QCOMPARE(withoutSecret.error().code.error, QStringLiteral("invalid_client"));
        QCOMPARE(withoutSecret.error().code.status, 401);
        // With HTTP Basic: tokens signed with EdDSA, as configured for this client.
        const QByteArray basic = "Basic " + QByteArray(QByteArray("pakn-web:") + secret.value()).toBase64();
        const auto tokens = m_provider->token(codeForm(r, code), basic, {});
        QVERIFY2(tokens.isOk(), qPrintable(tokens.isOk() ? QString() : tokens.error().code.description));
        const QByteArray idToken = tokens.value().value(QLatin1String("id_token")).toString().toLatin1();
        const QByteArray header = QByteArray::fromBase64(idToken.split('.').first(), QByteArray::Base64UrlEncoding);
        QVERIFY(header.contains("\"EdDSA\""));
        const auto principal = m_provider->authenticate(
            "Bearer " + tokens.value().value(QLatin1String("access_token")).toString().toLatin1());
        QVERIFY(principal.isOk());
        QCOMPARE(principal.value().role, Role::Auditor);
        // Bad client registrations are refused.
        QVERIFY(
            !m_provider->addClient(QStringLiteral("x"), {}, { QStringLiteral("https://a/") }, QStringLiteral("RS256")));
        QVERIFY(!m_provider->addClient(
            QStringLiteral("webapp"), {}, { QStringLiteral("http://example.org/cb") }, QStringLiteral("RS256")));
        QVERIFY(!m_provider->addClient(
            QStringLiteral("webapp"), {}, { QStringLiteral("https://a/cb") }, QStringLiteral("HS256")));
    }

    void roleChangesApplyToLiveTokens()
    {
        const QJsonObject tokens = signedIn(QStringLiteral("canbo.badinh"));
        const QByteArray bearer = "Bearer " + tokens.value(QLatin1String("access_token")).toString().toLatin1();
        QCOMPARE(m_provider->authenticate(bearer).value().unit, Scope::commune(QStringLiteral("00004")));
        // The cadre moves to another commune: the next request already carries the new unit.
        QVERIFY(
            m_users->setRole(
                       QStringLiteral("canbo.badinh"), Role::CommuneCadre, Scope::commune(QStringLiteral("00070")))
                .isOk());
        QCOMPARE(m_provider->authenticate(bearer).value().unit, Scope::commune(QStringLiteral("00070")));
        QVERIFY(m_users->setDisabled(QStringLiteral("canbo.badinh"), true).isOk());
        QVERIFY(!m_provider->authenticate(bearer).isOk());
        // Nor can it refresh; and the refused attempt does not spend the token: enabled again, it works.
        const QString refreshToken = tokens.value(QLatin1String("refresh_token")).toString();
        QCOMPARE(
            m_provider->token(refreshForm(refreshToken), {}, {}).error().code.error, QStringLiteral("invalid_grant"));
        m_now += 61; // past the grace window: a spent token would now revoke the chain
        QVERIFY(m_users->setDisabled(QStringLiteral("canbo.badinh"), false).isOk());
        QVERIFY(m_provider->token(refreshForm(refreshToken), {}, {}).isOk());
    }
};

QTEST_GUILESS_MAIN(tst_OidcProvider)
#include "tst_oidcprovider.moc"
