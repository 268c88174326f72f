// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A cadre's session on a shared office PC, against the real server: browser sign-in with the password confirmed
// for offline use, headless sign-in, offline unlock after a restart, two accounts on one OS account, sign-out.
#include "client/core/accountsession.h"
#include "client/core/replicastore.h"
#include "client/core/vaultfilesecretstore.h"
#include "tests/support/browserdriver.h"
#include "tests/support/serverprocess.h"

#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace mts;
using mts::test::HttpClient;
using mts::test::ServerProcess;

namespace {
const QString demoPassword = QStringLiteral("matranso-demo");

QByteArray allBytesBelow(const QString &folder)
{
    QByteArray all;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}
} // namespace

class tst_AccountSession : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HttpClient> m_browser;
    QNetworkAccessManager m_network;
    QTemporaryDir m_pc; // the shared PC's application data folder

    std::unique_ptr<AccountSession> session(const QUrl &url = {})
    {
        AccountKeys::Options options;
        options.cost = crypto::PasswordCost::minimum();
        // No keychain here: the vault is the fallback under test (the keychain has its own tests).
        return std::make_unique<AccountSession>(ServerConnection(&m_network, url.isEmpty() ? m_server->url() : url,
                                                    ServerCertificatePin(m_server->certificate())),
            AccountDirectory(m_pc.path()), AccountSession::KeychainFactory(), options);
    }

    bool waitFor(AccountSession &s, AccountSession::State state)
    {
        return QTest::qWaitFor([&] { return s.state() == state; }, 30000);
    }

    int meStatus(const QByteArray &token)
    {
        return m_browser
            ->get(QUrl(m_server->url().toString() + QStringLiteral("/api/v1/me")),
                { { "Authorization", "Bearer " + token } })
            .status;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>(QStringList { QStringLiteral("--demo") });
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_browser = std::make_unique<HttpClient>(m_server->certificate());
    }

    void browserSignInThenPasswordForOffline()
    {
        auto s = session();
        connect(s.get(), &AccountSession::openBrowser, this, [this](const QUrl &url) {
            QTimer::singleShot(0, this, [this, url] {
                mts::test::signInInBrowser(*m_browser, url, QStringLiteral("canbo.hoankiem"), demoPassword);
            });
        });
        QSignalSpy failures(s.get(), &AccountSession::failed);
        s->signInOnline();
        QVERIFY(waitFor(*s, AccountSession::State::PasswordNeeded));
        QCOMPARE(s->identity().username, QStringLiteral("canbo.hoankiem"));
        QCOMPARE(s->identity().unit, QStringLiteral("C:00070"));
        QVERIFY(s->dataKey().isEmpty());

        // A password that is not the account's is refused by the server: offline data is never wrapped with it.
        s->confirmPassword(QStringLiteral("khong-phai-mat-khau"));
        QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, 20000);
        QCOMPARE(s->state(), AccountSession::State::PasswordNeeded);

        s->confirmPassword(demoPassword);
        QVERIFY(waitFor(*s, AccountSession::State::Unlocked));
        QCOMPARE(s->dataKey().size(), 32);
        QVERIFY(s->usesVaultFallback());
        QVERIFY(QFile::exists(s->accountFolder() + QStringLiteral("/account.json")));

        QByteArray token;
        s->withAccessToken(this, [&token](const QByteArray &t) { token = t; });
        QTRY_VERIFY_WITH_TIMEOUT(!token.isEmpty(), 20000);
        QCOMPARE(meStatus(token), 200);
    }

    void twoAccountsOnOneComputer()
    {
        auto first = session();
        first->signInWithPassword(QStringLiteral("canbo.hoankiem"), demoPassword);
        QVERIFY(waitFor(*first, AccountSession::State::Unlocked));
        const QString firstFolder = first->accountFolder();
        const QByteArray firstKey = first->dataKey();

        auto second = session();
        second->signInWithPassword(QStringLiteral("canbo.badinh"), demoPassword);
        QVERIFY(waitFor(*second, AccountSession::State::Unlocked));
        QCOMPARE(second->identity().unit, QStringLiteral("C:00004"));
        const QString secondFolder = second->accountFolder();
        QVERIFY(firstFolder != secondFolder);
        QVERIFY(!secondFolder.startsWith(firstFolder) && !firstFolder.startsWith(secondFolder));
        QVERIFY(second->dataKey() != firstKey);

        // Each folder is its owner's only (0700), and one account's password opens nothing of the other's.
        QCOMPARE(QFile::permissions(firstFolder) & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeOther),
            QFileDevice::Permissions());
        VaultFileSecretStore foreignVault(firstFolder + QStringLiteral("/secrets.vault"),
            demoPassword + QStringLiteral("x"), crypto::PasswordCost::minimum());
        QVERIFY(!foreignVault.status().isOk());

        // Each sees only its own offline data: a change queued by the first cadre lives in the first replica, which
        // the second cadre's key cannot open, and the second cadre's replica (what its token would push) is empty.
        {
            ReplicaStore mine(firstFolder + QStringLiteral("/replica.sqlite"), firstKey);
            QVERIFY(mine.open().isOk());
            const auto saved = mine.saveLocal(QStringLiteral("person"), QStringLiteral("C:00070"), {},
                { { QStringLiteral("surname"), QStringLiteral("Lê") },
                    { QStringLiteral("given_name"), QStringLiteral("Hoa") },
                    { QStringLiteral("cccd"), QStringLiteral("001303004567") } });
            QVERIFY(saved.isOk());
            QCOMPARE(mine.pendingCount(), 1);
        }
        {
            ReplicaStore foreign(firstFolder + QStringLiteral("/replica.sqlite"), second->dataKey());
            const auto opened = foreign.open();
            QVERIFY(!opened.isOk());
            QCOMPARE(opened.error().code, ReplicaStore::Error::WrongKey);
            ReplicaStore theirs(secondFolder + QStringLiteral("/replica.sqlite"), second->dataKey());
            QVERIFY(theirs.open().isOk());
            QCOMPARE(theirs.pendingCount(), 0);
        }

        // The same session object switching accounts drops the first cadre's key and tokens before anything else.
        first->signInWithPassword(QStringLiteral("canbo.badinh"), demoPassword);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return first->identity().username == QLatin1String("canbo.badinh")
                    && first->state() == AccountSession::State::Unlocked;
            },
            30000));
        QCOMPARE(first->accountFolder(), secondFolder);
        QCOMPARE(first->dataKey(), second->dataKey());
        QByteArray token;
        first->withAccessToken(this, [&token](const QByteArray &t) { token = t; });
        QTRY_VERIFY_WITH_TIMEOUT(!token.isEmpty(), 20000);
        QCOMPARE(m_browser
                     ->get(QUrl(m_server->url().toString() + QStringLiteral("/api/v1/me")),
                         { { "Authorization", "Bearer " + token } })
                     .json()
                     .value(QLatin1String("username"))
                     .toString(),
            QStringLiteral("canbo.badinh"));

        // Nothing secret lies in clear anywhere in the accounts' folders.
        const QByteArray stored = allBytesBelow(m_pc.path());
        QVERIFY(!stored.isEmpty());
        QVERIFY(!stored.contains(demoPassword.toUtf8()));
        QVERIFY(!stored.contains(firstKey));
        QVERIFY(!stored.contains(firstKey.toBase64()));
        QVERIFY(!stored.contains(second->dataKey().toHex()));
    }

    void signOutRevokes()
    {
        auto s = session();
        s->signInWithPassword(QStringLiteral("canbo.saigon"), demoPassword);
        QVERIFY(waitFor(*s, AccountSession::State::Unlocked));
        QByteArray token;
        s->withAccessToken(this, [&token](const QByteArray &t) { token = t; });
        QTRY_VERIFY_WITH_TIMEOUT(!token.isEmpty(), 20000);
        const QString folder = s->accountFolder();
        QVERIFY(QFile::exists(folder + QStringLiteral("/secrets.vault")));
        const QByteArray vaultBefore = allBytesBelow(folder);
        s->signOut();
        QCOMPARE(s->state(), AccountSession::State::SignedOut);
        QVERIFY(s->dataKey().isEmpty());
        // The server revokes the chain: a new session cannot refresh with anything left behind.
        QTRY_VERIFY_WITH_TIMEOUT(m_server->output().contains(QStringLiteral("auth event revoked_refresh")), 20000);
        QVERIFY(allBytesBelow(folder) != vaultBefore);
    }

    void cliLogin()
    {
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : { "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR" })
            env.insert(QLatin1String(name), home.path());
        // No session bus: the keychain is unavailable and the CLI must fall back to the encrypted vault.
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        auto login = [&](const QString &password) {
            QProcess cli;
            cli.setProcessEnvironment(env);
            cli.start(ServerProcess::cliBinary(),
                { QStringLiteral("login"), QStringLiteral("--server"), m_server->url().toString(),
                    QStringLiteral("--ca"), m_server->certificateFile(), QStringLiteral("--username"),
                    QStringLiteral("tinh.hanoi") });
            cli.write(password.toUtf8() + '\n');
            cli.closeWriteChannel();
            cli.waitForFinished(60000);
            return std::tuple { cli.exitCode(), QString::fromUtf8(cli.readAllStandardOutput()),
                QString::fromUtf8(cli.readAllStandardError()) };
        };
        const auto [code, out, err] = login(demoPassword);
        QVERIFY2(code == 0, qPrintable(out + err));
        QVERIFY(out.contains(QStringLiteral("signed in: tinh.hanoi")));
        QVERIFY(out.contains(QStringLiteral("role: provincial_staff")));
        QVERIFY(out.contains(QStringLiteral("unit: P:01")));
        QVERIFY(out.contains(QStringLiteral("vault file")));
        // The account's keys are set up on this computer, and nothing below HOME holds the password.
        const QString folder = QRegularExpression(QStringLiteral("account folder: ([^\\n]+)")).match(out).captured(1);
        QVERIFY2(folder.startsWith(home.path()), qPrintable(out));
        QVERIFY(QFile::exists(folder + QStringLiteral("/account.json")));
        QVERIFY(QFile::exists(folder + QStringLiteral("/secrets.vault")));
        QVERIFY(!allBytesBelow(home.path()).contains(demoPassword.toUtf8()));
        const auto [badCode, badOut, badErr] = login(QStringLiteral("sai-mat-khau"));
        QCOMPARE(badCode, 1);
        QVERIFY2(badErr.contains(QStringLiteral("mattranso-cli: ")), qPrintable(badErr));
    }

    void cancelSignIn()
    {
        auto s = session();
        QUrl opened;
        connect(s.get(), &AccountSession::openBrowser, this, [&opened](const QUrl &url) { opened = url; });
        s->signInOnline();
        QTRY_VERIFY_WITH_TIMEOUT(opened.isValid(), 20000);
        QCOMPARE(s->state(), AccountSession::State::SigningIn);
        s->cancelSignIn();
        QCOMPARE(s->state(), AccountSession::State::SignedOut);
        // The user finishes in the browser anyway: nothing happens in the application.
        mts::test::signInInBrowser(*m_browser, opened, QStringLiteral("canbo.hoankiem"), demoPassword);
        QCoreApplication::processEvents();
        QCOMPARE(s->state(), AccountSession::State::SignedOut);
    }

    void wrongPasswordHeadless()
    {
        auto s = session();
        QSignalSpy failures(s.get(), &AccountSession::failed);
        s->signInWithPassword(QStringLiteral("canbo.hoankiem"), QStringLiteral("sai-mat-khau"));
        QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, 20000);
        QCOMPARE(s->state(), AccountSession::State::SignedOut);
        QVERIFY(!failures.first().first().toString().isEmpty());
    }

    void offlineUnlockAfterRestart()
    {
        // The PC restarts with the server out of reach (it is stopped): only the password opens the data.
        QCOMPARE(m_server->terminate(), 0);
        auto s = session();
        QSignalSpy failures(s.get(), &AccountSession::failed);
        s->unlockOffline(QStringLiteral("canbo.hoankiem"), QStringLiteral("sai-mat-khau"));
        QCOMPARE(failures.count(), 1);
        QCOMPARE(s->state(), AccountSession::State::SignedOut);
        s->unlockOffline(QStringLiteral("CANBO.HOANKIEM"), demoPassword);
        QCOMPARE(s->state(), AccountSession::State::Unlocked);
        // Who the cadre is, as known at the last online sign-in, without the server.
        QCOMPARE(s->identity().role, QStringLiteral("commune_cadre"));
        QCOMPARE(s->identity().unit, QStringLiteral("C:00070"));
        QCOMPARE(s->identity().displayName, QStringLiteral("Nguyễn Thị Hoa"));
        QCOMPARE(s->dataKey().size(), 32);
        QVERIFY(!s->isOnline());
        // Never signed in here: no offline unlock.
        failures.clear();
        auto other = session();
        QSignalSpy otherFailures(other.get(), &AccountSession::failed);
        const int accountsBefore = other->knownAccounts().size();
        other->unlockOffline(QStringLiteral("tinh.hcm"), demoPassword);
        QCOMPARE(otherFailures.count(), 1);
        QCOMPARE(other->state(), AccountSession::State::SignedOut);
        QCOMPARE(other->knownAccounts().size(), accountsBefore); // no empty folder left behind
        // Idle lock forgets the key; the password brings it back.
        const QByteArray key = s->dataKey();
        s->lock();
        QCOMPARE(s->state(), AccountSession::State::Locked);
        QVERIFY(s->dataKey().isEmpty());
        s->unlock(demoPassword);
        QCOMPARE(s->dataKey(), key);
    }

    void cleanupTestCase() { QCOMPARE(m_server->terminate(), 0); }
};

QTEST_GUILESS_MAIN(tst_AccountSession)
#include "tst_accountsession.moc"
