// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/error.h"

#include <QList>
#include <QString>

class QSqlDatabase;

namespace mts {

class UserDirectory;

/// Demo data for trying the platform: two provinces with several communes and residential areas.
/// Seeding is idempotent: rows that exist are left alone.
class DemoData {
public:
    enum class Error { ResourceMissing, QueryFailed };
    /// Inserts the demo data; returns how many rows were new.
    static Result<int, Error> seed(QSqlDatabase &db);

    /// A demo account: user name, role and unit, as printed for people trying the demo.
    struct Account {
        QString username;
        QString displayName;
        QString role;
        QString unit;
    };
    /// The password of every demo account. Demo servers only: never seed demo accounts on a real one.
    static QString demoPassword();
    static QList<Account> accounts();
    /// Adds the demo accounts that do not exist yet (after seed()); returns how many were added.
    static Result<int, Error> seedAccounts(UserDirectory &users);
};

} // namespace mts
