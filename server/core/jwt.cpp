// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "jwt.h"

#include "shared/encoding.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace mts {

namespace {

template <typename T, void (*Free)(T *)>
using OpenSslPtr = std::unique_ptr<T, decltype([](T *p) { Free(p); })>;
using PkeyPtr = OpenSslPtr<EVP_PKEY, EVP_PKEY_free>;
using BignumPtr = OpenSslPtr<BIGNUM, BN_free>;

// Far above any real ID or access token (Keycloak's are a few KiB), far below what would cost us to parse.
constexpr qsizetype maxTokenBytes = 64 * 1024;
// NIST SP 800-131A: RSA under 2048 bits is disallowed for signatures. The upper bound keeps a hostile key set
// from making each verification arbitrarily slow.
constexpr int minRsaBits = 2048;
constexpr int maxRsaBits = 8192;

bool sodiumReady()
{
    // sodium_init() is thread-safe and idempotent; it fails only without a usable random source.
    static const bool initialized = sodium_init() >= 0;
    return initialized;
}

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

int base64UrlValue(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '-')
        return 62;
    if (c == '_')
        return 63;
    return -1;
}

// RFC 7515 §2: base64url without padding, and nothing else — no '=', no whitespace, no '+' or '/'. The unused
// low bits of the last character must be zero, so each byte string has exactly one accepted spelling and a
// token cannot be re-spelled into a different string that still verifies.
std::optional<QByteArray> decodeBase64Url(QByteArrayView text)
{
    if (text.size() % 4 == 1)
        return std::nullopt;
    QByteArray out;
    out.reserve(text.size() * 3 / 4);
    quint32 buffer = 0;
    int bits = 0;
    for (const char c : text) {
        const int value = base64UrlValue(c);
        if (value < 0)
            return std::nullopt;
        buffer = ((buffer << 6) | quint32(value)) & 0x3fff;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.append(char((buffer >> bits) & 0xff));
        }
    }
    if ((buffer & ((1u << bits) - 1)) != 0)
        return std::nullopt;
    return out;
}

std::optional<QByteArray> decodeBase64Url(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    return decodeBase64Url(value.toString().toUtf8());
}

// The number of members of a JSON object, counted on its text. QJsonDocument keeps only the last of duplicate
// names, and a header with two "alg" or a payload with two "exp" must not pass because we saw only one of them.
// `json` has already been parsed as an object, so strings and nesting are well formed.
qsizetype countTopLevelMembers(QByteArrayView json)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    qsizetype commas = 0;
    bool empty = true;
    for (const char c : json) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            if (depth == 1)
                empty = false;
            break;
        case '{':
        case '[':
            ++depth;
            break;
        case '}':
        case ']':
            --depth;
            break;
        case ',':
            if (depth == 1)
                ++commas;
            break;
        default:
            break;
        }
    }
    return empty ? 0 : commas + 1;
}

std::optional<QJsonObject> parseJsonObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    QJsonObject object = document.object();
    if (countTopLevelMembers(json) != object.size())
        return std::nullopt;
    return object;
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

PkeyPtr rsaPublicKey(const QJsonObject &jwk)
{
    const std::optional<QByteArray> modulus = decodeBase64Url(jwk.value(u"n"));
    const std::optional<QByteArray> exponent = decodeBase64Url(jwk.value(u"e"));
    if (!modulus || !exponent || modulus->isEmpty() || exponent->isEmpty() || exponent->size() > 8)
        return {};
    const BignumPtr n(BN_bin2bn(bytes(*modulus), int(modulus->size()), nullptr));
    const BignumPtr e(BN_bin2bn(bytes(*exponent), int(exponent->size()), nullptr));
    if (!n || !e || !BN_is_odd(e.get()) || BN_is_one(e.get()))
        return {};
    const int bits = BN_num_bits(n.get());
    if (bits < minRsaBits || bits > maxRsaBits)
        return {};
    const OpenSslPtr<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free> builder(OSSL_PARAM_BLD_new());
    if (!builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1
        || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1)
        return {};
    const OpenSslPtr<OSSL_PARAM, OSSL_PARAM_free> params(OSSL_PARAM_BLD_to_param(builder.get()));
    const OpenSslPtr<EVP_PKEY_CTX, EVP_PKEY_CTX_free> context(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY *key = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1
        || EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
        ERR_clear_error();
        return {};
    }
    return PkeyPtr(key);
}

