// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Makes the README's screenshots: the main window on the database page and a person's form, in Vietnamese, over a
// replica filled with demo persons and households. Run by .ci/screenshots (offscreen); not a test.
//
// Usage: mts_screenshots OUTPUT_DIR
#include "client/core/clientsettings.h"
#include "client/core/replicastore.h"
#include "client/ui/mainwindow.h"
#include "client/ui/recordformdialog.h"
#include "client/ui/registriespage.h"
#include "client/ui/reportspage.h"
#include "client/ui/setasidepage.h"
#include "client/ui/uilanguage.h"
#include "shared/canonicaljson.h"
#include "shared/crypto.h"
#include "shared/syncwire.h"
#include "shared/unitinfo.h"
#include "shared/uuid7.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QPainter>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

#include <cstdio>

using namespace mts;

namespace {

bool save(QWidget *widget, const QString &path)
{
    QApplication::processEvents();
    const bool saved = widget->grab().save(path);
    std::printf("%s %s\n", saved ? "wrote" : "could not write", qPrintable(path));
    return saved;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: mts_screenshots OUTPUT_DIR\n");
        return 2;
    }
    const QString output = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(output);
    UiLanguage language;
    if (!language.install(QStringLiteral("vi")))
        return 1;

    QTemporaryDir dir;
    const QByteArray key = crypto::randomBytes(crypto::keyBytes);
    ReplicaStore store(dir.filePath(QStringLiteral("replica.sqlite")), key);
    if (!store.open())
        return 1;
    const QString commune = QStringLiteral("C:00070");
    const QStringList surnames { QStringLiteral("Nguyễn"), QStringLiteral("Trần"), QStringLiteral("Lê"),
        QStringLiteral("Phạm"), QStringLiteral("Hoàng"), QStringLiteral("Vũ"), QStringLiteral("Đặng"),
        QStringLiteral("Bùi") };
    const QStringList middles { QStringLiteral("Văn"), QStringLiteral("Thị"), QStringLiteral("Minh"),
        QStringLiteral("Ngọc"), QStringLiteral("Đức") };
    const QStringList givens { QStringLiteral("An"), QStringLiteral("Bình"), QStringLiteral("Cường"),
        QStringLiteral("Dũng"), QStringLiteral("Đồng"), QStringLiteral("Giang"), QStringLiteral("Hạnh"),
        QStringLiteral("Hòa"), QStringLiteral("Khánh"), QStringLiteral("Lan"), QStringLiteral("Mai"),
        QStringLiteral("Xuyến") };
    const QStringList streets { QStringLiteral("phố Hàng Bông"), QStringLiteral("phố Hàng Gai"),
        QStringLiteral("phố Lý Thái Tổ"), QStringLiteral("phố Tràng Tiền") };
    // Most persons as a sync brings them (synced), a few typed here (waiting to be sent), one refused.
    const QString bucket = QStringLiteral("C:00070/registries");
    sync::PullResponse page;
    page.serverTime = QDateTime::currentMSecsSinceEpoch();
    const auto personFields = [&](int i) {
        return QJsonObject { { QStringLiteral("surname"), surnames.at(i % surnames.size()) },
            { QStringLiteral("middle_name"), middles.at(i / surnames.size() % middles.size()) },
            { QStringLiteral("given_name"), givens.at(i / 40 % givens.size()) },
            { QStringLiteral("sex"),
                i / surnames.size() % middles.size() == 1 ? QStringLiteral("female") : QStringLiteral("male") },
            { QStringLiteral("birth_year"), 1945 + i * 13 % 60 },
            { QStringLiteral("ethnicity"), QStringLiteral("Kinh") },
            { QStringLiteral("address"),
                QStringLiteral("Số %1 %2, tổ dân phố %3")
                    .arg(1 + i % 90)
                    .arg(streets.at(i % streets.size()))
                    .arg(1 + i % 12) } };
    };
    for (int i = 0; i < 236; ++i) {
        sync::RecordChange change;
        change.bucket = bucket;
        change.seq = i + 1;
        change.id = createUuid7();
        change.kind = QStringLiteral("person");
        change.scope = commune;
        change.fieldsJson = CanonicalJson::encode(personFields(i));
        change.hlc = HlcStamp { page.serverTime - 100000 + i, 0, QStringLiteral("server") };
        page.changes.append(change);
    }
    page.positions.insert(bucket, 236);
    page.buckets.append(sync::BucketHead { bucket, 236, {} });
    if (!store.applyPullPage(page))
        return 1;
    for (int i = 236; i < 240; ++i) {
        if (!store.create(QStringLiteral("person"), commune, personFields(i)))
            return 1;
    }
    const auto pending = store.pendingBatch(1);
    if (!pending || pending.value().isEmpty()
        || !store.setAside(pending.value().first().opId, QStringLiteral("Số định danh cá nhân đã có ở bản ghi khác")))
        return 1;

    QSettings windowState(dir.filePath(QStringLiteral("window.ini")), QSettings::IniFormat);
    ClientSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    MainWindow window(&settings, &windowState);
    window.resize(1280, 760);
    window.registriesPage()->setReplica(&store, commune, key);
    window.setAsidePage()->setReplica(&store);
    window.setPendingChangeCount(store.pendingCount());
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    bool ok = save(&window, output + QStringLiteral("/main-window.png"));

    window.registriesPage()->searchBox()->setText(QStringLiteral("nguyen thi"));
    window.registriesPage()->table()->selectRow(0);
    ok = save(&window, output + QStringLiteral("/registry-search.png")) && ok;

