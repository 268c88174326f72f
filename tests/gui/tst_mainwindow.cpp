// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/core/clientsettings.h"
#include "client/core/servercertificatepin.h"
#include "client/core/servermonitor.h"
#include "client/ui/mainwindow.h"
#include "client/ui/modulepage.h"
#include "client/ui/registriespage.h"
#include "client/ui/settingspage.h"
#include "client/ui/uilanguage.h"
#include "testserver.h"
#include <mts/buildinfo.h>

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QTimer>

#include <memory>

using namespace mts;
using mts::test::TestServer;

namespace {

/// What a successful check says, in Vietnamese, about a server of this build's version.
QString connectedMessage()
{
    return QStringLiteral("Đã kết nối tới máy chủ (phiên bản %1).").arg(QString::fromLatin1(mts::buildinfo::version));
}

QStringList actionTexts(const QMenu *menu)
{
    QStringList texts;
    for (const QAction *action : menu->actions()) {
        if (!action->isSeparator())
            texts << action->text().section(u'\t', 0, 0); // without the shortcut Qt appends after a tab
    }
    return texts;
}

/// Opens `widget`'s context menu the way a right click does and returns its entries.
QStringList contextMenuTexts(QWidget *widget)
{
    QStringList texts;
    // Widgets that run the menu with exec() block here: read it from inside that event loop.
    QObject guard;
    QTimer::singleShot(0, &guard, [&texts] {
        if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
            texts = actionTexts(menu);
            menu->close();
        }
    });
    const QPoint position = widget->rect().center();
    QContextMenuEvent event(QContextMenuEvent::Mouse, position, widget->mapToGlobal(position));
    QApplication::sendEvent(widget, &event);
    // Widgets that use popup() return at once, with the menu open.
    if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
        texts = actionTexts(menu);
        menu->close();
    }
    return texts;
}

const QStringList pageNames { QStringLiteral("database"), QStringLiteral("feedback"), QStringLiteral("library"),
    QStringLiteral("assistant"), QStringLiteral("congress"), QStringLiteral("reconciliation"),
    QStringLiteral("settings") };
const QStringList vietnameseTitles { QStringLiteral("Cơ sở dữ liệu"), QStringLiteral("Phản ánh kiến nghị"),
    QStringLiteral("Thư viện số"), QStringLiteral("Trợ lý ảo"), QStringLiteral("Đại hội"), QStringLiteral("Đối soát"),
    QStringLiteral("Cài đặt") };

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void opensInVietnamese();
    void modulePagesSayTheyAreNotAvailable();
    void clickingNavigationShowsPage_data();
    void clickingNavigationShowsPage();
    void shortcutShowsPage_data();
    void shortcutShowsPage();
    void navigationWorksWithKeyboard();
    void statusBarShowsUserAndPendingChanges();
    void statusBarShowsUnreachableServer();
    void statusBarShowsConnectedServer();
    void statusBarShowsUntrustedCertificate();
    void savingServerUrlRepointsMonitor();
    void settingsRejectsHttpUrl();
    void geometryIsRemembered();
    void standardButtonsAreVietnamese_data();
    void standardButtonsAreVietnamese();
    void messageBoxIsVietnamese();
    void lineEditContextMenuIsVietnamese();
    void textEditContextMenuIsVietnamese();

private:
    void createWindow();
    void showWindow();
    QListWidget *navigation() const { return m_window->findChild<QListWidget *>(QStringLiteral("navigation")); }
    QStackedWidget *pages() const { return m_window->findChild<QStackedWidget *>(QStringLiteral("pages")); }
    QLabel *statusLabel(const QString &name) const { return m_window->findChild<QLabel *>(name); }

    UiLanguage m_language;
    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<ClientSettings> m_settings;
    std::unique_ptr<QSettings> m_windowState;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_language.install(QStringLiteral("vi")));
}

void TestMainWindow::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    const QString file = m_directory->filePath(QStringLiteral("mattranso.ini"));
    m_settings = std::make_unique<ClientSettings>(file);
    m_windowState = std::make_unique<QSettings>(file, QSettings::IniFormat);
    // Never the default address: something may listen there on a developer's machine.
    m_settings->setServerUrl(TestServer::refusingUrl());
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_windowState.reset();
    m_settings.reset();
    m_directory.reset();
}

void TestMainWindow::createWindow()
{
    m_window = std::make_unique<MainWindow>(m_settings.get(), m_windowState.get());
}

