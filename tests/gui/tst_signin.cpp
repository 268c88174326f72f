// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The sign-in screen and the locked window, clicked through against the real server (--demo accounts): the
// browser sign-in, the password typed once more, switching users, locking, and unlocking offline once the
// server is gone. The test plays the system browser itself (tests/support/browserdriver.h).
#include "client/core/accountdirectory.h"
#include "client/core/accountkeys.h"
#include "client/core/accountsession.h"
#include "client/core/clientsettings.h"
#include "client/core/idlelock.h"
#include "client/core/servercertificatepin.h"
#include "client/core/serverconnection.h"
#include "client/ui/mainwindow.h"
#include "client/ui/signinscreen.h"
#include "client/ui/uilanguage.h"
#include "shared/crypto.h"
#include "tests/support/browserdriver.h"
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <memory>

using namespace mts;
using mts::test::HttpClient;
using mts::test::ServerProcess;

namespace {

const QString demoPassword = QStringLiteral("matranso-demo");
const QString cadre = QStringLiteral("canbo.hoankiem");
const QString provincialStaff = QStringLiteral("tinh.hanoi");
constexpr int networkTimeout = 30000;

} // namespace

// Helpers check with QVERIFY; the test function stops as soon as one of them failed.
#define CHECKED(call)                                                                                                  \
    do {                                                                                                               \
        call;                                                                                                          \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)

class TestSignIn : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void signedOutShowsNoApplication();
    void signInShowsEachUsersRoleAndUnit();
    void wrongPasswordWhenConfirmingStays();
    void lockHidesApplications();
    void idleLockLocks();
    void vaultNoticeIsShownOnce();
    void settingsOpenWhileSignedOut();
    void serverChangeWaitsForSignOut();
    // Last: stops the server.
    void offlineUnlockAfterServerStops();

private:
    std::unique_ptr<AccountSession> createSession();
    void createWindow();

    template <typename T = QWidget>
    T *child(const QString &name) const
    {
        return m_window->findChild<T *>(name);
    }
    QString userStatus() const { return child<QLabel>(QStringLiteral("userStatus"))->text(); }
    bool applicationsVisible() const { return child(QStringLiteral("pages"))->isVisible(); }
    QWidget *currentView() const { return child<QStackedWidget>(QStringLiteral("signInViews"))->currentWidget(); }
    bool showsView(const QString &name) const
    {
        return currentView()->objectName() == name && currentView()->isVisible();
    }

    void click(const QString &buttonName);
    void type(const QString &fieldName, const QString &text);
    void signInOnline(const QString &username, const QString &password);

    UiLanguage m_language;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HttpClient> m_browser;
    QNetworkAccessManager m_network;

    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<ClientSettings> m_settings;
    std::unique_ptr<QSettings> m_windowState;
    std::unique_ptr<AccountSession> m_session;
    std::unique_ptr<MainWindow> m_window;

    // What the user types in the browser when the application opens it.
    QString m_browserUser;
    QString m_browserPassword;
    int m_browserOpened = 0;
};

void TestSignIn::initTestCase()
{
    QVERIFY(m_language.install(QStringLiteral("vi")));
    m_server = std::make_unique<ServerProcess>(QStringList { QStringLiteral("--demo") });
    QVERIFY2(m_server->start(), qPrintable(m_server->output()));
    m_browser = std::make_unique<HttpClient>(m_server->certificate());
}

void TestSignIn::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    const QString file = m_directory->filePath(QStringLiteral("mattranso.ini"));
    m_settings = std::make_unique<ClientSettings>(file);
    m_settings->setServerUrl(m_server->url());
    m_settings->setPinnedCertificatePem(m_server->certificate().toPem());
    m_windowState = std::make_unique<QSettings>(file, QSettings::IniFormat);
    m_session = createSession();
    m_browserOpened = 0;
    CHECKED(createWindow());
}

void TestSignIn::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_windowState.reset();
    m_settings.reset();
    m_directory.reset();
}

void TestSignIn::cleanupTestCase()
{
    m_server.reset();
}

std::unique_ptr<AccountSession> TestSignIn::createSession()
{
    AccountKeys::Options options;
    options.cost = crypto::PasswordCost::minimum();
    // No keychain: the secrets go to the vault file, as on a PC without a Secret Service.
    return std::make_unique<AccountSession>(ServerConnection(&m_network, m_settings->serverUrl(),
                                                ServerCertificatePin::fromPem(m_settings->pinnedCertificatePem())),
        AccountDirectory(m_directory->filePath(QStringLiteral("data"))), AccountSession::KeychainFactory(), options);
}

