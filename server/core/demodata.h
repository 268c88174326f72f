// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/error.h"

class QSqlDatabase;

namespace mts {

/// Demo data for trying the platform: two provinces with several communes and residential areas.
/// Seeding is idempotent: rows that exist are left alone.
class DemoData {
public:
    enum class Error { ResourceMissing, QueryFailed };
    /// Inserts the demo data; returns how many rows were new.
    static Result<int, Error> seed(QSqlDatabase &db);
};

} // namespace mts
