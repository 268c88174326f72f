// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/core/accountsession.h"
#include "client/core/blobstore.h"
#include "client/core/clientsettings.h"
#include "client/core/keychainsecretstore.h"
#include "client/core/recordimport.h"
#include "client/core/replicastore.h"
#include "client/core/serverprobe.h"
#include "client/core/syncengine.h"
#include "shared/consoleinput.h"
#include "shared/recordschema.h"
#include "shared/syncwire.h"
#include "shared/unitinfo.h"
#include <mts/buildinfo.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <tuple>

namespace {

/// What the process tells its caller (scripts and the crash tests branch on these).
enum ExitCode {
    ExitOk = 0,
    ExitFailure = 1, ///< the command failed; the message says why
    ExitUsage = 2, ///< wrong options, unreadable files, no password
    ExitBusy = 3, ///< another sync of this account runs (GUI or CLI)
    ExitSignIn = 4, ///< the account must sign in (online) first
    ExitUnreachable = 5, ///< the server stayed unreachable after the retries; the changes stay queued
};

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

/// The options every command on an account's replica takes.
struct AccountOptions {
    QCommandLineOption server { QStringLiteral("server"),
        QStringLiteral("Server URL (default: the one in the settings)."), QStringLiteral("url") };
    QCommandLineOption ca { QStringLiteral("ca"),
        QStringLiteral("PEM certificate to trust for this server (default: the pinned one in the settings)."),
        QStringLiteral("file") };
    QCommandLineOption username { QStringLiteral("username"), QStringLiteral("User name."), QStringLiteral("name") };

