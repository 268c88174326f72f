// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/servercertificatepin.h"

#include <QNetworkRequest>
#include <QUrl>

class QNetworkAccessManager;

namespace mts {

/// Where the server is and how to reach it: base URL, trusted certificate and the network manager
/// that carries the requests. Cheap to copy; does not own the network manager.
class ServerConnection {
public:
    ServerConnection(QNetworkAccessManager *network, QUrl baseUrl, ServerCertificatePin pin = {});

    QNetworkAccessManager *network() const { return m_network; }
    const QUrl &baseUrl() const { return m_baseUrl; }
    const ServerCertificatePin &pin() const { return m_pin; }

    /// A request for `path` ("/healthz", "/api/v1/…") below the base URL, with TLS set up and a
    /// transfer timeout, so a dead link fails instead of hanging.
    QNetworkRequest request(const QString &path) const;

    /// The transfer timeout of every request, in milliseconds.
    static constexpr int transferTimeoutMs = 15000;

private:
    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    ServerCertificatePin m_pin;
};

} // namespace mts
