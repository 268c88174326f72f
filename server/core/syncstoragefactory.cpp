// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/syncstoragefactory.h"

#include "server/core/sqlitesyncstorage.h"

namespace mts {

std::unique_ptr<SyncStorage> makeSyncStorage(const QString &databaseUrl, const QString &sqliteFile)
{
    // PostgreSQL joins here once its backend lands.
    Q_UNUSED(databaseUrl);
    return std::make_unique<SqliteSyncStorage>(sqliteFile);
}

} // namespace mts
