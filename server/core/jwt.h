// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

// JOSE compact JWS (RFC 7515/7519) for our OpenID Connect provider and for tokens of an external issuer.
// JwtVerifier and JwtSigner share this file with their option struct and algorithm enum on purpose: they are one
// small protocol surface, and the signer exists so that what we issue is exactly what the verifier accepts.

namespace mts {

/// The JWS algorithms we sign and accept. RS256 (RSASSA-PKCS1-v1_5 with SHA-256) is mandatory for OpenID
/// providers; EdDSA is Ed25519 only (RFC 8037), never Ed448.
enum class JwtAlgorithm { RS256, EdDSA };

/// The JOSE name of an algorithm: "RS256", "EdDSA".
QString jwtAlgorithmName(JwtAlgorithm algorithm);
/// The algorithm with that exact, case-sensitive JOSE name; std::nullopt for anything else ("none", "HS256", …).
std::optional<JwtAlgorithm> jwtAlgorithmFromName(QStringView name);

/// The RFC 7638 thumbprint of a public JWK: base64url (no padding) of the SHA-256 of its required members in
/// canonical form (RSA: e, kty, n; OKP: crv, kty, x). Optional members (kid, alg, use) do not change it.
/// Empty for a key type we do not support or a JWK whose required members are missing or not base64url.
QByteArray jwkThumbprint(const QJsonObject &publicJwk);

/// What JwtVerifier::verify() checks beyond the signature.
struct JwtVerifyOptions {
    /// The exact `iss` the token must carry. Empty: `iss` is not checked — a caller verifying an external
    /// issuer's tokens must set it.
    QString issuer;
    /// The token's `aud` (a string or an array of strings) must contain at least one of these. Empty: `aud` is
    /// not checked — a relying party must set its own client id here.
    QStringList audiences;
    /// The current time in Unix seconds; 0 means the system clock (tests pass a fixed time).
    qint64 now = 0;
    /// Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds.
    qint64 leewaySeconds = 60;
    /// The algorithms accepted; a token naming any other (including "none" and HS256) is refused.
    QList<JwtAlgorithm> allowedAlgorithms = { JwtAlgorithm::RS256, JwtAlgorithm::EdDSA };
    /// Whether a token without `exp` is refused (as Malformed).
    bool requireExpiry = true;
};

/// Verifies compact JWS tokens against a JSON Web Key Set (RFC 7517).
///
/// The key comes from the key set only, never from the token: the header's `jku`, `jwk`, `x5u` and `x5c` are
/// ignored, and the header's `alg` must agree with the key's own type (`kty`, `crv`) and, when the key has one,
/// its `alg` — so an RSA public key can never be used as an HMAC secret, nor an RS256 token passed off as EdDSA.
/// Keys whose `use` is not "sig" or whose `key_ops` lack "verify" are not used; RSA keys under 2048 bits are
/// refused. When the token has no `kid`, every key of the right type is tried.
class JwtVerifier {
public:
    enum class Error {
        /// Not a compact JWS with JSON object header and payload: wrong number of parts, padded or non-base64url
        /// text, duplicate members, a `crit` header, a claim of the wrong type, no `exp` when it is required.
        Malformed,
        /// The header's `alg` is not one we accept, or does not fit the key its `kid` names.
        UnsupportedAlgorithm,
        /// No usable key in the key set has the token's `kid` (or, without `kid`, fits the algorithm).
        UnknownKey,
        /// The signature does not verify.
        BadSignature,
        /// `exp` is past, beyond the leeway.
        Expired,
        /// `nbf` or `iat` is in the future, beyond the leeway.
        NotYetValid,
        /// `iss` is missing or differs from JwtVerifyOptions::issuer.
        WrongIssuer,
        /// `aud` is missing or names none of JwtVerifyOptions::audiences.
        WrongAudience,
    };

    /// The token's claims when `token` is a compact JWS signed by a key of `jwks` (`{"keys":[…]}`) and its
    /// claims pass `options`. Checks run in this order: form, algorithm, key, signature, claim types, time,
    /// issuer, audience — so the error names the first problem found.
    static Result<QJsonObject, Error> verify(
        QByteArrayView token, const QJsonObject &jwks, const JwtVerifyOptions &options);
};

/// Produces compact JWS tokens with header `{"alg":…,"kid":…,"typ":"JWT"}`.
class JwtSigner {
public:
    enum class Error {
        /// The key material is not a key of the algorithm: not an unencrypted PEM RSA private key of at least
        /// 2048 bits for RS256, not 64 bytes of Ed25519 seed ‖ public key (consistent) for EdDSA.
        InvalidKey,
        /// The crypto library failed to sign (out of memory).
        SigningFailed,
    };

    /// Signs `claims`. `privateKeyMaterial` is a PEM private key (PKCS#8 or PKCS#1) for RS256, or libsodium's
    /// 64-byte Ed25519 secret key (seed ‖ public key) for EdDSA. An empty `kid` is left out of the header.
    static Result<QByteArray, Error> sign(
        JwtAlgorithm algorithm, const QByteArray &kid, const QByteArray &privateKeyMaterial, const QJsonObject &claims);
};

} // namespace mts
