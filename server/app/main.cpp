// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/auditkeys.h"
#include "server/core/blobservice.h"
#include "server/core/demodata.h"
#include "server/core/externalissuer.h"
#include "server/core/loginthrottle.h"
#include "server/core/oidcprovider.h"
#include "server/core/serverconfig.h"
#include "server/core/serverdatabase.h"
#include "server/core/shutdownsignal.h"
#include "server/core/signingkeys.h"
#include "server/core/syncaudit.h"
#include "server/core/syncservice.h"
#include "server/core/syncstoragefactory.h"
#include "server/core/tlsmaterial.h"
#include "server/core/userdirectory.h"
#include "server/http/apiserver.h"
#include "shared/consoleinput.h"
#include <mts/buildinfo.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QTextStream>
#include <QThreadPool>
#include <QTimer>

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

const char usage[]
    = "Usage: mattranso-server <command> [options]\n"
      "\n"
      "Commands:\n"
      "  serve                    run the HTTPS API\n"
      "  user add NAME --role ROLE --unit SCOPE [--display-name TEXT] [--password-stdin]\n"
      "  user list\n"
      "  user disable NAME | user enable NAME\n"
      "  user set-password NAME [--password-stdin]\n"
      "  user set-role NAME --role ROLE --unit SCOPE\n"
      "  unit import FILE.csv [--skip-bad]\n"
      "  unit list\n"
      "  client add ID --redirect-uri URI [--redirect-uri URI…] [--name TEXT] [--alg RS256|EdDSA]\n"
      "  keys rotate [--alg RS256|EdDSA]   new signing key; the old one verifies until pruned\n"
      "  keys prune --older-than DAYS      forget keys retired more than DAYS ago\n"
      "  audit verify [--database URL]     check the sync data's hash chains, checksums and checkpoints\n"
      "  audit checkpoint [--database URL] sign a checkpoint of every bucket head now (if any changed)\n"
      "  audit rotate-key                  new checkpoint signing key; the old one verifies its checkpoints\n"
      "\n"
      "Every command takes --data DIR or --config FILE (see 'mattranso-server serve --help').\n"
      "Roles: commune_cadre, commune_chair (unit C:xxxxx), provincial_staff (P:xx),\n"
      "central_admin (national), auditor (any).\n"
      "\n"
      "Options:\n"
      "  --version print the version and exit\n"
      "  --help    show this help\n";

/// The options every command shares: where the data is and how the server is configured.
QList<QCommandLineOption> configurationOptions()
{
    return {
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
        { QStringLiteral("database"),
            QStringLiteral(
                "Sync data in PostgreSQL (postgresql://user:password@host:port/db); default: SQLite in DATA."),
            QStringLiteral("url") },
        { QStringLiteral("max-blob-bytes"), QStringLiteral("Largest file one upload may send (default 50 MiB)."),
            QStringLiteral("n") },
        { QStringLiteral("max-user-blob-bytes"),
            QStringLiteral("Files one user may store, uploads included (default 2 GiB)."), QStringLiteral("n") },
        { QStringLiteral("public-url"),
            QStringLiteral("The https:// address clients use (the OpenID issuer); default from --listen."),
            QStringLiteral("url") },
    };
}

/// The configuration from flags, environment and file; prints the error and returns nullopt when it is wrong.
std::optional<mts::ServerConfig> loadConfig(const QCommandLineParser &parser)
{
    QHash<QString, QString> flags;
    for (const QCommandLineOption &option : configurationOptions()) {
        if (parser.isSet(option))
            flags.insert(QString(option.names().constFirst()).replace(u'-', u'_'), parser.value(option));
    }
    const auto config = mts::ServerConfig::load(flags, QProcessEnvironment::systemEnvironment());
    if (!config) {
        err() << "mattranso-server: " << config.error().message << Qt::endl;
        return std::nullopt;
    }
    if (!config.value().logRules.isEmpty())
        QLoggingCategory::setFilterRules(QString(config.value().logRules).replace(u',', u'\n'));
    return config.value();
}

