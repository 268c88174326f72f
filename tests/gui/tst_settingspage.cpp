// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/core/clientsettings.h"
#include "client/core/servercertificatepin.h"
#include "client/ui/certificatetrustdialog.h"
#include "client/ui/settingspage.h"
#include "client/ui/uilanguage.h"
#include "testserver.h"
#include <mts/buildinfo.h>

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace mts;
using mts::test::TestServer;

namespace {

/// What a successful check says, in Vietnamese, about a server of this build's version.
QString connectedMessage()
{
    return QStringLiteral("Đã kết nối tới máy chủ (phiên bản %1).").arg(QString::fromLatin1(mts::buildinfo::version));
}

const QString vietnameseHttpsMessage = QStringLiteral(
    "Địa chỉ máy chủ phải bắt đầu bằng https:// để kết nối được mã hóa, ví dụ https://mattranso.example.vn.");
const QString vietnameseInvalidMessage
    = QStringLiteral("Đây không phải là địa chỉ máy chủ hợp lệ. Hãy viết https:// rồi đến tên hoặc địa chỉ IP của máy "
                     "chủ, ví dụ https://mattranso.example.vn hoặc https://192.168.1.10:8443.");
const QString vietnameseEmptyMessage = QStringLiteral("Hãy nhập địa chỉ máy chủ, ví dụ https://mattranso.example.vn.");
// The fingerprint of tests/gui/data/test-server.crt, as `openssl x509 -fingerprint -sha256` prints it.
const QString testServerFingerprint = QStringLiteral("A8:66:73:B0:7C:2C:EC:C9:54:0B:AC:D0:46:AB:A9:35:5C:B7:4F:03:"
                                                     "CA:34:B2:2B:3A:6D:D0:2C:79:35:6D:E4");

} // namespace

class TestSettingsPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void showsSavedSettings();
    void validatesServerUrl_data();
    void validatesServerUrl();
    void savingServerUrlStoresItAndChecks();
    void untrustedCertificateCanBeTrusted();
    void cancellingLeavesCertificateUntrusted();
    void forgettingCertificateStopsTrustingIt();
    void expiredCertificateCannotBeTrusted();
    void languageIsSavedForNextStart();

private:
    void createPage();
    template <typename T>
    T *child(const QString &name) const
    {
        T *widget = m_page->findChild<T *>(name);
        if (!widget)
            qFatal("no child %s", qPrintable(name));
        return widget;
    }
    void typeServerUrl(const QString &text);
    CertificateTrustDialog *checkAndWaitForTrustDialog();

    UiLanguage m_language;
    std::unique_ptr<QTemporaryDir> m_directory;
    QString m_file;
    std::unique_ptr<ClientSettings> m_settings;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<SettingsPage> m_page;
};

void TestSettingsPage::initTestCase()
{
    QVERIFY(m_language.install(QStringLiteral("vi")));
}

void TestSettingsPage::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    m_file = m_directory->filePath(QStringLiteral("mattranso.ini"));
    m_settings = std::make_unique<ClientSettings>(m_file);
    m_network = std::make_unique<QNetworkAccessManager>();
}

void TestSettingsPage::cleanup()
{
    m_page.reset();
    m_network.reset();
    m_settings.reset();
    m_directory.reset();
}

void TestSettingsPage::createPage()
{
    m_page = std::make_unique<SettingsPage>(m_settings.get(), m_network.get());
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestSettingsPage::typeServerUrl(const QString &text)
{
    auto *url = child<QLineEdit>(QStringLiteral("serverUrl"));
    url->setFocus();
    url->selectAll();
    if (text.isEmpty())
        QTest::keyClick(url, Qt::Key_Delete);
    else
        QTest::keyClicks(url, text);
    QCOMPARE(url->text(), text);
}

CertificateTrustDialog *TestSettingsPage::checkAndWaitForTrustDialog()
{
    QTest::mouseClick(child<QPushButton>(QStringLiteral("checkConnectionButton")), Qt::LeftButton);
    // The caller verifies the result (QTRY_* cannot return a value from here).
    (void)QTest::qWaitFor([this] { return m_page->trustDialog() && m_page->trustDialog()->isVisible(); }, 10000);
    return m_page->trustDialog();
}

void TestSettingsPage::showsSavedSettings()
{
    m_settings->setServerUrl(QUrl(QStringLiteral("https://mattranso.example.vn:8443")));
    m_settings->setPinnedCertificatePem(TestServer::certificateFile(QStringLiteral("test-server")).toPem());
    createPage();
    QCOMPARE(
        child<QLineEdit>(QStringLiteral("serverUrl"))->text(), QStringLiteral("https://mattranso.example.vn:8443"));
    QVERIFY(!child<QLabel>(QStringLiteral("noPinnedCertificate"))->isVisible());
    QVERIFY(child<QWidget>(QStringLiteral("pinnedCertificate"))->isVisible());
    QCOMPARE(child<QLabel>(QStringLiteral("fingerprint"))->text().remove(u'\n'), testServerFingerprint);
    QVERIFY(child<QPushButton>(QStringLiteral("forgetCertificateButton"))->isEnabled());
    QCOMPARE(child<QComboBox>(QStringLiteral("languageCombo"))->currentText(), QStringLiteral("Tiếng Việt"));
}

void TestSettingsPage::validatesServerUrl_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("http") << QStringLiteral("http://x") << vietnameseHttpsMessage;
    QTest::newRow("no scheme") << QStringLiteral("mattranso.example.vn") << vietnameseHttpsMessage;
    QTest::newRow("ftp") << QStringLiteral("ftp://mattranso.example.vn") << vietnameseHttpsMessage;
    QTest::newRow("empty") << QString() << vietnameseEmptyMessage;
    QTest::newRow("no host") << QStringLiteral("https://") << vietnameseInvalidMessage;
    QTest::newRow("space in host") << QStringLiteral("https://matt ranso.vn") << vietnameseInvalidMessage;
    QTest::newRow("user info") << QStringLiteral("https://admin@mattranso.example.vn") << vietnameseInvalidMessage;
    QTest::newRow("name") << QStringLiteral("https://mattranso.example.vn") << QString();
    QTest::newRow("ip and port") << QStringLiteral("https://192.168.1.10:8443") << QString();
    QTest::newRow("path") << QStringLiteral("https://example.vn/mattranso/") << QString();
}

