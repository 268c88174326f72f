// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "certificateview.h"

#include "client/core/servercertificatepin.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>

namespace mts {

namespace {

QLabel *addRow(QFormLayout *layout, const QString &label, const QString &objectName)
{
    auto *value = new QLabel(layout->parentWidget());
    value->setObjectName(objectName);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setWordWrap(true);
    layout->addRow(label, value);
    return value;
}

QString commonName(const QStringList &names)
{
    return names.join(QStringLiteral(", "));
}

} // namespace

CertificateView::CertificateView(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_subject = addRow(layout, tr("Issued to:"), QStringLiteral("subject"));
    m_issuer = addRow(layout, tr("Issued by:"), QStringLiteral("issuer"));
    m_validFrom = addRow(layout, tr("Valid from:"), QStringLiteral("validFrom"));
    m_validUntil = addRow(layout, tr("Valid until:"), QStringLiteral("validUntil"));
    m_fingerprint = addRow(layout, tr("SHA-256 fingerprint:"), QStringLiteral("fingerprint"));
    m_fingerprint->setWordWrap(false);
    m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
}

void CertificateView::setCertificate(const QSslCertificate &certificate)
{
    m_certificate = certificate;
    const QString subject = commonName(certificate.subjectInfo(QSslCertificate::CommonName));
    m_subject->setText(subject.isEmpty() ? tr("(no name)") : subject);
    const QString issuer = commonName(certificate.issuerInfo(QSslCertificate::CommonName));
    // isSelfSigned() also wants the key usage to allow certificate signing, which a server's own
    // certificate often does not; to the user, "issued by itself" is what matters.
    const bool selfSigned = certificate.isSelfSigned()
        || (!certificate.isNull() && certificate.issuerDisplayName() == certificate.subjectDisplayName());
    if (selfSigned)
        m_issuer->setText(tr("%1 (self-signed)").arg(issuer.isEmpty() ? tr("(no name)") : issuer));
    else
        m_issuer->setText(issuer.isEmpty() ? tr("(no name)") : issuer);
    m_validFrom->setText(dateText(certificate.effectiveDate()));
    m_validUntil->setText(dateText(certificate.expiryDate()));
    m_fingerprint->setText(fingerprintLines(ServerCertificatePin::fingerprint(certificate)));
}

QString CertificateView::fingerprintLines(const QString &fingerprint)
{
    // "AB:CD:…" has 3 characters per byte; a line of 16 bytes ends in a colon that stays on it.
    constexpr int lineLength = 16 * 3;
    QString lines;
    for (qsizetype start = 0; start < fingerprint.size(); start += lineLength) {
        if (!lines.isEmpty())
            lines += u'\n';
        lines += fingerprint.mid(start, lineLength);
    }
    return lines;
}

QString CertificateView::dateText(const QDateTime &dateTime)
{
    return dateTime.isValid() ? dateTime.toLocalTime().toString(QStringLiteral("dd/MM/yyyy")) : QString();
}

} // namespace mts