/// Opens (creating and migrating) the database of a data folder; prints the error and returns null on failure.
std::unique_ptr<mts::ServerDatabase> openDatabase(const mts::ServerConfig &config)
{
    if (!QDir().mkpath(config.dataDir)) {
        err() << "mattranso-server: cannot create the data folder " << config.dataDir << Qt::endl;
        return nullptr;
    }
    auto database
        = std::make_unique<mts::ServerDatabase>(QDir(config.dataDir).filePath(QStringLiteral("server.sqlite")));
    if (const auto opened = database->open(); !opened) {
        err() << "mattranso-server: " << opened.error().message << Qt::endl;
        return nullptr;
    }
    return database;
}

/// What every command works on: the configuration, the opened database and the accounts in it.
struct DataFolder {
    mts::ServerConfig config;
    std::unique_ptr<mts::ServerDatabase> database;
    std::unique_ptr<mts::UserDirectory> users;
};

/// Loads the configuration and opens the data folder; prints why and sets `exitCode` when it cannot.
std::unique_ptr<DataFolder> openDataFolder(const QCommandLineParser &parser, int *exitCode)
{
    auto config = loadConfig(parser);
    if (!config) {
        *exitCode = ExitUsage;
        return nullptr;
    }
    auto database = openDatabase(*config);
    if (!database) {
        *exitCode = ExitFailure;
        return nullptr;
    }
    auto folder = std::make_unique<DataFolder>();
    folder->config = std::move(*config);
    folder->database = std::move(database);
    folder->users = std::make_unique<mts::UserDirectory>(folder->database.get());
    return folder;
}

/// Parses a command's options; on --help prints and returns ExitOk through `exitCode`.
bool parseCommand(QCommandLineParser &parser, const QStringList &arguments, const QString &name, int *exitCode)
{
    parser.addHelpOption();
    parser.addOptions(configurationOptions());
    if (!parser.parse(arguments)) {
        err() << "mattranso-server " << name << ": " << parser.errorText() << "\n";
        *exitCode = ExitUsage;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        *exitCode = ExitOk;
        return false;
    }
    return true;
}

/// What a checkpoint run did, in one line.
QString describeCheckpoint(const mts::CheckpointOutcome &outcome)
{
    switch (outcome.kind) {
    case mts::CheckpointOutcome::Kind::Written:
        return QStringLiteral("checkpoint %1 signed (buckets: %2)").arg(outcome.number).arg(outcome.buckets);
    case mts::CheckpointOutcome::Kind::Unchanged:
        return outcome.number == 0
            ? QStringLiteral("no checkpoint: there are no buckets yet")
            : QStringLiteral("no checkpoint: nothing changed since checkpoint %1").arg(outcome.number);
    case mts::CheckpointOutcome::Kind::Raced:
        return QStringLiteral("no checkpoint: another server wrote checkpoint %1 meanwhile").arg(outcome.number);
    }
    return {};
}

