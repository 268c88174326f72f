// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/syncop.h"

#include "shared/canonicaljson.h"
#include "shared/crypto.h"
#include "shared/jsonreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace mts;

Q_DECLARE_METATYPE(mts::SyncOpError)

namespace {

const QString opId = QStringLiteral("0190f1a2-b3c4-7d5e-8f60-718293a4b5c6");
const QString recordId = QStringLiteral("0190f1a2-b3c4-7aaa-9f60-718293a4b5c6");
const QString stamp = QStringLiteral("0190f1a2b3c4-0003-pc-01");

QJsonObject validUpdate()
{
    return QJsonObject {
        { QStringLiteral("op_id"), opId },
        { QStringLiteral("type"), QStringLiteral("update") },
        { QStringLiteral("record_id"), recordId },
        { QStringLiteral("kind"), QStringLiteral("person") },
        { QStringLiteral("scope"), QStringLiteral("C:00070") },
        { QStringLiteral("hlc"), stamp },
        { QStringLiteral("set"),
            QJsonObject { { QStringLiteral("name"), QStringLiteral("Trần Thị B") }, { QStringLiteral("age"), 31 } } },
        { QStringLiteral("schema_version"), 2 },
    };
}

QJsonObject validMove()
{
    QJsonObject json = validUpdate();
    json.insert(QStringLiteral("type"), QStringLiteral("move"));
    json.insert(QStringLiteral("move"),
        QJsonObject { { QStringLiteral("from"), QStringLiteral("C:00070") },
            { QStringLiteral("to"), QStringLiteral("C:00071") } });
    return json;
}

QJsonObject validTransition()
{
    QJsonObject json = validUpdate();
    json.insert(QStringLiteral("type"), QStringLiteral("transition"));
    json.insert(QStringLiteral("transition"),
        QJsonObject { { QStringLiteral("field"), QStringLiteral("status") },
            { QStringLiteral("from"), QStringLiteral("draft") }, { QStringLiteral("to"), QStringLiteral("sent") } });
    return json;
}

QJsonObject with(QJsonObject json, const QString &key, const QJsonValue &value)
{
    json.insert(key, value);
    return json;
}

QJsonObject without(QJsonObject json, const QString &key)
{
    json.remove(key);
    return json;
}

} // namespace