    window.registriesPage()->editRecord();
    if (RecordFormDialog *form = window.registriesPage()->openForm()) {
        form->resize(560, 700);
        if (!QTest::qWaitForWindowExposed(form))
            return 1;
        ok = save(form, output + QStringLiteral("/person-form.png")) && ok;
        form->reject();
    }

    // A monthly report as it is printed (the PDF's layout, drawn on an A4-shaped image).
    QJsonObject report { { QStringLiteral("period_type"), QStringLiteral("monthly") },
        { QStringLiteral("period"), QStringLiteral("2026-11") }, { QStringLiteral("persons"), 240 },
        { QStringLiteral("residential_areas"), 12 }, { QStringLiteral("organizations"), 7 },
        { QStringLiteral("org_members"), 1850 }, { QStringLiteral("committee_members"), 35 },
        { QStringLiteral("cadres"), 3 }, { QStringLiteral("households_poor"), 14 },
        { QStringLiteral("households_near_poor"), 22 }, { QStringLiteral("households_escaped"), 5 },
        { QStringLiteral("fund_receipts_vnd"), 45000000 }, { QStringLiteral("fund_payments_vnd"), 30000000 },
        { QStringLiteral("houses_new"), 1 }, { QStringLiteral("houses_repaired"), 2 },
        { QStringLiteral("activities"),
            QStringLiteral(
                "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở 12 khu dân cư; vận động Quỹ \"Vì người nghèo\".") },
        { QStringLiteral("difficulties"),
            QStringLiteral("Một số khu dân cư chưa cập nhật kịp danh sách hộ cận nghèo.") },
        { QStringLiteral("recommendations"),
            QStringLiteral("Đề nghị tỉnh hỗ trợ kinh phí sửa chữa 2 nhà Đại đoàn kết.") } };
    QTextDocument document;
    document.setHtml(ReportsPage::documentHtml(commune, report, QStringLiteral("Phường Hoàn Kiếm")));
    document.setTextWidth(794 - 2 * 60);
    QImage paper(794, std::max(1123, int(document.size().height()) + 120), QImage::Format_RGB32);
    paper.fill(Qt::white);
    {
        QPainter painter(&paper);
        painter.translate(80, 60);
        document.drawContents(&painter);
    }
    const QString reportPath = output + QStringLiteral("/report.png");
    const bool reportSaved = paper.save(reportPath);
    std::printf("%s %s\n", reportSaved ? "wrote" : "could not write", qPrintable(reportPath));
    ok = reportSaved && ok;

    // What the province sees of a month: each commune with where its report stands, who still owes it, the total.
    ReplicaStore province(dir.filePath(QStringLiteral("province.sqlite")), key);
    if (!province.open())
        return 1;
    const QList<std::pair<QString, QString>> communes { { QStringLiteral("C:00004"), QStringLiteral("Phường Ba Đình") },
        { QStringLiteral("C:00008"), QStringLiteral("Phường Ngọc Hà") },
        { QStringLiteral("C:00070"), QStringLiteral("Phường Hoàn Kiếm") },
        { QStringLiteral("C:00082"), QStringLiteral("Phường Cửa Nam") },
        { QStringLiteral("C:00091"), QStringLiteral("Phường Hai Bà Trưng") },
        { QStringLiteral("C:00103"), QStringLiteral("Xã Sóc Sơn") } };
    QList<UnitInfo> units { { QStringLiteral("P:01"), QStringLiteral("Thành phố Hà Nội"), QStringLiteral("province"),
        {} } };
    for (const auto &[code, name] : communes)
        units.append({ code, name, QStringLiteral("commune"), QStringLiteral("P:01") });
    if (!province.setUnits(units, QDateTime::currentMSecsSinceEpoch()))
        return 1;
    const QStringList states { QStringLiteral("accepted"), QStringLiteral("submitted"), QStringLiteral("accepted"),
        QStringLiteral("draft"), QStringLiteral("submitted"), QString() };
    for (int i = 0; i < communes.size(); ++i) {
        if (states.at(i).isEmpty())
            continue;
        QJsonObject figures = report;
        figures.remove(QStringLiteral("activities"));
        for (const char *name : { "persons", "org_members", "households_poor", "fund_receipts_vnd" })
            figures.insert(QLatin1String(name), figures.value(QLatin1String(name)).toInteger() * (7 + i) / 9);
        auto id = province.create(QStringLiteral("report"), communes.at(i).first, figures);
        if (!id)
            return 1;
        QString at = QStringLiteral("draft");
        for (const QString &next : { QStringLiteral("submitted"), QStringLiteral("accepted") }) {
            if (at == states.at(i))
                break;
            if (!province.transition(id.value(), QStringLiteral("status"), at, next, {}))
                return 1;
            at = next;
        }
    }
    ReportsPage overview;
    overview.setReplica(&province, QStringLiteral("P:01"), Role::ProvincialStaff);
    overview.resize(1280, 520);
    overview.periodType()->setCurrentIndex(overview.periodType()->findData(QStringLiteral("monthly")));
    overview.period()->setText(QStringLiteral("2026-11"));
    overview.views()->setCurrentIndex(1);
    overview.show();
    if (!QTest::qWaitForWindowExposed(&overview))
        return 1;
    ok = save(&overview, output + QStringLiteral("/province-overview.png")) && ok;
    return ok ? 0 : 1;
}
