// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverconfig.h"

#include <QFileInfo>
#include <QSettings>
#include <QUrl>

namespace mts {

namespace {

const QString dataKey = QStringLiteral("data");
const QString listenKey = QStringLiteral("listen");
const QString maxBodyKey = QStringLiteral("max_body_bytes");
const QString certificateKey = QStringLiteral("tls_certificate");
const QString keyKey = QStringLiteral("tls_key");
const QString logRulesKey = QStringLiteral("log_rules");
const QString publicUrlKey = QStringLiteral("public_url");
const QString externalIssuerKey = QStringLiteral("oidc_external_issuer");
const QString externalAudienceKey = QStringLiteral("oidc_external_audience");
const QString externalCaKey = QStringLiteral("oidc_external_ca");
const QString roleClaimKey = QStringLiteral("oidc_role_claim");
const QString unitClaimKey = QStringLiteral("oidc_unit_claim");
const QString databaseKey = QStringLiteral("database");
const QString configKey = QStringLiteral("config");
const QString maxBlobKey = QStringLiteral("max_blob_bytes");
const QString maxUserBlobKey = QStringLiteral("max_user_blob_bytes");
const QString auditCheckpointKey = QStringLiteral("audit_checkpoint_seconds");
// A week: at most a week of changes is vouched for by the per-bucket chains alone (and the milliseconds fit a
// QTimer's int).
constexpr int maxAuditCheckpointSeconds = 7 * 24 * 3600;
const QString blobSessionKey = QStringLiteral("blob_session_hours");
// A year: any longer and an abandoned upload may as well never expire.
constexpr int maxBlobSessionHours = 365 * 24;

QString environmentName(const QString &key)
{
    return QStringLiteral("MTS_SERVER_") + key.toUpper();
}

} // namespace

QStringList ServerConfig::keys()
{
    return { dataKey, listenKey, maxBodyKey, certificateKey, keyKey, logRulesKey, publicUrlKey, externalIssuerKey,
        externalAudienceKey, externalCaKey, roleClaimKey, unitClaimKey, databaseKey, maxBlobKey, maxUserBlobKey,
        auditCheckpointKey, blobSessionKey };
}

bool ServerConfig::parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint value = QStringView(text).mid(colon + 1).toUInt(&ok);
    if (!ok || value > 65535)
        return false;
    QHostAddress parsed;
    if (host == QLatin1String("localhost"))
        parsed = QHostAddress(QHostAddress::LocalHost);
    else if (!parsed.setAddress(host))
        return false;
    *address = parsed;
    *port = static_cast<quint16>(value);
    return true;
}

