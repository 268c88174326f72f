// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/serverconnection.h"
#include "shared/serverversioninfo.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslError>

class QNetworkReply;

namespace mts {

/// What a probe of the server found.
struct ServerStatus {
    enum class Error {
        None, ///< Reachable, healthy, and this client's version is accepted.
        InvalidUrl, ///< The configured URL is not a usable https:// URL.
        Unreachable, ///< No connection (no network, wrong address, server down).
        Timeout, ///< The server did not answer in time.
        TlsUntrusted, ///< The server's certificate is not trusted; see `peerCertificate` to pin it.
        TlsFailed, ///< TLS failed otherwise (name mismatch, expired certificate, …).
        BadResponse, ///< Something answered, but not a Mặt trận số server.
        Unhealthy, ///< The server answered but reports it cannot serve (database down).
        IncompatibleVersion, ///< The server no longer accepts this client version.
    };
    Error error = Error::Unreachable;
    /// A sentence for the user, translated, that says what happened and what to do.
    QString message;
    /// Technical detail for logs and the "details" part of a dialog.
    QString detail;
    ServerVersionInfo version;
    /// The server's certificate when `error` is TlsUntrusted, so the user can confirm and pin it.
    QSslCertificate peerCertificate;
    qint64 roundTripMs = -1;

    bool isOk() const { return error == Error::None; }
};

/// A one-shot job: checks `/healthz` and `/api/v1/version` over TLS. Emits `finished` exactly once,
/// then deletes itself. Never prompts: an untrusted certificate is reported for the caller to decide.
class ServerProbe : public QObject {
    Q_OBJECT
public:
    explicit ServerProbe(ServerConnection connection, QObject *parent = nullptr);
    ~ServerProbe() override;

    void start();
    /// Stops the probe; `finished` is not emitted.
    void abort();

Q_SIGNALS:
    void finished(const mts::ServerStatus &status);

private:
    void onHealthFinished();
    void onVersionFinished();
    bool failFromReply(QNetworkReply *reply);
    void finish(ServerStatus status);
    QNetworkReply *get(const QString &path);

    ServerConnection m_connection;
    QPointer<QNetworkReply> m_reply;
    QList<QSslError> m_sslErrors;
    QElapsedTimer m_timer;
    bool m_finished = false;
};

} // namespace mts