void TestMainWindow::showWindow()
{
    createWindow();
    m_window->show();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestMainWindow::opensInVietnamese()
{
    createWindow();
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Mặt trận số"));
    QListWidget *list = navigation();
    QVERIFY(list);
    QStringList texts;
    for (int row = 0; row < list->count(); ++row)
        texts << list->item(row)->text();
    QCOMPARE(texts, vietnameseTitles);
    QCOMPARE(pages()->count(), vietnameseTitles.size());
    QCOMPARE(pages()->currentWidget()->objectName(), QStringLiteral("database"));
}

void TestMainWindow::modulePagesSayTheyAreNotAvailable()
{
    createWindow();
    // The database application is there: its registries page, empty until someone signs in.
    auto *database = pages()->widget(0)->findChild<RegistriesPage *>();
    QVERIFY(database);
    QCOMPARE(database->findChild<QLabel *>(QStringLiteral("count"))->text(),
        QStringLiteral("Hãy đăng nhập để xem các danh mục."));
    QVERIFY(!database->searchBox()->isEnabled());
    for (int index = 1; index < pages()->count() - 1; ++index) {
        auto *page = qobject_cast<ModulePage *>(pages()->widget(index));
        QVERIFY2(page, qPrintable(pages()->widget(index)->objectName()));
        QCOMPARE(page->title(), vietnameseTitles.at(index));
        QVERIFY(!page->description().isEmpty());
        auto *availability = page->findChild<QLabel *>(QStringLiteral("availability"));
        QVERIFY(availability);
        QCOMPARE(availability->text(), QStringLiteral("Phần này chưa có trong phiên bản này."));
    }
}

void TestMainWindow::clickingNavigationShowsPage_data()
{
    QTest::addColumn<int>("row");
    for (int row = 0; row < pageNames.size(); ++row)
        QTest::newRow(qPrintable(pageNames.at(row))) << row;
}

void TestMainWindow::clickingNavigationShowsPage()
{
    QFETCH(int, row);
    showWindow();
    // Start elsewhere, so that the click has to change the page.
    m_window->showPage(row == 0 ? MainWindow::Page::Settings : MainWindow::Page::Database);
    QVERIFY(pages()->currentWidget()->objectName() != pageNames.at(row));

    QListWidget *list = navigation();
    const QRect rect = list->visualItemRect(list->item(row));
    QVERIFY(!rect.isEmpty());
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(pages()->currentWidget()->objectName(), pageNames.at(row));
    QCOMPARE(list->currentRow(), row);
    QCOMPARE(static_cast<int>(m_window->currentPage()), row);
}

void TestMainWindow::shortcutShowsPage_data()
{
    QTest::addColumn<int>("row");
    for (int row = 0; row < pageNames.size(); ++row)
        QTest::newRow(qPrintable(QStringLiteral("Ctrl+%1 %2").arg(row + 1).arg(pageNames.at(row)))) << row;
}

void TestMainWindow::shortcutShowsPage()
{
    QFETCH(int, row);
    showWindow();
    m_window->showPage(row == 0 ? MainWindow::Page::Settings : MainWindow::Page::Database);
    QTest::keyClick(m_window.get(), Qt::Key(Qt::Key_1 + row), Qt::ControlModifier);
    QCOMPARE(pages()->currentWidget()->objectName(), pageNames.at(row));
    QCOMPARE(navigation()->currentRow(), row);
}

void TestMainWindow::navigationWorksWithKeyboard()
{
    showWindow();
    QListWidget *list = navigation();
    QCOMPARE(QApplication::focusWidget(), list);
    QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(pages()->currentWidget()->objectName(), QStringLiteral("feedback"));
    QTest::keyClick(list, Qt::Key_End);
    QCOMPARE(pages()->currentWidget()->objectName(), QStringLiteral("settings"));

    // From the navigation, Tab enters the page: on the settings page, its first field.
    QTest::keyClick(list, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), m_window->findChild<QLineEdit *>(QStringLiteral("serverUrl")));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
    QCOMPARE(QApplication::focusWidget(), list);
}

void TestMainWindow::statusBarShowsUserAndPendingChanges()
{
    createWindow();
    QCOMPARE(statusLabel(QStringLiteral("userStatus"))->text(), QStringLiteral("Chưa đăng nhập"));
    QLabel *pending = statusLabel(QStringLiteral("pendingChanges"));
    QCOMPARE(pending->text(), QStringLiteral("Chờ đồng bộ: 0"));
    m_window->setPendingChangeCount(12);
    QCOMPARE(pending->text(), QStringLiteral("Chờ đồng bộ: 12"));
    QCOMPARE(m_window->pendingChangeCount(), 12);
}

