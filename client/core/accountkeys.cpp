// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "accountkeys.h"

#include "client/core/accountdirectory.h"
#include "client/core/vaultfilesecretstore.h"
#include "shared/encoding.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QSaveFile>

Q_LOGGING_CATEGORY(lcAccountKeys, "mts.client.secrets")

namespace mts {

namespace {

constexpr int formatVersion = 1;
constexpr qint64 maxFileBytes = 64 * 1024;
const char kdfName[] = "argon2id13";
const char keychainMode[] = "keychain";
const char vaultMode[] = "vault";

QByteArray wrapAssociated(const QString &username)
{
    return QByteArrayLiteral("mattranso:datakey:") + username.toUtf8();
}

} // namespace

struct AccountKeys::AccountFile {
    QString username;
    QString server;
    QByteArray salt;
    crypto::PasswordCost cost {};
    QByteArray wrappedKey;
    QDateTime lastOnlineSignIn;
    bool vault = false;
};

AccountKeys::AccountKeys(const QString &accountFolder, const QUrl &server, const QString &username,
    std::unique_ptr<SecretStore> keychain, QObject *parent)
    : AccountKeys(accountFolder, server, username, std::move(keychain), Options {}, parent)
{
}

AccountKeys::AccountKeys(const QString &accountFolder, const QUrl &server, const QString &username,
    std::unique_ptr<SecretStore> keychain, const Options &options, QObject *parent)
    : QObject(parent)
    , m_folder(accountFolder)
    , m_server(server)
    , m_username(username)
    , m_keychain(std::move(keychain))
    , m_options(options)
{
    if (const auto file = readAccountFile())
        m_usesVault = file.value().vault;
}

AccountKeys::~AccountKeys() = default;

QString AccountKeys::keychainCheckSecretName()
{
    return QStringLiteral("keychain-check");
}

QString AccountKeys::refreshTokenSecretName()
{
    return QStringLiteral("refresh-token");
}

QString AccountKeys::accountFilePath() const
{
    return QDir(m_folder).filePath(QStringLiteral("account.json"));
}

QString AccountKeys::vaultFilePath() const
{
    return QDir(m_folder).filePath(QStringLiteral("secrets.vault"));
}

bool AccountKeys::hasAccount() const
{
    return QFileInfo::exists(accountFilePath());
}

QDateTime AccountKeys::now() const
{
    return (m_options.clock ? m_options.clock() : QDateTime::currentDateTimeUtc()).toUTC();
}

SecretStore *AccountKeys::secretStore() const
{
    if (m_usesVault)
        return m_vault.get();
    return m_keychain.get();
}

void AccountKeys::lock()
{
    m_vault.reset();
}

Result<AccountKeys::AccountFile, AccountKeys::Error> AccountKeys::readAccountFile() const
{
    QFile file(accountFilePath());
    if (!file.exists())
        return mts::Error<Error> { Error::NoAccount,
            tr("This account has not signed in online on this computer yet. Connect to the internet and sign in "
               "online.") };
    const auto damaged = [this] {
        return mts::Error<Error> { Error::AccountFileDamaged,
            tr("The account file \"%1\" is damaged. Connect to the internet and sign in online; if that does not "
               "help, ask your administrator.")
                .arg(QDir::toNativeSeparators(accountFilePath())) };
    };
    if (!file.open(QIODevice::ReadOnly))
        return mts::Error<Error> { Error::Failed,
            tr("The account file \"%1\" cannot be read (%2). Check the disk and the folder's permissions.")
                .arg(QDir::toNativeSeparators(accountFilePath()), file.errorString()) };
    if (file.size() > maxFileBytes)
        return damaged();

    const QJsonObject root = QJsonDocument::fromJson(file.read(maxFileBytes)).object();
    const int format = root.value(QLatin1String("format")).toInt();
    if (format > formatVersion)
        return mts::Error<Error> { Error::AccountFileDamaged,
            tr("The account file was written by a newer version of Mặt trận số. Update the application.") };

    AccountFile account;
    const QJsonObject kdf = root.value(QLatin1String("kdf")).toObject();
    const auto salt = encoding::bytesFromJson(root.value(QLatin1String("salt")));
    const auto wrapped = encoding::bytesFromJson(root.value(QLatin1String("wrapped_key")));
    const QString mode = root.value(QLatin1String("secret_store")).toString();
    account.username = root.value(QLatin1String("username")).toString();
    account.server = root.value(QLatin1String("server")).toString();
    account.cost = { quint64(kdf.value(QLatin1String("ops_limit")).toDouble()),
        size_t(kdf.value(QLatin1String("mem_limit")).toDouble()) };
    account.lastOnlineSignIn
        = QDateTime::fromString(root.value(QLatin1String("last_online_sign_in")).toString(), Qt::ISODateWithMs);
    account.vault = mode == QLatin1String(vaultMode);
    if (format != formatVersion || kdf.value(QLatin1String("algorithm")).toString() != QLatin1String(kdfName) || !salt
        || salt->size() != crypto::saltBytes || !wrapped || wrapped->size() != crypto::keyBytes + crypto::sealOverhead
        || !account.cost.isAcceptable() || !account.lastOnlineSignIn.isValid()
        || (mode != QLatin1String(keychainMode) && mode != QLatin1String(vaultMode)))
        return damaged();
    // The folder is chosen by account id; a file naming another account was copied here.
    if (AccountDirectory::accountId(QUrl(account.server), account.username)
        != AccountDirectory::accountId(m_server, m_username))
        return damaged();
    account.salt = *salt;
    account.wrappedKey = *wrapped;
    return account;
}

Status<AccountKeys::Error> AccountKeys::writeAccountFile(const AccountFile &account) const
{
    const QJsonObject root {
        { QLatin1String("format"), formatVersion },
        { QLatin1String("username"), account.username },
        { QLatin1String("server"), account.server },
        { QLatin1String("salt"), encoding::bytesToJson(account.salt) },
        { QLatin1String("kdf"),
            QJsonObject {
                { QLatin1String("algorithm"), QLatin1String(kdfName) },
                { QLatin1String("ops_limit"), double(account.cost.opsLimit) },
                { QLatin1String("mem_limit"), double(account.cost.memLimit) },
            } },
        { QLatin1String("wrapped_key"), encoding::bytesToJson(account.wrappedKey) },
        { QLatin1String("last_online_sign_in"), account.lastOnlineSignIn.toUTC().toString(Qt::ISODateWithMs) },
        { QLatin1String("secret_store"), QLatin1String(account.vault ? vaultMode : keychainMode) },
    };
    QSaveFile file(accountFilePath());
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)
        || file.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        qCWarning(lcAccountKeys) << "cannot write" << accountFilePath() << reason;
        return mts::Error<Error> { Error::Failed,
            tr("The account file \"%1\" cannot be written (%2). Check the disk and the folder's permissions, then "
               "try again.")
                .arg(QDir::toNativeSeparators(accountFilePath()), reason) };
    }
    return ok;
}