    void addTo(QCommandLineParser &parser) const { parser.addOptions({ server, ca, username }); }
};

/// An account unlocked offline with its password (prompt or one line on stdin), and its replica open.
struct OpenAccount {
    QNetworkAccessManager network;
    std::unique_ptr<mts::AccountSession> session;
    std::unique_ptr<mts::ReplicaStore> store;
    QUrl url;
    QByteArray pem;
};

/// Unlocks the account of --username and opens its replica. Prints why and returns an exit code on failure.
int openAccount(
    const QString &command, const QCommandLineParser &parser, const AccountOptions &options, OpenAccount &account)
{
    if (!parser.isSet(options.username)) {
        err() << "mattranso-cli " << command << ": give --username" << Qt::endl;
        return ExitUsage;
    }
    if (!serverFrom(parser, options.server, options.ca, &account.url, &account.pem))
        return ExitUsage;
    const QString password = mts::readSecretLine("Password: ");
    if (password.isEmpty()) {
        err() << "mattranso-cli " << command << ": no password given" << Qt::endl;
        return ExitUsage;
    }
    account.session = std::make_unique<mts::AccountSession>(
        mts::ServerConnection(&account.network, account.url, mts::ServerCertificatePin::fromPem(account.pem)),
        mts::AccountDirectory(), [](const QString &ns) { return std::make_unique<mts::KeychainSecretStore>(ns); });
    QString failure;
    QObject::connect(account.session.get(), &mts::AccountSession::failed, account.session.get(),
        [&failure](const QString &message) { failure = message; });
    // Offline unlocking is synchronous: the password unwraps the data key kept on this computer.
    account.session->unlockOffline(parser.value(options.username), password);
    if (account.session->state() != mts::AccountSession::State::Unlocked) {
        err() << "mattranso-cli: " << (failure.isEmpty() ? QStringLiteral("cannot unlock the account") : failure)
              << Qt::endl;
        return ExitSignIn;
    }
    account.store = std::make_unique<mts::ReplicaStore>(
        account.session->accountFolder() + QStringLiteral("/replica.sqlite"), account.session->dataKey());
    if (const auto opened = account.store->open(); !opened) {
        err() << "mattranso-cli: " << opened.error().message << Qt::endl;
        return ExitFailure;
    }
    return ExitOk;
}

QString dateTime(qint64 millis)
{
    return millis > 0 ? QDateTime::fromMSecsSinceEpoch(millis).toString(Qt::ISODate) : QStringLiteral("never");
}

/// The replica's sync state: what `status --username` prints.
int printReplicaStatus(mts::ReplicaStore &store)
{
    out() << "replica: " << store.filePath() << Qt::endl;
    out() << "device: " << store.deviceId() << Qt::endl;
    out() << "pending: " << store.pendingCount() << Qt::endl;
    out() << "set_aside: " << store.setAsideCount() << Qt::endl;
    out() << "last_sync: " << dateTime(store.lastSyncAt()) << Qt::endl;
    const QString lastError = store.lastSyncError();
    if (!lastError.isEmpty())
        out() << "last_error: " << lastError << Qt::endl;
    if (store.clockOffsetMillis() != 0)
        out() << "clock_offset_ms: " << store.clockOffsetMillis() << Qt::endl;
    const auto buckets = store.buckets();
    if (!buckets) {
        err() << "mattranso-cli: " << buckets.error().message << Qt::endl;
        return ExitFailure;
    }
    for (const mts::ReplicaBucket &bucket : buckets.value()) {
        out() << "bucket: " << bucket.bucket << " position=" << bucket.position << " local=" << bucket.local.toString();
        if (bucket.serverSeq >= 0) {
            out() << " server_seq=" << bucket.serverSeq
                  << " server=" << (bucket.serverChecksum ? bucket.serverChecksum->toString() : QStringLiteral("?"));
        }
        if (bucket.isFlagged())
            out() << " FLAGGED (still differs from the server after a rebuild)";
        else if (bucket.isMismatched())
            out() << " MISMATCH (the next sync rebuilds it)";
        out() << Qt::endl;
    }
    // The units the account sees, as the last sync fetched them: its own and those below it.
    const auto units = store.units();
    if (!units) {
        err() << "mattranso-cli: " << units.error().message << Qt::endl;
        return ExitFailure;
    }
    out() << "units: " << units.value().size() << " fetched=" << dateTime(store.unitsFetchedAt()) << Qt::endl;
    for (const mts::UnitInfo &unit : units.value()) {
        out() << "unit: " << unit.code << " " << unit.kind;
        if (!unit.parent.isEmpty())
            out() << " parent=" << unit.parent;
        out() << " " << unit.name << Qt::endl;
    }
    if (const auto aside = store.setAsideOps(); aside) {
        for (const mts::SetAsideOp &op : aside.value())
            out() << "set_aside_op: " << op.op.opId << " " << mts::SyncOp::typeName(op.op.type) << " record "
                  << op.op.recordId << ": " << op.reason << Qt::endl;
    }
    return ExitOk;
}

int runSync(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Sends this account's queued changes to the server and receives the changes of others.\n"
        "The password (prompt, or one line on standard input) unlocks the account's data on this computer; the "
        "account must have signed in online here before (mattranso-cli login)."));
    parser.addHelpOption();
    AccountOptions options;
    options.addTo(parser);
    const QCommandLineOption quietOption(QStringLiteral("quiet"), QStringLiteral("Print only the summary."));
    const QCommandLineOption pushBatchOption(QStringLiteral("push-batch"),
        QStringLiteral("Changes sent per request (default 1000; smaller on a poor line)."), QStringLiteral("n"));
    const QCommandLineOption pullLimitOption(QStringLiteral("pull-limit"),
        QStringLiteral("Changes received per request (default 5000; smaller on a poor line)."), QStringLiteral("n"));
    parser.addOptions({ quietOption, pushBatchOption, pullLimitOption });
    parser.process(arguments);
    mts::SyncEngine::Options tuning;
    for (const auto &[option, target, limit] :
        { std::tuple { &pushBatchOption, &tuning.pushBatch, mts::sync::maxPushOps },
            std::tuple { &pullLimitOption, &tuning.pullLimit, mts::sync::maxPullLimit } }) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        const int value = parser.value(*option).toInt(&ok);
        if (!ok || value < 1 || value > limit) {
            err() << "mattranso-cli sync: --" << option->names().constFirst() << " must be from 1 to " << limit
                  << Qt::endl;
            return ExitUsage;
        }
        *target = value;
    }

    OpenAccount account;
    if (const int code = openAccount(QStringLiteral("sync"), parser, options, account); code != ExitOk)
        return code;
    // Declared before the engine, which uses it until it is destroyed.
    mts::BlobStore blobs(account.session->accountFolder() + QStringLiteral("/blobs"), account.session->dataKey());
    mts::SyncEngine engine(account.store.get(),
        mts::ServerConnection(&account.network, account.url, mts::ServerCertificatePin::fromPem(account.pem)),
        mts::SyncEngine::credentialsOf(account.session.get()),
        account.session->accountFolder() + QStringLiteral("/sync.lock"));
    engine.setOptions(tuning);
    // The files attached to records go up before the changes that name them.
    engine.setBlobStore(&blobs);
    const bool quiet = parser.isSet(quietOption);
    QObject::connect(&engine, &mts::SyncEngine::progress, &engine, [quiet](qint64 done, qint64 total, qint64 bytes) {
        if (!quiet)
            out() << "progress: " << done << "/" << total << " (" << bytes << " bytes)" << Qt::endl;
    });
    QObject::connect(&engine, &mts::SyncEngine::clockAdjusted, &engine,
        [](const QString &message) { err() << "mattranso-cli: " << message << Qt::endl; });
    int exitCode = ExitFailure;
    QObject::connect(
        &engine, &mts::SyncEngine::finished, &engine, [&exitCode, &account](const mts::SyncEngine::Result &result) {
            out() << "pushed: " << result.pushed << Qt::endl;
            out() << "pulled: " << result.pulled << Qt::endl;
            out() << "set_aside: " << result.setAside << Qt::endl;
            out() << "pending: " << account.store->pendingCount() << Qt::endl;
            for (const QString &bucket : result.rebuiltBuckets)
                out() << "rebuilt: " << bucket << Qt::endl;
            for (const QString &bucket : result.flaggedBuckets)
                err() << "mattranso-cli: bucket " << bucket
                      << " still differs from the server after a rebuild; tell the administrator" << Qt::endl;
            using E = mts::SyncEngine::Error;
            switch (result.error) {
            case E::None:
                exitCode = ExitOk;
                break;
            case E::Busy:
                exitCode = ExitBusy;
                break;
            case E::NotSignedIn:
                exitCode = ExitSignIn;
                break;
            case E::Network:
                exitCode = ExitUnreachable;
                break;
            case E::Cancelled:
            case E::Refused:
            case E::Protocol:
            case E::Replica:
                exitCode = ExitFailure;
                break;
            }
            if (!result.isOk())
                err() << "mattranso-cli: " << result.message << Qt::endl;
            else
                out() << "sync: ok" << Qt::endl;
            QCoreApplication::quit();
        });
    QTimer::singleShot(0, &engine, &mts::SyncEngine::start);
    QCoreApplication::exec();
    return exitCode;
}

