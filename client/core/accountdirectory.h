// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/error.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUrl>

namespace mts {

/// Where each account's local data lives: one folder per (server, account), because office PCs are shared
/// and two cadres must never share a replica, an outbox or a data key (DESIGN.md).
///
/// Layout: `<root>/accounts/<id>/` with `<id>` = accountId(server, username), each folder created owner-only
/// (0700) and holding an `identity.json` ({"server","username"}) so accounts() can list it. What else goes in
/// the folder (account.json, the replica, the secret vault) belongs to the classes that write it.
class AccountDirectory {
    Q_DECLARE_TR_FUNCTIONS(AccountDirectory)
public:
    enum class Error {
        InvalidAccount, ///< Empty username or a server URL without a host.
        Failed, ///< The folder could not be created or written (disk, permissions); the message says which.
    };

    /// An account that has a folder on this computer.
    struct Account {
        QString id;
        QUrl server;
        QString username;
        QString folder;
    };

    /// Accounts under `root`; an empty `root` means QStandardPaths::AppDataLocation.
    explicit AccountDirectory(const QString &root = {});

    QString root() const { return m_root; }

    /// The account's folder, created (0700) with its identity file if it does not exist yet.
    [[nodiscard]] Result<QString, Error> folderFor(const QUrl &server, const QString &username) const;

    /// The folder that folderFor() would return, without creating anything.
    QString folderPathFor(const QUrl &server, const QString &username) const;

    /// Every account with a folder here, sorted by server then username. Folders without a readable identity
    /// file are skipped.
    QList<Account> accounts() const;

    /// 32 hex digits: BLAKE2b-128 of `normalizedServer(server) + "|" + normalizedUsername(username)`.
    /// Stable across runs and platforms; also the namespace of the account's keychain entries.
    static QString accountId(const QUrl &server, const QString &username);

    /// The server URL as the id sees it: lower-case scheme and host, no default port, no user info, query,
    /// fragment or trailing slash ("https://MTTQ.gov.vn:443/" → "https://mttq.gov.vn").
    static QString normalizedServer(const QUrl &server);
    /// The username as the id sees it: NFC, case-folded ("NguyenVanA" and "nguyenvana" are one account).
    static QString normalizedUsername(const QString &username);

private:
    QString m_root;
};

} // namespace mts
