// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverprocess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <csignal>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace mts::test {

ServerProcess::ServerProcess(QStringList extraArguments, QString dataDir)
    : m_dataDir(std::move(dataDir))
    , m_arguments(std::move(extraArguments))
{
    if (m_dataDir.isEmpty()) {
        m_ownedDir = std::make_unique<QTemporaryDir>();
        m_dataDir = m_ownedDir->filePath(QStringLiteral("data"));
    }
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(m_logDir.filePath(QStringLiteral("server.log")));
#ifdef Q_OS_LINUX
    // A test that aborts (a QFATAL, a crash) never runs the destructor below: the kernel ends the server with it,
    // so no orphaned server keeps a port and a data folder. (The signal follows the thread that started it; the
    // tests start servers from their main thread.)
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        terminate(5000);
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
}

QString ServerProcess::serverBinary()
{
    // MTS_TEST_SERVER_BINARY runs another build of the server (e.g. an optimised one for a benchmark).
    const QString override = qEnvironmentVariable("MTS_TEST_SERVER_BINARY");
    return override.isEmpty() ? QString::fromUtf8(MTS_SERVER_BINARY) : override;
}

QString ServerProcess::cliBinary()
{
    return QString::fromUtf8(MTS_CLI_BINARY);
}

bool ServerProcess::start(int timeoutMs)
{
    QStringList arguments { QStringLiteral("serve"), QStringLiteral("--data"), m_dataDir, QStringLiteral("--listen"),
        QStringLiteral("127.0.0.1:0") };
    arguments += m_arguments;
    m_process.start(serverBinary(), arguments);
    if (!m_process.waitForStarted(timeoutMs)) {
        m_startError = m_process.errorString().toUtf8();
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("listening on (https://\\S+)"));
    static const QRegularExpression fingerprint(QStringLiteral("certificate sha256: (\\S+)"));
    static const QRegularExpression certificatePath(QStringLiteral("certificate file: ([^\\n]+)"));
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const QString text = output();
        const auto match = listening.match(text);
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            m_fingerprint = fingerprint.match(text).captured(1);
            m_certificateFile = certificatePath.match(text).captured(1).trimmed();
            return true;
        }
        // Ended before it listened (a bad option, a busy database): the log says why.
        if (m_process.waitForFinished(20))
            return false;
    }
    return false;
}

int ServerProcess::terminate(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    ::kill(pid_t(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(timeoutMs))
        return -1;
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void ServerProcess::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_process.processId()), SIGKILL);
    m_process.waitForFinished(10000);
}

QString ServerProcess::certificateFile() const
{
    // The file the server says it uses (a configured one, or its self-signed one in the data folder).
    return m_certificateFile.isEmpty() ? QDir(m_dataDir).filePath(QStringLiteral("tls/server.crt")) : m_certificateFile;
}

QSslCertificate ServerProcess::certificate() const
{
    QFile file(certificateFile());
    if (!file.open(QIODevice::ReadOnly))
        return QSslCertificate();
    const auto certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    return certificates.value(0);
}

ServerProcess::CommandRun ServerProcess::command(const QString &dataDir, QStringList arguments, const QByteArray &input)
{
    arguments << QStringLiteral("--data") << dataDir;
    QProcess process;
    process.start(serverBinary(), arguments);
    process.write(input);
    process.closeWriteChannel();
    CommandRun run;
    const bool ended = process.waitForFinished(60000);
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    if (ended && process.exitStatus() == QProcess::NormalExit)
        run.exitCode = process.exitCode();
    return run;
}

QString ServerProcess::output()
{
    QFile log(m_logDir.filePath(QStringLiteral("server.log")));
    const QByteArray printed = log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
    return QString::fromUtf8(m_startError + printed);
}

} // namespace mts::test
