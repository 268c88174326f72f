// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/syncop.h"

#include "shared/canonicaljson.h"
#include "shared/crypto.h"
#include "shared/jsonwriter.h"
#include "shared/scope.h"
#include "shared/uuid7.h"

#include <QJsonDocument>
#include <QJsonValue>

#include <array>
#include <cmath>
#include <limits>

namespace mts {

namespace {

using Failure = mts::Error<SyncOpError>;

namespace key {
const QString opId = QStringLiteral("op_id");
const QString type = QStringLiteral("type");
const QString recordId = QStringLiteral("record_id");
const QString kind = QStringLiteral("kind");
const QString scope = QStringLiteral("scope");
const QString hlc = QStringLiteral("hlc");
const QString set = QStringLiteral("set");
const QString schemaVersion = QStringLiteral("schema_version");
const QString move = QStringLiteral("move");
const QString transition = QStringLiteral("transition");
const QString from = QStringLiteral("from");
const QString to = QStringLiteral("to");
const QString field = QStringLiteral("field");
} // namespace key

constexpr std::array typeNames { u"create", u"update", u"delete", u"restore", u"move", u"transition" };

Failure failure(SyncOpError code, const QString &message)
{
    return { code, message };
}

// A required string member: MissingField when absent, WrongType when not a string.
std::optional<Failure> requireString(const QJsonObject &json, const QString &name, QString &out)
{
    const auto it = json.constFind(name);
    if (it == json.constEnd())
        return failure(SyncOpError::MissingField, QStringLiteral("The op has no \"%1\".").arg(name));
    if (!it->isString())
        return failure(SyncOpError::WrongType, QStringLiteral("\"%1\" must be a string.").arg(name));
    out = it->toString();
    return std::nullopt;
}

// The members of a move or transition object, each a non-empty string.
std::optional<QString> nestedString(const QJsonObject &object, const QString &name)
{
    const QJsonValue value = object.value(name);
    if (!value.isString() || value.toString().isEmpty())
        return std::nullopt;
    return value.toString();
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

Result<SyncOp, SyncOpError> SyncOp::fromJson(const QJsonObject &json)
{
    // Identity is checked first so a client that tries to speak for someone else is told exactly that.
    for (const QString &forbidden :
        { QStringLiteral("user"), QStringLiteral("user_id"), QStringLiteral("device"), QStringLiteral("device_id") }) {
        if (json.contains(forbidden)) {
            return failure(SyncOpError::ForbiddenField,
                QStringLiteral("\"%1\" may not be sent in an op: the user and device come from the access token.")
                    .arg(forbidden));
        }
    }

    SyncOp op;
    QString text;
    if (auto error = requireString(json, key::type, text))
        return *error;
    const auto type = typeFromName(text);
    if (!type)
        return failure(SyncOpError::UnknownType, QStringLiteral("Unknown op type \"%1\".").arg(text));
    op.type = *type;

    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        const QString &name = it.key();
        const bool known = name == key::opId || name == key::type || name == key::recordId || name == key::kind
            || name == key::scope || name == key::hlc || name == key::set || name == key::schemaVersion
            || (name == key::move && op.type == Type::Move) || (name == key::transition && op.type == Type::Transition);
        if (!known) {
            return failure(SyncOpError::UnknownField,
                QStringLiteral("An op of type \"%1\" has no \"%2\".").arg(typeName(op.type), name));
        }
    }

    if (auto error = requireString(json, key::opId, op.opId))
        return *error;
    if (!isUuid7(op.opId) || op.opId != op.opId.toLower())
        return failure(SyncOpError::BadOpId, QStringLiteral("\"op_id\" is not a lower-case UUIDv7."));

    if (auto error = requireString(json, key::recordId, op.recordId))
        return *error;
    if (!isUuid7(op.recordId) || op.recordId != op.recordId.toLower())
        return failure(SyncOpError::BadRecordId, QStringLiteral("\"record_id\" is not a lower-case UUIDv7."));

    if (auto error = requireString(json, key::kind, op.kind))
        return *error;
    if (op.kind.isEmpty())
        return failure(SyncOpError::BadKind, QStringLiteral("\"kind\" is empty."));

    if (auto error = requireString(json, key::scope, op.scope))
        return *error;
    if (!Scope::parse(op.scope) || Scope::parse(op.scope)->toString() != op.scope)
        return failure(SyncOpError::BadScope, QStringLiteral("\"scope\" is not a scope: \"%1\".").arg(op.scope));

    if (auto error = requireString(json, key::hlc, text))
        return *error;
    const auto stamp = HlcStamp::parse(text);
    if (!stamp)
        return failure(SyncOpError::BadHlc, QStringLiteral("\"hlc\" is not an HLC stamp: \"%1\".").arg(text));
    op.hlc = *stamp;

    if (const auto it = json.constFind(key::set); it != json.constEnd()) {
        if (!it->isObject())
            return failure(SyncOpError::BadSet, QStringLiteral("\"set\" must be an object of field values."));
        op.set = it->toObject();
    }

    const auto version = json.constFind(key::schemaVersion);
    if (version == json.constEnd())
        return failure(SyncOpError::MissingField, QStringLiteral("The op has no \"schema_version\"."));
    if (!version->isDouble())
        return failure(SyncOpError::WrongType, QStringLiteral("\"schema_version\" must be a number."));
    const double number = version->toDouble();
    if (!(number >= 1 && number <= std::numeric_limits<int>::max() && std::trunc(number) == number))
        return failure(SyncOpError::BadSchemaVersion, QStringLiteral("\"schema_version\" must be an integer ≥ 1."));
    op.schemaVersion = int(number);

    if (op.type == Type::Move) {
        const QJsonValue move = json.value(key::move);
        const auto from = nestedString(move.toObject(), key::from);
        const auto to = nestedString(move.toObject(), key::to);
        if (!move.isObject() || !from || !to || !Scope::parse(*from) || !Scope::parse(*to)) {
            return failure(SyncOpError::BadMove,
                QStringLiteral("A move needs \"move\": {\"from\": scope, \"to\": scope} with valid scopes."));
        }
        op.moveFrom = *from;
        op.moveTo = *to;
    }

    if (op.type == Type::Transition) {
        const QJsonValue transition = json.value(key::transition);
        const auto field = nestedString(transition.toObject(), key::field);
        const auto from = nestedString(transition.toObject(), key::from);
        const auto to = nestedString(transition.toObject(), key::to);
        if (!transition.isObject() || !field || !from || !to) {
            return failure(SyncOpError::BadTransition,
                QStringLiteral("A transition needs \"transition\": {\"field\", \"from\", \"to\"}, all non-empty "
                               "strings."));
        }
        op.transitionField = *field;
        op.transitionFrom = *from;
        op.transitionTo = *to;
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
