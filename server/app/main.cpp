// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/demodata.h"
#include "server/core/serverconfig.h"
#include "server/core/serverdatabase.h"
#include "server/core/shutdownsignal.h"
#include "server/core/tlsmaterial.h"
#include "server/http/apiserver.h"
#include <mts/buildinfo.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QTextStream>

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

const char usage[] = "Usage: mattranso-server <command> [options]\n"
                     "\n"
                     "Commands:\n"
                     "  serve     run the HTTPS API (see 'mattranso-server serve --help')\n"
                     "\n"
                     "Options:\n"
                     "  --version print the version and exit\n"
                     "  --help    show this help\n";

int serve(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs the Mặt trận số sync server over HTTPS.\n"
        "Settings come from defaults, then the config file ([server] section), then MTS_SERVER_* environment "
        "variables, then these options; later sources win."));
    parser.addHelpOption();
    const QList<QCommandLineOption> valueOptions {
        { QStringLiteral("data"), QStringLiteral("Data folder (created on first run)."), QStringLiteral("dir") },
        { QStringLiteral("listen"), QStringLiteral("Address and port, default 127.0.0.1:8443 (port 0: any free)."),
            QStringLiteral("host:port") },
        { QStringLiteral("config"), QStringLiteral("INI config file."), QStringLiteral("file") },
        { QStringLiteral("max-body-bytes"), QStringLiteral("Largest request body accepted (default 16 MiB)."),
            QStringLiteral("n") },
        { QStringLiteral("tls-certificate"), QStringLiteral("PEM certificate (default: self-signed in DATA/tls)."),
            QStringLiteral("file") },
        { QStringLiteral("tls-key"), QStringLiteral("PEM private key for --tls-certificate."), QStringLiteral("file") },
        { QStringLiteral("log-rules"), QStringLiteral("Logging filter rules, e.g. mts.*.debug=true."),
            QStringLiteral("rules") },
    };
    parser.addOptions(valueOptions);
    const QCommandLineOption demoOption(QStringLiteral("demo"), QStringLiteral("Seed demo data (idempotent)."));
    parser.addOption(demoOption);
    if (!parser.parse(arguments)) {
        err() << "mattranso-server serve: " << parser.errorText() << "\n" << parser.helpText();
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err() << "mattranso-server serve: unexpected argument " << parser.positionalArguments().constFirst() << "\n";
        return ExitUsage;
    }

    QHash<QString, QString> flags;
    for (const QCommandLineOption &option : valueOptions) {
        const QString name = option.names().constFirst();
        if (parser.isSet(option))
            flags.insert(QString(name).replace(u'-', u'_'), parser.value(option));
    }
    const auto config = mts::ServerConfig::load(flags, QProcessEnvironment::systemEnvironment());
    if (!config) {
        err() << "mattranso-server: " << config.error().message << Qt::endl;
        return ExitUsage;
    }
    const mts::ServerConfig &settings = config.value();
    if (!settings.logRules.isEmpty())
        QLoggingCategory::setFilterRules(QString(settings.logRules).replace(u',', u'\n'));

    if (!QDir().mkpath(settings.dataDir)) {
        err() << "mattranso-server: cannot create the data folder " << settings.dataDir << Qt::endl;
        return ExitFailure;
    }
    mts::ServerDatabase database(QDir(settings.dataDir).filePath(QStringLiteral("server.sqlite")));
    if (const auto opened = database.open(); !opened) {
        err() << "mattranso-server: " << opened.error().message << Qt::endl;
        return ExitFailure;
    }
    if (parser.isSet(demoOption)) {
        QSqlDatabase db = database.connection();
        const auto seeded = mts::DemoData::seed(db);
        if (!seeded) {
            err() << "mattranso-server: demo data: " << seeded.error().message << Qt::endl;
            return ExitFailure;
        }
        out() << "demo data: " << seeded.value() << " new rows" << Qt::endl;
    }

    const auto tls = settings.tlsCertificateFile.isEmpty()
        ? mts::TlsMaterial::loadOrCreateSelfSigned(settings.dataDir)
        : mts::TlsMaterial::load(settings.tlsCertificateFile, settings.tlsKeyFile);
    if (!tls) {
        err() << "mattranso-server: " << tls.error().message << Qt::endl;
        return ExitFailure;
    }

    // Before announcing the address: a supervisor may send SIGTERM as soon as it sees it.
    mts::ShutdownSignal shutdown;
    mts::ApiServer api(&database, settings.maxBodyBytes);
    if (const auto listening = api.listen(settings.listenAddress, settings.port, tls.value()); !listening) {
        err() << "mattranso-server: " << listening.error().message << Qt::endl;
        return ExitFailure;
    }
    QString host = settings.listenAddress.toString();
    if (settings.listenAddress.protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + host + u']';
    out() << "certificate sha256: " << tls.value().fingerprint() << Qt::endl;
    out() << "certificate file: " << tls.value().certificateFile() << Qt::endl;
    out() << "listening on https://" << host << ':' << api.port() << Qt::endl;

    QObject::connect(&shutdown, &mts::ShutdownSignal::requested, &api, [&api](int signalNumber) {
        qInfo("signal %d: shutting down", signalNumber);
        api.close();
        QCoreApplication::quit();
    });
    const int code = QCoreApplication::exec();
    out() << "stopped" << Qt::endl;
    return code;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mattranso-server"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(mts::buildinfo::version));
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-debug}D%{endif}%{if-info}I%{endif}"
                                      "%{if-warning}W%{endif}%{if-critical}C%{endif}%{if-fatal}F%{endif} "
                                      "%{category}: %{message}"));

    QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.value(1);
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        out() << "mattranso-server " << mts::buildinfo::version << " (protocol " << mts::buildinfo::protocolVersion
              << ", minimum client " << mts::buildinfo::minimumClientVersion << ")" << Qt::endl;
        return ExitOk;
    }
    if (command == QLatin1String("serve")) {
        arguments.removeAt(1);
        return serve(arguments);
    }
    if (command == QLatin1String("--help") || command == QLatin1String("-h")) {
        out() << usage;
        return ExitOk;
    }
    err() << (command.isEmpty() ? QStringLiteral("mattranso-server: no command given\n")
                                : QStringLiteral("mattranso-server: unknown command '%1'\n").arg(command))
          << usage;
    return ExitUsage;
}
