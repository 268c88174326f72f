// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QUrl>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;
class QSslCertificate;

namespace mts {

class CertificateTrustDialog;
class CertificateView;
class ClientSettings;
class ServerProbe;
struct ServerStatus;

/// The installation's settings: the server address (checked by ServerUrl as it is typed) with a connection
/// check, the server certificate the user chose to trust, and the interface language.
///
/// A check whose result is an untrusted certificate opens a CertificateTrustDialog; trusting saves the
/// certificate together with the address it was checked at, and checks again.
class SettingsPage : public QWidget {
    Q_OBJECT
public:
    /// `settings` and `network` must outlive the page.
    SettingsPage(ClientSettings *settings, QNetworkAccessManager *network, QWidget *parent = nullptr);
    ~SettingsPage() override;

    /// Checks the connection to the address in the field, as the "Check connection" button does.
    void checkConnection();
    bool isChecking() const { return !m_probe.isNull(); }

    /// The trust dialog while it is open.
    CertificateTrustDialog *trustDialog() const;

Q_SIGNALS:
    /// The saved server address or trusted certificate changed: whatever talks to the server reloads them.
    void serverSettingsChanged();

private:
    void serverUrlEdited();
    void updateServerUrlState();
    void saveServerUrl();
    void showCheckResult(const ServerStatus &status, const QUrl &server);
    void showMessage(const QString &text, bool isError);
    void offerToTrust(const QSslCertificate &certificate, const QUrl &server);
    void trustCertificate(const QSslCertificate &certificate, const QUrl &server);
    void forgetCertificate();
    void pinnedCertificateChanged();
    void showPinnedCertificate();
    void saveLanguage(int index);

    ClientSettings *m_settings;
    QNetworkAccessManager *m_network;
    QLineEdit *m_serverUrl;
    QLabel *m_serverUrlError;
    QPushButton *m_saveButton;
    QPushButton *m_checkButton;
    QLabel *m_checkResult;
    QLabel *m_noPinnedCertificate;
    CertificateView *m_pinnedCertificate;
    QPushButton *m_forgetButton;
    QComboBox *m_language;
    QPointer<ServerProbe> m_probe;
    QPointer<CertificateTrustDialog> m_trustDialog;
};

} // namespace mts
