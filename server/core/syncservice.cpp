// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/syncservice.h"

#include "server/core/syncaudit.h"
#include "shared/apierror.h"
#include "shared/canonicaljson.h"
#include "shared/crypto.h"
#include "shared/jsonreader.h"
#include "shared/recordschema.h"
#include "shared/uuid7.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSet>

#include <algorithm>
#include <chrono>

Q_LOGGING_CATEGORY(lcSync, "mts.server.sync")

namespace mts {

namespace {

using sync::PushOutcome;

const QString deletedStamp = QString::fromUtf16(StoredRecord::deletedKey);

SyncError fromStorage(SyncStorage::Error error)
{
    return error == SyncStorage::Error::Busy ? SyncError::Busy : SyncError::Unavailable;
}

template <typename T>
Result<T, SyncError> fail(SyncFailure *out, SyncError code, const QString &message, QJsonObject details = {})
{
    if (out)
        *out = { code, message, std::move(details) };
    return mts::Error<SyncError> { code, message };
}

QString problemsText(const QList<FieldProblem> &problems)
{
    QStringList parts;
    for (const FieldProblem &problem : problems)
        parts.append(problem.message);
    return parts.join(QLatin1Char(' '));
}

// Who holds a role, as a message names them (the client shows its own words for the code).
QString holdersOf(Role role)
{
    switch (role) {
    case Role::CommuneCadre:
        return QStringLiteral("the commune's cadres");
    case Role::CommuneChair:
        return QStringLiteral("the commune's Front chair");
    case Role::ProvincialStaff:
        return QStringLiteral("provincial staff");
    case Role::CentralAdmin:
        return QStringLiteral("the central administrators");
    case Role::Auditor:
        return QStringLiteral("auditors");
    }
    return roleName(role);
}

QString holdersOf(const QList<Role> &roles)
{
    QStringList names;
    for (Role role : roles)
        names.append(holdersOf(role));
    if (names.size() < 2)
        return names.value(0);
    const QString last = names.takeLast();
    return names.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

// Why someone who oversees a unit's records (AccessPolicy::mayEdit) may not change their content.
QString oversightOnly(Role role, const Scope &scope, KindGroup group)
{
    const QString holders = holdersOf(role);
    const QString unit = scope.level == Scope::Level::Province ? QStringLiteral("province") : QStringLiteral("commune");
    const QString does = group == KindGroup::Reports
        ? QStringLiteral(" accept or return a %1's report; they do not edit it.").arg(unit)
        : QStringLiteral(" approve or return a %1's %2 data; they do not edit it.").arg(unit, kindGroupName(group));
    return holders.left(1).toUpper() + holders.mid(1) + does;
}

} // namespace

int SyncFailure::httpStatus() const
{
    switch (code) {
    case SyncError::BadRequest:
    case SyncError::UnknownKind:
        return 400;
    case SyncError::BatchTooLarge:
        return 413;
    case SyncError::SchemaTooNew:
    case SyncError::ClockSkew:
    case SyncError::MissingBlob:
        return 422;
    case SyncError::OpIdReused:
    case SyncError::OutOfOrder:
        return 409;
    case SyncError::NotReadable:
        return 404;
    case SyncError::Busy:
    case SyncError::Unavailable:
        return 503;
    }
    return 500;
}

QString SyncFailure::apiCode() const
{
    switch (code) {
    case SyncError::BadRequest:
        return QString::fromLatin1(apierror::badRequest);
    case SyncError::UnknownKind:
        return QString::fromLatin1(sync::errorcode::unknownKind);
    case SyncError::BatchTooLarge:
        return QString::fromLatin1(sync::errorcode::batchTooLarge);
    case SyncError::SchemaTooNew:
        return QStringLiteral("schema_too_new");
    case SyncError::OpIdReused:
        return QString::fromLatin1(sync::errorcode::opIdReused);
    case SyncError::NotReadable:
        return QString::fromLatin1(apierror::notFound);
    case SyncError::ClockSkew:
        return QString::fromLatin1(sync::errorcode::clockSkew);
    case SyncError::MissingBlob:
        return QStringLiteral("missing_blob");
    case SyncError::OutOfOrder:
        return QString::fromLatin1(sync::errorcode::outOfOrder);
    case SyncError::Busy:
        return QString::fromLatin1(sync::errorcode::busy);
    case SyncError::Unavailable:
        return QString::fromLatin1(apierror::unavailable);
    }
    return {};
}

/// The working state of one push batch: the records and heads it read, as they stand after each op, and what it
/// will write.
struct SyncService::Batch {
    const Principal &principal;
    const AccessPolicy &policy;
    qint64 now;
    QHash<QString, StoredRecord> records;
    QHash<QString, BucketState> heads;
    SyncWriteSet writes;
    /// Index in writes.records of each record written, so a record changed twice is written once.
    QHash<QString, qsizetype> written;
    /// Index in writes.blobRefs of each record whose references are rewritten.
    QHash<QString, qsizetype> refsWritten;

