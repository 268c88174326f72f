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
    const char *name, FieldType type, bool isRequired = false, bool isSensitive = false, QStringList values = {})
{
    RecordField f;
    f.name = QString::fromLatin1(name);
    f.type = type;
    f.required = isRequired;
    f.sensitive = isSensitive;
    f.values = std::move(values);
    return f;
}

RecordField reference(const char *name, const char *refKind, bool isRequired = false)
{
    RecordField f = field(name, FieldType::Reference, isRequired);
    f.refKind = QString::fromLatin1(refKind);
    return f;
}

/// An Enum field whose values are snake_case ASCII, as stored (the UI translates them).
RecordField choice(const char *name, std::initializer_list<const char *> values, bool isRequired = false)
{
    QStringList list;
    for (const char *value : values)
        list.append(QString::fromLatin1(value));
    return field(name, FieldType::Enum, isRequired, false, std::move(list));
}

/// An Integer field that is never below `minimum` (a count or a sum of money: 0; an amount that must move money: 1).
RecordField atLeast(const char *name, qint64 minimum, bool isRequired = false)
{
    RecordField f = field(name, FieldType::Integer, isRequired);
    f.minimum = minimum;
    return f;
}

/// Puts `added` right after the field `after` of `kind`, where a form shows it.
void insertAfter(RecordKind &kind, QStringView after, RecordField added)
{
    const auto at = std::find_if(
        kind.fields.begin(), kind.fields.end(), [after](const RecordField &f) { return f.name == after; });
    Q_ASSERT(at != kind.fields.end());
    kind.fields.insert(at == kind.fields.end() ? kind.fields.end() : at + 1, std::move(added));
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
    if (version >= 4) {
        insertAfter(kind, u"religion", field("party_member", FieldType::Boolean));
        // The address as written before the 2025 merger of provinces and communes (districts were abolished on
        // 1/7/2025), for finding people in old papers.
        insertAfter(kind, u"address", field("legacy_address", FieldType::Text));
        for (RecordField &f : kind.fields) {
            if (f.name == u"cccd")
                f.format = TextFormat::CitizenId;
            else if (f.name == u"phone")
                f.format = TextFormat::PhoneNumber;
        }
    }
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
    if (version >= 4) {
        insertAfter(kind, u"head_name", reference("head_person_id", "person"));
        // The number of basic-service indicators the household is deprived on (poor: 3 or more, notes/domain.md
        // §1), and the day the survey checked it.
        insertAfter(kind, u"poverty_period", atLeast("deprivation_count", 0));
        insertAfter(kind, u"deprivation_count", field("verified_at", FieldType::Date));
    }
    return kind;
}

// The kinds below are the commune's registries of schema 4 (the "online database", notes/domain.md §1, §8.2).

/// A residential area (khu dân cư: thôn, tổ dân phố, ấp, bản, buôn, làng, khu phố) of the commune, where a Ban
/// Công tác Mặt trận works; not an administrative level.
RecordKind residentialArea()
{
    return { QStringLiteral("residential_area"), KindGroup::Registries,
        {
            field("name", FieldType::Text, required),
            choice("area_type", { "thon", "to_dan_pho", "ap", "ban", "buon", "lang", "khu_pho", "other" }, required),
            atLeast("households", 0),
            atLeast("population", 0),
            field("code", FieldType::Text),
        },
        std::nullopt };
}

/// The Front committee, a Ban Công tác Mặt trận, a socio-political organisation or another member association,
/// with its membership count on a day.
RecordKind organization()
{
    return { QStringLiteral("organization"), KindGroup::Registries,
        {
            field("name", FieldType::Text, required),
            choice("org_type",
                { "ubmttq", "ban_ctmt", "cong_doan", "hoi_nong_dan", "hoi_lhpn", "doan_tn", "hoi_ccb",
                    "other_association" },
                required),
            reference("area_id", "residential_area"),
            atLeast("member_count", 0),
            field("as_of", FieldType::Date),
        },
        std::nullopt };
}

