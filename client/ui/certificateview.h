// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSslCertificate>
#include <QWidget>

class QDateTime;
class QLabel;

namespace mts {

/// What a user needs to recognise a server certificate: who it was issued to and by, when it is valid
/// (dd/MM/yyyy) and its SHA-256 fingerprint, written the way the server prints it so it can be compared
/// character by character.
class CertificateView : public QWidget {
    Q_OBJECT
public:
    explicit CertificateView(QWidget *parent = nullptr);

    const QSslCertificate &certificate() const { return m_certificate; }
    void setCertificate(const QSslCertificate &certificate);

    /// `fingerprint` (colon-separated hex) broken into lines of 16 bytes, so it fits a dialog.
    static QString fingerprintLines(const QString &fingerprint);
    /// A certificate date as the user's local calendar date, dd/MM/yyyy.
    static QString dateText(const QDateTime &dateTime);

private:
    QSslCertificate m_certificate;
    QLabel *m_subject;
    QLabel *m_issuer;
    QLabel *m_validFrom;
    QLabel *m_validUntil;
    QLabel *m_fingerprint;
};

} // namespace mts