    struct Decision {
        PushOutcome outcome = PushOutcome::Applied;
        QString code;
        QString message;
        /// A create that made the record: its fields are the op's set (and the workflow's initial state).
        bool createdAsSent = false;
    };

    static Decision rejected(const char *code, const QString &message)
    {
        return { PushOutcome::Rejected, QString::fromLatin1(code), message };
    }

    bool mayRead(const StoredRecord &record) const
    {
        const auto scope = Scope::parse(record.scope);
        const auto kind = RecordSchema::registry().kind(record.kind);
        return scope && kind && policy.mayRead(principal, *scope, kind->group);
    }

    // Appends a change of `bucket` for record `id` with hash `hash` (0 for its departure) under the bucket's lock.
    void logChange(const QString &bucket, const QString &id, quint64 hash, bool left)
    {
        BucketState &head = heads[bucket];
        head.seq += 1;
        head.chain = SyncAudit::nextChain(head.chain, head.seq, id, hash, left);
        writes.changes.append({ bucket, head.seq, id, hash, left, head.chain, now });
    }

    // Stores the new state of `record`, which was `before` (nullptr for a new record): its version, the checksums
    // and chains of the buckets it leaves and enters. Each state is hashed once (a canonical encoding of every
    // field); `contentHash` is BucketChecksum::contentHash() of the new state when it is known already.
    void commitRecord(StoredRecord record, const StoredRecord *before, const QByteArray &contentHash = {})
    {
        if (before) {
            heads[before->bucket].checksum.removeHash(before->canonicalFields.isEmpty()
                    ? before->hash()
                    : BucketChecksum::recordHashOfCanonical(
                        before->id, before->version, before->canonicalFields, before->deleted));
            if (before->bucket != record.bucket)
                logChange(before->bucket, before->id, 0, true);
        }
        BucketState &head = heads[record.bucket];
        record.version = head.seq + 1;
        record.updatedBy = principal.userId;
        record.updatedAt = now;
        if (record.canonicalFields.isEmpty())
            record.canonicalFields = CanonicalJson::encode(record.fields);
        const quint64 hash = contentHash.isEmpty()
            ? BucketChecksum::recordHashOfCanonical(record.id, record.version, record.canonicalFields, record.deleted)
            : BucketChecksum::recordHashOfContent(record.id, record.version, contentHash);
        logChange(record.bucket, record.id, hash, false);
        head.checksum.addHash(hash);
        // References only when they can have changed, so most batches write none.
        const RecordSchema &schema = RecordSchema::registry();
        const QStringList hashes = schema.blobHashes(record.kind, record.fields);
        if (before ? (before->scope != record.scope || schema.blobHashes(before->kind, before->fields) != hashes)
                   : !hashes.isEmpty()) {
            // A moved record's blobs are shared from where the blob check found them into its new scope.
            BlobRefs refs { record.id, record.scope, hashes, before ? before->scope : record.scope };
            if (const auto refAt = refsWritten.constFind(record.id); refAt != refsWritten.constEnd()) {
                refs.fromScope = writes.blobRefs.at(*refAt).fromScope;
                writes.blobRefs[*refAt] = refs;
            } else {
                refsWritten.insert(record.id, writes.blobRefs.size());
                writes.blobRefs.append(refs);
            }
        }
        if (!before)
            writes.created.insert(record.id);
        const auto at = written.constFind(record.id);
        if (at != written.constEnd()) {
            writes.records[*at] = record;
        } else {
            written.insert(record.id, writes.records.size());
            writes.records.append(record);
        }
        records.insert(record.id, record);
    }

    void keepConflict(const SyncOp &op, const StoredRecord &current, const QString &reason)
    {
        QJsonObject state { { QStringLiteral("fields"), current.fields },
            { QStringLiteral("deleted"), current.deleted }, { QStringLiteral("version"), current.version },
            { QStringLiteral("scope"), current.scope }, { QStringLiteral("updated_by"), current.updatedBy },
            { QStringLiteral("updated_at"), current.updatedAt } };
        writes.conflicts.append(
            { createUuid7(), op.recordId, current.bucket, op.opId, principal.userId, reason, op.toJson(), state, now });
    }

