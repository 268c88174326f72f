// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "userdirectory.h"

#include "server/core/serverdatabase.h"
#include "shared/crypto.h"
#include "shared/csvreader.h"

#include <QDateTime>
#include <QHash>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace mts {

namespace {

constexpr int minimumPasswordLength = 8;

mts::Error<UserDirectory::Error> storageError(const QSqlQuery &query)
{
    return { UserDirectory::Error::Storage, query.lastError().text() };
}

QVariant unitValue(const Scope &unit)
{
    return unit.level == Scope::Level::National ? QVariant(QMetaType::fromType<QString>()) : QVariant(unit.code);
}

bool validUsername(const QString &username)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9._-]{2,63}$"));
    return pattern.match(username).hasMatch();
}

} // namespace

UserDirectory::UserDirectory(ServerDatabase *database, crypto::PasswordCost cost)
    : m_database(database)
    , m_cost(cost)
{
}

std::optional<QString> UserDirectory::checkBinding(Role role, const Scope &unit)
{
    const auto level = roleLevel(role);
    if (level && *level != unit.level)
        return QStringLiteral("the role %1 is bound to a %2, not to %3")
            .arg(roleName(role),
                *level == Scope::Level::Commune        ? QStringLiteral("commune (C:xxxxx)")
                    : *level == Scope::Level::Province ? QStringLiteral("province (P:xx)")
                                                       : QStringLiteral("national scope"),
                unit.toString());
    if (unit.level == Scope::Level::National)
        return std::nullopt;
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT kind FROM units WHERE code = ?"));
    query.addBindValue(unit.code);
    const QString expected
        = unit.level == Scope::Level::Commune ? QStringLiteral("commune") : QStringLiteral("province");
    if (!query.exec() || !query.next() || query.value(0).toString() != expected)
        return QStringLiteral("there is no %1 with the code %2; import the units first").arg(expected, unit.code);
    return std::nullopt;
}

Result<UserAccount, UserDirectory::Error> UserDirectory::addUser(
    const QString &username, const QString &displayName, const QString &password, Role role, const Scope &unit)
{
    const QString name = username.trimmed().toLower();
    if (!validUsername(name))
        return mts::Error<Error> { Error::BadInput,
            QStringLiteral("a user name has 3 to 64 characters: a-z, 0-9, '.', '_' or '-'") };
    if (password.size() < minimumPasswordLength)
        return mts::Error<Error> { Error::BadInput,
            QStringLiteral("a password has at least %1 characters").arg(minimumPasswordLength) };
    if (const auto problem = checkBinding(role, unit))
        return mts::Error<Error> { Error::BadInput, *problem };
    const QByteArray hash = crypto::hashPassword(password.toUtf8(), m_cost);
    if (hash.isEmpty())
        return mts::Error<Error> { Error::Storage, QStringLiteral("password hashing failed (out of memory?)") };
    UserAccount account { QUuid::createUuid().toString(QUuid::WithoutBraces), name,
        displayName.trimmed().isEmpty() ? name : displayName.trimmed().normalized(QString::NormalizationForm_C), role,
        unit, false };
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("INSERT INTO users (id, username, display_name, password_hash, role, unit_code, "
                                 "disabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)"));
    for (const QVariant &value : { QVariant(account.id), QVariant(account.username), QVariant(account.displayName),
             QVariant(QString::fromLatin1(hash)), QVariant(roleName(role)), unitValue(unit), QVariant(now),
             QVariant(now) })
        query.addBindValue(value);
    if (!query.exec()) {
        if (query.lastError().nativeErrorCode() == QLatin1String("2067")) // SQLITE_CONSTRAINT_UNIQUE
            return mts::Error<Error> { Error::Duplicate, QStringLiteral("the user %1 exists already").arg(name) };
        return storageError(query);
    }
    return account;
}

