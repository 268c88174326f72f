// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverconnection.h"

#include <mts/buildinfo.h>

namespace mts {

ServerConnection::ServerConnection(QNetworkAccessManager *network, QUrl baseUrl, ServerCertificatePin pin)
    : m_network(network)
    , m_baseUrl(std::move(baseUrl))
    , m_pin(std::move(pin))
{
}

QNetworkRequest ServerConnection::request(const QString &path) const
{
    QUrl url = m_baseUrl;
    QString basePath = url.path();
    if (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + path);
    QNetworkRequest request(url);
    request.setSslConfiguration(m_pin.sslConfiguration());
    request.setTransferTimeout(transferTimeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray(QByteArray("mattranso/") + buildinfo::version));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return request;
}

} // namespace mts