int serve(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs the Mặt trận số sync server over HTTPS.\n"
        "Settings come from defaults, then the config file ([server] section), then MTS_SERVER_* environment "
        "variables, then these options; later sources win."));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
        QStringLiteral("Seed demo units and demo accounts (idempotent; never on a real server)."));
    parser.addOption(demoOption);
    int exitCode = ExitOk;
    if (!parseCommand(parser, arguments, QStringLiteral("serve"), &exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty()) {
        err() << "mattranso-server serve: unexpected argument " << parser.positionalArguments().constFirst() << "\n";
        return ExitUsage;
    }
    const auto data = openDataFolder(parser, &exitCode);
    if (!data)
        return exitCode;
    const mts::ServerConfig &config = data->config;
    mts::ServerDatabase *database = data->database.get();
    mts::UserDirectory &users = *data->users;
    if (parser.isSet(demoOption)) {
        QSqlDatabase db = database->connection();
        const auto seeded = mts::DemoData::seed(db);
        const auto accounts = seeded ? mts::DemoData::seedAccounts(users) : seeded;
        if (!accounts) {
            err() << "mattranso-server: demo data: " << accounts.error().message << Qt::endl;
            return ExitFailure;
        }
        out() << "demo data: " << seeded.value() << " new rows, " << accounts.value() << " new accounts" << Qt::endl;
        out() << "demo accounts (password " << mts::DemoData::demoPassword() << "):" << Qt::endl;
        for (const auto &account : mts::DemoData::accounts())
            out() << "  " << account.username << "  " << account.role << "  " << account.unit << "  "
                  << account.displayName << Qt::endl;
    }

    const auto tls = config.tlsCertificateFile.isEmpty()
        ? mts::TlsMaterial::loadOrCreateSelfSigned(config.dataDir)
        : mts::TlsMaterial::load(config.tlsCertificateFile, config.tlsKeyFile);
    if (!tls) {
        err() << "mattranso-server: " << tls.error().message << Qt::endl;
        return ExitFailure;
    }
    mts::SigningKeys keys(database);
    if (const auto ready = keys.ensureKeys(); !ready) {
        err() << "mattranso-server: signing keys: " << ready.error().message << Qt::endl;
        return ExitFailure;
    }
    mts::LoginThrottle throttle;
    mts::OidcProvider oidc(database, &users, &keys, &throttle, mts::OidcSettings {});
    if (const auto registered = oidc.ensureDesktopClient(); !registered) {
        err() << "mattranso-server: " << registered.error().message << Qt::endl;
        return ExitFailure;
    }

    // External issuer mode: its tokens are trusted for the API and the built-in provider is not served.
    std::unique_ptr<mts::ExternalIssuer> external;
    if (!config.externalIssuer.isEmpty()) {
        mts::ExternalIssuer::Settings settings;
        settings.issuer = QUrl(config.externalIssuer);
        if (!config.externalAudience.isEmpty())
            settings.audience = config.externalAudience;
        settings.roleClaim = config.roleClaim;
        settings.unitClaim = config.unitClaim;
        if (!config.externalCaFile.isEmpty()) {
            QFile ca(config.externalCaFile);
            if (!ca.open(QIODevice::ReadOnly)) {
                err() << "mattranso-server: cannot read " << ca.fileName() << ": " << ca.errorString() << Qt::endl;
                return ExitUsage;
            }
            settings.trustedCertificates = QSslCertificate::fromData(ca.readAll(), QSsl::Pem);
        }
        external = std::make_unique<mts::ExternalIssuer>(settings);
        if (const auto keys = external->refreshKeys(); !keys)
            qWarning("the external issuer is not reachable yet (%s); its keys are fetched on the first request",
                qPrintable(keys.error().message));
        out() << "trusting external issuer: " << config.externalIssuer << Qt::endl;
    }

    auto storage = mts::makeSyncStorage(config.database, QDir(config.dataDir).filePath(QStringLiteral("sync.sqlite")));
    if (const auto opened = storage->open(); !opened) {
        err() << "mattranso-server: sync storage (" << storage->backendName() << "): " << opened.error().message
              << Qt::endl;
        return ExitFailure;
    }
    // Communes never change province; the answers are cached (a push asks once per op).
    QMutex provinceMutex;
    QHash<QString, QString> provinces;
    const mts::AccessPolicy policy([&](const QString &commune) -> std::optional<QString> {
        QMutexLocker lock(&provinceMutex);
        if (const auto it = provinces.constFind(commune); it != provinces.constEnd())
            return *it;
        lock.unlock();
        const auto province = users.provinceOf(commune);
        if (province) {
            lock.relock();
            provinces.insert(commune, *province);
        }
        return province;
    });
    mts::SyncService sync(storage.get(), &policy);
    mts::BlobService blobs(storage.get(), &policy,
        { config.maxBlobBytes, config.maxUserBlobBytes, qint64(config.blobSessionHours) * 3600 * 1000 });
    out() << "sync storage: " << storage->backendName() << Qt::endl;

    // Signed checkpoints of every bucket head (DESIGN.md, "Audit"): one at start and one per interval, each only if
    // something changed. They run on a thread of their own, at most one at a time, so the event loop never waits
    // for the database; the thread never expires, so it keeps its database connections. Declared after the
    // storage and the keys: the pool's destructor waits for a running checkpoint before they go.
    mts::AuditKeys auditKeys(database);
    QThreadPool checkpointPool;
    checkpointPool.setMaxThreadCount(1);
    checkpointPool.setExpiryTimeout(-1);
    QTimer checkpointTimer;
    if (config.auditCheckpointSeconds > 0) {
        if (const auto ready = auditKeys.ensureKey(); !ready) {
            err() << "mattranso-server: audit key: " << ready.error().message << Qt::endl;
            return ExitFailure;
        }
        const auto writeCheckpoint = [&checkpointPool, &storage, &auditKeys]() {
            (void)checkpointPool.tryStart([&storage, &auditKeys]() {
                const auto written
                    = mts::SyncAudit::checkpoint(*storage, auditKeys, QDateTime::currentMSecsSinceEpoch());
                // An unchanged state is the common case on a quiet server: not worth a line an hour.
                if (written && written.value().kind == mts::CheckpointOutcome::Kind::Unchanged)
                    qDebug("%s", qPrintable(describeCheckpoint(written.value())));
                else if (written)
                    qInfo("%s", qPrintable(describeCheckpoint(written.value())));
                else
                    qWarning("no checkpoint: %s", qPrintable(written.error().message));
            });
        };
        QObject::connect(&checkpointTimer, &QTimer::timeout, &checkpointTimer, writeCheckpoint);
        checkpointTimer.start(std::chrono::seconds(config.auditCheckpointSeconds));
        writeCheckpoint();
    }

    // Upload sessions nobody completes (DESIGN.md, "Blobs"), swept at start and every hour on a thread of their own,
    // as the checkpoints are. An idle session already answers 404, and a user's own go when they start another
    // upload: the sweep only gives back the storage of those never asked about again, so an hour's delay costs
    // nothing. Declared after the storage and the blob service: the pool's destructor waits for a running sweep.
    QThreadPool uploadSweepPool;
    uploadSweepPool.setMaxThreadCount(1);
    uploadSweepPool.setExpiryTimeout(-1);
    QTimer uploadSweepTimer;
    const auto sweepUploads = [&uploadSweepPool, &blobs]() {
        (void)uploadSweepPool.tryStart([&blobs]() {
            const auto expired = blobs.expireIdleUploads();
            if (!expired)
                qWarning("cannot expire idle uploads: %s", qPrintable(expired.error().message));
            else if (expired.value().sessions > 0)
                qInfo("expired idle upload sessions: %d (%lld bytes freed)", expired.value().sessions,
                    static_cast<long long>(expired.value().bytes));
        });
    };
    QObject::connect(&uploadSweepTimer, &QTimer::timeout, &uploadSweepTimer, sweepUploads);
    uploadSweepTimer.start(std::chrono::hours(1));
    sweepUploads();

    // Before announcing the address: a supervisor may send SIGTERM as soon as it sees it.
    mts::ShutdownSignal shutdown;
    mts::ApiServer api(database, external ? static_cast<mts::TokenAuthenticator *>(external.get()) : &oidc,
        external ? nullptr : &oidc, config.maxBodyBytes, &sync, &blobs);
    if (const auto listening = api.listen(config.listenAddress, config.port, tls.value()); !listening) {
        err() << "mattranso-server: " << listening.error().message << Qt::endl;
        return ExitFailure;
    }
    QString host = config.listenAddress.toString();
    if (config.listenAddress.protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + host + u']';
    const QString address = QStringLiteral("https://%1:%2").arg(host).arg(api.port());
    QString issuer = config.publicUrl.isEmpty() ? address : config.publicUrl;
    while (issuer.endsWith(u'/'))
        issuer.chop(1);
    // Requests are served only once the event loop runs, so no request sees the issuer unset.
    oidc.setIssuer(issuer);
    out() << "certificate sha256: " << tls.value().fingerprint() << Qt::endl;
    out() << "certificate file: " << tls.value().certificateFile() << Qt::endl;
    if (!external)
        out() << "openid issuer: " << issuer << Qt::endl;
    out() << "listening on " << address << Qt::endl;

    QObject::connect(&shutdown, &mts::ShutdownSignal::requested, &api, [&api](int signalNumber) {
        qInfo("signal %d: shutting down", signalNumber);
        api.close();
        QCoreApplication::quit();
    });
    const int code = QCoreApplication::exec();
    out() << "stopped" << Qt::endl;
    return code;
}

void printUser(const mts::UserAccount &user)
{
    out() << user.username << "\t" << mts::roleName(user.role) << "\t" << user.unit.toString() << "\t"
          << (user.disabled ? "disabled" : "active") << "\t" << user.displayName << Qt::endl;
}

/// The role and unit options of `user add` and `user set-role`, checked.
std::optional<std::pair<mts::Role, mts::Scope>> roleAndUnit(const QCommandLineParser &parser)
{
    const auto role = mts::roleFromName(parser.value(QStringLiteral("role")));
    const auto unit = mts::Scope::parse(parser.value(QStringLiteral("unit")));
    if (!role) {
        err() << "mattranso-server: --role must be commune_cadre, commune_chair, provincial_staff, central_admin or "
                 "auditor"
              << Qt::endl;
        return std::nullopt;
    }
    if (!unit) {
        err() << "mattranso-server: --unit must be national, P:<2 digits> or C:<5 digits>" << Qt::endl;
        return std::nullopt;
    }
    return std::pair { *role, *unit };
}

int userCommand(QStringList arguments)
{
    const QString action = arguments.value(1);
    arguments.removeAt(1);
    QCommandLineParser parser;
    const QCommandLineOption roleOption(QStringLiteral("role"), QStringLiteral("Role."), QStringLiteral("role"));
    const QCommandLineOption unitOption(QStringLiteral("unit"), QStringLiteral("Unit scope."), QStringLiteral("scope"));
    const QCommandLineOption nameOption(
        QStringLiteral("display-name"), QStringLiteral("Full name (họ tên)."), QStringLiteral("text"));
    const QCommandLineOption stdinOption(
        QStringLiteral("password-stdin"), QStringLiteral("Read the password from standard input (one line)."));
    parser.addOptions({ roleOption, unitOption, nameOption, stdinOption });
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("User name."));
    int exitCode = ExitOk;
    if (!parseCommand(parser, arguments, QStringLiteral("user ") + action, &exitCode))
        return exitCode;
    const auto data = openDataFolder(parser, &exitCode);
    if (!data)
        return exitCode;
    mts::UserDirectory &users = *data->users;
    const QString name = parser.positionalArguments().value(0);
    auto report = [](const auto &result) {
        if (result)
            return int(ExitOk);
        err() << "mattranso-server: " << result.error().message << Qt::endl;
        return int(result.error().code == mts::UserDirectory::Error::Storage ? ExitFailure : ExitUsage);
    };
    auto password = [&parser, &stdinOption]() {
        const QString first = mts::readSecretLine("Password: ");
        if (!parser.isSet(stdinOption) && mts::standardInputIsTerminal() && mts::readSecretLine("Again: ") != first) {
            err() << "mattranso-server: the passwords differ" << Qt::endl;
            return QString();
        }
        return first;
    };
    if (action == QLatin1String("list")) {
        const auto list = users.users();
        if (list) {
            for (const auto &user : list.value())
                printUser(user);
        }
        return report(list);
    }
    if (name.isEmpty()) {
        err() << "mattranso-server user " << action << ": give the user name" << Qt::endl;
        return ExitUsage;
    }
    if (action == QLatin1String("add")) {
        const auto binding = roleAndUnit(parser);
        if (!binding)
            return ExitUsage;
        const QString secret = password();
        if (secret.isEmpty())
            return ExitUsage;
        const auto added = users.addUser(name, parser.value(nameOption), secret, binding->first, binding->second);
        if (added)
            printUser(added.value());
        return report(added);
    }
    if (action == QLatin1String("disable") || action == QLatin1String("enable"))
        return report(users.setDisabled(name, action == QLatin1String("disable")));
    if (action == QLatin1String("set-password")) {
        const QString secret = password();
        return secret.isEmpty() ? int(ExitUsage) : report(users.setPassword(name, secret));
    }
    if (action == QLatin1String("set-role")) {
        const auto binding = roleAndUnit(parser);
        return binding ? report(users.setRole(name, binding->first, binding->second)) : int(ExitUsage);
    }
    err() << "mattranso-server: unknown user command '" << action << "'\n" << usage;
    return ExitUsage;
}

