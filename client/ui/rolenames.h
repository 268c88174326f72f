// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

namespace mts {

/// The names users read for the server's role identifiers (the `mts_role` claim of the ID token).
class RoleNames {
    Q_DECLARE_TR_FUNCTIONS(RoleNames)
public:
    /// The translated name of `role` ("commune_cadre" → "Cán bộ cấp xã"); an unknown identifier is returned as
    /// it is, so a role added on the server still shows something, and an empty one stays empty.
    static QString displayName(const QString &role);
};

} // namespace mts
