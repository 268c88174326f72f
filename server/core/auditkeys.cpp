// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditkeys.h"

#include "jwt.h"
#include "serverdatabase.h"
#include "shared/crypto.h"
#include "shared/encoding.h"

#include <QDateTime>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

#include <sodium.h>

Q_LOGGING_CATEGORY(lcAuditKeys, "mts.server.keys")

namespace mts {

namespace {

mts::Error<AuditKeys::Error> storageError(const QString &what, const QSqlQuery &query)
{
    return { AuditKeys::Error::StorageFailed, QStringLiteral("%1: %2").arg(what, query.lastError().text()) };
}

} // namespace

AuditKeys::AuditKeys(ServerDatabase *database)
    : m_database(database)
{
}

Status<AuditKeys::Error> AuditKeys::ensureKey()
{
    auto active = activeKeyId();
    if (active)
        return ok;
    if (active.error().code != Error::NoKey)
        return active.error();
    auto created = create(false);
    if (!created)
        return created.error();
    return ok;
}

Result<QByteArray, AuditKeys::Error> AuditKeys::activeKeyId()
{
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT kid FROM audit_keys WHERE retired_at IS NULL ORDER BY created_at DESC, kid"
                                   " LIMIT 1")))
        return storageError(QStringLiteral("cannot read the audit keys"), query);
    if (!query.next())
        return mts::Error<Error> { Error::NoKey, QStringLiteral("there is no active audit key") };
    return query.value(0).toString().toUtf8();
}

Result<QByteArray, AuditKeys::Error> AuditKeys::sign(const QByteArray &kid, QByteArrayView message)
{
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT private_key FROM audit_keys WHERE kid = ?"));
    query.addBindValue(QString::fromUtf8(kid));
    if (!query.exec())
        return storageError(QStringLiteral("cannot read the audit key"), query);
    if (!query.next())
        return mts::Error<Error> { Error::NoKey,
            QStringLiteral("there is no audit key %1").arg(QString::fromUtf8(kid)) };
    QByteArray secret = query.value(0).toByteArray();
    query.finish();
    QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
    const bool signed_ = sodium_init() >= 0 && secret.size() == crypto_sign_SECRETKEYBYTES
        && crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
               reinterpret_cast<const unsigned char *>(message.data()), quint64(message.size()),
               reinterpret_cast<const unsigned char *>(secret.constData()))
            == 0;
    crypto::wipe(secret);
    if (!signed_)
        return mts::Error<Error> { Error::SigningFailed,
            QStringLiteral("the audit key %1 cannot sign: its stored key material is damaged")
                .arg(QString::fromUtf8(kid)) };
    return signature;
}

Result<QHash<QByteArray, QByteArray>, AuditKeys::Error> AuditKeys::publicKeys()
{
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT kid, public_key FROM audit_keys")))
        return storageError(QStringLiteral("cannot read the audit keys"), query);
    QHash<QByteArray, QByteArray> keys;
    while (query.next())
        keys.insert(query.value(0).toString().toUtf8(), query.value(1).toByteArray());
    return keys;
}

Result<QByteArray, AuditKeys::Error> AuditKeys::rotate()
{
    return create(true);
}

bool AuditKeys::verify(QByteArrayView publicKey, QByteArrayView message, QByteArrayView signature)
{
    return sodium_init() >= 0 && publicKey.size() == crypto_sign_PUBLICKEYBYTES && signature.size() == crypto_sign_BYTES
        && crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(signature.data()),
               reinterpret_cast<const unsigned char *>(message.data()), quint64(message.size()),
               reinterpret_cast<const unsigned char *>(publicKey.data()))
        == 0;
}

Result<QByteArray, AuditKeys::Error> AuditKeys::create(bool retirePrevious)
{
    if (sodium_init() < 0)
        return mts::Error<Error> { Error::KeyGenerationFailed, QStringLiteral("libsodium cannot start") };
    QByteArray publicKey(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    QByteArray secret(crypto_sign_SECRETKEYBYTES, Qt::Uninitialized);
    crypto_sign_keypair(
        reinterpret_cast<unsigned char *>(publicKey.data()), reinterpret_cast<unsigned char *>(secret.data()));
    const QByteArray kid = jwkThumbprint(QJsonObject { { QStringLiteral("kty"), QStringLiteral("OKP") },
        { QStringLiteral("crv"), QStringLiteral("Ed25519") },
        { QStringLiteral("x"), QString::fromLatin1(encoding::base64url(publicKey)) } });
    const qint64 now = QDateTime::currentSecsSinceEpoch();

    QSqlDatabase db = m_database->connection();
    QSqlQuery query(db);
    // IMMEDIATE takes the write lock before the check below, so two processes cannot both see "no active key" and
    // both insert one.
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        crypto::wipe(secret);
        return storageError(QStringLiteral("cannot store an audit key"), query);
    }
    const auto rollBack = [&]() -> Result<QByteArray, Error> {
        auto failure = storageError(QStringLiteral("cannot store an audit key"), query);
        query.finish();
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        crypto::wipe(secret);
        return failure;
    };
    if (retirePrevious) {
        query.prepare(QStringLiteral("UPDATE audit_keys SET retired_at = ? WHERE retired_at IS NULL"));
        query.addBindValue(now);
        if (!query.exec())
            return rollBack();
    } else {
        if (!query.exec(QStringLiteral("SELECT kid FROM audit_keys WHERE retired_at IS NULL LIMIT 1")))
            return rollBack();
        if (query.next()) {
            // Another thread or process was first: its key is the active one.
            const QByteArray existing = query.value(0).toString().toUtf8();
            query.finish();
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            crypto::wipe(secret);
            return existing;
        }
        query.finish();
    }
    query.prepare(
        QStringLiteral("INSERT INTO audit_keys (kid, private_key, public_key, created_at) VALUES (?, ?, ?, ?)"));
    query.addBindValue(QString::fromUtf8(kid));
    query.addBindValue(secret);
    query.addBindValue(publicKey);
    query.addBindValue(now);
    if (!query.exec())
        return rollBack();
    query.finish();
    if (!query.exec(QStringLiteral("COMMIT")))
        return rollBack();
    crypto::wipe(secret);
    qCInfo(lcAuditKeys) << (retirePrevious ? "rotated to" : "created") << "audit key" << kid;
    return kid;
}

} // namespace mts
