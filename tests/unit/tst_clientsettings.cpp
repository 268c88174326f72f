// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/core/clientsettings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using mts::ClientSettings;

class tst_ClientSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void securityPeriods_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<int>("offlineDays");
        QTest::addColumn<int>("idleMinutes");
        QTest::newRow("defaults") << QByteArray() << 30 << 15;
        QTest::newRow("set") << QByteArray("[security]\nofflineDays=7\nidleLockMinutes=5\n") << 7 << 5;
        QTest::newRow("out of range") << QByteArray("[security]\nofflineDays=0\nidleLockMinutes=1000\n") << 30 << 15;
        QTest::newRow("garbage") << QByteArray("[security]\nofflineDays=abc\nidleLockMinutes=-3\n") << 30 << 15;
    }

    void securityPeriods()
    {
        QFETCH(QByteArray, ini);
        QFETCH(int, offlineDays);
        QFETCH(int, idleMinutes);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.ini"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(ini);
        file.close();
        const ClientSettings settings(path);
        QCOMPARE(settings.offlineDays(), offlineDays);
        QCOMPARE(settings.idleLockMinutes(), idleMinutes);
    }

    void defaultsForServerAndLanguage()
    {
        QTemporaryDir dir;
        ClientSettings settings(dir.filePath(QStringLiteral("s.ini")));
        QCOMPARE(settings.serverUrl(), ClientSettings::defaultServerUrl());
        QCOMPARE(settings.language(), QStringLiteral("vi"));
        settings.setLanguage(QStringLiteral("fr"));
        QCOMPARE(settings.language(), QStringLiteral("vi")); // only vi and en exist
        settings.setLanguage(QStringLiteral("en"));
        QCOMPARE(settings.language(), QStringLiteral("en"));
    }
};

QTEST_GUILESS_MAIN(tst_ClientSettings)
#include "tst_clientsettings.moc"