class tst_SyncOp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::newRow("update") << validUpdate();
        for (const char *type : { "create", "delete", "restore" })
            QTest::newRow(type) << with(validUpdate(), QStringLiteral("type"), QString::fromLatin1(type));
        QTest::newRow("move") << validMove();
        QTest::newRow("transition") << validTransition();
        QTest::newRow("nested set values") << with(validUpdate(), QStringLiteral("set"),
            QJsonObject { { QStringLiteral("list"), QJsonArray { 1, QStringLiteral("x"), QJsonValue::Null } },
                { QStringLiteral("obj"), QJsonObject { { QStringLiteral("k"), true } } } });
    }

    void roundTrip()
    {
        QFETCH(QJsonObject, json);
        const auto parsed = SyncOp::fromJson(json);
        QVERIFY2(parsed.isOk(), qPrintable(parsed.isOk() ? QString() : parsed.error().message));
        QCOMPARE(parsed.value().toJson(), json);
        // Through the text of the wire as well.
        const QJsonObject reread = QJsonDocument::fromJson(QJsonDocument(parsed.value().toJson()).toJson()).object();
        const auto again = SyncOp::fromJson(reread);
        QVERIFY(again.isOk());
        QCOMPARE(again.value(), parsed.value());
        QCOMPARE(again.value().contentHash(), parsed.value().contentHash());
    }

    void parsedFields()
    {
        const auto update = SyncOp::fromJson(validUpdate());
        QVERIFY(update.isOk());
        const SyncOp &op = update.value();
        QCOMPARE(op.opId, opId);
        QCOMPARE(op.type, SyncOp::Type::Update);
        QCOMPARE(op.recordId, recordId);
        QCOMPARE(op.kind, QStringLiteral("person"));
        QCOMPARE(op.hlc, (HlcStamp { 0x190f1a2b3c4, 3, QStringLiteral("pc-01") }));
        QCOMPARE(op.set.value(QStringLiteral("age")).toInt(), 31);
        QCOMPARE(op.schemaVersion, 2);

        const auto move = SyncOp::fromJson(validMove());
        QVERIFY(move.isOk());
        QCOMPARE(move.value().moveFrom, QStringLiteral("C:00070"));
        QCOMPARE(move.value().moveTo, QStringLiteral("C:00071"));

        const auto transition = SyncOp::fromJson(validTransition());
        QVERIFY(transition.isOk());
        QCOMPARE(transition.value().transitionField, QStringLiteral("status"));
        QCOMPARE(transition.value().transitionFrom, QStringLiteral("draft"));
        QCOMPARE(transition.value().transitionTo, QStringLiteral("sent"));
    }

    void setMayBeOmitted()
    {
        const auto parsed = SyncOp::fromJson(
            without(with(validUpdate(), QStringLiteral("type"), QStringLiteral("delete")), QStringLiteral("set")));
        QVERIFY(parsed.isOk());
        QVERIFY(parsed.value().set.isEmpty());
        QCOMPARE(parsed.value().toJson().value(QStringLiteral("set")), QJsonValue(QJsonObject()));
    }

    void typeNames()
    {
        for (const auto type : { SyncOp::Type::Create, SyncOp::Type::Update, SyncOp::Type::Delete,
                 SyncOp::Type::Restore, SyncOp::Type::Move, SyncOp::Type::Transition })
            QCOMPARE(SyncOp::typeFromName(SyncOp::typeName(type)), std::optional<SyncOp::Type>(type));
        QCOMPARE(SyncOp::typeName(SyncOp::Type::Transition), QStringLiteral("transition"));
        QVERIFY(!SyncOp::typeFromName(u"Update").has_value());
    }

    void badInput_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::addColumn<SyncOpError>("error");
        const QJsonObject base = validUpdate();
        const auto set
            = [&base](const char *key, const QJsonValue &value) { return with(base, QString::fromLatin1(key), value); };
        const auto drop = [&base](const char *key) { return without(base, QString::fromLatin1(key)); };

        for (const char *key : { "op_id", "type", "record_id", "kind", "scope", "hlc", "schema_version" })
            QTest::addRow("missing %s", key) << drop(key) << SyncOpError::MissingField;
        for (const char *key : { "op_id", "type", "record_id", "kind", "scope", "hlc" }) {
            QTest::addRow("%s number", key) << set(key, 7) << SyncOpError::WrongType;
            QTest::addRow("%s null", key) << set(key, QJsonValue::Null) << SyncOpError::WrongType;
        }
        QTest::newRow("schema_version string") << set("schema_version", QStringLiteral("2")) << SyncOpError::WrongType;
        QTest::newRow("schema_version 0") << set("schema_version", 0) << SyncOpError::BadSchemaVersion;
        QTest::newRow("schema_version negative") << set("schema_version", -1) << SyncOpError::BadSchemaVersion;
        QTest::newRow("schema_version fraction") << set("schema_version", 1.5) << SyncOpError::BadSchemaVersion;
        QTest::newRow("schema_version huge") << set("schema_version", 1e12) << SyncOpError::BadSchemaVersion;
        QTest::newRow("unknown type") << set("type", QStringLiteral("merge")) << SyncOpError::UnknownType;
        QTest::newRow("type wrong case") << set("type", QStringLiteral("Update")) << SyncOpError::UnknownType;
        QTest::newRow("op_id not uuid") << set("op_id", QStringLiteral("abc")) << SyncOpError::BadOpId;
        QTest::newRow("op_id uuid4") << set("op_id", QStringLiteral("0190f1a2-b3c4-4d5e-8f60-718293a4b5c6"))
                                     << SyncOpError::BadOpId;
        QTest::newRow("op_id upper case") << set("op_id", opId.toUpper()) << SyncOpError::BadOpId;
        QTest::newRow("record_id not uuid") << set("record_id", QStringLiteral("")) << SyncOpError::BadRecordId;
        QTest::newRow("empty kind") << set("kind", QString()) << SyncOpError::BadKind;
        QTest::newRow("bad scope") << set("scope", QStringLiteral("C:7")) << SyncOpError::BadScope;
        QTest::newRow("scope lower case") << set("scope", QStringLiteral("c:00070")) << SyncOpError::BadScope;
        QTest::newRow("bad hlc") << set("hlc", QStringLiteral("yesterday")) << SyncOpError::BadHlc;
        QTest::newRow("hlc upper hex") << set("hlc", QStringLiteral("0190F1A2B3C4-0003-pc-01")) << SyncOpError::BadHlc;
        QTest::newRow("hlc without device") << set("hlc", QStringLiteral("0190f1a2b3c4-0003-")) << SyncOpError::BadHlc;
        QTest::newRow("set array") << set("set", QJsonArray { 1 }) << SyncOpError::BadSet;
        QTest::newRow("set string") << set("set", QStringLiteral("x")) << SyncOpError::BadSet;
        QTest::newRow("set null") << set("set", QJsonValue::Null) << SyncOpError::BadSet;
        for (const char *key : { "user", "user_id", "device", "device_id" })
            QTest::addRow("body names %s", key) << set(key, QStringLiteral("someone")) << SyncOpError::ForbiddenField;
        QTest::newRow("forbidden wins over other errors")
            << with(drop("op_id"), QStringLiteral("user_id"), 5) << SyncOpError::ForbiddenField;
        QTest::newRow("unknown key") << set("author", QStringLiteral("x")) << SyncOpError::UnknownField;
        QTest::newRow("move on update") << with(base, QStringLiteral("move"), validMove().value(QStringLiteral("move")))
                                        << SyncOpError::UnknownField;
        QTest::newRow("transition on create") << with(with(base, QStringLiteral("type"), QStringLiteral("create")),
            QStringLiteral("transition"), validTransition().value(QStringLiteral("transition")))
                                              << SyncOpError::UnknownField;

        const QJsonObject move = validMove();
        const auto moveWith = [&move](const QJsonValue &value) { return with(move, QStringLiteral("move"), value); };
        QTest::newRow("move without object") << without(move, QStringLiteral("move")) << SyncOpError::BadMove;
        QTest::newRow("move not object") << moveWith(QStringLiteral("C:00071")) << SyncOpError::BadMove;
        QTest::newRow("move without from")
            << moveWith(QJsonObject { { QStringLiteral("to"), QStringLiteral("C:00071") } }) << SyncOpError::BadMove;
        QTest::newRow("move without to") << moveWith(
            QJsonObject { { QStringLiteral("from"), QStringLiteral("C:00070") } })
                                         << SyncOpError::BadMove;
        QTest::newRow("move bad scope") << moveWith(QJsonObject {
            { QStringLiteral("from"), QStringLiteral("C:00070") }, { QStringLiteral("to"), QStringLiteral("C:7") } })
                                        << SyncOpError::BadMove;
        QTest::newRow("move scope number") << moveWith(
            QJsonObject { { QStringLiteral("from"), 70 }, { QStringLiteral("to"), QStringLiteral("C:00071") } })
                                           << SyncOpError::BadMove;

        const QJsonObject transition = validTransition();
        const auto transitionWithout = [&transition](const char *key) {
            QJsonObject inner = transition.value(QStringLiteral("transition")).toObject();
            inner.remove(QString::fromLatin1(key));
            return with(transition, QStringLiteral("transition"), inner);
        };
        QTest::newRow("transition without object")
            << without(transition, QStringLiteral("transition")) << SyncOpError::BadTransition;
        QTest::newRow("transition not object")
            << with(transition, QStringLiteral("transition"), QJsonArray {}) << SyncOpError::BadTransition;
        for (const char *key : { "field", "from", "to" })
            QTest::addRow("transition without %s", key) << transitionWithout(key) << SyncOpError::BadTransition;
        QJsonObject emptyTo = transition.value(QStringLiteral("transition")).toObject();
        emptyTo.insert(QStringLiteral("to"), QString());
        QTest::newRow("transition empty to")
            << with(transition, QStringLiteral("transition"), emptyTo) << SyncOpError::BadTransition;
    }

    void badInput()
    {
        QFETCH(QJsonObject, json);
        QFETCH(SyncOpError, error);
        const auto parsed = SyncOp::fromJson(json);
        QVERIFY(!parsed.isOk());
        QCOMPARE(parsed.error().code, error);
        QVERIFY(!parsed.error().message.isEmpty());
    }

    // The bytes form is what the server reads a push with: the same op, and the set's bytes as they came.
    void readsBytesInPlace()
    {
        const QByteArray bytes = QJsonDocument(validUpdate()).toJson(QJsonDocument::Compact);
        QByteArrayView set;
        const auto op = SyncOp::fromJson(bytes, &set);
        QVERIFY2(op.isOk(), qPrintable(op.isOk() ? QString() : op.error().message));
        QCOMPARE(op.value(), SyncOp::fromJson(validUpdate()).value());
        QCOMPARE(QJsonDocument::fromJson(set.toByteArray()).object(), validUpdate().value(QStringLiteral("set")));
        QVERIFY(set.data() >= bytes.constData() && set.data() + set.size() <= bytes.constData() + bytes.size());

        // An op among others: the reader stops after it.
        const QByteArray two = "[" + bytes + "," + bytes + "]";
        JsonReader reader(two);
        QVERIFY(reader.beginArray());
        for (int i = 0; i < 2; ++i) {
            QVERIFY(reader.nextElement());
            QVERIFY(SyncOp::read(reader).isOk());
        }
        QVERIFY(!reader.nextElement());
        QVERIFY(reader.atEnd());
    }

    void refusesMalformedBytes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<SyncOpError>("error");
        QByteArray open = QJsonDocument(validUpdate()).toJson(QJsonDocument::Compact);
        open.chop(1);
        QTest::newRow("not JSON") << QByteArray("{\"op_id\": ") << SyncOpError::Malformed;
        QTest::newRow("array") << QByteArray("[1]") << SyncOpError::Malformed;
        QTest::newRow("trailing bytes") << QByteArray(open + "} x") << SyncOpError::Malformed;
        QTest::newRow("invalid UTF-8") << QByteArray(open + ",\"kind\":\"\xc3\"}") << SyncOpError::Malformed;
        QTest::newRow("kind twice") << QByteArray(open + ",\"kind\":\"household\"}") << SyncOpError::RepeatedField;
        QTest::newRow("set twice") << QByteArray(open + ",\"set\":{}}") << SyncOpError::RepeatedField;
        QTest::newRow("forged user besides")
            << QByteArray(open + ",\"device\":1,\"user\":2}") << SyncOpError::ForbiddenField;
    }

    void refusesMalformedBytes()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(SyncOpError, error);
        const auto parsed = SyncOp::fromJson(bytes);
        QVERIFY(!parsed.isOk());
        QCOMPARE(parsed.error().code, error);
        QVERIFY(!parsed.error().message.isEmpty());
    }

    void contentHashStableAcrossKeyOrder()
    {
        const QByteArray forward
            = R"({"op_id":"0190f1a2-b3c4-7d5e-8f60-718293a4b5c6","type":"update",)"
              R"("record_id":"0190f1a2-b3c4-7aaa-9f60-718293a4b5c6","kind":"person","scope":"C:00070",)"
              R"("hlc":"0190f1a2b3c4-0003-pc-01","set":{"name":"An","age":31},"schema_version":2})";
        const QByteArray backward
            = R"({"schema_version":2.0,"set":{"age":31,"name":"An"},"hlc":"0190f1a2b3c4-0003-pc-01",)"
              R"("scope":"C:00070","kind":"person","record_id":"0190f1a2-b3c4-7aaa-9f60-718293a4b5c6",)"
              R"("type":"update","op_id":"0190f1a2-b3c4-7d5e-8f60-718293a4b5c6"})";
        const auto a = SyncOp::fromJson(QJsonDocument::fromJson(forward).object());
        const auto b = SyncOp::fromJson(QJsonDocument::fromJson(backward).object());
        QVERIFY(a.isOk() && b.isOk());
        QCOMPARE(a.value().contentHash().size(), 32);
        QCOMPARE(a.value().contentHash(), b.value().contentHash());
    }

    void contentHashChangesWithContent_data()
    {
        QTest::addColumn<QJsonObject>("json");
        const QJsonObject base = validUpdate();
        QTest::newRow("op_id") << with(
            base, QStringLiteral("op_id"), QStringLiteral("0190f1a2-b3c4-7d5e-8f60-718293a4b5c7"));
        QTest::newRow("type") << with(base, QStringLiteral("type"), QStringLiteral("create"));
        QTest::newRow("record_id") << with(base, QStringLiteral("record_id"), opId);
        QTest::newRow("kind") << with(base, QStringLiteral("kind"), QStringLiteral("household"));
        QTest::newRow("hlc counter") << with(base, QStringLiteral("hlc"), QStringLiteral("0190f1a2b3c4-0004-pc-01"));
        QTest::newRow("hlc device") << with(base, QStringLiteral("hlc"), QStringLiteral("0190f1a2b3c4-0003-pc-02"));
        QTest::newRow("schema_version") << with(base, QStringLiteral("schema_version"), 3);
        QTest::newRow("set value") << with(base, QStringLiteral("set"),
            QJsonObject { { QStringLiteral("name"), QStringLiteral("Trần Thị C") }, { QStringLiteral("age"), 31 } });
        QTest::newRow("set extra") << with(base, QStringLiteral("set"),
            QJsonObject { { QStringLiteral("name"), QStringLiteral("Trần Thị B") }, { QStringLiteral("age"), 31 },
                { QStringLiteral("note"), QJsonValue::Null } });
        QTest::newRow("set empty") << without(base, QStringLiteral("set"));
    }

    void contentHashChangesWithContent()
    {
        QFETCH(QJsonObject, json);
        const auto base = SyncOp::fromJson(validUpdate());
        const auto changed = SyncOp::fromJson(json);
        QVERIFY(base.isOk() && changed.isOk());
        QVERIFY(changed.value().contentHash() != base.value().contentHash());
    }

    void contentHashCoversMoveAndTransition()
    {
        const auto move = SyncOp::fromJson(validMove());
        QVERIFY(move.isOk());
        SyncOp other = move.value();
        other.moveTo = QStringLiteral("C:00072");
        QVERIFY(other.contentHash() != move.value().contentHash());

        const auto transition = SyncOp::fromJson(validTransition());
        QVERIFY(transition.isOk());
        other = transition.value();
        other.transitionFrom = QStringLiteral("sent");
        QVERIFY(other.contentHash() != transition.value().contentHash());
    }

    void contentHashIsTheCanonicalEncodingOfTheWholeOp_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::newRow("update") << validUpdate();
        QTest::newRow("create") << with(validUpdate(), QStringLiteral("type"), QStringLiteral("create"));
        QTest::newRow("delete without set")
            << with(without(validUpdate(), QStringLiteral("set")), QStringLiteral("type"), QStringLiteral("delete"));
        QTest::newRow("move") << validMove();
        QTest::newRow("transition") << validTransition();
        // Decomposed text and a key that NFC changes: the op's strings and its set are normalised alike.
        QTest::newRow("nfd") << with(with(validUpdate(), QStringLiteral("kind"), QStringLiteral("ho\u0302\u0323")),
            QStringLiteral("set"),
            QJsonObject {
                { QStringLiteral("te\u0302n"), QStringLiteral("Tra\u0302\u0300n") }, { QStringLiteral("age"), 31.0 } });
    }

    void contentHashIsTheCanonicalEncodingOfTheWholeOp()
    {
        // contentHash() writes the encoding member by member; the definition is the encoding of toJson().
        QFETCH(QJsonObject, json);
        const auto op = SyncOp::fromJson(json);
        QVERIFY2(op.isOk(), qPrintable(op.isOk() ? QString() : op.error().message));
        const QByteArray expected = crypto::blake2b(CanonicalJson::encode(op.value().toJson()), 32);
        QCOMPARE(op.value().contentHash(), expected);
        QCOMPARE(op.value().contentHash(CanonicalJson::encode(op.value().set)), expected);
    }
};

QTEST_GUILESS_MAIN(tst_SyncOp)
#include "tst_syncop.moc"
