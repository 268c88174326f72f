// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QSslCertificate>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace mts::test {

/// The real `mattranso-server` as a child process on an ephemeral loopback port, with its own data folder
/// (a fresh temporary one unless given). Stopped with SIGTERM when destroyed.
///
/// What the server prints goes to a file, not a pipe: a test that spends minutes in other processes' waits never
/// reads a pipe, and a server that logs every request would block in write() once its 64 KB were full, every
/// request with it.
class ServerProcess {
public:
    explicit ServerProcess(QStringList extraArguments = {}, QString dataDir = {});
    ~ServerProcess();

    /// Starts the server and waits until it prints its address; false (with output() saying why) otherwise.
    bool start(int timeoutMs = 20000);
    /// SIGTERM, then waits; returns the exit code, or -1 if it did not exit in time or crashed.
    int terminate(int timeoutMs = 10000);
    /// Kills the server with SIGKILL (no clean-up runs, as in a power cut of the process) and waits for it.
    void kill();

    QUrl url() const { return m_url; }
    quint16 port() const { return quint16(m_url.port()); }
    QString dataDir() const { return m_dataDir; }
    QString certificateFile() const;
    QSslCertificate certificate() const;
    QString fingerprint() const { return m_fingerprint; }
    qint64 pid() const { return m_process.processId(); }
    /// Everything the server printed so far (stdout and stderr).
    QString output();

    /// What an administration command printed, and how it ended (-1: it crashed or did not end within a minute).
    struct CommandRun {
        int exitCode = -1;
        QString out;
        QString err;
    };
    /// Runs an administration command of the server binary (`user add …`, `keys rotate`) on the data folder
    /// `dataDir`, as an administrator would, with `input` on its standard input (a password).
    static CommandRun command(const QString &dataDir, QStringList arguments, const QByteArray &input = {});
    /// command() on this server's data folder, while it serves.
    CommandRun admin(const QStringList &arguments, const QByteArray &input = {}) const
    {
        return command(m_dataDir, arguments, input);
    }

    /// The arguments to run the CLI and the server binary (from the build tree).
    static QString serverBinary();
    static QString cliBinary();

private:
    std::unique_ptr<QTemporaryDir> m_ownedDir;
    QTemporaryDir m_logDir;
    QString m_dataDir;
    QStringList m_arguments;
    QProcess m_process;
    /// Where the process failed to start, if it did; the rest of output() is the log file.
    QByteArray m_startError;
    QUrl m_url;
    QString m_fingerprint;
    QString m_certificateFile;
};

} // namespace mts::test
