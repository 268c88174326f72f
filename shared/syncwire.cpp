// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/syncwire.h"

#include "shared/jsonreader.h"
#include "shared/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <array>
#include <cmath>

namespace mts::sync {

namespace {

constexpr std::array outcomeNames { u"applied", u"superseded", u"conflict", u"rejected" };

// A JSON number that holds a non-negative integer exactly representable as a double.
std::optional<qint64> sequenceNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!(number >= 0 && number <= 9007199254740992.0) || std::trunc(number) != number)
        return std::nullopt;
    return qint64(number);
}

void writePositions(JsonWriter &json, const QMap<QString, qint64> &positions)
{
    json.beginObject();
    for (auto it = positions.cbegin(); it != positions.cend(); ++it)
        json.key(it.key()).value(it.value());
    json.endObject();
}

// What one writer makes of `item`, parsed: the QJsonObject form of a wire type is its bytes read back, so the
// two cannot disagree.
template <typename T>
QJsonObject parsedBack(const T &item)
{
    JsonWriter json;
    item.write(json);
    return QJsonDocument::fromJson(json.take()).object();
}

std::optional<QMap<QString, qint64>> positionsFromJson(const QJsonValue &value, QString *why = nullptr)
{
    if (!value.isObject()) {
        if (why)
            *why = QStringLiteral("\"positions\" must be an object of bucket: sequence.");
        return std::nullopt;
    }
    QMap<QString, qint64> positions;
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!BucketId::parse(it.key())) {
            if (why)
                *why = QStringLiteral("\"%1\" is not a bucket.").arg(it.key());
            return std::nullopt;
        }
        const auto seq = sequenceNumber(it.value());
        if (!seq) {
            if (why)
                *why = QStringLiteral("The position of \"%1\" must be a whole number ≥ 0.").arg(it.key());
            return std::nullopt;
        }
        positions.insert(it.key(), *seq);
    }
    return positions;
}

// sequenceNumber() of the integer `json` reads next.
std::optional<qint64> readSequenceNumber(JsonReader &json)
{
    const auto number = json.integer();
    if (!number || *number < 0 || *number > (qint64(1) << 53))
        return std::nullopt;
    return number;
}

std::optional<BucketHead> readHead(JsonReader &json)
{
    BucketHead head;
    std::optional<qint64> seq;
    std::optional<BucketChecksum> checksum;
    if (!json.beginObject())
        return std::nullopt;
    while (const auto key = json.nextKey()) {
        if (*key == "bucket")
            head.bucket = json.string().value_or(QString());
        else if (*key == "seq")
            seq = readSequenceNumber(json);
        else if (*key == "checksum")
            checksum = BucketChecksum::parse(json.string().value_or(QString()));
        else
            json.skip();
    }
    if (json.failed() || !seq || !checksum || !BucketId::parse(head.bucket))
        return std::nullopt;
    head.seq = *seq;
    head.checksum = *checksum;
    return head;
}

std::optional<RecordChange> readChange(JsonReader &json)
{
    RecordChange change;
    std::optional<qint64> seq;
    std::optional<bool> deleted;
    std::optional<HlcStamp> hlc;
    bool hasFields = false;
    if (!json.beginObject())
        return std::nullopt;
    while (const auto key = json.nextKey()) {
        if (*key == "bucket") {
            change.bucket = json.string().value_or(QString());
        } else if (*key == "seq") {
            seq = readSequenceNumber(json);
        } else if (*key == "id") {
            change.id = json.string().value_or(QString());
        } else if (*key == "left") {
            change.left = json.boolean().value_or(false);
        } else if (*key == "kind") {
            change.kind = json.string().value_or(QString());
        } else if (*key == "scope") {
            change.scope = json.string().value_or(QString());
        } else if (*key == "deleted") {
            deleted = json.boolean();
        } else if (*key == "hlc") {
            hlc = HlcStamp::parse(json.string().value_or(QString()));
        } else if (*key == "fields_as_sent") {
            change.fieldsAsSent = json.boolean().value_or(false);
        } else if (*key == "fields") {
            hasFields = json.peek() == JsonReader::Type::Object;
            change.fieldsJson = json.skip().toByteArray();
        } else {
            json.skip();
        }
    }
    if (json.failed() || !seq || change.id.isEmpty() || !BucketId::parse(change.bucket))
        return std::nullopt;
    change.seq = *seq;
    if (change.left) {
        // A departure is its bucket, seq and id only.
        change.kind.clear();
        change.scope.clear();
        change.fieldsJson.clear();
        change.fieldsAsSent = false;
        return change;
    }
    if (change.kind.isEmpty() || !Scope::parse(change.scope) || hasFields == change.fieldsAsSent || !deleted || !hlc)
        return std::nullopt;
    change.deleted = *deleted;
    change.hlc = *hlc;
    return change;
}

