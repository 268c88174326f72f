// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/syncaudit.h"

#include "shared/crypto.h"

#include <QtEndian>

namespace mts {

namespace {
constexpr int pageRows = 10000;
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

Result<AuditReport, SyncStorage::Error> SyncAudit::verify(SyncStorage &storage)
{
    auto transaction = storage.beginRead();
    if (!transaction)
        return transaction.error();
    SyncStorage::ReadTransaction &tx = *transaction.value();
    auto heads = tx.allHeads();
    if (!heads)
        return heads.error();

    AuditReport report;
    for (const BucketState &head : std::as_const(heads.value())) {
        ++report.buckets;
        const auto problem = [&report, &head](const QString &what) {
            report.problems.append(QStringLiteral("%1: %2").arg(head.bucket, what));
        };
        // The change log: chain and gap-free sequence, and the hash each change logged.
        QHash<qint64, quint64> loggedHash;
        QByteArray chain;
        qint64 expected = 1;
        for (qint64 after = 0;;) {
            auto rows = tx.changeLog(head.bucket, after, pageRows);
            if (!rows)
                return rows.error();
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

        // The records: each hashes to what its last change logged; together they make the head's checksum.
        BucketChecksum sum;
        for (qint64 after = 0;;) {
            auto changes = tx.changesAfter(head.bucket, after, pageRows);
            if (!changes)
                return changes.error();
            for (const sync::RecordChange &change : std::as_const(changes.value())) {
                after = change.seq;
                if (change.left)
                    continue;
                ++report.records;
                sum.add(change.id, change.seq, change.fields, change.deleted);
                const quint64 hash = BucketChecksum::recordHash(change.id, change.seq, change.fields, change.deleted);
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
    return report;
}

} // namespace mts
