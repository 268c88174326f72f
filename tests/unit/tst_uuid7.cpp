// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/uuid7.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QUuid>

using namespace mts;

class tst_Uuid7 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void format()
    {
        const QRegularExpression canonical(
            QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        for (int i = 0; i < 1000; ++i) {
            const QString id = createUuid7();
            QVERIFY2(canonical.match(id).hasMatch(), qPrintable(id));
            QVERIFY(isUuid7(id));
        }
    }

    void versionAndVariantBits()
    {
        const QUuid uuid(createUuid7());
        QVERIFY(!uuid.isNull());
        QCOMPARE(uuid.variant(), QUuid::DCE); // binary 10
        const QByteArray bytes = uuid.toRfc4122();
        QCOMPARE(quint8(bytes.at(6)) >> 4, 7);
        QCOMPARE(quint8(bytes.at(8)) >> 6, 2);
    }

    void strictlyIncreasing()
    {
        QString previous = createUuid7();
        QSet<QString> seen { previous };
        for (int i = 0; i < 10000; ++i) {
            const QString id = createUuid7();
            QVERIFY2(id > previous, qPrintable(previous + QLatin1String(" then ") + id));
            seen.insert(id);
            previous = id;
        }
        QCOMPARE(seen.size(), 10001);
    }

    void randomPartVaries()
    {
        // Two ids of different processes in the same millisecond must not collide: the random part is random.
        const QString a = createUuid7();
        const QString b = createUuid7();
        QVERIFY(a.sliced(24) != b.sliced(24) || a.sliced(15, 3) != b.sliced(15, 3));
    }

    void timeExtraction()
    {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const QString id = createUuid7();
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        const qint64 millis = uuid7Millis(id);
        // The generator may run ahead of the clock by the ids made in the same millisecond, never behind.
        QVERIFY2(millis >= before && millis <= after + 1, qPrintable(QString::number(millis - before)));
        // A known value: 0x017F22E279B0 (RFC 9562 appendix A.6, Tue Feb 22 2022 19:22:22 UTC).
        QCOMPARE(uuid7Millis(u"017f22e2-79b0-7cc3-98c4-dc0c0c07398f"), Q_INT64_C(0x017F22E279B0));
        QCOMPARE(uuid7Millis(u"017F22E2-79B0-7CC3-98C4-DC0C0C07398F"), Q_INT64_C(1645557742000));
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("version 4") << QStringLiteral("f47ac10b-58cc-4372-a567-0e02b2c3d479");
        QTest::newRow("variant 11") << QStringLiteral("017f22e2-79b0-7cc3-c8c4-dc0c0c07398f");
        QTest::newRow("variant 0") << QStringLiteral("017f22e2-79b0-7cc3-18c4-dc0c0c07398f");
        QTest::newRow("no hyphens") << QStringLiteral("017f22e279b07cc398c4dc0c0c07398f");
        QTest::newRow("braces") << QStringLiteral("{017f22e2-79b0-7cc3-98c4-dc0c0c07398f}");
        QTest::newRow("not hex") << QStringLiteral("017f22e2-79b0-7cc3-98c4-dc0c0c07398g");
        QTest::newRow("hyphen moved") << QStringLiteral("017f22e279-b0-7cc3-98c4-dc0c0c07398f");
    }

    void rejects()
    {
        QFETCH(QString, text);
        QVERIFY(!isUuid7(text));
        QCOMPARE(uuid7Millis(text), -1);
    }
};

QTEST_GUILESS_MAIN(tst_Uuid7)
#include "tst_uuid7.moc"
