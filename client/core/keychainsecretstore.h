// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "client/core/secretstore.h"

#include <QCoreApplication>

namespace mts {

/// SecretStore over the OS keychain through QtKeychain: Windows Credential Manager, macOS Keychain,
/// the freedesktop Secret Service (GNOME Keyring, KeePassXC) or KWallet on Linux.
///
/// Entries live under the service name "mattranso" with keys `<accountNamespace>/<key>`, so two accounts of
/// the same OS user never see each other's entries by name (they are *not* protected from each other: anyone
/// in the OS session can read the keychain).
///
/// Error mapping: QtKeychain's EntryNotFound → NotFound; AccessDenied/AccessDeniedByUser → AccessDenied;
/// NoBackendAvailable, NotImplemented and OtherError → Unavailable. On Linux QtKeychain reports every
/// backend failure (no D-Bus session, no Secret Service, no default collection, libsecret missing) as
/// OtherError with a GLib message that may be translated, so OtherError as a whole means "cannot be used".
///
/// On Linux a process whose HOME does not exist is answered Unavailable at once: gnome-keyring would
/// otherwise hang every call for 25 s (notes/toolchain.md §3). There is no timeout of our own: QtKeychain's
/// D-Bus calls end after 25 s at worst, and an unlock prompt must be allowed the time the user needs.
///
/// Use from one thread (QtKeychain runs one job at a time through a global queue). Needs an event loop; on
/// Linux it must be Qt's default GLib-based one, which libsecret's callbacks run on.
class KeychainSecretStore : public SecretStore {
    Q_DECLARE_TR_FUNCTIONS(KeychainSecretStore)
public:
    /// A store for the entries of one account; `accountNamespace` is its AccountDirectory::accountId().
    explicit KeychainSecretStore(const QString &accountNamespace);
    ~KeychainSecretStore() override;

    /// The keychain service name of every entry: "mattranso".
    static QString serviceName();

    /// The key under which `key` is stored in the keychain.
    QString qualifiedKey(const QString &key) const;

    void read(const QString &key, QObject *context, ReadCallback callback) override;
    void write(const QString &key, const QByteArray &value, QObject *context, WriteCallback callback) override;
    void remove(const QString &key, QObject *context, WriteCallback callback) override;

private:
    QString m_namespace;
};

} // namespace mts
