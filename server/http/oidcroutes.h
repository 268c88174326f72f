// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QHttpServer;
class QThreadPool;

namespace mts {

class OidcProvider;

/// The OpenID Connect endpoints over HTTP: discovery, JWKS, the sign-in page (authorization endpoint), token,
/// userinfo, revocation and end-session. Each handler copies what it needs of the request and runs the provider
/// on the worker pool: password hashing and database work never block the event loop.
class OidcRoutes {
public:
    static void add(QHttpServer &server, QThreadPool *workers, OidcProvider *provider);
};

} // namespace mts
