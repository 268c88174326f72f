// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Runs against a real Secret Service (gnome-keyring) in a private D-Bus session: see with-keyring.sh.
#include "client/core/accountdirectory.h"
#include "client/core/accountkeys.h"
#include "client/core/keychainsecretstore.h"
#include "shared/crypto.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace mts;

namespace {

constexpr int answerWithinMs = 10000;

std::optional<SecretStore::ReadResult> read(SecretStore &store, const QString &key)
{
    QObject context;
    std::optional<SecretStore::ReadResult> result;
    store.read(key, &context, [&](SecretStore::ReadResult r) { result.emplace(std::move(r)); });
    if (result) // answered inside the call: the contract says later
        return std::nullopt;
    if (!QTest::qWaitFor([&] { return result.has_value(); }, answerWithinMs))
        return std::nullopt;
    return result;
}

std::optional<SecretStore::WriteResult> write(SecretStore &store, const QString &key, const QByteArray &value)
{
    QObject context;
    std::optional<SecretStore::WriteResult> result;
    store.write(key, value, &context, [&](SecretStore::WriteResult r) { result.emplace(std::move(r)); });
    if (result)
        return std::nullopt;
    if (!QTest::qWaitFor([&] { return result.has_value(); }, answerWithinMs))
        return std::nullopt;
    return result;
}

std::optional<SecretStore::WriteResult> remove(SecretStore &store, const QString &key)
{
    QObject context;
    std::optional<SecretStore::WriteResult> result;
    store.remove(key, &context, [&](SecretStore::WriteResult r) { result.emplace(std::move(r)); });
    if (result)
        return std::nullopt;
    if (!QTest::qWaitFor([&] { return result.has_value(); }, answerWithinMs))
        return std::nullopt;
    return result;
}

QString describe(const std::optional<SecretStore::WriteResult> &result)
{
    if (!result)
        return QStringLiteral("no answer");
    return result->isOk() ? QStringLiteral("ok") : result->error().message;
}

QString describe(const std::optional<SecretStore::ReadResult> &result)
{
    if (!result)
        return QStringLiteral("no answer");
    return result->isOk() ? QStringLiteral("ok") : result->error().message;
}

#define VERIFY_OK(result)                                                                                              \
    do {                                                                                                               \
        const auto &r_ = (result);                                                                                     \
        QVERIFY2(r_ && r_->isOk(), qPrintable(describe(r_)));                                                          \
    } while (false)

const QUrl server(QStringLiteral("https://mttq.example.vn"));

} // namespace

