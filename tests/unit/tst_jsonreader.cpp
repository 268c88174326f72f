// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/jsonreader.h"
#include "shared/jsonwriter.h"
#include "shared/syncwire.h"
#include "tests/support/damage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace mts;

namespace {

// The value the reader reads next, built as a QJsonValue through its typed calls; Undefined when it fails.
QJsonValue readValue(JsonReader &json)
{
    switch (json.peek()) {
    case JsonReader::Type::Object: {
        QJsonObject object;
        json.beginObject();
        while (const auto key = json.nextKey()) {
            // The name's bytes last only until the next call.
            const QString name = QString::fromUtf8(*key);
            const QJsonValue value = readValue(json);
            if (value.isUndefined())
                return QJsonValue::Undefined;
            object.insert(name, value);
        }
        return json.failed() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(object);
    }
    case JsonReader::Type::Array: {
        QJsonArray array;
        json.beginArray();
        while (json.nextElement()) {
            const QJsonValue value = readValue(json);
            if (value.isUndefined())
                return QJsonValue::Undefined;
            array.append(value);
        }
        return json.failed() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(array);
    }
    case JsonReader::Type::String: {
        const auto text = json.string();
        return text ? QJsonValue(*text) : QJsonValue(QJsonValue::Undefined);
    }
    case JsonReader::Type::Number: {
        // Integers through integer(), anything else through its bytes.
        JsonReader probe = json;
        if (const auto integer = probe.integer()) {
            json = probe;
            return QJsonValue(*integer);
        }
        const QByteArrayView bytes = json.skip();
        return bytes.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(bytes.toByteArray().toDouble());
    }
    case JsonReader::Type::Bool: {
        const auto flag = json.boolean();
        return flag ? QJsonValue(*flag) : QJsonValue(QJsonValue::Undefined);
    }
    case JsonReader::Type::Null:
        return json.null() ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonValue::Undefined);
    case JsonReader::Type::Invalid:
        break;
    }
    json.skip();
    return QJsonValue::Undefined;
}

// A member name: any text but a lone surrogate, which nextKey() (UTF-8) gives as U+FFFD.
QString key(QRandomGenerator &random)
{
    static const QString pool = QStringLiteral("aZ09 \"\\/\u0001\n\u00e9\u1ec7\u0300\u4e2d");
    QString text;
    for (int i = int(random.bounded(8)); i > 0; --i)
        text.append(pool.at(random.bounded(pool.size())));
    return text;
}

QJsonValue randomValue(QRandomGenerator &random, int depth)
{
    static const QString pool = QStringLiteral("aZ09 \"\\/\u0001\u001f\n\r\t\b\f\u007f\u00e9\u1ec7\u0300\u4e2d\u2028")
        + QChar(0xD83D) + QChar(0xDE00);
    switch (random.bounded(depth > 3 ? 4 : 6)) {
    case 0: {
        QString text;
        for (int i = int(random.bounded(12)); i > 0; --i)
            text.append(pool.at(random.bounded(pool.size())));
        return text;
    }
    case 1:
        return qint64(random.generate64()) >> random.bounded(64);
    case 2:
        return random.generateDouble() * 1e6 - 5e5;
    case 3:
        return random.bounded(3) == 0 ? QJsonValue() : QJsonValue(random.bounded(2) == 0);
    case 4: {
        QJsonArray array;
        for (int i = int(random.bounded(5)); i > 0; --i)
            array.append(randomValue(random, depth + 1));
        return array;
    }
    default: {
        QJsonObject object;
        for (int i = int(random.bounded(5)); i > 0; --i)
            object.insert(key(random), randomValue(random, depth + 1));
        return object;
    }
    }
}

// Equal JSON, numbers compared as doubles: QJsonDocument keeps some integers beyond 2^53 as doubles.
bool sameJson(const QJsonValue &a, const QJsonValue &b)
{
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case QJsonValue::Double:
        return a.toDouble() == b.toDouble();
    case QJsonValue::Array: {
        const QJsonArray x = a.toArray();
        const QJsonArray y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!sameJson(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    case QJsonValue::Object: {
        const QJsonObject x = a.toObject();
        const QJsonObject y = b.toObject();
        if (x.keys() != y.keys())
            return false;
        for (auto it = x.begin(); it != x.end(); ++it) {
            if (!sameJson(it.value(), y.value(it.key())))
                return false;
        }
        return true;
    }
    default:
        return a == b;
    }
}

// A change as the server writes one.
const QByteArray validChange = R"({"bucket":"C:00070/registries","seq":1,"id":"r1","kind":"person",)"
                               R"("scope":"C:00070","deleted":false,"hlc":"0190f1a2b3c4-0003-pc-01","fields":{}})";

bool readerAccepts(QByteArrayView bytes)
{
    JsonReader json(bytes);
    return !json.skip().isEmpty() && json.atEnd();
}

} // namespace

