// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "certificatetrustdialog.h"

#include "client/ui/certificateview.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace mts {

namespace {

QLabel *paragraph(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

} // namespace

CertificateTrustDialog::CertificateTrustDialog(const QSslCertificate &certificate, const QUrl &server, QWidget *parent)
    : QDialog(parent)
    , m_certificate(certificate)
    , m_server(server)
{
    setObjectName(QStringLiteral("certificateTrustDialog"));
    setWindowTitle(tr("Trust the server's certificate?"));
    setModal(true);

    auto *view = new CertificateView(this);
    view->setObjectName(QStringLiteral("certificate"));
    view->setCertificate(certificate);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool validNow = certificate.effectiveDate() <= now && now < certificate.expiryDate();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_trustButton = buttons->addButton(tr("Trust certificate"), QDialogButtonBox::AcceptRole);
    m_trustButton->setObjectName(QStringLiteral("trustButton"));
    m_trustButton->setEnabled(validNow && !certificate.isNull());
    m_trustButton->setAutoDefault(false);
    QPushButton *cancel = buttons->button(QDialogButtonBox::Cancel);
    cancel->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(paragraph(tr("The server at %1 presented a security certificate that this computer does not "
                                   "trust. This is normal for a server that your unit runs itself.")
                                    .arg(server.toDisplayString()),
        QStringLiteral("introduction"), this));
    layout->addWidget(view);
    if (validNow) {
        layout->addWidget(paragraph(tr("Compare the SHA-256 fingerprint above with the one your administrator gave "
                                       "you. Trust the certificate only if every character matches; otherwise "
                                       "choose Cancel and tell your administrator, because someone may be "
                                       "intercepting the connection."),
            QStringLiteral("instruction"), this));
    } else {
        layout->addWidget(paragraph(tr("This certificate has expired or is not valid yet, so it cannot be trusted. "
                                       "Check this computer's date and time, or ask your administrator to renew the "
                                       "server's certificate."),
            QStringLiteral("instruction"), this));
    }
    layout->addWidget(buttons);
    cancel->setFocus();
}

} // namespace mts
