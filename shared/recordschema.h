// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace mts {

/// Record kinds grouped as the sync buckets group them (a bucket is a scope × a group); rights differ by group (a
/// commune reads the province's library but not its registries).
enum class KindGroup { Registries, Feedback, Library, Congress, Reports, Forms };

/// The wire and database name of a group ("registries", "feedback", "library", "congress", "reports", "forms").
QString kindGroupName(KindGroup group);
/// The group with that name; std::nullopt for any other string.
std::optional<KindGroup> kindGroupFromName(QStringView name);

/// The value type of a record field, as it appears in a record's JSON `fields`.
enum class FieldType {
    Text, ///< JSON string, stored in NFC.
    Date, ///< JSON string, ISO-8601 `yyyy-MM-dd`.
    Integer, ///< JSON number without a fraction.
    Enum, ///< JSON string, one of RecordField::values.
    Boolean, ///< JSON true or false.
    Reference, ///< JSON string: the id (UUIDv7) of a record of kind RecordField::refKind.
    /// JSON object `{"hash": "<64 lower-case hex digits>", "size": n, "name": "…", "type": "image/jpeg"}`: a file
    /// (photo, scan, PDF) stored as a blob (DESIGN.md, "Blobs"), named by the BLAKE2b-256 of its content. `hash`
    /// and `size` are required; `name` and `type` are optional text. Since schema 3: `household.document`.
    Blob,
};

/// One field of a record kind.
struct RecordField {
    QString name;
    FieldType type = FieldType::Text;
    /// A record of the kind is incomplete without it.
    bool required = false;
    /// Encrypted at rest in the replica (its file, WAL, outbox and full-text index) and never indexed for search
    /// (DESIGN.md, "Identity, roles, secrets").
    bool sensitive = false;
    /// The allowed values of an Enum field, as stored; empty for the other types.
    QStringList values;
    /// The kind a Reference field points to; empty for the other types.
    QString refKind;
};

/// A workflow field of a kind (DESIGN.md, "Records, scopes, buckets, clocks"): its states, the transitions
/// between them and the fields each state locks. It changes only through a `transition` op, never a plain `set`.
struct Workflow {
    struct Transition {
        QString from;
        QString to;
    };
    struct Lock {
        QString state;
        /// The fields the state locks; `*` locks every field.
        QStringList fields;
    };

    QString field;
    /// The state a new record starts in.
    QString initial;
    QStringList states;
    QList<Transition> transitions;
    QList<Lock> locks;

    bool allows(QStringView from, QStringView to) const;
    /// Whether a record in `state` refuses edits of `fieldName`.
    bool isLocked(QStringView state, QStringView fieldName) const;
};

/// A kind of record (DESIGN.md, "Records, scopes, buckets, clocks"): its name, its bucket group, its fields in the
/// order forms show them, and its workflow if it has one.
struct RecordKind {
    QString name;
    KindGroup group = KindGroup::Registries;
    QList<RecordField> fields;
    std::optional<Workflow> workflow;

    /// The field called `name`; nullptr when the kind has none (an unknown field).
    const RecordField *field(QStringView name) const;
};

/// One reason a set of field values does not fit a kind.
struct FieldProblem {
    enum class Code {
        Missing, ///< A required field is absent, null or empty on a create.
        WrongType, ///< The JSON type does not match the field type.
        NotAllowed, ///< An Enum value outside the list.
        BadDate, ///< A Date that is not a real `yyyy-MM-dd` day.
        BadReference, ///< A Reference that is not a lower-case UUIDv7.
        WorkflowField, ///< A plain set of the workflow field (only a transition changes it).
        BadBlob, ///< A Blob value without a valid hash and size.
    };
    Code code;
    QString field;
    QString message;
};

/// The registry of record kinds one schema version knows: fields, types, required and sensitive flags, workflows.
/// It versions with the sync protocol (every op carries the schema version it was made under, and the server keeps
/// the versions before its own); later versions add kinds and fields, and what an older version does not know is
/// passed through and kept — encrypted at rest, since nothing says it is harmless.
///
/// Immutable and shared: use registry() or forVersion().
class RecordSchema {
public:
    /// The version of the kinds and fields below; raise it with every change to them.
    static constexpr int currentVersion = 3;

    /// The schema of this build.
    static const RecordSchema &registry();
    /// The schema of an earlier or the current version; nullptr for a version this build does not know (a newer
    /// client's).
    static const RecordSchema *forVersion(int version);

    int version() const { return m_version; }
    /// Names of the known kinds, sorted.
    QStringList kindNames() const;
    /// The kind called `name`; std::nullopt for an unknown kind.
    const RecordKind *kind(QStringView name) const;

    /// Whether `field` of a record of kind `kind` must be encrypted at rest: true for the fields marked
    /// sensitive, for fields the kind does not know and for every field of a kind this build does not know.
    bool isSensitive(QStringView kind, QStringView field) const;

    /// Checks the values `set` gives to fields of `kind` — only the fields it names; fields the kind does not know
    /// are passed through unchecked. On a create (`isCreate`) every required field must also be present and not
    /// empty. A null value clears a field (refused only for a required one). The workflow field may not be set
    /// here. Client forms and the server call this same function. An empty list means the values fit; an unknown
    /// kind gives no problems (it cannot be checked; the caller decides whether it accepts unknown kinds).
    QList<FieldProblem> validate(QStringView kind, const QJsonObject &set, bool isCreate) const;

    /// The blob hashes that the Blob fields of `kind` name in `fields` (a record's fields or an op's set), in field
    /// order, without duplicates; values that are not valid blob values are skipped. Empty for an unknown kind.
    QStringList blobHashes(QStringView kind, const QJsonObject &fields) const;
    /// Whether `text` is a blob hash as the wire writes it: 64 lower-case hex digits (BLAKE2b-256).
    static bool isBlobHash(QStringView text);

private:
    RecordSchema(int version, QList<RecordKind> kinds);

    int m_version;
    QList<RecordKind> m_kinds;
};

} // namespace mts
