// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clientsettings.h"

#include <QSettings>

namespace mts {

namespace {
const QString serverUrlKey = QStringLiteral("server/url");
const QString pinnedCertificateKey = QStringLiteral("server/pinnedCertificate");
const QString languageKey = QStringLiteral("ui/language");
} // namespace

ClientSettings::ClientSettings()
    : m_settings(std::make_unique<QSettings>())
{
}

ClientSettings::ClientSettings(const QString &fileName)
    : m_settings(std::make_unique<QSettings>(fileName, QSettings::IniFormat))
{
}

ClientSettings::~ClientSettings() = default;

QUrl ClientSettings::serverUrl() const
{
    const QUrl url(m_settings->value(serverUrlKey).toString());
    return url.isValid() && !url.isEmpty() ? url : defaultServerUrl();
}

void ClientSettings::setServerUrl(const QUrl &url)
{
    m_settings->setValue(serverUrlKey, url.toString());
}

QByteArray ClientSettings::pinnedCertificatePem() const
{
    return m_settings->value(pinnedCertificateKey).toByteArray();
}

void ClientSettings::setPinnedCertificatePem(const QByteArray &pem)
{
    if (pem.isEmpty())
        m_settings->remove(pinnedCertificateKey);
    else
        m_settings->setValue(pinnedCertificateKey, pem);
}

QString ClientSettings::language() const
{
    const QString language = m_settings->value(languageKey).toString();
    return language == QLatin1String("en") ? language : QStringLiteral("vi");
}

void ClientSettings::setLanguage(const QString &language)
{
    m_settings->setValue(languageKey, language);
}

namespace {
int boundedInt(const QSettings &settings, const QString &key, int fallback, int low, int high)
{
    bool ok = false;
    const int value = settings.value(key).toInt(&ok);
    return ok && value >= low && value <= high ? value : fallback;
}
} // namespace

int ClientSettings::offlineDays() const
{
    return boundedInt(*m_settings, QStringLiteral("security/offlineDays"), 30, 1, 365);
}

int ClientSettings::idleLockMinutes() const
{
    return boundedInt(*m_settings, QStringLiteral("security/idleLockMinutes"), 15, 1, 240);
}

QUrl ClientSettings::defaultServerUrl()
{
    return QUrl(QStringLiteral("https://127.0.0.1:8443"));
}

void ClientSettings::sync()
{
    m_settings->sync();
}

} // namespace mts
