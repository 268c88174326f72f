// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jwt.h"
#include "shared/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QMutex>

#include <optional>

namespace mts {

class ServerDatabase;

/// The OpenID provider's token signing keys: one active key per algorithm (RS256: RSA 2048; EdDSA: Ed25519),
/// plus retired keys that are still published so that tokens signed before a rotation verify until they expire.
///
/// Keys live in the `signing_keys` table (RSA as an unencrypted PKCS#8 PEM, Ed25519 as libsodium's 64-byte
/// seed ‖ public key); their `kid` is the RFC 7638 JWK thumbprint of the public key. The keys are cached in
/// memory; every method is thread-safe and reaches the database through the calling thread's connection.
/// Another server process on the same database is noticed when a token names a `kid` this instance has not
/// seen (the cache is then re-read, at most once a second); until then this instance may keep signing with a
/// key the other retired — harmless, since retired keys stay published until pruned.
class SigningKeys {
public:
    enum class Error {
        /// The database could not be read or written.
        StorageFailed,
        /// The crypto library could not generate a key.
        KeyGenerationFailed,
        /// No active key of the algorithm: ensureKeys() was not called.
        NoActiveKey,
        /// The stored key could not sign (corrupted key material).
        SigningFailed,
    };

    /// `database` must outlive this object and be open.
    explicit SigningKeys(ServerDatabase *database);
    ~SigningKeys();
    SigningKeys(const SigningKeys &) = delete;
    SigningKeys &operator=(const SigningKeys &) = delete;

    /// Creates an active key for each algorithm that has none. Idempotent, and safe against other threads and
    /// processes doing the same at the same time: at most one active key per algorithm results.
    Status<Error> ensureKeys();

    /// A compact JWS of `claims` signed with the active key of `algorithm`, header `{alg, kid, typ: "JWT"}`.
    /// The caller sets iss, aud, exp, iat….
    Result<QByteArray, Error> sign(JwtAlgorithm algorithm, const QJsonObject &claims);

    /// Verifies a token against jwks() (active and retired keys); see JwtVerifier::verify().
    Result<QJsonObject, JwtVerifier::Error> verify(QByteArrayView token, const JwtVerifyOptions &options);

    /// The JSON Web Key Set to publish: `{"keys":[…]}`, active keys first, each with only its public members
    /// (kty, kid, use "sig", alg, and n/e or crv/x). Empty key list when the keys cannot be read.
    QJsonObject jwks();

    /// Makes a new active key for `algorithm` and retires the previous one, which stays published (and
    /// verifies) until pruneRetired() removes it.
    Status<Error> rotate(JwtAlgorithm algorithm);

    /// Deletes the keys retired before `olderThanUnixSeconds`; tokens they signed stop verifying. Pass a time at
    /// least the longest token lifetime ago. Returns how many keys were deleted. Active keys are never deleted.
    Result<int, Error> pruneRetired(qint64 olderThanUnixSeconds);

private:
    struct Key {
        QByteArray kid;
        JwtAlgorithm algorithm = JwtAlgorithm::RS256;
        QByteArray privateKey;
        QJsonObject publicJwk;
        qint64 createdAt = 0;
        std::optional<qint64> retiredAt;
    };

    Status<Error> loadLocked();
    Status<Error> ensureLoadedLocked();
    const Key *activeKeyLocked(JwtAlgorithm algorithm) const;
    Status<Error> store(const Key &key, bool retirePrevious);
    /// Makes a key of `algorithm` and stores it as the active one (retiring the previous when asked).
    Status<Error> generateAndStore(JwtAlgorithm algorithm, bool retirePrevious);
    void wipeLocked();

    ServerDatabase *m_database;
    QMutex m_mutex;
    QList<Key> m_keys;
    QJsonObject m_jwks;
    bool m_loaded = false;
    QElapsedTimer m_sinceLoad;
};

} // namespace mts
