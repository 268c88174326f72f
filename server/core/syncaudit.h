// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/core/syncstorage.h"

#include <QStringList>

#include <optional>

namespace mts {

class AuditKeys;

/// One bucket's head as a checkpoint states it.
struct CheckpointHead {
    QString bucket;
    qint64 seq = 0;
    /// The bucket's chain after change `seq` (empty at seq 0).
    QByteArray chain;

    bool operator==(const CheckpointHead &) const = default;
};

/// What a checkpoint states: every bucket head at one moment, its number, its time and the key that signs it.
///
/// The payload (what is stored and hashed) is compact binary, one canonical form per statement, integers little
/// endian: the 24 bytes "mts-audit-checkpoint-v1\0" (they also keep a checkpoint signature from meaning anything
/// else), number i64, createdAt i64 (Unix ms), the kid as u8 length + ASCII, the head count u32, then per head,
/// sorted by the bucket's UTF-8 bytes and each bucket once: u16 length + bucket UTF-8, seq i64, u8 length (0 or
/// 32) + chain. The signature is Ed25519 over digest(payload), BLAKE2b-256.
struct CheckpointStatement {
    qint64 number = 0;
    qint64 createdAt = 0;
    QByteArray keyId;
    /// Sorted by the bucket's UTF-8 bytes (toPayload() sorts them).
    QList<CheckpointHead> heads;

    QByteArray toPayload() const;
    /// The statement a payload holds; std::nullopt unless the payload is exactly in the canonical form.
    static std::optional<CheckpointStatement> fromPayload(const QByteArray &payload);
    static QByteArray digest(QByteArrayView payload);
};

/// What `mattranso-server audit checkpoint` did.
struct CheckpointOutcome {
    enum class Kind {
        Written, ///< A new checkpoint, `number`, names `buckets` heads.
        Unchanged, ///< Nothing changed since checkpoint `number`: none written.
        Raced, ///< Another server wrote checkpoint `number` meanwhile: none written.
    };
    Kind kind = Kind::Written;
    qint64 number = 0;
    int buckets = 0;
};

/// What `mattranso-server audit verify` found.
struct AuditReport {
    int buckets = 0;
    qint64 changes = 0;
    qint64 records = 0;
    int checkpoints = 0;
    /// One line per disagreement, naming the bucket and the sequence number (and the checkpoint, for a checkpoint's
    /// problem); empty when everything holds.
    QStringList problems;

    bool isClean() const { return problems.isEmpty(); }
};

/// Checks the sync data against itself, in one snapshot (DESIGN.md, "Audit"):
/// - each bucket's hash chain, recomputed from its change log, ends at the chain stored in its head row, and the
///   sequence numbers run 1, 2, 3… without a gap;
/// - each record's current state hashes to the hash its last change logged, at its version;
/// - each bucket's checksum equals the sum over its records;
/// - each signed checkpoint names chains the recomputed chains pass through at those sequence numbers.
/// The per-bucket checks catch edits that do not recompute the chain; the checkpoints catch a rewrite that does
/// (of the log and the head together), since the rewriter cannot sign a new checkpoint without the audit key.
class SyncAudit {
public:
    enum class Error {
        StorageFailed, ///< The sync storage could not be read or written.
        KeysFailed, ///< The audit keys could not be read, or could not sign.
    };

    /// Runs every check. A checkpoint is checked against `keys`' public keys, active and retired.
    static Result<AuditReport, Error> verify(SyncStorage &storage, AuditKeys &keys);

    /// Writes a checkpoint of every bucket head now, signed with `keys`' active key, unless nothing changed since
    /// the last one. The heads are read in one read snapshot, then signed, then inserted in a short transaction of
    /// their own, so pushes are not held up.
    static Result<CheckpointOutcome, Error> checkpoint(SyncStorage &storage, AuditKeys &keys, qint64 nowMs);

    /// The chain after one change (BLAKE2b-256 of the previous chain, the sequence number as i64 LE, the record id
    /// in UTF-8, the record hash as u64 LE — 0 for a departure — and one byte, 1 for a departure). The genesis
    /// chain of a bucket is empty.
    static QByteArray nextChain(
        const QByteArray &chain, qint64 seq, const QString &recordId, quint64 recordHash, bool left);
};

} // namespace mts