Result<ServerConfig, ServerConfig::Error> ServerConfig::load(
    const QHash<QString, QString> &flags, const QProcessEnvironment &env)
{
    // Merge the sources key by key; remember where each value came from so an error can say so.
    QHash<QString, QString> values;
    QHash<QString, QString> origin;

    const QString configFile = flags.value(configKey, env.value(environmentName(configKey)));
    if (!configFile.isEmpty()) {
        const QFileInfo info(configFile);
        if (!info.isFile() || !info.isReadable())
            return mts::Error<ServerConfig::Error> { Error::UnreadableFile,
                QStringLiteral("cannot read the config file %1").arg(configFile) };
        QSettings file(configFile, QSettings::IniFormat);
        if (file.status() != QSettings::NoError)
            return mts::Error<ServerConfig::Error> { Error::UnreadableFile,
                QStringLiteral("the config file %1 is not a valid INI file").arg(configFile) };
        file.beginGroup(QStringLiteral("server"));
        for (const QString &key : file.childKeys()) {
            // QSettings treats only ';' as a comment; administrators also write '#' comments.
            if (key.startsWith(u'#'))
                continue;
            if (!keys().contains(key))
                return mts::Error<ServerConfig::Error> { Error::BadValue,
                    QStringLiteral("%1: unknown key [server] %2 (known: %3)")
                        .arg(configFile, key, keys().join(QStringLiteral(", "))) };
            // QSettings splits unquoted values at commas; join them back so rules like "a=1,b=2"... stay whole.
            const QVariant value = file.value(key);
            values[key] = value.typeId() == QMetaType::QStringList ? value.toStringList().join(u',') : value.toString();
            origin[key] = configFile;
        }
    }
    for (const QString &key : keys()) {
        const QString name = environmentName(key);
        if (env.contains(name)) {
            values[key] = env.value(name);
            origin[key] = QStringLiteral("environment variable ") + name;
        }
        if (flags.contains(key)) {
            values[key] = flags.value(key);
            origin[key] = QStringLiteral("option --") + QString(key).replace(u'_', u'-');
        }
    }

    ServerConfig config;
    auto bad = [&origin](const QString &key, const QString &what) {
        return mts::Error<ServerConfig::Error> { Error::BadValue,
            QStringLiteral("%1: %2").arg(origin.value(key), what) };
    };
    config.dataDir = values.value(dataKey);
    if (config.dataDir.isEmpty())
        return mts::Error<ServerConfig::Error> { Error::Missing,
            QStringLiteral("no data folder: give --data DIR, MTS_SERVER_DATA or [server] data in the config file") };
    if (values.contains(listenKey) && !parseListen(values.value(listenKey), &config.listenAddress, &config.port))
        return bad(listenKey,
            QStringLiteral("'%1' is not HOST:PORT (for example 127.0.0.1:8443)").arg(values.value(listenKey)));
    if (values.contains(maxBodyKey)) {
        bool ok = false;
        const qint64 limit = values.value(maxBodyKey).toLongLong(&ok);
        if (!ok || limit < 1024)
            return bad(
                maxBodyKey, QStringLiteral("'%1' is not a byte count of at least 1024").arg(values.value(maxBodyKey)));
        config.maxBodyBytes = limit;
    }
    config.tlsCertificateFile = values.value(certificateKey);
    config.tlsKeyFile = values.value(keyKey);
    if (config.tlsCertificateFile.isEmpty() != config.tlsKeyFile.isEmpty())
        return mts::Error<ServerConfig::Error> { Error::Missing,
            QStringLiteral("tls_certificate and tls_key go together: give both or neither") };
    config.logRules = values.value(logRulesKey);
    if (values.contains(publicUrlKey)) {
        const QUrl url(values.value(publicUrlKey), QUrl::StrictMode);
        if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty() || url.hasQuery()
            || url.hasFragment())
            return bad(publicUrlKey,
                QStringLiteral("'%1' is not an https:// URL without query or fragment")
                    .arg(values.value(publicUrlKey)));
        config.publicUrl = values.value(publicUrlKey);
    }
    if (values.contains(externalIssuerKey) && !values.value(externalIssuerKey).isEmpty()) {
        const QUrl url(values.value(externalIssuerKey), QUrl::StrictMode);
        if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty())
            return bad(externalIssuerKey,
                QStringLiteral("'%1' is not an https:// issuer URL").arg(values.value(externalIssuerKey)));
        config.externalIssuer = values.value(externalIssuerKey);
    }
    config.externalAudience = values.value(externalAudienceKey);
    config.externalCaFile = values.value(externalCaKey);
    if (values.contains(databaseKey) && !values.value(databaseKey).isEmpty()) {
        const QString url = values.value(databaseKey);
        if (!url.startsWith(QLatin1String("postgresql://")) && !url.startsWith(QLatin1String("postgres://")))
            return bad(databaseKey,
                QStringLiteral("'%1' is not a postgresql://user:password@host:port/database URL (leave it empty "
                               "for the embedded SQLite database)")
                    .arg(url));
        config.database = url;
    }
    for (const auto &[key, target] :
        { std::pair { maxBlobKey, &config.maxBlobBytes }, std::pair { maxUserBlobKey, &config.maxUserBlobBytes } }) {
        if (!values.contains(key))
            continue;
        bool ok = false;
        const qint64 limit = values.value(key).toLongLong(&ok);
        if (!ok || limit < 1)
            return bad(key, QStringLiteral("'%1' is not a positive byte count").arg(values.value(key)));
        *target = limit;
    }
    if (values.contains(auditCheckpointKey)) {
        bool ok = false;
        const int seconds = values.value(auditCheckpointKey).toInt(&ok);
        if (!ok || seconds < 0 || seconds > maxAuditCheckpointSeconds)
            return bad(auditCheckpointKey,
                QStringLiteral("audit_checkpoint_seconds '%1' is not a number of seconds from 0 (no periodic "
                               "checkpoints) to %2 (a week)")
                    .arg(values.value(auditCheckpointKey))
                    .arg(maxAuditCheckpointSeconds));
        config.auditCheckpointSeconds = seconds;
    }
    if (values.contains(blobSessionKey)) {
        bool ok = false;
        const int hours = values.value(blobSessionKey).toInt(&ok);
        if (!ok || hours < 1 || hours > maxBlobSessionHours)
            return bad(blobSessionKey,
                QStringLiteral("blob_session_hours '%1' is not a number of hours from 1 to %2 (a year)")
                    .arg(values.value(blobSessionKey))
                    .arg(maxBlobSessionHours));
        config.blobSessionHours = hours;
    }
    if (values.contains(roleClaimKey))
        config.roleClaim = values.value(roleClaimKey);
    if (values.contains(unitClaimKey))
        config.unitClaim = values.value(unitClaimKey);
    return config;
}

} // namespace mts