Result<UserAccount, UserDirectory::Error> UserDirectory::userWhere(const QString &column, const QString &value)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT id, username, display_name, role, unit_code, disabled FROM users WHERE ")
        + column + QStringLiteral(" = ?"));
    query.addBindValue(value);
    if (!query.exec())
        return storageError(query);
    if (!query.next())
        return mts::Error<Error> { Error::NotFound, QStringLiteral("no user %1").arg(value) };
    UserAccount account;
    account.id = query.value(0).toString();
    account.username = query.value(1).toString();
    account.displayName = query.value(2).toString();
    account.role = roleFromName(query.value(3).toString()).value_or(Role::Auditor);
    const QString unitCode = query.value(4).toString();
    account.unit = unitCode.isEmpty() ? Scope::national()
        : unitCode.size() == 2        ? Scope::province(unitCode)
                                      : Scope::commune(unitCode);
    account.disabled = query.value(5).toBool();
    return account;
}

Result<UserAccount, UserDirectory::Error> UserDirectory::userByName(const QString &username)
{
    return userWhere(QStringLiteral("username"), username.trimmed().toLower());
}

Result<UserAccount, UserDirectory::Error> UserDirectory::userById(const QString &id)
{
    return userWhere(QStringLiteral("id"), id);
}

Result<QList<UserAccount>, UserDirectory::Error> UserDirectory::users()
{
    QSqlQuery query(m_database->connection());
    if (!query.exec(QStringLiteral("SELECT username FROM users ORDER BY username")))
        return storageError(query);
    QStringList names;
    while (query.next())
        names.append(query.value(0).toString());
    QList<UserAccount> accounts;
    for (const QString &name : std::as_const(names)) {
        auto account = userByName(name);
        if (!account)
            return account.error();
        accounts.append(account.value());
    }
    return accounts;
}

Status<UserDirectory::Error> UserDirectory::updateUser(
    const QString &username, const QString &assignments, const QVariantList &values)
{
    QSqlQuery query(m_database->connection());
    query.prepare(
        QStringLiteral("UPDATE users SET ") + assignments + QStringLiteral(", updated_at = ? WHERE username = ?"));
    for (const QVariant &value : values)
        query.addBindValue(value);
    query.addBindValue(QDateTime::currentSecsSinceEpoch());
    query.addBindValue(username.trimmed().toLower());
    if (!query.exec())
        return storageError(query);
    if (query.numRowsAffected() == 0)
        return mts::Error<Error> { Error::NotFound, QStringLiteral("no user %1").arg(username) };
    return ok;
}

Status<UserDirectory::Error> UserDirectory::setDisabled(const QString &username, bool disabled)
{
    return updateUser(username, QStringLiteral("disabled = ?"), { disabled ? 1 : 0 });
}

Status<UserDirectory::Error> UserDirectory::setPassword(const QString &username, const QString &password)
{
    if (password.size() < minimumPasswordLength)
        return mts::Error<Error> { Error::BadInput,
            QStringLiteral("a password has at least %1 characters").arg(minimumPasswordLength) };
    const QByteArray hash = crypto::hashPassword(password.toUtf8(), m_cost);
    return updateUser(username, QStringLiteral("password_hash = ?"), { QString::fromLatin1(hash) });
}

Status<UserDirectory::Error> UserDirectory::setRole(const QString &username, Role role, const Scope &unit)
{
    if (const auto problem = checkBinding(role, unit))
        return mts::Error<Error> { Error::BadInput, *problem };
    return updateUser(username, QStringLiteral("role = ?, unit_code = ?"), { roleName(role), unitValue(unit) });
}

Result<UserAccount, UserDirectory::Error> UserDirectory::authenticate(const QString &username, const QString &password)
{
    // A hash of a password nobody has, checked when the account does not exist, to spend the same time.
    static const QByteArray decoy = crypto::hashPassword(crypto::randomBytes(16).toHex(), m_cost);
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT password_hash FROM users WHERE username = ?"));
    query.addBindValue(username.trimmed().toLower());
    if (!query.exec())
        return storageError(query);
    const bool exists = query.next();
    const QByteArray hash = exists ? query.value(0).toString().toLatin1() : decoy;
    const bool matches = crypto::verifyPassword(hash, password.toUtf8());
    if (!exists || !matches)
        return mts::Error<Error> { Error::WrongPassword, QStringLiteral("wrong user name or password") };
    auto account = userByName(username);
    if (account && account.value().disabled)
        return mts::Error<Error> { Error::Disabled, QStringLiteral("the account %1 is disabled").arg(username) };
    return account;
}