int unitCommand(QStringList arguments)
{
    const QString action = arguments.value(1);
    arguments.removeAt(1);
    QCommandLineParser parser;
    const QCommandLineOption skipBadOption(
        QStringLiteral("skip-bad"), QStringLiteral("Import the valid rows even when other rows have errors."));
    parser.addOption(skipBadOption);
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("CSV file: code,name,kind,parent_code."));
    int exitCode = ExitOk;
    if (!parseCommand(parser, arguments, QStringLiteral("unit ") + action, &exitCode))
        return exitCode;
    const auto data = openDataFolder(parser, &exitCode);
    if (!data)
        return exitCode;
    mts::UserDirectory &users = *data->users;
    if (action == QLatin1String("list")) {
        const auto units = users.units();
        if (!units) {
            err() << "mattranso-server: " << units.error().message << Qt::endl;
            return ExitFailure;
        }
        for (const auto &unit : units.value())
            out() << unit.code << "\t" << unit.kind << "\t" << unit.parentCode << "\t" << unit.name << Qt::endl;
        return ExitOk;
    }
    if (action != QLatin1String("import")) {
        err() << "mattranso-server: unknown unit command '" << action << "'\n" << usage;
        return ExitUsage;
    }
    QFile file(parser.positionalArguments().value(0));
    if (!file.open(QIODevice::ReadOnly)) {
        err() << "mattranso-server: cannot read '" << file.fileName() << "': " << file.errorString() << Qt::endl;
        return ExitUsage;
    }
    const auto report = users.importUnits(file.readAll(), parser.isSet(skipBadOption));
    if (!report) {
        err() << "mattranso-server: " << file.fileName() << ": " << report.error().message << Qt::endl;
        return ExitUsage;
    }
    for (const QString &error : report.value().errors)
        err() << file.fileName() << ": " << error << Qt::endl;
    if (!report.value().errors.isEmpty() && !parser.isSet(skipBadOption)) {
        err() << "mattranso-server: nothing imported: " << report.value().errors.size()
              << " rows have errors; fix them, or give --skip-bad to import only the valid rows" << Qt::endl;
        return ExitUsage;
    }
    out() << "imported " << report.value().imported << " units, skipped " << report.value().skipped << " bad rows"
          << Qt::endl;
    return ExitOk;
}

