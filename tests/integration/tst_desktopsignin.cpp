// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop's sign-in (client core OidcClient) against the real server: system-browser flow with PKCE and a
// loopback redirect, refresh, revocation. The "browser" is this test, posting the server's sign-in page.
#include "client/core/oidcclient.h"
#include "tests/support/browserdriver.h"
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QNetworkInterface>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace mts;
using mts::test::HttpClient;
using mts::test::ServerProcess;

namespace {
const QString demoPassword = QStringLiteral("matranso-demo");
}

class tst_DesktopSignIn : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HttpClient> m_browser;
    QNetworkAccessManager m_network;
    QUrl m_lastAuthorizationUrl;

    std::unique_ptr<OidcClient> client()
    {
        return std::make_unique<OidcClient>(
            ServerConnection(&m_network, m_server->url(), ServerCertificatePin(m_server->certificate())),
            QStringLiteral("mattranso-desktop"));
    }

    /// Plays the user in the system browser, remembering what the application asked it to open.
    void actAsBrowser(const QUrl &url, const QString &username, const QString &password)
    {
        m_lastAuthorizationUrl = url;
        mts::test::signInInBrowser(*m_browser, url, username, password);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>(QStringList { QStringLiteral("--demo") });
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_browser = std::make_unique<HttpClient>(m_server->certificate());
    }

    void signInRefreshRevoke()
    {
        auto oidc = client();
        connect(oidc.get(), &OidcClient::openBrowser, this, [this](const QUrl &url) {
            QTimer::singleShot(0, this, [this, url] { actAsBrowser(url, QStringLiteral("tinh.hanoi"), demoPassword); });
        });
        QSignalSpy finished(oidc.get(), &OidcClient::signInFinished);
        oidc->signIn();
        QVERIFY(finished.wait(30000));
        const auto error = finished.at(0).at(0).value<OidcError>();
        QVERIFY2(error.code == OidcError::Code::None, qPrintable(error.message + u' ' + error.detail));
        const auto tokens = finished.at(0).at(1).value<TokenSet>();
        const auto identity = finished.at(0).at(2).value<Identity>();
        QCOMPARE(identity.username, QStringLiteral("tinh.hanoi"));
        QCOMPARE(identity.role, QStringLiteral("provincial_staff"));
        QCOMPARE(identity.unit, QStringLiteral("P:01"));
        QVERIFY(!tokens.expiresWithin(60));

        // The request carried PKCE S256 and a loopback redirect on 127.0.0.1.
        const QUrlQuery sent(m_lastAuthorizationUrl);
        QCOMPARE(sent.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
        QCOMPARE(sent.queryItemValue(QStringLiteral("code_challenge")).size(), 43);
        const QUrl redirect(sent.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));

        const auto who = m_browser->get(QUrl(m_server->url().toString() + QStringLiteral("/api/v1/me")),
            { { "Authorization", "Bearer " + tokens.accessToken } });
        QCOMPARE(who.status, 200);

        QSignalSpy refreshed(oidc.get(), &OidcClient::refreshFinished);
        oidc->refresh(tokens.refreshToken);
        QVERIFY(refreshed.wait(20000));
        QCOMPARE(refreshed.at(0).at(0).value<OidcError>().code, OidcError::Code::None);
        const auto renewed = refreshed.at(0).at(1).value<TokenSet>();
        QVERIFY(renewed.refreshToken != tokens.refreshToken);

        QSignalSpy revoked(oidc.get(), &OidcClient::revokeFinished);
        oidc->revoke(renewed.refreshToken);
        QVERIFY(revoked.wait(20000));
        QCOMPARE(revoked.at(0).at(0).value<OidcError>().code, OidcError::Code::None);
        refreshed.clear();
        oidc->refresh(renewed.refreshToken);
        QVERIFY(refreshed.wait(20000));
        QCOMPARE(refreshed.at(0).at(0).value<OidcError>().code, OidcError::Code::Denied);
        QVERIFY(!refreshed.at(0).at(0).value<OidcError>().message.isEmpty());
    }

    void loopbackListenerIsLocalOnly()
    {
        auto oidc = client();
        QUrl opened;
        connect(oidc.get(), &OidcClient::openBrowser, this, [&opened](const QUrl &url) { opened = url; });
        QSignalSpy finished(oidc.get(), &OidcClient::signInFinished);
        oidc->signIn();
        QTRY_VERIFY_WITH_TIMEOUT(opened.isValid(), 20000);
        const QUrl redirect(QUrlQuery(opened).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        const quint16 port = quint16(redirect.port());
        QTcpSocket loopback;
        loopback.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(loopback.waitForConnected(5000));
        loopback.abort();
        int otherAddresses = 0;
        for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
            if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol)
                continue;
            ++otherAddresses;
            QTcpSocket outside;
            outside.connectToHost(address, port);
            QVERIFY2(!outside.waitForConnected(2000), qPrintable(address.toString()));
        }
        if (otherAddresses == 0)
            qInfo("this machine has no non-loopback IPv4 address; only the loopback side was checked");
        oidc->cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).value<OidcError>().code, OidcError::Code::Cancelled);
    }

    void wrongServerIssuerRefused()
    {
        // A client configured with "localhost" reaches the same server, but its issuer is https://127.0.0.1:…:
        // discovery must refuse it rather than accept tokens for another name.
        QUrl other = m_server->url();
        other.setHost(QStringLiteral("localhost"));
        OidcClient oidc(ServerConnection(&m_network, other, ServerCertificatePin(m_server->certificate())),
            QStringLiteral("mattranso-desktop"));
        QSignalSpy finished(&oidc, &OidcClient::signInFinished);
        oidc.signIn();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.at(0).at(0).value<OidcError>().code, OidcError::Code::Protocol);
    }

    void cleanupTestCase() { QCOMPARE(m_server->terminate(), 0); }
};

QTEST_GUILESS_MAIN(tst_DesktopSignIn)
#include "tst_desktopsignin.moc"
