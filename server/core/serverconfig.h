// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/error.h"

#include <QHash>
#include <QHostAddress>
#include <QProcessEnvironment>
#include <QString>

namespace mts {

/// How the server runs: where its data lives, where it listens, its limits and TLS material.
/// Values come from, in rising precedence, built-in defaults, a config file (INI, section [server]),
/// the environment (MTS_SERVER_*), and command-line flags.
struct ServerConfig {
    QString dataDir;
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 8443;
    /// Requests with a larger body are refused with 413 before the body is read.
    qint64 maxBodyBytes = 16 * 1024 * 1024;
    /// PEM files; when empty the server uses (and on first run creates) a self-signed pair in dataDir/tls.
    QString tlsCertificateFile;
    QString tlsKeyFile;
    /// QLoggingCategory filter rules, e.g. "mts.*.debug=true".
    QString logRules;
    /// The https:// address clients reach the server at, used as the OpenID Connect issuer. Empty: derived from
    /// the listening address. Set it when a reverse proxy or another name fronts the server.
    QString publicUrl;
    /// External OpenID Connect issuer mode (empty: the built-in provider). Its tokens are trusted instead, with the
    /// role and unit taken from the named claims; `externalCaFile` is a PEM certificate to trust for it.
    QString externalIssuer;
    QString externalAudience;
    QString externalCaFile;
    QString roleClaim = QStringLiteral("mts_role");
    QString unitClaim = QStringLiteral("mts_unit");
    /// Where the sync data lives: empty for the embedded SQLite file `sync.sqlite` in dataDir, or a
    /// `postgresql://user:password@host:port/database` URL (several server instances may share it).
    QString database;
    /// Largest blob (photo, scan, PDF) one upload may announce (`max_blob_bytes`).
    qint64 maxBlobBytes = 50LL * 1024 * 1024;
    /// Per user: the bytes of their stored blobs plus their open uploads (`max_user_blob_bytes`).
    qint64 maxUserBlobBytes = 2LL * 1024 * 1024 * 1024;
    /// Seconds between signed checkpoints of every bucket head (`audit_checkpoint_seconds`); 0 writes none but
    /// those of `mattranso-server audit checkpoint`. A checkpoint is written only when something changed.
    int auditCheckpointSeconds = 3600;
    /// Hours an upload session may go without a chunk before it expires (`blob_session_hours`): its chunks are
    /// dropped and its size no longer counts against the user's quota.
    int blobSessionHours = 72;

    enum class Error { UnreadableFile, BadValue, Missing };

    /// Keys, as they are spelled in the config file and (upper-cased, prefixed MTS_SERVER_) in the environment.
    static QStringList keys();

    /// Builds the configuration. `flags` maps config keys to values given on the command line; the config file
    /// is `flags["config"]`, else $MTS_SERVER_CONFIG, else none. Every error names the source and the key.
    static Result<ServerConfig, Error> load(const QHash<QString, QString> &flags, const QProcessEnvironment &env);

    /// "host:port" as given in `listen` ("127.0.0.1:8443", "[::1]:8443", "0.0.0.0:0").
    static bool parseListen(const QString &text, QHostAddress *address, quint16 *port);
};

} // namespace mts