    Decision apply(const SyncOp &op, const PreparedOp &prepared);
};

SyncService::PreparedOp SyncService::prepare(const SyncOp &op, QByteArrayView canonicalSet)
{
    PreparedOp prepared;
    const QByteArray set = canonicalSet.isEmpty() ? CanonicalJson::encode(op.set) : canonicalSet.toByteArray();
    prepared.contentHash = op.contentHash(set);
    if (op.type != SyncOp::Type::Create)
        return prepared;
    // The record it makes when the record is new, the case of nearly every create.
    prepared.createProblems = RecordSchema::forVersion(op.schemaVersion)->validate(op.kind, op.set, true);
    if (!prepared.createProblems.isEmpty())
        return prepared;
    const RecordKind &kind = *RecordSchema::registry().kind(op.kind);
    prepared.createdFields = op.set;
    if (kind.workflow) {
        prepared.createdFields.insert(kind.workflow->field, kind.workflow->initial);
        prepared.createdCanonical = CanonicalJson::encode(prepared.createdFields);
    } else {
        prepared.createdCanonical = set;
    }
    prepared.createdContentHash = BucketChecksum::contentHash(prepared.createdCanonical, false);
    return prepared;
}

SyncService::Batch::Decision SyncService::Batch::apply(const SyncOp &op, const PreparedOp &prepared)
{
    const RecordSchema *schema = RecordSchema::forVersion(op.schemaVersion);
    const RecordKind &kind = *RecordSchema::registry().kind(op.kind);
    const auto existing = records.constFind(op.recordId);

    if (existing == records.constEnd()) {
        if (op.type != SyncOp::Type::Create) {
            return rejected("unknown_record",
                QStringLiteral("There is no record %1 to %2.").arg(op.recordId, SyncOp::typeName(op.type)));
        }
        const Scope scope = *Scope::parse(op.scope);
        if (!policy.mayWrite(principal, scope, kind.group))
            return rejected(
                "forbidden", QStringLiteral("You may not create records of %1 in %2.").arg(op.kind, op.scope));
        if (!policy.mayEdit(principal, scope, kind.group))
            return rejected("forbidden", oversightOnly(principal.role, scope, kind.group));
        if (!prepared.createProblems.isEmpty())
            return rejected("invalid", problemsText(prepared.createProblems));
        StoredRecord record;
        record.id = op.recordId;
        record.kind = op.kind;
        record.scope = op.scope;
        record.bucket = sync::bucketOf(op.scope, op.kind)->toString();
        record.fields = prepared.createdFields;
        // Every field and `deleted` written by this op.
        record.baseStamp = op.hlc.toString();
        record.canonicalFields = prepared.createdCanonical;
        commitRecord(record, nullptr, prepared.createdContentHash);
        Decision created;
        created.createdAsSent = true;
        return created;
    }

    const StoredRecord before = *existing;
    if (before.kind != op.kind) {
        return rejected(
            "kind_mismatch", QStringLiteral("Record %1 is a %2, not a %3.").arg(op.recordId, before.kind, op.kind));
    }
    // Authorised against the stored scope, whatever the op says: an op cannot reach another unit's record by
    // naming its id.
    const Scope stored = *Scope::parse(before.scope);
    if (!policy.mayWrite(principal, stored, kind.group))
        return rejected("forbidden", QStringLiteral("You may not change record %1.").arg(op.recordId));
    // Overseers (provincial staff on a commune's report) move the record along its workflow, nothing else.
    const bool mayEdit = policy.mayEdit(principal, stored, kind.group);
    if (!mayEdit && op.type != SyncOp::Type::Transition)
        return rejected("forbidden", oversightOnly(principal.role, stored, kind.group));

    const std::optional<Workflow> &workflow = kind.workflow;
    const QString state = workflow ? before.fields.value(workflow->field).toString() : QString();
    StoredRecord after = before;
    after.canonicalFields.clear();

    switch (op.type) {
    case SyncOp::Type::Create:
    case SyncOp::Type::Update: {
        const auto problems = schema->validate(op.kind, op.set, false);
        if (!problems.isEmpty())
            return rejected("invalid", problemsText(problems));
        if (workflow) {
            for (auto it = op.set.constBegin(); it != op.set.constEnd(); ++it) {
                if (workflow->isLocked(state, it.key())) {
                    keepConflict(op, before, QStringLiteral("locked"));
                    return { PushOutcome::Conflict, QStringLiteral("locked"),
                        QStringLiteral("The record is %1: \"%2\" can no longer be changed.").arg(state, it.key()) };
                }
            }
        }
        bool changed = false;
        const QString stamp = op.hlc.toString();
        for (auto it = op.set.constBegin(); it != op.set.constEnd(); ++it) {
            const HlcStamp current = before.stampOf(it.key());
            if (current.isValid() && !(op.hlc > current))
                continue;
            after.fields.insert(it.key(), it.value());
            after.stamps.insert(it.key(), stamp);
            changed = true;
        }
        if (!changed)
            return { PushOutcome::Superseded, {}, {} };
        break;
    }
    case SyncOp::Type::Delete:
    case SyncOp::Type::Restore: {
        if (workflow && workflow->isLocked(state, QStringLiteral("*"))) {
            keepConflict(op, before, QStringLiteral("locked"));
            return { PushOutcome::Conflict, QStringLiteral("locked"),
                QStringLiteral("The record is %1 and can no longer be deleted or restored.").arg(state) };
        }
        const HlcStamp current = before.stampOf(deletedStamp);
        if (current.isValid() && !(op.hlc > current))
            return { PushOutcome::Superseded, {}, {} };
        after.deleted = op.type == SyncOp::Type::Delete;
        after.stamps.insert(deletedStamp, op.hlc.toString());
        break;
    }
    case SyncOp::Type::Move: {
        const Scope to = *Scope::parse(op.moveTo);
        if (!policy.mayEdit(principal, to, kind.group))
            return rejected("forbidden", QStringLiteral("You may not move records into %1.").arg(op.moveTo));
        if (op.moveFrom != before.scope) {
            keepConflict(op, before, QStringLiteral("stale_move"));
            return { PushOutcome::Conflict, QStringLiteral("stale_move"),
                QStringLiteral("The record is in %1, not %2.").arg(before.scope, op.moveFrom) };
        }
        if (op.moveTo == before.scope)
            return { PushOutcome::Superseded, {}, {} };
        after.scope = op.moveTo;
        after.bucket = sync::bucketOf(op.moveTo, op.kind)->toString();
        break;
    }
    case SyncOp::Type::Transition: {
        const Workflow::Transition *transition = workflow && workflow->field == op.transitionField
            ? workflow->transition(op.transitionFrom, op.transitionTo)
            : nullptr;
        if (!transition) {
            return rejected("bad_transition",
                QStringLiteral("%1 has no transition of \"%2\" from %3 to %4.")
                    .arg(op.kind, op.transitionField, op.transitionFrom, op.transitionTo));
        }
        // Who may make it, before whether the record still stands where the op says: a role that may never make
        // a transition is told so, deterministically (and on every resend), not handed a conflict that depends on
        // what others did first and that a reviewer would have to dismiss.
        if (!transition->allows(principal.role)) {
            return rejected("forbidden",
                QStringLiteral("Only %1 may move a %2 from %3 to %4.")
                    .arg(holdersOf(transition->by), op.kind, op.transitionFrom, op.transitionTo));
        }
        // An overseer's transition carries only what the workflow lets it carry (a reason for returning), not an
        // edit of the content by the back door.
        if (!mayEdit) {
            for (auto it = op.set.constBegin(); it != op.set.constEnd(); ++it) {
                if (!transition->carries.contains(it.key())) {
                    return rejected("forbidden",
                        oversightOnly(principal.role, stored, kind.group)
                            + QStringLiteral(" The move to %1 cannot set \"%2\".").arg(op.transitionTo, it.key()));
                }
            }
        }
        const auto problems = schema->validate(op.kind, op.set, false);
        if (!problems.isEmpty())
            return rejected("invalid", problemsText(problems));
        if (state != op.transitionFrom) {
            keepConflict(op, before, QStringLiteral("stale_transition"));
            return { PushOutcome::Conflict, QStringLiteral("stale_transition"),
                QStringLiteral("The record is %1, not %2: the transition to %3 was kept for review.")
                    .arg(state, op.transitionFrom, op.transitionTo) };
        }
        // All or nothing: the new state and every value it carries, each stamped no lower than before.
        QJsonObject set = op.set;
        set.insert(workflow->field, op.transitionTo);
        for (auto it = set.constBegin(); it != set.constEnd(); ++it) {
            const HlcStamp current = before.stampOf(it.key());
            after.fields.insert(it.key(), it.value());
            after.stamps.insert(it.key(), (current.isValid() && current > op.hlc ? current : op.hlc).toString());
        }
        break;
    }
    }
    commitRecord(after, &before);
    return {};
}

SyncService::SyncService(SyncStorage *storage, const AccessPolicy *policy, std::function<qint64()> wallMillis)
    : m_storage(storage)
    , m_policy(policy)
    , m_wallMillis(wallMillis ? std::move(wallMillis) : [] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

namespace {

// A push body as read from its bytes: its ops, each with the bytes of its set when they are the set's canonical
// encoding (else empty), and its options.
struct PushBody {
    QList<SyncOp> ops;
    QList<QByteArrayView> canonicalSets;
    QString after;
    bool shortCreates = false;
};

// Reads the ops of a push body, the reader at its `ops` array, into `body`. The first op refused answers for the
// batch (`refused`), unless the batch is too large; the ops after it are only counted.
void readOps(JsonReader &reader, qint64 now, PushBody *body, std::optional<SyncFailure> *refused, qsizetype *count)
{
    // No op is shorter than this (two UUIDs, a stamp, the keys): room for as many as the body can hold.
    constexpr qsizetype shortestOp = 160;
    const qsizetype room = std::min<qsizetype>(sync::maxPushOps, reader.remaining() / shortestOp + 1);
    body->ops.reserve(room);
    body->canonicalSets.reserve(room);
    QSet<QString> seen;
    reader.beginArray();
    while (reader.nextElement()) {
        const qsizetype i = (*count)++;
        if (*refused || *count > sync::maxPushOps) {
            reader.skip();
            continue;
        }
        const auto refuse = [refused, i](SyncError code, const QString &message, QJsonObject details = {}) {
            if (details.isEmpty())
                details.insert(QStringLiteral("index"), int(i));
            *refused = SyncFailure { code, QStringLiteral("Op %1").arg(i) + message, details };
        };
        if (reader.peek() != JsonReader::Type::Object) {
            reader.skip();
            refuse(SyncError::BadRequest, QStringLiteral(" is not an object."));
            continue;
        }
        QByteArrayView set;
        auto parsed = SyncOp::read(reader, &set);
        if (!parsed) {
            refuse(SyncError::BadRequest, QStringLiteral(": ") + parsed.error().message);
            continue;
        }
        SyncOp op = std::move(parsed).value();
        if (!RecordSchema::registry().kind(op.kind)) {
            refuse(SyncError::UnknownKind, QStringLiteral(": unknown kind \"%1\".").arg(op.kind));
        } else if (op.schemaVersion > RecordSchema::currentVersion) {
            refuse(SyncError::SchemaTooNew,
                QStringLiteral(" was made under schema %1; this server knows up to %2. Update the server.")
                    .arg(op.schemaVersion)
                    .arg(RecordSchema::currentVersion));
        } else if (!RecordSchema::forVersion(op.schemaVersion)) {
            refuse(SyncError::BadRequest, QStringLiteral(": schema %1 is no longer accepted.").arg(op.schemaVersion));
        } else if (seen.contains(op.opId)) {
            refuse(SyncError::BadRequest, QStringLiteral(" repeats op_id %1.").arg(op.opId));
        } else if (op.hlc.millis > now + sync::maxClockAheadMillis) {
            refuse(SyncError::ClockSkew,
                QStringLiteral(" is stamped %1 ms ahead of the server's clock.").arg(op.hlc.millis - now),
                { { QStringLiteral("index"), int(i) }, { QStringLiteral("server_time"), now } });
        }
        if (*refused)
            continue;
        seen.insert(op.opId);
        CanonicalJson::Members members;
        body->canonicalSets.append(CanonicalJson::splitFlatObject(set, &members) ? set : QByteArrayView());
        body->ops.append(std::move(op));
    }
}

// Reads a push body in place, in one pass: a push of thousands of ops parsed into a QJsonDocument costs several
// times this. Nothing of it counts unless all of it is well formed: valid JSON, each member there at most once.
Result<PushBody, SyncError> readPushBody(QByteArrayView json, qint64 now, SyncFailure *failure)
{
    PushBody body;
    JsonReader reader(json);
    QSet<QByteArray> named;
    std::optional<QString> problem;
    const auto refuse = [&problem](const QString &text) { problem = problem.value_or(text); };
    std::optional<SyncFailure> refused;
    qsizetype count = 0;
    bool hasOps = false;
    if (reader.beginObject()) {
        while (const auto key = reader.nextKey()) {
            const JsonReader::Type type = reader.peek();
            const bool known = *key == "ops" || *key == "short_creates" || *key == "after";
            if (known && named.contains(key->toByteArray()))
                refuse(QStringLiteral("The body names \"%1\" more than once.").arg(QString::fromUtf8(*key)));
            if (known)
                named.insert(key->toByteArray());
            if (*key == "ops" && type == JsonReader::Type::Array && !hasOps) {
                hasOps = true;
                readOps(reader, now, &body, &refused, &count);
            } else if (*key == "short_creates" && type == JsonReader::Type::Bool) {
                body.shortCreates = reader.boolean().value_or(false);
            } else if (*key == "after" && type == JsonReader::Type::String) {
                body.after = reader.string().value_or(QString());
                if (!isLowerUuid7(body.after))
                    refuse(QStringLiteral("\"after\" is not an op_id."));
            } else {
                reader.skip();
                if (*key == "short_creates")
                    refuse(QStringLiteral("\"short_creates\" is not true or false."));
                else if (*key == "after")
                    refuse(QStringLiteral("\"after\" is not an op_id."));
            }
        }
    }
    if (!reader.atEnd())
        return fail<PushBody>(failure, SyncError::BadRequest, notJsonObjectMessage(json.toByteArray()));
    if (!hasOps)
        refuse(QStringLiteral("The body needs \"ops\": [...]."));
    if (problem)
        return fail<PushBody>(failure, SyncError::BadRequest, *problem);
    if (count > sync::maxPushOps) {
        return fail<PushBody>(failure, SyncError::BatchTooLarge,
            QStringLiteral("A push carries at most %1 ops; this one has %2.").arg(sync::maxPushOps).arg(count),
            { { QStringLiteral("limit"), sync::maxPushOps } });
    }
    if (refused)
        return fail<PushBody>(failure, refused->code, refused->message, refused->details);
    return body;
}

} // namespace

Result<sync::PushResponse, SyncError> SyncService::push(
    const Principal &principal, QByteArrayView json, SyncFailure *failure)
{
    using Response = sync::PushResponse;
    const qint64 now = m_wallMillis();
    auto read = readPushBody(json, now, failure);
    if (!read)
        return read.error();
    const PushBody &body = read.value();
    const QList<SyncOp> &ops = body.ops;

    Response response;
    response.serverTime = now;
    if (ops.isEmpty())
        return response;
    // Known to a batch sent behind this one from here until this one ends, stored or not.
    const QString lastOpId = ops.constLast().opId;
    {
        const std::lock_guard lock(m_pushesMutex);
        ++m_inProgress[lastOpId];
    }
    const auto ended = qScopeGuard([this, &lastOpId] {
        {
            const std::lock_guard lock(m_pushesMutex);
            if (--m_inProgress[lastOpId] == 0)
                m_inProgress.remove(lastOpId);
            ++m_pushesEnded;
        }
        m_pushEnded.notify_all();
    });
    response.results.reserve(ops.size());

    // Outside the write transaction, so that it runs while the batch before holds it.
    QList<PreparedOp> prepared;
    prepared.reserve(ops.size());
    for (qsizetype i = 0; i < ops.size(); ++i)
        prepared.append(prepare(ops.at(i), body.canonicalSets.at(i)));

    QStringList recordIds;
    QStringList opIds;
    for (const SyncOp &op : std::as_const(ops)) {
        recordIds.append(op.recordId);
        opIds.append(op.opId);
    }
    recordIds.removeDuplicates();

    // Where writers run side by side (PostgreSQL), where the batch's records are is read before its write
    // transaction, beside the batch before it: that only tells which buckets to lock, and the records are read
    // again under the locks. (Which ops are stored already is read under the locks: an op stored by another
    // instance in the meantime is then answered with its outcome, not refused at the insert of its id.)
    std::optional<Result<QHash<QString, StoredRecord>, SyncStorage::Error>> planned;
    if (!m_storage->serializesWriters()) {
        auto read = m_storage->beginRead();
        if (!read)
            return fail<Response>(failure, fromStorage(read.error().code), read.error().message);
        planned = read.value()->loadRecords(recordIds);
    }

    auto transaction = beginAfter(principal, body.after, failure);
    if (!transaction)
        return transaction.error();
    SyncStorage::WriteTransaction &tx = *transaction.value();

    // The buckets the batch touches: where each record is stored, where a create puts it, where a move takes it.
    auto stored = planned ? std::move(*planned) : tx.loadRecords(recordIds);
    if (!stored)
        return fail<Response>(failure, fromStorage(stored.error().code), stored.error().message);
    QStringList buckets;
    for (const SyncOp &op : std::as_const(ops)) {
        const auto it = stored.value().constFind(op.recordId);
        const QString named = sync::bucketOf(op.scope, op.kind)->toString();
        buckets.append(it != stored.value().constEnd() ? it->bucket : named);
        // Read before the batch this one was sent behind is stored: that batch may move the record to where
        // this op says it is.
        if (planned && it != stored.value().constEnd() && it->bucket != named)
            buckets.append(named);
        if (op.type == SyncOp::Type::Move)
            buckets.append(sync::bucketOf(op.moveTo, op.kind)->toString());
    }
    auto locked = tx.lockBuckets(buckets);
    if (!locked)
        return fail<Response>(failure, fromStorage(locked.error().code), locked.error().message);

    Batch batch { principal, *m_policy, now, {}, {}, {}, {}, {} };
    for (const BucketState &head : std::as_const(locked.value()))
        batch.heads.insert(head.bucket, head);
    // Read again under the locks: a record another instance moved in the meantime may sit in a bucket not locked.
    if (m_storage->serializesWriters()) {
        batch.records = std::move(stored).value();
    } else {
        auto current = tx.loadRecords(recordIds);
        if (!current)
            return fail<Response>(failure, fromStorage(current.error().code), current.error().message);
        for (const StoredRecord &record : std::as_const(current.value())) {
            if (!batch.heads.contains(record.bucket))
                return fail<Response>(
                    failure, SyncError::Busy, QStringLiteral("A record moved during the push; retry."));
        }
        batch.records = std::move(current).value();
    }

    auto previous = tx.findOps(opIds);
    if (!previous)
        return fail<Response>(failure, fromStorage(previous.error().code), previous.error().message);

    // Blobs first (DESIGN.md, "Push"): every blob a new op names must be stored in its record's scope. A missing
    // one fails the whole request, nothing recorded; the client uploads it and pushes again.
    {
        QHash<QString, QStringList> wanted; // scope → hashes
        QHash<QString, qsizetype> firstIndex; // scope + hash → op index
        for (qsizetype index = 0; index < ops.size(); ++index) {
            const SyncOp &op = ops.at(index);
            if (op.set.isEmpty() || previous.value().contains(op.opId))
                continue;
            const QStringList hashes = RecordSchema::forVersion(op.schemaVersion)->blobHashes(op.kind, op.set);
            if (hashes.isEmpty())
                continue;
            const auto stored = batch.records.constFind(op.recordId);
            const QString scope = stored != batch.records.constEnd() ? stored->scope : op.scope;
            // An op into a scope the token may not write is rejected anyway; checking it would tell the caller
            // which blobs that scope has.
            const auto parsedScope = Scope::parse(scope);
            if (!parsedScope
                || !m_policy->mayWrite(principal, *parsedScope, RecordSchema::registry().kind(op.kind)->group))
                continue;
            for (const QString &hash : hashes) {
                const QString key = scope + u'/' + hash;
                if (firstIndex.contains(key))
                    continue;
                firstIndex.insert(key, index);
                wanted[scope].append(hash);
            }
        }
        for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
            auto found = tx.findBlobs(it.key(), it.value());
            if (!found)
                return fail<Response>(failure, fromStorage(found.error().code), found.error().message);
            for (const QString &hash : it.value()) {
                if (found.value().contains(hash))
                    continue;
                const int index = int(firstIndex.value(it.key() + u'/' + hash));
                return fail<Response>(failure, SyncError::MissingBlob,
                    QStringLiteral("Op %1 names blob %2, which %3 does not have; upload it first.")
                        .arg(index)
                        .arg(hash, it.key()),
                    { { QStringLiteral("index"), index }, { QStringLiteral("hash"), hash },
                        { QStringLiteral("scope"), it.key() } });
            }
        }
    }

    for (qsizetype index = 0; index < ops.size(); ++index) {
        const SyncOp &op = ops.at(index);
        const QByteArray &hash = prepared.at(index).contentHash;
        sync::PushResult result;
        result.opId = op.opId;
        bool createdAsSent = false;
        const auto replay = previous.value().constFind(op.opId);
        if (replay != previous.value().constEnd()) {
            if (replay->contentHash != hash) {
                return fail<Response>(failure, SyncError::OpIdReused,
                    QStringLiteral("Op %1 was already received with other content.").arg(op.opId),
                    { { QStringLiteral("op_id"), op.opId }, { QStringLiteral("index"), int(index) } });
            }
            result.outcome = replay->outcome;
            result.code = replay->code;
            result.message = replay->message;
        } else {
            const Batch::Decision decision = batch.apply(op, prepared.at(index));
            result.outcome = decision.outcome;
            result.code = decision.code;
            result.message = decision.message;
            createdAsSent = decision.createdAsSent;
            batch.writes.ops.append({ op.opId, hash, principal.userId, op.recordId, decision.outcome, decision.code,
                decision.message, now });
        }
        const auto record = batch.records.constFind(op.recordId);
        if (record != batch.records.constEnd() && batch.mayRead(*record)) {
            if (createdAsSent && body.shortCreates) {
                // The state right after this op, as the client can make it from the op (PushResult::created).
                result.created = record->version;
            } else {
                result.record = record->toChange();
                if (createdAsSent) {
                    // The state right after this op (the record of a later op of the batch is its own result).
                    result.record->fields = {};
                    result.record->fieldsAsSent = true;
                }
            }
        }
        response.results.append(result);
    }

    for (const BucketState &head : std::as_const(batch.heads))
        batch.writes.heads.append(head);
    batch.writes.tail = PushTail { lastOpId, principal.userId,
        int(std::count_if(response.results.cbegin(), response.results.cend(),
            [](const sync::PushResult &result) { return result.outcome == sync::PushOutcome::Rejected; })),
        now };
    if (auto status = tx.write(batch.writes); !status)
        return fail<Response>(failure, fromStorage(status.error().code), status.error().message);
    if (auto status = tx.commit(); !status)
        return fail<Response>(failure, fromStorage(status.error().code), status.error().message);
    response.acceptsAfter = true;
    return response;
}

Result<std::unique_ptr<SyncStorage::WriteTransaction>, SyncError> SyncService::beginAfter(
    const Principal &principal, const QString &after, SyncFailure *failure)
{
    using Transaction = std::unique_ptr<SyncStorage::WriteTransaction>;
    using Clock = std::chrono::steady_clock;
    const Clock::time_point started = Clock::now();
    const Clock::time_point deadline = started + std::chrono::milliseconds(afterWaitMillis);
    const Clock::time_point arrival = started + std::chrono::milliseconds(afterArrivalMillis);
    for (;;) {
        quint64 endedBefore = 0;
        {
            const std::lock_guard lock(m_pushesMutex);
            endedBefore = m_pushesEnded;
        }
        auto transaction = m_storage->beginWrite();
        if (!transaction)
            return fail<Transaction>(failure, fromStorage(transaction.error().code), transaction.error().message);
        Transaction tx = std::move(transaction).value();
        if (after.isEmpty())
            return tx; // sent behind nothing
        const auto tail = tx->findPushTail(after);
        if (!tail)
            return fail<Transaction>(failure, fromStorage(tail.error().code), tail.error().message);
        // Another user's batch is not this one's predecessor: as if it were not there.
        if (tail.value() && tail.value()->userId == principal.userId) {
            if (tail.value()->rejected > 0) {
                return fail<Transaction>(failure, SyncError::OutOfOrder,
                    QStringLiteral("The batch this one was sent behind had %1 op(s) rejected; send this one again "
                                   "once the client has set aside what depends on them.")
                        .arg(tail.value()->rejected),
                    { { QStringLiteral("after"), after }, { QStringLiteral("rejected"), tail.value()->rejected } });
            }
            return tx;
        }
        tx.reset(); // the writer is free for the batch awaited
        std::unique_lock lock(m_pushesMutex);
        const Clock::time_point now = Clock::now();
        if (now >= deadline || (now >= arrival && !m_inProgress.contains(after))) {
            return fail<Transaction>(failure, SyncError::OutOfOrder,
                QStringLiteral("The batch this one was sent behind (ending with op %1) has not been stored; send "
                               "this one again after it.")
                    .arg(after),
                { { QStringLiteral("after"), after } });
        }
        // Woken when a push ends here; one stored by another instance is seen on the next look.
        m_pushEnded.wait_until(lock, std::min(deadline, Clock::now() + std::chrono::milliseconds(50)),
            [&] { return m_pushesEnded != endedBefore; });
    }
}

Result<sync::PullResponse, SyncError> SyncService::pull(
    const Principal &principal, const QJsonObject &body, SyncFailure *failure)
{
    using Response = sync::PullResponse;
    auto request = sync::PullRequest::fromJson(body);
    if (!request)
        return fail<Response>(failure, SyncError::BadRequest, request.error().message);
    const QMap<QString, qint64> &positions = request.value().positions;

    auto transaction = m_storage->beginRead();
    if (!transaction)
        return fail<Response>(failure, fromStorage(transaction.error().code), transaction.error().message);
    SyncStorage::ReadTransaction &tx = *transaction.value();

    // The readable set. A commune holds its own buckets and the shared ones above it, named exactly; wider roles
    // read every bucket the policy allows, except the registries of other units, which they hold only when they
    // ask for them by position.
    const auto readable = [&](const QString &name) {
        const auto bucket = sync::BucketId::parse(name);
        if (!bucket || !m_policy->mayRead(principal, bucket->scope, bucket->group))
            return false;
        if (bucket->group == KindGroup::Registries && bucket->scope != principal.unit)
            return positions.contains(name);
        return true;
    };
    QStringList names;
    if (principal.unit.level == Scope::Level::Commune) {
        for (KindGroup group : { KindGroup::Registries, KindGroup::Feedback, KindGroup::Library, KindGroup::Congress,
                 KindGroup::Reports, KindGroup::Forms }) {
            names.append(sync::BucketId { principal.unit, group }.toString());
        }
        QList<Scope> above { Scope::national() };
        if (const auto province = m_policy->provinceOf(principal.unit.code))
            above.append(Scope::province(*province));
        for (const Scope &scope : std::as_const(above)) {
            for (KindGroup group : { KindGroup::Library, KindGroup::Forms })
                names.append(sync::BucketId { scope, group }.toString());
        }
        for (auto it = positions.cbegin(); it != positions.cend(); ++it)
            names.append(it.key());
        names.removeDuplicates();
        names.sort();
    }
    auto found = names.isEmpty() ? tx.allHeads() : tx.heads(names);
    if (!found)
        return fail<Response>(failure, fromStorage(found.error().code), found.error().message);

    Response response;
    response.serverTime = m_wallMillis();
    response.unit = principal.unit.toString();
    int room = request.value().limit;
    for (const BucketState &head : std::as_const(found.value())) {
        if (!readable(head.bucket))
            continue;
        response.buckets.append(head.head());
        if (room == 0) {
            response.more = true;
            continue;
        }
        qint64 position = positions.value(head.bucket, 0);
        // A position beyond the head (a server restored from an older backup): send the bucket again; the
        // client's checksum comparison then repairs its copy.
        if (position > head.seq)
            position = 0;
        if (position == head.seq) {
            response.positions.insert(head.bucket, head.seq);
            continue;
        }
        auto changes = tx.changesAfter(head.bucket, position, room);
        if (!changes)
            return fail<Response>(failure, fromStorage(changes.error().code), changes.error().message);
        const qsizetype got = changes.value().size();
        const bool exhausted = got < room || (got > 0 && changes.value().last().seq >= head.seq);
        response.positions.insert(head.bucket, exhausted || got == 0 ? head.seq : changes.value().last().seq);
        if (!exhausted)
            response.more = true;
        room -= int(got);
        response.changes.append(changes.value());
    }
    return response;
}

Result<QJsonArray, SyncError> SyncService::conflicts(
    const Principal &principal, const QString &bucket, SyncFailure *failure)
{
    const auto id = sync::BucketId::parse(bucket);
    if (!id)
        return fail<QJsonArray>(failure, SyncError::BadRequest, QStringLiteral("\"%1\" is not a bucket.").arg(bucket));
    if (!m_policy->mayRead(principal, id->scope, id->group))
        return fail<QJsonArray>(failure, SyncError::NotReadable, QStringLiteral("No bucket %1 to read.").arg(bucket));
    auto transaction = m_storage->beginRead();
    if (!transaction)
        return fail<QJsonArray>(failure, fromStorage(transaction.error().code), transaction.error().message);
    auto rows = transaction.value()->conflicts(bucket);
    if (!rows)
        return fail<QJsonArray>(failure, fromStorage(rows.error().code), rows.error().message);
    QJsonArray list;
    for (const ConflictRow &row : std::as_const(rows.value())) {
        list.append(QJsonObject { { QStringLiteral("id"), row.id }, { QStringLiteral("record_id"), row.recordId },
            { QStringLiteral("op_id"), row.opId }, { QStringLiteral("user_id"), row.userId },
            { QStringLiteral("reason"), row.reason }, { QStringLiteral("op"), row.op },
            { QStringLiteral("current"), row.current }, { QStringLiteral("at"), row.at } });
    }
    return list;
}

} // namespace mts
