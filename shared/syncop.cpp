// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/syncop.h"

#include "shared/canonicaljson.h"
#include "shared/crypto.h"
#include "shared/jsonreader.h"
#include "shared/jsonwriter.h"
#include "shared/scope.h"
#include "shared/uuid7.h"

#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace mts {

namespace {

using Failure = mts::Error<SyncOpError>;

constexpr std::array typeNames { u"create", u"update", u"delete", u"restore", u"move", u"transition" };

Failure failure(SyncOpError code, const QString &message)
{
    return { code, message };
}

} // namespace

QString SyncOp::typeName(Type type)
{
    return QString::fromUtf16(typeNames.at(size_t(type)));
}

std::optional<SyncOp::Type> SyncOp::typeFromName(QStringView name)
{
    for (size_t i = 0; i < typeNames.size(); ++i) {
        if (name == QStringView(typeNames[i]))
            return Type(i);
    }
    return std::nullopt;
}

namespace {

// The members of an op as they stand on the wire, before any of them is checked.
struct WireOp {
    enum Slot { OpId, Type, RecordId, Kind, Scope, Hlc, Set, SchemaVersion, Move, Transition, SlotCount };
    static constexpr std::array<const char *, SlotCount> names { "op_id", "type", "record_id", "kind", "scope", "hlc",
        "set", "schema_version", "move", "transition" };
    static constexpr std::array<const char *, 4> forbidden { "user", "user_id", "device", "device_id" };

    /// The type of each member's value; Invalid for a member not there.
    std::array<JsonReader::Type, SlotCount> types {};
    /// The string members (op_id … hlc) that are strings.
    std::array<QString, Set> strings;
    QByteArrayView set;
    QByteArrayView schemaVersion;
    /// `from`, `to` of a move; `field`, `from`, `to` of a transition: each when it is a non-empty string.
    std::optional<QString> moveFrom, moveTo, transitionField, transitionFrom, transitionTo;
    std::optional<size_t> forbiddenName;
    QByteArray repeated;
    QByteArray unknown;

    bool has(Slot slot) const { return types[slot] != JsonReader::Type::Invalid; }
};

std::optional<QString> nonEmpty(std::optional<QString> text)
{
    return text && !text->isEmpty() ? text : std::nullopt;
}

// Reads the object of a move or a transition: its string members `first`, `second` (and `third`).
void readNested(JsonReader &json, std::optional<QString> *first, std::optional<QString> *second,
    std::optional<QString> *third, const char *firstName, const char *secondName, const char *thirdName)
{
    json.beginObject();
    while (const auto key = json.nextKey()) {
        std::optional<QString> *target = *key == firstName ? first
            : *key == secondName                           ? second
            : thirdName && *key == thirdName               ? third
                                                           : nullptr;
        if (target && json.peek() == JsonReader::Type::String)
            *target = nonEmpty(json.string());
        else if (target)
            *target = std::nullopt, json.skip();
        else
            json.skip();
    }
}

// Reads the members of the op at the reader's position; false when it is not a JSON object.
bool readWireOp(JsonReader &json, WireOp *op)
{
    if (!json.beginObject())
        return false;
    while (const auto key = json.nextKey()) {
        const auto slot = std::find_if(WireOp::names.begin(), WireOp::names.end(), [&key](const char *name) {
            return *key == name;
        }) - WireOp::names.begin();
        if (slot == WireOp::SlotCount) {
            const auto forbidden = std::find_if(WireOp::forbidden.begin(), WireOp::forbidden.end(),
                                       [&key](const char *name) { return *key == name; })
                - WireOp::forbidden.begin();
            if (size_t(forbidden) < WireOp::forbidden.size())
                op->forbiddenName = std::min(op->forbiddenName.value_or(forbidden), size_t(forbidden));
            else if (op->unknown.isEmpty())
                op->unknown = key->toByteArray();
            json.skip();
            continue;
        }
        const JsonReader::Type type = json.peek();
        if (op->has(WireOp::Slot(slot)) && op->repeated.isEmpty())
            op->repeated = key->toByteArray();
        op->types[slot] = type;
        if (slot < WireOp::Set && type == JsonReader::Type::String)
            op->strings[slot] = json.string().value_or(QString());
        else if (slot == WireOp::Set)
            op->set = json.skip();
        else if (slot == WireOp::SchemaVersion)
            op->schemaVersion = json.skip();
        else if (slot == WireOp::Move && type == JsonReader::Type::Object)
            readNested(json, &op->moveFrom, &op->moveTo, nullptr, "from", "to", nullptr);
        else if (slot == WireOp::Transition && type == JsonReader::Type::Object)
            readNested(json, &op->transitionField, &op->transitionFrom, &op->transitionTo, "field", "from", "to");
        else
            json.skip();
    }
    return !json.failed();
}

// A required string member: MissingField when absent, WrongType when not a string.
std::optional<Failure> requireString(const WireOp &wire, WireOp::Slot slot, QString *out)
{
    const QString name = QString::fromLatin1(WireOp::names.at(slot));
    if (!wire.has(slot))
        return failure(SyncOpError::MissingField, QStringLiteral("The op has no \"%1\".").arg(name));
    if (wire.types.at(slot) != JsonReader::Type::String)
        return failure(SyncOpError::WrongType, QStringLiteral("\"%1\" must be a string.").arg(name));
    *out = wire.strings.at(slot);
    return std::nullopt;
}

} // namespace