/// A person's seat in an organisation's committee for one term (members are chosen by consultation, and leave
/// with a reason).
RecordKind membership()
{
    return { QStringLiteral("membership"), KindGroup::Registries,
        {
            reference("person_id", "person", required),
            reference("organization_id", "organization", required),
            field("term", FieldType::Text, required),
            choice("position",
                { "chu_tich", "pho_chu_tich", "uv_thuong_truc", "uy_vien", "truong_ban_ctmt", "pho_ban_ctmt",
                    "can_bo_chuyen_trach" },
                required),
            choice("category", { "head_of_member_org", "typical_individual", "full_time", "other" }),
            field("reelected", FieldType::Boolean),
            field("from", FieldType::Date),
            field("to", FieldType::Date),
            field("end_reason", FieldType::Text),
        },
        std::nullopt };
}

/// A person recognised as người có uy tín among the ethnic minorities (QĐ 12/2018/QĐ-TTg, amended by QĐ 28/2023).
RecordKind notablePerson()
{
    return { QStringLiteral("notable_person"), KindGroup::Registries,
        {
            reference("person_id", "person", required),
            choice("notable_type",
                { "gia_lang", "truong_dong_ho", "truong_thon", "chuc_sac", "nhan_si", "doanh_nhan", "giao_vien",
                    "thay_thuoc", "other" },
                required),
            choice("status", { "active", "inactive" }),
            field("decision_no", FieldType::Text),
            field("decision_date", FieldType::Date),
            field("issuer", FieldType::Text),
        },
        std::nullopt };
}

/// A dignitary, office-holder or monastic of a religion (Law on Belief and Religion 2016).
RecordKind religiousFigure()
{
    return { QStringLiteral("religious_figure"), KindGroup::Registries,
        {
            reference("person_id", "person", required),
            field("religion", FieldType::Text, required),
            choice("rank_type", { "chuc_sac", "chuc_viec", "nha_tu_hanh" }, required),
            field("title", FieldType::Text),
            field("religious_org", FieldType::Text),
            field("place_of_worship", FieldType::Text),
        },
        std::nullopt };
}

/// A receipt or a payment of the commune's Fund for the Poor (Quỹ "Vì người nghèo"), in whole dong.
RecordKind fundTransaction()
{
    return { QStringLiteral("fund_transaction"), KindGroup::Registries,
        {
            field("date", FieldType::Date, required),
            choice("direction", { "thu", "chi" }, required),
            atLeast("amount_vnd", 1, required),
            choice("purpose", { "nha_o", "sinh_ke", "hoc_tap", "y_te", "cuu_tro", "qua", "other" }),
            field("counterparty", FieldType::Text),
            reference("beneficiary_household_id", "household"),
            field("decision_ref", FieldType::Text),
            field("note", FieldType::Text),
        },
        std::nullopt };
}

/// A house built or repaired for a household (nhà Đại đoàn kết) and what paid for it: the Fund, the state budget
/// and society. Its status is a plain field, not a workflow: houses handed over years ago are entered as they are.
RecordKind solidarityHouse()
{
    return { QStringLiteral("solidarity_house"), KindGroup::Registries,
        {
            reference("household_id", "household", required),
            choice("build_type", { "xay_moi", "sua_chua" }, required),
            choice("status", { "proposed", "approved", "under_construction", "completed", "handed_over", "cancelled" }),
            atLeast("fund_vnd", 0),
            atLeast("budget_vnd", 0),
            atLeast("social_vnd", 0),
            field("start_date", FieldType::Date),
            field("handover_date", FieldType::Date),
        },
        std::nullopt };
}

