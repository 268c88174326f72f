// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/serverversioninfo.h"
#include <mts/buildinfo.h>

#include <QTest>

using mts::ServerVersionInfo;

class tst_ServerVersionInfo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip()
    {
        const ServerVersionInfo current = ServerVersionInfo::current();
        QCOMPARE(current.serverVersion, QString::fromLatin1(mts::buildinfo::version));
        QCOMPARE(current.protocolVersion, mts::buildinfo::protocolVersion);
        const auto parsed = ServerVersionInfo::fromJson(current.toJson());
        QVERIFY(parsed.isOk());
        QCOMPARE(parsed.value().serverVersion, current.serverVersion);
        QCOMPARE(parsed.value().protocolVersion, current.protocolVersion);
        QCOMPARE(parsed.value().minimumClientVersion, current.minimumClientVersion);
    }
    void badBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("error");
        using E = ServerVersionInfo::ParseError;
        QTest::newRow("not json") << QByteArray("<html>") << int(E::NotJson);
        QTest::newRow("array") << QByteArray("[]") << int(E::NotJson);
        QTest::newRow("missing") << QByteArray(R"({"server_version":"1.0.0"})") << int(E::MissingField);
        QTest::newRow("wrong type") << QByteArray(
            R"({"server_version":"1.0.0","protocol_version":"1","min_client_version":"0.1"})")
                                    << int(E::MissingField);
        QTest::newRow("bad version") << QByteArray(
            R"({"server_version":"one","protocol_version":1,"min_client_version":"0.1"})")
                                     << int(E::BadVersion);
    }
    void badBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, error);
        const auto parsed = ServerVersionInfo::fromJson(body);
        QVERIFY(!parsed.isOk());
        QCOMPARE(int(parsed.error().code), error);
    }
    void accepts()
    {
        const ServerVersionInfo server { QStringLiteral("2.0.0"), 3, QStringLiteral("1.4.0") };
        QVERIFY(server.accepts(QStringLiteral("1.4.0"), 3));
        QVERIFY(server.accepts(QStringLiteral("2.1.0"), 3));
        QVERIFY(!server.accepts(QStringLiteral("1.3.9"), 3));
        QVERIFY(!server.accepts(QStringLiteral("1.4.0"), 2));
        QVERIFY(!server.accepts(QStringLiteral("garbage"), 3));
    }
};

QTEST_GUILESS_MAIN(tst_ServerVersionInfo)
#include "tst_serverversioninfo.moc"