void TestSignIn::createWindow()
{
    m_window = std::make_unique<MainWindow>(m_settings.get(), m_windowState.get(), m_session.get());
    // The browser is this test: it signs in on the server's page as a person would, once the application's
    // loopback listener waits for the answer.
    m_window->setUrlOpener([this](const QUrl &url) {
        ++m_browserOpened;
        QTimer::singleShot(
            0, this, [this, url] { mts::test::signInInBrowser(*m_browser, url, m_browserUser, m_browserPassword); });
        return true;
    });
    m_window->show();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestSignIn::click(const QString &buttonName)
{
    auto *button = child<QAbstractButton>(buttonName);
    QVERIFY2(button, qPrintable(buttonName));
    QVERIFY2(button->isVisible(), qPrintable(buttonName));
    QVERIFY2(button->isEnabled(), qPrintable(buttonName));
    QTest::mouseClick(button, Qt::LeftButton);
}

void TestSignIn::type(const QString &fieldName, const QString &text)
{
    auto *field = child<QLineEdit>(fieldName);
    QVERIFY2(field && field->isVisible(), qPrintable(fieldName));
    QTest::mouseClick(field, Qt::LeftButton);
    QTest::keyClicks(field, text);
}

/// Signs in through the browser, types the password once more with Enter, and waits for the applications.
void TestSignIn::signInOnline(const QString &username, const QString &password)
{
    m_browserUser = username;
    m_browserPassword = password;
    CHECKED(click(QStringLiteral("signInButton")));
    QTRY_VERIFY_WITH_TIMEOUT(showsView(QStringLiteral("passwordNeededView")), networkTimeout);
    QVERIFY(!applicationsVisible());
    // The password field waits for the keyboard.
    auto *field = child<QLineEdit>(QStringLiteral("confirmPassword"));
    QCOMPARE(QApplication::focusWidget(), field);
    QTest::keyClicks(field, password);
    QTest::keyClick(field, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(applicationsVisible(), networkTimeout);
    QCOMPARE(m_session->state(), AccountSession::State::Unlocked);
}

void TestSignIn::signedOutShowsNoApplication()
{
    QVERIFY(child(QStringLiteral("signInScreen"))->isVisible());
    QVERIFY(showsView(QStringLiteral("signedOutView")));
    QVERIFY(!applicationsVisible());
    QVERIFY(!child(QStringLiteral("navigation"))->isVisible());
    QCOMPARE(userStatus(), QStringLiteral("Chưa đăng nhập"));
    QCOMPARE(child<QPushButton>(QStringLiteral("signInButton"))->text(), QStringLiteral("Đăng nhập"));
    QCOMPARE(QApplication::focusWidget(), child(QStringLiteral("signInButton")));
    QCOMPARE(child<QLabel>(QStringLiteral("signInServerUrl"))->text(),
        QStringLiteral("Máy chủ: %1").arg(m_server->url().toDisplayString()));

    // Nobody has signed in on this "computer" yet: nothing to unlock offline.
    QVERIFY(child(QStringLiteral("noOfflineAccounts"))->isVisible());
    QVERIFY(!child(QStringLiteral("offlinePassword"))->isVisible());

    // Neither the page shortcuts nor the account actions reach anything.
    QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
    QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
    QVERIFY(!applicationsVisible());
    QVERIFY(!m_window->lockAction()->isEnabled());
    QVERIFY(!m_window->signOutAction()->isEnabled());
    QVERIFY(!m_window->menuBar()->isVisible());
    QCOMPARE(m_session->state(), AccountSession::State::SignedOut);
}

void TestSignIn::signInShowsEachUsersRoleAndUnit()
{
    CHECKED(signInOnline(cadre, demoPassword));
    QCOMPARE(m_browserOpened, 1);
    QCOMPARE(userStatus(), QStringLiteral("Đăng nhập: canbo.hoankiem (Cán bộ cấp xã, C:00070)"));
    QVERIFY(!child(QStringLiteral("signInScreen"))->isVisible());
    QCOMPARE(QApplication::focusWidget(), child(QStringLiteral("navigation")));

    // Another cadre at the same PC: sign out, and sign in as the provincial user.
    CHECKED(click(QStringLiteral("signOutButton")));
    QTRY_VERIFY(showsView(QStringLiteral("signedOutView")));
    QVERIFY(!applicationsVisible());
    QCOMPARE(userStatus(), QStringLiteral("Chưa đăng nhập"));

    CHECKED(signInOnline(provincialStaff, demoPassword));
    QCOMPARE(userStatus(), QStringLiteral("Đăng nhập: tinh.hanoi (Cán bộ cấp tỉnh, P:01)"));

    // Both can now work offline on this PC; the last one is offered first.
    CHECKED(click(QStringLiteral("signOutButton")));
    QTRY_VERIFY(showsView(QStringLiteral("signedOutView")));
    auto *accounts = child<QComboBox>(QStringLiteral("offlineAccount"));
    QVERIFY(accounts->isVisible());
    QCOMPARE(accounts->count(), 2);
    QCOMPARE(accounts->currentText(), provincialStaff);
}

void TestSignIn::wrongPasswordWhenConfirmingStays()
{
    m_browserUser = cadre;
    m_browserPassword = demoPassword;
    CHECKED(click(QStringLiteral("signInButton")));
    QTRY_VERIFY_WITH_TIMEOUT(showsView(QStringLiteral("passwordNeededView")), networkTimeout);

    // The browser knew the right password; here the cadre mistypes it.
    QSignalSpy failed(m_session.get(), &AccountSession::failed);
    auto *field = child<QLineEdit>(QStringLiteral("confirmPassword"));
    QTest::keyClicks(field, QStringLiteral("not-the-password"));
    CHECKED(click(QStringLiteral("confirmPasswordButton")));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, networkTimeout);

    auto *error = child<QLabel>(QStringLiteral("signInError"));
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), failed.at(0).at(0).toString());
    QVERIFY(!error->text().isEmpty());
    QCOMPARE(error->palette().color(QPalette::WindowText), QColor(0xb0, 0x00, 0x20));
    // Still asking, with an empty field that has the focus again, and no dialog in the way.
    QVERIFY(showsView(QStringLiteral("passwordNeededView")));
    QCOMPARE(m_session->state(), AccountSession::State::PasswordNeeded);
    QVERIFY(field->text().isEmpty());
    QTRY_COMPARE(QApplication::focusWidget(), field);
    QVERIFY(!QApplication::activeModalWidget());
    QVERIFY(!applicationsVisible());

    // Typing the right one goes on; the error disappears.
    QTest::keyClicks(field, demoPassword);
    QTest::keyClick(field, Qt::Key_Enter);
    QTRY_VERIFY_WITH_TIMEOUT(applicationsVisible(), networkTimeout);
    QCOMPARE(userStatus(), QStringLiteral("Đăng nhập: canbo.hoankiem (Cán bộ cấp xã, C:00070)"));
}

