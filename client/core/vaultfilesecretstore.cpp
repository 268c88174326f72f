// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "vaultfilesecretstore.h"

#include "shared/encoding.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>

Q_LOGGING_CATEGORY(lcVault, "mts.client.secrets")

namespace mts {

namespace {

using StoreError = mts::Error<SecretStore::Error>;

constexpr int formatVersion = 1;
constexpr qint64 maxFileBytes = 1024 * 1024; // a vault holds a few tokens; anything bigger is not ours
const char kindName[] = "mattranso-vault";
const char kdfName[] = "argon2id13";
const char checkAssociated[] = "mattranso:vault:check";
const char checkPlain[] = "mattranso-vault";

QByteArray entryAssociated(const QString &name)
{
    return QByteArrayLiteral("mattranso:vault:entry:") + name.toUtf8();
}

QString damagedMessage(const QString &path)
{
    return VaultFileSecretStore::tr("The file of saved secrets \"%1\" is damaged. Delete it, then sign in online "
                                    "again.")
        .arg(QDir::toNativeSeparators(path));
}

QString unreadableMessage(const QString &path, const QString &reason)
{
    return VaultFileSecretStore::tr("The file of saved secrets \"%1\" cannot be read or written (%2). Check the "
                                    "disk and the folder's permissions, then try again.")
        .arg(QDir::toNativeSeparators(path), reason);
}

QString newerFormatMessage(const QString &path)
{
    return VaultFileSecretStore::tr("The file of saved secrets \"%1\" was written by a newer version of Mặt trận "
                                    "số. Update the application.")
        .arg(QDir::toNativeSeparators(path));
}

QString wrongPasswordMessage()
{
    return VaultFileSecretStore::tr("The password does not open the file of saved secrets. Enter the password "
                                    "again, or sign in online.");
}

QString outOfMemoryMessage()
{
    return VaultFileSecretStore::tr("Not enough memory to protect the saved secrets. Close other programs and "
                                    "try again.");
}

} // namespace

VaultFileSecretStore::VaultFileSecretStore(const QString &filePath, const QString &password, crypto::PasswordCost cost)
    : m_filePath(filePath)
    , m_cost(cost)
{
    QByteArray secret = passwordKeyMaterial(password);
    m_openError = openWith(secret);
    crypto::wipe(secret);
    if (m_openError) {
        crypto::wipe(m_key);
        qCWarning(lcVault) << "secret vault" << m_filePath << "cannot be used:" << m_openError->message;
    }
}

VaultFileSecretStore::~VaultFileSecretStore()
{
    crypto::wipe(m_key);
}

std::optional<StoreError> VaultFileSecretStore::openWith(const QByteArray &secret)
{
    std::optional<QByteArray> check;
    QFile file(m_filePath);
    if (!file.exists()) {
        m_salt = crypto::randomBytes(crypto::saltBytes);
    } else {
        if (!file.open(QIODevice::ReadOnly))
            return StoreError { Error::Failed, unreadableMessage(m_filePath, file.errorString()) };
        if (file.size() > maxFileBytes)
            return StoreError { Error::Failed, damagedMessage(m_filePath) };
        const QJsonDocument document = QJsonDocument::fromJson(file.read(maxFileBytes));
        const QJsonObject root = document.object();
        const QJsonObject kdf = root.value(QLatin1String("kdf")).toObject();
        const int format = root.value(QLatin1String("format")).toInt();
        if (format > formatVersion)
            return StoreError { Error::Failed, newerFormatMessage(m_filePath) };
        const auto salt = encoding::bytesFromJson(kdf.value(QLatin1String("salt")));
        const crypto::PasswordCost fileCost { quint64(kdf.value(QLatin1String("ops_limit")).toDouble()),
            size_t(kdf.value(QLatin1String("mem_limit")).toDouble()) };
        check = encoding::bytesFromJson(root.value(QLatin1String("check")));
        if (format != formatVersion || root.value(QLatin1String("kind")).toString() != QLatin1String(kindName)
            || kdf.value(QLatin1String("algorithm")).toString() != QLatin1String(kdfName) || !salt
            || salt->size() != crypto::saltBytes || !fileCost.isAcceptable() || !check
            || !root.value(QLatin1String("entries")).isObject())
            return StoreError { Error::Failed, damagedMessage(m_filePath) };
        m_salt = *salt;
        m_cost = fileCost;
    }
    m_key = crypto::deriveKey(secret, m_salt, m_cost);
    if (m_key.isEmpty())
        return StoreError { Error::Failed, outOfMemoryMessage() };
    if (check && !crypto::open(m_key, *check, checkAssociated))
        return StoreError { Error::AccessDenied, wrongPasswordMessage() };
    return std::nullopt;
}

SecretStore::WriteResult VaultFileSecretStore::status() const
{
    if (m_openError)
        return *m_openError;
    return ok;
}

Result<QJsonObject, SecretStore::Error> VaultFileSecretStore::loadEntries() const
{
    if (m_openError)
        return *m_openError;
    QFile file(m_filePath);
    if (!file.exists())
        return QJsonObject();
    if (!file.open(QIODevice::ReadOnly))
        return StoreError { Error::Failed, unreadableMessage(m_filePath, file.errorString()) };
    if (file.size() > maxFileBytes)
        return StoreError { Error::Failed, damagedMessage(m_filePath) };
    const QJsonObject root = QJsonDocument::fromJson(file.read(maxFileBytes)).object();
    const QJsonObject kdf = root.value(QLatin1String("kdf")).toObject();
    const auto salt = encoding::bytesFromJson(kdf.value(QLatin1String("salt")));
    const auto check = encoding::bytesFromJson(root.value(QLatin1String("check")));
    if (root.value(QLatin1String("format")).toInt() > formatVersion)
        return StoreError { Error::Failed, newerFormatMessage(m_filePath) };
    if (root.value(QLatin1String("format")).toInt() != formatVersion || !salt || !check
        || !root.value(QLatin1String("entries")).isObject())
        return StoreError { Error::Failed, damagedMessage(m_filePath) };
    // Another instance may have changed the password since this one derived its key.
    if (*salt != m_salt || !crypto::open(m_key, *check, checkAssociated))
        return StoreError { Error::AccessDenied, wrongPasswordMessage() };
    return root.value(QLatin1String("entries")).toObject();
}

SecretStore::WriteResult VaultFileSecretStore::saveEntries(const QJsonObject &entries) const
{
    const QJsonObject kdf {
        { QLatin1String("algorithm"), QLatin1String(kdfName) },
        { QLatin1String("salt"), encoding::bytesToJson(m_salt) },
        { QLatin1String("ops_limit"), double(m_cost.opsLimit) },
        { QLatin1String("mem_limit"), double(m_cost.memLimit) },
    };
    const QJsonObject root {
        { QLatin1String("format"), formatVersion },
        { QLatin1String("kind"), QLatin1String(kindName) },
        { QLatin1String("kdf"), kdf },
        { QLatin1String("check"), encoding::bytesToJson(crypto::seal(m_key, checkPlain, checkAssociated)) },
        { QLatin1String("entries"), entries },
    };
    QSaveFile file(m_filePath);
    // Owner-only before the first byte is written; the rename in commit() keeps the mode.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)
        || file.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return StoreError { Error::Failed, unreadableMessage(m_filePath, reason) };
    }
    return ok;
}

