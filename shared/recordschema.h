// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace mts {

/// The value type of a record field, as it appears in a record's JSON `fields`.
enum class FieldType {
    Text, ///< JSON string, stored in NFC.
    Date, ///< JSON string, ISO-8601 `yyyy-MM-dd`.
    Integer, ///< JSON number without a fraction.
    Enum, ///< JSON string, one of RecordField::values.
    Boolean, ///< JSON true or false.
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
};

/// A kind of record (DESIGN.md, "Records, scopes, buckets, clocks"): its name and its fields, in the order
/// forms show them.
struct RecordKind {
    QString name;
    QList<RecordField> fields;

    /// The field called `name`; std::nullopt when the kind has none (an unknown field).
    std::optional<RecordField> field(QStringView name) const;
};

/// The registry of record kinds this build knows: fields, types, required and sensitive flags. It versions with
/// the sync protocol (every op carries the schema version it was made under); later versions add kinds and
/// fields, and the fields an older build does not know are passed through and kept — encrypted at rest, since
/// nothing says they are harmless.
///
/// Immutable and shared: use registry().
class RecordSchema {
public:
    /// The version of the kinds and fields below; raise it with every change to them.
    static constexpr int currentVersion = 1;

    /// The schema of this build.
    static const RecordSchema &registry();

    int version() const { return m_version; }
    /// Names of the known kinds, sorted.
    QStringList kindNames() const;
    /// The kind called `name`; std::nullopt for an unknown kind.
    std::optional<RecordKind> kind(QStringView name) const;

    /// Whether `field` of a record of kind `kind` must be encrypted at rest: true for the fields marked
    /// sensitive, for fields the kind does not know and for every field of a kind this build does not know.
    bool isSensitive(QStringView kind, QStringView field) const;

private:
    RecordSchema(int version, QList<RecordKind> kinds);

    int m_version;
    QList<RecordKind> m_kinds;
};

} // namespace mts