void TestSignIn::lockHidesApplications()
{
    CHECKED(signInOnline(cadre, demoPassword));
    // The cadre is typing in the settings page when they lock.
    QTest::keyClick(m_window.get(), Qt::Key_7, Qt::ControlModifier);
    auto *serverUrl = child<QLineEdit>(QStringLiteral("serverUrl"));
    QTest::mouseClick(serverUrl, Qt::LeftButton);
    QCOMPARE(QApplication::focusWidget(), serverUrl);

    QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(m_session->state(), AccountSession::State::Locked);
    QVERIFY(showsView(QStringLiteral("lockedView")));
    QVERIFY(!applicationsVisible());
    QVERIFY(!serverUrl->isVisible());
    QVERIFY(!child(QStringLiteral("navigation"))->isVisible());
    QVERIFY(!child(QStringLiteral("lockButton"))->isVisible());
    QCOMPARE(userStatus(), QStringLiteral("Đã khóa: canbo.hoankiem"));
    QVERIFY(child<QLabel>(QStringLiteral("lockedUser"))->text().contains(cadre));
    QCOMPARE(QApplication::focusWidget(), child(QStringLiteral("lockedPassword")));
    QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
    QVERIFY(!applicationsVisible());

    // A wrong password: said inline, the field emptied, still locked.
    CHECKED(type(QStringLiteral("lockedPassword"), QStringLiteral("wrong")));
    CHECKED(click(QStringLiteral("unlockButton")));
    QVERIFY(child(QStringLiteral("signInError"))->isVisible());
    QVERIFY(child<QLineEdit>(QStringLiteral("lockedPassword"))->text().isEmpty());
    QCOMPARE(m_session->state(), AccountSession::State::Locked);
    QVERIFY(!applicationsVisible());

    // The right one, with Enter: back where the cadre was, focus included.
    QCOMPARE(QApplication::focusWidget(), child(QStringLiteral("lockedPassword")));
    QTest::keyClicks(QApplication::focusWidget(), demoPassword);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QVERIFY(applicationsVisible());
    QVERIFY(!child(QStringLiteral("signInError"))->isVisible());
    QVERIFY(serverUrl->isVisible());
    QCOMPARE(QApplication::focusWidget(), serverUrl);
    QCOMPARE(userStatus(), QStringLiteral("Đăng nhập: canbo.hoankiem (Cán bộ cấp xã, C:00070)"));

    // Locked by its button, then signed out from the lock screen.
    CHECKED(click(QStringLiteral("lockButton")));
    QVERIFY(showsView(QStringLiteral("lockedView")));
    CHECKED(click(QStringLiteral("lockedSignOutButton")));
    QVERIFY(showsView(QStringLiteral("signedOutView")));
    QCOMPARE(m_session->state(), AccountSession::State::SignedOut);
    QCOMPARE(userStatus(), QStringLiteral("Chưa đăng nhập"));
}