/// A field's value from text, typed by the kind's schema: a number for an integer field, true/false for a yes/no
/// field, null for empty text (clears the field), else the text (the schema check then says what is wrong).
QJsonValue typedValue(const mts::RecordKind *kind, const QString &name, const QString &text)
{
    const mts::RecordField *field = kind ? kind->field(name) : nullptr;
    if (text.isEmpty())
        return QJsonValue::Null;
    if (field && field->type == mts::FieldType::Integer) {
        bool ok = false;
        const qint64 number = text.toLongLong(&ok);
        if (ok)
            return number;
    } else if (field && field->type == mts::FieldType::Boolean) {
        if (text == QLatin1String("true") || text == QLatin1String("false"))
            return text == QLatin1String("true");
    }
    return text;
}

int runImport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Creates records offline from a CSV file (UTF-8, ',' or ';' separated; the line of field names is found "
        "among the first ten, title lines above it are skipped; a person's column \"full_name\" or \"Họ và tên\" "
        "is split into surname, middle_name and given_name; dates dd/mm/yyyy or yyyy-mm-dd, thousands may be grouped "
        "as 1.000.000, yes/no as có/không); they are queued for the next sync. Every row is checked against the "
        "kind's schema first; while any row has an error nothing is imported, unless --skip-bad, which imports the "
        "valid rows only."));
    parser.addHelpOption();
    AccountOptions options;
    options.addTo(parser);
    const QCommandLineOption kindOption(QStringLiteral("kind"), QStringLiteral("Record kind."), QStringLiteral("kind"));
    const QCommandLineOption scopeOption(
        QStringLiteral("scope"), QStringLiteral("Scope (C:00070, P:01, national)."), QStringLiteral("scope"));
    const QCommandLineOption skipOption(QStringLiteral("skip-bad"), QStringLiteral("Import the valid rows only."));
    parser.addOptions({ kindOption, scopeOption, skipOption });
    parser.addPositionalArgument(QStringLiteral("file.csv"), QStringLiteral("The rows to import."));
    parser.process(arguments);
    const QString kindName = parser.value(kindOption);
    if (!mts::RecordSchema::registry().kind(kindName) || !parser.isSet(scopeOption)
        || parser.positionalArguments().size() != 1) {
        err() << "mattranso-cli import: give --kind (a known kind), --scope and one CSV file" << Qt::endl;
        return ExitUsage;
    }
    QFile file(parser.positionalArguments().constFirst());
    if (!file.open(QIODevice::ReadOnly)) {
        err() << "mattranso-cli import: cannot read " << file.fileName() << ": " << file.errorString() << Qt::endl;
        return ExitUsage;
    }
    const auto read = mts::RecordImport::read(file.readAll(), kindName);
    if (!read) {
        err() << "mattranso-cli import: " << read.error().message << Qt::endl;
        return ExitUsage;
    }
    const mts::RecordImport &csv = read.value();
    // A line names the fields; say which it is when title lines come first, since those are not imported.
    if (csv.headerRow() > 0)
        err() << "mattranso-cli import: field names on line " << csv.nonBlankLine(csv.headerRow()).line
              << "; the lines above it are skipped" << Qt::endl;
    // Say which columns fill no field, since their values are not imported.
    const QStringList mapping = csv.mapping();
    for (qsizetype column = 0; column < mapping.size(); ++column) {
        if (mapping.at(column).isEmpty()) {
            err() << "mattranso-cli import: column " << (column + 1) << " (\"" << csv.header().at(column)
                  << "\") ignored: not a field of " << csv.kind() << " that a CSV file can fill" << Qt::endl;
        }
    }
    const QList<mts::RecordImport::CheckedRow> checked = csv.check();
    QList<QJsonObject> records;
    QStringList problems;
    for (const mts::RecordImport::CheckedRow &row : checked) {
        for (const mts::FieldProblem &problem : row.problems)
            problems.append(QStringLiteral("line %1: %2").arg(row.line).arg(problem.message));
        if (row.problems.isEmpty())
            records.append(row.fields);
    }
    for (const QString &problem : std::as_const(problems))
        err() << "mattranso-cli import: " << problem << Qt::endl;
    if (!problems.isEmpty() && !parser.isSet(skipOption)) {
        err() << "mattranso-cli import: nothing imported; fix the rows above or give --skip-bad" << Qt::endl;
        return ExitUsage;
    }
    OpenAccount account;
    if (const int code = openAccount(QStringLiteral("import"), parser, options, account); code != ExitOk)
        return code;
    // One transaction for the whole file: fast, and a failure half-way keeps none of it.
    const auto imported = mts::RecordImport::write(*account.store, csv.kind(), parser.value(scopeOption), records);
    if (!imported) {
        err() << "mattranso-cli: " << imported.error().message << "; nothing imported" << Qt::endl;
        return ExitFailure;
    }
    out() << "imported: " << imported.value() << Qt::endl;
    out() << "skipped: " << (checked.size() - records.size()) << Qt::endl;
    return ExitOk;
}

