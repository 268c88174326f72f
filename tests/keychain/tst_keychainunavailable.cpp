// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Runs with no D-Bus session at all (with-keyring.sh --no-bus): the keychain must say Unavailable at once and
// AccountKeys must fall back to its encrypted vault file.
#include "client/core/accountdirectory.h"
#include "client/core/accountkeys.h"
#include "client/core/keychainsecretstore.h"
#include "shared/crypto.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace mts;

namespace {

/// Far below the 25 s that a hanging gnome-keyring activation costs.
constexpr int quicklyMs = 5000;

template <typename ResultType, typename Start>
std::optional<ResultType> finish(Start start)
{
    QObject context;
    std::optional<ResultType> result;
    start(&context, [&](ResultType r) { result.emplace(std::move(r)); });
    if (result)
        return std::nullopt; // answered inside the call: the contract says later
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
        return std::nullopt;
    return result;
}

const QUrl server(QStringLiteral("https://mttq.example.vn"));
const QString username = QStringLiteral("nguyenvana");
const QString password = QStringLiteral("Mật khẩu xã Ea Kao");

} // namespace

class tst_KeychainUnavailable : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS") && qEnvironmentVariableIsEmpty("DISPLAY"),
            "a D-Bus session is reachable: run this test through tests/keychain/with-keyring.sh --no-bus (ctest "
            "does)");
        QVERIFY(QFile::exists(qEnvironmentVariable("HOME")));
    }

    void operationsReportUnavailableQuickly()
    {
        KeychainSecretStore store(AccountDirectory::accountId(server, username));
        QElapsedTimer timer;

        timer.start();
        const auto written = finish<SecretStore::WriteResult>(
            [&](QObject *c, auto cb) { store.write(AccountKeys::refreshTokenSecretName(), "token", c, cb); });
        qInfo("write answered in %lld ms", timer.elapsed());
        QVERIFY(timer.elapsed() < quicklyMs);
        QVERIFY(written);
        QVERIFY(!written->isOk());
        QCOMPARE(written->error().code, SecretStore::Error::Unavailable);
        QVERIFY(!written->error().message.isEmpty());

        timer.start();
        const auto read = finish<SecretStore::ReadResult>(
            [&](QObject *c, auto cb) { store.read(AccountKeys::refreshTokenSecretName(), c, cb); });
        QVERIFY(timer.elapsed() < quicklyMs);
        QVERIFY(read);
        QVERIFY(!read->isOk());
        QCOMPARE(read->error().code, SecretStore::Error::Unavailable);

        timer.start();
        const auto removed = finish<SecretStore::WriteResult>(
            [&](QObject *c, auto cb) { store.remove(AccountKeys::refreshTokenSecretName(), c, cb); });
        QVERIFY(timer.elapsed() < quicklyMs);
        QVERIFY(removed);
        QVERIFY(!removed->isOk());
        QCOMPARE(removed->error().code, SecretStore::Error::Unavailable);
    }

    void missingHomeIsAnsweredAtOnce()
    {
        // Without a home folder gnome-keyring would make each call wait 25 s; the store does not even try.
        const QByteArray home = qgetenv("HOME");
        qputenv("HOME", QFile::encodeName(QDir(QString::fromLocal8Bit(home)).filePath(QStringLiteral("gone"))));
        KeychainSecretStore store(AccountDirectory::accountId(server, username));
        QElapsedTimer timer;
        timer.start();
        const auto written = finish<SecretStore::WriteResult>(
            [&](QObject *c, auto cb) { store.write(QStringLiteral("k"), "v", c, cb); });
        const qint64 elapsed = timer.elapsed();
        qputenv("HOME", home);
        QVERIFY(elapsed < 1000);
        QVERIFY(written);
        QVERIFY(!written->isOk());
        QCOMPARE(written->error().code, SecretStore::Error::Unavailable);
        QVERIFY(written->error().message.contains(QStringLiteral("home folder")));
    }

    void accountKeysFallBackToTheVault()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString folder = AccountDirectory(root.path()).folderFor(server, username).value();
        AccountKeys::Options options;
        options.cost = crypto::PasswordCost::minimum();
        AccountKeys keys(folder, server, username,
            std::make_unique<KeychainSecretStore>(AccountDirectory::accountId(server, username)), options);

        QElapsedTimer timer;
        timer.start();
        std::optional<AccountKeys::DataKeyResult> created;
        keys.create(password, this, [&](AccountKeys::DataKeyResult r) { created.emplace(std::move(r)); });
        QVERIFY(QTest::qWaitFor([&] { return created.has_value(); }, 30000));
        QVERIFY(timer.elapsed() < quicklyMs);
        QVERIFY2(created->isOk(), qPrintable(created->isOk() ? QString() : created->error().message));
        const QByteArray dataKey = created->value();
        QVERIFY(keys.usesVaultFallback());

        const QByteArray token = "refresh-token-of-nguyenvana." + crypto::randomBytes(24).toHex();
        QVERIFY(keys.secretStore());
        const auto written = finish<SecretStore::WriteResult>([&](QObject *c, auto cb) {
            keys.secretStore()->write(AccountKeys::refreshTokenSecretName(), token, c, cb);
        });
        QVERIFY(written && written->isOk());

        QFile vault(keys.vaultFilePath());
        QVERIFY(vault.open(QIODevice::ReadOnly));
        const QByteArray bytes = vault.readAll();
        QVERIFY(!bytes.isEmpty());
        for (const QByteArray &secret : { token, dataKey, password.toUtf8() }) {
            QVERIFY(!bytes.contains(secret));
            QVERIFY(!bytes.contains(secret.toBase64()));
            QVERIFY(!bytes.contains(secret.toHex()));
        }
        QFile account(keys.accountFilePath());
        QVERIFY(account.open(QIODevice::ReadOnly));
        const QByteArray accountBytes = account.readAll();
        QVERIFY(!accountBytes.contains(dataKey.toBase64()));
        QCOMPARE(QJsonDocument::fromJson(accountBytes).object().value(QLatin1String("secret_store")).toString(),
            QStringLiteral("vault"));

        // Next start, still without a keychain: the password opens both the data key and the vault.
        AccountKeys later(folder, server, username,
            std::make_unique<KeychainSecretStore>(AccountDirectory::accountId(server, username)), options);
        QVERIFY(later.usesVaultFallback());
        QCOMPARE(later.unlockOffline(password).value(), dataKey);
        const auto read = finish<SecretStore::ReadResult>(
            [&](QObject *c, auto cb) { later.secretStore()->read(AccountKeys::refreshTokenSecretName(), c, cb); });
        QVERIFY(read && read->isOk());
        QCOMPARE(read->value(), token);
    }
};

QTEST_GUILESS_MAIN(tst_KeychainUnavailable)
#include "tst_keychainunavailable.moc"
