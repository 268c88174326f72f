// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/blobservice.h"

#include "shared/apierror.h"
#include "shared/crypto.h"
#include "shared/recordschema.h"
#include "shared/scope.h"
#include "shared/uuid7.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcBlobs, "mts.server.blobs")

namespace mts {

namespace {

template <typename T>
Result<T, BlobError> fail(BlobFailure *out, BlobError code, const QString &message, QJsonObject details = {})
{
    if (out)
        *out = { code, message, std::move(details) };
    return mts::Error<BlobError> { code, message };
}

template <typename T>
Result<T, BlobError> storageFailed(BlobFailure *out, const mts::Error<SyncStorage::Error> &error)
{
    if (error.code != SyncStorage::Error::Busy)
        qCWarning(lcBlobs) << "blob storage failed:" << error.message;
    return fail<T>(
        out, error.code == SyncStorage::Error::Busy ? BlobError::Busy : BlobError::Unavailable, error.message);
}

constexpr std::initializer_list<KindGroup> allGroups { KindGroup::Registries, KindGroup::Feedback, KindGroup::Library,
    KindGroup::Congress, KindGroup::Reports, KindGroup::Forms };

// Whether `text` is a JSON number holding a whole count of bytes.
std::optional<qint64> byteCount(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (number < 0 || number > 9007199254740992.0 || qint64(number) != number)
        return std::nullopt;
    return qint64(number);
}

// Parses one `bytes=` range of a blob of `size` bytes into [first, last]; std::nullopt when unsatisfiable,
// `malformed` set when it does not parse (then the whole blob is sent, as RFC 9110 allows).
std::optional<std::pair<qint64, qint64>> parseRange(QByteArray header, qint64 size, bool *malformed)
{
    *malformed = false;
    header = header.trimmed();
    if (!header.startsWith("bytes=") || header.contains(',')) {
        *malformed = true;
        return std::nullopt;
    }
    const QByteArray spec = header.mid(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0) {
        *malformed = true;
        return std::nullopt;
    }
    bool okFirst = false;
    bool okLast = false;
    const QByteArray firstText = spec.left(dash).trimmed();
    const QByteArray lastText = spec.mid(dash + 1).trimmed();
    if (firstText.isEmpty()) {
        const qint64 suffix = lastText.toLongLong(&okLast);
        if (!okLast || suffix < 0) {
            *malformed = true;
            return std::nullopt;
        }
        if (suffix == 0 || size == 0)
            return std::nullopt;
        return std::make_pair(std::max<qint64>(0, size - suffix), size - 1);
    }
    const qint64 first = firstText.toLongLong(&okFirst);
    qint64 last = lastText.isEmpty() ? size - 1 : lastText.toLongLong(&okLast);
    if (!okFirst || first < 0 || (!lastText.isEmpty() && (!okLast || last < first))) {
        *malformed = true;
        return std::nullopt;
    }
    if (first >= size)
        return std::nullopt;
    return std::make_pair(first, std::min(last, size - 1));
}

} // namespace

int BlobFailure::httpStatus() const
{
    switch (code) {
    case BlobError::BadRequest:
        return 400;
    case BlobError::NotFound:
        return 404;
    case BlobError::Forbidden:
        return 403;
    case BlobError::TooLarge:
    case BlobError::QuotaExceeded:
        return 413;
    case BlobError::OffsetMismatch:
    case BlobError::Incomplete:
        return 409;
    case BlobError::HashMismatch:
        return 422;
    case BlobError::RangeNotSatisfiable:
        return 416;
    case BlobError::Busy:
    case BlobError::Unavailable:
        return 503;
    }
    return 500;
}

QString BlobFailure::apiCode() const
{
    switch (code) {
    case BlobError::BadRequest:
        return QString::fromLatin1(apierror::badRequest);
    case BlobError::NotFound:
        return QString::fromLatin1(apierror::notFound);
    case BlobError::Forbidden:
        return QStringLiteral("forbidden");
    case BlobError::TooLarge:
        return QStringLiteral("blob_too_large");
    case BlobError::QuotaExceeded:
        return QStringLiteral("quota_exceeded");
    case BlobError::OffsetMismatch:
        return QStringLiteral("offset_mismatch");
    case BlobError::Incomplete:
        return QStringLiteral("upload_incomplete");
    case BlobError::HashMismatch:
        return QStringLiteral("hash_mismatch");
    case BlobError::RangeNotSatisfiable:
        return QStringLiteral("range_not_satisfiable");
    case BlobError::Busy:
        return QStringLiteral("busy");
    case BlobError::Unavailable:
        return QString::fromLatin1(apierror::unavailable);
    }
    return {};
}

BlobService::BlobService(
    SyncStorage *storage, const AccessPolicy *policy, BlobLimits limits, std::function<qint64()> wallMillis)
    : m_storage(storage)
    , m_policy(policy)
    , m_limits(limits)
    , m_wallMillis(wallMillis ? std::move(wallMillis) : [] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

Result<BlobService::Upload, BlobError> BlobService::startUpload(
    const Principal &principal, const QJsonObject &body, BlobFailure *failure)
{
    const QString scopeText = body.value(QLatin1String("scope")).toString();
    const QString hash = body.value(QLatin1String("hash")).toString();
    const auto size = byteCount(body.value(QLatin1String("size")));
    const auto scope = Scope::parse(scopeText);
    if (!scope || !RecordSchema::isBlobHash(hash) || !size) {
        return fail<Upload>(failure, BlobError::BadRequest,
            QStringLiteral("Send {\"scope\", \"hash\": 64 lower-case hex digits, \"size\": bytes}."));
    }
    if (*size > m_limits.maxBlobBytes) {
        return fail<Upload>(failure, BlobError::TooLarge,
            QStringLiteral("A file may have at most %1 bytes; this one has %2.").arg(m_limits.maxBlobBytes).arg(*size),
            { { QStringLiteral("limit"), m_limits.maxBlobBytes } });
    }
    const bool mayWrite = std::any_of(allGroups.begin(), allGroups.end(),
        [&](KindGroup group) { return m_policy->mayWrite(principal, *scope, group); });
    if (!mayWrite)
        return fail<Upload>(
            failure, BlobError::Forbidden, QStringLiteral("You may not upload files into %1.").arg(scopeText));

    auto existing = m_storage->findBlob(scope->toString(), hash);
    if (!existing)
        return storageFailed<Upload>(failure, existing.error());
    if (existing.value())
        return Upload { true, {}, existing.value()->size, existing.value()->size };

    // This user's abandoned sessions first, so that they no longer count against the quota. The idle ones are
    // found through an index: on the usual start, with none, this costs one indexed read.
    const auto expired = m_storage->expireUploads(m_wallMillis() - m_limits.sessionIdleMillis, principal.userId);
    if (!expired)
        return storageFailed<Upload>(failure, expired.error());
    if (expired.value().sessions > 0)
        qCInfo(lcBlobs) << "expired" << expired.value().sessions << "idle upload sessions of" << principal.username;
    auto used = m_storage->userBlobBytes(principal.userId);
    if (!used)
        return storageFailed<Upload>(failure, used.error());
    if (used.value() + *size > m_limits.maxUserBytes) {
        return fail<Upload>(failure, BlobError::QuotaExceeded,
            QStringLiteral("Your files would take %1 bytes; the limit is %2.")
                .arg(used.value() + *size)
                .arg(m_limits.maxUserBytes),
            { { QStringLiteral("limit"), m_limits.maxUserBytes }, { QStringLiteral("used"), used.value() } });
    }
    const qint64 now = m_wallMillis();
    UploadSession session { createUuid7(), principal.userId, scope->toString(), hash, *size, 0, now, now };
    if (auto created = m_storage->createUpload(session); !created)
        return storageFailed<Upload>(failure, created.error());
    return Upload { false, session.id, 0, *size };
}

Result<UploadSession, BlobError> BlobService::liveSession(
    const Principal &principal, const QString &id, BlobFailure *failure)
{
    auto found = m_storage->findUpload(id);
    if (!found)
        return storageFailed<UploadSession>(failure, found.error());
    // Another user's session does not exist for this one.
    if (!found.value() || found.value()->userId != principal.userId)
        return fail<UploadSession>(failure, BlobError::NotFound, QStringLiteral("There is no upload %1.").arg(id));
    // Expired, whether or not a sweep has removed it yet.
    if (found.value()->activeAt < m_wallMillis() - m_limits.sessionIdleMillis) {
        if (auto discarded = m_storage->discardUpload(id); !discarded)
            qCWarning(lcBlobs) << "cannot discard idle upload" << id << ":" << discarded.error().message;
        return fail<UploadSession>(failure, BlobError::NotFound,
            QStringLiteral("Upload %1 expired after %2 hours without a chunk; start it again.")
                .arg(id)
                .arg(m_limits.sessionIdleMillis / 3600000.0));
    }
    return *found.value();
}

Result<BlobService::Upload, BlobError> BlobService::upload(
    const Principal &principal, const QString &id, BlobFailure *failure)
{
    auto session = liveSession(principal, id, failure);
    if (!session)
        return session.error();
    return Upload { false, session.value().id, session.value().received, session.value().size };
}

Result<qint64, BlobError> BlobService::appendChunk(
    const Principal &principal, const QString &id, qint64 offset, const QByteArray &data, BlobFailure *failure)
{
    if (data.size() > SyncStorage::blobChunkBytes) {
        return fail<qint64>(failure, BlobError::TooLarge,
            QStringLiteral("A chunk may have at most %1 bytes.").arg(SyncStorage::blobChunkBytes),
            { { QStringLiteral("limit"), SyncStorage::blobChunkBytes } });
    }
    auto session = upload(principal, id, failure);
    if (!session)
        return session.error();
    const Upload &current = session.value();
    if (offset != current.received) {
        return fail<qint64>(failure, BlobError::OffsetMismatch,
            QStringLiteral("The upload has %1 bytes; send from there.").arg(current.received),
            { { QStringLiteral("received"), current.received } });
    }
    if (data.isEmpty() || offset + data.size() > current.size) {
        return fail<qint64>(failure, BlobError::BadRequest,
            QStringLiteral("A chunk must be non-empty and end within the %1 announced bytes.").arg(current.size),
            { { QStringLiteral("received"), current.received } });
    }
    auto appended = m_storage->appendUpload(id, offset, data, m_wallMillis());
    if (!appended)
        return storageFailed<qint64>(failure, appended.error());
    // Expired or completed by another request since it was read.
    if (appended.value() < 0)
        return fail<qint64>(failure, BlobError::NotFound, QStringLiteral("There is no upload %1.").arg(id));
    if (appended.value() != offset + data.size()) {
        // A concurrent request for the same session got there first.
        return fail<qint64>(failure, BlobError::OffsetMismatch,
            QStringLiteral("The upload has %1 bytes; send from there.").arg(appended.value()),
            { { QStringLiteral("received"), appended.value() } });
    }
    return appended.value();
}

Result<StoredBlob, BlobError> BlobService::complete(const Principal &principal, const QString &id, BlobFailure *failure)
{
    auto found = liveSession(principal, id, failure);
    if (!found)
        return found.error();
    const UploadSession session = found.value();
    if (session.received != session.size) {
        return fail<StoredBlob>(failure, BlobError::Incomplete,
            QStringLiteral("The upload has %1 of %2 bytes.").arg(session.received).arg(session.size),
            { { QStringLiteral("received"), session.received } });
    }
    // Chunk by chunk as the storage reads them: a blob is never whole in memory, whatever its size.
    crypto::Blake2bStream stream;
    qint64 hashed = 0;
    auto read = m_storage->readUpload(id, [&](const QByteArray &chunk) {
        stream.addData(chunk);
        hashed += chunk.size();
        return true;
    });
    if (!read)
        return storageFailed<StoredBlob>(failure, read.error());
    const QByteArray digest = stream.result();
    if (hashed != session.size || QString::fromLatin1(digest.toHex()) != session.hash) {
        if (auto discarded = m_storage->discardUpload(id); !discarded)
            qCWarning(lcBlobs) << "cannot discard upload" << id << ":" << discarded.error().message;
        return fail<StoredBlob>(failure, BlobError::HashMismatch,
            QStringLiteral("The content's BLAKE2b-256 is %1, not %2; the upload was discarded.")
                .arg(QString::fromLatin1(digest.toHex()), session.hash),
            { { QStringLiteral("hash"), session.hash } });
    }
    const StoredBlob blob { session.scope, session.hash, session.size, principal.userId, m_wallMillis() };
    auto completed = m_storage->completeUpload(id, blob);
    if (!completed)
        return storageFailed<StoredBlob>(failure, completed.error());
    if (!completed.value())
        return fail<StoredBlob>(failure, BlobError::NotFound, QStringLiteral("There is no upload %1.").arg(id));
    return blob;
}

Result<ExpiredUploads, BlobError> BlobService::expireIdleUploads(BlobFailure *failure)
{
    auto expired = m_storage->expireUploads(m_wallMillis() - m_limits.sessionIdleMillis, QString());
    if (!expired)
        return storageFailed<ExpiredUploads>(failure, expired.error());
    return expired.value();
}

Result<BlobService::Content, BlobError> BlobService::read(const Principal &principal, const QString &scopeText,
    const QString &hash, const QByteArray &range, BlobFailure *failure)
{
    const auto notFound
        = [&] { return fail<Content>(failure, BlobError::NotFound, QStringLiteral("There is no such file.")); };
    const auto scope = Scope::parse(scopeText);
    if (!scope || !RecordSchema::isBlobHash(hash))
        return notFound();
    // Readable through a record only; anything else answers as if the blob did not exist.
    auto referrers = m_storage->blobReferrers(scope->toString(), hash);
    if (!referrers)
        return storageFailed<Content>(failure, referrers.error());
    const bool readable = std::any_of(referrers.value().cbegin(), referrers.value().cend(), [&](const BlobReferrer &r) {
        const auto kind = RecordSchema::registry().kind(r.kind);
        const auto recordScope = Scope::parse(r.scope);
        return kind && recordScope && m_policy->mayRead(principal, *recordScope, kind->group);
    });
    if (!readable)
        return notFound();
    auto blob = m_storage->findBlob(scope->toString(), hash);
    if (!blob)
        return storageFailed<Content>(failure, blob.error());
    if (!blob.value())
        return notFound();
    const qint64 size = blob.value()->size;
    Content content;
    content.size = size;
    qint64 first = 0;
    qint64 last = size - 1;
    if (!range.isEmpty()) {
        bool malformed = false;
        const auto parsed = parseRange(range, size, &malformed);
        if (!parsed && !malformed) {
            return fail<Content>(failure, BlobError::RangeNotSatisfiable,
                QStringLiteral("The file has %1 bytes.").arg(size), { { QStringLiteral("size"), size } });
        }
        if (parsed) {
            first = parsed->first;
            last = parsed->second;
            content.partial = true;
        }
    }
    content.offset = first;
    if (size > 0) {
        auto bytes = m_storage->readBlob(scope->toString(), hash, first, last - first + 1);
        if (!bytes)
            return storageFailed<Content>(failure, bytes.error());
        content.bytes = std::move(bytes).value();
    }
    return content;
}

} // namespace mts
