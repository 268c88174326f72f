// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QHttpServer;
class QThreadPool;

namespace mts {

class BlobService;
class TokenAuthenticator;

/// The blob routes (DESIGN.md, "Blobs"; rules in BlobService), each authenticated by the bearer token and run on
/// the worker pool. Every error is an ApiError body.
/// - `POST /api/v1/blobs/uploads` `{"scope", "hash", "size"}` → 201 `{"upload_id", "received": 0}`, or 200
///   `{"exists": true}` when the scope has the blob already
/// - `GET /api/v1/blobs/uploads/{id}` → `{"upload_id", "received", "size"}` (to resume)
/// - `PUT /api/v1/blobs/uploads/{id}?offset=N` with the raw chunk (≤ 1 MiB) → `{"received"}`; 409
///   `offset_mismatch` with `details.received` when N is not what the session has
/// - `POST /api/v1/blobs/uploads/{id}/complete` → 201 `{"scope", "hash", "size"}`; 422 `hash_mismatch`
/// - `GET /api/v1/blobs/{scope}/{hash}` (optional `Range: bytes=a-b`) → 200 or 206 with the bytes; 404 unless a
///   record the token may read refers to the blob
class BlobRoutes {
public:
    static void add(QHttpServer &server, QThreadPool *workers, TokenAuthenticator *authenticator, BlobService *blobs);
};

} // namespace mts
