// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "accountdirectory.h"

#include "shared/crypto.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

Q_LOGGING_CATEGORY(lcAccounts, "mts.client.secrets")

namespace mts {

namespace {

constexpr int idBytes = 16;
const QFile::Permissions ownerOnlyFolder = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;

QString identityFileName()
{
    return QStringLiteral("identity.json");
}

/// Makes `path` an owner-only folder, creating it when missing and tightening it when it exists.
bool makeOwnerOnlyFolder(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists() && (!info.isDir() || info.isSymLink()))
        return false;
    if (!info.exists() && !QDir().mkdir(path, ownerOnlyFolder))
        return false;
    return QFile::setPermissions(path, ownerOnlyFolder);
}

} // namespace

AccountDirectory::AccountDirectory(const QString &root)
    : m_root(root.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : root)
{
}

QString AccountDirectory::normalizedServer(const QUrl &server)
{
    QUrl url = server.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment
        | QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    url.setScheme(url.scheme().toLower());
    url.setHost(url.host().toLower());
    if ((url.scheme() == QLatin1String("https") && url.port() == 443)
        || (url.scheme() == QLatin1String("http") && url.port() == 80))
        url.setPort(-1);
    if (url.path() == QLatin1String("/"))
        url.setPath(QString());
    return url.toString(QUrl::FullyEncoded);
}

QString AccountDirectory::normalizedUsername(const QString &username)
{
    return username.normalized(QString::NormalizationForm_C).toCaseFolded();
}

QString AccountDirectory::accountId(const QUrl &server, const QString &username)
{
    const QByteArray input = (normalizedServer(server) + QLatin1Char('|') + normalizedUsername(username)).toUtf8();
    return QString::fromLatin1(crypto::blake2b(input, idBytes).toHex());
}

QString AccountDirectory::folderPathFor(const QUrl &server, const QString &username) const
{
    return QDir(m_root).filePath(QStringLiteral("accounts/") + accountId(server, username));
}

Result<QString, AccountDirectory::Error> AccountDirectory::folderFor(const QUrl &server, const QString &username) const
{
    if (username.trimmed().isEmpty() || server.host().isEmpty())
        return mts::Error<Error> { Error::InvalidAccount, tr("Enter a username and the server's address.") };

    const QString accounts = QDir(m_root).filePath(QStringLiteral("accounts"));
    const QString folder = folderPathFor(server, username);
    const auto failed = [](const QString &path) {
        return mts::Error<Error> { Error::Failed,
            tr("Cannot create the folder \"%1\" for this account's data. Check the disk and the folder's "
               "permissions, then try again.")
                .arg(QDir::toNativeSeparators(path)) };
    };
    if (!QDir().mkpath(m_root))
        return failed(m_root);
    if (!makeOwnerOnlyFolder(accounts))
        return failed(accounts);
    if (!makeOwnerOnlyFolder(folder))
        return failed(folder);

    const QString identityPath = QDir(folder).filePath(identityFileName());
    if (!QFileInfo::exists(identityPath)) {
        const QJsonObject identity {
            { QLatin1String("server"), normalizedServer(server) },
            { QLatin1String("username"), username },
        };
        QSaveFile file(identityPath);
        if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)
            || file.write(QJsonDocument(identity).toJson()) < 0 || !file.commit()) {
            qCWarning(lcAccounts) << "cannot write" << identityPath << file.errorString();
            return failed(identityPath);
        }
    }
    return folder;
}

QList<AccountDirectory::Account> AccountDirectory::accounts() const
{
    static const QRegularExpression idPattern(QStringLiteral("^[0-9a-f]{%1}$").arg(idBytes * 2));
    QList<Account> found;
    const QDir accounts(QDir(m_root).filePath(QStringLiteral("accounts")));
    const QStringList ids = accounts.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name);
    for (const QString &id : ids) {
        if (!idPattern.match(id).hasMatch())
            continue;
        QFile file(accounts.filePath(id + QLatin1Char('/') + identityFileName()));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject identity = QJsonDocument::fromJson(file.read(64 * 1024)).object();
        Account account { id, QUrl(identity.value(QLatin1String("server")).toString(), QUrl::StrictMode),
            identity.value(QLatin1String("username")).toString(), accounts.filePath(id) };
        // A folder whose identity does not hash to its name was copied or edited: not listed.
        if (!account.server.isValid() || account.username.isEmpty()
            || accountId(account.server, account.username) != id)
            continue;
        found.append(account);
    }
    std::sort(found.begin(), found.end(), [](const Account &a, const Account &b) {
        const QString left = normalizedServer(a.server), right = normalizedServer(b.server);
        return left != right ? left < right : normalizedUsername(a.username) < normalizedUsername(b.username);
    });
    return found;
}

} // namespace mts
