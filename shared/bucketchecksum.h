// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QStringView>

#include <optional>

namespace mts {

/// The checksum of a bucket's records (DESIGN.md, "Checksums per bucket"): the count of records and the wrapping
/// 64-bit sum of their record hashes. A sum, not a chain, so it is independent of order and can be updated one
/// change at a time: remove() the old state of a record and add() the new one. The server keeps it in the bucket's
/// head row; the client computes it over its base and compares.
struct BucketChecksum {
    /// Number of records (modulo 2^64).
    quint64 count = 0;
    /// Sum of recordHash() of the records, modulo 2^64.
    quint64 sum = 0;

    /// Adds a record in the given state.
    void add(const QString &id, qint64 version, const QJsonObject &fields, bool deleted);
    /// Takes out a record in the given state; the exact inverse of add() with the same arguments. Removing a state
    /// that was never added is not detected: the checksum simply stops matching.
    void remove(const QString &id, qint64 version, const QJsonObject &fields, bool deleted);
    /// add() and remove() of a record whose recordHash() is known already.
    void addHash(quint64 recordHash)
    {
        count += 1;
        sum += recordHash;
    }
    void removeHash(quint64 recordHash)
    {
        count -= 1;
        sum -= recordHash;
    }

    /// Whether no record is counted (count and sum both 0).
    bool isEmpty() const { return count == 0 && sum == 0; }

    friend bool operator==(const BucketChecksum &a, const BucketChecksum &b)
    {
        return a.count == b.count && a.sum == b.sum;
    }
    friend bool operator!=(const BucketChecksum &a, const BucketChecksum &b) { return !(a == b); }

    /// `<count>:<sum>`: count in decimal without leading zeros, sum as 16 lower-case hex digits
    /// (e.g. `3:00ab…`). The form on the wire and in the database.
    QString toString() const;
    /// Parses exactly what toString() writes; std::nullopt for anything else.
    static std::optional<BucketChecksum> parse(QStringView text);

    /// H64(id | version | H(canonical fields + deleted)), precisely:
    /// - inner = BLAKE2b-256(CanonicalJson::encode(fields) ‖ one byte, 0x01 if deleted else 0x00) — the canonical
    ///   object is self-delimiting, so the flag byte cannot be confused with it;
    /// - outer = u32 LE byte length of id in UTF-8 ‖ id in UTF-8 (as given; ids are canonical lower-case UUIDv7)
    ///   ‖ version as i64 LE ‖ inner;
    /// - the result is the first 8 bytes of BLAKE2b-128(outer), read little-endian. (libsodium's BLAKE2b has a
    ///   16-byte minimum output, so this is BLAKE2b-128 truncated, not BLAKE2b with an 8-byte output length.)
    ///
    /// Fields with no canonical form (a NaN, see CanonicalJson) hash as an empty encoding; such fields cannot come
    /// from JSON text.
    static quint64 recordHash(const QString &id, qint64 version, const QJsonObject &fields, bool deleted);
    /// recordHash() for fields already in CanonicalJson::encode() form (a reader that produces those bytes itself,
    /// e.g. while storing a pulled record, need not encode twice).
    static quint64 recordHashOfCanonical(
        const QString &id, qint64 version, QByteArrayView canonicalFields, bool deleted);
    /// The inner hash of recordHash() (32 bytes): what a record's fields and deleted flag contribute, whatever
    /// its id and version. A client that knows the state it creates hashes it once, when it is written, and
    /// completes the hash with recordHashOfContent() when the server gives the version.
    static QByteArray contentHash(QByteArrayView canonicalFields, bool deleted);
    /// recordHash() from contentHash() of the fields; 0 if `contentHash` is not 32 bytes.
    static quint64 recordHashOfContent(const QString &id, qint64 version, QByteArrayView contentHash);
};

} // namespace mts
