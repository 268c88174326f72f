// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The figures of a commune's periodic report, computed from the registries in a real replica, and a province's
// roll-up of its communes' reports.
#include "client/core/replicastore.h"
#include "client/core/reportfigures.h"
#include "client/core/reportrollup.h"
#include "shared/crypto.h"

#include <QTemporaryDir>
#include <QTest>

using namespace mts;

namespace {

const QString commune = QStringLiteral("C:00070");
const QString otherCommune = QStringLiteral("C:00073");

} // namespace

class tst_ReportFigures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void range_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("period");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::newRow("month") << QStringLiteral("monthly") << QStringLiteral("2026-11") << QDate(2026, 11, 1)
                               << QDate(2026, 11, 30);
        QTest::newRow("february of a leap year")
            << QStringLiteral("monthly") << QStringLiteral("2028-02") << QDate(2028, 2, 1) << QDate(2028, 2, 29);
        QTest::newRow("week") << QStringLiteral("weekly") << QStringLiteral("2026-W48") << QDate(2026, 11, 23)
                              << QDate(2026, 11, 29);
        // ISO weeks: 2026 begins on a Thursday, so its week 1 starts on 29 December 2025, and it has a week 53.
        QTest::newRow("week 1 starts in December")
            << QStringLiteral("weekly") << QStringLiteral("2026-W01") << QDate(2025, 12, 29) << QDate(2026, 1, 4);
        QTest::newRow("week 53") << QStringLiteral("weekly") << QStringLiteral("2026-W53") << QDate(2026, 12, 28)
                                 << QDate(2027, 1, 3);
        QTest::newRow("no week 53 in 2025")
            << QStringLiteral("weekly") << QStringLiteral("2025-W53") << QDate() << QDate();
        QTest::newRow("week 0") << QStringLiteral("weekly") << QStringLiteral("2026-W00") << QDate() << QDate();
        QTest::newRow("month 13") << QStringLiteral("monthly") << QStringLiteral("2026-13") << QDate() << QDate();
        QTest::newRow("not a period") << QStringLiteral("monthly") << QStringLiteral("tháng 11") << QDate() << QDate();
        QTest::newRow("unknown type") << QStringLiteral("yearly") << QStringLiteral("2026") << QDate() << QDate();
    }
    void range()
    {
        QFETCH(QString, type);
        QFETCH(QString, period);
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        const auto days = ReportFigures::range(type, period);
        QCOMPARE(days.has_value(), from.isValid());
        if (days) {
            QCOMPARE(days->first, from);
            QCOMPARE(days->second, to);
            QCOMPARE(ReportFigures::periodOf(type, from), period);
            QCOMPARE(ReportFigures::periodOf(type, to), period);
        }
    }

    void compute()
    {
        QTemporaryDir dir;
        ReplicaStore store(dir.filePath(QStringLiteral("replica.sqlite")), crypto::randomBytes(crypto::keyBytes));
        QVERIFY(store.open());
        const auto add = [&store](const QString &kind, const QJsonObject &fields, const QString &scope = commune) {
            return store.create(kind, scope, fields).value();
        };
        for (int i = 0; i < 5; ++i)
            add(QStringLiteral("person"),
                { { QStringLiteral("surname"), QStringLiteral("Lê") },
                    { QStringLiteral("given_name"), QStringLiteral("Người %1").arg(i) } });
        // Another commune's and a deleted record do not count.
        add(QStringLiteral("person"),
            { { QStringLiteral("surname"), QStringLiteral("Lò") },
                { QStringLiteral("given_name"), QStringLiteral("Khác") } },
            otherCommune);
        QVERIFY(store.remove(add(QStringLiteral("person"),
            { { QStringLiteral("surname"), QStringLiteral("Đã") },
                { QStringLiteral("given_name"), QStringLiteral("Xóa") } })));
        add(QStringLiteral("residential_area"),
            { { QStringLiteral("name"), QStringLiteral("Tổ dân phố 1") },
                { QStringLiteral("area_type"), QStringLiteral("to_dan_pho") } });
        add(QStringLiteral("organization"),
            { { QStringLiteral("name"), QStringLiteral("Hội Nông dân") },
                { QStringLiteral("org_type"), QStringLiteral("hoi_nong_dan") },
                { QStringLiteral("member_count"), 120 } });
        add(QStringLiteral("organization"),
            { { QStringLiteral("name"), QStringLiteral("Hội LHPN") },
                { QStringLiteral("org_type"), QStringLiteral("hoi_lhpn") }, { QStringLiteral("member_count"), 85 } });
        const QString someone = QStringLiteral("019a0000-0000-7000-8000-000000000001");
        const QString org = QStringLiteral("019a0000-0000-7000-8000-000000000002");
        const auto membership = [&](const char *position, const QString &to) {
            QJsonObject fields { { QStringLiteral("person_id"), someone }, { QStringLiteral("organization_id"), org },
                { QStringLiteral("term"), QStringLiteral("2024–2029") },
                { QStringLiteral("position"), QString::fromLatin1(position) } };
            if (!to.isEmpty())
                fields.insert(QStringLiteral("to"), to);
            add(QStringLiteral("membership"), fields);
        };
        membership("chu_tich", {});
        membership("uy_vien", {});
        membership("can_bo_chuyen_trach", {});
        membership("can_bo_chuyen_trach", QStringLiteral("2026-06-30")); // left: neither a member nor a cadre now
        for (const char *status : { "poor", "poor", "near_poor", "escaped", "none" })
            add(QStringLiteral("household"),
                { { QStringLiteral("head_name"), QStringLiteral("Chủ hộ") },
                    { QStringLiteral("poverty_status"), QString::fromLatin1(status) } });
        const auto fund = [&](const char *date, const char *direction, int amount) {
            add(QStringLiteral("fund_transaction"),
                { { QStringLiteral("date"), QString::fromLatin1(date) },
                    { QStringLiteral("direction"), QString::fromLatin1(direction) },
                    { QStringLiteral("amount_vnd"), amount } });
        };
        fund("2026-11-02", "thu", 5000000);
        fund("2026-11-30", "thu", 1500000);
        fund("2026-11-24", "chi", 3000000);
        fund("2026-10-31", "thu", 9000000); // before the month
        fund("2026-12-01", "chi", 7000000); // after it
        const auto house = [&](const char *type, const char *handover) {
            QJsonObject fields { { QStringLiteral("household_id"), someone },
                { QStringLiteral("build_type"), QString::fromLatin1(type) } };
            if (handover)
                fields.insert(QStringLiteral("handover_date"), QString::fromLatin1(handover));
            add(QStringLiteral("solidarity_house"), fields);
        };
        house("xay_moi", "2026-11-25");
        house("xay_moi", nullptr); // not handed over yet
        house("sua_chua", "2026-11-10");

        const auto month = ReportFigures::compute(store, commune, QStringLiteral("monthly"), QStringLiteral("2026-11"));
        QVERIFY2(month, month ? "" : qPrintable(month.error().message));
        const QJsonObject expected { { QStringLiteral("persons"), 5 }, { QStringLiteral("residential_areas"), 1 },
            { QStringLiteral("organizations"), 2 }, { QStringLiteral("org_members"), 205 },
            { QStringLiteral("committee_members"), 3 }, { QStringLiteral("cadres"), 1 },
            { QStringLiteral("households_poor"), 2 }, { QStringLiteral("households_near_poor"), 1 },
            { QStringLiteral("households_escaped"), 1 }, { QStringLiteral("fund_receipts_vnd"), 6500000 },
            { QStringLiteral("fund_payments_vnd"), 3000000 }, { QStringLiteral("houses_new"), 1 },
            { QStringLiteral("houses_repaired"), 1 } };
        QCOMPARE(month.value(), expected);
        // Each figure is a valid value of the report schema.
        QVERIFY(RecordSchema::registry().validate(QStringLiteral("report"), month.value(), false).isEmpty());

        // The week of 23–29 November: only what happened in it.
        const auto week = ReportFigures::compute(store, commune, QStringLiteral("weekly"), QStringLiteral("2026-W48"));
        QVERIFY(week);
        QCOMPARE(week.value().value(QStringLiteral("fund_receipts_vnd")).toInt(), 0);
        QCOMPARE(week.value().value(QStringLiteral("fund_payments_vnd")).toInt(), 3000000);
        QCOMPARE(week.value().value(QStringLiteral("houses_new")).toInt(), 1);
        QCOMPARE(week.value().value(QStringLiteral("houses_repaired")).toInt(), 0);
        QCOMPARE(week.value().value(QStringLiteral("persons")).toInt(), 5);

        const auto bad = ReportFigures::compute(store, commune, QStringLiteral("monthly"), QStringLiteral("11/2026"));
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, ReportFigures::Error::BadPeriod);

        // A sealed field cannot be summed or compared: refused, not answered with nonsense.
        ReplicaStore::TotalQuery sealed;
        sealed.kind = QStringLiteral("person");
        sealed.scope = commune;
        sealed.equals.insert(QStringLiteral("cccd"), QStringLiteral("001090012345"));
        QCOMPARE(store.total(sealed).error().code, ReplicaStore::Error::InvalidArgument);
        ReplicaStore::TotalQuery injected;
        injected.kind = QStringLiteral("person");
        injected.scope = commune;
        injected.sumField = QStringLiteral("birth_year') OR 1=1 --");
        QCOMPARE(store.total(injected).error().code, ReplicaStore::Error::InvalidArgument);
    }

    // A province sees each of its communes with where its report stands; the figures add up over the reports sent
    // (submitted or accepted), and a commune that owes its report (none, a draft, a returned one) is listed as
    // such. Another province's reports and a deleted report do not count; of two reports one commune made on two
    // PCs, the one furthest along counts once.
    void rollupOfProvince()
    {
        const auto unit = [](const char *code, const QString &name, const char *kind, const char *parent) {
            return UnitInfo { QString::fromLatin1(code), name, QString::fromLatin1(kind), QString::fromLatin1(parent) };
        };
        const QList<UnitInfo> units { unit("P:01", QStringLiteral("Hà Nội"), "province", ""),
            unit("C:00004", QStringLiteral("Phường Ba Đình"), "commune", "P:01"),
            unit("C:00001", QStringLiteral("Phường Hoàn Kiếm"), "commune", "P:01"),
            unit("C:00002", QStringLiteral("Xã Sóc Sơn"), "commune", "P:01"),
            unit("C:00003", QStringLiteral("Xã Đông Anh"), "commune", "P:01"),
            unit("C:00005", QStringLiteral("Xã Ba Vì"), "commune", "P:01"),
            unit("C:00100", QStringLiteral("Xã Tam Đảo"), "commune", "P:26") };
        const auto report = [](const char *id, const char *scope, const char *status, int persons) {
            ReplicaStore::ListRow row;
            row.id = QString::fromLatin1(id);
            row.scope = QString::fromLatin1(scope);
            row.fields = { { QStringLiteral("status"), QString::fromLatin1(status) },
                { QStringLiteral("persons"), persons }, { QStringLiteral("fund_receipts_vnd"), persons * 1000 } };
            return row;
        };
        QList<ReplicaStore::ListRow> reports { report("a", "C:00001", "accepted", 100),
            report("b", "C:00002", "submitted", 20), report("c1", "C:00003", "draft", 7),
            report("c2", "C:00003", "submitted", 3), report("d", "C:00005", "returned", 50),
            report("x", "C:00100", "accepted", 9000) };
        ReplicaStore::ListRow deleted = report("e", "C:00004", "accepted", 1);
        deleted.deleted = true;
        reports.append(deleted);

        const ReportRollup rollup = ReportRollup::of(units, QStringLiteral("P:01"), reports);
        QStringList codes;
        for (const ReportRollup::Line &line : rollup.lines)
            codes.append(line.unit);
        QCOMPARE(codes,
            (QStringList { QStringLiteral("C:00001"), QStringLiteral("C:00002"), QStringLiteral("C:00003"),
                QStringLiteral("C:00004"), QStringLiteral("C:00005") }));
        QCOMPARE(rollup.lines.at(0).standing, ReportRollup::Standing::Accepted);
        QCOMPARE(rollup.lines.at(0).name, QStringLiteral("Phường Hoàn Kiếm"));
        QCOMPARE(rollup.lines.at(1).standing, ReportRollup::Standing::Submitted);
        QCOMPARE(rollup.lines.at(2).standing, ReportRollup::Standing::Submitted);
        QCOMPARE(rollup.lines.at(2).reportId, QStringLiteral("c2"));
        QCOMPARE(rollup.lines.at(3).standing, ReportRollup::Standing::Missing);
        QVERIFY(rollup.lines.at(3).reportId.isEmpty());
        QCOMPARE(rollup.lines.at(4).standing, ReportRollup::Standing::Returned);
        QCOMPARE(rollup.sentCount(), 3);
        const QList<ReportRollup::Line> unsent = rollup.unsent();
        QCOMPARE(unsent.size(), 2);
        QCOMPARE(unsent.at(0).unit, QStringLiteral("C:00004"));
        QCOMPARE(unsent.at(1).unit, QStringLiteral("C:00005"));
        QCOMPARE(rollup.totals.value(QStringLiteral("persons")).toInteger(), 123);
        QCOMPARE(rollup.totals.value(QStringLiteral("fund_receipts_vnd")).toInteger(), 123000);
        // Every figure of the report has a total, zero when nothing was sent of it.
        QCOMPARE(rollup.totals.value(QStringLiteral("houses_new")).toInteger(), 0);
        QVERIFY(rollup.totals.contains(QStringLiteral("households_poor")));
    }

    // The same from a replica: the unit list it keeps and the reports of the period, synced or made here.
    void rollupFromReplica()
    {
        QTemporaryDir dir;
        ReplicaStore store(dir.filePath(QStringLiteral("province.sqlite")), crypto::randomBytes(crypto::keyBytes));
        QVERIFY(store.open());
        QList<UnitInfo> units;
        units.append({ QStringLiteral("P:01"), QStringLiteral("Hà Nội"), QStringLiteral("province"), {} });
        units.append({ commune, QStringLiteral("Xã Một"), QStringLiteral("commune"), QStringLiteral("P:01") });
        units.append({ otherCommune, QStringLiteral("Xã Hai"), QStringLiteral("commune"), QStringLiteral("P:01") });
        QVERIFY(store.setUnits(units, 1000));
        const auto draft = [&store](const QString &scope, const QString &period, int persons) {
            auto id = store.create(QStringLiteral("report"), scope,
                { { QStringLiteral("period_type"), QStringLiteral("monthly") }, { QStringLiteral("period"), period },
                    { QStringLiteral("persons"), persons } });
            return id ? id.value() : QString();
        };
        const QString sent = draft(commune, QStringLiteral("2026-11"), 40);
        QVERIFY(!sent.isEmpty());
        QVERIFY(!draft(commune, QStringLiteral("2026-10"), 38).isEmpty());
        QVERIFY(!draft(otherCommune, QStringLiteral("2026-11"), 15).isEmpty());
        QVERIFY(
            store.transition(sent, QStringLiteral("status"), QStringLiteral("draft"), QStringLiteral("submitted"), {}));

        const QString province = QStringLiteral("P:01");
        auto rollup = ReportRollup::read(store, province, QStringLiteral("monthly"), QStringLiteral("2026-11"));
        QVERIFY(rollup);
        QCOMPARE(rollup.value().lines.size(), 2);
        QCOMPARE(rollup.value().lines.at(0).standing, ReportRollup::Standing::Submitted);
        QCOMPARE(rollup.value().lines.at(1).standing, ReportRollup::Standing::Draft);
        QCOMPARE(rollup.value().sentCount(), 1);
        QCOMPARE(rollup.value().totals.value(QStringLiteral("persons")).toInteger(), 40);

        auto october = ReportRollup::read(store, province, QStringLiteral("monthly"), QStringLiteral("2026-10"));
        QVERIFY(october);
        QCOMPARE(october.value().lines.at(0).standing, ReportRollup::Standing::Draft);
        QCOMPARE(october.value().lines.at(1).standing, ReportRollup::Standing::Missing);
        QCOMPARE(october.value().sentCount(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_ReportFigures)
#include "tst_reportfigures.moc"
