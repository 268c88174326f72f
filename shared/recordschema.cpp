// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordschema.h"

#include "shared/uuid7.h"

#include <QDate>
#include <QJsonValue>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace mts {

namespace {

constexpr std::array groupNames { u"registries", u"feedback", u"library", u"congress", u"reports", u"forms" };

RecordField field(
    const char *name, FieldType type, bool required = false, bool sensitive = false, QStringList values = {})
{
    return { QString::fromLatin1(name), type, required, sensitive, std::move(values), {} };
}

RecordField reference(const char *name, const char *refKind)
{
    return { QString::fromLatin1(name), FieldType::Reference, false, false, {}, QString::fromLatin1(refKind) };
}

constexpr bool required = true;
constexpr bool notRequired = false;
constexpr bool notSensitive = false;
constexpr bool sensitive = true;

/// A person of the registries (notes/domain.md §8.2): the three parts of the name as Vietnamese writes them,
/// year-only births allowed, the citizen ID and phone encrypted at rest.
RecordKind person(int version)
{
    RecordKind kind { QStringLiteral("person"), KindGroup::Registries,
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
        },
        std::nullopt };
    if (version >= 2)
        kind.fields.append(reference("household_id", "household"));
    return kind;
}

/// A household of the registries (notes/domain.md §8.2) with its poverty status for the current standard period.
RecordKind household(int version)
{
    RecordKind kind { QStringLiteral("household"), KindGroup::Registries,
        {
            field("head_name", FieldType::Text, required),
            field("address", FieldType::Text),
            field("area_code", FieldType::Text),
            field("members", FieldType::Integer),
            field("poverty_status", FieldType::Enum, notRequired, notSensitive,
                { QStringLiteral("poor"), QStringLiteral("near_poor"), QStringLiteral("escaped"),
                    QStringLiteral("none") }),
            field("poverty_period", FieldType::Text),
        },
        std::nullopt };
    // A scan of the household's poverty certificate or survey form.
    if (version >= 3)
        kind.fields.append(field("document", FieldType::Blob));
    return kind;
}

/// A commune's periodic report to the level above (notes/domain.md §8.4): draft → submitted (the commune chair)
/// → accepted, or returned with a reason (provincial staff); a submitted or accepted report is locked.
RecordKind report()
{
    Workflow workflow;
    workflow.field = QStringLiteral("status");
    workflow.initial = QStringLiteral("draft");
    workflow.states = { QStringLiteral("draft"), QStringLiteral("submitted"), QStringLiteral("accepted"),
        QStringLiteral("returned") };
    workflow.transitions = {
        { QStringLiteral("draft"), QStringLiteral("submitted") },
        { QStringLiteral("submitted"), QStringLiteral("accepted") },
        { QStringLiteral("submitted"), QStringLiteral("returned") },
        { QStringLiteral("returned"), QStringLiteral("submitted") },
    };
    workflow.locks = {
        { QStringLiteral("submitted"), { QStringLiteral("*") } },
        { QStringLiteral("accepted"), { QStringLiteral("*") } },
    };
    return { QStringLiteral("report"), KindGroup::Reports,
        {
            field("period_type", FieldType::Enum, required, notSensitive,
                { QStringLiteral("weekly"), QStringLiteral("monthly") }),
            field("period", FieldType::Text, required),
            field("activities", FieldType::Text),
            field("difficulties", FieldType::Text),
            field("recommendations", FieldType::Text),
            field("return_reason", FieldType::Text),
            field("status", FieldType::Enum, notRequired, notSensitive, workflow.states),
        },
        workflow };
}

/// A citizen's feedback or petition (notes/domain.md §2, §8.2): everything that identifies the submitter is
/// encrypted at rest.
RecordKind feedback()
{
    return { QStringLiteral("feedback"), KindGroup::Feedback,
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
        },
        std::nullopt };
}

bool isEmptyValue(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined() || (value.isString() && value.toString().trimmed().isEmpty());
}

std::optional<FieldProblem> checkValue(const RecordField &field, const QJsonValue &value)
{
    using Code = FieldProblem::Code;
    const auto problem = [&field](Code code, const QString &message) {
        return FieldProblem { code, field.name, message };
    };
    if (value.isNull())
        return std::nullopt;
    switch (field.type) {
    case FieldType::Text:
        if (!value.isString())
            return problem(Code::WrongType, QStringLiteral("\"%1\" must be text.").arg(field.name));
        return std::nullopt;
    case FieldType::Date: {
        if (!value.isString())
            return problem(Code::WrongType, QStringLiteral("\"%1\" must be a date yyyy-MM-dd.").arg(field.name));
        const QString text = value.toString();
        if (text.size() != 10 || !QDate::fromString(text, Qt::ISODate).isValid())
            return problem(Code::BadDate, QStringLiteral("\"%1\" is not a date yyyy-MM-dd: %2.").arg(field.name, text));
        return std::nullopt;
    }
    case FieldType::Integer: {
        const double number = value.toDouble();
        if (!value.isDouble() || std::trunc(number) != number || std::abs(number) > 9007199254740992.0)
            return problem(Code::WrongType, QStringLiteral("\"%1\" must be a whole number.").arg(field.name));
        return std::nullopt;
    }
    case FieldType::Enum:
        if (!value.isString())
            return problem(Code::WrongType, QStringLiteral("\"%1\" must be one of its values.").arg(field.name));
        if (!field.values.contains(value.toString())) {
            return problem(Code::NotAllowed,
                QStringLiteral("\"%1\" may not be \"%2\" (allowed: %3).")
                    .arg(field.name, value.toString(), field.values.join(QStringLiteral(", "))));
        }
        return std::nullopt;
    case FieldType::Boolean:
        if (!value.isBool())
            return problem(Code::WrongType, QStringLiteral("\"%1\" must be true or false.").arg(field.name));
        return std::nullopt;
    case FieldType::Reference:
        if (!value.isString())
            return problem(Code::WrongType, QStringLiteral("\"%1\" must be a record id.").arg(field.name));
        if (!isLowerUuid7(value.toString())) {
            return problem(
                Code::BadReference, QStringLiteral("\"%1\" is not a record id: %2.").arg(field.name, value.toString()));
        }
        return std::nullopt;
    case FieldType::Blob: {
        if (!value.isObject())
            return problem(Code::WrongType, QStringLiteral("\"%1\" must be a file {hash, size}.").arg(field.name));
        const QJsonObject blob = value.toObject();
        const QJsonValue size = blob.value(QLatin1String("size"));
        if (!RecordSchema::isBlobHash(blob.value(QLatin1String("hash")).toString()) || !size.isDouble()
            || size.toDouble() < 0 || std::trunc(size.toDouble()) != size.toDouble()
            || size.toDouble() > 9007199254740992.0) {
            return problem(Code::BadBlob,
                QStringLiteral("\"%1\" needs a \"hash\" of 64 lower-case hex digits and a whole \"size\".")
                    .arg(field.name));
        }
        for (const char *text : { "name", "type" }) {
            const QJsonValue part = blob.value(QLatin1String(text));
            if (!part.isUndefined() && !part.isNull() && !part.isString())
                return problem(
                    Code::BadBlob, QStringLiteral("\"%1\": \"%2\" must be text.").arg(field.name, QLatin1String(text)));
        }
        return std::nullopt;
    }
    }
    return std::nullopt;
}

} // namespace

