// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <memory>

class QSettings;

namespace mts {

/// The installation's settings that the cadre chooses (server, trusted certificate, language).
/// Stored in the per-user QSettings of the application; nothing secret is kept here.
class ClientSettings {
public:
    /// Settings in the application's default QSettings location.
    ClientSettings();
    /// Settings in an INI file at `fileName` (tests, portable installs).
    explicit ClientSettings(const QString &fileName);
    ~ClientSettings();

    QUrl serverUrl() const;
    void setServerUrl(const QUrl &url);

    /// PEM of the server certificate the user confirmed to trust (empty when none).
    QByteArray pinnedCertificatePem() const;
    void setPinnedCertificatePem(const QByteArray &pem);

    /// UI language as a BCP-47 code: "vi" (the default) or "en".
    QString language() const;
    void setLanguage(const QString &language);

    /// Days after the last online sign-in during which an account can be unlocked offline (default 30; an
    /// administrator may shorten it in the settings file, key security/offlineDays, 1–365).
    int offlineDays() const;
    /// Minutes without keyboard or mouse before the window locks (default 15; key security/idleLockMinutes, 1–240).
    int idleLockMinutes() const;

    /// The server URL the client uses when the user has not set one.
    static QUrl defaultServerUrl();

    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace mts
