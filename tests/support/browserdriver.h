// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tests/support/httpclient.h"

#include <QUrl>

namespace mts::test {

/// Plays the user in the system browser during a desktop sign-in: opens the server's sign-in page at
/// `authorizationUrl`, fills in the credentials as a person would (posting back the page's own hidden fields), and
/// follows the redirect to the application's loopback listener. Returns the server's HTTP status for the posted
/// form (302 on success).
/// The first half of that: opens the sign-in page and posts it back filled in; returns the server's answer to the
/// post (a 302 to the redirect URI on success, the page again with an error otherwise), or the page's answer when
/// the page itself was refused.
HttpClient::Response submitSignInForm(
    HttpClient &browser, const QUrl &authorizationUrl, const QString &username, const QString &password);
int signInInBrowser(
    HttpClient &browser, const QUrl &authorizationUrl, const QString &username, const QString &password);

} // namespace mts::test