int clientCommand(QStringList arguments)
{
    const QString action = arguments.value(1);
    arguments.removeAt(1);
    QCommandLineParser parser;
    const QCommandLineOption redirectOption(
        QStringLiteral("redirect-uri"), QStringLiteral("Allowed redirect URI (repeatable)."), QStringLiteral("uri"));
    const QCommandLineOption nameOption(
        QStringLiteral("name"), QStringLiteral("Display name."), QStringLiteral("text"));
    const QCommandLineOption algOption(QStringLiteral("alg"),
        QStringLiteral("Token signing: RS256 (default) or EdDSA."), QStringLiteral("alg"), QStringLiteral("RS256"));
    parser.addOptions({ redirectOption, nameOption, algOption });
    parser.addPositionalArgument(QStringLiteral("id"), QStringLiteral("Client id."));
    int exitCode = ExitOk;
    if (!parseCommand(parser, arguments, QStringLiteral("client ") + action, &exitCode))
        return exitCode;
    if (action != QLatin1String("add")) {
        err() << "mattranso-server: unknown client command '" << action << "'\n" << usage;
        return ExitUsage;
    }
    const auto data = openDataFolder(parser, &exitCode);
    if (!data)
        return exitCode;
    mts::ServerDatabase *database = data->database.get();
    mts::UserDirectory &users = *data->users;
    mts::SigningKeys keys(database);
    mts::LoginThrottle throttle;
    mts::OidcProvider oidc(database, &users, &keys, &throttle, mts::OidcSettings {});
    const auto secret = oidc.addClient(parser.positionalArguments().value(0), parser.value(nameOption),
        parser.values(redirectOption), parser.value(algOption));
    if (!secret) {
        err() << "mattranso-server: " << secret.error().message << Qt::endl;
        return ExitUsage;
    }
    out() << "client_id: " << parser.positionalArguments().value(0) << Qt::endl;
    out() << "client_secret: " << secret.value() << Qt::endl;
    out() << "(the secret is shown only now; keep it in the web application's configuration)" << Qt::endl;
    return ExitOk;
}

