// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/error.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

namespace mts {

class BlobService;
class GuardedSslServer;
class OidcProvider;
class TokenAuthenticator;
class ServerDatabase;
class SyncService;
class TlsMaterial;

/// The HTTPS API: routes, the request-size guard, and the thread pool on which every handler that touches
/// the database runs (QtHttpServer 6.4 runs plain handlers on its one event-loop thread).
class ApiServer : public QObject {
    Q_OBJECT
public:
    enum class Error { CannotListen };

    /// `authenticator` checks the tokens of /api/ routes (the built-in provider, or an external issuer). `oidc` is the
    /// built-in provider whose endpoints are served; null when an external issuer is trusted instead. `sync` serves
    /// the sync routes and `blobs` the blob routes; null leaves them out.
    ApiServer(ServerDatabase *database, TokenAuthenticator *authenticator, OidcProvider *oidc, qint64 maxBodyBytes,
        SyncService *sync = nullptr, BlobService *blobs = nullptr, QObject *parent = nullptr);
    ~ApiServer() override;

    Status<Error> listen(const QHostAddress &address, quint16 port, const TlsMaterial &tls);
    quint16 port() const;

    /// Stops accepting connections and waits for running handlers.
    void close();

    int refusedRequests() const;

private:
    void addRoutes();

    ServerDatabase *m_database;
    TokenAuthenticator *m_authenticator;
    OidcProvider *m_oidc;
    SyncService *m_sync;
    BlobService *m_blobs;
    qint64 m_maxBodyBytes;
    QThreadPool m_workers;
    QHttpServer m_http;
    QPointer<GuardedSslServer> m_listener;
};

} // namespace mts
