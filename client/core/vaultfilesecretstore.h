// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/secretstore.h"
#include "shared/crypto.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <optional>

namespace mts {

/// SecretStore in a JSON file for machines without an OS keychain (DESIGN.md, "Identity, roles, secrets").
///
/// Each value is sealed (XChaCha20-Poly1305) with a key derived from the user's password by Argon2id, and
/// bound to its entry name, so values can be neither read nor swapped between entries. The file holds the
/// salt and the Argon2id cost, a check value that tells a wrong password from a damaged entry, and the
/// entries; entry *names* ("refresh-token") are readable, values never. It is replaced atomically
/// (QSaveFile) and is readable by its owner only (0600).
///
/// File layout (format 1):
/// `{"format":1,"kind":"mattranso-vault","kdf":{"algorithm":"argon2id13","salt":…,"ops_limit":…,"mem_limit":…},
///   "check":…,"entries":{"<name>":…}}`, binary values in base64.
///
/// The password is turned into a key once, in the constructor (Argon2id: about 0.1 s at the interactive
/// cost); operations are then cheap and are answered on the event loop like any SecretStore.
class VaultFileSecretStore : public SecretStore {
    Q_DECLARE_TR_FUNCTIONS(VaultFileSecretStore)
public:
    /// Opens the vault at `filePath` with `password`. An existing file keeps its own salt and cost; a missing
    /// one is created, with a fresh salt and `cost`, on the first write. If the file is damaged or the
    /// password is wrong, every operation reports it (see status()).
    VaultFileSecretStore(const QString &filePath, const QString &password,
        crypto::PasswordCost cost = crypto::PasswordCost::interactive());
    ~VaultFileSecretStore() override;

    VaultFileSecretStore(const VaultFileSecretStore &) = delete;
    VaultFileSecretStore &operator=(const VaultFileSecretStore &) = delete;

    QString filePath() const { return m_filePath; }

    /// Whether the vault can be used: ok, AccessDenied (wrong password), Failed (damaged or unreadable file,
    /// or a format from a newer version).
    WriteResult status() const;

    /// Re-seals every entry under `newPassword` (fresh salt, `cost`) and replaces the file atomically.
    /// Fails, leaving the file untouched, when the vault is not usable.
    [[nodiscard]] WriteResult changePassword(
        const QString &newPassword, crypto::PasswordCost cost = crypto::PasswordCost::interactive());

    void read(const QString &key, QObject *context, ReadCallback callback) override;
    void write(const QString &key, const QByteArray &value, QObject *context, WriteCallback callback) override;
    void remove(const QString &key, QObject *context, WriteCallback callback) override;

private:
    std::optional<mts::Error<Error>> openWith(const QByteArray &secret);
    /// The entries of the file (name → base64 of the sealed value); empty when there is no file yet.
    Result<QJsonObject, Error> loadEntries() const;
    WriteResult saveEntries(const QJsonObject &entries) const;
    ReadResult readNow(const QString &key) const;
    WriteResult writeNow(const QString &key, const QByteArray &value);
    WriteResult removeNow(const QString &key);

    QString m_filePath;
    QByteArray m_key;
    QByteArray m_salt;
    crypto::PasswordCost m_cost;
    std::optional<mts::Error<Error>> m_openError;
};

} // namespace mts
