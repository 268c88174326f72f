// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "blobstore.h"

#include "shared/crypto.h"
#include "shared/recordschema.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QtEndian>

namespace mts {

namespace {

constexpr qint64 sealedChunkBytes = BlobStore::chunkBytes + BlobStore::chunkOverhead;

mts::Error<BlobStore::Error> ioError(const QString &what, const QFileDevice &file)
{
    return { BlobStore::Error::Io, QStringLiteral("%1 %2: %3").arg(what, file.fileName(), file.errorString()) };
}

mts::Error<BlobStore::Error> badHash(const QString &hash)
{
    return { BlobStore::Error::BadInput, QStringLiteral("\"%1\" is not a blob hash").arg(hash) };
}

// Plaintext bytes held by a sealed file of `fileSize` bytes.
qint64 plainSize(qint64 fileSize)
{
    const qint64 whole = fileSize / sealedChunkBytes;
    const qint64 rest = fileSize % sealedChunkBytes;
    return whole * BlobStore::chunkBytes + (rest > BlobStore::chunkOverhead ? rest - BlobStore::chunkOverhead : 0);
}

} // namespace

BlobStore::BlobStore(QString folder, QByteArrayView dataKey)
    : m_folder(std::move(folder))
{
    // Sub-keys for this purpose only (FieldSealer derives its own the same way with another label).
    if (dataKey.size() == crypto::keyBytes) {
        m_key = crypto::blake2b("mts blob chunks v1", crypto::keyBytes, dataKey);
        m_nameKey = crypto::blake2b("mts blob names v1", crypto::keyBytes, dataKey);
    }
    QDir().mkpath(m_folder);
}

BlobStore::~BlobStore()
{
    crypto::wipe(m_key);
    crypto::wipe(m_nameKey);
}

QString BlobStore::nameOf(const QString &hash) const
{
    return QString::fromLatin1(crypto::blake2b(hash.toLatin1(), 20, m_nameKey).toHex());
}

QString BlobStore::filePath(const QString &hash) const
{
    return m_folder + u'/' + nameOf(hash) + QStringLiteral(".blob");
}

QByteArray BlobStore::nonceOf(const QByteArray &hashBytes, qint64 index) const
{
    QByteArray input = hashBytes;
    input.resize(hashBytes.size() + 8);
    qToLittleEndian<quint64>(quint64(index), input.data() + hashBytes.size());
    return crypto::blake2b(input, 24, m_key);
}

QByteArray BlobStore::sealChunk(const QByteArray &hashBytes, qint64 index, QByteArrayView plain) const
{
    const QByteArray nonce = nonceOf(hashBytes, index);
    const QByteArray associated = hashBytes + QByteArray::number(index);
    return crypto::sealWithNonce(m_key, nonce, plain, associated);
}

std::optional<QByteArray> BlobStore::openChunk(const QByteArray &hashBytes, qint64 index, QByteArrayView sealed) const
{
    // The nonce is stored with the chunk, but only the derived one is accepted: a chunk moved elsewhere fails.
    if (sealed.size() < chunkOverhead || sealed.first(24) != nonceOf(hashBytes, index))
        return std::nullopt;
    return crypto::open(m_key, sealed, QByteArray(hashBytes + QByteArray::number(index)));
}

Result<BlobStore::Info, BlobStore::Error> BlobStore::addFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ioError(QStringLiteral("cannot read"), file);
    const QByteArray content = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return ioError(QStringLiteral("cannot read"), file);
    return store(content);
}

Result<BlobStore::Info, BlobStore::Error> BlobStore::addBytes(const QByteArray &content)
{
    return store(content);
}

