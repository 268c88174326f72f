// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/error.h"

#include <QByteArray>
#include <QString>

namespace mts {

/// The answer of `GET /api/v1/version`: who the server is and which clients it serves.
struct ServerVersionInfo {
    QString serverVersion;
    int protocolVersion = 0;
    QString minimumClientVersion;

    /// The values of this build.
    static ServerVersionInfo current();

    QByteArray toJson() const;

    enum class ParseError { NotJson, MissingField, BadVersion };
    static Result<ServerVersionInfo, ParseError> fromJson(const QByteArray &body);

    /// Whether a client of version `clientVersion` speaking `clientProtocol` may talk to this server.
    bool accepts(const QString &clientVersion, int clientProtocol) const;
};

} // namespace mts
