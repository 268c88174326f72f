// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "scope.h"

#include <algorithm>

namespace mts {

namespace {
bool allDigits(QStringView text, qsizetype count)
{
    return text.size() == count
        && std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit() && c.unicode() < 128; });
}

struct RoleEntry {
    Role role;
    const char *name;
};
constexpr RoleEntry roleNames[] = {
    { Role::CommuneCadre, "commune_cadre" },
    { Role::CommuneChair, "commune_chair" },
    { Role::ProvincialStaff, "provincial_staff" },
    { Role::CentralAdmin, "central_admin" },
    { Role::Auditor, "auditor" },
};
} // namespace

std::optional<Scope> Scope::parse(QStringView text)
{
    if (text == u"national")
        return national();
    if (text.startsWith(u"P:") && allDigits(text.sliced(2), 2))
        return province(text.sliced(2).toString());
    if (text.startsWith(u"C:") && allDigits(text.sliced(2), 5))
        return commune(text.sliced(2).toString());
    return std::nullopt;
}

QString Scope::toString() const
{
    switch (level) {
    case Level::National:
        return QStringLiteral("national");
    case Level::Province:
        return QStringLiteral("P:") + code;
    case Level::Commune:
        return QStringLiteral("C:") + code;
    }
    return QString();
}

QString roleName(Role role)
{
    for (const RoleEntry &entry : roleNames) {
        if (entry.role == role)
            return QString::fromLatin1(entry.name);
    }
    return QString();
}

std::optional<Role> roleFromName(QStringView name)
{
    for (const RoleEntry &entry : roleNames) {
        if (name == QLatin1String(entry.name))
            return entry.role;
    }
    return std::nullopt;
}

std::optional<Scope::Level> roleLevel(Role role)
{
    switch (role) {
    case Role::CommuneCadre:
    case Role::CommuneChair:
        return Scope::Level::Commune;
    case Role::ProvincialStaff:
        return Scope::Level::Province;
    case Role::CentralAdmin:
        return Scope::Level::National;
    case Role::Auditor:
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace mts
