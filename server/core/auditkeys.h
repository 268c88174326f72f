// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>

namespace mts {

class ServerDatabase;

/// The Ed25519 keys that sign the audit checkpoints of the sync data (DESIGN.md, "Audit"): one active key, plus
/// retired keys that still verify the checkpoints they signed.
///
/// Stored like SigningKeys stores its keys, in the `audit_keys` table of the server database (libsodium's 64-byte
/// seed ‖ public key, the 32-byte public key, `kid` the RFC 7638 thumbprint of the public key as an OKP JWK), but
/// apart from them: token keys are published to relying parties and pruned once the tokens they signed have
/// expired, while a checkpoint key is never published and must verify for as long as its checkpoints are kept.
/// The keys live in the server database, not in the sync database they vouch for, so that whoever can rewrite the
/// sync tables cannot also re-sign them.
///
/// Every call reads the database through the calling thread's connection (checkpoints are written about once an
/// hour: nothing is cached), so keys rotated by another process are seen at once.
class AuditKeys {
public:
    enum class Error {
        /// The database could not be read or written.
        StorageFailed,
        /// The crypto library could not start or generate a key.
        KeyGenerationFailed,
        /// There is no active key (ensureKey() was not called), or the named key is not stored.
        NoKey,
        /// The stored key could not sign (corrupted key material).
        SigningFailed,
    };

    /// `database` must outlive this object and be open.
    explicit AuditKeys(ServerDatabase *database);

    /// Creates the active key if there is none. Idempotent, and safe against other threads and processes doing
    /// the same at once: exactly one active key results.
    Status<Error> ensureKey();

    /// The kid of the active key.
    Result<QByteArray, Error> activeKeyId();

    /// The Ed25519 signature (64 bytes) of `message` by the key `kid`.
    Result<QByteArray, Error> sign(const QByteArray &kid, QByteArrayView message);

    /// The public key (32 bytes) of every stored key, active and retired, by kid.
    Result<QHash<QByteArray, QByteArray>, Error> publicKeys();

    /// Makes a new active key and retires the previous one, which goes on verifying what it signed. Returns the
    /// new kid.
    Result<QByteArray, Error> rotate();

    /// Whether `signature` is an Ed25519 signature of `message` under `publicKey`.
    static bool verify(QByteArrayView publicKey, QByteArrayView message, QByteArrayView signature);

private:
    Result<QByteArray, Error> create(bool retirePrevious);

    ServerDatabase *m_database;
};

} // namespace mts