Result<BlobStore::Info, BlobStore::Error> BlobStore::store(const QByteArray &content)
{
    if (m_key.isEmpty())
        return mts::Error<Error> { Error::BadInput, QStringLiteral("the data key has the wrong size") };
    const QByteArray hashBytes = crypto::blake2b(content, 32);
    const Info info { QString::fromLatin1(hashBytes.toHex()), content.size() };
    if (has(info.hash))
        return info;
    QSaveFile file(filePath(info.hash));
    if (!file.open(QIODevice::WriteOnly))
        return ioError(QStringLiteral("cannot write"), file);
    for (qint64 offset = 0, index = 0; offset < content.size(); offset += chunkBytes, ++index) {
        const QByteArray sealed = sealChunk(hashBytes, index,
            QByteArrayView(content).sliced(offset, std::min<qint64>(chunkBytes, content.size() - offset)));
        if (file.write(sealed) != sealed.size())
            return ioError(QStringLiteral("cannot write"), file);
    }
    if (!file.commit())
        return ioError(QStringLiteral("cannot write"), file);
    return info;
}

bool BlobStore::has(const QString &hash) const
{
    return RecordSchema::isBlobHash(hash) && QFile::exists(filePath(hash));
}

Result<qint64, BlobStore::Error> BlobStore::size(const QString &hash) const
{
    if (!has(hash))
        return mts::Error<Error> { Error::NotFound, QStringLiteral("no blob %1 here").arg(hash) };
    return plainSize(QFileInfo(filePath(hash)).size());
}

Result<QByteArray, BlobStore::Error> BlobStore::readSealed(
    const QString &path, const QString &hash, qint64 offset, qint64 length) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return mts::Error<Error> { Error::NotFound, QStringLiteral("no blob %1 here").arg(hash) };
    const QByteArray hashBytes = QByteArray::fromHex(hash.toLatin1());
    const qint64 total = plainSize(file.size());
    const qint64 end = std::min(total, offset + length);
    QByteArray plain;
    for (qint64 index = offset / chunkBytes; index * chunkBytes < end; ++index) {
        if (!file.seek(index * sealedChunkBytes))
            return ioError(QStringLiteral("cannot read"), file);
        const QByteArray sealed = file.read(sealedChunkBytes);
        const auto opened = openChunk(hashBytes, index, sealed);
        if (!opened)
            return mts::Error<Error> { Error::Corrupt,
                QStringLiteral("chunk %1 of blob %2 does not open").arg(index).arg(hash) };
        const qint64 chunkStart = index * chunkBytes;
        const qint64 from = std::max<qint64>(0, offset - chunkStart);
        const qint64 to = std::min<qint64>(opened->size(), end - chunkStart);
        plain.append(opened->constData() + from, to - from);
    }
    return plain;
}

Result<QByteArray, BlobStore::Error> BlobStore::read(const QString &hash) const
{
    if (!RecordSchema::isBlobHash(hash))
        return badHash(hash);
    auto plain = readSealed(filePath(hash), hash, 0, std::numeric_limits<qint64>::max() / 2);
    if (!plain)
        return plain;
    if (QString::fromLatin1(crypto::blake2b(plain.value(), 32).toHex()) != hash)
        return mts::Error<Error> { Error::Corrupt, QStringLiteral("blob %1 does not match its hash").arg(hash) };
    return plain;
}

Result<QByteArray, BlobStore::Error> BlobStore::readRange(const QString &hash, qint64 offset, qint64 length) const
{
    if (!RecordSchema::isBlobHash(hash))
        return badHash(hash);
    if (offset < 0 || length < 0)
        return mts::Error<Error> { Error::BadInput, QStringLiteral("a negative offset or length") };
    return readSealed(filePath(hash), hash, offset, length);
}

Status<BlobStore::Error> BlobStore::remove(const QString &hash)
{
    if (!RecordSchema::isBlobHash(hash))
        return badHash(hash);
    QFile::remove(filePath(hash) + QStringLiteral(".part"));
    QFile file(filePath(hash));
    if (file.exists() && !file.remove())
        return ioError(QStringLiteral("cannot remove"), file);
    return ok;
}

qint64 BlobStore::downloadedBytes(const QString &hash) const
{
    if (!RecordSchema::isBlobHash(hash))
        return 0;
    // Only whole sealed chunks count: a chunk cut short by a crash is written again.
    const qint64 fileSize = QFileInfo(filePath(hash) + QStringLiteral(".part")).size();
    return (fileSize / sealedChunkBytes) * chunkBytes;
}

