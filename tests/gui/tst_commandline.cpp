// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop client's command line, run as a user or a launcher runs it: a real `mattranso` process.
#include <mts/buildinfo.h>

#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

namespace {

/// The environment of a machine with no display at all.
QProcessEnvironment headlessEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    return environment;
}

QString dataFile(const char *name)
{
    return QStringLiteral(MTS_GUI_TEST_DATA) + u'/' + QLatin1String(name);
}

} // namespace

class TestCommandLine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void versionNeedsNoDisplay_data();
    void versionNeedsNoDisplay();
    void helpNeedsNoDisplay();
    void rejectsUnknownOption();
    void rejectsHttpServer();
    void rejectsUnreadableCertificate();
    void savesServerAndCertificateBeforeWindowOpens();

private:
    /// Runs mattranso to completion with `arguments`; the window platform is offscreen.
    bool run(const QStringList &arguments, const QProcessEnvironment &environment = {});
    QString settingsValue(const QString &key) const
    {
        return QSettings(m_settingsFile, QSettings::IniFormat).value(key).toString();
    }

    std::unique_ptr<QTemporaryDir> m_directory;
    QString m_settingsFile;
    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
};

void TestCommandLine::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    m_settingsFile = m_directory->filePath(QStringLiteral("mattranso.ini"));
    m_process.setProgram(QStringLiteral(MTS_MATTRANSO));
}

void TestCommandLine::cleanup()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished();
    }
    m_directory.reset();
}

bool TestCommandLine::run(const QStringList &arguments, const QProcessEnvironment &environment)
{
    m_process.setArguments(arguments);
    QProcessEnvironment offscreen = QProcessEnvironment::systemEnvironment();
    offscreen.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    m_process.setProcessEnvironment(environment.isEmpty() ? offscreen : environment);
    m_process.start();
    if (!m_process.waitForFinished(30000))
        return false;
    m_stdout = m_process.readAllStandardOutput();
    m_stderr = m_process.readAllStandardError();
    return m_process.exitStatus() == QProcess::NormalExit;
}

void TestCommandLine::versionNeedsNoDisplay_data()
{
    QTest::addColumn<QString>("option");
    QTest::newRow("--version") << QStringLiteral("--version");
    QTest::newRow("-v") << QStringLiteral("-v");
}

void TestCommandLine::versionNeedsNoDisplay()
{
    QFETCH(QString, option);
    QVERIFY(run({ option }, headlessEnvironment()));
    QCOMPARE(m_process.exitCode(), 0);
    QCOMPARE(m_stdout,
        QByteArray("mattranso ") + mts::buildinfo::version + " (protocol "
            + QByteArray::number(mts::buildinfo::protocolVersion) + ")\n");
    QVERIFY(m_stderr.isEmpty());
}

void TestCommandLine::helpNeedsNoDisplay()
{
    QVERIFY(run({ QStringLiteral("--help") }, headlessEnvironment()));
    QCOMPARE(m_process.exitCode(), 0);
    QVERIFY(m_stdout.startsWith("Usage: mattranso"));
    for (const char *option : { "--server URL", "--trust-certificate FILE", "--settings FILE", "--version" })
        QVERIFY2(m_stdout.contains(option), option);
}

void TestCommandLine::rejectsUnknownOption()
{
    QVERIFY(run({ QStringLiteral("--settings"), m_settingsFile, QStringLiteral("--no-such-option") }));
    QCOMPARE(m_process.exitCode(), 2);
    QVERIFY(m_stderr.contains("no-such-option"));
    QVERIFY(m_stderr.contains("Usage: mattranso"));
}

void TestCommandLine::rejectsHttpServer()
{
    QVERIFY(run({ QStringLiteral("--settings"), m_settingsFile, QStringLiteral("--server"), QStringLiteral("http://x"),
        QStringLiteral("--trust-certificate"), dataFile("test-server.crt") }));
    QCOMPARE(m_process.exitCode(), 2);
    // Vietnamese, the default language, like everything else the user reads.
    QVERIFY2(QString::fromUtf8(m_stderr).contains(QStringLiteral("phải bắt đầu bằng https://")), m_stderr.constData());
    // Nothing is saved when any option is wrong.
    QVERIFY(settingsValue(QStringLiteral("server/url")).isEmpty());
    QVERIFY(settingsValue(QStringLiteral("server/pinnedCertificate")).isEmpty());
}

void TestCommandLine::rejectsUnreadableCertificate()
{
    QFile notPem(m_directory->filePath(QStringLiteral("not-a-certificate.pem")));
    QVERIFY(notPem.open(QIODevice::WriteOnly));
    notPem.write("hello\n");
    notPem.close();
    const QStringList serverOption { QStringLiteral("--server"), QStringLiteral("https://127.0.0.1:8443") };

    QVERIFY(run(QStringList { QStringLiteral("--settings"), m_settingsFile, QStringLiteral("--trust-certificate"),
                    m_directory->filePath(QStringLiteral("missing.pem")) }
        + serverOption));
    QCOMPARE(m_process.exitCode(), 2);
    QVERIFY2(m_stderr.contains("missing.pem"), m_stderr.constData());

    QVERIFY(run(QStringList { QStringLiteral("--settings"), m_settingsFile, QStringLiteral("--trust-certificate"),
                    notPem.fileName() }
        + serverOption));
    QCOMPARE(m_process.exitCode(), 2);
    QVERIFY2(QString::fromUtf8(m_stderr).contains(QStringLiteral("không chứa chứng chỉ")), m_stderr.constData());
    QVERIFY(settingsValue(QStringLiteral("server/url")).isEmpty());
}

void TestCommandLine::savesServerAndCertificateBeforeWindowOpens()
{
    QFile certificate(dataFile("test-server.crt"));
    QVERIFY(certificate.open(QIODevice::ReadOnly));
    const QByteArray pem = certificate.readAll();

    QProcessEnvironment offscreen = QProcessEnvironment::systemEnvironment();
    offscreen.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    m_process.setProcessEnvironment(offscreen);
    m_process.setArguments({ QStringLiteral("--settings"), m_settingsFile, QStringLiteral("--server"),
        QStringLiteral("https://127.0.0.1:1/"), QStringLiteral("--trust-certificate"), certificate.fileName() });
    m_process.start();
    QVERIFY(m_process.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(
        settingsValue(QStringLiteral("server/url")), QStringLiteral("https://127.0.0.1:1/"), 20000);
    QCOMPARE(
        QSettings(m_settingsFile, QSettings::IniFormat).value(QStringLiteral("server/pinnedCertificate")).toByteArray(),
        pem);
    // The window is open: the process keeps running until the user closes it.
    QCOMPARE(m_process.state(), QProcess::Running);
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