int keysCommand(QStringList arguments)
{
    const QString action = arguments.value(1);
    arguments.removeAt(1);
    QCommandLineParser parser;
    const QCommandLineOption algOption(
        QStringLiteral("alg"), QStringLiteral("RS256 or EdDSA (default: both)."), QStringLiteral("alg"));
    const QCommandLineOption olderOption(QStringLiteral("older-than"),
        QStringLiteral("Days since retirement (at least the longest token lifetime)."), QStringLiteral("days"));
    parser.addOptions({ algOption, olderOption });
    int exitCode = ExitOk;
    if (!parseCommand(parser, arguments, QStringLiteral("keys ") + action, &exitCode))
        return exitCode;
    const auto data = openDataFolder(parser, &exitCode);
    if (!data)
        return exitCode;
    mts::SigningKeys keys(data->database.get());
    if (const auto ready = keys.ensureKeys(); !ready) {
        err() << "mattranso-server: signing keys: " << ready.error().message << Qt::endl;
        return ExitFailure;
    }
    if (action == QLatin1String("rotate")) {
        QList<mts::JwtAlgorithm> algorithms { mts::JwtAlgorithm::RS256, mts::JwtAlgorithm::EdDSA };
        if (parser.isSet(algOption)) {
            const auto algorithm = mts::jwtAlgorithmFromName(parser.value(algOption));
            if (!algorithm) {
                err() << "mattranso-server: --alg is RS256 or EdDSA" << Qt::endl;
                return ExitUsage;
            }
            algorithms = { *algorithm };
        }
        for (const mts::JwtAlgorithm algorithm : algorithms) {
            if (const auto rotated = keys.rotate(algorithm); !rotated) {
                err() << "mattranso-server: " << rotated.error().message << Qt::endl;
                return ExitFailure;
            }
            out() << "rotated " << mts::jwtAlgorithmName(algorithm) << Qt::endl;
        }
        return ExitOk;
    }
    if (action == QLatin1String("prune")) {
        bool ok = false;
        const int days = parser.value(olderOption).toInt(&ok);
        if (!ok || days < 1) {
            err() << "mattranso-server: give --older-than DAYS (at least 1)" << Qt::endl;
            return ExitUsage;
        }
        const auto pruned = keys.pruneRetired(QDateTime::currentSecsSinceEpoch() - qint64(days) * 24 * 3600);
        if (!pruned) {
            err() << "mattranso-server: " << pruned.error().message << Qt::endl;
            return ExitFailure;
        }
        out() << "pruned " << pruned.value() << " retired keys" << Qt::endl;
        return ExitOk;
    }
    err() << "mattranso-server: unknown keys command '" << action << "'\n" << usage;
    return ExitUsage;
}

