// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace mts {

/// The unit that owns a record or that a role is bound to: the whole country, a province (2-digit code of
/// QĐ 19/2025) or a commune (5-digit code). Written `national`, `P:01`, `C:00070`.
struct Scope {
    enum class Level { National, Province, Commune };
    Level level = Level::National;
    /// Empty for National.
    QString code;

    static Scope national() { return {}; }
    static Scope province(const QString &code) { return { Level::Province, code }; }
    static Scope commune(const QString &code) { return { Level::Commune, code }; }

    /// Parses the written form; std::nullopt for anything malformed (wrong prefix, wrong digit count).
    static std::optional<Scope> parse(QStringView text);
    QString toString() const;

    bool operator==(const Scope &) const = default;
};

/// The roles of DESIGN.md, each bound to a unit.
enum class Role {
    CommuneCadre,
    CommuneChair,
    ProvincialStaff,
    CentralAdmin,
    Auditor,
};

/// Stable names used in tokens, the database and the command line ("commune_cadre", …).
QString roleName(Role role);
std::optional<Role> roleFromName(QStringView name);
/// The level of unit a role is bound to (Auditor: any level).
std::optional<Scope::Level> roleLevel(Role role);

} // namespace mts
