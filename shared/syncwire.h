// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/bucketchecksum.h"
#include "shared/error.h"
#include "shared/hlc.h"
#include "shared/recordschema.h"
#include "shared/scope.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

/// The bodies of the sync routes (DESIGN.md, "Sync protocol (v1)"), as client and server read and write them.
///
/// `POST /api/v1/sync/push` — request `{"ops": [SyncOp…], "after"?: op_id, "short_creates"?: true}` (at most
/// maxPushOps, in outbox order; `short_creates`: see PushResult::created);
/// response `{"server_time": ms, "results": [PushResult…], "accepts_after": true}` with one result per op, in
/// request order. `after` names the last op of a batch sent just before this one, whose answer the client has not
/// had yet: the server applies this batch once that one is stored, and only if none of its ops was rejected.
/// Request failures: 400 `bad_request` (a malformed op, `details.index` naming it; a body or an op that names a
/// member twice, since which value counts would be a guess), 400 `unknown_kind`,
/// 413 `batch_too_large`, 409 `op_id_reused` (an op id already stored with other content), 409 `out_of_order`
/// (the batch named by `after` is not stored, or had an op rejected), 422 `clock_skew` (`details.server_time`;
/// the ops stay queued), 503 `busy` — and nothing of the batch is stored.
///
/// `POST /api/v1/sync/pull` — request `{"positions": {bucket: seq…}, "limit": n}`; response
/// `{"server_time": ms, "buckets": [BucketHead…], "changes": [RecordChange…], "positions": {bucket: seq…},
/// "more": bool}`. `buckets` is the token's readable set with each head; `changes` are ordered by bucket, then
/// seq; `positions` are what the client commits with this page.
namespace mts {
class JsonWriter;
}

namespace mts::sync {

/// Most ops one push may carry.
inline constexpr int maxPushOps = 2000;
/// Most changes one pull page holds (a request may ask fewer).
inline constexpr int maxPullLimit = 5000;
/// How far an op's stamp may run ahead of the server's wall clock before the push fails with `clock_skew`.
inline constexpr qint64 maxClockAheadMillis = 5 * 60 * 1000;

namespace errorcode {
inline constexpr char unknownKind[] = "unknown_kind";
inline constexpr char batchTooLarge[] = "batch_too_large";
inline constexpr char opIdReused[] = "op_id_reused";
inline constexpr char clockSkew[] = "clock_skew";
inline constexpr char busy[] = "busy";
inline constexpr char outOfOrder[] = "out_of_order";
} // namespace errorcode

/// The sync unit: a scope × a kind group, written `<scope>/<group>` (`C:00070/registries`).
struct BucketId {
    Scope scope;
    KindGroup group = KindGroup::Registries;

    QString toString() const;
    /// Parses exactly what toString() writes.
    static std::optional<BucketId> parse(QStringView text);
    bool operator==(const BucketId &) const = default;
};

/// The bucket a record of `kind` in `scope` belongs to; std::nullopt for a kind the current schema does not know.
std::optional<BucketId> bucketOf(const QString &scope, const QString &kind);

/// A bucket's head: its last sequence number and the checksum of its records at that sequence.
struct BucketHead {
    QString bucket;
    qint64 seq = 0;
    BucketChecksum checksum;

    QJsonObject toJson() const;
    void write(JsonWriter &json) const;
    bool operator==(const BucketHead &) const = default;
};

/// One record's state as the server sends it (a pull change, or the result of a pushed op): `{"bucket", "seq",
/// "id", "kind", "scope", "fields", "deleted", "hlc"}` where `seq` is the record's version (the sequence number of
/// its last change in `bucket`) and `hlc` the highest stamp of its fields. A departure — the record left `bucket`
/// (moved, or no longer readable there) — is `{"bucket", "seq", "id", "left": true}`.
///
/// In a push result only, `"fields_as_sent": true` stands for `fields` when the op was a create that made the
/// record: its fields are then exactly the op's `set`, plus the initial state of the kind's workflow. The client
/// has those already; sending them back would double the answer and make it parse and re-encrypt them. (The
/// bucket checksum still covers the rebuilt state: a client that rebuilt it wrongly sees a mismatch.)
struct RecordChange {
    QString bucket;
    qint64 seq = 0;
    QString id;
    bool left = false;
    QString kind;
    QString scope;
    QJsonObject fields;
    bool deleted = false;
    HlcStamp hlc;
    /// `fields` left out: they are the creating op's (push results only; see above).
    bool fieldsAsSent = false;
    /// The fields as JSON text (an object), when whoever made the change has them so (a record read from storage,
    /// a change decode() read): written as they are in place of `fields`, which is then empty. Never set by the
    /// fromJson() readers.
    QByteArray fieldsJson;