void TestSignIn::idleLockLocks()
{
    CHECKED(signInOnline(cadre, demoPassword));
    IdleLock *idle = m_window->idleLock();
    QVERIFY(idle->isRunning());
    QCOMPARE(idle->idlePeriod(), std::chrono::milliseconds(std::chrono::minutes(15)));

    idle->setIdlePeriod(std::chrono::milliseconds(300));
    QTRY_VERIFY(showsView(QStringLiteral("lockedView")));
    QVERIFY(!applicationsVisible());
    QVERIFY(!idle->isRunning());

    // Back to the real period before unlocking, so that it does not lock again at once on a slow machine.
    idle->setIdlePeriod(std::chrono::minutes(15));
    QTest::keyClicks(child(QStringLiteral("lockedPassword")), demoPassword);
    CHECKED(click(QStringLiteral("unlockButton")));
    QVERIFY(applicationsVisible());
    QVERIFY(idle->isRunning());
    QVERIFY(!idle->isLocked());

    // Any key press in the window counts as activity: the idle time starts again.
    const auto idleFor = std::chrono::milliseconds(200);
    QTRY_VERIFY(idle->idleTime() >= idleFor);
    QTest::keyClick(child(QStringLiteral("navigation")), Qt::Key_Down);
    QVERIFY(idle->idleTime() < idleFor);
}

void TestSignIn::vaultNoticeIsShownOnce()
{
    CHECKED(signInOnline(cadre, demoPassword));
    // No keychain in this test: the notice says where the secrets went, without stopping the work.
    auto *notice = child(QStringLiteral("vaultNotice"));
    QVERIFY(m_session->usesVaultFallback());
    QVERIFY(notice->isVisible());
    QVERIFY(!QApplication::activeModalWidget());
    QCOMPARE(QApplication::focusWidget(), child(QStringLiteral("navigation")));
    CHECKED(click(QStringLiteral("dismissVaultNoticeButton")));
    QVERIFY(!notice->isVisible());

    // Not again for this account, after signing out and in, nor after restarting the program.
    CHECKED(click(QStringLiteral("signOutButton")));
    CHECKED(signInOnline(cadre, demoPassword));
    QVERIFY(!notice->isVisible());
    CHECKED(click(QStringLiteral("signOutButton")));
    m_window.reset();
    m_session = createSession();
    CHECKED(createWindow());
    CHECKED(signInOnline(cadre, demoPassword));
    QVERIFY(!child(QStringLiteral("vaultNotice"))->isVisible());
}

void TestSignIn::settingsOpenWhileSignedOut()
{
    CHECKED(click(QStringLiteral("serverSettingsButton")));
    auto *url = child<QLineEdit>(QStringLiteral("serverUrl"));
    QVERIFY(url->isVisible());
    QCOMPARE(url->text(), m_server->url().toString());
    QCOMPARE(QApplication::focusWidget(), url);
    // The settings, and nothing else.
    QVERIFY(!applicationsVisible());
    QVERIFY(!child(QStringLiteral("navigation"))->isVisible());

    // Escape goes back (a shortcut "clicks" its button after a short animation).
    QTest::keyClick(url, Qt::Key_Escape);
    QTRY_VERIFY(showsView(QStringLiteral("signedOutView")));
    QCOMPARE(QApplication::focusWidget(), child(QStringLiteral("signInButton")));
    QVERIFY(!url->isVisible());

    // Once signed in, the same page is among the applications again.
    CHECKED(click(QStringLiteral("serverSettingsButton")));
    CHECKED(click(QStringLiteral("backToSignInButton")));
    CHECKED(signInOnline(cadre, demoPassword));
    QTest::keyClick(m_window.get(), Qt::Key_7, Qt::ControlModifier);
    QVERIFY(url->isVisible());
    QVERIFY(child(QStringLiteral("settings"))->isAncestorOf(url));
}

