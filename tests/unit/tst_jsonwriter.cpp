// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/jsonwriter.h"
#include "shared/syncwire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace mts;

namespace {

QJsonDocument parsed(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON (%s): %s", qPrintable(error.errorString()), bytes.constData());
    return document;
}

sync::RecordChange change(int seq)
{
    sync::RecordChange change;
    change.bucket = QStringLiteral("C:00070/registries");
    change.seq = seq;
    change.id = QStringLiteral("0190f1a2-b3c4-7aaa-9f60-718293a4b5c%1").arg(seq % 10);
    change.kind = QStringLiteral("person");
    change.scope = QStringLiteral("C:00070");
    change.hlc = *HlcStamp::parse(QStringLiteral("0190f1a2b3c4-0003-pc-01"));
    change.fields = QJsonObject { { QStringLiteral("full_name"), QStringLiteral("Nguyễn Thị \"Bé\"\n") },
        { QStringLiteral("born"), 1950 + seq }, { QStringLiteral("tags"), QJsonArray { 1.5, true, QJsonValue() } } };
    return change;
}

} // namespace

class tst_JsonWriter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void placesCommasAndNests()
    {
        JsonWriter json;
        json.beginObject().key("a").beginArray().value(qint64(1)).beginObject().endObject().beginArray().endArray();
        json.value(QStringView(u"x")).endArray().key("b").value(false).key(QStringView(u"kh\u00f3a")).raw("{\"r\":1}");
        json.key("c").beginObject().key("d").value(qint64(-9007199254740993)).endObject().endObject();
        QCOMPARE(json.take(),
            QByteArray("{\"a\":[1,{},[],\"x\"],\"b\":false,\"kh\xc3\xb3"
                       "a\":{\"r\":1},\"c\":{\"d\":-9007199254740993}}"));
        // Empty once taken, and ready for a new document.
        json.beginArray().endArray();
        QCOMPARE(json.take(), QByteArray("[]"));
    }

    void stringsReadBackUnchanged()
    {
        // Every escape, non-ASCII in each UTF-8 length, surrogate pairs and lone surrogates, in random strings.
        const QString pool = QStringLiteral("aZ \"\\/\u0001\u001f\n\r\t\b\f\u007f\u00e9\u1ec7\u0300\u4e2d\u2028"
                                            "\U0001F600")
            + QChar(0xDC00);
        QRandomGenerator random(5);
        for (int i = 0; i < 2000; ++i) {
            QString text;
            for (int n = int(random.bounded(10)); n > 0; --n)
                text.append(pool.at(random.bounded(pool.size())));
            JsonWriter json;
            json.beginArray().value(text).endArray();
            const QByteArray bytes = json.take();
            // The same text as Qt's own writer gives back (a lone surrogate becomes what toUtf8() makes of it).
            const QJsonArray expected
                = parsed(QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact)).array();
            QCOMPARE(parsed(bytes).array(), expected);
        }
    }

    void valuesReadBackEqual()
    {
        // Nested objects and arrays, integers beyond 2^53, integral and fractional doubles, text in NFD.
        const QJsonObject object {
            { QStringLiteral("nested"),
                QJsonObject { { QStringLiteral("a"), QJsonArray { 1, -2.5, 1e300, QJsonValue(), false } },
                    { QStringLiteral("b"), QJsonObject {} } } },
            { QStringLiteral("big"), qint64(9007199254740993) },
            { QStringLiteral("integral"), 3.0 },
            { QStringLiteral("nfd"), QStringLiteral("Nguye\u0302\u0303n") },
            { QStringLiteral("t\u00ean"), QJsonArray {} },
        };
        const QByteArray bytes = JsonWriter().value(object).take();
        QCOMPARE(parsed(bytes).object(), object);
        // Text is written as it is, not normalised.
        QVERIFY(bytes.contains(QStringLiteral("Nguye\u0302\u0303n").toUtf8()));
        QCOMPARE(JsonWriter().value(QJsonValue(qint64(9007199254740993))).take(), QByteArray("9007199254740993"));
    }

    void wireTypesMatchTheirParsers()
    {
        // What the server writes, the client's parser reads back to the same values.
        sync::PullResponse pull;
        pull.serverTime = 1751234567890;
        pull.buckets = { { QStringLiteral("C:00070/registries"), 3, BucketChecksum { 3, 0xfedcba9876543210ULL } } };
        pull.changes = { change(1), change(2) };
        sync::RecordChange left;
        left.bucket = QStringLiteral("C:00070/registries");
        left.seq = 3;
        left.id = QStringLiteral("0190f1a2-b3c4-7aaa-9f60-718293a4b5c9");
        left.left = true;
        pull.changes.append(left);
        pull.positions = { { QStringLiteral("C:00070/registries"), 3 } };
        pull.more = true;
        const auto pullBack = sync::PullResponse::fromJson(parsed(pull.encode()).object());
        QVERIFY(pullBack);
        QCOMPARE(pullBack->serverTime, pull.serverTime);
        QCOMPARE(pullBack->buckets, pull.buckets);
        QCOMPARE(pullBack->changes, pull.changes);
        QCOMPARE(pullBack->positions, pull.positions);
        QCOMPARE(pullBack->more, true);

        // Fields already in JSON text go out as they are.
        sync::RecordChange stored = change(4);
        stored.fieldsJson = JsonWriter().value(stored.fields).take();
        const QJsonObject expectedFields = stored.fields;
        stored.fields = {};
        sync::PullResponse raw;
        raw.changes = { stored };
        const auto rawBack = sync::PullResponse::fromJson(parsed(raw.encode()).object());
        QVERIFY(rawBack);
        QCOMPARE(rawBack->changes.value(0).fields, expectedFields);

        sync::PullRequest ask;
        ask.positions = { { QStringLiteral("C:00070/registries"), 12 }, { QStringLiteral("national/library"), 0 } };
        ask.limit = 250;
        const auto askBack = sync::PullRequest::fromJson(parsed(ask.encode()).object());
        QVERIFY(askBack);
        QCOMPARE(askBack.value().positions, ask.positions);
        QCOMPARE(askBack.value().limit, 250);

        sync::PushResponse push;
        push.serverTime = 42;
        sync::PushResult applied { QStringLiteral("0190f1a2-b3c4-7d5e-8f60-718293a4b5c6"), sync::PushOutcome::Applied,
            {}, {}, change(5) };
        applied.record->fieldsAsSent = true;
        applied.record->fields = {};
        const sync::PushResult rejected { QStringLiteral("0190f1a2-b3c4-7d5e-8f60-718293a4b5c7"),
            sync::PushOutcome::Rejected, QStringLiteral("invalid"), QStringLiteral("\"năm sinh\" is wrong"), {} };
        push.results = { applied, rejected };
        const auto pushBack = sync::PushResponse::fromJson(parsed(push.encode()).object());
        QVERIFY(pushBack);
        QCOMPARE(pushBack->serverTime, 42);
        QCOMPARE(pushBack->results.size(), 2);
        QCOMPARE(pushBack->results.at(0).record, applied.record);
        QCOMPARE(pushBack->results.at(1).code, rejected.code);
        QCOMPARE(pushBack->results.at(1).message, rejected.message);
        QVERIFY(!pushBack->results.at(1).record);
    }
};

QTEST_GUILESS_MAIN(tst_JsonWriter)
#include "tst_jsonwriter.moc"