void TestMainWindow::statusBarShowsUnreachableServer()
{
    createWindow();
    QLabel *server = statusLabel(QStringLiteral("serverStatus"));
    QCOMPARE(server->text(), QStringLiteral("Máy chủ: đang kiểm tra…"));
    QTRY_COMPARE(server->text(), QStringLiteral("Máy chủ: không kết nối được"));
    // The tooltip carries the probe's own explanation, translated too.
    QCOMPARE(server->toolTip(),
        QStringLiteral("Không kết nối được tới máy chủ. Hãy kiểm tra kết nối mạng và địa chỉ máy chủ; bạn vẫn có "
                       "thể tiếp tục làm việc khi không có mạng."));
}

void TestMainWindow::statusBarShowsConnectedServer()
{
    TestServer server(QStringLiteral("test-server"));
    QVERIFY2(server.start(), qPrintable(server.output()));
    m_settings->setServerUrl(server.url());
    m_settings->setPinnedCertificatePem(server.certificate().toPem());
    createWindow();
    QLabel *status = statusLabel(QStringLiteral("serverStatus"));
    QTRY_COMPARE(status->text(), QStringLiteral("Máy chủ: đã kết nối"));
    QCOMPARE(status->toolTip(), connectedMessage());
    // /healthz and /api/v1/version, as the server's request log tells (it arrives after the answers).
    QTRY_VERIFY2(server.requestCount() >= 2, qPrintable(server.output()));
}

void TestMainWindow::statusBarShowsUntrustedCertificate()
{
    TestServer server(QStringLiteral("test-server"));
    QVERIFY2(server.start(), qPrintable(server.output()));
    m_settings->setServerUrl(server.url());
    createWindow();
    QTRY_COMPARE(
        statusLabel(QStringLiteral("serverStatus"))->text(), QStringLiteral("Máy chủ: chứng chỉ chưa được tin cậy"));
    // The untrusted server never saw a request: the handshake failed first.
    QCOMPARE(server.requestCount(), 0);
}

void TestMainWindow::savingServerUrlRepointsMonitor()
{
    TestServer server(QStringLiteral("test-server"));
    QVERIFY2(server.start(), qPrintable(server.output()));
    m_settings->setPinnedCertificatePem(server.certificate().toPem());
    showWindow();
    QLabel *status = statusLabel(QStringLiteral("serverStatus"));
    QTRY_COMPARE(status->text(), QStringLiteral("Máy chủ: không kết nối được"));

    QTest::keyClick(m_window.get(), Qt::Key_7, Qt::ControlModifier);
    auto *url = m_window->findChild<QLineEdit *>(QStringLiteral("serverUrl"));
    url->setFocus();
    url->selectAll();
    QTest::keyClicks(url, server.url().toString());
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("saveServerButton")), Qt::LeftButton);
    QCOMPARE(m_settings->serverUrl(), server.url());
    QTRY_COMPARE(status->text(), QStringLiteral("Máy chủ: đã kết nối"));
}

void TestMainWindow::settingsRejectsHttpUrl()
{
    showWindow();
    const QUrl saved = m_settings->serverUrl();
    QTest::keyClick(m_window.get(), Qt::Key_7, Qt::ControlModifier);
    auto *url = m_window->findChild<QLineEdit *>(QStringLiteral("serverUrl"));
    auto *error = m_window->findChild<QLabel *>(QStringLiteral("serverUrlError"));
    auto *save = m_window->findChild<QPushButton *>(QStringLiteral("saveServerButton"));
    QVERIFY(url && error && save);
    QVERIFY(!error->isVisible());
    QVERIFY(save->isEnabled());

    QTest::mouseClick(url, Qt::LeftButton);
    url->selectAll();
    QTest::keyClicks(url, QStringLiteral("http://x"));
    QCOMPARE(url->text(), QStringLiteral("http://x"));
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(),
        QStringLiteral("Địa chỉ máy chủ phải bắt đầu bằng https:// để kết nối được mã hóa, ví dụ "
                       "https://mattranso.example.vn."));
    QVERIFY(!save->isEnabled());
    QTest::keyClick(url, Qt::Key_Return);
    QCOMPARE(m_settings->serverUrl(), saved);
}