/// A commune's periodic report to the level above (notes/domain.md §8.4): draft → submitted (the commune chair)
/// → accepted, or returned with a reason (provincial staff); a submitted or accepted report is locked. Only the
/// commune's Front chair submits, and only provincial staff accept or return (§8.6), whatever the version.
/// Since schema 4 it carries the figures computed from the commune's registries when it was drafted.
RecordKind report(int version)
{
    Workflow workflow;
    workflow.field = QStringLiteral("status");
    workflow.initial = QStringLiteral("draft");
    workflow.states = { QStringLiteral("draft"), QStringLiteral("submitted"), QStringLiteral("accepted"),
        QStringLiteral("returned") };
    const QList<Role> chair { Role::CommuneChair };
    const QList<Role> province { Role::ProvincialStaff };
    workflow.transitions = {
        { QStringLiteral("draft"), QStringLiteral("submitted"), chair },
        { QStringLiteral("submitted"), QStringLiteral("accepted"), province },
        { QStringLiteral("submitted"), QStringLiteral("returned"), province, { QStringLiteral("return_reason") } },
        { QStringLiteral("returned"), QStringLiteral("submitted"), chair },
    };
    workflow.locks = {
        { QStringLiteral("submitted"), { QStringLiteral("*") } },
        { QStringLiteral("accepted"), { QStringLiteral("*") } },
    };
    RecordKind kind { QStringLiteral("report"), KindGroup::Reports,
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
    if (version >= 4) {
        // The figures, in the order the report states them (ReportFigures computes them).
        qsizetype at = 2;
        for (const char *name : { "persons", "residential_areas", "organizations", "org_members", "committee_members",
                 "cadres", "households_poor", "households_near_poor", "households_escaped", "fund_receipts_vnd",
                 "fund_payments_vnd", "houses_new", "houses_repaired" })
            kind.fields.insert(at++, atLeast(name, 0));
    }
    return kind;
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
    case FieldType::Text: {
        if (!value.isString())
            return problem(Code::WrongType, QStringLiteral("\"%1\" must be text.").arg(field.name));
        const QString text = value.toString();
        // Empty text clears the field, as null does.
        if (text.trimmed().isEmpty())
            return std::nullopt;
        switch (field.format) {
        case TextFormat::Free:
            break;
        case TextFormat::CitizenId:
            if (!RecordSchema::isCitizenId(text)) {
                return problem(Code::BadFormat,
                    QStringLiteral("\"%1\" must be a citizen ID of exactly 12 digits: %2.").arg(field.name, text));
            }
            break;
        case TextFormat::PhoneNumber:
            if (!RecordSchema::isPhoneNumber(text)) {
                return problem(Code::BadFormat,
                    QStringLiteral("\"%1\" must be a Vietnamese phone number: 0 or +84, then 9 digits for a mobile or "
                                   "10 for a landline (spaces, dots and hyphens allowed): %2.")
                        .arg(field.name, text));
            }
            break;
        }
        return std::nullopt;
    }
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
        if (field.minimum && number < double(*field.minimum)) {
            return problem(Code::OutOfRange,
                QStringLiteral("\"%1\" must be %2 or more, not %3.")
                    .arg(field.name, QString::number(*field.minimum), QString::number(qint64(number))));
        }
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

/// The date a Date value holds; an invalid date for any other value.
QDate dateOf(const QJsonValue &value)
{
    const QString text = value.toString();
    return text.size() == 10 ? QDate::fromString(text, Qt::ISODate) : QDate();
}

/// The whole number an Integer value holds; std::nullopt for any other value.
std::optional<int> yearOf(const QJsonValue &value)
{
    const double number = value.toDouble();
    if (!value.isDouble() || std::trunc(number) != number || std::abs(number) > 1e6)
        return std::nullopt;
    return int(number);
}

FieldProblem inconsistent(const char *field, const char *otherField, const QString &message)
{
    return { FieldProblem::Code::Inconsistent, QString::fromLatin1(field), message, QString::fromLatin1(otherField) };
}

/// Advice when the date `later` of a record is before its date `earlier`.
void adviseOrder(const QJsonObject &fields, const char *earlier, const char *later, QList<FieldProblem> &advice)
{
    const QDate from = dateOf(fields.value(QLatin1String(earlier)));
    const QDate to = dateOf(fields.value(QLatin1String(later)));
    if (from.isValid() && to.isValid() && to < from) {
        advice.append(inconsistent(later, earlier,
            QStringLiteral("\"%1\" (%2) is before \"%3\" (%4).")
                .arg(QLatin1String(later), to.toString(Qt::ISODate), QLatin1String(earlier),
                    from.toString(Qt::ISODate))));
    }
}

void advisePerson(const QJsonObject &fields, QDate today, QList<FieldProblem> &advice)
{
    const QDate birthDate = dateOf(fields.value(QLatin1String("birth_date")));
    const std::optional<int> birthYear = yearOf(fields.value(QLatin1String("birth_year")));
    if (birthDate.isValid() && birthDate > today) {
        advice.append({ FieldProblem::Code::FutureDate, QStringLiteral("birth_date"),
            QStringLiteral("\"birth_date\" (%1) is after today.").arg(birthDate.toString(Qt::ISODate)) });
    }
    if (birthYear && *birthYear > today.year()) {
        advice.append({ FieldProblem::Code::FutureDate, QStringLiteral("birth_year"),
            QStringLiteral("\"birth_year\" (%1) is after this year.").arg(*birthYear) });
    }
    if (birthDate.isValid() && birthYear && birthDate.year() != *birthYear) {
        advice.append(inconsistent("birth_year", "birth_date",
            QStringLiteral("\"birth_year\" is %1 but \"birth_date\" is in %2.").arg(*birthYear).arg(birthDate.year())));
    }

    const QString cccd = fields.value(QLatin1String("cccd")).toString();
    if (!RecordSchema::isCitizenId(cccd))
        return;
    // Digit 4 gives the century of birth and the sex, digits 5 and 6 the year within the century (notes/domain.md
    // §6). No check digit exists, so a typo in the other digits cannot be seen.
    const int centuryAndSex = cccd.at(3).digitValue();
    const bool female = centuryAndSex % 2 == 1;
    const int encodedYear = 1900 + centuryAndSex / 2 * 100 + QStringView(cccd).mid(4, 2).toInt();
    const QString sex = fields.value(QLatin1String("sex")).toString();
    if ((sex == u"male" && female) || (sex == u"female" && !female)) {
        advice.append(inconsistent("sex", "cccd",
            QStringLiteral("\"sex\" is %1 but the citizen ID says %2 (its 4th digit is %3).")
                .arg(sex, female ? QStringLiteral("female") : QStringLiteral("male"))
                .arg(centuryAndSex)));
    }
    // The birth date is the more precise record of the year; a year alone is checked when there is no date.
    const char *yearField = birthDate.isValid() ? "birth_date" : "birth_year";
    const std::optional<int> year = birthDate.isValid() ? std::optional<int>(birthDate.year()) : birthYear;
    if (year && *year != encodedYear) {
        advice.append(inconsistent(yearField, "cccd",
            QStringLiteral("\"%1\" gives the year %2 but the citizen ID says %3 (its 4th to 6th digits are %4).")
                .arg(QLatin1String(yearField))
                .arg(*year)
                .arg(encodedYear)
                .arg(QStringView(cccd).mid(3, 3))));
    }
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

const RecordField *RecordKind::nameField() const
{
    for (const bool requiredOnly : { true, false }) {
        for (const RecordField &f : fields) {
            if (f.type == FieldType::Text && !f.sensitive && (f.required || !requiredOnly))
                return &f;
        }
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

bool Workflow::Transition::allows(Role role) const
{
    return by.isEmpty() || by.contains(role);
}

const Workflow::Transition *Workflow::transition(QStringView from, QStringView to) const
{
    for (const Transition &t : transitions) {
        if (t.from == from && t.to == to)
            return &t;
    }
    return nullptr;
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
    static const RecordSchema v2(2, { person(2), feedback(), household(2), report(2) });
    static const RecordSchema v3(3, { person(2), feedback(), household(3), report(3) });
    static const RecordSchema v4(4,
        { person(4), feedback(), household(4), report(4), residentialArea(), organization(), membership(),
            notablePerson(), religiousFigure(), fundTransaction(), solidarityHouse() });
    switch (version) {
    case 1:
        return &v1;
    case 2:
        return &v2;
    case 3:
        return &v3;
    case 4:
        return &v4;
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

QList<FieldProblem> RecordSchema::advise(QStringView kindName, const QJsonObject &fields, QDate today) const
{
    QList<FieldProblem> advice;
    if (m_version < 4 || !kind(kindName))
        return advice;
    if (kindName == u"person")
        advisePerson(fields, today, advice);
    else if (kindName == u"membership")
        adviseOrder(fields, "from", "to", advice);
    else if (kindName == u"solidarity_house")
        adviseOrder(fields, "start_date", "handover_date", advice);
    return advice;
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

bool RecordSchema::isCitizenId(QStringView text)
{
    return text.size() == 12 && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

bool RecordSchema::isPhoneNumber(QStringView text)
{
    QString digits;
    bool plus = false;
    for (const QChar c : text) {
        if (c == u' ' || c == u'.' || c == u'-')
            continue;
        if (c == u'+' && !plus && digits.isEmpty()) {
            plus = true;
            continue;
        }
        if (c < u'0' || c > u'9')
            return false;
        digits.append(c);
    }
    QStringView national(digits);
    if (plus) {
        if (!national.startsWith(u"84"))
            return false;
        national = national.mid(2);
    } else if (national.startsWith(u'0')) {
        national = national.mid(1);
    }
    return (national.size() == 9 || national.size() == 10) && national.front() >= u'2';
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
