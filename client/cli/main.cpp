// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/core/accountsession.h"
#include "client/core/clientsettings.h"
#include "client/core/keychainsecretstore.h"
#include "client/core/serverprobe.h"
#include "shared/consoleinput.h"
#include <mts/buildinfo.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

namespace {

enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QString statusName(mts::ServerStatus::Error error)
{
    using E = mts::ServerStatus::Error;
    switch (error) {
    case E::None:
        return QStringLiteral("ok");
    case E::InvalidUrl:
        return QStringLiteral("invalid-url");
    case E::Unreachable:
        return QStringLiteral("unreachable");
    case E::Timeout:
        return QStringLiteral("timeout");
    case E::TlsUntrusted:
        return QStringLiteral("tls-untrusted");
    case E::TlsFailed:
        return QStringLiteral("tls-failed");
    case E::BadResponse:
        return QStringLiteral("bad-response");
    case E::Unhealthy:
        return QStringLiteral("unhealthy");
    case E::IncompatibleVersion:
        return QStringLiteral("incompatible-version");
    }
    return QString();
}

/// The server and its trusted certificate, from --server/--ca or the settings. Prints why and returns false.
bool serverFrom(const QCommandLineParser &parser, const QCommandLineOption &serverOption,
    const QCommandLineOption &caOption, QUrl *url, QByteArray *pem)
{
    mts::ClientSettings settings;
    *url = parser.isSet(serverOption) ? QUrl(parser.value(serverOption)) : settings.serverUrl();
    *pem = settings.pinnedCertificatePem();
    if (parser.isSet(caOption)) {
        QFile file(parser.value(caOption));
        if (!file.open(QIODevice::ReadOnly)) {
            err() << "mattranso-cli: cannot read " << file.fileName() << ": " << file.errorString() << Qt::endl;
            return false;
        }
        *pem = file.readAll();
        if (mts::ServerCertificatePin::fromPem(*pem).isEmpty()) {
            err() << "mattranso-cli: " << file.fileName() << " holds no PEM certificate" << Qt::endl;
            return false;
        }
    }
    return true;
}

int runLogin(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Signs in headless with a user name and password (typed at the prompt, or one line on standard input).\n"
        "Sets up this account's offline keys on this computer on the first sign-in; the refresh token is kept in "
        "the system keychain, or in a vault file encrypted with the password when there is none."));
    parser.addHelpOption();
    const QCommandLineOption serverOption(
        QStringLiteral("server"), QStringLiteral("Server URL."), QStringLiteral("url"));
    const QCommandLineOption caOption(
        QStringLiteral("ca"), QStringLiteral("PEM certificate to trust for this server."), QStringLiteral("file"));
    const QCommandLineOption userOption(
        QStringLiteral("username"), QStringLiteral("User name."), QStringLiteral("name"));
    parser.addOptions({ serverOption, caOption, userOption });
    parser.process(arguments);
    if (!parser.isSet(userOption)) {
        err() << "mattranso-cli login: give --username" << Qt::endl;
        return ExitUsage;
    }
    QUrl url;
    QByteArray pem;
    if (!serverFrom(parser, serverOption, caOption, &url, &pem))
        return ExitUsage;
    const QString password = mts::readSecretLine("Password: ");
    if (password.isEmpty()) {
        err() << "mattranso-cli login: no password given" << Qt::endl;
        return ExitUsage;
    }
    QNetworkAccessManager network;
    mts::AccountSession session(mts::ServerConnection(&network, url, mts::ServerCertificatePin::fromPem(pem)),
        mts::AccountDirectory(), [](const QString &ns) { return std::make_unique<mts::KeychainSecretStore>(ns); });
    int exitCode = ExitFailure;
    QObject::connect(&session, &mts::AccountSession::failed, &session, [&exitCode](const QString &message) {
        err() << "mattranso-cli: " << message << Qt::endl;
        exitCode = ExitFailure;
        QCoreApplication::quit();
    });
    QObject::connect(&session, &mts::AccountSession::stateChanged, &session,
        [&session, &exitCode](mts::AccountSession::State state) {
            if (state != mts::AccountSession::State::Unlocked)
                return;
            const mts::Identity &who = session.identity();
            out() << "signed in: " << who.username << Qt::endl;
            out() << "name: " << who.displayName << Qt::endl;
            out() << "role: " << who.role << Qt::endl;
            out() << "unit: " << who.unit << Qt::endl;
            out() << "account folder: " << session.accountFolder() << Qt::endl;
            out() << "secrets: "
                  << (session.usesVaultFallback() ? "vault file (no system keychain)" : "system keychain") << Qt::endl;
            exitCode = ExitOk;
            // Let the refresh token reach the keychain before leaving.
            QTimer::singleShot(500, QCoreApplication::instance(), &QCoreApplication::quit);
        });
    session.signInWithPassword(parser.value(userOption), password);
    QCoreApplication::exec();
    return exitCode;
}

