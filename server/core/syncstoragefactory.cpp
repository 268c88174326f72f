// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/syncstoragefactory.h"

#include "server/core/postgressyncstorage.h"
#include "server/core/sqlitesyncstorage.h"

namespace mts {

std::unique_ptr<SyncStorage> makeSyncStorage(const QString &databaseUrl, const QString &sqliteFile)
{
    if (databaseUrl.startsWith(QLatin1String("postgresql://")) || databaseUrl.startsWith(QLatin1String("postgres://")))
        return std::make_unique<PostgresSyncStorage>(databaseUrl);
    return std::make_unique<SqliteSyncStorage>(sqliteFile);
}

} // namespace mts