SecretStore::ReadResult VaultFileSecretStore::readNow(const QString &key) const
{
    auto entries = loadEntries();
    if (!entries)
        return entries.error();
    const QJsonValue value = entries.value().value(key);
    if (value.isUndefined())
        return StoreError { Error::NotFound, tr("No secret is saved under \"%1\".").arg(key) };
    const auto sealed = encoding::bytesFromJson(value);
    std::optional<QByteArray> plain;
    if (sealed)
        plain = crypto::open(m_key, *sealed, entryAssociated(key));
    if (!plain)
        return StoreError { Error::Failed, damagedMessage(m_filePath) };
    return *plain;
}

SecretStore::WriteResult VaultFileSecretStore::writeNow(const QString &key, const QByteArray &value)
{
    auto entries = loadEntries();
    if (!entries)
        return entries.error();
    QJsonObject updated = entries.value();
    updated.insert(key, encoding::bytesToJson(crypto::seal(m_key, value, entryAssociated(key))));
    return saveEntries(updated);
}

SecretStore::WriteResult VaultFileSecretStore::removeNow(const QString &key)
{
    auto entries = loadEntries();
    if (!entries)
        return entries.error();
    if (!entries.value().contains(key))
        return ok;
    QJsonObject updated = entries.value();
    updated.remove(key);
    return saveEntries(updated);
}

SecretStore::WriteResult VaultFileSecretStore::changePassword(const QString &newPassword, crypto::PasswordCost cost)
{
    auto entries = loadEntries();
    if (!entries)
        return entries.error();
    // Open everything under the old key first: a damaged entry must not be dropped silently.
    QHash<QString, QByteArray> plain;
    const QJsonObject old = entries.value();
    for (auto it = old.begin(); it != old.end(); ++it) {
        const auto sealed = encoding::bytesFromJson(it.value());
        auto opened = sealed ? crypto::open(m_key, *sealed, entryAssociated(it.key())) : std::nullopt;
        if (!opened) {
            for (QByteArray &value : plain)
                crypto::wipe(value);
            return StoreError { Error::Failed, damagedMessage(m_filePath) };
        }
        plain.insert(it.key(), std::move(*opened));
    }

    QByteArray secret = passwordKeyMaterial(newPassword);
    const QByteArray newSalt = crypto::randomBytes(crypto::saltBytes);
    QByteArray newKey = crypto::deriveKey(secret, newSalt, cost);
    crypto::wipe(secret);
    if (newKey.isEmpty()) {
        for (QByteArray &value : plain)
            crypto::wipe(value);
        return StoreError { Error::Failed, outOfMemoryMessage() };
    }
    QJsonObject resealed;
    for (auto it = plain.begin(); it != plain.end(); ++it) {
        resealed.insert(it.key(), encoding::bytesToJson(crypto::seal(newKey, it.value(), entryAssociated(it.key()))));
        crypto::wipe(it.value());
    }

    std::swap(m_key, newKey);
    const QByteArray oldSalt = std::exchange(m_salt, newSalt);
    const crypto::PasswordCost oldCost = std::exchange(m_cost, cost);
    const WriteResult saved = saveEntries(resealed);
    if (!saved) {
        // The file still holds the old password's entries: keep using the old key.
        std::swap(m_key, newKey);
        m_salt = oldSalt;
        m_cost = oldCost;
    }
    crypto::wipe(newKey);
    return saved;
}

void VaultFileSecretStore::read(const QString &key, QObject *context, ReadCallback callback)
{
    // The work is a small file read; it is done now so that a later write cannot overtake it, and answered
    // on the event loop as the SecretStore contract says.
    deliverLater(context, [callback, result = readNow(key)]() mutable { callback(std::move(result)); });
}

void VaultFileSecretStore::write(const QString &key, const QByteArray &value, QObject *context, WriteCallback callback)
{
    deliverLater(context, [callback, result = writeNow(key, value)] { callback(result); });
}

void VaultFileSecretStore::remove(const QString &key, QObject *context, WriteCallback callback)
{
    deliverLater(context, [callback, result = removeNow(key)] { callback(result); });
}

} // namespace mts
