// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/demodata.h"
#include "server/core/loginthrottle.h"
#include "server/core/serverdatabase.h"
#include "server/core/userdirectory.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace mts;

class tst_UserDirectory : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<ServerDatabase> m_database;
    std::unique_ptr<UserDirectory> m_directory;

    int unitCount()
    {
        QSqlQuery query(m_database->connection());
        query.exec(QStringLiteral("SELECT count(*) FROM units"));
        query.next();
        return query.value(0).toInt();
    }

private Q_SLOTS:
    void init()
    {
        m_directory.reset();
        m_database = std::make_unique<ServerDatabase>(
            m_dir.filePath(QString::number(m_counter++) + QStringLiteral(".sqlite")));
        QVERIFY(m_database->open().isOk());
        QSqlDatabase db = m_database->connection();
        QVERIFY(DemoData::seed(db).isOk());
        m_directory = std::make_unique<UserDirectory>(m_database.get(), crypto::PasswordCost::minimum());
    }

    void addAndAuthenticate()
    {
        const auto added = m_directory->addUser(QStringLiteral("Can.Bo"), QStringLiteral("Nguyễn Văn Đông"),
            QStringLiteral("mật-khẩu-dài"), Role::CommuneCadre, Scope::commune(QStringLiteral("00070")));
        QVERIFY2(added.isOk(), qPrintable(added.isOk() ? QString() : added.error().message));
        QCOMPARE(added.value().username, QStringLiteral("can.bo"));
        const auto signedIn = m_directory->authenticate(QStringLiteral("CAN.BO"), QStringLiteral("mật-khẩu-dài"));
        QVERIFY(signedIn.isOk());
        QCOMPARE(signedIn.value().id, added.value().id);
        QCOMPARE(signedIn.value().unit, Scope::commune(QStringLiteral("00070")));
        QCOMPARE(signedIn.value().displayName, QStringLiteral("Nguyễn Văn Đông"));

        const auto wrong = m_directory->authenticate(QStringLiteral("can.bo"), QStringLiteral("mật-khẩu-sai"));
        QCOMPARE(wrong.error().code, UserDirectory::Error::WrongPassword);
        const auto unknown = m_directory->authenticate(QStringLiteral("ai.do"), QStringLiteral("mật-khẩu-dài"));
        QCOMPARE(unknown.error().code, UserDirectory::Error::WrongPassword);
        QCOMPARE(unknown.error().message, wrong.error().message);

        QVERIFY(m_directory->setDisabled(QStringLiteral("can.bo"), true).isOk());
        QCOMPARE(m_directory->authenticate(QStringLiteral("can.bo"), QStringLiteral("mật-khẩu-dài")).error().code,
            UserDirectory::Error::Disabled);
        QVERIFY(m_directory->setDisabled(QStringLiteral("can.bo"), false).isOk());
        QVERIFY(m_directory->setPassword(QStringLiteral("can.bo"), QStringLiteral("mới-mới-mới")).isOk());
        QVERIFY(!m_directory->authenticate(QStringLiteral("can.bo"), QStringLiteral("mật-khẩu-dài")).isOk());
        QVERIFY(m_directory->authenticate(QStringLiteral("can.bo"), QStringLiteral("mới-mới-mới")).isOk());

        // The stored hash is Argon2id, never the password.
        QSqlQuery query(m_database->connection());
        QVERIFY(query.exec(QStringLiteral("SELECT password_hash FROM users")));
        QVERIFY(query.next());
        QVERIFY(query.value(0).toString().startsWith(QStringLiteral("$argon2id$")));
    }

    void bindingsAreChecked_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<bool>("valid");
        QTest::newRow("cadre@commune") << int(Role::CommuneCadre) << QStringLiteral("C:00070") << true;
        QTest::newRow("cadre@province") << int(Role::CommuneCadre) << QStringLiteral("P:01") << false;
        QTest::newRow("cadre@unknown commune") << int(Role::CommuneCadre) << QStringLiteral("C:99999") << false;
        QTest::newRow("chair@commune") << int(Role::CommuneChair) << QStringLiteral("C:26740") << true;
        QTest::newRow("staff@province") << int(Role::ProvincialStaff) << QStringLiteral("P:79") << true;
        QTest::newRow("staff@commune") << int(Role::ProvincialStaff) << QStringLiteral("C:26740") << false;
        QTest::newRow("staff@unknown province") << int(Role::ProvincialStaff) << QStringLiteral("P:55") << false;
        QTest::newRow("admin@national") << int(Role::CentralAdmin) << QStringLiteral("national") << true;
        QTest::newRow("admin@province") << int(Role::CentralAdmin) << QStringLiteral("P:01") << false;
        QTest::newRow("auditor@national") << int(Role::Auditor) << QStringLiteral("national") << true;
        QTest::newRow("auditor@province") << int(Role::Auditor) << QStringLiteral("P:01") << true;
    }

    void bindingsAreChecked()
    {
        QFETCH(int, role);
        QFETCH(QString, unit);
        QFETCH(bool, valid);
        const auto added = m_directory->addUser(
            QStringLiteral("user1"), QString(), QStringLiteral("password1"), Role(role), *Scope::parse(unit));
        QCOMPARE(added.isOk(), valid);
        if (!valid)
            QCOMPARE(added.error().code, UserDirectory::Error::BadInput);
    }

    void badInput()
    {
        const Scope commune = Scope::commune(QStringLiteral("00070"));
        QCOMPARE(m_directory->addUser(QStringLiteral("x"), {}, QStringLiteral("password1"), Role::CommuneCadre, commune)
                     .error()
                     .code,
            UserDirectory::Error::BadInput);
        QCOMPARE(
            m_directory->addUser(QStringLiteral("okname"), {}, QStringLiteral("short"), Role::CommuneCadre, commune)
                .error()
                .code,
            UserDirectory::Error::BadInput);
        QVERIFY(
            m_directory->addUser(QStringLiteral("okname"), {}, QStringLiteral("password1"), Role::CommuneCadre, commune)
                .isOk());
        QCOMPARE(
            m_directory->addUser(QStringLiteral("OKNAME"), {}, QStringLiteral("password1"), Role::CommuneCadre, commune)
                .error()
                .code,
            UserDirectory::Error::Duplicate);
        QCOMPARE(m_directory->setPassword(QStringLiteral("nobody"), QStringLiteral("password1")).error().code,
            UserDirectory::Error::NotFound);
        QVERIFY(
            m_directory->setRole(QStringLiteral("okname"), Role::ProvincialStaff, Scope::province(QStringLiteral("01")))
                .isOk());
        QCOMPARE(m_directory->userByName(QStringLiteral("okname")).value().role, Role::ProvincialStaff);
        QCOMPARE(m_directory->setRole(QStringLiteral("okname"), Role::ProvincialStaff, commune).error().code,
            UserDirectory::Error::BadInput);
    }

    void importUnitsAllOrNothing()
    {
        const int before = unitCount();
        const QByteArray csv = "code,name,kind,parent_code\n"
                               "04,Tỉnh Cao Bằng,province,\n"
                               "01234,Xã Mới,commune,04\n"
                               "1234,Xã Sai Mã,commune,04\n" // line 4: 4 digits
                               "01235,Xã Mồ Côi,commune,55\n" // line 5: unknown province
                               "01236,,commune,04\n" // line 6: empty name
                               "01234,Xã Trùng,commune,04\n" // line 7: duplicate
                               "01234-T1,Thôn 1,area,01234\n"
                               "09999,Xã Lạ,village,04\n"; // line 9: bad kind
        const auto report = m_directory->importUnits(csv, false);
        QVERIFY(report.isOk());
        QCOMPARE(report.value().imported, 0);
        QCOMPARE(report.value().errors.size(), 5);
        QVERIFY(report.value().errors[0].startsWith(QStringLiteral("line 4:")));
        QVERIFY(report.value().errors[1].startsWith(QStringLiteral("line 5:")));
        QVERIFY(report.value().errors[2].startsWith(QStringLiteral("line 6:")));
        QVERIFY(report.value().errors[3].startsWith(QStringLiteral("line 7:")));
        QVERIFY(report.value().errors[4].startsWith(QStringLiteral("line 9:")));
        QCOMPARE(unitCount(), before); // nothing written while errors remain

        const auto skipped = m_directory->importUnits(csv, true);
        QVERIFY(skipped.isOk());
        QCOMPARE(skipped.value().imported, 3);
        QCOMPARE(skipped.value().skipped, 5);
        QCOMPARE(unitCount(), before + 3);
        QCOMPARE(m_directory->provinceOf(QStringLiteral("01234")), std::optional<QString>(QStringLiteral("04")));

        // Importing again changes nothing; a rename is applied.
        const auto again = m_directory->importUnits(
            "code,name,kind,parent_code\n04,Tỉnh Cao Bằng,province,\n01234,Xã Mới Đổi Tên,commune,04\n", false);
        QVERIFY(again.isOk());
        QCOMPARE(again.value().imported, 1);
        QCOMPARE(unitCount(), before + 3);
    }

    // The tree below a unit, three levels deep at most; a province's communes' areas are below it too.
    void unitsWithin_data()
    {
        QTest::addColumn<QString>("unit");
        QTest::addColumn<QStringList>("codes");
        QTest::newRow("province") << QStringLiteral("P:79")
                                  << QStringList { QStringLiteral("26734"), QStringLiteral("26740"),
                                         QStringLiteral("26740-KP01"), QStringLiteral("26743"), QStringLiteral("79") };
        QTest::newRow("commune with an area")
            << QStringLiteral("C:26740") << QStringList { QStringLiteral("26740"), QStringLiteral("26740-KP01") };
        QTest::newRow("commune") << QStringLiteral("C:26734") << QStringList { QStringLiteral("26734") };
        QTest::newRow("unknown province") << QStringLiteral("P:55") << QStringList {};
        QTest::newRow("unknown commune") << QStringLiteral("C:55555") << QStringList {};
    }

    void unitsWithin()
    {
        QFETCH(QString, unit);
        QFETCH(QStringList, codes);
        const auto units = m_directory->unitsWithin(*Scope::parse(unit));
        QVERIFY(units.isOk());
        QStringList listed;
        for (const AdministrativeUnit &u : units.value())
            listed.append(u.code);
        QCOMPARE(listed, codes);
        QCOMPARE(m_directory->unitsWithin(Scope::national()).value().size(), unitCount());
    }

    void writtenCodes()
    {
        QCOMPARE(
            AdministrativeUnit::writtenCode(QStringLiteral("province"), QStringLiteral("01")), QStringLiteral("P:01"));
        QCOMPARE(AdministrativeUnit::writtenCode(QStringLiteral("commune"), QStringLiteral("00070")),
            QStringLiteral("C:00070"));
        QCOMPARE(AdministrativeUnit::writtenCode(QStringLiteral("area"), QStringLiteral("00070-TDP01")),
            QStringLiteral("00070-TDP01"));
        QCOMPARE(AdministrativeUnit::writtenCode(QStringLiteral("province"), QString()), QString());
    }

    void importRejectsBadFiles()
    {
        QVERIFY(!m_directory->importUnits("name,code\n", false).isOk());
        QVERIFY(!m_directory->importUnits("", false).isOk());
        QVERIFY(!m_directory->importUnits("code,name,kind,parent_code\n\"01,x\n", false).isOk());
    }

    void throttle()
    {
        qint64 now = 1000;
        LoginThrottle throttle({ 3, 5, 60 }, [&now] { return now; });
        QCOMPARE(throttle.retryAfter(QStringLiteral("a"), QStringLiteral("1.1.1.1")), 0);
        for (int i = 0; i < 3; ++i)
            throttle.recordFailure(QStringLiteral("A"), QStringLiteral("1.1.1.1"));
        QCOMPARE(throttle.retryAfter(QStringLiteral("a"), QStringLiteral("2.2.2.2")), 60); // per account
        QCOMPARE(throttle.retryAfter(QStringLiteral("b"), QStringLiteral("1.1.1.1")), 0);
        for (int i = 0; i < 2; ++i)
            throttle.recordFailure(QStringLiteral("c") + QString::number(i), QStringLiteral("1.1.1.1"));
        QCOMPARE(throttle.retryAfter(QStringLiteral("d"), QStringLiteral("1.1.1.1")), 60); // per address
        now += 30;
        QCOMPARE(throttle.retryAfter(QStringLiteral("a"), QStringLiteral("2.2.2.2")), 30);
        now += 30;
        QCOMPARE(throttle.retryAfter(QStringLiteral("a"), QStringLiteral("2.2.2.2")), 0);
        throttle.recordFailure(QStringLiteral("a"), QStringLiteral("2.2.2.2"));
        throttle.recordSuccess(QStringLiteral("a"));
        QCOMPARE(throttle.retryAfter(QStringLiteral("a"), QStringLiteral("3.3.3.3")), 0);
    }

private:
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(tst_UserDirectory)
#include "tst_userdirectory.moc"
