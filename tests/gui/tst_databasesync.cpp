// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Two cadres of one commune, each with the real desktop window on their own PC (own data folder), against the
// real server on loopback TLS (--demo): one adds a person in Vietnamese, syncs, and the other sees the person;
// the other corrects the name offline, syncs, and the first sees the correction. Offscreen, in Vietnamese, the
// test playing the system browser.
#include "client/core/accountdirectory.h"
#include "client/core/accountkeys.h"
#include "client/core/accountsession.h"
#include "client/core/clientsettings.h"
#include "client/core/replicastore.h"
#include "client/core/servercertificatepin.h"
#include "client/core/serverconnection.h"
#include "client/core/syncengine.h"
#include "client/ui/fieldlabels.h"
#include "client/ui/mainwindow.h"
#include "client/ui/recordformdialog.h"
#include "client/ui/recordlistmodel.h"
#include "client/ui/registriespage.h"
#include "client/ui/reportspage.h"
#include "client/ui/setasidepage.h"
#include "client/ui/uilanguage.h"
#include "shared/crypto.h"
#include "tests/gui/inputmethod.h"
#include "tests/support/browserdriver.h"
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <memory>

using namespace mts;
using mts::test::typeVietnamese;

namespace {

const QString demoPassword = QStringLiteral("matranso-demo");
constexpr int networkTimeout = 30000;

/// One PC: its settings, data folder, session and window.
struct Client {
    QTemporaryDir directory;
    std::unique_ptr<ClientSettings> settings;
    std::unique_ptr<QSettings> windowState;
    std::unique_ptr<AccountSession> session;
    std::unique_ptr<MainWindow> window;
    QString user;

    RegistriesPage *page() const { return window->registriesPage(); }
    QString cell(int row, int column) const
    {
        return page()->model()->data(page()->model()->index(row, column)).toString();
    }
};

} // namespace

class tst_DatabaseSync : public QObject {
    Q_OBJECT

private:
    UiLanguage m_language;
    std::unique_ptr<test::ServerProcess> m_server;
    std::unique_ptr<test::HttpClient> m_browser;
    QNetworkAccessManager m_network;

    std::unique_ptr<Client> signIn(const QString &user)
    {
        auto client = std::make_unique<Client>();
        const QString file = client->directory.filePath(QStringLiteral("mattranso.ini"));
        client->user = user;
        client->settings = std::make_unique<ClientSettings>(file);
        client->settings->setServerUrl(m_server->url());
        client->settings->setPinnedCertificatePem(m_server->certificate().toPem());
        client->windowState = std::make_unique<QSettings>(file, QSettings::IniFormat);
        AccountKeys::Options options;
        options.cost = crypto::PasswordCost::minimum();
        client->session
            = std::make_unique<AccountSession>(ServerConnection(&m_network, m_server->url(),
                                                   ServerCertificatePin::fromPem(m_server->certificate().toPem())),
                AccountDirectory(client->directory.filePath(QStringLiteral("data"))), AccountSession::KeychainFactory(),
                options);
        client->window
            = std::make_unique<MainWindow>(client->settings.get(), client->windowState.get(), client->session.get());
        client->window->setUrlOpener([this, user](const QUrl &url) {
            QTimer::singleShot(
                0, this, [this, url, user] { test::signInInBrowser(*m_browser, url, user, demoPassword); });
            return true;
        });
        client->window->show();
        QApplication::setActiveWindow(client->window.get());
        if (!QTest::qWaitForWindowActive(client->window.get()))
            return nullptr;
        QTest::mouseClick(client->window->findChild<QPushButton *>(QStringLiteral("signInButton")), Qt::LeftButton);
        auto *confirm = client->window->findChild<QLineEdit *>(QStringLiteral("confirmPassword"));
        if (!QTest::qWaitFor([&] { return confirm->isVisible(); }, networkTimeout))
            return nullptr;
        QTest::keyClicks(confirm, demoPassword);
        QTest::keyClick(confirm, Qt::Key_Return);
        if (!QTest::qWaitFor([&] { return client->window->replica() != nullptr; }, networkTimeout))
            return nullptr;
        return client;
    }

