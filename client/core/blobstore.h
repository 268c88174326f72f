// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shared/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace mts {

/// The account's blobs (photos, scans, PDFs; DESIGN.md, "Blobs") in `<account folder>/blobs/`, encrypted at rest.
///
/// A blob is named by the BLAKE2b-256 of its plaintext (64 hex digits, as the wire writes it). Its file holds the
/// plaintext in chunks of chunkBytes, each sealed with XChaCha20-Poly1305 under a key derived from the data key
/// for blobs only (keyed BLAKE2b, not Argon2: it runs once per store), with a nonce derived from (hash, chunk
/// index) and the same pair as associated data. Sealing is therefore deterministic: a chunk written twice is the
/// same bytes, so an interrupted download resumes by appending whole chunks to its `.part` file. File names are a
/// keyed hash of the blob hash, so a file name does not tell which known photo is on the disk.
///
/// Upload state (the server's session id per blob and scope, and which scopes already have the blob) is kept in
/// small files next to the blob, so an upload resumes after a crash.
///
/// Not thread-safe; one instance per account.
class BlobStore {
public:
    enum class Error {
        NotFound, ///< No such blob (or partial download) here.
        Io, ///< The disk failed (full, permissions); the message names the file.
        Corrupt, ///< A chunk does not open, or the content does not match its hash.
        BadInput, ///< A bad hash, offset or size.
    };

    /// Plaintext bytes per sealed chunk.
    static constexpr qint64 chunkBytes = 64 * 1024;
    /// Bytes a sealed chunk adds (nonce and tag).
    static constexpr qint64 chunkOverhead = 24 + 16;

    struct Info {
        QString hash;
        qint64 size = 0;
    };

    /// A store in `folder` (created when missing) with the account's data key (crypto::keyBytes).
    BlobStore(QString folder, QByteArrayView dataKey);
    ~BlobStore();
    BlobStore(const BlobStore &) = delete;
    BlobStore &operator=(const BlobStore &) = delete;

    QString folder() const { return m_folder; }

    /// Copies the file at `path` in, encrypted; its hash and size go into the record's Blob field.
    Result<Info, Error> addFile(const QString &path);
    /// The same for bytes in memory.
    Result<Info, Error> addBytes(const QByteArray &content);
    bool has(const QString &hash) const;
    /// Plaintext size of a stored blob.
    Result<qint64, Error> size(const QString &hash) const;
    /// The whole plaintext, verified against the hash.
    Result<QByteArray, Error> read(const QString &hash) const;
    /// Plaintext bytes [offset, offset + length) of a stored blob (fewer at its end): what an upload sends.
    Result<QByteArray, Error> readRange(const QString &hash, qint64 offset, qint64 length) const;
    Status<Error> remove(const QString &hash);

    /// The path of a blob's encrypted file (for tests and diagnostics).
    QString filePath(const QString &hash) const;

    // --- Download with resume ---

    /// Plaintext bytes of `hash` already downloaded (whole chunks, in order); 0 when none.
    qint64 downloadedBytes(const QString &hash) const;
    /// Appends downloaded plaintext at `offset`, which must be downloadedBytes(); every chunk but the blob's last
    /// must be whole (`data` a multiple of chunkBytes, or reaching `size`).
    Status<Error> appendDownload(const QString &hash, qint64 size, qint64 offset, const QByteArray &data);
    /// Verifies the downloaded content against its hash and makes it the blob; a mismatch drops the partial file.
    Status<Error> finishDownload(const QString &hash, qint64 size);

    // --- Upload state ---

    /// The upload session id of `hash` into `scope`, if one was started.
    QString uploadSession(const QString &scope, const QString &hash) const;
    Status<Error> setUploadSession(const QString &scope, const QString &hash, const QString &sessionId);
    /// Forgets the session and records whether `scope` now has the blob.
    Status<Error> setUploaded(const QString &scope, const QString &hash, bool uploaded);
    bool isUploaded(const QString &scope, const QString &hash) const;

private:
    QString nameOf(const QString &hash) const;
    QByteArray nonceOf(const QByteArray &hashBytes, qint64 index) const;
    QByteArray sealChunk(const QByteArray &hashBytes, qint64 index, QByteArrayView plain) const;
    std::optional<QByteArray> openChunk(const QByteArray &hashBytes, qint64 index, QByteArrayView sealed) const;
    Result<QByteArray, Error> readSealed(const QString &path, const QString &hash, qint64 offset, qint64 length) const;
    Result<Info, Error> store(const QByteArray &content);

    QString m_folder;
    QByteArray m_key;
    QByteArray m_nameKey;
};

} // namespace mts
