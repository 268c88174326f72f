// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "signingkeys.h"

#include "serverdatabase.h"
#include "shared/crypto.h"
#include "shared/encoding.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutexLocker>
#include <QSqlError>
#include <QSqlQuery>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sodium.h>

#include <memory>

Q_LOGGING_CATEGORY(lcKeys, "mts.server.keys")

namespace mts {

namespace {

template <typename T, void (*Free)(T *)>
using OpenSslPtr = std::unique_ptr<T, decltype([](T *p) { Free(p); })>;

// RSA 2048 is what relying-party libraries expect of RS256 and is good beyond 2030 (NIST SP 800-57).
constexpr size_t rsaBits = 2048;
// How often an unknown kid may send us back to the database (see the class comment).
constexpr qint64 reloadIntervalMs = 1000;

QString text(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

QString base64Url(QByteArrayView data)
{
    return QString::fromLatin1(encoding::base64url(data));
}

QByteArray bignumBytes(const BIGNUM *number)
{
    QByteArray out(BN_num_bytes(number), Qt::Uninitialized);
    BN_bn2bin(number, reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

struct NewKey {
    QByteArray privateKey;
    QJsonObject publicJwk;
};

std::optional<NewKey> generateRsaKey()
{
    const OpenSslPtr<EVP_PKEY, EVP_PKEY_free> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", rsaBits));
    const OpenSslPtr<BIO, BIO_free_all> bio(BIO_new(BIO_s_mem()));
    BIGNUM *n = nullptr;
    BIGNUM *e = nullptr;
    const bool ok = key && bio
        && PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1
        && EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_N, &n) == 1
        && EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_E, &e) == 1;
    const OpenSslPtr<BIGNUM, BN_free> modulus(n);
    const OpenSslPtr<BIGNUM, BN_free> exponent(e);
    if (!ok) {
        ERR_clear_error();
        return std::nullopt;
    }
    char *pem = nullptr;
    const long pemSize = BIO_get_mem_data(bio.get(), &pem);
    NewKey out;
    out.privateKey = QByteArray(pem, pemSize);
    out.publicJwk = QJsonObject { { text("kty"), text("RSA") }, { text("n"), base64Url(bignumBytes(modulus.get())) },
        { text("e"), base64Url(bignumBytes(exponent.get())) } };
    return out;
}

std::optional<NewKey> generateEd25519Key()
{
    if (sodium_init() < 0)
        return std::nullopt;
    unsigned char publicKey[crypto_sign_PUBLICKEYBYTES];
    NewKey out;
    out.privateKey = QByteArray(crypto_sign_SECRETKEYBYTES, Qt::Uninitialized);
    crypto_sign_keypair(publicKey, reinterpret_cast<unsigned char *>(out.privateKey.data()));
    out.publicJwk = QJsonObject { { text("kty"), text("OKP") }, { text("crv"), text("Ed25519") },
        { text("x"), base64Url(QByteArrayView(publicKey, sizeof publicKey)) } };
    return out;
}

std::optional<NewKey> generateKey(JwtAlgorithm algorithm)
{
    switch (algorithm) {
    case JwtAlgorithm::RS256:
        return generateRsaKey();
    case JwtAlgorithm::EdDSA:
        return generateEd25519Key();
    }
    return std::nullopt;
}

// The JWK as published: only the public members of its type, whatever else the stored text holds, so neither a
// bug elsewhere nor a hand-edited row can put private material (d, p, q…) into the key set.
std::optional<QJsonObject> publishedJwk(const QJsonObject &stored, const QByteArray &kid, JwtAlgorithm algorithm)
{
    const QString type = stored.value(u"kty").toString();
    QStringList members;
    switch (algorithm) {
    case JwtAlgorithm::RS256:
        if (type != QLatin1String("RSA"))
            return std::nullopt;
        members = { text("kty"), text("n"), text("e") };
        break;
    case JwtAlgorithm::EdDSA:
        if (type != QLatin1String("OKP") || stored.value(u"crv").toString() != QLatin1String("Ed25519"))
            return std::nullopt;
        members = { text("kty"), text("crv"), text("x") };
        break;
    }
    QJsonObject out;
    for (const QString &member : std::as_const(members)) {
        if (!stored.value(member).isString())
            return std::nullopt;
        out.insert(member, stored.value(member));
    }
    out.insert(text("kid"), QString::fromUtf8(kid));
    out.insert(text("use"), text("sig"));
    out.insert(text("alg"), jwtAlgorithmName(algorithm));
    return out;
}

} // namespace

SigningKeys::SigningKeys(ServerDatabase *database)
    : m_database(database)
{
}

SigningKeys::~SigningKeys()
{
    const QMutexLocker locker(&m_mutex);
    wipeLocked();
}

void SigningKeys::wipeLocked()
{
    // Best effort: copies handed to JwtSigner or still referenced elsewhere are not reached.
    for (Key &key : m_keys)
        crypto::wipe(key.privateKey);
    m_keys.clear();
}

Status<SigningKeys::Error> SigningKeys::loadLocked()
{
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    if (!query.exec(text("SELECT kid, alg, private_key, public_jwk, created_at, retired_at FROM signing_keys"
                         " ORDER BY retired_at IS NOT NULL, created_at DESC, kid")))
        return mts::Error<Error> { Error::StorageFailed,
            QStringLiteral("cannot read the signing keys: %1").arg(query.lastError().text()) };
    QList<Key> keys;
    QJsonArray published;
    while (query.next()) {
        Key key;
        key.kid = query.value(0).toString().toUtf8();
        const std::optional<JwtAlgorithm> algorithm = jwtAlgorithmFromName(query.value(1).toString());
        const QJsonObject stored = QJsonDocument::fromJson(query.value(3).toString().toUtf8()).object();
        const std::optional<QJsonObject> jwk
            = algorithm ? publishedJwk(stored, key.kid, *algorithm) : std::optional<QJsonObject>();
        if (!jwk) {
            // A key this build cannot use (a newer algorithm, a damaged row) is left alone, not published.
            qCWarning(lcKeys) << "ignoring signing key" << key.kid << "of algorithm" << query.value(1).toString();
            continue;
        }
        key.algorithm = *algorithm;
        key.privateKey = query.value(2).toByteArray();
        key.publicJwk = *jwk;
        key.createdAt = query.value(4).toLongLong();
        if (!query.value(5).isNull())
            key.retiredAt = query.value(5).toLongLong();
        published.append(key.publicJwk);
        keys.append(std::move(key));
    }
    wipeLocked();
    m_keys = std::move(keys);
    m_jwks = QJsonObject { { text("keys"), published } };
    m_loaded = true;
    m_sinceLoad.start();
    return ok;
}

Status<SigningKeys::Error> SigningKeys::ensureLoadedLocked()
{
    if (m_loaded)
        return ok;
    return loadLocked();
}

const SigningKeys::Key *SigningKeys::activeKeyLocked(JwtAlgorithm algorithm) const
{
    // Active keys come first, newest first (loadLocked's ORDER BY).
    for (const Key &key : m_keys) {
        if (key.algorithm == algorithm && !key.retiredAt)
            return &key;
    }
    return nullptr;
}

Status<SigningKeys::Error> SigningKeys::store(const Key &key, bool retirePrevious)
{
    const QMutexLocker locker(&m_mutex);
    QSqlDatabase db = m_database->connection();
    QSqlQuery query(db);
    // IMMEDIATE takes the write lock before the check below, so two processes (or two threads, each on its own
    // connection) cannot both see "no active key" and both insert one.
    if (!query.exec(text("BEGIN IMMEDIATE")))
        return mts::Error<Error> { Error::StorageFailed,
            QStringLiteral("cannot store a signing key: %1").arg(query.lastError().text()) };
    const auto rollBack = [&]() -> Status<Error> {
        const QString message = query.lastError().text();
        query.finish();
        QSqlQuery(db).exec(text("ROLLBACK"));
        return mts::Error<Error> { Error::StorageFailed,
            QStringLiteral("cannot store a signing key: %1").arg(message) };
    };
    const QString algorithm = jwtAlgorithmName(key.algorithm);
    if (retirePrevious) {
        query.prepare(text("UPDATE signing_keys SET retired_at = ? WHERE alg = ? AND retired_at IS NULL"));
        query.addBindValue(key.createdAt);
        query.addBindValue(algorithm);
        if (!query.exec())
            return rollBack();
    } else {
        query.prepare(text("SELECT count(*) FROM signing_keys WHERE alg = ? AND retired_at IS NULL"));
        query.addBindValue(algorithm);
        if (!query.exec() || !query.next())
            return rollBack();
        if (query.value(0).toInt() > 0) {
            // Another thread or process was first; use its key.
            query.finish();
            QSqlQuery(db).exec(text("ROLLBACK"));
            return loadLocked();
        }
        query.finish();
    }
    query.prepare(text("INSERT INTO signing_keys (kid, alg, private_key, public_jwk, created_at)"
                       " VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(QString::fromUtf8(key.kid));
    query.addBindValue(algorithm);
    query.addBindValue(key.privateKey);
    query.addBindValue(QString::fromUtf8(QJsonDocument(key.publicJwk).toJson(QJsonDocument::Compact)));
    query.addBindValue(key.createdAt);
    if (!query.exec())
        return rollBack();
    query.finish();
    if (!query.exec(text("COMMIT")))
        return rollBack();
    qCInfo(lcKeys) << (retirePrevious ? "rotated to" : "created") << algorithm << "signing key" << key.kid;
    return loadLocked();
}

Status<SigningKeys::Error> SigningKeys::ensureKeys()
{
    for (const JwtAlgorithm algorithm : { JwtAlgorithm::RS256, JwtAlgorithm::EdDSA }) {
        {
            const QMutexLocker locker(&m_mutex);
            const auto loaded = ensureLoadedLocked();
            if (!loaded)
                return loaded;
            if (activeKeyLocked(algorithm))
                continue;
        }
        // Generated outside the lock (RSA takes a noticeable fraction of a second); store() checks again.
        if (const auto stored = generateAndStore(algorithm, false); !stored)
            return stored;
    }
    return ok;
}

Status<SigningKeys::Error> SigningKeys::generateAndStore(JwtAlgorithm algorithm, bool retirePrevious)
{
    std::optional<NewKey> generated = generateKey(algorithm);
    if (!generated)
        return mts::Error<Error> { Error::KeyGenerationFailed,
            QStringLiteral("cannot generate a %1 signing key").arg(jwtAlgorithmName(algorithm)) };
    Key key;
    key.algorithm = algorithm;
    key.kid = jwkThumbprint(generated->publicJwk);
    key.privateKey = std::move(generated->privateKey);
    key.publicJwk = generated->publicJwk;
    key.createdAt = QDateTime::currentSecsSinceEpoch();
    const auto stored = store(key, retirePrevious);
    crypto::wipe(key.privateKey);
    return stored;
}

Status<SigningKeys::Error> SigningKeys::rotate(JwtAlgorithm algorithm)
{
    return generateAndStore(algorithm, true);
}

Result<int, SigningKeys::Error> SigningKeys::pruneRetired(qint64 olderThanUnixSeconds)
{
    const QMutexLocker locker(&m_mutex);
    QSqlQuery query(m_database->connection());
    query.prepare(text("DELETE FROM signing_keys WHERE retired_at IS NOT NULL AND retired_at < ?"));
    query.addBindValue(olderThanUnixSeconds);
    if (!query.exec())
        return mts::Error<Error> { Error::StorageFailed,
            QStringLiteral("cannot prune signing keys: %1").arg(query.lastError().text()) };
    const int removed = query.numRowsAffected();
    if (removed > 0)
        qCInfo(lcKeys) << "pruned" << removed << "retired signing keys";
    const auto loaded = loadLocked();
    if (!loaded)
        return loaded.error();
    return removed;
}

Result<QByteArray, SigningKeys::Error> SigningKeys::sign(JwtAlgorithm algorithm, const QJsonObject &claims)
{
    QByteArray kid;
    QByteArray privateKey;
    {
        const QMutexLocker locker(&m_mutex);
        const auto loaded = ensureLoadedLocked();
        if (!loaded)
            return loaded.error();
        const Key *key = activeKeyLocked(algorithm);
        // Another process (`mattranso-server keys rotate`, another instance behind the load balancer) may have
        // rotated the key: one indexed lookup per issued token keeps every instance signing with the active key.
        QSqlQuery current(m_database->connection());
        current.prepare(QStringLiteral("SELECT kid FROM signing_keys WHERE alg = ? AND retired_at IS NULL "
                                       "ORDER BY created_at DESC LIMIT 1"));
        current.addBindValue(jwtAlgorithmName(algorithm));
        if (current.exec() && current.next() && (!key || current.value(0).toString().toUtf8() != key->kid)) {
            current.finish();
            if (const auto reloaded = loadLocked(); !reloaded)
                return reloaded.error();
            key = activeKeyLocked(algorithm);
        }
        if (!key)
            return mts::Error<Error> { Error::NoActiveKey,
                QStringLiteral("there is no active %1 signing key").arg(jwtAlgorithmName(algorithm)) };
        kid = key->kid;
        privateKey = key->privateKey;
    }
    // Signed outside the lock: an RSA signature costs about a millisecond, and other threads sign too.
    auto token = JwtSigner::sign(algorithm, kid, privateKey, claims);
    if (!token)
        return mts::Error<Error> { Error::SigningFailed,
            QStringLiteral("the signing key %1 cannot sign: %2").arg(QString::fromUtf8(kid), token.error().message) };
    return std::move(token).value();
}

Result<QJsonObject, JwtVerifier::Error> SigningKeys::verify(QByteArrayView token, const JwtVerifyOptions &options)
{
    QJsonObject keySet = jwks();
    auto result = JwtVerifier::verify(token, keySet, options);
    if (result || result.error().code != JwtVerifier::Error::UnknownKey)
        return result;
    {
        const QMutexLocker locker(&m_mutex);
        if (m_sinceLoad.isValid() && m_sinceLoad.elapsed() < reloadIntervalMs)
            return result;
        m_sinceLoad.start();
        if (!loadLocked())
            return result;
        keySet = m_jwks;
    }
    return JwtVerifier::verify(token, keySet, options);
}

QJsonObject SigningKeys::jwks()
{
    const QMutexLocker locker(&m_mutex);
    const auto loaded = ensureLoadedLocked();
    if (!loaded) {
        qCWarning(lcKeys) << loaded.error().message;
        return QJsonObject { { text("keys"), QJsonArray() } };
    }
    return m_jwks;
}

} // namespace mts