int runPut(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Creates or updates a record offline; the change is queued for the next sync. Values are typed by the "
        "record kind's schema (numbers for integer fields, true/false for yes/no fields); field= clears a field."));
    parser.addHelpOption();
    AccountOptions options;
    options.addTo(parser);
    const QCommandLineOption kindOption(
        QStringLiteral("kind"), QStringLiteral("Record kind (person, …)."), QStringLiteral("kind"));
    const QCommandLineOption scopeOption(
        QStringLiteral("scope"), QStringLiteral("Scope (C:00070, P:01, national)."), QStringLiteral("scope"));
    const QCommandLineOption idOption(
        QStringLiteral("id"), QStringLiteral("Record id to update (or to create with)."), QStringLiteral("id"));
    const QCommandLineOption uncheckedOption(QStringLiteral("unchecked"),
        QStringLiteral("Queue the values even when the schema refuses them (the server will reject them)."));
    parser.addOptions({ kindOption, scopeOption, idOption, uncheckedOption });
    parser.addPositionalArgument(QStringLiteral("field=value"), QStringLiteral("Fields to set."));
    parser.process(arguments);
    if (!parser.isSet(kindOption) || !parser.isSet(scopeOption)) {
        err() << "mattranso-cli put: give --kind and --scope" << Qt::endl;
        return ExitUsage;
    }
    const QString kind = parser.value(kindOption);
    const auto recordKind = mts::RecordSchema::registry().kind(kind);
    QJsonObject fields;
    for (const QString &argument : parser.positionalArguments()) {
        const qsizetype equals = argument.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            err() << "mattranso-cli put: '" << argument << "' is not field=value" << Qt::endl;
            return ExitUsage;
        }
        const QString name = argument.left(equals);
        fields.insert(name, typedValue(recordKind, name, argument.mid(equals + 1)));
    }

    OpenAccount account;
    if (const int code = openAccount(QStringLiteral("put"), parser, options, account); code != ExitOk)
        return code;
    const QString id = parser.value(idOption);
    const bool exists = !id.isEmpty() && account.store->recordState(id).isOk();
    if (!parser.isSet(uncheckedOption)) {
        const auto problems = mts::RecordSchema::registry().validate(kind, fields, !exists);
        for (const mts::FieldProblem &problem : problems)
            err() << "mattranso-cli put: " << problem.message << Qt::endl;
        if (!problems.isEmpty())
            return ExitUsage;
    }
    const auto saved = account.store->saveLocal(kind, parser.value(scopeOption), id, fields);
    if (!saved) {
        err() << "mattranso-cli: " << saved.error().message << Qt::endl;
        return saved.error().code == mts::ReplicaStore::Error::InvalidArgument ? ExitUsage : ExitFailure;
    }
    out() << (exists ? "updated: " : "created: ") << saved.value() << Qt::endl;
    out() << "pending: " << account.store->pendingCount() << Qt::endl;
    return ExitOk;
}

