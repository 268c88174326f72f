// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QSslCertificate>
#include <QUrl>
#include <QUrlQuery>

namespace mts::test {

/// A blocking HTTPS client for tests that speak to the server the way a browser or a relying party would:
/// it trusts only the given certificate, follows no redirects and keeps no cookies of its own.
class HttpClient {
public:
    struct Response {
        int status = 0;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        QString networkError;

        QByteArray header(QByteArrayView name) const;
        QJsonObject json() const;
    };

    explicit HttpClient(QSslCertificate trusted);

    Response get(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    Response postForm(const QUrl &url, const QUrlQuery &form, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    Response postJson(
        const QUrl &url, const QJsonObject &body, const QList<QPair<QByteArray, QByteArray>> &headers = {});

    /// application/x-www-form-urlencoded as browsers send it ('+' for spaces, everything else percent-encoded).
    static QByteArray encodeForm(const QUrlQuery &form);

    /// Any request, with the body sent exactly as given (malformed bodies included).
    Response send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
        const QList<QPair<QByteArray, QByteArray>> &headers);

private:
    QSslCertificate m_trusted;
    QNetworkAccessManager m_network;
};

} // namespace mts::test