void TestSignIn::serverChangeWaitsForSignOut()
{
    QSignalSpy outdated(m_window.get(), &MainWindow::accountSessionOutdated);
    // What main.cpp does: a session for the new server.
    connect(m_window.get(), &MainWindow::accountSessionOutdated, this, [this] {
        auto replacement = createSession();
        m_window->setAccountSession(replacement.get());
        m_session = std::move(replacement);
    });
    CHECKED(signInOnline(cadre, demoPassword));
    AccountSession *signedIn = m_session.get();

    QTest::keyClick(m_window.get(), Qt::Key_7, Qt::ControlModifier);
    const QUrl elsewhere(QStringLiteral("https://mattranso.example.vn"));
    auto *url = child<QLineEdit>(QStringLiteral("serverUrl"));
    url->selectAll();
    QTest::keyClicks(url, elsewhere.toString());
    CHECKED(click(QStringLiteral("saveServerButton")));
    QCOMPARE(m_settings->serverUrl(), elsewhere);

    // The cadre keeps the server they signed in to until they sign out.
    QCoreApplication::processEvents();
    QCOMPARE(outdated.count(), 0);
    QCOMPARE(m_window->accountSession(), signedIn);
    QCOMPARE(m_session->state(), AccountSession::State::Unlocked);

    CHECKED(click(QStringLiteral("signOutButton")));
    QTRY_COMPARE(outdated.count(), 1);
    QVERIFY(m_window->accountSession() != signedIn);
    QCOMPARE(m_window->accountSession(), m_session.get());
    QVERIFY(showsView(QStringLiteral("signedOutView")));
    QCOMPARE(child<QLabel>(QStringLiteral("signInServerUrl"))->text(),
        QStringLiteral("Máy chủ: https://mattranso.example.vn"));
    // The cadre's account belongs to the other server: not offered for this one.
    QVERIFY(child(QStringLiteral("noOfflineAccounts"))->isVisible());
}

void TestSignIn::offlineUnlockAfterServerStops()
{
    CHECKED(signInOnline(cadre, demoPassword));
    CHECKED(click(QStringLiteral("signOutButton")));
    QTRY_VERIFY(showsView(QStringLiteral("signedOutView")));
    QCOMPARE(m_server->terminate(), 0);

    // Signing in online now fails, said in place; the offline part is right below.
    QSignalSpy failed(m_session.get(), &AccountSession::failed);
    CHECKED(click(QStringLiteral("signInButton")));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, networkTimeout);
    QVERIFY(showsView(QStringLiteral("signedOutView")));
    QCOMPARE(child<QLabel>(QStringLiteral("signInError"))->text(), failed.at(0).at(0).toString());
    QCOMPARE(m_browserOpened, 1);

    auto *accounts = child<QComboBox>(QStringLiteral("offlineAccount"));
    QVERIFY(accounts->isVisible());
    QCOMPARE(accounts->currentText(), cadre);

    // A wrong password: inline error, emptied field, still signed out.
    CHECKED(type(QStringLiteral("offlinePassword"), QStringLiteral("matranso-demo2")));
    CHECKED(click(QStringLiteral("offlineUnlockButton")));
    auto *error = child<QLabel>(QStringLiteral("signInError"));
    QVERIFY(error->isVisible());
    QVERIFY(!error->text().isEmpty());
    auto *password = child<QLineEdit>(QStringLiteral("offlinePassword"));
    QVERIFY(password->text().isEmpty());
    QCOMPARE(QApplication::focusWidget(), password);
    QCOMPARE(m_session->state(), AccountSession::State::SignedOut);
    QVERIFY(!applicationsVisible());

    // The right one, with Enter.
    QTest::keyClicks(password, demoPassword);
    QTest::keyClick(password, Qt::Key_Return);
    QCOMPARE(m_session->state(), AccountSession::State::Unlocked);
    QVERIFY(applicationsVisible());
    QVERIFY(!error->isVisible());
    QVERIFY(!m_session->isOnline());
    // Offline too, the status bar says who is working, as known at the last online sign-in.
    QCOMPARE(userStatus(), QStringLiteral("Đăng nhập: canbo.hoankiem (Cán bộ cấp xã, C:00070)"));
}

QTEST_MAIN(TestSignIn)
#include "tst_signin.moc"