Result<UserDirectory::ImportReport, UserDirectory::Error> UserDirectory::importUnits(
    const QByteArray &csv, bool skipBad)
{
    const auto parsed = CsvReader::parse(csv);
    if (!parsed)
        return mts::Error<Error> { Error::BadInput, parsed.error().message };
    const QList<CsvRow> &rows = parsed.value();
    if (rows.isEmpty())
        return mts::Error<Error> { Error::BadInput, QStringLiteral("the file is empty") };
    const QStringList expectedHeader { QStringLiteral("code"), QStringLiteral("name"), QStringLiteral("kind"),
        QStringLiteral("parent_code") };
    QStringList header = rows.first().cells;
    for (QString &cell : header)
        cell = cell.trimmed().toLower();
    if (header != expectedHeader)
        return mts::Error<Error> { Error::BadInput,
            QStringLiteral("line %1: the header must be %2").arg(rows.first().line).arg(expectedHeader.join(u',')) };

    // Known units: those stored, plus those defined earlier in the file.
    QHash<QString, QString> kindOf;
    {
        QSqlQuery query(m_database->connection());
        if (!query.exec(QStringLiteral("SELECT code, kind FROM units")))
            return storageError(query);
        while (query.next())
            kindOf.insert(query.value(0).toString(), query.value(1).toString());
    }
    static const QRegularExpression provinceCode(QStringLiteral("^[0-9]{2}$"));
    static const QRegularExpression communeCode(QStringLiteral("^[0-9]{5}$"));
    static const QRegularExpression areaCode(QStringLiteral("^[0-9]{5}-[A-Za-z0-9]{1,16}$"));
    ImportReport report;
    QList<AdministrativeUnit> valid;
    QSet<QString> seen;
    for (qsizetype i = 1; i < rows.size(); ++i) {
        const CsvRow &row = rows[i];
        auto bad
            = [&](const QString &what) { report.errors.append(QStringLiteral("line %1: %2").arg(row.line).arg(what)); };
        if (row.cells.size() != 4) {
            bad(QStringLiteral("expected 4 values, found %1").arg(row.cells.size()));
            continue;
        }
        AdministrativeUnit unit { row.cells[0].trimmed(), row.cells[1].trimmed(), row.cells[2].trimmed().toLower(),
            row.cells[3].trimmed() };
        const QRegularExpression *pattern = unit.kind == QLatin1String("province") ? &provinceCode
            : unit.kind == QLatin1String("commune")                                ? &communeCode
            : unit.kind == QLatin1String("area")                                   ? &areaCode
                                                                                   : nullptr;
        const QString parentKind = unit.kind == QLatin1String("commune") ? QStringLiteral("province")
            : unit.kind == QLatin1String("area")                         ? QStringLiteral("commune")
                                                                         : QString();
        if (!pattern) {
            bad(QStringLiteral("kind '%1' is not province, commune or area").arg(unit.kind));
        } else if (!pattern->match(unit.code).hasMatch()) {
            bad(QStringLiteral("code '%1' is not a valid %2 code").arg(unit.code, unit.kind));
        } else if (unit.name.isEmpty()) {
            bad(QStringLiteral("the name is empty"));
        } else if (seen.contains(unit.code)) {
            bad(QStringLiteral("code %1 appears twice in the file").arg(unit.code));
        } else if (kindOf.contains(unit.code) && kindOf.value(unit.code) != unit.kind) {
            bad(QStringLiteral("code %1 exists already as a %2").arg(unit.code, kindOf.value(unit.code)));
        } else if (parentKind.isEmpty() && !unit.parentCode.isEmpty()) {
            bad(QStringLiteral("a province has no parent_code"));
        } else if (!parentKind.isEmpty() && kindOf.value(unit.parentCode) != parentKind) {
            bad(QStringLiteral("parent_code '%1' is not a known %2").arg(unit.parentCode, parentKind));
        } else if (unit.kind == QLatin1String("area") && !unit.code.startsWith(unit.parentCode + u'-')) {
            bad(QStringLiteral("an area code starts with its commune code and '-'"));
        } else {
            seen.insert(unit.code);
            kindOf.insert(unit.code, unit.kind);
            valid.append(unit);
            continue;
        }
    }
    report.skipped = int(rows.size() - 1 - valid.size());
    if (!report.errors.isEmpty() && !skipBad)
        return report; // nothing written

    QSqlDatabase db = m_database->connection();
    if (!db.transaction())
        return mts::Error<Error> { Error::Storage, db.lastError().text() };
    QSqlQuery upsert(db);
    upsert.prepare(QStringLiteral("INSERT INTO units (code, name, kind, parent_code) VALUES (?, ?, ?, ?) "
                                  "ON CONFLICT(code) DO UPDATE SET name = excluded.name, parent_code = "
                                  "excluded.parent_code WHERE name IS NOT excluded.name OR parent_code IS NOT "
                                  "excluded.parent_code"));
    for (const AdministrativeUnit &unit : std::as_const(valid)) {
        upsert.addBindValue(unit.code);
        upsert.addBindValue(unit.name);
        upsert.addBindValue(unit.kind);
        upsert.addBindValue(
            unit.parentCode.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(unit.parentCode));
        if (!upsert.exec()) {
            const auto error = storageError(upsert);
            db.rollback();
            return error;
        }
        report.imported += upsert.numRowsAffected();
    }
    if (!db.commit())
        return mts::Error<Error> { Error::Storage, db.lastError().text() };
    return report;
}