Result<SyncOp, SyncOpError> SyncOp::fromJson(const QJsonObject &json)
{
    return fromJson(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

Result<SyncOp, SyncOpError> SyncOp::fromJson(QByteArrayView json, QByteArrayView *setBytes)
{
    JsonReader reader(json);
    auto op = read(reader, setBytes);
    if (op && !reader.atEnd())
        return failure(SyncOpError::Malformed, QStringLiteral("The op is not a JSON object."));
    return op;
}

Result<SyncOp, SyncOpError> SyncOp::read(JsonReader &json, QByteArrayView *setBytes)
{
    WireOp wire;
    if (!readWireOp(json, &wire))
        return failure(SyncOpError::Malformed, QStringLiteral("The op is not a JSON object."));

    // Identity is checked first so a client that tries to speak for someone else is told exactly that.
    if (wire.forbiddenName) {
        return failure(SyncOpError::ForbiddenField,
            QStringLiteral("\"%1\" may not be sent in an op: the user and device come from the access token.")
                .arg(QLatin1String(WireOp::forbidden.at(*wire.forbiddenName))));
    }
    if (!wire.repeated.isEmpty()) {
        return failure(SyncOpError::RepeatedField,
            QStringLiteral("The op names \"%1\" more than once.").arg(QString::fromUtf8(wire.repeated)));
    }

    SyncOp op;
    QString text;
    if (auto error = requireString(wire, WireOp::Type, &text))
        return *error;
    const auto type = typeFromName(text);
    if (!type)
        return failure(SyncOpError::UnknownType, QStringLiteral("Unknown op type \"%1\".").arg(text));
    op.type = *type;

    const char *misplaced = wire.has(WireOp::Move) && op.type != Type::Move ? "move"
        : wire.has(WireOp::Transition) && op.type != Type::Transition       ? "transition"
                                                                            : nullptr;
    if (!wire.unknown.isEmpty() || misplaced) {
        return failure(SyncOpError::UnknownField,
            QStringLiteral("An op of type \"%1\" has no \"%2\".")
                .arg(typeName(op.type), misplaced ? QString::fromLatin1(misplaced) : QString::fromUtf8(wire.unknown)));
    }

    if (auto error = requireString(wire, WireOp::OpId, &op.opId))
        return *error;
    if (!isLowerUuid7(op.opId))
        return failure(SyncOpError::BadOpId, QStringLiteral("\"op_id\" is not a lower-case UUIDv7."));

    if (auto error = requireString(wire, WireOp::RecordId, &op.recordId))
        return *error;
    if (!isLowerUuid7(op.recordId))
        return failure(SyncOpError::BadRecordId, QStringLiteral("\"record_id\" is not a lower-case UUIDv7."));

    if (auto error = requireString(wire, WireOp::Kind, &op.kind))
        return *error;
    if (op.kind.isEmpty())
        return failure(SyncOpError::BadKind, QStringLiteral("\"kind\" is empty."));

    if (auto error = requireString(wire, WireOp::Scope, &op.scope))
        return *error;
    if (const auto scope = Scope::parse(op.scope); !scope || scope->toString() != op.scope)
        return failure(SyncOpError::BadScope, QStringLiteral("\"scope\" is not a scope: \"%1\".").arg(op.scope));

    if (auto error = requireString(wire, WireOp::Hlc, &text))
        return *error;
    const auto stamp = HlcStamp::parse(text);
    if (!stamp)
        return failure(SyncOpError::BadHlc, QStringLiteral("\"hlc\" is not an HLC stamp: \"%1\".").arg(text));
    op.hlc = *stamp;

    if (wire.has(WireOp::Set)) {
        if (wire.types.at(WireOp::Set) != JsonReader::Type::Object)
            return failure(SyncOpError::BadSet, QStringLiteral("\"set\" must be an object of field values."));
        // The reader has checked the bytes; the document does not keep them.
        op.set = QJsonDocument::fromJson(QByteArray::fromRawData(wire.set.data(), wire.set.size())).object();
        if (setBytes)
            *setBytes = wire.set;
    } else if (setBytes) {
        *setBytes = {};
    }

    if (!wire.has(WireOp::SchemaVersion))
        return failure(SyncOpError::MissingField, QStringLiteral("The op has no \"schema_version\"."));
    if (wire.types.at(WireOp::SchemaVersion) != JsonReader::Type::Number)
        return failure(SyncOpError::WrongType, QStringLiteral("\"schema_version\" must be a number."));
    // As a double, the way JSON numbers read: 2.0 is 2.
    const double number = wire.schemaVersion.toByteArray().toDouble();
    if (!(number >= 1 && number <= std::numeric_limits<int>::max() && std::trunc(number) == number))
        return failure(SyncOpError::BadSchemaVersion, QStringLiteral("\"schema_version\" must be an integer ≥ 1."));
    op.schemaVersion = int(number);

    if (op.type == Type::Move) {
        if (wire.types.at(WireOp::Move) != JsonReader::Type::Object || !wire.moveFrom || !wire.moveTo
            || !Scope::parse(*wire.moveFrom) || !Scope::parse(*wire.moveTo)) {
            return failure(SyncOpError::BadMove,
                QStringLiteral("A move needs \"move\": {\"from\": scope, \"to\": scope} with valid scopes."));
        }
        op.moveFrom = *wire.moveFrom;
        op.moveTo = *wire.moveTo;
    }

    if (op.type == Type::Transition) {
        if (wire.types.at(WireOp::Transition) != JsonReader::Type::Object || !wire.transitionField
            || !wire.transitionFrom || !wire.transitionTo) {
            return failure(SyncOpError::BadTransition,
                QStringLiteral("A transition needs \"transition\": {\"field\", \"from\", \"to\"}, all non-empty "
                               "strings."));
        }
        op.transitionField = *wire.transitionField;
        op.transitionFrom = *wire.transitionFrom;
        op.transitionTo = *wire.transitionTo;
    }

    return op;
}

QJsonObject SyncOp::toJson() const
{
    return QJsonDocument::fromJson(encode()).object();
}

QByteArray SyncOp::encode() const
{
    JsonWriter json(512);
    write(json);
    return json.take();
}

void SyncOp::write(JsonWriter &json) const
{
    json.beginObject().key("op_id").value(opId).key("type").value(QStringView(typeNames.at(size_t(type))));
    json.key("record_id").value(recordId).key("kind").value(kind).key("scope").value(scope);
    json.key("hlc").value(hlc.toString()).key("set").value(set).key("schema_version").value(qint64(schemaVersion));
    if (type == Type::Move)
        json.key("move").beginObject().key("from").value(moveFrom).key("to").value(moveTo).endObject();
    if (type == Type::Transition) {
        json.key("transition").beginObject().key("field").value(transitionField);
        json.key("from").value(transitionFrom).key("to").value(transitionTo).endObject();
    }
    json.endObject();
}

QByteArray SyncOp::contentHash() const
{
    return contentHash(CanonicalJson::encode(set));
}

QByteArray SyncOp::contentHash(QByteArrayView canonicalSet) const
{
    // CanonicalJson::encode(toJson()) written member by member, keys in their canonical order, around the set's
    // bytes. A set with no encoding gives the whole op none, as encode() would.
    if (canonicalSet.isEmpty())
        return crypto::blake2b({}, 32);
    QByteArray out;
    out.reserve(canonicalSet.size() + 320);
    const auto member = [&out](const char *name, const QString &value) {
        out.append(name);
        CanonicalJson::appendString(out, value);
    };
    member("{\"hlc\":", hlc.toString());
    member(",\"kind\":", kind);
    if (type == Type::Move) {
        member(",\"move\":{\"from\":", moveFrom);
        member(",\"to\":", moveTo);
        out.append('}');
    }
    member(",\"op_id\":", opId);
    member(",\"record_id\":", recordId);
    out.append(",\"schema_version\":");
    out.append(QByteArray::number(schemaVersion));
    member(",\"scope\":", scope);
    out.append(",\"set\":");
    out.append(canonicalSet);
    if (type == Type::Transition) {
        member(",\"transition\":{\"field\":", transitionField);
        member(",\"from\":", transitionFrom);
        member(",\"to\":", transitionTo);
        out.append('}');
    }
    member(",\"type\":", typeName(type));
    out.append('}');
    return crypto::blake2b(out, 32);
}

} // namespace mts