bool verifyRs256(EVP_PKEY *key, QByteArrayView signingInput, QByteArrayView signature)
{
    // RFC 8017 §8.2.2: the signature is exactly as long as the modulus.
    if (signature.size() != EVP_PKEY_get_size(key))
        return false;
    const OpenSslPtr<EVP_MD_CTX, EVP_MD_CTX_free> context(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyContext = nullptr;
    const bool valid = context && EVP_DigestVerifyInit(context.get(), &keyContext, EVP_sha256(), nullptr, key) == 1
        && EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) == 1
        && EVP_DigestVerify(context.get(), bytes(signature), size_t(signature.size()), bytes(signingInput),
               size_t(signingInput.size()))
            == 1;
    // A failed verification leaves errors on this thread's queue; other OpenSSL users here must not see them.
    ERR_clear_error();
    return valid;
}

bool verifyEd25519(QByteArrayView publicKey, QByteArrayView signingInput, QByteArrayView signature)
{
    if (!sodiumReady() || publicKey.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(
               bytes(signature), bytes(signingInput), quint64(signingInput.size()), bytes(publicKey))
        == 0;
}

// Whether the key is meant for verifying signatures at all (RFC 7517 §4.2, §4.3). A key published for
// encryption is not a candidate, whatever its type.
bool isVerificationKey(const QJsonObject &jwk)
{
    const QJsonValue use = jwk.value(u"use");
    if (!use.isUndefined() && use.toString() != QLatin1String("sig"))
        return false;
    const QJsonValue operations = jwk.value(u"key_ops");
    if (!operations.isUndefined()
        && (!operations.isArray() || !operations.toArray().contains(QJsonValue(QStringLiteral("verify")))))
        return false;
    return true;
}

// Whether the key's own type fits the algorithm the token names. This, not the header, decides how the key is
// used: the token's `alg` only selects among keys that already are of that kind.
bool keyFitsAlgorithm(const QJsonObject &jwk, JwtAlgorithm algorithm)
{
    const QJsonValue keyAlgorithm = jwk.value(u"alg");
    if (!keyAlgorithm.isUndefined() && keyAlgorithm.toString() != jwtAlgorithmName(algorithm))
        return false;
    const QString type = jwk.value(u"kty").toString();
    switch (algorithm) {
    case JwtAlgorithm::RS256:
        return type == QLatin1String("RSA");
    case JwtAlgorithm::EdDSA:
        return type == QLatin1String("OKP") && jwk.value(u"crv").toString() == QLatin1String("Ed25519");
    }
    return false;
}

// A NumericDate claim (RFC 7519 §2): absent, or a finite JSON number. False when present with another type.
bool readNumericDate(const QJsonObject &claims, QStringView name, std::optional<double> &out)
{
    const QJsonValue value = claims.value(name);
    if (value.isUndefined())
        return true;
    if (!value.isDouble() || !std::isfinite(value.toDouble()))
        return false;
    out = value.toDouble();
    return true;
}

using VerifyResult = Result<QJsonObject, JwtVerifier::Error>;

VerifyResult failure(JwtVerifier::Error code, QString message)
{
    return mts::Error<JwtVerifier::Error> { code, std::move(message) };
}

VerifyResult checkClaims(const QJsonObject &claims, const JwtVerifyOptions &options)
{
    using E = JwtVerifier::Error;
    std::optional<double> expiry;
    std::optional<double> notBefore;
    std::optional<double> issuedAt;
    if (!readNumericDate(claims, u"exp", expiry) || !readNumericDate(claims, u"nbf", notBefore)
        || !readNumericDate(claims, u"iat", issuedAt))
        return failure(E::Malformed, QStringLiteral("exp, nbf and iat must be numbers"));
    const QJsonValue issuer = claims.value(u"iss");
    const QJsonValue subject = claims.value(u"sub");
    if ((!issuer.isUndefined() && !issuer.isString()) || (!subject.isUndefined() && !subject.isString()))
        return failure(E::Malformed, QStringLiteral("iss and sub must be strings"));
    QStringList audiences;
    const QJsonValue audience = claims.value(u"aud");
    if (audience.isString()) {
        audiences.append(audience.toString());
    } else if (audience.isArray()) {
        const QJsonArray array = audience.toArray();
        for (const QJsonValue &entry : array) {
            if (!entry.isString())
                return failure(E::Malformed, QStringLiteral("aud must be a string or an array of strings"));
            audiences.append(entry.toString());
        }
    } else if (!audience.isUndefined()) {
        return failure(E::Malformed, QStringLiteral("aud must be a string or an array of strings"));
    }
    if (!expiry && options.requireExpiry)
        return failure(E::Malformed, QStringLiteral("the token has no expiry (exp)"));

    const qint64 now = options.now != 0 ? options.now : QDateTime::currentSecsSinceEpoch();
    const double leeway = double(std::max<qint64>(0, options.leewaySeconds));
    // RFC 7519 §4.1.4: the current time must be before exp.
    if (expiry && double(now) - leeway >= *expiry)
        return failure(E::Expired, QStringLiteral("the token expired at %1").arg(qint64(*expiry)));
    if (notBefore && *notBefore > double(now) + leeway)
        return failure(E::NotYetValid, QStringLiteral("the token is not valid before %1").arg(qint64(*notBefore)));
    // A token issued in the future is either a skewed issuer clock or a forgery's sloppiness; both are refused.
    if (issuedAt && *issuedAt > double(now) + leeway)
        return failure(
            E::NotYetValid, QStringLiteral("the token was issued in the future (%1)").arg(qint64(*issuedAt)));
    if (!options.issuer.isEmpty() && (!issuer.isString() || issuer.toString() != options.issuer))
        return failure(E::WrongIssuer, QStringLiteral("the token's issuer is not %1").arg(options.issuer));
    if (!options.audiences.isEmpty() && std::none_of(audiences.cbegin(), audiences.cend(), [&](const QString &entry) {
            return options.audiences.contains(entry);
        }))
        return failure(E::WrongAudience, QStringLiteral("the token is not meant for this audience"));
    return claims;
}

} // namespace

