// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/canonicaljson.h"
#include "tests/support/damage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <QCborValue>
#include <QLocale>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

using namespace mts;

namespace {

// The encoding written as plainly as it is specified (normalise, convert, escape; sort every object): the fast
// encoder must give the same bytes for every value.
bool referenceAppend(QByteArray &out, const QJsonValue &value);

void referenceString(QByteArray &out, const QString &text)
{
    static constexpr char hex[] = "0123456789abcdef";
    out.append('"');
    for (const char c : text.normalized(QString::NormalizationForm_C).toUtf8()) {
        const auto u = static_cast<unsigned char>(c);
        const char *escape = u == '"' ? "\\\""
            : u == '\\'               ? "\\\\"
            : u == '\b'               ? "\\b"
            : u == '\f'               ? "\\f"
            : u == '\n'               ? "\\n"
            : u == '\r'               ? "\\r"
            : u == '\t'               ? "\\t"
                                      : nullptr;
        if (escape) {
            out.append(escape);
        } else if (u < 0x20) {
            out.append("\\u00");
            out.append(hex[u >> 4]);
            out.append(hex[u & 0xf]);
        } else {
            out.append(c);
        }
    }
    out.append('"');
}

bool referenceAppend(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        out.append("null");
        return true;
    case QJsonValue::Bool:
        out.append(value.toBool() ? "true" : "false");
        return true;
    case QJsonValue::Double: {
        const QCborValue cbor = QCborValue::fromJsonValue(value);
        const double d = value.toDouble();
        if (cbor.isInteger())
            out.append(QByteArray::number(cbor.toInteger()));
        else if (!std::isfinite(d))
            return false;
        else if (std::trunc(d) == d && std::fabs(d) <= 9007199254740992.0)
            out.append(QByteArray::number(qint64(d)));
        else
            out.append(QByteArray::number(d, 'g', QLocale::FloatingPointShortest));
        return true;
    }
    case QJsonValue::String:
        referenceString(out, value.toString());
        return true;
    case QJsonValue::Array: {
        out.append('[');
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out.append(',');
            if (!referenceAppend(out, array.at(i)))
                return false;
        }
        out.append(']');
        return true;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        std::vector<std::pair<QString, QJsonValue>> members;
        for (auto it = object.begin(); it != object.end(); ++it)
            members.emplace_back(it.key().normalized(QString::NormalizationForm_C), it.value());
        std::sort(members.begin(), members.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        out.append('{');
        for (size_t i = 0; i < members.size(); ++i) {
            if (i > 0 && members[i].first == members[i - 1].first)
                return false;
            if (i > 0)
                out.append(',');
            referenceString(out, members[i].first);
            out.append(':');
            if (!referenceAppend(out, members[i].second))
                return false;
        }
        out.append('}');
        return true;
    }
    case QJsonValue::Undefined:
        return false;
    }
    return false;
}

QByteArray referenceEncode(const QJsonValue &value)
{
    QByteArray out;
    return referenceAppend(out, value) ? out : QByteArray();
}

// A string of up to 12 characters drawn from what record fields hold and what trips encoders: ASCII with quotes and
// controls, Vietnamese precomposed and decomposed, lone combining marks, CJK, emoji, lone surrogates.
QString randomText(QRandomGenerator &random)
{
    static const QString pool = QStringLiteral("aZ09 \"\\/\u0001\u001f\n\t\u007f\u00e9\u0110\u0111\u01a1\u01b0"
                                               "\u1ec7\u1ea5\u1ef9\u1e9b\u0300\u0301\u0303\u0323\u0309\u4e2d"
                                               "\u2028\uff21\U0001F600\u00c5\u212b\u0958")
        + QChar(0xD83D) + QChar(0xDE00);
    QString text;
    const int length = int(random.bounded(13));
    for (int i = 0; i < length; ++i)
        text.append(pool.at(random.bounded(pool.size())));
    return text;
}

