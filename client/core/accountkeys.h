// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/secretstore.h"
#include "shared/crypto.h"
#include "shared/error.h"

#include <QDateTime>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace mts {

class VaultFileSecretStore;

/// The account's data key (DESIGN.md, "Identity, roles, secrets"): a random 32-byte key that encrypts the
/// account's local data, kept in the OS keychain and also wrapped with a key derived from the user's password,
/// so the account can be unlocked offline with the password for a bounded time after the last online sign-in.
///
/// The account file `account.json` in the account's folder (AccountDirectory) holds, in format 1:
/// `format`, `username`, `server`, `salt`, `kdf` {algorithm, ops_limit, mem_limit}, `wrapped_key` =
/// seal(Argon2id(password, salt), dataKey, "mattranso:datakey:" + username), `last_online_sign_in` (ISO-8601
/// UTC) and `secret_store` ("keychain" or "vault"). It never holds the data key or the password in clear. It is
/// written atomically, owner-only (0600).
///
/// Where the keychain is unavailable (SecretStore::Error::Unavailable, or no keychain store given), the other
/// secrets (refresh token) go to a VaultFileSecretStore `secrets.vault` in the account's folder, sealed under
/// the password; usesVaultFallback() tells the UI so. The choice is made by create() and kept in the account
/// file.
///
/// The offline period is a policy of an honest client: whoever knows the password can always unwrap the data
/// key with other tools, and can edit `last_online_sign_in`; the password is what protects the data.
///
/// Passwords are taken as typed (normalised to NFC, see passwordKeyMaterial()); buffers holding passwords and
/// keys are wiped after use. The data key handed to the caller is the caller's to wipe.
class AccountKeys : public QObject {
    Q_OBJECT
public:
    enum class Error {
        NoAccount, ///< No account file here yet: sign in online first.
        AccountExists, ///< create() on an account that already has a data key.
        AccountFileDamaged, ///< The account file is unreadable, altered, or from a newer version.
        WrongPassword, ///< The password does not unwrap the data key (the only answer to a wrong password).
        OfflinePeriodExpired, ///< Too long since the last online sign-in: connect and sign in online.
        KeychainFailed, ///< The keychain exists but refused or failed (locked, denied).
        Failed, ///< Disk, memory or an empty password; the message says which.
    };

    /// Settings; the defaults are what the application uses.
    struct Options {
        /// Argon2id cost for new wrapping keys (tests use PasswordCost::minimum()).
        crypto::PasswordCost cost = crypto::PasswordCost::interactive();
        /// How long after the last online sign-in offline unlocking works.
        std::chrono::seconds offlinePeriod = std::chrono::days(30);
        /// Current time; empty means QDateTime::currentDateTimeUtc.
        std::function<QDateTime()> clock;
    };

    using DataKeyResult = Result<QByteArray, Error>;
    using DataKeyCallback = std::function<void(DataKeyResult)>;

    /// Keys of the account `username` on `server`, whose folder (existing, from AccountDirectory::folderFor) is
    /// `accountFolder`. `keychain` stores the other secrets (sealed by the caller with the data key); null means
    /// there is none.
    AccountKeys(const QString &accountFolder, const QUrl &server, const QString &username,
        std::unique_ptr<SecretStore> keychain, QObject *parent = nullptr);
    AccountKeys(const QString &accountFolder, const QUrl &server, const QString &username,
        std::unique_ptr<SecretStore> keychain, const Options &options, QObject *parent = nullptr);
    ~AccountKeys() override;

    QString accountFilePath() const;
    QString vaultFilePath() const;
    /// Whether the account has keys on this computer (an account file exists).
    bool hasAccount() const;

    /// On the first online sign-in on this computer: makes a random data key, wraps it with the password, checks
    /// the keychain works (the data key itself is never stored there: shared OS accounts share the keychain) (or
    /// falls back to the vault when the keychain is unavailable) and writes the account file.
    /// `done` receives the data key, on the event loop of `context`'s thread, unless `context` or this object
    /// dies first.
    void create(const QString &password, QObject *context, DataKeyCallback done);

    /// Unlocks without the server: returns the data key if `password` unwraps it and the offline period has not
    /// expired. In vault mode it also opens the vault, so secretStore() works. Takes one Argon2id computation
    /// (two in vault mode).
    [[nodiscard]] DataKeyResult unlockOffline(const QString &password);

    /// After a successful online sign-in: restarts the offline period from now.
    [[nodiscard]] Status<Error> recordOnlineSignIn();

    /// Rewraps the data key under `newPassword` (fresh salt, current cost); the data key itself does not change,
    /// so no local data needs re-encrypting. In vault mode the vault is re-sealed as well.
    [[nodiscard]] Status<Error> changePassword(const QString &oldPassword, const QString &newPassword);

    /// When the account last signed in online, from the account file.
    std::optional<QDateTime> lastOnlineSignIn() const;

    /// Whether this account keeps its secrets in the vault file because there is no usable keychain.
    bool usesVaultFallback() const { return m_usesVault; }

    /// Where to keep the account's other secrets (refresh token under refreshTokenSecretName()): the keychain
    /// store, or in vault mode the vault — which is null until create() or unlockOffline() opened it and after
    /// lock(). Owned by this object.
    SecretStore *secretStore() const;

    /// Forgets the vault key (idle lock, sign-out); unlockOffline() opens it again.
    void lock();

    /// Names of the entries this class and its callers keep in secretStore().
    static QString keychainCheckSecretName();
    static QString refreshTokenSecretName();

private:
    struct AccountFile;
    Result<AccountFile, Error> readAccountFile() const;
    Status<Error> writeAccountFile(const AccountFile &file) const;
    Result<QByteArray, Error> unwrap(const AccountFile &file, const QString &password) const;
    void openVault(const QString &password);
    QDateTime now() const;

    QString m_folder;
    QUrl m_server;
    QString m_username;
    std::unique_ptr<SecretStore> m_keychain;
    std::unique_ptr<VaultFileSecretStore> m_vault;
    Options m_options;
    bool m_usesVault = false;
};

} // namespace mts