QString AdministrativeUnit::writtenCode(const QString &kind, const QString &code)
{
    if (code.isEmpty())
        return {};
    if (kind == QLatin1String("province"))
        return Scope::province(code).toString();
    if (kind == QLatin1String("commune"))
        return Scope::commune(code).toString();
    return code;
}

Result<QList<AdministrativeUnit>, UserDirectory::Error> UserDirectory::units()
{
    return unitsWithin(Scope::national());
}

Result<QList<AdministrativeUnit>, UserDirectory::Error> UserDirectory::unitsWithin(const Scope &unit)
{
    QSqlQuery query(m_database->connection());
    const QString columns = QStringLiteral("SELECT code, name, kind, coalesce(parent_code, '') FROM units ");
    switch (unit.level) {
    case Scope::Level::National:
        query.prepare(columns + QStringLiteral("ORDER BY code"));
        break;
    case Scope::Level::Province:
        // Three levels at most (province, commune, area): the communes of the province, and the areas of those.
        query.prepare(columns
            + QStringLiteral("WHERE (code = ? AND kind = 'province') OR (parent_code = ? AND kind = 'commune') "
                             "OR (kind = 'area' AND parent_code IN "
                             "(SELECT code FROM units WHERE parent_code = ? AND kind = 'commune')) ORDER BY code"));
        for (int i = 0; i < 3; ++i)
            query.addBindValue(unit.code);
        break;
    case Scope::Level::Commune:
        query.prepare(columns
            + QStringLiteral(
                "WHERE (code = ? AND kind = 'commune') OR (parent_code = ? AND kind = 'area') ORDER BY code"));
        for (int i = 0; i < 2; ++i)
            query.addBindValue(unit.code);
        break;
    }
    if (!query.exec())
        return storageError(query);
    QList<AdministrativeUnit> list;
    while (query.next())
        list.append({ query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
            query.value(3).toString() });
    return list;
}

std::optional<QString> UserDirectory::provinceOf(const QString &communeCode)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT parent_code FROM units WHERE code = ? AND kind = 'commune'"));
    query.addBindValue(communeCode);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return query.value(0).toString();
}

} // namespace mts