Result<QByteArray, AccountKeys::Error> AccountKeys::unwrap(const AccountFile &account, const QString &password) const
{
    QByteArray secret = passwordKeyMaterial(password);
    QByteArray wrappingKey = crypto::deriveKey(secret, account.salt, account.cost);
    crypto::wipe(secret);
    if (wrappingKey.isEmpty())
        return mts::Error<Error> { Error::Failed,
            tr("Not enough memory to check the password. Close other programs and try again.") };
    auto dataKey = crypto::open(wrappingKey, account.wrappedKey, wrapAssociated(account.username));
    crypto::wipe(wrappingKey);
    if (!dataKey)
        return mts::Error<Error> { Error::WrongPassword, tr("The password is not correct. Check it and try again.") };
    return std::move(*dataKey);
}

void AccountKeys::openVault(const QString &password)
{
    m_vault = std::make_unique<VaultFileSecretStore>(vaultFilePath(), password, m_options.cost);
    if (const auto status = m_vault->status(); !status) {
        // The vault only holds what an online sign-in gives again (the refresh token): rather than leave the
        // account unable to keep any secret, start an empty one.
        qCWarning(lcAccountKeys) << "replacing unusable secret vault" << vaultFilePath() << status.error().message;
        m_vault.reset();
        QFile::remove(vaultFilePath());
        m_vault = std::make_unique<VaultFileSecretStore>(vaultFilePath(), password, m_options.cost);
    }
}

void AccountKeys::create(const QString &password, QObject *context, DataKeyCallback done)
{
    Q_ASSERT(context);
    const auto failLater = [context, done](mts::Error<Error> error) {
        QMetaObject::invokeMethod(
            context, [done, error] { done(error); }, Qt::QueuedConnection);
    };
    if (password.isEmpty())
        return failLater({ Error::Failed, tr("Enter a password.") });
    if (hasAccount())
        return failLater({ Error::AccountExists, tr("This account already has its keys on this computer.") });

    AccountFile account;
    account.username = m_username;
    account.server = AccountDirectory::normalizedServer(m_server);
    account.salt = crypto::randomBytes(crypto::saltBytes);
    account.cost = m_options.cost;
    QByteArray dataKey = crypto::randomBytes(crypto::keyBytes);
    {
        QByteArray secret = passwordKeyMaterial(password);
        QByteArray wrappingKey = crypto::deriveKey(secret, account.salt, account.cost);
        crypto::wipe(secret);
        if (wrappingKey.isEmpty()) {
            crypto::wipe(dataKey);
            return failLater(
                { Error::Failed, tr("Not enough memory to protect the keys. Close other programs and try again.") });
        }
        account.wrappedKey = crypto::seal(wrappingKey, dataKey, wrapAssociated(account.username));
        crypto::wipe(wrappingKey);
    }

    QPointer<QObject> guard(context);
    auto finish = [this, guard, done, account, password, dataKey](SecretStore::WriteResult stored) mutable {
        if (!stored && stored.error().code != SecretStore::Error::Unavailable) {
            crypto::wipe(dataKey);
            if (guard)
                done(mts::Error<Error> { Error::KeychainFailed, stored.error().message });
            return;
        }
        account.vault = !stored;
        account.lastOnlineSignIn = now();
        // A vault left by an earlier account file in this folder belongs to keys that no longer exist.
        QFile::remove(vaultFilePath());
        if (const auto written = writeAccountFile(account); !written) {
            crypto::wipe(dataKey);
            if (guard)
                done(written.error());
            return;
        }
        m_usesVault = account.vault;
        m_vault.reset();
        if (m_usesVault) {
            qCInfo(lcAccountKeys) << "no usable keychain; secrets go to" << vaultFilePath() << "-"
                                  << stored.error().message;
            openVault(password);
        }
        if (guard)
            done(dataKey);
        crypto::wipe(dataKey);
    };
    if (!m_keychain) {
        QMetaObject::invokeMethod(
            this,
            [finish]() mutable {
                finish(
                    mts::Error<SecretStore::Error> { SecretStore::Error::Unavailable, tr("No keychain is set up.") });
            },
            Qt::QueuedConnection);
        return;
    }
    // The data key itself never goes to the keychain: on an office PC shared under one OS account the keychain is
    // open to every cadre using it, so only the password-wrapped copy protects one cadre's data from another.
    // What goes there is a one-way check value, which tells whether the keychain works for this account.
    m_keychain->write(
        keychainCheckSecretName(), crypto::blake2b(dataKey, 16, "mattranso:keychain-check"), this, std::move(finish));
}

