// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/crypto.h"

#include <QTest>

#include <algorithm>

using namespace mts;

class tst_Crypto : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void passwordHash()
    {
        const QByteArray hash = crypto::hashPassword("Mật khẩu 123", crypto::PasswordCost::minimum());
        QVERIFY(hash.startsWith("$argon2id$"));
        QVERIFY(crypto::verifyPassword(hash, "Mật khẩu 123"));
        QVERIFY(!crypto::verifyPassword(hash, "Mật khẩu 124"));
        QVERIFY(!crypto::verifyPassword(hash, ""));
        QVERIFY(!crypto::verifyPassword("$argon2id$garbage", "Mật khẩu 123"));
        QVERIFY(!crypto::verifyPassword(QByteArray(), "x"));
        // Salted: the same password hashes differently each time.
        QVERIFY(hash != crypto::hashPassword("Mật khẩu 123", crypto::PasswordCost::minimum()));
    }

    void deriveKeyIsDeterministicPerSalt()
    {
        const QByteArray salt = crypto::randomBytes(crypto::saltBytes);
        const auto cost = crypto::PasswordCost::minimum();
        const QByteArray key = crypto::deriveKey("secret", salt, cost);
        QCOMPARE(key.size(), crypto::keyBytes);
        QCOMPARE(crypto::deriveKey("secret", salt, cost), key);
        QVERIFY(crypto::deriveKey("secret2", salt, cost) != key);
        QVERIFY(crypto::deriveKey("secret", crypto::randomBytes(crypto::saltBytes), cost) != key);
        QVERIFY(crypto::deriveKey("secret", "short", cost).isEmpty());
    }

    void sealAndOpen()
    {
        const QByteArray key = crypto::randomBytes(crypto::keyBytes);
        const QByteArray plain = QStringLiteral("CCCD 001203004567 — Nguyễn Văn Đông").toUtf8();
        const QByteArray sealed = crypto::seal(key, plain, "person:42:cccd");
        QCOMPARE(sealed.size(), plain.size() + crypto::sealOverhead);
        QVERIFY(!sealed.contains(plain.left(12)));
        QCOMPARE(crypto::open(key, sealed, "person:42:cccd").value_or(QByteArray()), plain);
        // Wrong key, wrong associated data, a flipped bit: all refused.
        QVERIFY(!crypto::open(crypto::randomBytes(crypto::keyBytes), sealed, "person:42:cccd"));
        QVERIFY(!crypto::open(key, sealed, "person:43:cccd"));
        QByteArray tampered = sealed;
        tampered[30] = char(tampered[30] ^ 1);
        QVERIFY(!crypto::open(key, tampered, "person:42:cccd"));
        QVERIFY(!crypto::open(key, sealed.left(10)));
        // Random nonces: sealing twice differs.
        QVERIFY(crypto::seal(key, plain) != crypto::seal(key, plain));
        QVERIFY(crypto::seal("short key", plain).isEmpty());
        // A fixed nonce gives a fixed ciphertext (content-addressed chunks rely on it).
        const QByteArray nonce(24, 'n');
        QCOMPARE(crypto::sealWithNonce(key, nonce, plain), crypto::sealWithNonce(key, nonce, plain));
        QCOMPARE(crypto::open(key, crypto::sealWithNonce(key, nonce, plain)).value_or(QByteArray()), plain);
    }

    void blake2bKnownAnswer()
    {
        // BLAKE2b-256 of the empty string (RFC 7693 parameters, 32-byte output).
        QCOMPARE(crypto::blake2b("").toHex(),
            QByteArray("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"));
        QCOMPARE(crypto::blake2b("abc", 64).toHex(),
            QByteArray("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                       "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"));
        QVERIFY(crypto::blake2b("abc", 32, "key") != crypto::blake2b("abc", 32));
    }

    void blake2bStreamEqualsOneShot_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("piece");
        constexpr int mebibyte = 1024 * 1024;
        // 128 bytes is BLAKE2b's block, 1 MiB the server's upload chunk: sizes on, before and after each boundary.
        for (const int size : { 0, 1, 127, 128, 129, 256, mebibyte - 1, mebibyte, mebibyte + 1, 3 * mebibyte + 17 }) {
            for (const int piece : { 1, 7, 128, mebibyte }) {
                if (piece == 1 && size > 4096)
                    continue; // a million one-byte updates prove nothing more than four thousand
                QTest::addRow("%d bytes in pieces of %d", size, piece) << size << piece;
            }
        }
    }

    void blake2bStreamEqualsOneShot()
    {
        QFETCH(int, size);
        QFETCH(int, piece);
        QByteArray data(size, Qt::Uninitialized);
        for (int i = 0; i < size; ++i)
            data[i] = char((i * 131 + i / 251) & 0xff);
        crypto::Blake2bStream stream;
        QVERIFY(stream.isValid());
        for (int offset = 0; offset < size; offset += piece) {
            stream.addData(QByteArrayView(data).sliced(offset, std::min(piece, size - offset)));
            stream.addData({}); // an empty piece changes nothing
        }
        const QByteArray digest = stream.result();
        QCOMPARE(digest.size(), 32);
        QCOMPARE(digest.toHex(), crypto::blake2b(data).toHex());
        // The digest is final: asking again, or adding more, does not change it.
        stream.addData("more");
        QCOMPARE(stream.result().toHex(), digest.toHex());
    }

    void blake2bStreamSizes()
    {
        crypto::Blake2bStream wide(64);
        wide.addData("a");
        wide.addData("bc");
        QCOMPARE(wide.result().toHex(), crypto::blake2b("abc", 64).toHex());
        crypto::Blake2bStream empty;
        QCOMPARE(
            empty.result().toHex(), QByteArray("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"));
        crypto::Blake2bStream tooShort(15);
        QVERIFY(!tooShort.isValid());
        tooShort.addData("abc");
        QVERIFY(tooShort.result().isEmpty());
        QVERIFY(!crypto::Blake2bStream(65).isValid());
    }

    void constantTimeEqual()
    {
        QVERIFY(crypto::constantTimeEqual("abc", "abc"));
        QVERIFY(!crypto::constantTimeEqual("abc", "abd"));
        QVERIFY(!crypto::constantTimeEqual("abc", "abcd"));
        QVERIFY(crypto::constantTimeEqual("", ""));
    }

    void wipe()
    {
        QByteArray secret("top secret");
        crypto::wipe(secret);
        QVERIFY(secret.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_Crypto)
#include "tst_crypto.moc"
