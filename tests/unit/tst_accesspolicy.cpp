// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/accesspolicy.h"

#include <QTest>

using namespace mts;

namespace {
// Two provinces with two communes each, as in the demo data.
std::optional<QString> provinceOf(const QString &commune)
{
    if (commune == QLatin1String("00070") || commune == QLatin1String("00004"))
        return QStringLiteral("01");
    if (commune == QLatin1String("26740") || commune == QLatin1String("26734"))
        return QStringLiteral("79");
    return std::nullopt;
}

const Scope ownCommune = Scope::commune(QStringLiteral("00070"));
const Scope siblingCommune = Scope::commune(QStringLiteral("00004"));
const Scope ownProvince = Scope::province(QStringLiteral("01"));
const Scope otherProvince = Scope::province(QStringLiteral("79"));
const Scope otherProvinceCommune = Scope::commune(QStringLiteral("26740"));
const Scope national = Scope::national();
} // namespace

class tst_AccessPolicy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The whole matrix: every role × every kind of target scope × read/write × kind group, against the role
    // table. Expectations are written out per row so a change of rule shows up as a failing row.
    void matrix_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<QString>("boundTo");
        QTest::addColumn<QString>("target");
        QTest::addColumn<int>("group");
        QTest::addColumn<bool>("read");
        QTest::addColumn<bool>("write");

        struct Row {
            Role role;
            Scope bound;
            const char *targetName;
            Scope target;
            KindGroup group;
            bool read;
            bool write;
        };
        const KindGroup reg = KindGroup::Registries, lib = KindGroup::Library, rep = KindGroup::Reports;
        const QList<Row> rows {
            // commune cadre bound to 00070 (province 01)
            { Role::CommuneCadre, ownCommune, "own commune", ownCommune, reg, true, true },
            { Role::CommuneCadre, ownCommune, "own commune", ownCommune, rep, true, true },
            { Role::CommuneCadre, ownCommune, "sibling commune", siblingCommune, reg, false, false },
            { Role::CommuneCadre, ownCommune, "sibling commune", siblingCommune, lib, false, false },
            { Role::CommuneCadre, ownCommune, "own province", ownProvince, reg, false, false },
            { Role::CommuneCadre, ownCommune, "own province", ownProvince, lib, true, false },
            { Role::CommuneCadre, ownCommune, "other province", otherProvince, lib, false, false },
            { Role::CommuneCadre, ownCommune, "other province commune", otherProvinceCommune, reg, false, false },
            { Role::CommuneCadre, ownCommune, "national", national, lib, true, false },
            { Role::CommuneCadre, ownCommune, "national", national, reg, false, false },
            // commune chair: the same rights over scopes (workflow rights are per transition, not per scope)
            { Role::CommuneChair, ownCommune, "own commune", ownCommune, reg, true, true },
            { Role::CommuneChair, ownCommune, "sibling commune", siblingCommune, reg, false, false },
            { Role::CommuneChair, ownCommune, "own province", ownProvince, lib, true, false },
            { Role::CommuneChair, ownCommune, "other province commune", otherProvinceCommune, reg, false, false },
            { Role::CommuneChair, ownCommune, "national", national, lib, true, false },
            // provincial staff bound to 01
            { Role::ProvincialStaff, ownProvince, "own province", ownProvince, reg, true, true },
            { Role::ProvincialStaff, ownProvince, "commune of own province", ownCommune, reg, true, false },
            { Role::ProvincialStaff, ownProvince, "commune of own province", ownCommune, rep, true, true },
            { Role::ProvincialStaff, ownProvince, "another commune of own province", siblingCommune, reg, true, false },
            { Role::ProvincialStaff, ownProvince, "other province", otherProvince, reg, false, false },
            { Role::ProvincialStaff, ownProvince, "other province", otherProvince, lib, false, false },
            { Role::ProvincialStaff, ownProvince, "other province commune", otherProvinceCommune, rep, false, false },
            { Role::ProvincialStaff, ownProvince, "national", national, lib, true, false },
            { Role::ProvincialStaff, ownProvince, "national", national, reg, false, false },
            // central admin
            { Role::CentralAdmin, national, "national", national, reg, true, true },
            { Role::CentralAdmin, national, "province", ownProvince, rep, true, true },
            { Role::CentralAdmin, national, "province", ownProvince, reg, true, false },
            { Role::CentralAdmin, national, "commune", ownCommune, reg, true, false },
            { Role::CentralAdmin, national, "commune", ownCommune, rep, true, false },
            // auditors: read only, within their unit
            { Role::Auditor, national, "national", national, reg, true, false },
            { Role::Auditor, national, "commune", otherProvinceCommune, reg, true, false },
            { Role::Auditor, ownProvince, "own province", ownProvince, reg, true, false },
            { Role::Auditor, ownProvince, "commune of own province", siblingCommune, reg, true, false },
            { Role::Auditor, ownProvince, "other province", otherProvince, reg, false, false },
            { Role::Auditor, ownProvince, "other province commune", otherProvinceCommune, rep, false, false },
            { Role::Auditor, ownCommune, "own commune", ownCommune, reg, true, false },
            { Role::Auditor, ownCommune, "sibling commune", siblingCommune, reg, false, false },
        };
        for (const Row &row : rows) {
            QTest::addRow("%s@%s -> %s [%d]", qPrintable(roleName(row.role)), qPrintable(row.bound.toString()),
                row.targetName, int(row.group))
                << int(row.role) << row.bound.toString() << row.target.toString() << int(row.group) << row.read
                << row.write;
        }
    }

    void matrix()
    {
        QFETCH(int, role);
        QFETCH(QString, boundTo);
        QFETCH(QString, target);
        QFETCH(int, group);
        QFETCH(bool, read);
        QFETCH(bool, write);
        const AccessPolicy policy(provinceOf);
        const Principal principal { QStringLiteral("u1"), QStringLiteral("user"), Role(role), *Scope::parse(boundTo) };
        const Scope scope = *Scope::parse(target);
        QCOMPARE(policy.mayRead(principal, scope, KindGroup(group)), read);
        QCOMPARE(policy.mayWrite(principal, scope, KindGroup(group)), write);
    }

    // Editing (the content, not only the workflow) against the role table: overseers accept, return and approve
    // the reports and congress data of the units below them but do not edit them; their own unit's they do.
    void edit_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<QString>("boundTo");
        QTest::addColumn<QString>("target");
        QTest::addColumn<int>("group");
        QTest::addColumn<bool>("write");
        QTest::addColumn<bool>("edit");

        struct Row {
            const char *name;
            Role role;
            Scope bound;
            Scope target;
            KindGroup group;
            bool write;
            bool edit;
        };
        const KindGroup reg = KindGroup::Registries, rep = KindGroup::Reports, con = KindGroup::Congress;
        const QList<Row> rows {
            { "cadre, own commune's report", Role::CommuneCadre, ownCommune, ownCommune, rep, true, true },
            { "chair, own commune's report", Role::CommuneChair, ownCommune, ownCommune, rep, true, true },
            { "chair, own commune's congress data", Role::CommuneChair, ownCommune, ownCommune, con, true, true },
            { "chair, sibling commune's report", Role::CommuneChair, ownCommune, siblingCommune, rep, false, false },
            { "province, a commune's report", Role::ProvincialStaff, ownProvince, ownCommune, rep, true, false },
            { "province, a commune's congress data", Role::ProvincialStaff, ownProvince, ownCommune, con, true, false },
            { "province, a commune's registries", Role::ProvincialStaff, ownProvince, ownCommune, reg, false, false },
            { "province, own report", Role::ProvincialStaff, ownProvince, ownProvince, rep, true, true },
            { "province, own registries", Role::ProvincialStaff, ownProvince, ownProvince, reg, true, true },
            { "province, another province's commune report", Role::ProvincialStaff, ownProvince, otherProvinceCommune,
                rep, false, false },
            { "centre, a province's report", Role::CentralAdmin, national, ownProvince, rep, true, false },
            { "centre, own report", Role::CentralAdmin, national, national, rep, true, true },
            { "centre, a commune's report", Role::CentralAdmin, national, ownCommune, rep, false, false },
            { "auditor, own unit's report", Role::Auditor, ownCommune, ownCommune, rep, false, false },
        };
        for (const Row &row : rows)
            QTest::newRow(row.name) << int(row.role) << row.bound.toString() << row.target.toString() << int(row.group)
                                    << row.write << row.edit;
    }

    void edit()
    {
        QFETCH(int, role);
        QFETCH(QString, boundTo);
        QFETCH(QString, target);
        QFETCH(int, group);
        QFETCH(bool, write);
        QFETCH(bool, edit);
        const AccessPolicy policy(provinceOf);
        const Principal principal { QStringLiteral("u1"), QStringLiteral("user"), Role(role), *Scope::parse(boundTo) };
        const Scope scope = *Scope::parse(target);
        QCOMPARE(policy.mayWrite(principal, scope, KindGroup(group)), write);
        QCOMPARE(policy.mayEdit(principal, scope, KindGroup(group)), edit);
    }

    // Invariants over every combination, beyond the table: nobody writes what they cannot read, auditors never
    // write, and no commune role reaches another commune in any group; nobody edits what they cannot write, and
    // outside the reports and congress data writing is editing.
    void invariants()
    {
        const AccessPolicy policy(provinceOf);
        const QList<Scope> scopes { ownCommune, siblingCommune, ownProvince, otherProvince, otherProvinceCommune,
            national };
        const QList<KindGroup> groups { KindGroup::Registries, KindGroup::Feedback, KindGroup::Library,
            KindGroup::Congress, KindGroup::Reports, KindGroup::Forms };
        int checked = 0;
        for (Role role :
            { Role::CommuneCadre, Role::CommuneChair, Role::ProvincialStaff, Role::CentralAdmin, Role::Auditor }) {
            for (const Scope &bound : scopes) {
                const Principal principal { QStringLiteral("u"), QStringLiteral("u"), role, bound };
                for (const Scope &scope : scopes) {
                    for (KindGroup group : groups) {
                        ++checked;
                        if (policy.mayWrite(principal, scope, group))
                            QVERIFY(policy.mayRead(principal, scope, group));
                        if (policy.mayEdit(principal, scope, group))
                            QVERIFY(policy.mayWrite(principal, scope, group));
                        if (group != KindGroup::Reports && group != KindGroup::Congress)
                            QCOMPARE(policy.mayEdit(principal, scope, group), policy.mayWrite(principal, scope, group));
                        if (role == Role::Auditor)
                            QVERIFY(!policy.mayWrite(principal, scope, group));
                        if ((role == Role::CommuneCadre || role == Role::CommuneChair)
                            && scope.level == Scope::Level::Commune && scope != bound)
                            QVERIFY(!policy.mayRead(principal, scope, group));
                    }
                }
            }
        }
        QCOMPARE(checked, 5 * 6 * 6 * 6);
    }

    void scopeParsing()
    {
        QCOMPARE(Scope::parse(u"C:00070")->code, QStringLiteral("00070"));
        QCOMPARE(Scope::parse(u"P:01")->level, Scope::Level::Province);
        QCOMPARE(Scope::parse(u"national")->level, Scope::Level::National);
        QVERIFY(!Scope::parse(u"C:0070"));
        QVERIFY(!Scope::parse(u"P:1"));
        QVERIFY(!Scope::parse(u"X:01"));
        QVERIFY(!Scope::parse(u"C:0007٠")); // Arabic-Indic digit
        QCOMPARE(Scope::commune(QStringLiteral("26740")).toString(), QStringLiteral("C:26740"));
        QCOMPARE(roleFromName(roleName(Role::ProvincialStaff)), std::optional<Role>(Role::ProvincialStaff));
        QVERIFY(!roleFromName(u"superuser"));
    }
};

QTEST_GUILESS_MAIN(tst_AccessPolicy)
#include "tst_accesspolicy.moc"
