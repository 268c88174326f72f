// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "rolenames.h"

namespace mts {

QString RoleNames::displayName(const QString &role)
{
    if (role == QLatin1String("commune_cadre"))
        return tr("Commune cadre");
    if (role == QLatin1String("commune_chair"))
        //: Chair of the commune's Fatherland Front committee (Chủ tịch Ủy ban MTTQ cấp xã).
        return tr("Commune Front chair");
    if (role == QLatin1String("provincial_staff"))
        return tr("Provincial staff");
    if (role == QLatin1String("central_admin"))
        return tr("Central administrator");
    if (role == QLatin1String("auditor"))
        return tr("Auditor");
    return role;
}

} // namespace mts
