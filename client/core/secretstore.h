// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/error.h"

#include <QByteArray>
#include <QString>

#include <functional>

class QObject;

namespace mts {

/// Where an account keeps its small secrets (the refresh token, the data key): the OS keychain
/// (KeychainSecretStore) or, where none exists, an encrypted file (VaultFileSecretStore).
///
/// Every call is asynchronous: the callback runs later on the event loop of `context`'s thread, never
/// inside the call itself, exactly once — unless `context` is destroyed first, in which case it never runs.
/// `context` must not be null.
class SecretStore {
public:
    /// Why an operation failed.
    enum class Error {
        NotFound, ///< No secret under that key (only read() reports it; remove() of a missing key succeeds).
        Unavailable, ///< The store cannot be used here (no keychain service, no D-Bus session, …).
        AccessDenied, ///< The store refused: keychain locked or denied by the user, wrong vault password.
        Failed, ///< Anything else (damaged vault file, disk full, …); the message says what.
    };
    using ReadResult = Result<QByteArray, Error>;
    using WriteResult = Status<Error>;
    using ReadCallback = std::function<void(ReadResult)>;
    using WriteCallback = std::function<void(WriteResult)>;

    virtual ~SecretStore();

    /// Reads the secret stored under `key`.
    virtual void read(const QString &key, QObject *context, ReadCallback callback) = 0;
    /// Stores `value` under `key`, replacing what was there.
    virtual void write(const QString &key, const QByteArray &value, QObject *context, WriteCallback callback) = 0;
    /// Deletes the secret under `key`; succeeds when there was none.
    virtual void remove(const QString &key, QObject *context, WriteCallback callback) = 0;

protected:
    /// Runs `call` on the event loop of `context`'s thread (dropped if `context` dies first).
    static void deliverLater(QObject *context, std::function<void()> call);
};

/// The bytes a typed password is turned into before key derivation: UTF-8 of its NFC form, so a Vietnamese
/// password typed with an input method that emits decomposed characters (NFD) still matches the one that
/// was set with precomposed characters. Wipe the result after use (crypto::wipe).
QByteArray passwordKeyMaterial(const QString &password);

} // namespace mts