QString jwtAlgorithmName(JwtAlgorithm algorithm)
{
    switch (algorithm) {
    case JwtAlgorithm::RS256:
        return QStringLiteral("RS256");
    case JwtAlgorithm::EdDSA:
        return QStringLiteral("EdDSA");
    }
    return {};
}

std::optional<JwtAlgorithm> jwtAlgorithmFromName(QStringView name)
{
    if (name == u"RS256")
        return JwtAlgorithm::RS256;
    if (name == u"EdDSA")
        return JwtAlgorithm::EdDSA;
    return std::nullopt;
}

QByteArray jwkThumbprint(const QJsonObject &publicJwk)
{
    // Members are checked to be base64url before they are pasted into the canonical JSON, so nothing in them
    // needs escaping and the hashed text is exactly RFC 7638's.
    const auto member = [&](QStringView name) -> QByteArray {
        const QJsonValue value = publicJwk.value(name);
        const std::optional<QByteArray> decoded = decodeBase64Url(value);
        return decoded && !decoded->isEmpty() ? value.toString().toLatin1() : QByteArray();
    };
    const QString type = publicJwk.value(u"kty").toString();
    QByteArray canonical;
    if (type == QLatin1String("RSA")) {
        const QByteArray e = member(u"e");
        const QByteArray n = member(u"n");
        if (e.isEmpty() || n.isEmpty())
            return {};
        canonical = "{\"e\":\"" + e + "\",\"kty\":\"RSA\",\"n\":\"" + n + "\"}";
    } else if (type == QLatin1String("OKP") && publicJwk.value(u"crv").toString() == QLatin1String("Ed25519")) {
        const QByteArray x = member(u"x");
        if (x.isEmpty())
            return {};
        canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}";
    } else {
        return {};
    }
    return encoding::base64url(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256));
}

