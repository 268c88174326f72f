// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The client's blob store: encrypted at rest per chunk, deterministic chunks, resumable downloads.
#include "client/core/blobstore.h"
#include "shared/crypto.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace mts;

namespace {

QByteArray content(qsizetype size, char seed)
{
    // Recognisable plaintext: a repeated phrase, so any leak of it into a file is found by a search.
    QByteArray bytes;
    const QByteArray phrase = QByteArray("PLAINTEXT-PHOTO-") + seed;
    while (bytes.size() < size)
        bytes.append(phrase);
    bytes.truncate(size);
    return bytes;
}

QByteArray everyFile(const QString &folder)
{
    QByteArray all;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            all.append(file.readAll());
    }
    return all;
}

} // namespace

class tst_BlobStore : public QObject {
    Q_OBJECT
private:
    QByteArray m_key = crypto::randomBytes(crypto::keyBytes);

private Q_SLOTS:
    void encryptedAtRest()
    {
        QTemporaryDir dir;
        BlobStore store(dir.filePath(QStringLiteral("blobs")), m_key);
        const QByteArray plain = content(200000, 'a');
        const QString source = dir.filePath(QStringLiteral("photo.jpg"));
        {
            QFile file(source);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(plain);
        }
        const auto added = store.addFile(source);
        QVERIFY(added);
        QCOMPARE(added.value().size, plain.size());
        QCOMPARE(added.value().hash, QString::fromLatin1(crypto::blake2b(plain, 32).toHex()));
        QVERIFY(store.has(added.value().hash));
        QCOMPARE(store.size(added.value().hash).value(), plain.size());
        QVERIFY(store.read(added.value().hash).value() == plain);
        QVERIFY(store.readRange(added.value().hash, 65000, 1000).value() == plain.mid(65000, 1000));

        // Neither the plaintext nor the hash appears in the store's files or their names.
        const QByteArray stored = everyFile(store.folder());
        QVERIFY(!stored.isEmpty());
        QVERIFY(!stored.contains("PLAINTEXT-PHOTO"));
        QVERIFY(!stored.contains(plain.mid(70000, 32)));
        for (const QString &name : QDir(store.folder()).entryList(QDir::Files))
            QVERIFY(!name.contains(added.value().hash.left(16)));

        // Another key opens nothing.
        BlobStore other(store.folder(), crypto::randomBytes(crypto::keyBytes));
        QVERIFY(!other.read(added.value().hash));

        // A flipped byte is found.
        QFile file(store.filePath(added.value().hash));
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.seek(100);
        const char byte = file.peek(1).at(0);
        file.write(QByteArray(1, char(byte ^ 1)));
        file.close();
        const auto corrupt = store.read(added.value().hash);
        QVERIFY(!corrupt);
        QCOMPARE(corrupt.error().code, BlobStore::Error::Corrupt);
    }

    void chunksAreDeterministic()
    {
        QTemporaryDir a;
        QTemporaryDir b;
        BlobStore first(a.path(), m_key);
        BlobStore second(b.path(), m_key);
        const QByteArray plain = content(3 * BlobStore::chunkBytes + 17, 'b');
        const auto one = first.addBytes(plain);
        const auto two = second.addBytes(plain);
        QVERIFY(one && two);
        QFile x(first.filePath(one.value().hash));
        QFile y(second.filePath(two.value().hash));
        QVERIFY(x.open(QIODevice::ReadOnly) && y.open(QIODevice::ReadOnly));
        const QByteArray sealed = x.readAll();
        QCOMPARE(sealed.size(), plain.size() + 4 * BlobStore::chunkOverhead);
        QVERIFY(sealed == y.readAll());
        // Chunks differ from one another even where the plaintext is the same (nonce per index).
        const qint64 sealedChunk = BlobStore::chunkBytes + BlobStore::chunkOverhead;
        QVERIFY(sealed.mid(0, 64) != sealed.mid(sealedChunk, 64));
    }

