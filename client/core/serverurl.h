// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/error.h"

#include <QString>
#include <QUrl>

namespace mts {

/// The rule for the address of the Mặt trận số server, wherever a person gives it (the settings page,
/// `mattranso --server`): https only, because what the client exchanges with the server is personal data; a
/// host name or IP address, an optional port and path (a server behind a reverse proxy); no user name, query
/// or fragment.
///
/// The error messages are translated (context "mts::ServerUrl"), say how to write a usable address and are
/// meant to be shown as they are; callers branch on Problem, never on the text.
class ServerUrl {
public:
    enum class Problem {
        Empty, ///< No address at all.
        NotHttps, ///< Another scheme (http://, ftp://…) or none.
        Invalid, ///< Not a URL, no host, or a user name, query or fragment.
    };

    /// Reads an address as a person typed it. Surrounding spaces are ignored; the rest is parsed strictly, so
    /// that a typo is reported rather than quietly turned into another address.
    [[nodiscard]] static Result<QUrl, Problem> fromUserInput(const QString &text);

    /// Whether `url` is usable as the server address.
    [[nodiscard]] static Status<Problem> check(const QUrl &url);
};

} // namespace mts