const RecordField *RecordKind::field(QStringView name) const
{
    for (const RecordField &f : fields) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

RecordSchema::RecordSchema(int version, QList<RecordKind> kinds)
    : m_version(version)
    , m_kinds(std::move(kinds))
{
    std::sort(m_kinds.begin(), m_kinds.end(), [](const RecordKind &a, const RecordKind &b) { return a.name < b.name; });
}

QString kindGroupName(KindGroup group)
{
    return QString::fromUtf16(groupNames.at(size_t(group)));
}

std::optional<KindGroup> kindGroupFromName(QStringView name)
{
    for (size_t i = 0; i < groupNames.size(); ++i) {
        if (name == QStringView(groupNames[i]))
            return KindGroup(i);
    }
    return std::nullopt;
}

bool Workflow::allows(QStringView from, QStringView to) const
{
    return std::any_of(
        transitions.cbegin(), transitions.cend(), [&](const Transition &t) { return t.from == from && t.to == to; });
}

bool Workflow::isLocked(QStringView state, QStringView fieldName) const
{
    for (const Lock &lock : locks) {
        if (lock.state == state)
            return lock.fields.contains(QStringLiteral("*")) || lock.fields.contains(fieldName);
    }
    return false;
}

const RecordSchema &RecordSchema::registry()
{
    return *forVersion(currentVersion);
}

const RecordSchema *RecordSchema::forVersion(int version)
{
    static const RecordSchema v1(1, { person(1), feedback() });
    static const RecordSchema v2(2, { person(2), feedback(), household(2), report() });
    static const RecordSchema v3(3, { person(2), feedback(), household(3), report() });
    switch (version) {
    case 1:
        return &v1;
    case 2:
        return &v2;
    case 3:
        return &v3;
    default:
        return nullptr;
    }
}

QList<FieldProblem> RecordSchema::validate(QStringView kindName, const QJsonObject &set, bool isCreate) const
{
    QList<FieldProblem> problems;
    const auto found = kind(kindName);
    if (!found)
        return problems;
    for (auto it = set.constBegin(); it != set.constEnd(); ++it) {
        const auto f = found->field(it.key());
        if (!f)
            continue;
        if (found->workflow && found->workflow->field == f->name) {
            problems.append({ FieldProblem::Code::WorkflowField, f->name,
                QStringLiteral("\"%1\" changes only through a transition.").arg(f->name) });
            continue;
        }
        if (auto problem = checkValue(*f, it.value()))
            problems.append(*problem);
    }
    for (const RecordField &f : found->fields) {
        if (!f.required)
            continue;
        const bool present = set.contains(f.name);
        if ((isCreate && (!present || isEmptyValue(set.value(f.name))))
            || (!isCreate && present && isEmptyValue(set.value(f.name)))) {
            problems.append({ FieldProblem::Code::Missing, f.name, QStringLiteral("\"%1\" is required.").arg(f.name) });
        }
    }
    return problems;
}

QStringList RecordSchema::blobHashes(QStringView kindName, const QJsonObject &fields) const
{
    QStringList hashes;
    for (const RecordKind &k : m_kinds) {
        if (k.name != kindName)
            continue;
        for (const RecordField &f : k.fields) {
            if (f.type != FieldType::Blob)
                continue;
            const QJsonValue value = fields.value(f.name);
            if (!value.isObject())
                continue;
            const QString hash = value.toObject().value(QLatin1String("hash")).toString();
            if (isBlobHash(hash) && !hashes.contains(hash))
                hashes.append(hash);
        }
        break;
    }
    return hashes;
}

bool RecordSchema::isBlobHash(QStringView text)
{
    if (text.size() != 64)
        return false;
    for (const QChar c : text) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

QStringList RecordSchema::kindNames() const
{
    QStringList names;
    for (const RecordKind &k : m_kinds)
        names.append(k.name);
    return names;
}

const RecordKind *RecordSchema::kind(QStringView name) const
{
    for (const RecordKind &k : m_kinds) {
        if (k.name == name)
            return &k;
    }
    return nullptr;
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