    /// `fields`, read from `fieldsJson` when that holds them.
    QJsonObject fieldsObject() const;

    QJsonObject toJson() const;
    void write(JsonWriter &json) const;
    bool operator==(const RecordChange &) const = default;
};

enum class PushOutcome { Applied, Superseded, Conflict, Rejected };
QString pushOutcomeName(PushOutcome outcome);
std::optional<PushOutcome> pushOutcomeFromName(QStringView name);

/// The result of one pushed op: `{"op_id", "outcome", "code"?, "message"?, "record"?, "created"?}`. `code` and
/// `message` say why an op was rejected or conflicted; `record` is the record's resulting state when the token may
/// read it.
///
/// `"created": seq` stands for `record` when the request asked for it (`"short_creates": true`) and the op was a
/// create that made its record: the record is then at version `seq` in the bucket of the op's scope and kind, its
/// fields those the op set plus the initial state of the kind's workflow, not deleted, its stamp the op's. The
/// client has all of that but the version (a push of new records is mostly such results, and each `record` would
/// repeat five of the op's values).
struct PushResult {
    QString opId;
    PushOutcome outcome = PushOutcome::Applied;
    QString code;
    QString message;
    std::optional<RecordChange> record;
    /// The version of the record the op created as sent (see above); 0 when the result is not so written.
    qint64 created = 0;

    QJsonObject toJson() const;
    void write(JsonWriter &json) const;
};

struct PushResponse {
    qint64 serverTime = 0;
    QList<PushResult> results;
    /// `"accepts_after": true`: the server takes a batch sent behind another (PushRequest `after`) and applies it
    /// after that one; a client sends the next batch before this answer only to a server that says so.
    bool acceptsAfter = false;

    QJsonObject toJson() const;
    /// The body as sent; toJson() is these bytes parsed.
    QByteArray encode() const;
    /// decode() of `json`, with each record's fields as an object (RecordChange::fields).
    static std::optional<PushResponse> fromJson(const QJsonObject &json);
    /// Reads a body as sent, in place (JsonReader); a record's fields stay the JSON text they came in
    /// (RecordChange::fieldsJson). Members it does not know are skipped; a value of the wrong type is malformed.
    /// std::nullopt for anything malformed.
    static std::optional<PushResponse> decode(QByteArrayView body);
};

/// A request body that does not follow the protocol; the error message says what is wrong.
enum class WireError { Malformed };

struct PullRequest {
    QMap<QString, qint64> positions;
    int limit = maxPullLimit;

    QJsonObject toJson() const;
    /// The body as sent; toJson() is these bytes parsed.
    QByteArray encode() const;
    /// Refuses a non-object `positions`, a bucket name that does not parse, a negative or fractional position and
    /// a limit outside 1…maxPullLimit; the message says which.
    static Result<PullRequest, WireError> fromJson(const QJsonObject &json);
};

struct PullResponse {
    qint64 serverTime = 0;
    QList<BucketHead> buckets;
    QList<RecordChange> changes;
    QMap<QString, qint64> positions;
    bool more = false;
    /// The caller's unit as the server sees it at this pull (a scope, "C:00070"): when it is not the unit the client
    /// last knew, the account was moved. Empty from a server that does not say; sent only when known.
    QString unit;

    QJsonObject toJson() const;
    /// The body as sent; toJson() is these bytes parsed.
    QByteArray encode() const;
    /// decode() of `json`, with each change's fields as an object (RecordChange::fields).
    static std::optional<PullResponse> fromJson(const QJsonObject &json);
    /// Reads a body as sent, in place (JsonReader): each change keeps its fields as the JSON text they came in
    /// (RecordChange::fieldsJson), to be stored or hashed as they are. Members it does not know are skipped; a value
    /// of the wrong type is malformed. std::nullopt for anything malformed (a push-only `fields_as_sent` too).
    static std::optional<PullResponse> decode(QByteArrayView body);
};

} // namespace mts::sync