int runStatus(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Shows whether the server is reachable and which versions it runs."));
    parser.addHelpOption();
    const QCommandLineOption serverOption(QStringLiteral("server"),
        QStringLiteral("Server URL (default: the one in the settings)."), QStringLiteral("url"));
    const QCommandLineOption caOption(QStringLiteral("ca"),
        QStringLiteral("PEM certificate to trust for this server (default: the pinned one in the settings)."),
        QStringLiteral("file"));
    parser.addOption(serverOption);
    parser.addOption(caOption);
    parser.process(arguments);

    mts::ClientSettings settings;
    const QUrl url = parser.isSet(serverOption) ? QUrl(parser.value(serverOption)) : settings.serverUrl();
    QByteArray pem = settings.pinnedCertificatePem();
    if (parser.isSet(caOption)) {
        QFile file(parser.value(caOption));
        if (!file.open(QIODevice::ReadOnly)) {
            err() << "mattranso-cli: cannot read " << file.fileName() << ": " << file.errorString() << Qt::endl;
            return ExitUsage;
        }
        pem = file.readAll();
        if (mts::ServerCertificatePin::fromPem(pem).isEmpty()) {
            err() << "mattranso-cli: " << file.fileName() << " holds no PEM certificate" << Qt::endl;
            return ExitUsage;
        }
    }

    QNetworkAccessManager network;
    auto *probe = new mts::ServerProbe(
        mts::ServerConnection(&network, url, mts::ServerCertificatePin::fromPem(pem)), QCoreApplication::instance());
    int exitCode = ExitFailure;
    QObject::connect(probe, &mts::ServerProbe::finished, QCoreApplication::instance(),
        [&exitCode, url](const mts::ServerStatus &status) {
            out() << "server: " << url.toString() << Qt::endl;
            out() << "status: " << statusName(status.error) << Qt::endl;
            out() << "client_version: " << mts::buildinfo::version << Qt::endl;
            if (!status.version.serverVersion.isEmpty()) {
                out() << "server_version: " << status.version.serverVersion << Qt::endl;
                out() << "protocol_version: " << status.version.protocolVersion << Qt::endl;
                out() << "min_client_version: " << status.version.minimumClientVersion << Qt::endl;
            }
            if (status.roundTripMs >= 0)
                out() << "round_trip_ms: " << status.roundTripMs << Qt::endl;
            if (!status.isOk()) {
                err() << status.message << Qt::endl;
                if (!status.detail.isEmpty())
                    err() << "detail: " << status.detail << Qt::endl;
                if (!status.peerCertificate.isNull())
                    err() << "certificate sha256: " << mts::ServerCertificatePin::fingerprint(status.peerCertificate)
                          << Qt::endl;
            }
            exitCode = status.isOk() ? ExitOk : ExitFailure;
            QCoreApplication::quit();
        });
    probe->start();
    QCoreApplication::exec();
    return exitCode;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("MTTQVN"));
    QCoreApplication::setApplicationName(QStringLiteral("mattranso"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(mts::buildinfo::version));

    QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.value(1);
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        out() << "mattranso-cli " << mts::buildinfo::version << " (protocol " << mts::buildinfo::protocolVersion << ")"
              << Qt::endl;
        return ExitOk;
    }
    if (command == QLatin1String("status")) {
        arguments.removeAt(1);
        return runStatus(arguments);
    }
    if (command == QLatin1String("login")) {
        arguments.removeAt(1);
        return runLogin(arguments);
    }
    const bool askedForHelp = command == QLatin1String("--help") || command == QLatin1String("-h");
    (askedForHelp ? out() : err()) << "Usage: mattranso-cli <command> [options]\n"
                                      "\n"
                                      "Commands:\n"
                                      "  status [--server URL] [--ca FILE]   server reachability and versions\n"
                                      "  login --username NAME [--server URL] [--ca FILE]\n"
                                      "                                      sign in (password prompt or stdin)\n"
                                      "\n"
                                      "Options:\n"
                                      "  --version                           print the version and exit\n"
                                      "  --help                              show this help\n"
                                      "\n"
                                      "Run 'mattranso-cli <command> --help' for a command's options.\n";
    (askedForHelp ? out() : err()).flush();
    return askedForHelp ? ExitOk : ExitUsage;
}
