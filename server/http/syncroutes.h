// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QHttpServer;
class QThreadPool;

namespace mts {

class SyncService;
class TokenAuthenticator;

/// The sync routes (DESIGN.md, "Sync protocol (v1)"; bodies in shared/syncwire.h), each authenticated by the bearer
/// token and run on the worker pool:
/// - `POST /api/v1/sync/push`
/// - `POST /api/v1/sync/pull`
/// - `GET /api/v1/sync/conflicts?bucket=C:00070/reports`
class SyncRoutes {
public:
    static void add(QHttpServer &server, QThreadPool *workers, TokenAuthenticator *authenticator, SyncService *sync);
};

} // namespace mts
