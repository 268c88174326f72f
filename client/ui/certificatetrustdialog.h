// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QSslCertificate>
#include <QUrl>

class QPushButton;

namespace mts {

/// Asks the user whether to trust a server certificate that the computer does not trust (a unit's own
/// server with a self-signed certificate). Shows the certificate so the user can compare its fingerprint
/// with the one the administrator gave; Cancel is the default. A certificate that is expired or not yet
/// valid cannot be trusted from here, since pinning would not make the connection work.
class CertificateTrustDialog : public QDialog {
    Q_OBJECT
public:
    CertificateTrustDialog(const QSslCertificate &certificate, const QUrl &server, QWidget *parent = nullptr);

    const QSslCertificate &certificate() const { return m_certificate; }
    const QUrl &server() const { return m_server; }
    /// The button that accepts the dialog (trusts the certificate).
    QPushButton *trustButton() const { return m_trustButton; }

private:
    QSslCertificate m_certificate;
    QUrl m_server;
    QPushButton *m_trustButton;
};

} // namespace mts