class tst_KeychainSecretStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // This test must meet a real keychain; it fails (never skips) when started without one.
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
            "no D-Bus session: run this test through tests/keychain/with-keyring.sh (ctest does)");
        QVERIFY(QFile::exists(qEnvironmentVariable("HOME")));
    }

    void writeReadOverwriteRemove()
    {
        KeychainSecretStore store(AccountDirectory::accountId(server, QStringLiteral("nguyenvana")));
        const QString key = AccountKeys::refreshTokenSecretName();
        const QByteArray token = QStringLiteral("rt.Nguyễn-Văn-A.").toUtf8() + crypto::randomBytes(48).toBase64();

        const auto missing = read(store, key);
        QVERIFY(missing);
        QVERIFY(!missing->isOk());
        QCOMPARE(missing->error().code, SecretStore::Error::NotFound);

        QElapsedTimer timer;
        timer.start();
        VERIFY_OK(write(store, key, token));
        const auto first = read(store, key);
        VERIFY_OK(first);
        QCOMPARE(first->value(), token);
        qInfo("write + read against gnome-keyring: %lld ms", timer.elapsed());

        VERIFY_OK(write(store, key, "rotated token"));
        const auto second = read(store, key);
        VERIFY_OK(second);
        QCOMPARE(second->value(), QByteArray("rotated token"));

        VERIFY_OK(remove(store, key));
        const auto gone = read(store, key);
        QVERIFY(gone);
        QVERIFY(!gone->isOk());
        QCOMPARE(gone->error().code, SecretStore::Error::NotFound);
        QVERIFY(!gone->error().message.isEmpty());
        VERIFY_OK(remove(store, key)); // removing what is not there succeeds
    }

    void binaryValues()
    {
        KeychainSecretStore store(AccountDirectory::accountId(server, QStringLiteral("binary")));
        const QByteArray dataKey = crypto::randomBytes(crypto::keyBytes);
        const QByteArray withNul("\0\x01\xff\x80 end", 8);
        VERIFY_OK(write(store, AccountKeys::keychainCheckSecretName(), dataKey));
        VERIFY_OK(write(store, QStringLiteral("nul"), withNul));
        QCOMPARE(read(store, AccountKeys::keychainCheckSecretName())->value(), dataKey);
        QCOMPARE(read(store, QStringLiteral("nul"))->value(), withNul);
        VERIFY_OK(remove(store, AccountKeys::keychainCheckSecretName()));
        VERIFY_OK(remove(store, QStringLiteral("nul")));
    }

    void accountsAreSeparated()
    {
        KeychainSecretStore a(AccountDirectory::accountId(server, QStringLiteral("nguyenvana")));
        KeychainSecretStore b(AccountDirectory::accountId(server, QStringLiteral("tranthib")));
        KeychainSecretStore otherServer(
            AccountDirectory::accountId(QUrl(QStringLiteral("https://tinh.example.vn")), QStringLiteral("nguyenvana")));
        const QString key = AccountKeys::refreshTokenSecretName();
        QVERIFY(a.qualifiedKey(key) != b.qualifiedKey(key));

        VERIFY_OK(write(a, key, "token of A"));
        VERIFY_OK(write(b, key, "token of B"));
        QCOMPARE(read(a, key)->value(), QByteArray("token of A"));
        QCOMPARE(read(b, key)->value(), QByteArray("token of B"));
        QCOMPARE(read(otherServer, key)->error().code, SecretStore::Error::NotFound);

        VERIFY_OK(remove(a, key));
        QCOMPARE(read(a, key)->error().code, SecretStore::Error::NotFound);
        QCOMPARE(read(b, key)->value(), QByteArray("token of B"));
        VERIFY_OK(remove(b, key));
    }

    void callbackDroppedWithContext()
    {
        KeychainSecretStore store(AccountDirectory::accountId(server, QStringLiteral("context")));
        bool called = false;
        auto *context = new QObject;
        store.write(QStringLiteral("k"), "v", context, [&](SecretStore::WriteResult) { called = true; });
        delete context;
        // The write itself still happens; a later read (queued behind it) sees it, and the dropped callback
        // never ran.
        const auto value = read(store, QStringLiteral("k"));
        VERIFY_OK(value);
        QCOMPARE(value->value(), QByteArray("v"));
        QVERIFY(!called);
        VERIFY_OK(remove(store, QStringLiteral("k")));
    }

    void accountKeysUseTheKeychain()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString username = QStringLiteral("nguyenvana");
        const QString folder = AccountDirectory(root.path()).folderFor(server, username).value();
        const QString id = AccountDirectory::accountId(server, username);
        AccountKeys::Options options;
        options.cost = crypto::PasswordCost::minimum();
        AccountKeys keys(folder, server, username, std::make_unique<KeychainSecretStore>(id), options);

        std::optional<AccountKeys::DataKeyResult> created;
        keys.create(QStringLiteral("mật khẩu"), this, [&](AccountKeys::DataKeyResult r) { created.emplace(r); });
        QVERIFY(QTest::qWaitFor([&] { return created.has_value(); }, answerWithinMs));
        QVERIFY2(created->isOk(), qPrintable(created->isOk() ? QString() : created->error().message));
        QVERIFY(!keys.usesVaultFallback());
        QVERIFY(!QFile::exists(keys.vaultFilePath()));

        KeychainSecretStore store(id);
        const auto stored = read(store, AccountKeys::keychainCheckSecretName());
        VERIFY_OK(stored);
        // A check value is there; the data key is not (the keychain is shared by everyone on the OS account).
        QVERIFY(!stored->value().isEmpty());
        QVERIFY(!stored->value().contains(created->value().left(8)));
        QCOMPARE(keys.unlockOffline(QStringLiteral("mật khẩu")).value(), created->value());
        VERIFY_OK(remove(store, AccountKeys::keychainCheckSecretName()));
    }
};

QTEST_GUILESS_MAIN(tst_KeychainSecretStore)
#include "tst_keychainsecretstore.moc"
