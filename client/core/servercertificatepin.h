// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

namespace mts {

/// A server certificate the user chose to trust (a commune or demo server with a self-signed certificate).
/// The pinned certificate is trusted in addition to the system's certificate authorities: hostname and
/// validity are still checked, so a pinned certificate cannot vouch for another server.
class ServerCertificatePin {
public:
    ServerCertificatePin() = default;
    explicit ServerCertificatePin(QSslCertificate certificate);
    /// From PEM (as kept in ClientSettings); an unreadable PEM gives an empty pin.
    static ServerCertificatePin fromPem(const QByteArray &pem);

    bool isEmpty() const { return m_certificate.isNull(); }
    const QSslCertificate &certificate() const { return m_certificate; }

    /// SHA-256 fingerprint as colon-separated upper-case hex, the way the server prints it.
    static QString fingerprint(const QSslCertificate &certificate);

    /// The TLS configuration for requests to the server: system CAs plus the pinned certificate.
    QSslConfiguration sslConfiguration() const;

private:
    QSslCertificate m_certificate;
};

} // namespace mts