Result<QJsonObject, JwtVerifier::Error> JwtVerifier::verify(
    QByteArrayView token, const QJsonObject &jwks, const JwtVerifyOptions &options)
{
    if (token.size() > maxTokenBytes)
        return failure(Error::Malformed, QStringLiteral("the token is longer than %1 bytes").arg(maxTokenBytes));
    const qsizetype firstDot = token.indexOf('.');
    const qsizetype secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
    if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0)
        return failure(Error::Malformed, QStringLiteral("a compact JWS has exactly three parts"));
    const QByteArrayView signingInput = token.first(secondDot);
    const std::optional<QByteArray> headerJson = decodeBase64Url(token.first(firstDot));
    const std::optional<QByteArray> payloadJson = decodeBase64Url(token.sliced(firstDot + 1, secondDot - firstDot - 1));
    const std::optional<QByteArray> signature = decodeBase64Url(token.sliced(secondDot + 1));
    if (!headerJson || !payloadJson || !signature)
        return failure(Error::Malformed, QStringLiteral("the token is not unpadded base64url"));
    const std::optional<QJsonObject> header = parseJsonObject(*headerJson);
    if (!header)
        return failure(Error::Malformed, QStringLiteral("the token header is not a JSON object"));
    const std::optional<QJsonObject> claims = parseJsonObject(*payloadJson);
    if (!claims)
        return failure(Error::Malformed, QStringLiteral("the token payload is not a JSON object"));

    const QJsonValue algorithmName = header->value(u"alg");
    if (!algorithmName.isString())
        return failure(Error::Malformed, QStringLiteral("the token header has no alg"));
    const std::optional<JwtAlgorithm> algorithm = jwtAlgorithmFromName(algorithmName.toString());
    if (!algorithm || !options.allowedAlgorithms.contains(*algorithm))
        return failure(Error::UnsupportedAlgorithm,
            QStringLiteral("the algorithm \"%1\" is not accepted").arg(algorithmName.toString()));
    // RFC 7515 §4.1.11: extensions listed in crit must be understood, and we understand none. "b64": false
    // (RFC 7797) would change what is signed.
    if (header->contains(u"crit") || header->contains(u"b64"))
        return failure(Error::Malformed, QStringLiteral("the token header uses an unsupported extension"));
    const QJsonValue kid = header->value(u"kid");
    if (!kid.isUndefined() && !kid.isString())
        return failure(Error::Malformed, QStringLiteral("the token's kid is not a string"));
    for (const auto name : { u"typ", u"cty" }) {
        const QJsonValue value = header->value(QStringView(name));
        if (!value.isUndefined() && !value.isString())
            return failure(Error::Malformed, QStringLiteral("the token's typ and cty must be strings"));
    }
    // A nested JWT (RFC 7519 §5.2) would need the inner token verified too; we never issue or accept one.
    if (header->value(u"cty").toString().compare(QLatin1String("JWT"), Qt::CaseInsensitive) == 0)
        return failure(Error::Malformed, QStringLiteral("nested tokens are not supported"));

    bool kidMatchedOtherType = false;
    bool anyCandidate = false;
    const QJsonArray keys = jwks.value(u"keys").toArray();
    for (const QJsonValue &entry : keys) {
        const QJsonObject jwk = entry.toObject();
        if (!isVerificationKey(jwk))
            continue;
        if (kid.isString() && jwk.value(u"kid") != kid)
            continue;
        if (!keyFitsAlgorithm(jwk, *algorithm)) {
            kidMatchedOtherType = kidMatchedOtherType || kid.isString();
            continue;
        }
        bool valid = false;
        switch (*algorithm) {
        case JwtAlgorithm::RS256: {
            const PkeyPtr key = rsaPublicKey(jwk);
            if (!key)
                continue;
            anyCandidate = true;
            valid = verifyRs256(key.get(), signingInput, *signature);
            break;
        }
        case JwtAlgorithm::EdDSA: {
            const std::optional<QByteArray> publicKey = decodeBase64Url(jwk.value(u"x"));
            if (!publicKey || publicKey->size() != crypto_sign_PUBLICKEYBYTES)
                continue;
            anyCandidate = true;
            valid = verifyEd25519(*publicKey, signingInput, *signature);
            break;
        }
        }
        if (valid)
            return checkClaims(*claims, options);
    }
    if (anyCandidate)
        return failure(Error::BadSignature, QStringLiteral("the token's signature does not verify"));
    if (kidMatchedOtherType)
        return failure(Error::UnsupportedAlgorithm,
            QStringLiteral("the key %1 is not a %2 key").arg(kid.toString(), jwtAlgorithmName(*algorithm)));
    return failure(Error::UnknownKey,
        kid.isString() ? QStringLiteral("no usable key %1 in the key set").arg(kid.toString())
                       : QStringLiteral("no usable %1 key in the key set").arg(jwtAlgorithmName(*algorithm)));
}