void TestMainWindow::geometryIsRemembered()
{
    showWindow();
    m_window->resize(911, 577);
    QTRY_COMPARE(m_window->size(), QSize(911, 577));
    m_window->close();
    m_window.reset();

    createWindow();
    QCOMPARE(m_window->size(), QSize(911, 577));
}

void TestMainWindow::standardButtonsAreVietnamese_data()
{
    QTest::addColumn<QDialogButtonBox::StandardButton>("button");
    QTest::addColumn<QString>("text");
    QTest::newRow("Ok") << QDialogButtonBox::Ok << QStringLiteral("Đồng ý");
    QTest::newRow("Cancel") << QDialogButtonBox::Cancel << QStringLiteral("Hủy");
    QTest::newRow("Save") << QDialogButtonBox::Save << QStringLiteral("Lưu");
    QTest::newRow("Close") << QDialogButtonBox::Close << QStringLiteral("Đóng");
    QTest::newRow("Yes") << QDialogButtonBox::Yes << QStringLiteral("&Có");
    QTest::newRow("No") << QDialogButtonBox::No << QStringLiteral("&Không");
    QTest::newRow("Apply") << QDialogButtonBox::Apply << QStringLiteral("Áp dụng");
    QTest::newRow("Discard") << QDialogButtonBox::Discard << QStringLiteral("Bỏ thay đổi");
    QTest::newRow("Help") << QDialogButtonBox::Help << QStringLiteral("Trợ giúp");
    QTest::newRow("RestoreDefaults") << QDialogButtonBox::RestoreDefaults << QStringLiteral("Khôi phục mặc định");
}

void TestMainWindow::standardButtonsAreVietnamese()
{
    QFETCH(QDialogButtonBox::StandardButton, button);
    QFETCH(QString, text);
    QDialogButtonBox box(button);
    QVERIFY(box.button(button));
    QCOMPARE(box.button(button)->text(), text);
}

void TestMainWindow::messageBoxIsVietnamese()
{
    QMessageBox box(QMessageBox::Question, QStringLiteral("x"), QStringLiteral("y"),
        QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel);
    QCOMPARE(box.button(QMessageBox::Yes)->text(), QStringLiteral("&Có"));
    QCOMPARE(box.button(QMessageBox::No)->text(), QStringLiteral("&Không"));
    QCOMPARE(box.button(QMessageBox::Cancel)->text(), QStringLiteral("Hủy"));

    box.setDetailedText(QStringLiteral("chi tiết"));
    box.show();
    QVERIFY(QTest::qWaitForWindowExposed(&box));
    QAbstractButton *details = nullptr;
    for (QAbstractButton *button : box.buttons()) {
        if (box.buttonRole(button) == QMessageBox::ActionRole)
            details = button;
    }
    QVERIFY(details);
    QCOMPARE(details->text(), QStringLiteral("Hiện chi tiết..."));
    QTest::mouseClick(details, Qt::LeftButton);
    QCOMPARE(details->text(), QStringLiteral("Ẩn chi tiết..."));
}

void TestMainWindow::lineEditContextMenuIsVietnamese()
{
    showWindow();
    m_window->showPage(MainWindow::Page::Settings);
    auto *url = m_window->findChild<QLineEdit *>(QStringLiteral("serverUrl"));
    QCOMPARE(contextMenuTexts(url),
        (QStringList { QStringLiteral("&Hoàn tác"), QStringLiteral("&Làm lại"), QStringLiteral("&Cắt"),
            QStringLiteral("&Sao chép"), QStringLiteral("&Dán"), QStringLiteral("Xóa"),
            QStringLiteral("Chọn tất cả") }));
}

void TestMainWindow::textEditContextMenuIsVietnamese()
{
    // Multi-line text fields (QWidgetTextControl) have their own copy of the menu strings.
    QTextEdit edit;
    edit.setPlainText(QStringLiteral("Ghi chú"));
    edit.show();
    QVERIFY(QTest::qWaitForWindowExposed(&edit));
    QCOMPARE(contextMenuTexts(edit.viewport()),
        (QStringList { QStringLiteral("&Hoàn tác"), QStringLiteral("&Làm lại"), QStringLiteral("&Cắt"),
            QStringLiteral("&Sao chép"), QStringLiteral("&Dán"), QStringLiteral("Xóa"),
            QStringLiteral("Chọn tất cả") }));
    edit.setReadOnly(true);
    QCOMPARE(contextMenuTexts(edit.viewport()),
        (QStringList { QStringLiteral("&Sao chép"), QStringLiteral("Chọn tất cả") }));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
