// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "accesspolicy.h"

namespace mts {

namespace {
bool isSharedReading(KindGroup group)
{
    return group == KindGroup::Library || group == KindGroup::Forms;
}

bool isOversight(KindGroup group)
{
    return group == KindGroup::Reports || group == KindGroup::Congress;
}
} // namespace

AccessPolicy::AccessPolicy(ProvinceOf provinceOf)
    : m_provinceOf(std::move(provinceOf))
{
}

bool AccessPolicy::isWithin(const Scope &scope, const Scope &unit) const
{
    switch (unit.level) {
    case Scope::Level::National:
        return true;
    case Scope::Level::Province:
        if (scope.level == Scope::Level::Province)
            return scope.code == unit.code;
        if (scope.level == Scope::Level::Commune)
            return m_provinceOf(scope.code) == unit.code;
        return false;
    case Scope::Level::Commune:
        return scope == unit;
    }
    return false;
}

bool AccessPolicy::mayRead(const Principal &principal, const Scope &scope, KindGroup group) const
{
    switch (principal.role) {
    case Role::CentralAdmin:
        return true;
    case Role::Auditor:
        return isWithin(scope, principal.unit) || (scope.level == Scope::Level::National && isSharedReading(group));
    case Role::ProvincialStaff:
        return isWithin(scope, principal.unit) || (scope.level == Scope::Level::National && isSharedReading(group));
    case Role::CommuneCadre:
    case Role::CommuneChair: {
        if (scope == principal.unit)
            return true;
        if (!isSharedReading(group))
            return false;
        if (scope.level == Scope::Level::National)
            return true;
        return scope.level == Scope::Level::Province && m_provinceOf(principal.unit.code) == scope.code;
    }
    }
    return false;
}

bool AccessPolicy::mayWrite(const Principal &principal, const Scope &scope, KindGroup group) const
{
    switch (principal.role) {
    case Role::Auditor:
        return false;
    case Role::CentralAdmin:
        return scope.level == Scope::Level::National || (scope.level == Scope::Level::Province && isOversight(group));
    case Role::ProvincialStaff:
        if (principal.unit.level != Scope::Level::Province)
            return false;
        if (scope == principal.unit)
            return true;
        return scope.level == Scope::Level::Commune && isOversight(group) && isWithin(scope, principal.unit);
    case Role::CommuneCadre:
    case Role::CommuneChair:
        return principal.unit.level == Scope::Level::Commune && scope == principal.unit;
    }
    return false;
}

bool AccessPolicy::mayEdit(const Principal &principal, const Scope &scope, KindGroup group) const
{
    // Where a role writes oversight data outside its own unit, it is the level above deciding on what the unit
    // below sent up (domain notes §8.6): a returned report goes back to the commune to correct, not corrected by
    // the province in the commune's name.
    return mayWrite(principal, scope, group) && !(isOversight(group) && scope != principal.unit);
}

} // namespace mts
