// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/syncaudit.h"

#include "server/core/auditkeys.h"
#include "shared/crypto.h"

#include <QJsonDocument>
#include <QMap>
#include <QtEndian>

#include <algorithm>
#include <limits>

namespace mts {

namespace {

constexpr int pageRows = 10000;
// A checkpoint of 30,000 buckets is about 2.5 MB: a few per page.
constexpr int checkpointPageRows = 8;
constexpr int chainBytes = 32;

QByteArrayView payloadMagic()
{
    static const char magic[] = "mts-audit-checkpoint-v1"; // and its terminating NUL: 24 bytes
    return QByteArrayView(magic, sizeof magic);
}

template <typename T>
void appendLittleEndian(QByteArray &out, T value)
{
    char bytes[sizeof(T)];
    qToLittleEndian(value, bytes);
    out.append(bytes, sizeof(T));
}

// Reads a payload front to back; any read past the end makes it fail for good.
class PayloadReader {
public:
    explicit PayloadReader(const QByteArray &data)
        : m_data(data)
    {
    }

    template <typename T>
    T number()
    {
        if (!take(sizeof(T)))
            return T {};
        return qFromLittleEndian<T>(m_data.constData() + m_at - sizeof(T));
    }
    QByteArray bytes(qsizetype count)
    {
        if (!take(count))
            return {};
        return m_data.mid(m_at - count, count);
    }
    bool failed() const { return m_failed; }
    bool atEnd() const { return m_at == m_data.size(); }

private:
    bool take(qsizetype count)
    {
        if (m_failed || count > m_data.size() - m_at) {
            m_failed = true;
            return false;
        }
        m_at += count;
        return true;
    }

