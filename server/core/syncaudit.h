// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/core/syncstorage.h"

#include <QStringList>

namespace mts {

/// What `mattranso-server audit verify` found.
struct AuditReport {
    int buckets = 0;
    qint64 changes = 0;
    qint64 records = 0;
    int checkpoints = 0;
    /// One line per disagreement, naming the bucket and the sequence number; empty when everything holds.
    QStringList problems;

    bool isClean() const { return problems.isEmpty(); }
};

/// Checks the sync data against itself, in one snapshot (DESIGN.md, "Audit"):
/// - each bucket's hash chain, recomputed from its change log, ends at the chain stored in its head row, and the
///   sequence numbers run 1, 2, 3… without a gap;
/// - each record's current state hashes to the hash its last change logged, at its version;
/// - each bucket's checksum equals the sum over its records;
/// - each signed checkpoint names chains the recomputed chains pass through at those sequence numbers.
class SyncAudit {
public:
    static Result<AuditReport, SyncStorage::Error> verify(SyncStorage &storage);

    /// The chain after one change (BLAKE2b-256 of the previous chain, the sequence number as i64 LE, the record id
    /// in UTF-8, the record hash as u64 LE — 0 for a departure — and one byte, 1 for a departure). The genesis
    /// chain of a bucket is empty.
    static QByteArray nextChain(
        const QByteArray &chain, qint64 seq, const QString &recordId, quint64 recordHash, bool left);
};

} // namespace mts
