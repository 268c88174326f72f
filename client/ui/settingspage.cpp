// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingspage.h"

#include "client/core/clientsettings.h"
#include "client/core/serverprobe.h"
#include "client/core/serverurl.h"
#include "client/ui/certificatetrustdialog.h"
#include "client/ui/certificateview.h"
#include "client/ui/uilanguage.h"

#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QVBoxLayout>

namespace mts {

namespace {

QLabel *wrappedLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

void setErrorLook(QLabel *label, bool isError)
{
    // An explicit colour, because the error must stand out from the help text around it in every style.
    // A default-constructed palette sets no role, so a label that is not an error inherits its parent's.
    QPalette palette;
    if (isError)
        palette.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
    label->setPalette(palette);
}

} // namespace

SettingsPage::SettingsPage(ClientSettings *settings, QNetworkAccessManager *network, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_network(network)
{
    auto *title = new QLabel(tr("Settings"), this);
    title->setObjectName(QStringLiteral("title"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    title->setFont(titleFont);

    // Server address and connection check.
    auto *serverGroup = new QGroupBox(tr("Server"), this);
    m_serverUrl = new QLineEdit(m_settings->serverUrl().toString(), serverGroup);
    m_serverUrl->setObjectName(QStringLiteral("serverUrl"));
    m_serverUrl->setPlaceholderText(QStringLiteral("https://mattranso.example.vn"));
    m_serverUrl->setClearButtonEnabled(true);
    m_serverUrlError = wrappedLabel(QStringLiteral("serverUrlError"), serverGroup);
    setErrorLook(m_serverUrlError, true);
    m_saveButton = new QPushButton(tr("Save"), serverGroup);
    m_saveButton->setObjectName(QStringLiteral("saveServerButton"));
    m_checkButton = new QPushButton(tr("Check connection"), serverGroup);
    m_checkButton->setObjectName(QStringLiteral("checkConnectionButton"));
    m_checkResult = wrappedLabel(QStringLiteral("checkResult"), serverGroup);
    m_checkResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *urlLabel = new QLabel(tr("Server &address:"), serverGroup);
    urlLabel->setBuddy(m_serverUrl);
    auto *serverButtons = new QHBoxLayout;
    serverButtons->addWidget(m_saveButton);
    serverButtons->addWidget(m_checkButton);
    serverButtons->addStretch();
    // A grid rather than a form: QFormLayout leaves gaps around rows of wrapped text.
    auto *serverLayout = new QGridLayout(serverGroup);
    serverLayout->addWidget(urlLabel, 0, 0);
    serverLayout->addWidget(m_serverUrl, 0, 1);
    serverLayout->addWidget(m_serverUrlError, 1, 1);
    serverLayout->addLayout(serverButtons, 2, 1);
    serverLayout->addWidget(m_checkResult, 3, 1);
    serverLayout->setColumnStretch(1, 1);

    // The certificate the user chose to trust, if any.
    auto *certificateGroup = new QGroupBox(tr("Trusted certificate"), this);
    m_noPinnedCertificate = wrappedLabel(QStringLiteral("noPinnedCertificate"), certificateGroup);
    m_noPinnedCertificate->setText(tr("None. The server's certificate must then be signed by an authority this "
                                      "computer trusts."));
    m_pinnedCertificate = new CertificateView(certificateGroup);
    m_pinnedCertificate->setObjectName(QStringLiteral("pinnedCertificate"));
    m_forgetButton = new QPushButton(tr("Forget this certificate"), certificateGroup);
    m_forgetButton->setObjectName(QStringLiteral("forgetCertificateButton"));
    auto *certificateLayout = new QVBoxLayout(certificateGroup);
    certificateLayout->addWidget(m_noPinnedCertificate);
    certificateLayout->addWidget(m_pinnedCertificate);
    certificateLayout->addWidget(m_forgetButton, 0, Qt::AlignLeft);

    // Interface language.
    auto *languageGroup = new QGroupBox(tr("Language"), this);
    m_language = new QComboBox(languageGroup);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    for (const QString &language : UiLanguage::languages())
        m_language->addItem(UiLanguage::nativeName(language), language);
    m_language->setCurrentIndex(m_language->findData(m_settings->language()));
    auto *languageLabel = new QLabel(tr("&Interface language:"), languageGroup);
    languageLabel->setBuddy(m_language);
    auto *languageNote = wrappedLabel(QStringLiteral("languageNote"), languageGroup);
    languageNote->setText(tr("A new language applies the next time the program starts."));
    auto *languageLayout = new QGridLayout(languageGroup);
    languageLayout->addWidget(languageLabel, 0, 0);
    languageLayout->addWidget(m_language, 0, 1);
    languageLayout->addWidget(languageNote, 1, 1);
    languageLayout->setColumnStretch(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addWidget(title);
    layout->addWidget(serverGroup);
    layout->addWidget(certificateGroup);
    layout->addWidget(languageGroup);
    layout->addStretch();

    setTabOrder(m_serverUrl, m_saveButton);
    setTabOrder(m_saveButton, m_checkButton);
    setTabOrder(m_checkButton, m_forgetButton);
    setTabOrder(m_forgetButton, m_language);

    connect(m_serverUrl, &QLineEdit::textChanged, this, &SettingsPage::serverUrlEdited);
    connect(m_serverUrl, &QLineEdit::returnPressed, this, &SettingsPage::saveServerUrl);
    connect(m_saveButton, &QPushButton::clicked, this, &SettingsPage::saveServerUrl);
    connect(m_checkButton, &QPushButton::clicked, this, &SettingsPage::checkConnection);
    connect(m_forgetButton, &QPushButton::clicked, this, &SettingsPage::forgetCertificate);
    connect(m_language, &QComboBox::activated, this, &SettingsPage::saveLanguage);

    showMessage(QString(), false);
    updateServerUrlState();
    showPinnedCertificate();
}

SettingsPage::~SettingsPage() = default;

CertificateTrustDialog *SettingsPage::trustDialog() const
{
    return m_trustDialog;
}

void SettingsPage::serverUrlEdited()
{
    // A result, or a check still running, is about the address as it was: drop it.
    if (m_probe) {
        m_probe->abort();
        m_probe.clear();
    }
    showMessage(QString(), false);
    m_checkResult->setToolTip(QString());
    updateServerUrlState();
}

void SettingsPage::updateServerUrlState()
{
    const auto url = ServerUrl::fromUserInput(m_serverUrl->text());
    m_serverUrlError->setText(url ? QString() : url.error().message);
    m_serverUrlError->setVisible(!url);
    m_saveButton->setEnabled(url.isOk());
    m_checkButton->setEnabled(url.isOk() && !isChecking());
}

void SettingsPage::saveServerUrl()
{
    const auto url = ServerUrl::fromUserInput(m_serverUrl->text());
    if (!url)
        return;
    m_settings->setServerUrl(url.value());
    m_settings->sync();
    Q_EMIT serverSettingsChanged();
    checkConnection();
}

void SettingsPage::checkConnection()
{
    const auto url = ServerUrl::fromUserInput(m_serverUrl->text());
    if (!url)
        return;
    if (m_probe)
        m_probe->abort();
    const QUrl server = url.value();
    m_probe = new ServerProbe(
        ServerConnection(m_network, server, ServerCertificatePin::fromPem(m_settings->pinnedCertificatePem())), this);
    connect(m_probe, &ServerProbe::finished, this,
        [this, server](const ServerStatus &status) { showCheckResult(status, server); });
    showMessage(tr("Checking the connection…"), false);
    m_probe->start();
    updateServerUrlState();
}

void SettingsPage::showCheckResult(const ServerStatus &status, const QUrl &server)
{
    m_probe.clear(); // it deletes itself
    updateServerUrlState();
    showMessage(status.message, !status.isOk());
    m_checkResult->setToolTip(status.detail);
    if (status.error == ServerStatus::Error::TlsUntrusted && !status.peerCertificate.isNull())
        offerToTrust(status.peerCertificate, server);
}

void SettingsPage::showMessage(const QString &text, bool isError)
{
    m_checkResult->setText(text);
    m_checkResult->setVisible(!text.isEmpty());
    setErrorLook(m_checkResult, isError);
}

void SettingsPage::offerToTrust(const QSslCertificate &certificate, const QUrl &server)
{
    if (m_trustDialog)
        m_trustDialog->reject();
    auto *dialog = new CertificateTrustDialog(certificate, server, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, certificate, server] { trustCertificate(certificate, server); });
    m_trustDialog = dialog;
    dialog->open();
}

void SettingsPage::trustCertificate(const QSslCertificate &certificate, const QUrl &server)
{
    // The certificate vouches for the server it was checked at, so both are saved together.
    m_settings->setServerUrl(server);
    m_settings->setPinnedCertificatePem(certificate.toPem());
    m_settings->sync();
    pinnedCertificateChanged();
    m_serverUrl->setText(server.toString());
    Q_EMIT serverSettingsChanged();
    checkConnection();
}

void SettingsPage::forgetCertificate()
{
    m_settings->setPinnedCertificatePem(QByteArray());
    m_settings->sync();
    pinnedCertificateChanged();
    showMessage(tr("The certificate is no longer trusted."), false);
    Q_EMIT serverSettingsChanged();
}

void SettingsPage::pinnedCertificateChanged()
{
    // QNetworkAccessManager reuses open connections across TLS configurations: without this, a connection
    // made while the old certificate was trusted would still carry requests after it is forgotten.
    m_network->clearConnectionCache();
    showPinnedCertificate();
}

void SettingsPage::showPinnedCertificate()
{
    const ServerCertificatePin pin = ServerCertificatePin::fromPem(m_settings->pinnedCertificatePem());
    m_noPinnedCertificate->setVisible(pin.isEmpty());
    m_pinnedCertificate->setVisible(!pin.isEmpty());
    if (!pin.isEmpty())
        m_pinnedCertificate->setCertificate(pin.certificate());
    m_forgetButton->setEnabled(!pin.isEmpty());
}

void SettingsPage::saveLanguage(int index)
{
    m_settings->setLanguage(m_language->itemData(index).toString());
    m_settings->sync();
}

} // namespace mts