    /// Runs "Sync now" (F5) and waits for its end; true when it succeeded.
    static bool syncNow(Client &client)
    {
        SyncEngine *engine = client.window->syncEngine();
        // The automatic sync of the sign-in may still run: wait for it first.
        if (!QTest::qWaitFor([engine] { return !engine->isRunning(); }, networkTimeout))
            return false;
        QSignalSpy finished(engine, &SyncEngine::finished);
        QApplication::setActiveWindow(client.window.get());
        client.window->syncAction()->trigger();
        if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, networkTimeout))
            return false;
        const auto result = finished.first().first().value<SyncEngine::Result>();
        if (!result.isOk())
            qWarning() << client.user << "sync failed:" << result.message;
        return result.isOk();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_language.install(QStringLiteral("vi")));
        m_server = std::make_unique<test::ServerProcess>(QStringList { QStringLiteral("--demo") });
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        m_browser = std::make_unique<test::HttpClient>(m_server->certificate());
    }

    void cleanupTestCase() { m_server.reset(); }

    void personTravelsBetweenPcs()
    {
        auto cadre = signIn(QStringLiteral("canbo.hoankiem"));
        QVERIFY(cadre);
        auto chair = signIn(QStringLiteral("chutich.hoankiem"));
        QVERIFY(chair);

        // The cadre adds a person, offline as always, and the list says it waits to be sent.
        RegistriesPage *page = cadre->page();
        QApplication::setActiveWindow(cadre->window.get());
        QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("add")), Qt::LeftButton);
        RecordFormDialog *form = page->openForm();
        QVERIFY(form);
        typeVietnamese(form->editor(QStringLiteral("surname")), QStringLiteral("Hoàng"));
        typeVietnamese(form->editor(QStringLiteral("middle_name")), QStringLiteral("Thị"));
        typeVietnamese(form->editor(QStringLiteral("given_name")), QStringLiteral("Xuyến"));
        QString id;
        connect(form, &QDialog::accepted, this, [&id, form] { id = form->savedId(); });
        QTest::mouseClick(form->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save), Qt::LeftButton);
        QTRY_VERIFY(!page->openForm());
        QVERIFY(!id.isEmpty());
        int at = page->model()->rowOf(id);
        QVERIFY(at >= 0);
        QCOMPARE(cadre->cell(at, 0), QStringLiteral("Hoàng Thị Xuyến"));
        QCOMPARE(cadre->cell(at, page->model()->columnCount() - 1), QStringLiteral("Chờ gửi"));
        QCOMPARE(cadre->window->findChild<QLabel *>(QStringLiteral("pendingChanges"))->text(),
            QStringLiteral("Chờ đồng bộ: 1"));

        // F5: sent; the row is synced and nothing waits any more.
        QVERIFY(syncNow(*cadre));
        at = page->model()->rowOf(id);
        QCOMPARE(cadre->cell(at, page->model()->columnCount() - 1), QStringLiteral("Đã đồng bộ"));
        QCOMPARE(cadre->window->replica()->pendingCount(), 0);
        QVERIFY(cadre->window->findChild<QLabel *>(QStringLiteral("syncStatus"))
                    ->text()
                    .startsWith(QStringLiteral("Đã đồng bộ lúc")));

        // The chair's PC receives the person and finds it without diacritics.
        QVERIFY(syncNow(*chair));
        QTest::keyClicks(chair->page()->searchBox(), QStringLiteral("xuyen"));
        QCOMPARE(chair->page()->model()->rowCount(), 1);
        QCOMPARE(chair->cell(0, 0), QStringLiteral("Hoàng Thị Xuyến"));

        // The chair corrects the name (a local edit first), then syncs; the cadre's PC gets the correction.
        chair->page()->table()->setCurrentIndex(chair->page()->model()->index(0, 0));
        chair->page()->editRecord();
        form = chair->page()->openForm();
        QVERIFY(form);
        auto *given = qobject_cast<QLineEdit *>(form->editor(QStringLiteral("given_name")));
        given->clear();
        typeVietnamese(given, QStringLiteral("Xuân"));
        QTest::mouseClick(form->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save), Qt::LeftButton);
        QTRY_VERIFY(!chair->page()->openForm());
        QCOMPARE(chair->window->replica()->pendingCount(), 1);
        QVERIFY(syncNow(*chair));
        QVERIFY(syncNow(*cadre));
        at = page->model()->rowOf(id);
        QVERIFY(at >= 0);
        QCOMPARE(cadre->cell(at, 0), QStringLiteral("Hoàng Thị Xuân"));
        QCOMPARE(cadre->window->replica()->record(id).value().value(QStringLiteral("given_name")).toString(),
            QStringLiteral("Xuân"));
    }

    // A change the server refuses is set aside with its reason; the cadre fixes it in the form and sends it again.
    void refusedChangeIsFixedAndResent()
    {
        auto cadre = signIn(QStringLiteral("canbo.hoankiem"));
        QVERIFY(cadre);
        // Written past the form (as an older build or an import could): a citizen ID of 5 digits.
        ReplicaStore *replica = cadre->window->replica();
        const auto id = replica->create(QStringLiteral("person"), QStringLiteral("C:00070"),
            { { QStringLiteral("surname"), QStringLiteral("Đinh") },
                { QStringLiteral("given_name"), QStringLiteral("Lựu") },
                { QStringLiteral("cccd"), QStringLiteral("12345") } });
        QVERIFY(id);
        QVERIFY(syncNow(*cadre));
        QCOMPARE(replica->pendingCount(), 0);
        QCOMPARE(replica->setAsideCount(), 1);

        SetAsidePage *page = cadre->window->setAsidePage();
        auto *tabs = qobject_cast<QTabWidget *>(page->parentWidget()->parentWidget());
        QVERIFY(tabs);
        QCOMPARE(tabs->tabText(tabs->indexOf(page)), QStringLiteral("Thay đổi bị giữ lại (1)"));
        QCOMPARE(page->list()->topLevelItemCount(), 1);
        QTreeWidgetItem *line = page->list()->topLevelItem(0);
        QCOMPARE(line->text(0), QStringLiteral("Đinh Lựu"));
        QVERIFY2(line->text(2).startsWith(QStringLiteral("bản ghi mới bị từ chối: ")), qPrintable(line->text(2)));
        QVERIFY2(line->text(2).contains(QStringLiteral("cccd")), qPrintable(line->text(2)));
        // Not in the registries while set aside.
        QCOMPARE(cadre->page()->model()->rowOf(id.value()), -1);

        // Exported for safekeeping, with its reason.
        const QString exported = cadre->directory.filePath(QStringLiteral("held.json"));
        QVERIFY(page->exportTo(exported));
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("12345"));

        page->fixSelected();
        RecordFormDialog *form = page->openForm();
        QVERIFY(form);
        auto *cccd = qobject_cast<QLineEdit *>(form->editor(QStringLiteral("cccd")));
        QCOMPARE(cccd->text(), QStringLiteral("12345"));
        auto *save = form->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
        // Still wrong: the form says so before anything is sent.
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(page->openForm());
        QVERIFY(!form->message(QStringLiteral("cccd")).isEmpty());
        cccd->clear();
        QTest::keyClicks(cccd, QStringLiteral("001080012345"));
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY(!page->openForm());
        QCOMPARE(page->list()->topLevelItemCount(), 0);
        QCOMPARE(tabs->tabText(tabs->indexOf(page)), QStringLiteral("Thay đổi bị giữ lại"));
        QCOMPARE(replica->pendingCount(), 1);

        QVERIFY(syncNow(*cadre));
        QCOMPARE(replica->setAsideCount(), 0);
        QCOMPARE(replica->pendingCount(), 0);
        const int at = cadre->page()->model()->rowOf(id.value());
        QVERIFY(at >= 0);
        QCOMPARE(cadre->cell(at, cadre->page()->model()->columnCount() - 1), QStringLiteral("Đã đồng bộ"));
        QCOMPARE(replica->record(id.value()).value().value(QStringLiteral("cccd")).toString(),
            QStringLiteral("001080012345"));
    }

    // The commune's chair drafts and submits the monthly report; provincial staff see it on their PC, return it
    // with a reason, the commune corrects and submits again, and the province accepts it: locked from then on.
    void reportGoesUpAndIsAccepted()
    {
        auto chair = signIn(QStringLiteral("chutich.hoankiem"));
        QVERIFY(chair);
        auto province = signIn(QStringLiteral("tinh.hanoi"));
        QVERIFY(province);

        ReportsPage *reports = chair->window->reportsPage();
        QApplication::setActiveWindow(chair->window.get());
        const auto showReports = [](ReportsPage *page) {
            auto *tabs = qobject_cast<QTabWidget *>(page->parentWidget()->parentWidget());
            QVERIFY(tabs);
            tabs->setCurrentWidget(page);
        };
        showReports(reports);
        reports->periodType()->setCurrentIndex(reports->periodType()->findData(QStringLiteral("monthly")));
        reports->period()->setText(QStringLiteral("2026-10"));
        QTest::mouseClick(reports->findChild<QPushButton *>(QStringLiteral("draftReport")), Qt::LeftButton);
        QCOMPARE(reports->model()->rowCount(), 1);
        reports->table()->setCurrentIndex(reports->model()->index(0, 0));
        QCOMPARE(reports->model()->data(reports->model()->index(0, 2)).toString(), QStringLiteral("Nháp"));
        // The figures came from the registries: as many persons as the persons list shows.
        const QJsonObject drafted
            = reports->model()->data(reports->model()->index(0, 0), RecordListModel::FieldsRole).toJsonObject();
        chair->page()->showKind(QStringLiteral("person"));
        QVERIFY(drafted.contains(QStringLiteral("persons")));
        QCOMPARE(drafted.value(QStringLiteral("persons")).toInt(), chair->page()->model()->rowCount());
        // The province's buttons are not the commune's.
        QVERIFY(!reports->findChild<QPushButton *>(QStringLiteral("acceptReport"))->isVisible());
        auto *submit = reports->findChild<QPushButton *>(QStringLiteral("submitReport"));
        QVERIFY(submit->isVisible() && submit->isEnabled());
        QTest::mouseClick(submit, Qt::LeftButton);
        QCOMPARE(reports->model()->data(reports->model()->index(0, 2)).toString(), QStringLiteral("Đã gửi"));
        // Submitted: locked for the commune.
        QVERIFY(!reports->findChild<QPushButton *>(QStringLiteral("editReport"))->isEnabled());
        QVERIFY(syncNow(*chair));
        QCOMPARE(chair->window->replica()->pendingCount(), 0);

        // The province receives it and returns it, with the reason required.
        QVERIFY(syncNow(*province));
        ReportsPage *review = province->window->reportsPage();
        showReports(review);
        QCOMPARE(review->model()->rowCount(), 1);
        // The commune by its name, from the unit list the sync brought.
        QCOMPARE(review->model()->data(review->model()->index(0, 0)).toString(), QStringLiteral("Phường Hoàn Kiếm"));
        review->table()->setCurrentIndex(review->model()->index(0, 0));
        QVERIFY(!review->findChild<QPushButton *>(QStringLiteral("draftReport"))->isVisible());
        QVERIFY(!review->findChild<QPushButton *>(QStringLiteral("submitReport"))->isVisible());
        QVERIFY(!review->moveSelected(QStringLiteral("returned"), QStringLiteral("  ")));
        QVERIFY(review->moveSelected(QStringLiteral("returned"), QStringLiteral("Thiếu số liệu quỹ tháng 10")));
        QVERIFY(syncNow(*province));

        QVERIFY(syncNow(*chair));
        QCOMPARE(reports->model()->data(reports->model()->index(0, 2)).toString(), QStringLiteral("Bị trả lại"));
        QCOMPARE(reports->model()->data(reports->model()->index(0, 3)).toString(),
            QStringLiteral("Thiếu số liệu quỹ tháng 10"));
        reports->table()->setCurrentIndex(reports->model()->index(0, 0));
        QVERIFY(reports->findChild<QPushButton *>(QStringLiteral("editReport"))->isEnabled());
        QVERIFY(reports->moveSelected(QStringLiteral("submitted")));
        QVERIFY(syncNow(*chair));

        QVERIFY(syncNow(*province));
        review->table()->setCurrentIndex(review->model()->index(0, 0));
        QVERIFY(review->findChild<QPushButton *>(QStringLiteral("acceptReport"))->isEnabled());
        QTest::mouseClick(review->findChild<QPushButton *>(QStringLiteral("acceptReport")), Qt::LeftButton);
        QVERIFY(syncNow(*province));
        QCOMPARE(province->window->replica()->setAsideCount(), 0);

        QVERIFY(syncNow(*chair));
        QCOMPARE(reports->model()->data(reports->model()->index(0, 2)).toString(), QStringLiteral("Đã tiếp nhận"));
        reports->table()->setCurrentIndex(reports->model()->index(0, 0));
        QVERIFY(!reports->findChild<QPushButton *>(QStringLiteral("editReport"))->isEnabled());
        QVERIFY(!reports->findChild<QPushButton *>(QStringLiteral("submitReport"))->isEnabled());

        // Printed as an administrative document.
        const QString pdf = chair->directory.filePath(QStringLiteral("bao-cao.pdf"));
        QVERIFY(reports->exportPdf(pdf));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        QVERIFY(file.size() > 2000);

        // The province's overview of the month: Hoàn Kiếm's report accepted, the other communes of Hà Nội owe
        // theirs; the figures added up; as a CSV file for Excel and as the province's PDF report.
        QApplication::setActiveWindow(province->window.get());
        review->periodType()->setCurrentIndex(review->periodType()->findData(QStringLiteral("monthly")));
        review->period()->setText(QStringLiteral("2026-10"));
        QVERIFY(review->views()->isTabVisible(1));
        QVERIFY(!reports->views()->isTabVisible(1));
        review->views()->setCurrentIndex(1);
        const QAbstractItemModel *overview = review->overview()->model();
        QCOMPARE(overview->rowCount(), 5);
        const auto overviewCell
            = [overview](int row, int column) { return overview->index(row, column).data().toString(); };
        QCOMPARE(overviewCell(0, 1), QStringLiteral("Phường Ba Đình"));
        QCOMPARE(overviewCell(0, 2), QStringLiteral("Chưa có báo cáo"));
        QCOMPARE(overviewCell(2, 0), QStringLiteral("C:00070"));
        QCOMPARE(overviewCell(2, 1), QStringLiteral("Phường Hoàn Kiếm"));
        QCOMPARE(overviewCell(2, 2), QStringLiteral("Đã tiếp nhận"));
        int personsColumn = -1;
        for (int column = 0; column < overview->columnCount(); ++column) {
            if (overview->headerData(column, Qt::Horizontal).toString()
                == FieldLabels::field(QStringLiteral("report"), QStringLiteral("persons")))
                personsColumn = column;
        }
        QVERIFY(personsColumn > 2);
        const QString persons = QString::number(drafted.value(QStringLiteral("persons")).toInt());
        QCOMPARE(overviewCell(2, personsColumn).remove(QLocale().groupSeparator()), persons);
        QCOMPARE(overviewCell(4, personsColumn).remove(QLocale().groupSeparator()), persons);
        QVERIFY(review->overviewSummary().contains(QStringLiteral("Phường Ba Đình, Phường Ngọc Hà, Phường Cửa Nam")));
        QVERIFY(review->overviewSummary().startsWith(QStringLiteral("1 ")));

        const QString csv = province->directory.filePath(QStringLiteral("tong-hop.csv"));
        QVERIFY(review->exportOverviewCsv(csv));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QByteArray csvBytes = csvFile.readAll();
        QVERIFY(csvBytes.startsWith("\xEF\xBB\xBF"));
        const QStringList csvLines
            = QString::fromUtf8(csvBytes.mid(3)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(csvLines.size(), 6);
        QVERIFY(csvLines.at(3).startsWith(QStringLiteral("C:00070;Phường Hoàn Kiếm;Đã tiếp nhận;")));
        QCOMPARE(csvLines.at(3).split(QLatin1Char(';')).at(personsColumn), persons);
        QCOMPARE(csvLines.at(5).split(QLatin1Char(';')).at(personsColumn), persons);

        const QString rollupPdf = province->directory.filePath(QStringLiteral("tong-hop.pdf"));
        QVERIFY(review->exportRollupPdf(rollupPdf));
        QFile rollupFile(rollupPdf);
        QVERIFY(rollupFile.open(QIODevice::ReadOnly));
        QVERIFY(rollupFile.read(5) == "%PDF-");

        // A commune's line opens its report in the list, where it is accepted or returned.
        review->overview()->setCurrentIndex(overview->index(2, 1));
        QTest::keyClick(review->overview(), Qt::Key_Return);
        QCOMPARE(review->views()->currentIndex(), 0);
        QCOMPARE(review->table()->currentIndex().row(), 0);
    }
};

QTEST_MAIN(tst_DatabaseSync)
#include "tst_databasesync.moc"