std::optional<PushResult> readResult(JsonReader &json)
{
    PushResult result;
    std::optional<PushOutcome> outcome;
    if (!json.beginObject())
        return std::nullopt;
    while (const auto key = json.nextKey()) {
        if (*key == "op_id") {
            result.opId = json.string().value_or(QString());
        } else if (*key == "outcome") {
            outcome = pushOutcomeFromName(json.string().value_or(QString()));
        } else if (*key == "code") {
            result.code = json.string().value_or(QString());
        } else if (*key == "message") {
            result.message = json.string().value_or(QString());
        } else if (*key == "record") {
            result.record = readChange(json);
            if (!result.record)
                return std::nullopt;
        } else if (*key == "created") {
            const auto seq = readSequenceNumber(json);
            if (!seq || *seq <= 0)
                return std::nullopt;
            result.created = *seq;
        } else {
            json.skip();
        }
    }
    if (json.failed() || result.opId.isEmpty() || !outcome || (result.created > 0 && result.record))
        return std::nullopt;
    result.outcome = *outcome;
    return result;
}

// What fromJson() gives: the fields as an object, as its callers read them.
void takeFieldsIn(RecordChange &change)
{
    if (change.fieldsJson.isEmpty())
        return;
    change.fields = change.fieldsObject();
    change.fieldsJson.clear();
}

} // namespace

QString BucketId::toString() const
{
    return scope.toString() + QLatin1Char('/') + kindGroupName(group);
}

std::optional<BucketId> BucketId::parse(QStringView text)
{
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return std::nullopt;
    const auto scope = Scope::parse(text.left(slash));
    const auto group = kindGroupFromName(text.mid(slash + 1));
    if (!scope || !group || scope->toString() != text.left(slash))
        return std::nullopt;
    return BucketId { *scope, *group };
}

std::optional<BucketId> bucketOf(const QString &scope, const QString &kind)
{
    const auto parsed = Scope::parse(scope);
    const auto known = RecordSchema::registry().kind(kind);
    if (!parsed || !known)
        return std::nullopt;
    return BucketId { *parsed, known->group };
}

QJsonObject BucketHead::toJson() const
{
    return parsedBack(*this);
}

void BucketHead::write(JsonWriter &json) const
{
    json.beginObject().key("bucket").value(bucket).key("seq").value(seq).key("checksum").value(checksum.toString());
    json.endObject();
}

QJsonObject RecordChange::fieldsObject() const
{
    return fieldsJson.isEmpty() ? fields : QJsonDocument::fromJson(fieldsJson).object();
}

QJsonObject RecordChange::toJson() const
{
    return parsedBack(*this);
}

void RecordChange::write(JsonWriter &json) const
{
    json.beginObject().key("bucket").value(bucket).key("seq").value(seq).key("id").value(id);
    if (left) {
        json.key("left").value(true).endObject();
        return;
    }
    json.key("kind").value(kind).key("scope").value(scope).key("deleted").value(deleted);
    json.key("hlc").value(hlc.toString());
    if (fieldsAsSent)
        json.key("fields_as_sent").value(true);
    else if (!fieldsJson.isEmpty())
        json.key("fields").raw(fieldsJson);
    else
        json.key("fields").value(fields);
    json.endObject();
}

QString pushOutcomeName(PushOutcome outcome)
{
    return QString::fromUtf16(outcomeNames.at(size_t(outcome)));
}

std::optional<PushOutcome> pushOutcomeFromName(QStringView name)
{
    for (size_t i = 0; i < outcomeNames.size(); ++i) {
        if (name == QStringView(outcomeNames[i]))
            return PushOutcome(i);
    }
    return std::nullopt;
}

QJsonObject PushResult::toJson() const
{
    return parsedBack(*this);
}

void PushResult::write(JsonWriter &json) const
{
    json.beginObject().key("op_id").value(opId).key("outcome").value(QStringView(outcomeNames.at(size_t(outcome))));
    if (!code.isEmpty())
        json.key("code").value(code);
    if (!message.isEmpty())
        json.key("message").value(message);
    if (record) {
        json.key("record");
        record->write(json);
    }
    if (created > 0)
        json.key("created").value(created);
    json.endObject();
}

QJsonObject PushResponse::toJson() const
{
    return QJsonDocument::fromJson(encode()).object();
}

QByteArray PushResponse::encode() const
{
    JsonWriter json(64 + 256 * results.size());
    json.beginObject().key("server_time").value(serverTime).key("results").beginArray();
    for (const PushResult &result : results)
        result.write(json);
    json.endArray();
    if (acceptsAfter)
        json.key("accepts_after").value(true);
    json.endObject();
    return json.take();
}

std::optional<PushResponse> PushResponse::fromJson(const QJsonObject &json)
{
    auto response = decode(QJsonDocument(json).toJson(QJsonDocument::Compact));
    if (response) {
        for (PushResult &result : response->results) {
            if (result.record)
                takeFieldsIn(*result.record);
        }
    }
    return response;
}