int auditCommand(QStringList arguments)
{
    const QString action = arguments.value(1);
    arguments.removeAt(1);
    QCommandLineParser parser;
    int exitCode = ExitOk;
    if (!parseCommand(parser, arguments, QStringLiteral("audit ") + action, &exitCode))
        return exitCode;
    if (action != QLatin1String("verify") && action != QLatin1String("checkpoint")
        && action != QLatin1String("rotate-key")) {
        err() << "mattranso-server: unknown audit command '" << action << "'\n" << usage;
        return ExitUsage;
    }
    const auto data = openDataFolder(parser, &exitCode);
    if (!data)
        return exitCode;
    mts::AuditKeys keys(data->database.get());
    if (action == QLatin1String("rotate-key")) {
        const auto rotated = keys.rotate();
        if (!rotated) {
            err() << "mattranso-server: " << rotated.error().message << Qt::endl;
            return ExitFailure;
        }
        out() << "new audit key " << rotated.value() << "; the previous one still verifies its checkpoints" << Qt::endl;
        return ExitOk;
    }
    auto storage = mts::makeSyncStorage(
        data->config.database, QDir(data->config.dataDir).filePath(QStringLiteral("sync.sqlite")));
    if (const auto opened = storage->open(); !opened) {
        err() << "mattranso-server: sync storage (" << storage->backendName() << "): " << opened.error().message
              << Qt::endl;
        return ExitFailure;
    }
    if (action == QLatin1String("checkpoint")) {
        if (const auto ready = keys.ensureKey(); !ready) {
            err() << "mattranso-server: audit key: " << ready.error().message << Qt::endl;
            return ExitFailure;
        }
        const auto written = mts::SyncAudit::checkpoint(*storage, keys, QDateTime::currentMSecsSinceEpoch());
        if (!written) {
            err() << "mattranso-server: checkpoint: " << written.error().message << Qt::endl;
            return ExitFailure;
        }
        out() << describeCheckpoint(written.value()) << Qt::endl;
        return ExitOk;
    }
    const auto report = mts::SyncAudit::verify(*storage, keys);
    if (!report) {
        err() << "mattranso-server: audit: " << report.error().message << Qt::endl;
        return ExitFailure;
    }
    for (const QString &problem : report.value().problems)
        out() << "PROBLEM " << problem << Qt::endl;
    out() << "buckets: " << report.value().buckets << Qt::endl;
    out() << "changes: " << report.value().changes << Qt::endl;
    out() << "records: " << report.value().records << Qt::endl;
    out() << "checkpoints: " << report.value().checkpoints << Qt::endl;
    out() << (report.value().isClean() ? "audit: ok" : "audit: FAILED") << Qt::endl;
    return report.value().isClean() ? ExitOk : ExitFailure;
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
    if (command == QLatin1String("keys")) {
        arguments.removeAt(1);
        return keysCommand(arguments);
    }
    if (command == QLatin1String("audit")) {
        arguments.removeAt(1);
        return auditCommand(arguments);
    }
    if (command == QLatin1String("user") || command == QLatin1String("unit") || command == QLatin1String("client")) {
        arguments.removeAt(1);
        return command == QLatin1String("user") ? userCommand(arguments)
            : command == QLatin1String("unit")  ? unitCommand(arguments)
                                                : clientCommand(arguments);
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
