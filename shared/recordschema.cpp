// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordschema.h"

#include <algorithm>
#include <utility>

namespace mts {

namespace {

RecordField field(
    const char *name, FieldType type, bool required = false, bool sensitive = false, QStringList values = {})
{
    return { QString::fromLatin1(name), type, required, sensitive, std::move(values) };
}

constexpr bool required = true;
constexpr bool notRequired = false;
constexpr bool notSensitive = false;
constexpr bool sensitive = true;

/// A person of the registries (notes/domain.md §8.2): the three parts of the name as Vietnamese writes them,
/// year-only births allowed, the citizen ID and phone encrypted at rest.
RecordKind person()
{
    return { QStringLiteral("person"),
        {
            field("surname", FieldType::Text, required),
            field("middle_name", FieldType::Text),
            field("given_name", FieldType::Text, required),
            field("sex", FieldType::Enum, notRequired, notSensitive,
                { QStringLiteral("male"), QStringLiteral("female") }),
            field("birth_date", FieldType::Date),
            field("birth_year", FieldType::Integer),
            field("ethnicity", FieldType::Text),
            field("religion", FieldType::Text),
            field("cccd", FieldType::Text, notRequired, sensitive),
            field("phone", FieldType::Text, notRequired, sensitive),
            field("address", FieldType::Text),
            field("area_code", FieldType::Text),
        } };
}

/// A citizen's feedback or petition (notes/domain.md §2, §8.2): everything that identifies the submitter is
/// encrypted at rest.
RecordKind feedback()
{
    return { QStringLiteral("feedback"),
        {
            field("title", FieldType::Text, required),
            field("description", FieldType::Text, required),
            field("channel", FieldType::Enum, required, notSensitive,
                { QStringLiteral("web"), QStringLiteral("app"), QStringLiteral("in_person"),
                    QStringLiteral("voter_meeting"), QStringLiteral("ban_ctmt"), QStringLiteral("phone") }),
            field("submitter_name", FieldType::Text, notRequired, sensitive),
            field("submitter_phone", FieldType::Text, notRequired, sensitive),
            field("submitter_cccd", FieldType::Text, notRequired, sensitive),
            field("submitter_address", FieldType::Text, notRequired, sensitive),
        } };
}

} // namespace

std::optional<RecordField> RecordKind::field(QStringView name) const
{
    for (const RecordField &f : fields) {
        if (f.name == name)
            return f;
    }
    return std::nullopt;
}

RecordSchema::RecordSchema(int version, QList<RecordKind> kinds)
    : m_version(version)
    , m_kinds(std::move(kinds))
{
    std::sort(m_kinds.begin(), m_kinds.end(), [](const RecordKind &a, const RecordKind &b) { return a.name < b.name; });
}

const RecordSchema &RecordSchema::registry()
{
    static const RecordSchema schema(currentVersion, { person(), feedback() });
    return schema;
}

QStringList RecordSchema::kindNames() const
{
    QStringList names;
    for (const RecordKind &k : m_kinds)
        names.append(k.name);
    return names;
}

std::optional<RecordKind> RecordSchema::kind(QStringView name) const
{
    for (const RecordKind &k : m_kinds) {
        if (k.name == name)
            return k;
    }
    return std::nullopt;
}

bool RecordSchema::isSensitive(QStringView kindName, QStringView fieldName) const
{
    for (const RecordKind &k : m_kinds) {
        if (k.name == kindName) {
            const auto f = k.field(fieldName);
            return !f || f->sensitive;
        }
    }
    return true;
}

} // namespace mts