AccountKeys::DataKeyResult AccountKeys::unlockOffline(const QString &password)
{
    auto account = readAccountFile();
    if (!account)
        return account.error();
    auto dataKey = unwrap(account.value(), password);
    if (!dataKey)
        return dataKey;

    // Checked only after the password, so that nothing but WrongPassword answers a wrong password.
    const qint64 offlineSeconds = account.value().lastOnlineSignIn.secsTo(now());
    if (offlineSeconds > qint64(m_options.offlinePeriod.count())) {
        QByteArray key = std::move(dataKey).value();
        crypto::wipe(key);
        const int days = int(std::chrono::floor<std::chrono::days>(m_options.offlinePeriod).count());
        return mts::Error<Error> { Error::OfflinePeriodExpired,
            tr("You have not signed in online for more than %n day(s), the longest this computer may be used "
               "offline. Connect to the internet and sign in online.",
                nullptr, days) };
    }

    m_usesVault = account.value().vault;
    if (m_usesVault)
        openVault(password);
    return dataKey;
}

Status<AccountKeys::Error> AccountKeys::recordOnlineSignIn()
{
    auto account = readAccountFile();
    if (!account)
        return account.error();
    AccountFile updated = account.value();
    updated.lastOnlineSignIn = now();
    return writeAccountFile(updated);
}

std::optional<QDateTime> AccountKeys::lastOnlineSignIn() const
{
    const auto account = readAccountFile();
    if (!account)
        return std::nullopt;
    return account.value().lastOnlineSignIn;
}

Status<AccountKeys::Error> AccountKeys::changePassword(const QString &oldPassword, const QString &newPassword)
{
    if (newPassword.isEmpty())
        return mts::Error<Error> { Error::Failed, tr("Enter a new password.") };
    auto account = readAccountFile();
    if (!account)
        return account.error();
    auto unwrapped = unwrap(account.value(), oldPassword);
    if (!unwrapped)
        return unwrapped.error();
    QByteArray dataKey = std::move(unwrapped).value();

    AccountFile updated = account.value();
    updated.salt = crypto::randomBytes(crypto::saltBytes);
    updated.cost = m_options.cost;
    QByteArray secret = passwordKeyMaterial(newPassword);
    QByteArray wrappingKey = crypto::deriveKey(secret, updated.salt, updated.cost);
    crypto::wipe(secret);
    if (wrappingKey.isEmpty()) {
        crypto::wipe(dataKey);
        return mts::Error<Error> { Error::Failed,
            tr("Not enough memory to protect the keys. Close other programs and try again.") };
    }
    updated.wrappedKey = crypto::seal(wrappingKey, dataKey, wrapAssociated(updated.username));
    crypto::wipe(wrappingKey);
    crypto::wipe(dataKey);
    if (const auto written = writeAccountFile(updated); !written)
        return written;

    if (updated.vault) {
        if (!m_vault)
            m_vault = std::make_unique<VaultFileSecretStore>(vaultFilePath(), oldPassword, m_options.cost);
        if (const auto resealed = m_vault->changePassword(newPassword, m_options.cost); !resealed) {
            // The data key is safe under the new password; the vault only held what signing in online gives
            // again, so start it afresh rather than keep a vault no password opens.
            qCWarning(lcAccountKeys) << "cannot re-seal the secret vault:" << resealed.error().message;
            m_vault.reset();
            QFile::remove(vaultFilePath());
            openVault(newPassword);
        }
    }
    return ok;
}

} // namespace mts
