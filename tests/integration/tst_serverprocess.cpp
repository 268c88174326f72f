// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/core/serverprobe.h"
#include "tests/support/serverprocess.h"
#include <mts/buildinfo.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <thread>

using mts::ServerStatus;
using mts::test::ServerProcess;

namespace {

ServerStatus probe(QNetworkAccessManager *network, const QUrl &url, const mts::ServerCertificatePin &pin)
{
    auto *job = new mts::ServerProbe(mts::ServerConnection(network, url, pin));
    QSignalSpy finished(job, &mts::ServerProbe::finished);
    job->start();
    if (!finished.wait(20000))
        return ServerStatus();
    return finished.takeFirst().at(0).value<ServerStatus>();
}

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

CliResult runCli(const QStringList &arguments, const QString &home)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Keep the CLI away from the user's real settings.
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home);
    process.setProcessEnvironment(env);
    process.start(ServerProcess::cliBinary(), arguments);
    if (!process.waitForFinished(30000))
        return {};
    return { process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

} // namespace

class tst_ServerProcess : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void healthAndVersionOverPinnedTls()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.output()));
        QCOMPARE(server.url().host(), QStringLiteral("127.0.0.1"));
        QVERIFY(server.port() > 0);
        const QSslCertificate certificate = server.certificate();
        QVERIFY(!certificate.isNull());
        QCOMPARE(mts::ServerCertificatePin::fingerprint(certificate), server.fingerprint());

        QNetworkAccessManager network;
        const ServerStatus status = probe(&network, server.url(), mts::ServerCertificatePin(certificate));
        QVERIFY2(status.isOk(), qPrintable(status.message + u' ' + status.detail));
        QCOMPARE(status.version.serverVersion, QString::fromLatin1(mts::buildinfo::version));
        QCOMPARE(status.version.protocolVersion, mts::buildinfo::protocolVersion);
        QCOMPARE(status.version.minimumClientVersion, QString::fromLatin1(mts::buildinfo::minimumClientVersion));

        // The raw answers, as any client sees them.
        mts::ServerConnection connection(&network, server.url(), mts::ServerCertificatePin(certificate));
        QNetworkReply *health = network.get(connection.request(QStringLiteral("/healthz")));
        QSignalSpy healthDone(health, &QNetworkReply::finished);
        QVERIFY(healthDone.wait(10000));
        QCOMPARE(health->error(), QNetworkReply::NoError);
        QCOMPARE(QJsonDocument::fromJson(health->readAll()).object().value(QLatin1String("status")).toString(),
            QStringLiteral("ok"));
        delete health;

        // Outside the API: 404 with the JSON error body. Inside it, without a token: 401, whatever the path.
        for (const auto &[path, status, code] : { std::tuple { QStringLiteral("/nothing-here"), 404, "not_found" },
                 std::tuple { QStringLiteral("/api/v1/nothing-here"), 401, "unauthorized" } }) {
            QNetworkReply *missing = network.get(connection.request(path));
            QSignalSpy missingDone(missing, &QNetworkReply::finished);
            QVERIFY(missingDone.wait(10000));
            QCOMPARE(missing->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), status);
            const QJsonObject error = QJsonDocument::fromJson(missing->readAll()).object();
            QCOMPARE(error.value(QLatin1String("code")).toString(), QLatin1String(code));
            QVERIFY(error.contains(QLatin1String("message")));
            delete missing;
        }

        QCOMPARE(server.terminate(), 0);
    }

    void untrustedCertificateIsRefused()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.output()));
        // A fresh network manager: QNAM pools connections across TLS configurations.
        QNetworkAccessManager network;
        const ServerStatus status = probe(&network, server.url(), mts::ServerCertificatePin());
        QCOMPARE(status.error, ServerStatus::Error::TlsUntrusted);
        QVERIFY(!status.message.isEmpty());
        // The client can show the user the certificate to confirm, and it is the server's.
        QCOMPARE(mts::ServerCertificatePin::fingerprint(status.peerCertificate), server.fingerprint());

        // Pinning another server's certificate does not make this one trusted.
        ServerProcess other;
        QVERIFY2(other.start(), qPrintable(other.output()));
        QNetworkAccessManager network2;
        const ServerStatus wrongPin = probe(&network2, server.url(), mts::ServerCertificatePin(other.certificate()));
        QCOMPARE(wrongPin.error, ServerStatus::Error::TlsUntrusted);
    }

    void plainHttpAndBadUrlsAreRefused()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.output()));
        QNetworkAccessManager network;
        QUrl http = server.url();
        http.setScheme(QStringLiteral("http"));
        QCOMPARE(probe(&network, http, mts::ServerCertificatePin(server.certificate())).error,
            ServerStatus::Error::InvalidUrl);
        QUrl closedPort = server.url();
        closedPort.setPort(1);
        QCOMPARE(probe(&network, closedPort, mts::ServerCertificatePin(server.certificate())).error,
            ServerStatus::Error::Unreachable);
    }

    void cliStatus()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.output()));
        QTemporaryDir home;
        const CliResult trusted
            = runCli({ QStringLiteral("status"), QStringLiteral("--server"), server.url().toString(),
                         QStringLiteral("--ca"), server.certificateFile() },
                home.path());
        QCOMPARE(trusted.exitCode, 0);
        QVERIFY2(trusted.out.contains(QStringLiteral("status: ok")), qPrintable(trusted.out + trusted.err));
        QVERIFY(
            trusted.out.contains(QStringLiteral("server_version: ") + QString::fromLatin1(mts::buildinfo::version)));
        QVERIFY(trusted.out.contains(QStringLiteral("protocol_version: 1")));

        const CliResult untrusted
            = runCli({ QStringLiteral("status"), QStringLiteral("--server"), server.url().toString() }, home.path());
        QCOMPARE(untrusted.exitCode, 1);
        QVERIFY(untrusted.out.contains(QStringLiteral("status: tls-untrusted")));
        QVERIFY(untrusted.err.contains(server.fingerprint()));

        const CliResult version = runCli({ QStringLiteral("--version") }, home.path());
        QCOMPARE(version.exitCode, 0);
        QVERIFY(
            version.out.startsWith(QStringLiteral("mattranso-cli ") + QString::fromLatin1(mts::buildinfo::version)));

        const CliResult wrong = runCli({ QStringLiteral("frobnicate") }, home.path());
        QCOMPARE(wrong.exitCode, 2);
    }

    void restartKeepsDataAndCertificate()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QString firstFingerprint;
        {
            ServerProcess server({ QStringLiteral("--demo") }, data);
            QVERIFY2(server.start(), qPrintable(server.output()));
            firstFingerprint = server.fingerprint();
            QVERIFY(server.output().contains(QStringLiteral("demo data: 12 new rows")));
            QCOMPARE(server.terminate(), 0);
            QVERIFY2(server.output().contains(QStringLiteral("stopped")), qPrintable(server.output()));
        }
        ServerProcess again({ QStringLiteral("--demo") }, data);
        QVERIFY2(again.start(), qPrintable(again.output()));
        QCOMPARE(again.fingerprint(), firstFingerprint);
        QVERIFY(again.output().contains(QStringLiteral("demo data: 0 new rows")));
    }

    void refusesNewerDatabase()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        {
            ServerProcess server({}, data);
            QVERIFY2(server.start(), qPrintable(server.output()));
            QCOMPARE(server.terminate(), 0);
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
            db.setDatabaseName(data + QStringLiteral("/server.sqlite"));
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 999"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bump"));
        ServerProcess server({}, data);
        QVERIFY(!server.start(10000));
        QCOMPARE(server.terminate(), 1);
        QVERIFY2(server.output().contains(QStringLiteral("newer than this server")), qPrintable(server.output()));
    }

    void badConfigurationIsExplained()
    {
        ServerProcess server({ QStringLiteral("--max-body-bytes"), QStringLiteral("lots") });
        QVERIFY(!server.start(10000));
        QCOMPARE(server.terminate(), 2);
        QVERIFY2(server.output().contains(QStringLiteral("--max-body-bytes")), qPrintable(server.output()));
    }

    // A test that dies without its destructors (a QFATAL, a crash) must not leave its server running. The kernel
    // ends the server when the thread that started it ends, as it does when the whole test process does: shown
    // with a thread that starts a server and ends without stopping it.
    void serverEndsWithTheThreadThatStartedIt()
    {
        qint64 pid = 0;
        std::thread starter([&pid] {
            auto *server = new ServerProcess(); // left running on purpose: nobody stops it
            if (server->start(30000))
                pid = server->pid();
        });
        starter.join();
        QVERIFY(pid > 0);
        // Ended (a zombie until reaped, or gone) within a few seconds.
        const auto ended = [pid] {
            QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
            if (!stat.open(QIODevice::ReadOnly))
                return true;
            const QByteArray line = stat.readAll();
            return line.mid(line.lastIndexOf(')') + 2, 1) == "Z";
        };
        QTRY_VERIFY_WITH_TIMEOUT(ended(), 10000);
    }
};

QTEST_GUILESS_MAIN(tst_ServerProcess)
#include "tst_serverprocess.moc"
