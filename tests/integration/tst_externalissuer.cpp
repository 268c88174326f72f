// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// External issuer mode: one real server trusts the tokens of another real server acting as the external OpenID
// Connect issuer (the role Keycloak plays today and VNeID later).
#include "client/core/oidcclient.h"
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mts;
using mts::test::HttpClient;
using mts::test::ServerProcess;

class tst_ExternalIssuer : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_issuer;
    std::unique_ptr<ServerProcess> m_stranger;
    std::unique_ptr<ServerProcess> m_api;
    QNetworkAccessManager m_network;

    QByteArray accessTokenFrom(ServerProcess &server, const QString &username)
    {
        OidcClient client(ServerConnection(&m_network, server.url(), ServerCertificatePin(server.certificate())),
            QStringLiteral("mattranso-desktop"));
        QSignalSpy finished(&client, &OidcClient::signInFinished);
        client.signInWithPassword(username, QStringLiteral("matranso-demo"));
        if (!finished.wait(30000))
            return {};
        return finished.at(0).at(1).value<TokenSet>().accessToken;
    }

    int meStatus(const QByteArray &token, QJsonObject *body = nullptr)
    {
        HttpClient http(m_api->certificate());
        const auto answer = http.get(
            QUrl(m_api->url().toString() + QStringLiteral("/api/v1/me")), { { "Authorization", "Bearer " + token } });
        if (body)
            *body = answer.json();
        return answer.status;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_issuer = std::make_unique<ServerProcess>(QStringList { QStringLiteral("--demo") });
        QVERIFY2(m_issuer->start(), qPrintable(m_issuer->output()));
        m_stranger = std::make_unique<ServerProcess>(QStringList { QStringLiteral("--demo") });
        QVERIFY2(m_stranger->start(), qPrintable(m_stranger->output()));
        const QString config = m_dir.filePath(QStringLiteral("api.conf"));
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[server]\noidc_external_issuer = " + m_issuer->url().toString().toUtf8()
            + "\noidc_external_ca = " + m_issuer->certificateFile().toUtf8() + "\n");
        file.close();
        m_api = std::make_unique<ServerProcess>(QStringList { QStringLiteral("--config"), config });
        QVERIFY2(m_api->start(), qPrintable(m_api->output()));
        QVERIFY(m_api->output().contains(QStringLiteral("trusting external issuer")));
    }

    void tokensOfTheIssuerAreTrusted()
    {
        const QByteArray token = accessTokenFrom(*m_issuer, QStringLiteral("tinh.hanoi"));
        QVERIFY(!token.isEmpty());
        QJsonObject me;
        QCOMPARE(meStatus(token, &me), 200);
        QCOMPARE(me.value(QLatin1String("role")).toString(), QStringLiteral("provincial_staff"));
        QCOMPARE(me.value(QLatin1String("unit")).toString(), QStringLiteral("P:01"));
        QCOMPARE(me.value(QLatin1String("username")).toString(), QStringLiteral("tinh.hanoi"));
    }

    void otherTokensAreRefused()
    {
        // Same software, same claims, another issuer: refused.
        const QByteArray foreign = accessTokenFrom(*m_stranger, QStringLiteral("tinh.hanoi"));
        QVERIFY(!foreign.isEmpty());
        QCOMPARE(meStatus(foreign), 401);
        // A tampered token of the trusted issuer: refused.
        QByteArray token = accessTokenFrom(*m_issuer, QStringLiteral("canbo.hoankiem"));
        QCOMPARE(meStatus(token), 200);
        token[token.size() - 5] = token[token.size() - 5] == 'A' ? 'B' : 'A';
        QCOMPARE(meStatus(token), 401);
        QCOMPARE(meStatus({}), 401);
    }

    void builtInProviderIsOff()
    {
        HttpClient http(m_api->certificate());
        QCOMPARE(
            http.get(QUrl(m_api->url().toString() + QStringLiteral("/.well-known/openid-configuration"))).status, 404);
        QCOMPARE(http.get(QUrl(m_api->url().toString() + QStringLiteral("/oidc/authorize"))).status, 404);
    }

    void cleanupTestCase()
    {
        QCOMPARE(m_api->terminate(), 0);
        QCOMPARE(m_stranger->terminate(), 0);
        QCOMPARE(m_issuer->terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_ExternalIssuer)
#include "tst_externalissuer.moc"