    const QByteArray &m_data;
    qsizetype m_at = 0;
    bool m_failed = false;
};

// Sorted by the bucket's UTF-8 bytes: the order every backend's "C"/binary collation agrees with, whatever the
// server's locale.
QList<CheckpointHead> sortedHeads(QList<CheckpointHead> heads)
{
    std::sort(heads.begin(), heads.end(),
        [](const CheckpointHead &a, const CheckpointHead &b) { return a.bucket.toUtf8() < b.bucket.toUtf8(); });
    return heads;
}

mts::Error<SyncAudit::Error> storageFailure(const mts::Error<SyncStorage::Error> &error)
{
    return { SyncAudit::Error::StorageFailed, error.message };
}

mts::Error<SyncAudit::Error> keysFailure(const mts::Error<AuditKeys::Error> &error)
{
    return { SyncAudit::Error::KeysFailed, error.message };
}

/// A chain a checkpoint names for one bucket at one sequence number, and the first checkpoint that named it.
struct SignedChain {
    QByteArray chain;
    qint64 checkpoint = 0;
};

/// Per bucket and sequence number, the distinct chains the checkpoints name: one, unless something is wrong. Most
/// buckets do not change between two checkpoints, so this holds about one entry per bucket and change of it.
using SignedChains = QHash<QString, QMap<qint64, QList<SignedChain>>>;

// Checks the checkpoints' numbering, rows and signatures, and gathers the chains their authentic statements name.
Status<SyncAudit::Error> readCheckpoints(
    SyncStorage &storage, const QHash<QByteArray, QByteArray> &publicKeys, AuditReport &report, SignedChains &named)
{
    qint64 previous = 0;
    for (qint64 after = 0;;) {
        auto page = storage.checkpoints(after, checkpointPageRows);
        if (!page)
            return storageFailure(page.error());
        for (const AuditCheckpoint &row : std::as_const(page.value())) {
            ++report.checkpoints;
            after = row.number;
            const auto problem = [&report, &row](const QString &what) {
                report.problems.append(QStringLiteral("checkpoint %1: %2").arg(row.number).arg(what));
            };
            if (row.number != previous + 1)
                problem(QStringLiteral("follows checkpoint %1: the checkpoints between are missing").arg(previous));
            previous = row.number;
            const QByteArray publicKey = publicKeys.value(row.keyId.toUtf8());
            if (publicKey.isEmpty()) {
                problem(
                    QStringLiteral("signed by key %1, which is not one of this server's audit keys").arg(row.keyId));
                continue;
            }
            if (!AuditKeys::verify(publicKey, CheckpointStatement::digest(row.payload), row.signature)) {
                problem(QStringLiteral("the signature does not match the signed content (one of them was altered)"));
                continue;
            }
            const std::optional<CheckpointStatement> statement = CheckpointStatement::fromPayload(row.payload);
            if (!statement) {
                problem(QStringLiteral("the signed content is not a checkpoint statement this server understands"));
                continue;
            }
            if (statement->number != row.number || statement->createdAt != row.createdAt
                || statement->keyId != row.keyId.toUtf8())
                problem(QStringLiteral("the row says number %1, time %2, key %3; the signed content says %4, %5, %6")
                            .arg(row.number)
                            .arg(row.createdAt)
                            .arg(row.keyId)
                            .arg(statement->number)
                            .arg(statement->createdAt)
                            .arg(QString::fromUtf8(statement->keyId)));
            // The statement is authentic (its signature holds), whatever its row says: its heads are checked.
            for (const CheckpointHead &head : statement->heads) {
                QList<SignedChain> &chains = named[head.bucket][head.seq];
                const bool known = std::any_of(chains.cbegin(), chains.cend(),
                    [&head](const SignedChain &signedChain) { return signedChain.chain == head.chain; });
                if (!known)
                    chains.append({ head.chain, row.number });
            }
        }
        if (page.value().size() < checkpointPageRows)
            break;
    }
    return ok;
}

} // namespace

QByteArray CheckpointStatement::toPayload() const
{
    QByteArray out;
    out.append(payloadMagic());
    appendLittleEndian<qint64>(out, number);
    appendLittleEndian<qint64>(out, createdAt);
    out.append(char(quint8(keyId.size())));
    out.append(keyId);
    appendLittleEndian<quint32>(out, quint32(heads.size()));
    for (const CheckpointHead &head : sortedHeads(heads)) {
        const QByteArray bucket = head.bucket.toUtf8();
        appendLittleEndian<quint16>(out, quint16(bucket.size()));
        out.append(bucket);
        appendLittleEndian<qint64>(out, head.seq);
        out.append(char(quint8(head.chain.size())));
        out.append(head.chain);
    }
    return out;
}

std::optional<CheckpointStatement> CheckpointStatement::fromPayload(const QByteArray &payload)
{
    PayloadReader in(payload);
    if (in.bytes(payloadMagic().size()) != payloadMagic())
        return std::nullopt;
    CheckpointStatement statement;
    statement.number = in.number<qint64>();
    statement.createdAt = in.number<qint64>();
    statement.keyId = in.bytes(in.number<quint8>());
    const quint32 count = in.number<quint32>();
    QByteArray previous;
    for (quint32 i = 0; i < count && !in.failed(); ++i) {
        const QByteArray bucket = in.bytes(in.number<quint16>());
        CheckpointHead head;
        head.bucket = QString::fromUtf8(bucket);
        head.seq = in.number<qint64>();
        head.chain = in.bytes(in.number<quint8>());
        // One canonical form: buckets strictly ascending, the genesis chain exactly at sequence 0, full-length
        // chains after it, and text that survives the round trip through UTF-8.
        const bool canonical = (i == 0 || previous < bucket) && head.seq >= 0
            && head.chain.size() == (head.seq == 0 ? 0 : chainBytes) && head.bucket.toUtf8() == bucket;
        if (!canonical)
            return std::nullopt;
        previous = bucket;
        statement.heads.append(std::move(head));
    }
    if (in.failed() || !in.atEnd() || statement.number < 1)
        return std::nullopt;
    return statement;
}

QByteArray CheckpointStatement::digest(QByteArrayView payload)
{
    return crypto::blake2b(payload, chainBytes);
}

QByteArray SyncAudit::nextChain(
    const QByteArray &chain, qint64 seq, const QString &recordId, quint64 recordHash, bool left)
{
    QByteArray data = chain;
    char number[8];
    qToLittleEndian(seq, number);
    data.append(number, 8);
    data.append(recordId.toUtf8());
    qToLittleEndian(recordHash, number);
    data.append(number, 8);
    data.append(left ? '\1' : '\0');
    return crypto::blake2b(data, 32);
}

Result<CheckpointOutcome, SyncAudit::Error> SyncAudit::checkpoint(SyncStorage &storage, AuditKeys &keys, qint64 nowMs)
{
    // The latest checkpoint is read before the heads: whoever writes number N + 1 read its heads after checkpoint N
    // was committed, so checkpoints run forward in time whichever servers write them.
    auto latest = storage.latestCheckpoint();
    if (!latest)
        return storageFailure(latest.error());
    QList<CheckpointHead> heads;
    {
        auto transaction = storage.beginRead();
        if (!transaction)
            return storageFailure(transaction.error());
        auto all = transaction.value()->allHeads();
        if (!all)
            return storageFailure(all.error());
        heads.reserve(all.value().size());
        for (const BucketState &head : std::as_const(all.value()))
            heads.append({ head.bucket, head.seq, head.chain });
    } // The snapshot ends here, before the signing and the insert.
    heads = sortedHeads(std::move(heads));

    const std::optional<AuditCheckpoint> &previous = latest.value();
    if (!previous && heads.isEmpty())
        return CheckpointOutcome { CheckpointOutcome::Kind::Unchanged, 0, 0 };
    if (previous) {
        const std::optional<CheckpointStatement> stated = CheckpointStatement::fromPayload(previous->payload);
        if (stated && stated->heads == heads)
            return CheckpointOutcome { CheckpointOutcome::Kind::Unchanged, previous->number, int(heads.size()) };
    }

    CheckpointStatement statement;
    statement.number = previous ? previous->number + 1 : 1;
    statement.createdAt = nowMs;
    auto kid = keys.activeKeyId();
    if (!kid)
        return keysFailure(kid.error());
    statement.keyId = kid.value();
    statement.heads = std::move(heads);
    const QByteArray payload = statement.toPayload();
    auto signature = keys.sign(statement.keyId, CheckpointStatement::digest(payload));
    if (!signature)
        return keysFailure(signature.error());
    auto inserted = storage.insertCheckpoint(
        { statement.number, nowMs, QString::fromUtf8(statement.keyId), payload, signature.value() });
    if (!inserted)
        return storageFailure(inserted.error());
    return CheckpointOutcome { inserted.value() ? CheckpointOutcome::Kind::Written : CheckpointOutcome::Kind::Raced,
        statement.number, int(statement.heads.size()) };
}

Result<AuditReport, SyncAudit::Error> SyncAudit::verify(SyncStorage &storage, AuditKeys &keys)
{
    auto publicKeys = keys.publicKeys();
    if (!publicKeys)
        return keysFailure(publicKeys.error());
    AuditReport report;
    // The checkpoints are read before the snapshot begins: each names heads read before it was written, so the
    // snapshot is at least as new as all of them, and one written meanwhile is not half-seen.
    SignedChains named;
    if (auto read = readCheckpoints(storage, publicKeys.value(), report, named); !read)
        return read.error();

    auto transaction = storage.beginRead();
    if (!transaction)
        return storageFailure(transaction.error());
    SyncStorage::ReadTransaction &tx = *transaction.value();
    auto heads = tx.allHeads();
    if (!heads)
        return storageFailure(heads.error());

    for (const BucketState &head : std::as_const(heads.value())) {
        ++report.buckets;
        const auto problem = [&report, &head](const QString &what) {
            report.problems.append(QStringLiteral("%1: %2").arg(head.bucket, what));
        };
        // The chains checkpoints signed for this bucket, checked off as the log passes their sequence numbers.
        QMap<qint64, QList<SignedChain>> signedChains = named.take(head.bucket);
        const auto checkSigned = [&report, &head, &signedChains](qint64 seq, const QByteArray &chain) {
            const auto it = signedChains.find(seq);
            if (it == signedChains.end())
                return;
            for (const SignedChain &signedChain : std::as_const(*it)) {
                if (signedChain.chain != chain)
                    report.problems.append(
                        QStringLiteral("checkpoint %1: %2 at sequence %3: the log's chain is not the one signed")
                            .arg(signedChain.checkpoint)
                            .arg(head.bucket)
                            .arg(seq));
            }
            signedChains.erase(it);
        };
        checkSigned(0, QByteArray());
        // The change log: chain and gap-free sequence, and the hash each change logged.
        QHash<qint64, quint64> loggedHash;
        QByteArray chain;
        qint64 expected = 1;
        for (qint64 after = 0;;) {
            auto rows = tx.changeLog(head.bucket, after, pageRows);
            if (!rows)
                return storageFailure(rows.error());
            for (const ChangeRow &row : std::as_const(rows.value())) {
                ++report.changes;
                if (row.seq != expected) {
                    problem(QStringLiteral("sequence %1 follows %2").arg(row.seq).arg(expected - 1));
                    expected = row.seq;
                }
                ++expected;
                chain = nextChain(chain, row.seq, row.recordId, row.recordHash, row.left);
                if (chain != row.chain)
                    problem(QStringLiteral("the chain breaks at sequence %1").arg(row.seq));
                // The recomputed chain, not the stored one: a rewrite that stores consistent chains still differs.
                checkSigned(row.seq, chain);
                loggedHash.insert(row.seq, row.recordHash);
                after = row.seq;
            }
            if (rows.value().size() < pageRows)
                break;
        }
        if (expected - 1 != head.seq)
            problem(QStringLiteral("the log ends at %1, the head says %2").arg(expected - 1).arg(head.seq));
        if (chain != head.chain)
            problem(QStringLiteral("the chain recomputed from the log is not the head's"));
        for (auto it = signedChains.cbegin(); it != signedChains.cend(); ++it) {
            for (const SignedChain &signedChain : *it)
                report.problems.append(QStringLiteral("checkpoint %1: %2 at sequence %3: the log has no such change "
                                                      "(it ends at %4)")
                                           .arg(signedChain.checkpoint)
                                           .arg(head.bucket)
                                           .arg(it.key())
                                           .arg(expected - 1));
        }

        // The records: each hashes to what its last change logged; together they make the head's checksum.
        BucketChecksum sum;
        for (qint64 after = 0;;) {
            auto changes = tx.changesAfter(head.bucket, after, pageRows);
            if (!changes)
                return storageFailure(changes.error());
            for (const sync::RecordChange &change : std::as_const(changes.value())) {
                after = change.seq;
                if (change.left)
                    continue;
                ++report.records;
                // Pull's reader hands the fields over as their stored text.
                const QJsonObject fields
                    = change.fieldsJson.isEmpty() ? change.fields : QJsonDocument::fromJson(change.fieldsJson).object();
                const quint64 hash = BucketChecksum::recordHash(change.id, change.seq, fields, change.deleted);
                sum.addHash(hash);
                if (loggedHash.value(change.seq) != hash)
                    problem(QStringLiteral("record %1 at version %2 is not what was logged")
                                .arg(change.id)
                                .arg(change.seq));
            }
            if (changes.value().size() < pageRows)
                break;
        }
        if (sum != head.checksum)
            problem(QStringLiteral("the checksum is %1, the records sum to %2")
                        .arg(head.checksum.toString(), sum.toString()));
    }
    // Buckets a checkpoint named that the data no longer has: one line per bucket, at its first checkpoint, in
    // bucket order.
    QStringList missing = named.keys();
    missing.sort();
    for (const QString &bucket : std::as_const(missing)) {
        const QMap<qint64, QList<SignedChain>> &chains = named[bucket];
        qint64 first = std::numeric_limits<qint64>::max();
        for (const QList<SignedChain> &atSeq : chains) {
            for (const SignedChain &signedChain : atSeq)
                first = std::min(first, signedChain.checkpoint);
        }
        report.problems.append(QStringLiteral("checkpoint %1: %2 no longer exists (signed up to sequence %3)")
                                   .arg(first)
                                   .arg(bucket)
                                   .arg(chains.lastKey()));
    }
    return report;
}

} // namespace mts
