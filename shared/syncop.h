// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/error.h"
#include "shared/hlc.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringView>

#include <optional>

namespace mts {

class JsonReader;
class JsonWriter;

/// Why an op from the wire was refused by SyncOp::fromJson(). Every code is a deterministic validation failure
/// (an outcome `rejected`, or a 400 for a malformed batch).
enum class SyncOpError {
    Malformed, ///< The op is not a JSON object.
    MissingField, ///< A required key is absent (op_id, type, record_id, kind, hlc, schema_version).
    WrongType, ///< A key holds the wrong JSON type (e.g. a number where a string belongs).
    UnknownType, ///< `type` is not one of create, update, delete, restore, move, transition.
    BadOpId, ///< `op_id` is not a canonical UUIDv7.
    BadRecordId, ///< `record_id` is not a canonical UUIDv7.
    BadKind, ///< `kind` is empty.
    BadScope, ///< `scope` is not a scope in written form (`national`, `P:01`, `C:00070`).
    BadHlc, ///< `hlc` is not a stamp in HlcStamp::toString() form.
    BadSet, ///< `set` is present but not an object.
    BadSchemaVersion, ///< `schema_version` is not an integer ≥ 1.
    BadMove, ///< A move without a `move` object holding `from` and `to` scopes (`national`, `P:01`, `C:00070`).
    BadTransition, ///< A transition without a `transition` object holding non-empty `field`, `from` and `to`.
    ForbiddenField, ///< The body names a user or device (`user`, `user_id`, `device`, `device_id`): those come
                    ///< from the access token only.
    UnknownField, ///< A key the protocol does not define, or `move`/`transition` on an op of another type.
    RepeatedField, ///< A key of the op appears twice: which value counts is not for the receiver to guess.
};

/// One local mutation as it travels in a push (DESIGN.md, "Sync protocol (v1)", "Op"). On the wire:
///
///     {"op_id": "<uuid7>", "type": "update", "record_id": "<uuid7>", "kind": "person", "scope": "C:00070",
///      "hlc": "<HlcStamp::toString()>", "set": {"field": value, …}, "schema_version": 3,
///      "move": {"from": "C:00070", "to": "C:00071"},                  // type move only
///      "transition": {"field": "status", "from": "draft", "to": "sent"}} // type transition only
///
/// `set` may be omitted (meaning {}); every other key listed is required where it applies and no other key is
/// accepted. `scope` is where the client believes the record is (for a create: where it goes; for a move: the
/// `from` scope); the server authorises against the record's *stored* scope whenever the record exists. The user and
/// device of an op are never in the body: the server takes them from the access token.
struct SyncOp {
    enum class Type { Create, Update, Delete, Restore, Move, Transition };

    QString opId;
    Type type = Type::Update;
    QString recordId;
    QString kind;
    /// Written form (Scope::toString()).
    QString scope;
    HlcStamp hlc;
    /// Field values the op sets; opaque here (the schema of `kind` at `schemaVersion` validates them).
    QJsonObject set;
    int schemaVersion = 1;
    /// Scopes in written form (Scope::toString()); only for Type::Move.
    QString moveFrom;
    QString moveTo;
    /// The workflow field and its expected and new states; only for Type::Transition.
    QString transitionField;
    QString transitionFrom;
    QString transitionTo;

    /// The wire name of a type ("create", …, "transition").
    static QString typeName(Type type);
    /// The type with that wire name; std::nullopt for any other string (names are case-sensitive).
    static std::optional<Type> typeFromName(QStringView name);

    /// Reads an op from its wire form (the bytes of one JSON object), refusing anything malformed with a precise
    /// code and a message that names the offending key. `setBytes`, when given, receives the bytes of the op's
    /// `set` as they stand in `json` (empty when it has none): a server that finds them canonical hashes them as
    /// they are.
    static Result<SyncOp, SyncOpError> fromJson(QByteArrayView json, QByteArrayView *setBytes = nullptr);
    /// fromJson() of the compact encoding of `json`.
    static Result<SyncOp, SyncOpError> fromJson(const QJsonObject &json);
    /// fromJson() of the value at the reader's position, for a reader going through a larger body: the op is read
    /// without building a document of the body (a push of thousands of ops parsed into a QJsonDocument costs
    /// several times this). `setBytes` point into the reader's bytes.
    static Result<SyncOp, SyncOpError> read(JsonReader &json, QByteArrayView *setBytes = nullptr);
    /// The wire form. `set` is always written; `move`/`transition` only for their types. fromJson(toJson())
    /// gives back an equal op.
    QJsonObject toJson() const;
    /// The wire form as compact JSON bytes; toJson() is these bytes parsed.
    QByteArray encode() const;
    void write(JsonWriter &json) const;

    /// BLAKE2b-256 of CanonicalJson::encode(toJson()): the hash of the whole op, op_id included, that the server
    /// stores with the op_id. A resend with the same content has the same hash whatever its key order or string
    /// normalisation; any change of content (a field, a stamp, the type) changes it.
    QByteArray contentHash() const;
    /// contentHash() with `canonicalSet`, which must be CanonicalJson::encode(set), computed once by a caller that
    /// needs it for other things too (the server hashes a created record's fields with the same bytes).
    QByteArray contentHash(QByteArrayView canonicalSet) const;

    bool operator==(const SyncOp &) const = default;
};

} // namespace mts
