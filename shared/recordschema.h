// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/scope.h"

#include <QDate>
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

/// What the text of a Text field must look like beyond being text. Empty text is never checked: it clears the field.
enum class TextFormat {
    Free, ///< Any text.
    CitizenId, ///< A citizen ID (số định danh cá nhân, CCCD): see RecordSchema::isCitizenId(). Since schema 4.
    PhoneNumber, ///< A Vietnamese phone number: see RecordSchema::isPhoneNumber(). Since schema 4.
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
    /// The smallest value an Integer field accepts; std::nullopt for no bound and for the other types. Since
    /// schema 4 the counts and sums of money of the new kinds and fields are never negative (and an amount of a
    /// fund transaction at least 1); the Integer fields of schema 1–3 keep no bound.
    std::optional<qint64> minimum;
    /// What the text of a Text field must look like; TextFormat::Free for the other types.
    TextFormat format = TextFormat::Free;
};

/// A workflow field of a kind (DESIGN.md, "Records, scopes, buckets, clocks"): its states, the transitions
/// between them and the fields each state locks. It changes only through a `transition` op, never a plain `set`.
struct Workflow {
    struct Transition {
        QString from;
        QString to;
        /// The roles that may make it (the server refuses it from any other, as `forbidden`); empty: whoever may
        /// write the record.
        QList<Role> by = {};
        /// The fields its `set` may carry when it is made by someone who oversees the record but may not edit it
        /// (provincial staff returning a commune's report with `return_reason`; AccessPolicy::mayEdit on the
        /// server); the server refuses any other field from them as `forbidden`. Whoever may edit the record may
        /// set any field with it.
        QStringList carries = {};

        /// Whether a user of `role` may make it: `by` names the role, or is empty. (Whether the user may write the
        /// record at all is the server's AccessPolicy.)
        bool allows(Role role) const;
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
    /// The transition from `from` to `to`; nullptr when there is none.
    const Transition *transition(QStringView from, QStringView to) const;
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
    /// The field that names a record of the kind (lists sort by it, links show it): its first required plain text
    /// (Text, not sensitive), else its first plain text; nullptr when it has none. A person is named by three
    /// fields (surname, middle name, given name), which callers handle themselves.
    const RecordField *nameField() const;
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
        OutOfRange, ///< An Integer below the field's RecordField::minimum (since schema 4).
        BadFormat, ///< A Text that does not have the field's RecordField::format (since schema 4).
        /// Advice only (RecordSchema::advise()): the value contradicts `otherField` of the same record, e.g. the sex
        /// or birth year that a citizen ID encodes.
        Inconsistent,
        /// Advice only (RecordSchema::advise()): a date or year that cannot lie ahead (a birth) is after today.
        FutureDate,
    };
    Code code;
    /// The field whose value is wrong or doubtful.
    QString field;
    /// What is wrong, in English, for logs and the server's answer; the UI shows its own text for `code` and `field`.
    QString message;
    /// For Inconsistent: the field of the same record that `field` contradicts; empty for the other codes.
    QString otherField = {};
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
    static constexpr int currentVersion = 4;

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
    ///
    /// Since schema 4 an Integer field may have a RecordField::minimum (OutOfRange below it) and a Text field a
    /// RecordField::format (BadFormat when non-empty text does not have it). validate() never gives the advice
    /// codes Inconsistent and FutureDate.
    QList<FieldProblem> validate(QStringView kind, const QJsonObject &set, bool isCreate) const;

    /// Advice on a whole record's `fields` of kind `kind`: values that are allowed but probably wrong, for a form
    /// to show as warnings. Advice never blocks: validate() does not give it, the server does not refuse it, and a
    /// record may be saved with it (notes/domain.md §6: "warn, do not block"). Values of the wrong type are
    /// skipped (validate() reports them). Since schema 4; earlier versions give none. The advice:
    ///
    /// - person, when `cccd` is a citizen ID (isCitizenId()): its 4th digit encodes the century of birth and the
    ///   sex (0/1 male/female born 1900–1999, 2/3 2000–2099, 4/5 2100–2199, 6/7 2200–2299, 8/9 2300–2399) and its
    ///   5th and 6th digits the last two digits of the birth year. Inconsistent on `sex` when `sex` differs, and on
    ///   `birth_date` (or, without a valid birth date, on `birth_year`) when that year differs; `otherField` is
    ///   `cccd`.
    /// - person: Inconsistent on `birth_year` (`otherField` `birth_date`) when both are present and the year of
    ///   `birth_date` is another; FutureDate on `birth_date` after `today` and on `birth_year` after its year.
    /// - membership: Inconsistent on `to` (`otherField` `from`) when it is before `from`.
    /// - solidarity_house: Inconsistent on `handover_date` (`otherField` `start_date`) when it is before
    ///   `start_date`.
    ///
    /// `today` is the local date unless a test passes another. Empty for an unknown kind.
    QList<FieldProblem> advise(QStringView kind, const QJsonObject &fields, QDate today = QDate::currentDate()) const;

    /// The blob hashes that the Blob fields of `kind` name in `fields` (a record's fields or an op's set), in field
    /// order, without duplicates; values that are not valid blob values are skipped. Empty for an unknown kind.
    QStringList blobHashes(QStringView kind, const QJsonObject &fields) const;
    /// Whether `text` is a blob hash as the wire writes it: 64 lower-case hex digits (BLAKE2b-256).
    static bool isBlobHash(QStringView text);
    /// Whether `text` is a citizen ID (số định danh cá nhân, the number of the CCCD card, notes/domain.md §6): exactly
    /// 12 ASCII digits, nothing else (no spaces). The 9-digit numbers of the old CMND cards are not.
    static bool isCitizenId(QStringView text);
    /// Whether `text` is a Vietnamese phone number as cadres write them. Spaces, dots and hyphens are separators
    /// and ignored wherever they stand; what remains is an optional prefix, `+84` or `0`, then the national
    /// number: 9 digits (a mobile, 0912 345 678) or 10 digits (a landline with its area code, 024 3825 1234), ASCII
    /// digits only, the first 2 to 9 (0 is a doubled prefix; 1 starts the service numbers 1800/1900 and the 11-digit
    /// mobiles 01xx renumbered in 2018). So "0912345678", "0912.345.678", "0912-345-678", "+84 912 345 678",
    /// "02438251234" and "912345678" (a mobile whose 0 a spreadsheet dropped) are phone numbers; "091234567" (a 0
    /// and 8 digits), "84912345678" (a country code without its `+`), "+84 0912 345 678", "01623 456 789",
    /// "(024) 3825 1234" (parentheses), "1900 1234" and numbers of other countries are not.
    static bool isPhoneNumber(QStringView text);

private:
    RecordSchema(int version, QList<RecordKind> kinds);

    int m_version;
    QList<RecordKind> m_kinds;
};

} // namespace mts
