// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "servercertificatepin.h"

#include <QCryptographicHash>

namespace mts {

ServerCertificatePin::ServerCertificatePin(QSslCertificate certificate)
    : m_certificate(std::move(certificate))
{
}

ServerCertificatePin ServerCertificatePin::fromPem(const QByteArray &pem)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(pem, QSsl::Pem);
    return certificates.isEmpty() ? ServerCertificatePin() : ServerCertificatePin(certificates.first());
}

QString ServerCertificatePin::fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QSslConfiguration ServerCertificatePin::sslConfiguration() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    if (!m_certificate.isNull())
        configuration.addCaCertificate(m_certificate);
    return configuration;
}

} // namespace mts
