// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "browserdriver.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>

namespace mts::test {

HttpClient::Response submitSignInForm(
    HttpClient &browser, const QUrl &authorizationUrl, const QString &username, const QString &password)
{
    const auto page = browser.get(authorizationUrl);
    if (page.status != 200)
        return page;
    QUrlQuery form;
    static const QRegularExpression hidden(
        QStringLiteral("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">"));
    auto matches = hidden.globalMatch(QString::fromUtf8(page.body));
    while (matches.hasNext()) {
        const auto match = matches.next();
        QString value = match.captured(2);
        value.replace(QStringLiteral("&quot;"), QStringLiteral("\""))
            .replace(QStringLiteral("&lt;"), QStringLiteral("<"))
            .replace(QStringLiteral("&gt;"), QStringLiteral(">"))
            .replace(QStringLiteral("&amp;"), QStringLiteral("&"));
        form.addQueryItem(match.captured(1), value);
    }
    form.addQueryItem(QStringLiteral("username"), username);
    form.addQueryItem(QStringLiteral("password"), password);
    QUrl action = authorizationUrl;
    action.setQuery(QString());
    return browser.postForm(action, form);
}

int signInInBrowser(HttpClient &browser, const QUrl &authorizationUrl, const QString &username, const QString &password)
{
    const auto answer = submitSignInForm(browser, authorizationUrl, username, password);
    const QUrl location(QString::fromUtf8(answer.header("Location")));
    if (answer.status == 302 && location.scheme() == QLatin1String("http")
        && location.host() == QLatin1String("127.0.0.1")) {
        QNetworkAccessManager plain;
        QNetworkReply *reply = plain.get(QNetworkRequest(location));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        delete reply;
    }
    return answer.status;
}

} // namespace mts::test
