// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/error.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QStringList>

namespace mts {

/// The server's TLS certificate and key: either configured PEM files, or a self-signed pair the server
/// creates on first run in DATA/tls (ECDSA P-256, valid 5 years, names: localhost, loopback addresses,
/// the host name and this machine's addresses), which clients pin after the user confirms its fingerprint.
class TlsMaterial {
public:
    enum class Error { Unreadable, Invalid, CannotCreate };

    static Result<TlsMaterial, Error> load(const QString &certificateFile, const QString &keyFile);
    /// Loads DATA/tls/server.crt and server.key, creating them first if they do not exist.
    static Result<TlsMaterial, Error> loadOrCreateSelfSigned(const QString &dataDir);
    /// Creates a self-signed pair (PEM) naming `hostNames` and `addresses` as subject alternative names.
    static Result<std::pair<QByteArray, QByteArray>, Error> createSelfSigned(
        const QStringList &hostNames, const QStringList &addresses);

    const QSslCertificate &certificate() const { return m_certificate; }
    const QSslKey &privateKey() const { return m_key; }
    QString certificateFile() const { return m_certificateFile; }
    /// SHA-256 of the certificate, colon-separated upper-case hex.
    QString fingerprint() const;
    QSslConfiguration serverConfiguration() const;

private:
    QSslCertificate m_certificate;
    QSslKey m_key;
    QString m_certificateFile;
};

} // namespace mts
