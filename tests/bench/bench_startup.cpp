// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The desktop from its window to a usable registry after an offline unlock, with N persons (default 100,000) in
// the account's replica: a cadre's morning on a PC without network. The account signs in once against the real
// server (loopback TLS, --demo), its replica is filled, the server stops; then a new window on the same account
// files is shown and unlocked offline through its own widgets, with the production password cost (Argon2id
// "interactive"), until the persons list shows its first screen. Offscreen, in this process. Prints
//   records: N
//   window: X ms                 the window built and shown (the sign-in screen)
//   unlock to first rows: X ms   Unlock pressed until the persons list shows its first screen: the password check,
//                                the account's keys, the replica opened and the list read
//   usable after start: X ms     window + unlock to first rows
//   peak RSS: X MB
// bench_registry's "cold start" is the process start to its window; the two add up to a cold start to a usable
// registry. Not a test.
#include "client/core/accountdirectory.h"
#include "client/core/accountkeys.h"
#include "client/core/accountsession.h"
#include "client/core/clientsettings.h"
#include "client/core/replicastore.h"
#include "client/core/servercertificatepin.h"
#include "client/core/serverconnection.h"
#include "client/core/syncengine.h"
#include "client/ui/mainwindow.h"
#include "client/ui/recordlistmodel.h"
#include "client/ui/registriespage.h"
#include "shared/syncwire.h"
#include "tests/bench/benchoutput.h"
#include "tests/bench/benchperson.h"
#include "tests/support/browserdriver.h"
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

using namespace mts;
using mts::test::procStatusKib;
using mts::test::say;

namespace {

const QString user = QStringLiteral("canbo.hoankiem");
const QString password = QStringLiteral("matranso-demo");
constexpr int screenRows = 40;

/// Runs the event loop until `done` holds or `timeoutMs` passes; whether it holds.
bool waitFor(const std::function<bool()> &done, int timeoutMs = 60000)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

/// One PC's account files and window.
struct Pc {
    QTemporaryDir directory;
    QNetworkAccessManager network;
    std::unique_ptr<ClientSettings> settings;
    std::unique_ptr<QSettings> windowState;
    std::unique_ptr<AccountSession> session;
    std::unique_ptr<MainWindow> window;

    void open(const QUrl &server, const QByteArray &certificatePem)
    {
        const QString file = directory.filePath(QStringLiteral("mattranso.ini"));
        settings = std::make_unique<ClientSettings>(file);
        settings->setServerUrl(server);
        settings->setPinnedCertificatePem(certificatePem);
        windowState = std::make_unique<QSettings>(file, QSettings::IniFormat);
        // The production cost of the offline password check.
        session = std::make_unique<AccountSession>(
            ServerConnection(&network, server, ServerCertificatePin::fromPem(certificatePem)),
            AccountDirectory(directory.filePath(QStringLiteral("data"))), AccountSession::KeychainFactory(),
            AccountKeys::Options());
        window = std::make_unique<MainWindow>(settings.get(), windowState.get(), session.get());
    }
    void close()
    {
        window.reset();
        session.reset();
        windowState.reset();
        settings.reset();
    }
    template <typename T>
    T *child(const char *name) const
    {
        return window->findChild<T *>(QString::fromLatin1(name));
    }
};

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int total = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;

    Pc pc;
    QUrl serverUrl;
    QByteArray certificatePem;
    {
        // The first sign-in, online: the account's keys and offline password on this PC, its replica.
        test::ServerProcess server({ QStringLiteral("--demo") });
        if (!server.start()) {
            say(QStringLiteral("the server did not start: %1").arg(server.output()));
            return 1;
        }
        serverUrl = server.url();
        certificatePem = server.certificate().toPem();
        test::HttpClient browser(server.certificate());
        pc.open(serverUrl, certificatePem);
        pc.window->setUrlOpener([&browser](const QUrl &url) {
            QTimer::singleShot(0, [&browser, url] { test::signInInBrowser(browser, url, user, password); });
            return true;
        });
        pc.window->show();
        pc.child<QPushButton>("signInButton")->click();
        auto *confirm = pc.child<QLineEdit>("confirmPassword");
        if (!waitFor([confirm] { return confirm->isVisible(); })) {
            say(QStringLiteral("the online sign-in did not ask for the password"));
            return 1;
        }
        confirm->setText(password);
        Q_EMIT confirm->returnPressed();
        if (!waitFor([&pc] { return pc.window->replica() != nullptr; })
            || !waitFor([&pc] { return !pc.window->syncEngine()->isRunning(); })) {
            say(QStringLiteral("the online sign-in did not open the replica"));
            return 1;
        }
        // The persons, as pages of a pull of the commune's registries.
        for (const QByteArray &bytes : test::benchPersonPages(total, QStringLiteral("C:00070/registries"))) {
            const auto page = sync::PullResponse::decode(bytes);
            if (!page || !pc.window->replica()->applyPullPage(*page)) {
                say(QStringLiteral("cannot bring the persons in"));
                return 1;
            }
        }
        say(QStringLiteral("records: %1").arg(total));
        pc.close();
        server.terminate();
    }

    // The next morning, no network: the window, the offline unlock, the list.
    QElapsedTimer clock;
    clock.start();
    pc.open(serverUrl, certificatePem);
    pc.window->show();
    QCoreApplication::processEvents();
    const double window = clock.nsecsElapsed() / 1e6;
    say(QStringLiteral("window: %1 ms").arg(window, 0, 'f', 1));

    auto *account = pc.child<QComboBox>("offlineAccount");
    auto *offlinePassword = pc.child<QLineEdit>("offlinePassword");
    if (!account || account->count() == 0 || !offlinePassword) {
        say(QStringLiteral("the window offers no account to unlock offline"));
        return 1;
    }
    offlinePassword->setText(password);
    clock.restart();
    pc.child<QPushButton>("offlineUnlockButton")->click();
    RegistriesPage *page = pc.window->registriesPage();
    const auto firstScreen = [&pc, page] {
        RecordListModel *model = page->model();
        if (pc.session->state() != AccountSession::State::Unlocked || !model || model->rowCount() == 0)
            return false;
        for (int row = 0; row < std::min(screenRows, model->rowCount()); ++row) {
            if (!model->data(model->index(row, 0)).isValid())
                return false;
        }
        return true;
    };
    if (!waitFor(firstScreen)) {
        say(QStringLiteral("the offline unlock did not show the persons list"));
        return 1;
    }
    const double unlock = clock.nsecsElapsed() / 1e6;
    say(QStringLiteral("unlock to first rows: %1 ms (%2 rows listed)")
            .arg(unlock, 0, 'f', 1)
            .arg(page->model()->rowCount()));
    say(QStringLiteral("usable after start: %1 ms").arg(window + unlock, 0, 'f', 1));
    say(QStringLiteral("peak RSS: %1 MB").arg(procStatusKib("VmHWM") / 1024));
    pc.close();
    return 0;
}