    void downloadResumes()
    {
        QTemporaryDir dir;
        const QByteArray plain = content(5 * BlobStore::chunkBytes + 999, 'c');
        const QString hash = QString::fromLatin1(crypto::blake2b(plain, 32).toHex());
        const qint64 size = plain.size();
        {
            BlobStore store(dir.path(), m_key);
            QCOMPARE(store.downloadedBytes(hash), 0);
            QVERIFY(store.appendDownload(hash, size, 0, plain.left(2 * BlobStore::chunkBytes)));
            QCOMPARE(store.downloadedBytes(hash), 2 * BlobStore::chunkBytes);
            // Not whole chunks, or not where the download stands: refused.
            QVERIFY(
                !store.appendDownload(hash, size, 2 * BlobStore::chunkBytes, plain.mid(2 * BlobStore::chunkBytes, 10)));
            QVERIFY(!store.appendDownload(
                hash, size, BlobStore::chunkBytes, plain.mid(BlobStore::chunkBytes, BlobStore::chunkBytes)));
            QVERIFY(!store.has(hash));
        }
        // A crash cut the next chunk short: the partial file has a torn tail.
        const QString part = BlobStore(dir.path(), m_key).filePath(hash) + QStringLiteral(".part");
        {
            QFile file(part);
            QVERIFY(file.open(QIODevice::Append));
            file.write(QByteArray(1234, 'z'));
        }
        BlobStore store(dir.path(), m_key);
        const qint64 resumeAt = store.downloadedBytes(hash);
        QCOMPARE(resumeAt, 2 * BlobStore::chunkBytes);
        QVERIFY(store.appendDownload(hash, size, resumeAt, plain.mid(resumeAt)));
        QVERIFY(store.finishDownload(hash, size));
        QVERIFY(store.has(hash));
        QVERIFY(store.read(hash).value() == plain);
        QVERIFY(!QFile::exists(part));

        // The resumed file is byte for byte what a store that never crashed writes.
        QTemporaryDir clean;
        BlobStore fresh(clean.path(), m_key);
        QVERIFY(fresh.addBytes(plain));
        QFile x(store.filePath(hash));
        QFile y(fresh.filePath(hash));
        QVERIFY(x.open(QIODevice::ReadOnly) && y.open(QIODevice::ReadOnly));
        QVERIFY(x.readAll() == y.readAll());
    }

    void badDownloadIsDropped()
    {
        QTemporaryDir dir;
        BlobStore store(dir.path(), m_key);
        const QByteArray plain = content(1000, 'd');
        const QString wrongHash = QString::fromLatin1(crypto::blake2b("other", 32).toHex());
        QVERIFY(store.appendDownload(wrongHash, plain.size(), 0, plain));
        const auto finished = store.finishDownload(wrongHash, plain.size());
        QVERIFY(!finished);
        QCOMPARE(finished.error().code, BlobStore::Error::Corrupt);
        QVERIFY(!store.has(wrongHash));
        QCOMPARE(store.downloadedBytes(wrongHash), 0);
    }

    void uploadState()
    {
        QTemporaryDir dir;
        BlobStore store(dir.path(), m_key);
        const auto added = store.addBytes(content(10, 'e'));
        QVERIFY(added);
        const QString scope = QStringLiteral("C:00070");
        QVERIFY(store.uploadSession(scope, added.value().hash).isEmpty());
        QVERIFY(store.setUploadSession(scope, added.value().hash, QStringLiteral("session-1")));
        // Survives a restart (a new store on the same folder).
        QCOMPARE(BlobStore(dir.path(), m_key).uploadSession(scope, added.value().hash), QStringLiteral("session-1"));
        QVERIFY(store.setUploaded(scope, added.value().hash, true));
        QVERIFY(store.uploadSession(scope, added.value().hash).isEmpty());
        QVERIFY(store.isUploaded(scope, added.value().hash));
        QVERIFY(!store.isUploaded(QStringLiteral("C:00004"), added.value().hash));
    }
};

QTEST_GUILESS_MAIN(tst_BlobStore)
#include "tst_blobstore.moc"