Result<QByteArray, JwtSigner::Error> JwtSigner::sign(
    JwtAlgorithm algorithm, const QByteArray &kid, const QByteArray &privateKeyMaterial, const QJsonObject &claims)
{
    using Failure = mts::Error<Error>;
    QJsonObject header { { QStringLiteral("alg"), jwtAlgorithmName(algorithm) },
        { QStringLiteral("typ"), QStringLiteral("JWT") } };
    if (!kid.isEmpty())
        header.insert(QStringLiteral("kid"), QString::fromUtf8(kid));
    const QByteArray signingInput
        = encoding::base64url(compactJson(header)) + '.' + encoding::base64url(compactJson(claims));

    QByteArray signature;
    switch (algorithm) {
    case JwtAlgorithm::RS256: {
        const OpenSslPtr<BIO, BIO_free_all> bio(
            BIO_new_mem_buf(privateKeyMaterial.constData(), int(privateKeyMaterial.size())));
        // A refusing password callback: an encrypted PEM must fail here, not prompt on the server's terminal.
        const auto noPassword = [](char *, int, int, void *) -> int { return -1; };
        const PkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassword, nullptr) : nullptr);
        if (!key || !EVP_PKEY_is_a(key.get(), "RSA") || EVP_PKEY_get_bits(key.get()) < minRsaBits) {
            ERR_clear_error();
            return Failure { Error::InvalidKey, QStringLiteral("not an RSA private key of at least 2048 bits") };
        }
        const OpenSslPtr<EVP_MD_CTX, EVP_MD_CTX_free> context(EVP_MD_CTX_new());
        EVP_PKEY_CTX *keyContext = nullptr;
        size_t length = 0;
        if (!context || EVP_DigestSignInit(context.get(), &keyContext, EVP_sha256(), nullptr, key.get()) != 1
            || EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) != 1
            || EVP_DigestSign(context.get(), nullptr, &length, bytes(signingInput), size_t(signingInput.size())) != 1) {
            ERR_clear_error();
            return Failure { Error::SigningFailed, QStringLiteral("RSA signing failed") };
        }
        signature.resize(qsizetype(length));
        if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                bytes(signingInput), size_t(signingInput.size()))
            != 1) {
            ERR_clear_error();
            return Failure { Error::SigningFailed, QStringLiteral("RSA signing failed") };
        }
        signature.resize(qsizetype(length));
        break;
    }
    case JwtAlgorithm::EdDSA: {
        if (!sodiumReady())
            return Failure { Error::SigningFailed, QStringLiteral("libsodium is not available") };
        if (privateKeyMaterial.size() != crypto_sign_SECRETKEYBYTES)
            return Failure { Error::InvalidKey, QStringLiteral("an Ed25519 secret key is 64 bytes") };
        // libsodium signs with the public half as stored; a corrupted half would give signatures that verify
        // under no published key, so it is checked against the seed first.
        unsigned char publicKey[crypto_sign_PUBLICKEYBYTES];
        unsigned char secretKey[crypto_sign_SECRETKEYBYTES];
        crypto_sign_seed_keypair(publicKey, secretKey, bytes(privateKeyMaterial));
        sodium_memzero(secretKey, sizeof secretKey);
        if (sodium_memcmp(publicKey, bytes(privateKeyMaterial) + crypto_sign_SEEDBYTES, sizeof publicKey) != 0)
            return Failure { Error::InvalidKey, QStringLiteral("the Ed25519 public key does not match its seed") };
        signature.resize(crypto_sign_BYTES);
        crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr, bytes(signingInput),
            quint64(signingInput.size()), bytes(privateKeyMaterial));
        break;
    }
    }
    return QByteArray(signingInput + '.' + encoding::base64url(signature));
}

} // namespace mts
