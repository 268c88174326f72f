// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/core/accountdirectory.h"
#include "client/core/accountsession.h"
#include "client/core/clientsettings.h"
#include "client/core/idlelock.h"
#include "client/core/keychainsecretstore.h"
#include "client/core/servercertificatepin.h"
#include "client/core/serverconnection.h"
#include "client/core/serverurl.h"
#include "client/ui/mainwindow.h"
#include "client/ui/uilanguage.h"
#include <mts/buildinfo.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTextStream>
#include <QTimer>

#include <chrono>
#include <cstdio>
#include <memory>
#include <utility>

namespace {

enum ExitCode { ExitOk = 0, ExitUsage = 2 };

const char usage[] = "Usage: mattranso [options]\n"
                     "\n"
                     "Mặt trận số desktop client of the Vietnam Fatherland Front.\n"
                     "\n"
                     "Options:\n"
                     "  --server URL               use this server (https://…) and save it in the settings\n"
                     "  --trust-certificate FILE   trust the server certificate in this PEM file and save it\n"
                     "  --settings FILE            keep the settings in this INI file instead of the\n"
                     "                             user's default settings\n"
                     "  -v, --version              print the version and exit\n"
                     "  -h, --help                 show this help and exit\n"
                     "\n"
                     "Qt's own options (-platform, -style, …) are accepted too.\n";

struct Options {
    QCommandLineOption server { QStringLiteral("server"), QString(), QStringLiteral("url") };
    QCommandLineOption trustCertificate { QStringLiteral("trust-certificate"), QString(), QStringLiteral("file") };
    QCommandLineOption settings { QStringLiteral("settings"), QString(), QStringLiteral("file") };
    QCommandLineOption version { { QStringLiteral("v"), QStringLiteral("version") } };
    QCommandLineOption help { { QStringLiteral("h"), QStringLiteral("help") } };

    void addTo(QCommandLineParser &parser) const
    {
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        parser.addOptions({ server, trustCertificate, settings, version, help });
    }
};

QStringList rawArguments(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

void printError(const QString &message)
{
    QTextStream(stderr) << "mattranso: " << message << Qt::endl;
}

/// Reads a PEM certificate for --trust-certificate; returns it normalised, or an empty array after
/// printing why it cannot be used.
QByteArray readCertificate(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        printError(QCoreApplication::translate("main", "Cannot read the certificate file %1: %2")
                       .arg(fileName, file.errorString()));
        return QByteArray();
    }
    const mts::ServerCertificatePin pin = mts::ServerCertificatePin::fromPem(file.readAll());
    if (pin.isEmpty()) {
        printError(
            QCoreApplication::translate("main", "The file %1 holds no certificate in PEM format.").arg(fileName));
        return QByteArray();
    }
    return pin.certificate().toPem();
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    // --version and --help answer before QApplication exists, so they work without a display (scripts,
    // packaging checks, SSH sessions). Qt's own options are unknown here and ignored until Qt strips them.
    {
        const Options options;
        QCommandLineParser early;
        options.addTo(early);
        (void)early.parse(rawArguments(argc, argv));
        if (early.isSet(options.version)) {
            std::printf("mattranso %s (protocol %d)\n", mts::buildinfo::version, mts::buildinfo::protocolVersion);
            return ExitOk;
        }
        if (early.isSet(options.help)) {
            std::fputs(usage, stdout);
            return ExitOk;
        }
    }

    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("MTTQVN"));
    QCoreApplication::setApplicationName(QStringLiteral("mattranso"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(mts::buildinfo::version));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Mặt trận số"));
    QGuiApplication::setDesktopFileName(QStringLiteral("vn.mattranso.Mattranso"));

    const Options options;
    QCommandLineParser parser;
    options.addTo(parser);
    if (!parser.parse(QCoreApplication::arguments())) {
        printError(parser.errorText());
        std::fputs(usage, stderr);
        return ExitUsage;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("unexpected argument: ") + parser.positionalArguments().constFirst());
        std::fputs(usage, stderr);
        return ExitUsage;
    }

    const QString settingsFile = parser.value(options.settings);
    const auto settings = settingsFile.isEmpty() ? std::make_unique<mts::ClientSettings>()
                                                 : std::make_unique<mts::ClientSettings>(settingsFile);
    const auto windowState = settingsFile.isEmpty() ? std::make_unique<QSettings>()
                                                    : std::make_unique<QSettings>(settingsFile, QSettings::IniFormat);

    mts::UiLanguage language;
    if (!language.install(settings->language()))
        printError(QStringLiteral("some translations are missing; parts of the interface are in English"));

    // Check everything the command line asks to save before saving any of it.
    QUrl server;
    if (parser.isSet(options.server)) {
        const QString value = parser.value(options.server);
        const auto url = mts::ServerUrl::fromUserInput(value);
        if (!url) {
            printError(QStringLiteral("--server %1: %2").arg(value, url.error().message));
            return ExitUsage;
        }
        server = url.value();
    }
    QByteArray certificate;
    if (parser.isSet(options.trustCertificate)) {
        certificate = readCertificate(parser.value(options.trustCertificate));
        if (certificate.isEmpty())
            return ExitUsage;
    }
    if (!server.isEmpty())
        settings->setServerUrl(server);
    if (!certificate.isEmpty())
        settings->setPinnedCertificatePem(certificate);
    settings->sync();

    // The account session talks to the server of the settings. It cannot be re-pointed, so when the address or
    // certificate changes, the window asks for a new one as soon as nobody is signed in (at once when signed
    // out, else at the next sign-out), and a signed-in cadre keeps the server they signed in to.
    QNetworkAccessManager network;
    const mts::AccountDirectory accounts; // QStandardPaths::AppDataLocation
    const mts::AccountSession::KeychainFactory keychain
        = [](const QString &accountNamespace) -> std::unique_ptr<mts::SecretStore> {
        return std::make_unique<mts::KeychainSecretStore>(accountNamespace);
    };
    const auto createSession = [&] {
        mts::AccountKeys::Options keyOptions;
        keyOptions.offlinePeriod = std::chrono::days(settings->offlineDays());
        return std::make_unique<mts::AccountSession>(
            mts::ServerConnection(
                &network, settings->serverUrl(), mts::ServerCertificatePin::fromPem(settings->pinnedCertificatePem())),
            accounts, keychain, keyOptions);
    };
    std::unique_ptr<mts::AccountSession> session = createSession();

    mts::MainWindow window(settings.get(), windowState.get(), session.get());
    window.idleLock()->setIdlePeriod(std::chrono::minutes(settings->idleLockMinutes()));
    QObject::connect(&window, &mts::MainWindow::accountSessionOutdated, &window, [&] {
        std::unique_ptr<mts::AccountSession> replacement = createSession();
        window.setAccountSession(replacement.get());
        // The retired session may still be revoking the refresh token of the sign-out that made it retire (its
        // requests are its children): it goes after a minute, or with the window.
        mts::AccountSession *retired = std::exchange(session, std::move(replacement)).release();
        retired->setParent(&window);
        QTimer::singleShot(std::chrono::minutes(1), retired, &QObject::deleteLater);
    });
    window.show();
    // For the start-up benchmark (tests/bench/bench_registry): say when the window is up, then leave.
    if (qEnvironmentVariableIsSet("MTS_STARTUP_PROBE")) {
        QTimer::singleShot(0, &window, [&sinceMain] {
            std::printf("window shown: %lld ms after main()\n", sinceMain.elapsed());
            std::fflush(stdout);
            QCoreApplication::quit();
        });
    }
    return QApplication::exec();
}