class tst_JsonReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsWhatQJsonDocumentWrites()
    {
        QRandomGenerator random(20261128);
        for (int round = 0; round < 2000; ++round) {
            QJsonObject object;
            object.insert(QStringLiteral("v"), randomValue(random, 0));
            const QByteArray compact = QJsonDocument(object).toJson(QJsonDocument::Compact);
            const QByteArray indented = QJsonDocument(object).toJson(QJsonDocument::Indented);
            for (const QByteArray &bytes : { compact, indented }) {
                JsonReader json(bytes);
                const QJsonValue read = readValue(json);
                QVERIFY2(json.atEnd(), bytes.constData());
                QVERIFY2(sameJson(read, QJsonValue(QJsonDocument::fromJson(bytes).object())), bytes.constData());
            }
        }
    }

    void escapesAreUndone()
    {
        JsonReader json("{\"a\\\"b\":\"\\u00e9\\n\\/\\\\\\ud83d\\ude00\\udc00x\",\"c\":-9223372036854775808}");
        QVERIFY(json.beginObject());
        QCOMPARE(json.nextKey().value_or(QByteArrayView()), QByteArrayView("a\"b"));
        const QString expected
            = QStringLiteral("\u00e9\n/\\") + QChar(0xD83D) + QChar(0xDE00) + QChar(0xDC00) + QLatin1Char('x');
        QCOMPARE(json.string().value_or(QString()), expected);
        QCOMPARE(json.nextKey().value_or(QByteArrayView()), QByteArrayView("c"));
        QCOMPARE(json.integer().value_or(0), std::numeric_limits<qint64>::min());
        QVERIFY(!json.nextKey());
        QVERIFY(json.atEnd());
    }

    void rejectsWhatIsNotJson_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("open object") << QByteArray("{\"a\":1");
        QTest::newRow("trailing comma") << QByteArray("[1,]");
        QTest::newRow("leading comma") << QByteArray("[,1]");
        QTest::newRow("missing colon") << QByteArray("{\"a\" 1}");
        QTest::newRow("unquoted key") << QByteArray("{a:1}");
        QTest::newRow("single quotes") << QByteArray("['a']");
        QTest::newRow("leading zero") << QByteArray("[01]");
        QTest::newRow("bare dot") << QByteArray("[1.]"); // QJsonDocument takes this one
        QTest::newRow("plus sign") << QByteArray("[+1]");
        QTest::newRow("bad exponent") << QByteArray("[1e]");
        QTest::newRow("control character") << QByteArray("[\"a\x01\"]"); // and this
        QTest::newRow("bad escape") << QByteArray("[\"\\x\"]"); // and this
        QTest::newRow("short unicode escape") << QByteArray("[\"\\u12\"]");
        QTest::newRow("invalid UTF-8") << QByteArray("[\"\xc3\x28\"]");
        QTest::newRow("overlong UTF-8") << QByteArray("[\"\xc0\xaf\"]");
        QTest::newRow("UTF-8 surrogate") << QByteArray("[\"\xed\xa0\x80\"]");
        QTest::newRow("truncated UTF-8") << QByteArray("[\"\xe1\xbb\"]");
        QTest::newRow("unterminated string") << QByteArray("[\"abc");
        QTest::newRow("bad literal") << QByteArray("[tru]");
        QTest::newRow("literal run on") << QByteArray("[truex]");
        QTest::newRow("two values") << QByteArray("{} {}");
        QTest::newRow("mismatched brackets") << QByteArray("[}");
        QTest::newRow("too deep") << QByteArray(JsonReader::maxDepth + 1, '[')
                + QByteArray(JsonReader::maxDepth + 1, ']');
    }

    void rejectsWhatIsNotJson()
    {
        QFETCH(QByteArray, bytes);
        // RFC 8259 strictly: QJsonDocument lets a few of these through.
        QVERIFY(!readerAccepts(bytes));
    }

    void typedReadsOfTheWrongTypeFail()
    {
        JsonReader json(R"({"a":"1","b":1.5})");
        QVERIFY(json.beginObject());
        QVERIFY(json.nextKey());
        QVERIFY(!json.integer());
        QVERIFY(json.failed());
        // Every call after a failure fails too.
        QVERIFY(!json.nextKey());
        QVERIFY(!json.atEnd());

        JsonReader fraction(R"([1.5, 12345678901234567890])");
        QVERIFY(fraction.beginArray() && fraction.nextElement());
        QVERIFY(!fraction.integer());
        JsonReader tooBig(R"([12345678901234567890])");
        QVERIFY(tooBig.beginArray() && tooBig.nextElement());
        QVERIFY(!tooBig.integer());
    }

    void acceptsNoMoreThanQJsonDocumentOnDamagedInput()
    {
        // Random bytes changed in valid documents: whatever the reader accepts, QJsonDocument accepts too and reads
        // to the same value. (QJsonDocument also takes a few things RFC 8259 does not, which the reader refuses.)
        QRandomGenerator random(7);
        const QByteArray alphabet("{}[]\":,.-+eE0123456789 \\/bfnrtu\x01\xc3\xa9\xe1\xbb\x87\xed\xff");
        int accepted = 0;
        for (int round = 0; round < 20000; ++round) {
            QJsonObject object;
            object.insert(QStringLiteral("v"), randomValue(random, 1));
            const QByteArray bytes
                = test::damaged(QJsonDocument(object).toJson(QJsonDocument::Compact), random, alphabet);
            JsonReader json(bytes);
            const QJsonValue read = readValue(json);
            if (read.isUndefined() || !json.atEnd())
                continue;
            ++accepted;
            const QJsonDocument document = QJsonDocument::fromJson(bytes);
            QVERIFY2(!document.isNull(), bytes.constData());
            QVERIFY2(sameJson(read, document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array())),
                bytes.constData());
        }
        // Both verdicts occur, or the comparison would prove little.
        QVERIFY2(accepted > 1000, qPrintable(QString::number(accepted)));
        QVERIFY2(accepted < 19000, qPrintable(QString::number(accepted)));
    }

    void pullResponseDecodesWhatWasEncoded()
    {
        sync::PullResponse pull;
        pull.serverTime = 1751234567890;
        pull.buckets = { { QStringLiteral("C:00070/registries"), 3, BucketChecksum { 3, 0xfedcba9876543210ULL } } };
        for (int seq = 1; seq <= 3; ++seq) {
            sync::RecordChange change;
            change.bucket = QStringLiteral("C:00070/registries");
            change.seq = seq;
            change.id = QStringLiteral("0190f1a2-b3c4-7aaa-9f60-718293a4b5c%1").arg(seq);
            change.kind = QStringLiteral("person");
            change.scope = QStringLiteral("C:00070");
            change.deleted = seq == 2;
            change.hlc = *HlcStamp::parse(QStringLiteral("0190f1a2b3c4-0003-pc-01"));
            change.fields = QJsonObject { { QStringLiteral("full_name"), QStringLiteral("Nguyễn Thị \"Bé\"\n") },
                { QStringLiteral("born"), 1950 + seq }, { QStringLiteral("tags"), QJsonArray { 1.5, true } } };
            pull.changes.append(change);
        }
        sync::RecordChange left;
        left.bucket = QStringLiteral("C:00070/registries");
        left.seq = 4;
        left.id = QStringLiteral("0190f1a2-b3c4-7aaa-9f60-718293a4b5c9");
        left.left = true;
        pull.changes.append(left);
        pull.positions = { { QStringLiteral("C:00070/registries"), 4 } };
        pull.more = true;
        pull.unit = QStringLiteral("C:00070");

        const QByteArray body = pull.encode();
        const auto decoded = sync::PullResponse::decode(body);
        QVERIFY(decoded);
        QCOMPARE(decoded->serverTime, pull.serverTime);
        QCOMPARE(decoded->buckets, pull.buckets);
        QCOMPARE(decoded->positions, pull.positions);
        QCOMPARE(decoded->more, true);
        QCOMPARE(decoded->unit, pull.unit);
        QCOMPARE(decoded->changes.size(), pull.changes.size());
        for (qsizetype i = 0; i < decoded->changes.size(); ++i) {
            sync::RecordChange change = decoded->changes.at(i);
            // Fields are kept as the bytes that came: the object that was written.
            QCOMPARE(change.fields, QJsonObject());
            QCOMPARE(change.fieldsJson.isEmpty(), change.left);
            change.fields = change.fieldsObject();
            change.fieldsJson.clear();
            QCOMPARE(change, pull.changes.at(i));
        }
        // fromJson() gives the same with the fields as objects.
        const auto parsed = sync::PullResponse::fromJson(QJsonDocument::fromJson(body).object());
        QVERIFY(parsed);
        QCOMPARE(parsed->changes, pull.changes);
    }

    void pullResponseDecodeRejectsMalformedPages_data()
    {
        QTest::addColumn<QByteArray>("body");
        const QByteArray change = validChange;
        const auto page = [](const QByteArray &changes, const QByteArray &rest = R"("positions":{})") -> QByteArray {
            return QByteArray(R"({"server_time":1,"buckets":[],"changes":[)") + changes + "]," + rest + "}";
        };
        QTest::newRow("no positions") << page(change, R"("more":false)");
        QTest::newRow("negative time") << QByteArray(R"({"server_time":-1,"buckets":[],"changes":[],"positions":{}})");
        QTest::newRow("fields not an object") << page(QByteArray(change).replace(R"("fields":{})", R"("fields":[])"));
        QTest::newRow("fields as sent") << page(
            QByteArray(change).replace(R"("fields":{})", R"("fields_as_sent":true)"));
        QTest::newRow("no id") << page(QByteArray(change).replace(R"("id":"r1",)", ""));
        QTest::newRow("bad bucket") << page(QByteArray(change).replace("C:00070/registries", "C:00070"));
        QTest::newRow("bad scope") << page(QByteArray(change).replace(R"("scope":"C:00070")", R"("scope":"x")"));
        QTest::newRow("no deleted") << page(QByteArray(change).replace(R"("deleted":false,)", ""));
        QTest::newRow("bad stamp") << page(QByteArray(change).replace("0190f1a2b3c4-0003-pc-01", "now"));
        QTest::newRow("fractional seq") << page(QByteArray(change).replace(R"("seq":1)", R"("seq":1.5)"));
        QTest::newRow("bad position") << page(change, R"("positions":{"C:00070/registries":-2})");
        QTest::newRow("position of no bucket") << page(change, R"("positions":{"nowhere":2})");
        QTest::newRow("bad head") << QByteArray(
            R"({"server_time":1,"buckets":[{"bucket":"C:00070/registries","seq":1}],)"
            R"("changes":[],"positions":{}})");
        QTest::newRow("truncated") << page(change).chopped(1);
        QTest::newRow("unit not a string") << page(change, R"("positions":{},"unit":70)");
        QTest::newRow("unit not a scope") << page(change, R"("positions":{},"unit":"Hoàn Kiếm")");
    }

    void pullResponseDecodeRejectsMalformedPages()
    {
        QFETCH(QByteArray, body);
        QVERIFY(!sync::PullResponse::decode(body));
        // The well-formed page these were made from reads.
        const QByteArray good
            = QByteArray(R"({"server_time":1,"buckets":[],"changes":[)") + validChange + R"(],"positions":{}})";
        const auto decoded = sync::PullResponse::decode(good);
        QVERIFY(decoded);
        QVERIFY(decoded->unit.isEmpty()); // a server that does not say
        QVERIFY(sync::PullResponse::decode(QByteArray(good).insert(1, R"("unit":"C:00070",)")));
    }

    void pushResponseDecodeRejectsMalformedAnswers_data()
    {
        QTest::addColumn<QByteArray>("body");
        const QByteArray result = R"({"op_id":"o1","outcome":"applied","record":)" + validChange + "}";
        const auto answer = [](const QByteArray &results) -> QByteArray {
            return QByteArray(R"({"server_time":1,"results":[)") + results + "]}";
        };
        QTest::newRow("no results") << QByteArray(R"({"server_time":1})");
        QTest::newRow("no time") << QByteArray(R"({"results":[]})");
        QTest::newRow("no op id") << answer(QByteArray(result).replace(R"("op_id":"o1",)", ""));
        QTest::newRow("unknown outcome") << answer(QByteArray(result).replace("applied", "done"));
        QTest::newRow("record not an object") << answer(R"({"op_id":"o1","outcome":"applied","record":[]})");
        QTest::newRow("bad record") << answer(QByteArray(result).replace(R"("deleted":false,)", ""));
        QTest::newRow("code not text") << answer(R"({"op_id":"o1","outcome":"rejected","code":7})");
        QTest::newRow("truncated") << answer(result).chopped(1);
    }

    void pushResponseDecodeRejectsMalformedAnswers()
    {
        QFETCH(QByteArray, body);
        QVERIFY(!sync::PushResponse::decode(body));
        // The well-formed answer these were made from reads, a create's acknowledgement included.
        const QByteArray good = R"({"server_time":1,"results":[{"op_id":"o1","outcome":"applied","record":)"
            + validChange + R"(},{"op_id":"o2","outcome":"applied","record":)"
            + QByteArray(validChange).replace(R"("fields":{})", R"("fields_as_sent":true)") + "}]}";
        const auto read = sync::PushResponse::decode(good);
        QVERIFY(read);
        QCOMPARE(read->results.size(), 2);
        QVERIFY(read->results.at(1).record->fieldsAsSent);
    }
};

QTEST_GUILESS_MAIN(tst_JsonReader)
#include "tst_jsonreader.moc"
