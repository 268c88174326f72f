// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/core/accesspolicy.h"
#include "shared/error.h"

#include <QByteArray>
#include <QString>

namespace mts {

struct OAuthError;

/// Turns the Authorization header of an API request into the calling Principal. Implemented by the built-in
/// OpenID Connect provider and by ExternalIssuer (Keycloak today, VNeID later); every /api/ route asks it first.
class TokenAuthenticator {
public:
    virtual ~TokenAuthenticator() = default;
    /// Thread-safe: called on worker threads.
    virtual Result<Principal, OAuthError> authenticate(const QByteArray &authorization) = 0;
};

} // namespace mts
