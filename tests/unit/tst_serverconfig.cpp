// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/serverconfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using mts::ServerConfig;

class tst_ServerConfig : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString writeConfig(const QByteArray &contents)
    {
        const QString path = m_dir.filePath(QStringLiteral("server.conf"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(contents);
        return path;
    }

private Q_SLOTS:
    void defaults()
    {
        const auto config = ServerConfig::load({ { QStringLiteral("data"), QStringLiteral("/tmp/d") } }, {});
        QVERIFY(config.isOk());
        QCOMPARE(config.value().dataDir, QStringLiteral("/tmp/d"));
        QCOMPARE(config.value().listenAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(config.value().port, quint16(8443));
        QCOMPARE(config.value().maxBodyBytes, qint64(16 * 1024 * 1024));
        QCOMPARE(config.value().auditCheckpointSeconds, 3600);
        QCOMPARE(config.value().blobSessionHours, 72);
    }

    void blobSessionHours()
    {
        const QString file = writeConfig("[server]\ndata = /d\nblob_session_hours = 24\n");
        const auto fromFile = ServerConfig::load({ { QStringLiteral("config"), file } }, {});
        QVERIFY2(fromFile.isOk(), qPrintable(fromFile.isOk() ? QString() : fromFile.error().message));
        QCOMPARE(fromFile.value().blobSessionHours, 24);
        QProcessEnvironment env;
        env.insert(QStringLiteral("MTS_SERVER_BLOB_SESSION_HOURS"), QStringLiteral("1"));
        const auto fromEnvironment = ServerConfig::load({ { QStringLiteral("config"), file } }, env);
        QVERIFY(fromEnvironment.isOk());
        QCOMPARE(fromEnvironment.value().blobSessionHours, 1);
    }

    void auditCheckpointSeconds()
    {
        const QString file = writeConfig("[server]\ndata = /d\naudit_checkpoint_seconds = 0\n");
        const auto off = ServerConfig::load({ { QStringLiteral("config"), file } }, {});
        QVERIFY2(off.isOk(), qPrintable(off.isOk() ? QString() : off.error().message));
        QCOMPARE(off.value().auditCheckpointSeconds, 0);
        QProcessEnvironment env;
        env.insert(QStringLiteral("MTS_SERVER_AUDIT_CHECKPOINT_SECONDS"), QStringLiteral("600"));
        const auto fromEnvironment = ServerConfig::load({ { QStringLiteral("config"), file } }, env);
        QVERIFY(fromEnvironment.isOk());
        QCOMPARE(fromEnvironment.value().auditCheckpointSeconds, 600);
    }

    void precedence()
    {
        const QString file = writeConfig("[server]\ndata = /from/file\nlisten = 0.0.0.0:9000\nmax_body_bytes = 4096\n"
                                         "log_rules = mts.*.debug=true,qt.*=false\n");
        QProcessEnvironment env;
        env.insert(QStringLiteral("MTS_SERVER_CONFIG"), file);
        env.insert(QStringLiteral("MTS_SERVER_LISTEN"), QStringLiteral("127.0.0.1:9100"));
        env.insert(QStringLiteral("MTS_SERVER_MAX_BODY_BYTES"), QStringLiteral("8192"));
        const QHash<QString, QString> flags { { QStringLiteral("max_body_bytes"), QStringLiteral("16384") } };
        const auto config = ServerConfig::load(flags, env);
        QVERIFY2(config.isOk(), qPrintable(config.isOk() ? QString() : config.error().message));
        QCOMPARE(config.value().dataDir, QStringLiteral("/from/file")); // file only
        QCOMPARE(config.value().port, quint16(9100)); // environment beats file
        QCOMPARE(config.value().maxBodyBytes, qint64(16384)); // flag beats environment
        QCOMPARE(config.value().logRules, QStringLiteral("mts.*.debug=true,qt.*=false"));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("flagKey");
        QTest::addColumn<QString>("flagValue");
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("mentions");
        using E = ServerConfig::Error;
        QTest::newRow("no data") << QByteArray() << QString() << QString() << int(E::Missing)
                                 << QStringLiteral("--data");
        QTest::newRow("bad listen flag") << QByteArray("[server]\ndata=/d\n") << QStringLiteral("listen")
                                         << QStringLiteral("localhost") << int(E::BadValue)
                                         << QStringLiteral("option --listen");
        QTest::newRow("bad port") << QByteArray("[server]\ndata=/d\nlisten=1.2.3.4:70000\n") << QString() << QString()
                                  << int(E::BadValue) << QStringLiteral("server.conf");
        QTest::newRow("tiny body limit") << QByteArray("[server]\ndata=/d\n") << QStringLiteral("max_body_bytes")
                                         << QStringLiteral("10") << int(E::BadValue)
                                         << QStringLiteral("--max-body-bytes");
        QTest::newRow("unknown key") << QByteArray("[server]\ndata=/d\nlisten_port=1\n") << QString() << QString()
                                     << int(E::BadValue) << QStringLiteral("listen_port");
        QTest::newRow("negative checkpoint interval")
            << QByteArray("[server]\ndata=/d\naudit_checkpoint_seconds=-5\n") << QString() << QString()
            << int(E::BadValue) << QStringLiteral("audit_checkpoint_seconds");
        QTest::newRow("checkpoint interval over a week")
            << QByteArray("[server]\ndata=/d\naudit_checkpoint_seconds=999999999\n") << QString() << QString()
            << int(E::BadValue) << QStringLiteral("a week");
        QTest::newRow("sessions that never expire")
            << QByteArray("[server]\ndata=/d\nblob_session_hours=0\n") << QString() << QString() << int(E::BadValue)
            << QStringLiteral("blob_session_hours '0' is not a number of hours from 1 to 8760");
        QTest::newRow("sessions over a year") << QByteArray("[server]\ndata=/d\nblob_session_hours=9000\n") << QString()
                                              << QString() << int(E::BadValue) << QStringLiteral("a year");
        QTest::newRow("sessions in days") << QByteArray("[server]\ndata=/d\nblob_session_hours=3d\n") << QString()
                                          << QString() << int(E::BadValue) << QStringLiteral("blob_session_hours");
        QTest::newRow("half tls") << QByteArray("[server]\ndata=/d\ntls_certificate=/c.pem\n") << QString() << QString()
                                  << int(E::Missing) << QStringLiteral("tls_key");
    }

    void errors()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, flagKey);
        QFETCH(QString, flagValue);
        QFETCH(int, error);
        QFETCH(QString, mentions);
        QHash<QString, QString> flags;
        if (!file.isEmpty())
            flags.insert(QStringLiteral("config"), writeConfig(file));
        if (!flagKey.isEmpty())
            flags.insert(flagKey, flagValue);
        const auto config = ServerConfig::load(flags, {});
        QVERIFY(!config.isOk());
        QCOMPARE(int(config.error().code), error);
        QVERIFY2(config.error().message.contains(mentions), qPrintable(config.error().message));
    }

    void missingConfigFile()
    {
        const auto config
            = ServerConfig::load({ { QStringLiteral("config"), QStringLiteral("/nonexistent.conf") } }, {});
        QVERIFY(!config.isOk());
        QCOMPARE(config.error().code, ServerConfig::Error::UnreadableFile);
    }

    void listenForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("expectedAddress");
        QTest::addColumn<int>("expectedPort");
        QTest::newRow("v4") << QStringLiteral("127.0.0.1:8443") << true << QStringLiteral("127.0.0.1") << 8443;
        QTest::newRow("any") << QStringLiteral("0.0.0.0:0") << true << QStringLiteral("0.0.0.0") << 0;
        QTest::newRow("v6") << QStringLiteral("[::1]:9000") << true << QStringLiteral("::1") << 9000;
        QTest::newRow("localhost") << QStringLiteral("localhost:1") << true << QStringLiteral("127.0.0.1") << 1;
        QTest::newRow("no port") << QStringLiteral("127.0.0.1") << false << QString() << 0;
        QTest::newRow("name") << QStringLiteral("example.org:80") << false << QString() << 0;
    }

    void listenForms()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QHostAddress address;
        quint16 port = 0;
        QCOMPARE(ServerConfig::parseListen(text, &address, &port), valid);
        if (!valid)
            return;
        QFETCH(QString, expectedAddress);
        QFETCH(int, expectedPort);
        QCOMPARE(address.toString(), expectedAddress);
        QCOMPARE(int(port), expectedPort);
    }
};

QTEST_GUILESS_MAIN(tst_ServerConfig)
#include "tst_serverconfig.moc"
