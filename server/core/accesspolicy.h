// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/recordschema.h"
#include "shared/scope.h"

#include <QString>

#include <functional>
#include <optional>

namespace mts {

/// Who is calling: the account behind a valid access token, with its role and the unit the role is bound to.
struct Principal {
    QString userId;
    QString username;
    Role role = Role::CommuneCadre;
    Scope unit;
};

/// The one place that answers "may this user read / write this scope (and kind group)". Every API route asks it;
/// the client only mirrors it to hide what a user cannot do. The rules (DESIGN.md, domain notes §8.6):
/// - commune cadre and chair: read and write their commune; read the library and forms of their province and of
///   the centre;
/// - provincial staff: read and write their province; read every commune of it; write the reports and congress
///   data of its communes (accept, return, approve) but not their registries;
/// - central admin: read everything; write national data and the reports and congress data of provinces;
/// - auditor: read everything below the unit it is bound to (national: everything), never write.
///
/// Writing is two rights. mayWrite() is any change, a workflow transition included; mayEdit() is a change of the
/// content (create, update, delete, restore, move). They differ only for oversight: provincial staff accept or
/// return a commune's report (and approve its congress data), central admin a province's, through a transition;
/// the content stays the unit's own. Which role may make which transition is the schema's
/// (Workflow::Transition::by).
class AccessPolicy {
public:
    /// Looks up the province of a commune code; std::nullopt for an unknown commune.
    using ProvinceOf = std::function<std::optional<QString>(const QString &communeCode)>;

    explicit AccessPolicy(ProvinceOf provinceOf);
    virtual ~AccessPolicy() = default;

    // Virtual so that a test can grant what these rules do not give yet: no role writes the registries of two
    // units, so only such a test can move a registry record (and its blobs) between communes.
    virtual bool mayRead(const Principal &principal, const Scope &scope, KindGroup group) const;
    virtual bool mayWrite(const Principal &principal, const Scope &scope, KindGroup group) const;
    /// Whether `principal` may change the content of records of `group` in `scope`, not only move them along
    /// their workflow: mayWrite(), except for the reports and congress data of a unit below the principal's own.
    bool mayEdit(const Principal &principal, const Scope &scope, KindGroup group) const;
    /// The province of a commune; std::nullopt for an unknown commune.
    std::optional<QString> provinceOf(const QString &communeCode) const { return m_provinceOf(communeCode); }

private:
    /// Whether `scope` is `unit` itself or lies below it.
    bool isWithin(const Scope &scope, const Scope &unit) const;
    ProvinceOf m_provinceOf;
};

} // namespace mts
