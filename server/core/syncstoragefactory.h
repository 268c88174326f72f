// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/core/syncstorage.h"

#include <memory>

namespace mts {

/// The sync storage the configuration names: PostgreSQL for a `postgresql://` or `postgres://` URL, else the
/// embedded SQLite file at `sqliteFile`. Nothing is opened yet.
std::unique_ptr<SyncStorage> makeSyncStorage(const QString &databaseUrl, const QString &sqliteFile);

} // namespace mts