std::optional<PushResponse> PushResponse::decode(QByteArrayView body)
{
    JsonReader json(body);
    PushResponse response;
    std::optional<qint64> time;
    bool hasResults = false;
    if (!json.beginObject())
        return std::nullopt;
    while (const auto key = json.nextKey()) {
        if (*key == "server_time") {
            time = readSequenceNumber(json);
        } else if (*key == "accepts_after") {
            const auto value = json.boolean();
            if (!value)
                return std::nullopt;
            response.acceptsAfter = *value;
        } else if (*key == "results") {
            hasResults = json.beginArray();
            response.results.clear();
            while (json.nextElement()) {
                auto result = readResult(json);
                if (!result)
                    return std::nullopt;
                response.results.append(std::move(*result));
            }
        } else {
            json.skip();
        }
    }
    if (!json.atEnd() || !time || !hasResults)
        return std::nullopt;
    response.serverTime = *time;
    return response;
}

QJsonObject PullRequest::toJson() const
{
    return QJsonDocument::fromJson(encode()).object();
}

QByteArray PullRequest::encode() const
{
    JsonWriter json(64 + 48 * positions.size());
    json.beginObject().key("positions");
    writePositions(json, positions);
    json.key("limit").value(qint64(limit)).endObject();
    return json.take();
}

Result<PullRequest, WireError> PullRequest::fromJson(const QJsonObject &json)
{
    PullRequest request;
    QString why;
    const auto positions = positionsFromJson(json.value(QStringLiteral("positions")), &why);
    if (!positions)
        return mts::Error<WireError> { WireError::Malformed, why };
    request.positions = *positions;
    if (json.contains(QStringLiteral("limit"))) {
        const auto limit = sequenceNumber(json.value(QStringLiteral("limit")));
        if (!limit || *limit < 1 || *limit > maxPullLimit) {
            const QString message = QStringLiteral("\"limit\" must be a whole number from 1 to %1.").arg(maxPullLimit);
            return mts::Error<WireError> { WireError::Malformed, message };
        }
        request.limit = int(*limit);
    }
    return request;
}

QJsonObject PullResponse::toJson() const
{
    return QJsonDocument::fromJson(encode()).object();
}

QByteArray PullResponse::encode() const
{
    JsonWriter json(256 + 64 * buckets.size() + 640 * changes.size());
    json.beginObject().key("server_time").value(serverTime).key("buckets").beginArray();
    for (const BucketHead &head : buckets)
        head.write(json);
    json.endArray().key("changes").beginArray();
    for (const RecordChange &change : changes)
        change.write(json);
    json.endArray().key("positions");
    writePositions(json, positions);
    json.key("more").value(more);
    if (!unit.isEmpty())
        json.key("unit").value(unit);
    json.endObject();
    return json.take();
}

std::optional<PullResponse> PullResponse::fromJson(const QJsonObject &json)
{
    auto response = decode(QJsonDocument(json).toJson(QJsonDocument::Compact));
    if (response) {
        for (RecordChange &change : response->changes)
            takeFieldsIn(change);
    }
    return response;
}

std::optional<PullResponse> PullResponse::decode(QByteArrayView body)
{
    JsonReader json(body);
    PullResponse response;
    std::optional<qint64> time;
    bool hasHeads = false;
    bool hasChanges = false;
    bool hasPositions = false;
    if (!json.beginObject())
        return std::nullopt;
    while (const auto key = json.nextKey()) {
        if (*key == "server_time") {
            time = readSequenceNumber(json);
        } else if (*key == "more") {
            response.more = json.boolean().value_or(false);
        } else if (*key == "unit") {
            const auto unit = json.string();
            if (!unit || !Scope::parse(*unit))
                return std::nullopt;
            response.unit = *unit;
        } else if (*key == "buckets") {
            hasHeads = json.beginArray();
            response.buckets.clear();
            while (json.nextElement()) {
                auto head = readHead(json);
                if (!head)
                    return std::nullopt;
                response.buckets.append(std::move(*head));
            }
        } else if (*key == "changes") {
            hasChanges = json.beginArray();
            response.changes.clear();
            while (json.nextElement()) {
                auto change = readChange(json);
                if (!change || change->fieldsAsSent)
                    return std::nullopt;
                response.changes.append(std::move(*change));
            }
        } else if (*key == "positions") {
            hasPositions = json.beginObject();
            response.positions.clear();
            while (const auto bucket = json.nextKey()) {
                const QString name = QString::fromUtf8(*bucket);
                const auto seq = readSequenceNumber(json);
                if (!seq || !BucketId::parse(name))
                    return std::nullopt;
                response.positions.insert(name, *seq);
            }
        } else {
            json.skip();
        }
    }
    if (!json.atEnd() || !time || !hasHeads || !hasChanges || !hasPositions)
        return std::nullopt;
    response.serverTime = *time;
    return response;
}

} // namespace mts::sync
