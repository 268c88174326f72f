// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fieldlabels.h"

#include <QHash>

namespace mts {

namespace {

struct Label {
    const char *name;
    const char *text;
};

// Field labels shared by every kind that has the field; kindFieldLabels override them for one kind.
constexpr Label fieldLabels[] = {
    { "surname", QT_TRANSLATE_NOOP("FieldLabels", "Surname") },
    { "middle_name", QT_TRANSLATE_NOOP("FieldLabels", "Middle name") },
    { "given_name", QT_TRANSLATE_NOOP("FieldLabels", "Given name") },
    { "sex", QT_TRANSLATE_NOOP("FieldLabels", "Sex") },
    { "birth_date", QT_TRANSLATE_NOOP("FieldLabels", "Date of birth") },
    { "birth_year", QT_TRANSLATE_NOOP("FieldLabels", "Year of birth") },
    { "ethnicity", QT_TRANSLATE_NOOP("FieldLabels", "Ethnicity") },
    { "religion", QT_TRANSLATE_NOOP("FieldLabels", "Religion") },
    { "party_member", QT_TRANSLATE_NOOP("FieldLabels", "Party member") },
    { "cccd", QT_TRANSLATE_NOOP("FieldLabels", "Citizen ID") },
    { "phone", QT_TRANSLATE_NOOP("FieldLabels", "Phone") },
    { "address", QT_TRANSLATE_NOOP("FieldLabels", "Address") },
    { "legacy_address", QT_TRANSLATE_NOOP("FieldLabels", "Address before the merger") },
    { "area_code", QT_TRANSLATE_NOOP("FieldLabels", "Residential area code") },
    { "household_id", QT_TRANSLATE_NOOP("FieldLabels", "Household") },
    { "head_name", QT_TRANSLATE_NOOP("FieldLabels", "Head of household") },
    { "head_person_id", QT_TRANSLATE_NOOP("FieldLabels", "Head of household (person)") },
    { "members", QT_TRANSLATE_NOOP("FieldLabels", "Number of members") },
    { "poverty_status", QT_TRANSLATE_NOOP("FieldLabels", "Poverty status") },
    { "poverty_period", QT_TRANSLATE_NOOP("FieldLabels", "Poverty standard period") },
    { "deprivation_count", QT_TRANSLATE_NOOP("FieldLabels", "Basic services lacking") },
    { "verified_at", QT_TRANSLATE_NOOP("FieldLabels", "Verified on") },
    { "document", QT_TRANSLATE_NOOP("FieldLabels", "Document") },
    { "name", QT_TRANSLATE_NOOP("FieldLabels", "Name") },
    { "area_type", QT_TRANSLATE_NOOP("FieldLabels", "Type") },
    { "households", QT_TRANSLATE_NOOP("FieldLabels", "Number of households") },
    { "population", QT_TRANSLATE_NOOP("FieldLabels", "Population") },
    { "code", QT_TRANSLATE_NOOP("FieldLabels", "Code") },
    { "org_type", QT_TRANSLATE_NOOP("FieldLabels", "Type") },
    { "area_id", QT_TRANSLATE_NOOP("FieldLabels", "Residential area") },
    { "member_count", QT_TRANSLATE_NOOP("FieldLabels", "Number of members") },
    { "as_of", QT_TRANSLATE_NOOP("FieldLabels", "Counted on") },
    { "person_id", QT_TRANSLATE_NOOP("FieldLabels", "Person") },
    { "organization_id", QT_TRANSLATE_NOOP("FieldLabels", "Organisation") },
    { "term", QT_TRANSLATE_NOOP("FieldLabels", "Term") },
    { "position", QT_TRANSLATE_NOOP("FieldLabels", "Position") },
    { "category", QT_TRANSLATE_NOOP("FieldLabels", "Category") },
    { "reelected", QT_TRANSLATE_NOOP("FieldLabels", "Re-elected") },
    { "from", QT_TRANSLATE_NOOP("FieldLabels", "From") },
    { "to", QT_TRANSLATE_NOOP("FieldLabels", "To") },
    { "end_reason", QT_TRANSLATE_NOOP("FieldLabels", "Reason for leaving") },
    { "notable_type", QT_TRANSLATE_NOOP("FieldLabels", "Standing") },
    { "status", QT_TRANSLATE_NOOP("FieldLabels", "Status") },
    { "decision_no", QT_TRANSLATE_NOOP("FieldLabels", "Decision number") },
    { "decision_date", QT_TRANSLATE_NOOP("FieldLabels", "Decision date") },
    { "issuer", QT_TRANSLATE_NOOP("FieldLabels", "Issued by") },
    { "rank_type", QT_TRANSLATE_NOOP("FieldLabels", "Rank") },
    { "title", QT_TRANSLATE_NOOP("FieldLabels", "Title") },
    { "religious_org", QT_TRANSLATE_NOOP("FieldLabels", "Religious organisation") },
    { "place_of_worship", QT_TRANSLATE_NOOP("FieldLabels", "Place of worship") },
    { "date", QT_TRANSLATE_NOOP("FieldLabels", "Date") },
    { "direction", QT_TRANSLATE_NOOP("FieldLabels", "Receipt or payment") },
    { "amount_vnd", QT_TRANSLATE_NOOP("FieldLabels", "Amount (VND)") },
    { "purpose", QT_TRANSLATE_NOOP("FieldLabels", "Purpose") },
    { "counterparty", QT_TRANSLATE_NOOP("FieldLabels", "From or to") },
    { "beneficiary_household_id", QT_TRANSLATE_NOOP("FieldLabels", "Beneficiary household") },
    { "decision_ref", QT_TRANSLATE_NOOP("FieldLabels", "Decision") },
    { "note", QT_TRANSLATE_NOOP("FieldLabels", "Note") },
    { "build_type", QT_TRANSLATE_NOOP("FieldLabels", "Work") },
    { "fund_vnd", QT_TRANSLATE_NOOP("FieldLabels", "From the Fund (VND)") },
    { "budget_vnd", QT_TRANSLATE_NOOP("FieldLabels", "From the state budget (VND)") },
    { "social_vnd", QT_TRANSLATE_NOOP("FieldLabels", "From donors (VND)") },
    { "start_date", QT_TRANSLATE_NOOP("FieldLabels", "Started on") },
    { "handover_date", QT_TRANSLATE_NOOP("FieldLabels", "Handed over on") },
    { "period_type", QT_TRANSLATE_NOOP("FieldLabels", "Report type") },
    { "period", QT_TRANSLATE_NOOP("FieldLabels", "Period") },
    { "activities", QT_TRANSLATE_NOOP("FieldLabels", "Typical activities") },
    { "difficulties", QT_TRANSLATE_NOOP("FieldLabels", "Difficulties") },
    { "recommendations", QT_TRANSLATE_NOOP("FieldLabels", "Recommendations") },
    { "return_reason", QT_TRANSLATE_NOOP("FieldLabels", "Reason for returning") },
    { "persons", QT_TRANSLATE_NOOP("FieldLabels", "Persons in the registry") },
    { "residential_areas", QT_TRANSLATE_NOOP("FieldLabels", "Residential areas") },
    { "organizations", QT_TRANSLATE_NOOP("FieldLabels", "Organisations") },
    { "org_members", QT_TRANSLATE_NOOP("FieldLabels", "Members of the organisations") },
    { "committee_members", QT_TRANSLATE_NOOP("FieldLabels", "Committee members") },
    { "cadres", QT_TRANSLATE_NOOP("FieldLabels", "Full-time cadres") },
    { "households_poor", QT_TRANSLATE_NOOP("FieldLabels", "Poor households") },
    { "households_near_poor", QT_TRANSLATE_NOOP("FieldLabels", "Near-poor households") },
    { "households_escaped", QT_TRANSLATE_NOOP("FieldLabels", "Households out of poverty") },
    { "fund_receipts_vnd", QT_TRANSLATE_NOOP("FieldLabels", "Fund receipts in the period (VND)") },
    { "fund_payments_vnd", QT_TRANSLATE_NOOP("FieldLabels", "Fund payments in the period (VND)") },
    { "houses_new", QT_TRANSLATE_NOOP("FieldLabels", "Solidarity houses built in the period") },
    { "houses_repaired", QT_TRANSLATE_NOOP("FieldLabels", "Solidarity houses repaired in the period") },
};

constexpr Label kindTitles[] = {
    { "person", QT_TRANSLATE_NOOP("FieldLabels", "Persons") },
    { "household", QT_TRANSLATE_NOOP("FieldLabels", "Households") },
    { "residential_area", QT_TRANSLATE_NOOP("FieldLabels", "Residential areas") },
    { "organization", QT_TRANSLATE_NOOP("FieldLabels", "Organisations") },
    { "membership", QT_TRANSLATE_NOOP("FieldLabels", "Committee members") },
    { "notable_person", QT_TRANSLATE_NOOP("FieldLabels", "Notable persons") },
    { "religious_figure", QT_TRANSLATE_NOOP("FieldLabels", "Religious dignitaries") },
    { "fund_transaction", QT_TRANSLATE_NOOP("FieldLabels", "Fund for the Poor") },
    { "solidarity_house", QT_TRANSLATE_NOOP("FieldLabels", "Solidarity houses") },
};

// Enum values; a value's words are the same in every kind that has it.
constexpr Label valueLabels[] = {
    { "male", QT_TRANSLATE_NOOP("FieldLabels", "Male") },
    { "female", QT_TRANSLATE_NOOP("FieldLabels", "Female") },
    { "poor", QT_TRANSLATE_NOOP("FieldLabels", "Poor") },
    { "near_poor", QT_TRANSLATE_NOOP("FieldLabels", "Near-poor") },
    { "escaped", QT_TRANSLATE_NOOP("FieldLabels", "Escaped poverty") },
    { "none", QT_TRANSLATE_NOOP("FieldLabels", "Not poor") },
    { "thon", QT_TRANSLATE_NOOP("FieldLabels", "Village (thôn)") },
    { "to_dan_pho", QT_TRANSLATE_NOOP("FieldLabels", "Residential group (tổ dân phố)") },
    { "ap", QT_TRANSLATE_NOOP("FieldLabels", "Hamlet (ấp)") },
    { "ban", QT_TRANSLATE_NOOP("FieldLabels", "Hamlet (bản)") },
    { "buon", QT_TRANSLATE_NOOP("FieldLabels", "Hamlet (buôn)") },
    { "lang", QT_TRANSLATE_NOOP("FieldLabels", "Village (làng)") },
    { "khu_pho", QT_TRANSLATE_NOOP("FieldLabels", "Quarter (khu phố)") },
    { "other", QT_TRANSLATE_NOOP("FieldLabels", "Other") },
    { "ubmttq", QT_TRANSLATE_NOOP("FieldLabels", "Fatherland Front Committee") },
    { "ban_ctmt", QT_TRANSLATE_NOOP("FieldLabels", "Front Work Committee") },
    { "cong_doan", QT_TRANSLATE_NOOP("FieldLabels", "Trade Union") },
    { "hoi_nong_dan", QT_TRANSLATE_NOOP("FieldLabels", "Farmers' Association") },
    { "hoi_lhpn", QT_TRANSLATE_NOOP("FieldLabels", "Women's Union") },
    { "doan_tn", QT_TRANSLATE_NOOP("FieldLabels", "Youth Union") },
    { "hoi_ccb", QT_TRANSLATE_NOOP("FieldLabels", "Veterans' Association") },
    { "other_association", QT_TRANSLATE_NOOP("FieldLabels", "Other association") },
    { "chu_tich", QT_TRANSLATE_NOOP("FieldLabels", "Chair") },
    { "pho_chu_tich", QT_TRANSLATE_NOOP("FieldLabels", "Vice-chair") },
    { "uv_thuong_truc", QT_TRANSLATE_NOOP("FieldLabels", "Standing member") },
    { "uy_vien", QT_TRANSLATE_NOOP("FieldLabels", "Member") },
    { "truong_ban_ctmt", QT_TRANSLATE_NOOP("FieldLabels", "Head of the Front Work Committee") },
    { "pho_ban_ctmt", QT_TRANSLATE_NOOP("FieldLabels", "Deputy head of the Front Work Committee") },
    { "can_bo_chuyen_trach", QT_TRANSLATE_NOOP("FieldLabels", "Full-time cadre") },
    { "head_of_member_org", QT_TRANSLATE_NOOP("FieldLabels", "Head of a member organisation") },
    { "typical_individual", QT_TRANSLATE_NOOP("FieldLabels", "Typical individual") },
    { "full_time", QT_TRANSLATE_NOOP("FieldLabels", "Full-time") },
    { "gia_lang", QT_TRANSLATE_NOOP("FieldLabels", "Village elder") },
    { "truong_dong_ho", QT_TRANSLATE_NOOP("FieldLabels", "Head of a clan") },
    { "truong_thon", QT_TRANSLATE_NOOP("FieldLabels", "Head of a village") },
    { "chuc_sac", QT_TRANSLATE_NOOP("FieldLabels", "Dignitary") },
    { "nhan_si", QT_TRANSLATE_NOOP("FieldLabels", "Intellectual") },
    { "doanh_nhan", QT_TRANSLATE_NOOP("FieldLabels", "Business person") },
    { "giao_vien", QT_TRANSLATE_NOOP("FieldLabels", "Teacher") },
    { "thay_thuoc", QT_TRANSLATE_NOOP("FieldLabels", "Healer") },
    { "active", QT_TRANSLATE_NOOP("FieldLabels", "Recognised") },
    { "inactive", QT_TRANSLATE_NOOP("FieldLabels", "No longer recognised") },
    { "chuc_viec", QT_TRANSLATE_NOOP("FieldLabels", "Office-holder") },
    { "nha_tu_hanh", QT_TRANSLATE_NOOP("FieldLabels", "Monastic") },
    { "thu", QT_TRANSLATE_NOOP("FieldLabels", "Receipt") },
    { "chi", QT_TRANSLATE_NOOP("FieldLabels", "Payment") },
    { "nha_o", QT_TRANSLATE_NOOP("FieldLabels", "Housing") },
    { "sinh_ke", QT_TRANSLATE_NOOP("FieldLabels", "Livelihood") },
    { "hoc_tap", QT_TRANSLATE_NOOP("FieldLabels", "Schooling") },
    { "y_te", QT_TRANSLATE_NOOP("FieldLabels", "Health care") },
    { "cuu_tro", QT_TRANSLATE_NOOP("FieldLabels", "Relief") },
    { "qua", QT_TRANSLATE_NOOP("FieldLabels", "Gifts") },
    { "xay_moi", QT_TRANSLATE_NOOP("FieldLabels", "New house") },
    { "sua_chua", QT_TRANSLATE_NOOP("FieldLabels", "Repair") },
    { "proposed", QT_TRANSLATE_NOOP("FieldLabels", "Proposed") },
    { "approved", QT_TRANSLATE_NOOP("FieldLabels", "Approved") },
    { "under_construction", QT_TRANSLATE_NOOP("FieldLabels", "Under construction") },
    { "completed", QT_TRANSLATE_NOOP("FieldLabels", "Completed") },
    { "handed_over", QT_TRANSLATE_NOOP("FieldLabels", "Handed over") },
    { "cancelled", QT_TRANSLATE_NOOP("FieldLabels", "Cancelled") },
    { "weekly", QT_TRANSLATE_NOOP("FieldLabels", "Week") },
    { "monthly", QT_TRANSLATE_NOOP("FieldLabels", "Month") },
    { "draft", QT_TRANSLATE_NOOP("FieldLabels", "Draft") },
    { "submitted", QT_TRANSLATE_NOOP("FieldLabels", "Submitted") },
    { "accepted", QT_TRANSLATE_NOOP("FieldLabels", "Accepted") },
    { "returned", QT_TRANSLATE_NOOP("FieldLabels", "Returned") },
};

template <size_t N>
const char *find(const Label (&labels)[N], const QString &name)
{
    for (const Label &label : labels) {
        if (name == QLatin1String(label.name))
            return label.text;
    }
    return nullptr;
}

} // namespace

QStringList FieldLabels::registryKinds()
{
    QStringList kinds;
    for (const Label &label : kindTitles) {
        if (RecordSchema::registry().kind(QString::fromLatin1(label.name)))
            kinds.append(QLatin1String(label.name));
    }
    return kinds;
}

QString FieldLabels::kindTitle(const QString &kind)
{
    const char *text = find(kindTitles, kind);
    return text ? tr(text) : kind;
}

QString FieldLabels::field(const QString &kind, const QString &field)
{
    // A residential area's or an organisation's name, a house's status: the shared words fit every kind today.
    Q_UNUSED(kind)
    const char *text = find(fieldLabels, field);
    return text ? tr(text) : field;
}

QString FieldLabels::value(const QString &kind, const QString &field, const QString &value)
{
    Q_UNUSED(kind)
    Q_UNUSED(field)
    const char *text = find(valueLabels, value);
    return text ? tr(text) : value;
}

QString FieldLabels::problem(const QString &kind, const FieldProblem &problem)
{
    const RecordKind *recordKind = RecordSchema::registry().kind(kind);
    const RecordField *recordField = recordKind ? recordKind->field(problem.field) : nullptr;
    const QString other = problem.otherField.isEmpty() ? QString() : field(kind, problem.otherField);
    using Code = FieldProblem::Code;
    switch (problem.code) {
    case Code::Missing:
        return tr("Required: fill it in.");
    case Code::WrongType:
        if (recordField && recordField->type == FieldType::Integer)
            return tr("Write a whole number, without dots or commas.");
        return tr("This value cannot be stored here: correct it.");
    case Code::NotAllowed:
        return tr("Choose one of the values in the list.");
    case Code::BadDate:
        return tr("Not a date: write it as dd/mm/yyyy, for example 02/09/1975.");
    case Code::BadReference:
        return tr("Type a few letters of the name and choose the record from the list that drops down.");
    case Code::WorkflowField:
        return tr("This field changes only through its actions (submit, accept, return).");
    case Code::BadBlob:
        return tr("Attach the file again.");
    case Code::OutOfRange:
        if (recordField && recordField->minimum && *recordField->minimum > 0)
            return tr("Must be at least %1.").arg(*recordField->minimum);
        return tr("Cannot be negative.");
    case Code::BadFormat:
        if (recordField && recordField->format == TextFormat::CitizenId)
            return tr("A citizen ID has exactly 12 digits, without spaces.");
        if (recordField && recordField->format == TextFormat::PhoneNumber)
            return tr("Not a Vietnamese phone number: write 10 digits starting with 0, such as 0912 345 678.");
        return tr("This value does not have the expected form.");
    case Code::Inconsistent:
        return tr("Check: this does not match %1.").arg(other);
    case Code::FutureDate:
        return tr("Check: this date has not come yet.");
    }
    return problem.message;
}

} // namespace mts
