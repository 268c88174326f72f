// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "keychainsecretstore.h"

#include <qt6keychain/keychain.h>

#include <QFileInfo>
#include <QLoggingCategory>

#include <optional>
#include <utility>

Q_LOGGING_CATEGORY(lcKeychain, "mts.client.secrets")

namespace mts {

namespace {

using StoreError = mts::Error<SecretStore::Error>;

SecretStore::Error mapError(QKeychain::Error code)
{
    switch (code) {
    case QKeychain::EntryNotFound:
        return SecretStore::Error::NotFound;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return SecretStore::Error::AccessDenied;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        return SecretStore::Error::Unavailable;
    case QKeychain::NoError:
    case QKeychain::CouldNotDeleteEntry:
        break;
    }
    return SecretStore::Error::Failed;
}

/// Runs `job`; `onFinished` is called on `context`'s thread, and not at all if `context` dies first.
void runJob(QKeychain::Job *job, QObject *context, std::function<void(QKeychain::Job *)> onFinished)
{
    job->setAutoDelete(true);
    QObject::connect(job, &QKeychain::Job::finished, context, std::move(onFinished));
    job->start(); // always asynchronous: QtKeychain queues the start on the event loop
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &accountNamespace)
    : m_namespace(accountNamespace)
{
}

KeychainSecretStore::~KeychainSecretStore() = default;

QString KeychainSecretStore::serviceName()
{
    return QStringLiteral("mattranso");
}

QString KeychainSecretStore::qualifiedKey(const QString &key) const
{
    return m_namespace + QLatin1Char('/') + key;
}

namespace {

std::optional<StoreError> environmentProblem()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
    // gnome-keyring cannot create its control socket without a home folder, and D-Bus activation then
    // makes every call wait 25 s before it fails.
    const QString home = qEnvironmentVariable("HOME");
    if (home.isEmpty() || !QFileInfo(home).isDir()) {
        return StoreError { SecretStore::Error::Unavailable,
            KeychainSecretStore::tr("The system keychain cannot be used because the home folder \"%1\" does not "
                                    "exist. Secrets are kept in an encrypted file instead.")
                .arg(home) };
    }
#endif
    return std::nullopt;
}

StoreError jobError(const QKeychain::Job *job)
{
    const SecretStore::Error code = mapError(job->error());
    QString message;
    switch (code) {
    case SecretStore::Error::NotFound:
        message = KeychainSecretStore::tr("No secret is saved in the system keychain under \"%1\".").arg(job->key());
        break;
    case SecretStore::Error::AccessDenied:
        message = KeychainSecretStore::tr("The system keychain refused access (%1). Unlock the keychain and try "
                                          "again.")
                      .arg(job->errorString());
        break;
    case SecretStore::Error::Unavailable:
        message = KeychainSecretStore::tr("The system keychain is not available (%1). Secrets are kept in an "
                                          "encrypted file instead.")
                      .arg(job->errorString());
        break;
    case SecretStore::Error::Failed:
        message = KeychainSecretStore::tr("The system keychain failed (%1). Try again.").arg(job->errorString());
        break;
    }
    qCInfo(lcKeychain) << "keychain job for" << job->key() << "failed with QtKeychain error" << int(job->error())
                       << job->errorString();
    return StoreError { code, message };
}

} // namespace

void KeychainSecretStore::read(const QString &key, QObject *context, ReadCallback callback)
{
    if (auto problem = environmentProblem()) {
        deliverLater(context, [callback, error = *problem] { callback(error); });
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    job->setKey(qualifiedKey(key));
    runJob(job, context, [callback](QKeychain::Job *finished) {
        if (finished->error() != QKeychain::NoError) {
            callback(jobError(finished));
            return;
        }
        callback(static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData());
    });
}

void KeychainSecretStore::write(const QString &key, const QByteArray &value, QObject *context, WriteCallback callback)
{
    if (auto problem = environmentProblem()) {
        deliverLater(context, [callback, error = *problem] { callback(error); });
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setKey(qualifiedKey(key));
    job->setBinaryData(value);
    runJob(job, context, [callback](QKeychain::Job *finished) {
        if (finished->error() != QKeychain::NoError)
            callback(jobError(finished));
        else
            callback(ok);
    });
}

void KeychainSecretStore::remove(const QString &key, QObject *context, WriteCallback callback)
{
    if (auto problem = environmentProblem()) {
        deliverLater(context, [callback, error = *problem] { callback(error); });
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(serviceName());
    job->setKey(qualifiedKey(key));
    runJob(job, context, [callback](QKeychain::Job *finished) {
        // Deleting what is not there is success: the caller wanted it gone.
        if (finished->error() != QKeychain::NoError && finished->error() != QKeychain::EntryNotFound)
            callback(jobError(finished));
        else
            callback(ok);
    });
}

} // namespace mts
