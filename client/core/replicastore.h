// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <array>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace mts {

class FieldSealer;

/// The local SQLite replica of one account on one server (DESIGN.md, "Identity, roles, secrets": one replica
/// per account and server): the records the account holds, the outbox of local changes not yet pushed, and a
/// full-text search index. This class owns the file and every SQL statement run on it (SQLite C API, prepared
/// statements cached for the life of the connection).
///
/// Tables (format 1, `PRAGMA user_version`):
/// - `records(id, kind, scope, fields, deleted, updated_at)`: `fields` is the record's JSON object (UTF-8).
/// - `outbox(seq, op_id, record_id, kind, type, payload, created_at)`: one row per local op, in order; `payload`
///   is the op's JSON `{op_id, type, record_id, kind, scope, schema_version, set}`.
/// - `search_index`: FTS5 (`unicode61 remove_diacritics 2`) over foldForSearch() of the non-sensitive text
///   fields; `search_rows` maps a record to its index row.
/// - `meta(key, value)`: a key check value, sealed under the data key.
///
/// **At rest.** Every value of a field that RecordSchema::isSensitive() reports (citizen ID, phone, submitter,
/// unknown fields and kinds) is sealed with FieldSealer for (record id, field name) before it reaches SQLite,
/// so it appears in clear in none of the file, its WAL, the outbox or the index. In the JSON of `fields` and of
/// an op's `set`, a sealed value is the string `sealed:` + base64(FieldSealer::seal(...)), whose plaintext is
/// the compact JSON of a one-element array holding the value (so numbers, objects and strings keep their type).
/// A plain string that itself starts with `sealed:` is sealed as well, so no value is ever mistaken for one.
/// The file is created owner-only (0600); SQLite gives its WAL the same permissions.
///
/// Not thread-safe: use an instance from one thread. Other processes (the CLI) may open the same file.
class ReplicaStore {
public:
    enum class Error {
        NotOpen, ///< open() has not succeeded.
        InvalidKey, ///< The data key does not have crypto::keyBytes bytes.
        WrongKey, ///< The data key is not the one this replica was created with.
        OpenFailed, ///< The file cannot be created or opened, or is not a replica.
        NewerFormat, ///< The file was written by a newer version of the application: update it.
        InvalidArgument, ///< A kind, scope, id or field name that cannot be stored; the message says which.
        NotFound, ///< No record with that id.
        SealedFieldUnreadable, ///< A sealed value does not open: damaged or altered data, or another key.
        Database, ///< SQLite failed (disk full, I/O error, locked too long); the message has its words.
    };

    /// The format this build writes (`PRAGMA user_version`).
    static constexpr int formatVersion = 1;

    /// A store on `filePath` for the account whose data key is `dataKey` (crypto::keyBytes). The store keeps
    /// only a key derived from it; wiping `dataKey` is the caller's job. Nothing is opened yet.
    ReplicaStore(QString filePath, QByteArray dataKey);
    ~ReplicaStore();

    ReplicaStore(const ReplicaStore &) = delete;
    ReplicaStore &operator=(const ReplicaStore &) = delete;

    QString filePath() const { return m_filePath; }
    bool isOpen() const { return m_db != nullptr; }

    /// Opens the file, creating it if needed, in WAL mode with `synchronous=NORMAL` and foreign keys on, and
    /// brings an older format up to formatVersion. Refuses a file of a newer format (NewerFormat) and a data key
    /// other than the one the replica was created with (WrongKey), before anything is written.
    [[nodiscard]] Status<Error> open();
    /// Closes the file (SQLite then checkpoints the WAL and removes it, when no other process has it open).
    void close();

    /// Saves a local edit in one transaction: the record (created, or its fields merged with `fields` — a field
    /// given replaces the stored one), an outbox op (`create` or `update`) whose `set` is `fields`, and the
    /// record's search index row.
    ///
    /// `kind` is a record kind (RecordSchema; unknown kinds are stored with every field sealed), `scope` a scope
    /// in its written form (Scope::parse) and, for an update, the record's stored scope (moves are another op).
    /// An empty `recordId` creates a record with a new UUIDv7; a given id updates that record, or creates it
    /// when absent (it must then be a UUIDv7). Values of the kind's text fields are stored in NFC; nothing is
    /// trimmed (normalizeText() is the forms' job). Returns the record id.
    [[nodiscard]] Result<QString, Error> saveLocal(
        const QString &kind, const QString &scope, const QString &recordId, const QJsonObject &fields);

    /// The fields of record `id` (also when it is deleted), sealed values opened. NotFound when there is no such
    /// record, SealedFieldUnreadable when a sealed value does not open.
    [[nodiscard]] Result<QJsonObject, Error> record(const QString &id);

    /// Ids of the records whose non-sensitive text matches every word of `query` as a prefix, ignoring case and
    /// diacritics (both sides go through foldForSearch()), best match first. A query without letters or digits
    /// matches nothing. Sensitive fields are never indexed, so a citizen ID or phone number finds nothing.
    [[nodiscard]] Result<QStringList, Error> search(const QString &query);

    /// Number of ops in the outbox (not yet pushed); -1 when the store is not open or SQLite fails.
    int pendingCount();

    /// Copies the WAL into the main file and truncates it (`wal_checkpoint(TRUNCATE)`); Database when another
    /// connection kept it from finishing.
    [[nodiscard]] Status<Error> checkpoint();

private:
    enum Statement {
        Begin,
        Commit,
        Rollback,
        SelectRecord,
        InsertRecord,
        UpdateRecord,
        InsertOp,
        SelectSearchRow,
        InsertSearch,
        UpdateSearch,
        InsertSearchRow,
        Search,
        CountOps,
        StatementCount
    };

    Status<Error> configure();
    Status<Error> migrate();
    Status<Error> checkKey();
    Status<Error> exec(const char *sql);
    sqlite3_stmt *statement(Statement which);
    mts::Error<Error> databaseError(const QString &what) const;
    Result<QString, Error> saveInTransaction(
        const QString &kind, const QString &scope, const QString &recordId, const QJsonObject &fields);
    Result<QString, Error> sealValue(const QString &recordId, const QString &field, const QJsonValue &value) const;

    QString m_filePath;
    std::unique_ptr<FieldSealer> m_sealer;
    sqlite3 *m_db = nullptr;
    std::array<sqlite3_stmt *, StatementCount> m_statements {};
};

} // namespace mts
