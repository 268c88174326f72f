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
int signInInBrowser(
    HttpClient &browser, const QUrl &authorizationUrl, const QString &username, const QString &password);

} // namespace mts::test
