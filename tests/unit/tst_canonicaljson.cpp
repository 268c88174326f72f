// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/canonicaljson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

using namespace mts;

namespace {

QJsonValue parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray("[") + json + "]", &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", json);
    return document.array().at(0);
}

} // namespace

class tst_CanonicalJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void knownOutputs_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("null") << QByteArray("null") << QByteArray("null");
        QTest::newRow("bools") << QByteArray("[true, false]") << QByteArray("[true,false]");
        QTest::newRow("empty object") << QByteArray("{ }") << QByteArray("{}");
        QTest::newRow("empty array") << QByteArray("[ ]") << QByteArray("[]");
        QTest::newRow("sorted keys") << QByteArray("{\"b\": 1, \"a\": 2, \"A\": 3, \"aa\": 4}")
                                     << QByteArray("{\"A\":3,\"a\":2,\"aa\":4,\"b\":1}");
        QTest::newRow("integers") << QByteArray("[0, -1, 42, 9007199254740993, -9223372036854775807]")
                                  << QByteArray("[0,-1,42,9007199254740993,-9223372036854775807]");
        QTest::newRow("integral doubles")
            << QByteArray("[1.0, -2.0, 1e3, -0.0, 9007199254740992.0]") << QByteArray("[1,-2,1000,0,9007199254740992]");
        QTest::newRow("doubles") << QByteArray("[0.1, -2.5, 1e300, 1.5e-7, 123456.789]")
                                 << QByteArray("[0.1,-2.5,1e+300,1.5e-07,123456.789]");
        QTest::newRow("escapes") << QByteArray("[\"a\\\"b\\\\c\\/d\\n\\t\\r\\b\\f\\u0001\\u001f\"]")
                                 << QByteArray("[\"a\\\"b\\\\c/d\\n\\t\\r\\b\\f\\u0001\\u001f\"]");
        QTest::newRow("unicode raw") << QByteArray("[\"M\\u1eb7t tr\\u1eadn s\\u1ed1 \\ud83d\\ude00 \\u2028\"]")
                                     << QByteArray("[\"M\xe1\xba\xb7t tr\xe1\xba\xadn s\xe1\xbb\x91 "
                                                   "\xf0\x9f\x98\x80 \xe2\x80\xa8\"]");
        QTest::newRow("del not escaped") << QByteArray("[\"\\u007f\"]") << QByteArray("[\"\x7f\"]");
        QTest::newRow("nested") << QByteArray(
            "{\"z\": [3, {\"y\": null, \"x\": [true]}], \"a\": {\"d\": \"e\", \"c\": {}}}")
                                << QByteArray("{\"a\":{\"c\":{},\"d\":\"e\"},\"z\":[3,{\"x\":[true],\"y\":null}]}");
    }

    void knownOutputs()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QCOMPARE(CanonicalJson::encode(parse(input.constData())), expected);
    }

    void keyOrderIndependent()
    {
        const QJsonValue a = parse(R"({"name": "An", "age": 30, "tags": ["x", "y"], "inner": {"q": 1, "p": 2}})");
        const QJsonValue b = parse(R"({"inner": {"p": 2, "q": 1}, "tags": ["x", "y"], "age": 30, "name": "An"})");
        QCOMPARE(CanonicalJson::encode(a), CanonicalJson::encode(b));
        // Array order is content.
        const QJsonValue c = parse(R"({"inner": {"p": 2, "q": 1}, "tags": ["y", "x"], "age": 30, "name": "An"})");
        QVERIFY(CanonicalJson::encode(a) != CanonicalJson::encode(c));
    }

    void keysSortByUtf16CodeUnits()
    {
        // U+FF21 (one code unit 0xFF21) sorts after U+1F600 (code units 0xD83D 0xDE00) in UTF-16 order, before it
        // in code-point order.
        QJsonObject object;
        object.insert(QStringLiteral("\uFF21"), 1);
        object.insert(QStringLiteral("\U0001F600"), 2);
        QCOMPARE(CanonicalJson::encode(object), QByteArray("{\"\xf0\x9f\x98\x80\":2,\"\xef\xbc\xa1\":1}"));
    }

    void nfcAndNfdGiveSameBytes()
    {
        const QString nfc = QStringLiteral("Nguy\u1EC5n V\u0103n \u0110\u1EE9c");
        const QString nfd = nfc.normalized(QString::NormalizationForm_D);
        QVERIFY(nfc != nfd);
        QJsonObject a { { QStringLiteral("t\u00EAn"), nfc }, { QStringLiteral("list"), QJsonArray { nfc } } };
        QJsonObject b { { QStringLiteral("t\u00EAn").normalized(QString::NormalizationForm_D), nfd },
            { QStringLiteral("list"), QJsonArray { nfd } } };
        QCOMPARE(CanonicalJson::encode(a), CanonicalJson::encode(b));
        QCOMPARE(CanonicalJson::encode(nfd), QByteArray("\"") + nfc.toUtf8() + "\"");
    }

    void duplicateKeysAfterNormalisationRejected()
    {
        QJsonObject object;
        object.insert(QStringLiteral("\u00E9"), 1);
        object.insert(QStringLiteral("e\u0301"), 2);
        QCOMPARE(object.size(), 2);
        QVERIFY(CanonicalJson::encode(object).isEmpty());
        QVERIFY(CanonicalJson::encode(QJsonArray { object }).isEmpty());
    }

    void nonFiniteAndUndefinedRejected_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("nan") << QJsonValue(std::numeric_limits<double>::quiet_NaN());
        QTest::newRow("inf") << QJsonValue(std::numeric_limits<double>::infinity());
        QTest::newRow("-inf") << QJsonValue(-std::numeric_limits<double>::infinity());
        QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("nested nan") << QJsonValue(
            QJsonObject { { QStringLiteral("a"), QJsonArray { 1, std::numeric_limits<double>::quiet_NaN() } } });
    }

    void nonFiniteAndUndefinedRejected()
    {
        QFETCH(QJsonValue, value);
        QVERIFY(CanonicalJson::encode(value).isEmpty());
    }

    void integerAndDoubleForms()
    {
        QCOMPARE(CanonicalJson::encode(QJsonValue(qint64(1) << 60)), QByteArray("1152921504606846976"));
        QCOMPARE(CanonicalJson::encode(QJsonValue(1.0)), QByteArray("1"));
        QCOMPARE(CanonicalJson::encode(QJsonValue(1e20)), QByteArray("1e+20"));
        // Shortest round trip: the text reads back to exactly the same double.
        for (const double d : { 0.1, 1.0 / 3.0, 2.0 / 3.0 * 1e-10, 6.02214076e23, -4.9e-324 }) {
            const QByteArray text = CanonicalJson::encode(QJsonValue(d));
            bool ok = false;
            QCOMPARE(text.toDouble(&ok), d);
            QVERIFY(ok);
        }
    }

    void encodingParsesBackToSameValue()
    {
        const QJsonValue value = parse(R"({"b": [1, 2.5, "x\ny", null, {"c": false}], "a": "\u0001"})");
        const QByteArray bytes = CanonicalJson::encode(value);
        const QJsonDocument back = QJsonDocument::fromJson(bytes);
        QCOMPARE(QJsonValue(back.object()), value);
        QCOMPARE(CanonicalJson::encode(back.object()), bytes);
    }
};

QTEST_GUILESS_MAIN(tst_CanonicalJson)
#include "tst_canonicaljson.moc"