QJsonValue randomValue(QRandomGenerator &random, int depth)
{
    switch (random.bounded(depth > 2 ? 5 : 7)) {
    case 0:
        return QJsonValue::Null;
    case 1:
        return random.bounded(2) == 1;
    case 2:
        return qint64(random.generate64() >> random.bounded(64)) * (random.bounded(2) ? 1 : -1);
    case 3:
        return random.generateDouble() * std::pow(10.0, int(random.bounded(40)) - 20);
    case 4:
        return randomText(random);
    case 5: {
        QJsonArray array;
        for (int i = int(random.bounded(4)); i > 0; --i)
            array.append(randomValue(random, depth + 1));
        return array;
    }
    default: {
        QJsonObject object;
        for (int i = int(random.bounded(6)); i > 0; --i)
            object.insert(randomText(random), randomValue(random, depth + 1));
        return object;
    }
    }
}

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

    void sameBytesAsThePlainEncoding()
    {
        QRandomGenerator random(20261128);
        int objects = 0;
        for (int i = 0; i < 5000; ++i) {
            const QJsonValue value = randomValue(random, 0);
            objects += value.isObject() ? 1 : 0;
            QCOMPARE(CanonicalJson::encode(value), referenceEncode(value));
        }
        QVERIFY(objects > 500);
    }

    void charactersTakenAsNfcWithoutNormalisingAreStable()
    {
        // The encoder writes code units below U+0300 and in U+1E00–U+1EFF without normalising: each must be NFC
        // alone and next to any other of them, in either order.
        QList<char16_t> fast;
        for (char16_t u = 0; u < 0x300; ++u)
            fast.append(u);
        for (char16_t u = 0x1E00; u <= 0x1EFF; ++u)
            fast.append(u);
        for (const char16_t first : std::as_const(fast)) {
            QString pairs;
            for (const char16_t second : std::as_const(fast)) {
                pairs.append(QChar(first));
                pairs.append(QChar(second));
            }
            QCOMPARE(pairs.normalized(QString::NormalizationForm_C), pairs);
        }
    }

    void flatObjectsSplitIntoTheirMembers()
    {
        // Objects as records are: ASCII names; Vietnamese text with escapes; integers up to 2^53; booleans; null.
        QRandomGenerator random(3);
        const QString letters = QStringLiteral(
            "a\u0103\u00e2bd\u0111e\u00eaioy\u01b0\u01a1\u1ea1\u1ec7\u1ef9\u00e0 \"\\/\n\t\u0001\u007f");
        for (int round = 0; round < 3000; ++round) {
            QJsonObject object;
            for (int i = int(random.bounded(12)); i > 0; --i) {
                const QString name = QStringLiteral("f") + QString::number(random.bounded(100));
                switch (random.bounded(4)) {
                case 0: {
                    const qint64 limit = qint64(1) << 53;
                    object.insert(name, qint64(random.bounded(2 * limit + 1)) - limit);
                    break;
                }
                case 1:
                    object.insert(name, random.bounded(3) == 0 ? QJsonValue() : QJsonValue(random.bounded(2) == 0));
                    break;
                default: {
                    QString text;
                    for (int n = int(random.bounded(20)); n > 0; --n)
                        text.append(letters.at(random.bounded(letters.size())));
                    object.insert(name, text);
                }
                }
            }
            const QByteArray bytes = CanonicalJson::encode(object);
            CanonicalJson::Members members;
            QVERIFY2(CanonicalJson::splitFlatObject(bytes, &members), bytes.constData());
            QCOMPARE(members.size(), object.size());
            for (const CanonicalJson::Member &member : std::as_const(members)) {
                const QJsonArray value = QJsonDocument::fromJson("[" + member.value.toByteArray() + "]").array();
                QCOMPARE(value.size(), 1);
                QCOMPARE(value.at(0), object.value(QString::fromLatin1(member.key)));
            }
        }
    }

    void whatSplitsIsCanonical()
    {
        // Damaged encodings: whatever still splits is exactly the encoding of the object it parses to.
        QRandomGenerator random(11);
        const QByteArray alphabet("{}[]\":,.-+eE0123456789 \\/bfnrtu\x01\xc3\xa9\xe1\xbb\x87\xcc\x81\xed\xff");
        const QJsonObject sample = parse(R"({"born": 1950, "full_name": "Nguy\u1ec5n V\u0103n A\n", "note": null,)"
                                         R"( "ok": true, "phone": "0912", "z": -7})")
                                       .toObject();
        const QByteArray canonical = CanonicalJson::encode(sample);
        int split = 0;
        for (int round = 0; round < 50000; ++round) {
            const QByteArray bytes = test::damaged(canonical, random, alphabet);
            CanonicalJson::Members members;
            if (!CanonicalJson::splitFlatObject(bytes, &members))
                continue;
            ++split;
            const QJsonDocument document = QJsonDocument::fromJson(bytes);
            QVERIFY2(document.isObject(), bytes.constData());
            QCOMPARE(CanonicalJson::encode(document.object()), bytes);
            QCOMPARE(members.size(), document.object().size());
        }
        QVERIFY2(split > 1000, qPrintable(QString::number(split)));
    }

    void otherFormsDoNotSplit_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("space") << QByteArray("{\"a\": 1}");
        QTest::newRow("unsorted") << QByteArray("{\"b\":1,\"a\":2}");
        QTest::newRow("duplicate") << QByteArray("{\"a\":1,\"a\":2}");
        QTest::newRow("escaped slash") << QByteArray("{\"a\":\"\\/\"}");
        QTest::newRow("needless escape") << QByteArray("{\"a\":\"\\u0041\"}");
        QTest::newRow("upper-case hex") << QByteArray("{\"a\":\"\\u001F\"}");
        QTest::newRow("long form of a short escape") << QByteArray("{\"a\":\"\\u0008\"}");
        QTest::newRow("raw control character") << QByteArray("{\"a\":\"\x01\"}");
        QTest::newRow("fraction") << QByteArray("{\"a\":1.0}");
        QTest::newRow("exponent") << QByteArray("{\"a\":1e3}");
        QTest::newRow("negative zero") << QByteArray("{\"a\":-0}");
        QTest::newRow("leading zero") << QByteArray("{\"a\":01}");
        QTest::newRow("beyond 2^53") << QByteArray("{\"a\":9007199254740993}");
        QTest::newRow("decomposed") << QByteArray("{\"a\":\"e\xcc\x81\"}");
        QTest::newRow("above U+1EFF") << QByteArray("{\"a\":\"\xe4\xb8\xad\"}");
        QTest::newRow("nested object") << QByteArray("{\"a\":{}}");
        QTest::newRow("array") << QByteArray("{\"a\":[]}");
        QTest::newRow("non-ASCII name") << QByteArray("{\"\xc3\xa9\":1}");
        QTest::newRow("escaped name") << QByteArray("{\"a\\n\":1}");
        QTest::newRow("trailing comma") << QByteArray("{\"a\":1,}");
        QTest::newRow("after the end") << QByteArray("{\"a\":1}x");
        QTest::newRow("invalid UTF-8") << QByteArray("{\"a\":\"\xc3\"}");
        QTest::newRow("not an object") << QByteArray("[1]");
    }

    void otherFormsDoNotSplit()
    {
        QFETCH(QByteArray, bytes);
        CanonicalJson::Members members;
        QVERIFY(!CanonicalJson::splitFlatObject(bytes, &members));
        // The empty object does.
        QVERIFY(CanonicalJson::splitFlatObject("{}", &members));
        QVERIFY(members.isEmpty());
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