int runDumpState(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Prints the hash of the replica's server state (every record's id, version, fields and deletion), which "
        "equals another replica's or the server's exactly when they hold the same records."));
    parser.addHelpOption();
    AccountOptions options;
    options.addTo(parser);
    parser.process(arguments);
    OpenAccount account;
    if (const int code = openAccount(QStringLiteral("dump-state"), parser, options, account); code != ExitOk)
        return code;
    const auto hash = account.store->stateHash();
    if (!hash) {
        err() << "mattranso-cli: " << hash.error().message << Qt::endl;
        return ExitFailure;
    }
    out() << "state_hash: " << hash.value() << Qt::endl;
    out() << "pending: " << account.store->pendingCount() << Qt::endl;
    out() << "set_aside: " << account.store->setAsideCount() << Qt::endl;
    return ExitOk;
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
    const QCommandLineOption userOption(QStringLiteral("username"),
        QStringLiteral("Show this account's replica instead (pending, set aside, last sync, buckets, units); asks "
                       "for its password and works offline."),
        QStringLiteral("name"));
    parser.addOption(serverOption);
    parser.addOption(caOption);
    parser.addOption(userOption);
    parser.process(arguments);

    if (parser.isSet(userOption)) {
        AccountOptions options;
        options.server = serverOption;
        options.ca = caOption;
        options.username = userOption;
        OpenAccount account;
        if (const int code = openAccount(QStringLiteral("status"), parser, options, account); code != ExitOk)
            return code;
        out() << "server: " << account.url.toString() << Qt::endl;
        return printReplicaStatus(*account.store);
    }

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
    if (command == QLatin1String("sync")) {
        arguments.removeAt(1);
        return runSync(arguments);
    }
    if (command == QLatin1String("import")) {
        arguments.removeAt(1);
        return runImport(arguments);
    }
    if (command == QLatin1String("put")) {
        arguments.removeAt(1);
        return runPut(arguments);
    }
    if (command == QLatin1String("dump-state")) {
        arguments.removeAt(1);
        return runDumpState(arguments);
    }
    const bool askedForHelp = command == QLatin1String("--help") || command == QLatin1String("-h");
    (askedForHelp ? out() : err()) << "Usage: mattranso-cli <command> [options]\n"
                                      "\n"
                                      "Commands:\n"
                                      "  status [--server URL] [--ca FILE]   server reachability and versions\n"
                                      "  status --username NAME [--server URL]\n"
                                      "                                      the account's replica: pending, set "
                                      "aside, buckets, units\n"
                                      "  login --username NAME [--server URL] [--ca FILE]\n"
                                      "                                      sign in (password prompt or stdin)\n"
                                      "  sync --username NAME [--server URL] [--ca FILE]\n"
                                      "                                      send queued changes, receive others'\n"
                                      "  put --username NAME --kind KIND --scope SCOPE [--id ID] field=value...\n"
                                      "                                      create or update a record offline\n"
                                      "  import --username NAME --kind KIND --scope SCOPE [--skip-bad] FILE.csv\n"
                                      "                                      create records offline from a CSV file\n"
                                      "  dump-state --username NAME [--server URL]\n"
                                      "                                      print the replica's state hash\n"
                                      "\n"
                                      "Exit codes: 0 ok, 1 failed, 2 usage, 3 another sync runs, 4 sign in first,\n"
                                      "            5 server unreachable (changes stay queued)\n"
                                      "\n"
                                      "Options:\n"
                                      "  --version                           print the version and exit\n"
                                      "  --help                              show this help\n"
                                      "\n"
                                      "Run 'mattranso-cli <command> --help' for a command's options.\n";
    (askedForHelp ? out() : err()).flush();
    return askedForHelp ? ExitOk : ExitUsage;
}
