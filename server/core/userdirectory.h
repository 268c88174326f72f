// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/crypto.h"
#include "shared/error.h"
#include "shared/scope.h"

#include <QList>
#include <QString>
#include <QVariantList>

#include <optional>

namespace mts {

class ServerDatabase;

/// An account of the platform: one person, one role bound to one unit.
struct UserAccount {
    QString id; ///< UUID; the OpenID Connect subject.
    QString username;
    QString displayName;
    Role role = Role::CommuneCadre;
    Scope unit;
    bool disabled = false;
};

/// An administrative unit (QĐ 19/2025) or a residential area below a commune.
struct AdministrativeUnit {
    QString code; ///< As stored: `01`, `00070`, `00070-TDP01` (see writtenCode()).
    QString name;
    QString kind; ///< province, commune, area
    QString parentCode;

    /// `code` of a unit of `kind` as records and roles write it: a province or a commune as its scope
    /// (Scope::toString(): `P:01`, `C:00070`). An area is no scope: it keeps its own code (`00070-TDP01`), which
    /// is what a record's `area_code` holds. Empty `code` gives empty.
    static QString writtenCode(const QString &kind, const QString &code);
};

/// Units and accounts on the server: the administrative tree, users with their roles, password checks.
/// Thread-safe (each call uses the calling thread's database connection).
class UserDirectory {
public:
    enum class Error { NotFound, Duplicate, BadInput, WrongPassword, Disabled, Storage };

    /// `cost` is the Argon2id cost of new password hashes (tests lower it; production keeps the default).
    explicit UserDirectory(ServerDatabase *database, crypto::PasswordCost cost = crypto::PasswordCost::interactive());

    /// Adds an account. The unit must exist and match the role's level (a commune for commune roles, a province for
    /// provincial staff, none for the central admin; any for an auditor). Passwords have at least 8 characters.
    Result<UserAccount, Error> addUser(
        const QString &username, const QString &displayName, const QString &password, Role role, const Scope &unit);
    Result<QList<UserAccount>, Error> users();
    Result<UserAccount, Error> userByName(const QString &username);
    Result<UserAccount, Error> userById(const QString &id);
    Status<Error> setDisabled(const QString &username, bool disabled);
    Status<Error> setPassword(const QString &username, const QString &password);
    Status<Error> setRole(const QString &username, Role role, const Scope &unit);

    /// Checks a password. An unknown user and a wrong password give the same error (no account probing); the
    /// password is hashed even for an unknown user so timing does not tell them apart either.
    Result<UserAccount, Error> authenticate(const QString &username, const QString &password);

    struct ImportReport {
        int imported = 0; ///< rows written (new or renamed)
        int skipped = 0; ///< bad rows left out (with skipBad)
        QStringList errors; ///< "line N: …", in file order
    };
    /// Imports units from CSV (code,name,kind,parent_code). Every row is checked first; while any row has an
    /// error nothing is written, unless `skipBad`, which writes the valid rows only. Re-importing renames.
    Result<ImportReport, Error> importUnits(const QByteArray &csv, bool skipBad);
    Result<QList<AdministrativeUnit>, Error> units();
    /// `unit` and every unit below it in the tree, ordered by code: for the whole country every unit, for a
    /// province the province, its communes and their areas, for a commune the commune and its areas.
    Result<QList<AdministrativeUnit>, Error> unitsWithin(const Scope &unit);
    std::optional<QString> provinceOf(const QString &communeCode);

    /// Whether `unit` exists at the level `role` is bound to; a message saying what is wrong otherwise.
    std::optional<QString> checkBinding(Role role, const Scope &unit);

private:
    Result<UserAccount, Error> userWhere(const QString &column, const QString &value);
    /// Sets `assignments` ("col = ?, …", bound to `values`) and updated_at on one user; NotFound when none.
    Status<Error> updateUser(const QString &username, const QString &assignments, const QVariantList &values);
    ServerDatabase *m_database;
    crypto::PasswordCost m_cost;
};

} // namespace mts