void TestSettingsPage::validatesServerUrl()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    createPage();
    typeServerUrl(text);
    auto *error = child<QLabel>(QStringLiteral("serverUrlError"));
    QCOMPARE(error->isVisible(), !message.isEmpty());
    if (!message.isEmpty())
        QCOMPARE(error->text(), message);
    QCOMPARE(child<QPushButton>(QStringLiteral("saveServerButton"))->isEnabled(), message.isEmpty());
    QCOMPARE(child<QPushButton>(QStringLiteral("checkConnectionButton"))->isEnabled(), message.isEmpty());
}

void TestSettingsPage::savingServerUrlStoresItAndChecks()
{
    createPage();
    QSignalSpy changed(m_page.get(), &SettingsPage::serverSettingsChanged);
    const QUrl refusing = TestServer::refusingUrl();
    typeServerUrl(refusing.toString());
    QTest::mouseClick(child<QPushButton>(QStringLiteral("saveServerButton")), Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(ClientSettings(m_file).serverUrl(), refusing);
    QVERIFY(m_page->isChecking());
    QCOMPARE(child<QLabel>(QStringLiteral("checkResult"))->text(), QStringLiteral("Đang kiểm tra kết nối…"));
    QVERIFY(!child<QPushButton>(QStringLiteral("checkConnectionButton"))->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isChecking(), 20000);
    QVERIFY(child<QPushButton>(QStringLiteral("checkConnectionButton"))->isEnabled());
    auto *result = child<QLabel>(QStringLiteral("checkResult"));
    QVERIFY(result->isVisible());
    QVERIFY(result->text().startsWith(QStringLiteral("Không kết nối được")));

    // The result was about the address as it was: editing it clears the result.
    QTest::keyClick(child<QLineEdit>(QStringLiteral("serverUrl")), Qt::Key_Backspace);
    QVERIFY(result->text().isEmpty());
    QVERIFY(!result->isVisible());
}

void TestSettingsPage::untrustedCertificateCanBeTrusted()
{
    TestServer server(QStringLiteral("test-server"));
    QVERIFY2(server.start(), qPrintable(server.output()));
    createPage();
    QVERIFY(child<QLabel>(QStringLiteral("noPinnedCertificate"))->isVisible());
    QVERIFY(!child<QPushButton>(QStringLiteral("forgetCertificateButton"))->isEnabled());
    typeServerUrl(server.url().toString());
    QSignalSpy changed(m_page.get(), &SettingsPage::serverSettingsChanged);

    CertificateTrustDialog *dialog = checkAndWaitForTrustDialog();
    QVERIFY(dialog);
    QVERIFY(child<QLabel>(QStringLiteral("checkResult"))->text().startsWith(QStringLiteral("Chứng chỉ bảo mật")));
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Tin cậy chứng chỉ của máy chủ?"));
    auto dialogLabel = [dialog](const char *name) { return dialog->findChild<QLabel *>(QLatin1String(name))->text(); };
    QCOMPARE(dialogLabel("subject"), QStringLiteral("Máy chủ thử nghiệm"));
    QCOMPARE(dialogLabel("issuer"), QStringLiteral("Máy chủ thử nghiệm (tự ký)"));
    QCOMPARE(dialogLabel("validFrom"), QStringLiteral("01/01/2025"));
    QCOMPARE(dialogLabel("validUntil"), QStringLiteral("31/12/2124"));
    QCOMPARE(dialogLabel("fingerprint").remove(u'\n'), testServerFingerprint);
    QCOMPARE(ServerCertificatePin::fingerprint(dialog->certificate()), testServerFingerprint);
    QVERIFY(dialogLabel("introduction").contains(server.url().toDisplayString()));

    // Cancel is the safe default; trusting takes a deliberate click.
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QPushButton *cancel = buttons->button(QDialogButtonBox::Cancel);
    QCOMPARE(cancel->text(), QStringLiteral("Hủy"));
    QVERIFY(cancel->isDefault());
    QCOMPARE(dialog->trustButton()->text(), QStringLiteral("Tin cậy chứng chỉ"));
    QVERIFY(dialog->trustButton()->isEnabled());
    QCOMPARE(changed.count(), 0);
    QVERIFY(m_settings->pinnedCertificatePem().isEmpty());

    QTest::mouseClick(dialog->trustButton(), Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    const ClientSettings saved(m_file);
    QCOMPARE(saved.pinnedCertificatePem(), server.certificate().toPem());
    QCOMPARE(saved.serverUrl(), server.url());
    QVERIFY(child<QWidget>(QStringLiteral("pinnedCertificate"))->isVisible());
    QVERIFY(!child<QLabel>(QStringLiteral("noPinnedCertificate"))->isVisible());
    QVERIFY(child<QPushButton>(QStringLiteral("forgetCertificateButton"))->isEnabled());
    // It checks again at once, now with the certificate trusted.
    QTRY_COMPARE(child<QLabel>(QStringLiteral("checkResult"))->text(), connectedMessage());
    QVERIFY(!m_page->trustDialog());
}

void TestSettingsPage::cancellingLeavesCertificateUntrusted()
{
    TestServer server(QStringLiteral("test-server"));
    QVERIFY2(server.start(), qPrintable(server.output()));
    m_settings->setServerUrl(server.url());
    createPage();
    QSignalSpy changed(m_page.get(), &SettingsPage::serverSettingsChanged);
    CertificateTrustDialog *dialog = checkAndWaitForTrustDialog();
    QVERIFY(dialog);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(!m_page->trustDialog());
    QCOMPARE(changed.count(), 0);
    QVERIFY(ClientSettings(m_file).pinnedCertificatePem().isEmpty());
    QVERIFY(child<QLabel>(QStringLiteral("noPinnedCertificate"))->isVisible());
    QCOMPARE(server.requestCount(), 0);
}

void TestSettingsPage::forgettingCertificateStopsTrustingIt()
{
    TestServer server(QStringLiteral("test-server"));
    QVERIFY2(server.start(), qPrintable(server.output()));
    m_settings->setServerUrl(server.url());
    m_settings->setPinnedCertificatePem(server.certificate().toPem());
    createPage();
    QTest::mouseClick(child<QPushButton>(QStringLiteral("checkConnectionButton")), Qt::LeftButton);
    QTRY_COMPARE(child<QLabel>(QStringLiteral("checkResult"))->text(), connectedMessage());

    QSignalSpy changed(m_page.get(), &SettingsPage::serverSettingsChanged);
    QTest::mouseClick(child<QPushButton>(QStringLiteral("forgetCertificateButton")), Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    QVERIFY(ClientSettings(m_file).pinnedCertificatePem().isEmpty());
    QVERIFY(child<QLabel>(QStringLiteral("noPinnedCertificate"))->isVisible());
    QVERIFY(!child<QPushButton>(QStringLiteral("forgetCertificateButton"))->isEnabled());
    QCOMPARE(child<QLabel>(QStringLiteral("checkResult"))->text(), QStringLiteral("Chứng chỉ không còn được tin cậy."));

    // The connection opened while the certificate was trusted must not be reused.
    CertificateTrustDialog *dialog = checkAndWaitForTrustDialog();
    QVERIFY(dialog);
    QCOMPARE(ServerCertificatePin::fingerprint(dialog->certificate()), testServerFingerprint);
}

void TestSettingsPage::expiredCertificateCannotBeTrusted()
{
    TestServer server(QStringLiteral("expired-server"));
    QVERIFY2(server.start(), qPrintable(server.output()));
    m_settings->setServerUrl(server.url());
    createPage();
    CertificateTrustDialog *dialog = checkAndWaitForTrustDialog();
    QVERIFY(dialog);
    QVERIFY(!dialog->trustButton()->isEnabled());
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("validUntil"))->text(), QStringLiteral("01/01/2021"));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("instruction"))
                ->text()
                .startsWith(QStringLiteral("Chứng chỉ này đã hết hạn")));
}

void TestSettingsPage::languageIsSavedForNextStart()
{
    createPage();
    auto *combo = child<QComboBox>(QStringLiteral("languageCombo"));
    QCOMPARE(combo->count(), 2);
    QCOMPARE(combo->itemText(0), QStringLiteral("Tiếng Việt"));
    QCOMPARE(combo->itemText(1), QStringLiteral("English"));
    QCOMPARE(child<QLabel>(QStringLiteral("languageNote"))->text(),
        QStringLiteral("Ngôn ngữ mới được áp dụng từ lần mở chương trình sau."));

    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(combo->currentText(), QStringLiteral("English"));
    QCOMPARE(ClientSettings(m_file).language(), QStringLiteral("en"));
    QTest::keyClick(combo, Qt::Key_Up);
    QCOMPARE(ClientSettings(m_file).language(), QStringLiteral("vi"));
}

QTEST_MAIN(TestSettingsPage)
#include "tst_settingspage.moc"