Status<BlobStore::Error> BlobStore::appendDownload(
    const QString &hash, qint64 size, qint64 offset, const QByteArray &data)
{
    if (!RecordSchema::isBlobHash(hash))
        return badHash(hash);
    if (m_key.isEmpty())
        return mts::Error<Error> { Error::BadInput, QStringLiteral("the data key has the wrong size") };
    const qint64 have = downloadedBytes(hash);
    const bool reachesEnd = offset + data.size() == size;
    if (offset != have || offset + data.size() > size || (!reachesEnd && data.size() % chunkBytes != 0)) {
        return mts::Error<Error> { Error::BadInput,
            QStringLiteral("blob %1: %2 bytes at %3 do not continue the %4 downloaded")
                .arg(hash)
                .arg(data.size())
                .arg(offset)
                .arg(have) };
    }
    QFile file(filePath(hash) + QStringLiteral(".part"));
    if (!file.open(QIODevice::ReadWrite))
        return ioError(QStringLiteral("cannot write"), file);
    // Drop a chunk a crash left half written.
    const qint64 sealedOffset = (offset / chunkBytes) * sealedChunkBytes;
    if (!file.resize(sealedOffset) || !file.seek(sealedOffset))
        return ioError(QStringLiteral("cannot write"), file);
    const QByteArray hashBytes = QByteArray::fromHex(hash.toLatin1());
    for (qint64 at = 0; at < data.size(); at += chunkBytes) {
        const QByteArray sealed = sealChunk(hashBytes, (offset + at) / chunkBytes,
            QByteArrayView(data).sliced(at, std::min<qint64>(chunkBytes, data.size() - at)));
        if (file.write(sealed) != sealed.size())
            return ioError(QStringLiteral("cannot write"), file);
    }
    if (!file.flush())
        return ioError(QStringLiteral("cannot write"), file);
    return ok;
}

Status<BlobStore::Error> BlobStore::finishDownload(const QString &hash, qint64 size)
{
    if (!RecordSchema::isBlobHash(hash))
        return badHash(hash);
    const QString part = filePath(hash) + QStringLiteral(".part");
    if (!QFile::exists(part))
        return mts::Error<Error> { Error::NotFound, QStringLiteral("no download of blob %1").arg(hash) };
    auto plain = readSealed(part, hash, 0, size);
    if (!plain || plain.value().size() != size
        || QString::fromLatin1(crypto::blake2b(plain.value(), 32).toHex()) != hash) {
        QFile::remove(part);
        return mts::Error<Error> { Error::Corrupt,
            QStringLiteral("the download of blob %1 does not match its hash; it was dropped").arg(hash) };
    }
    QFile::remove(filePath(hash));
    QFile file(part);
    if (!file.rename(filePath(hash)))
        return ioError(QStringLiteral("cannot rename"), file);
    return ok;
}

QString BlobStore::uploadSession(const QString &scope, const QString &hash) const
{
    QFile file(filePath(hash) + u'.' + nameOf(scope) + QStringLiteral(".upload"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(file.readAll().trimmed());
}

Status<BlobStore::Error> BlobStore::setUploadSession(
    const QString &scope, const QString &hash, const QString &sessionId)
{
    QSaveFile file(filePath(hash) + u'.' + nameOf(scope) + QStringLiteral(".upload"));
    if (!file.open(QIODevice::WriteOnly) || file.write(sessionId.toLatin1()) < 0 || !file.commit())
        return ioError(QStringLiteral("cannot write"), file);
    return ok;
}

Status<BlobStore::Error> BlobStore::setUploaded(const QString &scope, const QString &hash, bool uploaded)
{
    const QString base = filePath(hash) + u'.' + nameOf(scope);
    QFile::remove(base + QStringLiteral(".upload"));
    if (!uploaded) {
        QFile::remove(base + QStringLiteral(".uploaded"));
        return ok;
    }
    QSaveFile file(base + QStringLiteral(".uploaded"));
    if (!file.open(QIODevice::WriteOnly) || !file.commit())
        return ioError(QStringLiteral("cannot write"), file);
    return ok;
}

bool BlobStore::isUploaded(const QString &scope, const QString &hash) const
{
    return QFile::exists(filePath(hash) + u'.' + nameOf(scope) + QStringLiteral(".uploaded"));
}

} // namespace mts
