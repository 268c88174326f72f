// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/core/accountdirectory.h"
#include "client/core/accountkeys.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace mts;
using namespace std::chrono_literals;

namespace {

/// An in-memory keychain that can be told to fail like a missing or locked one.
class FakeSecretStore : public SecretStore {
public:
    std::optional<Error> failWith;
    QHash<QString, QByteArray> entries;

    void read(const QString &key, QObject *context, ReadCallback callback) override
    {
        ReadResult result = failure();
        if (!failWith)
            result = entries.contains(key)
                ? ReadResult(entries.value(key))
                : ReadResult(mts::Error<Error> { Error::NotFound, QStringLiteral("not found") });
        deliverLater(context, [callback, result] { callback(result); });
    }
    void write(const QString &key, const QByteArray &value, QObject *context, WriteCallback callback) override
    {
        WriteResult result = failure();
        if (!failWith) {
            entries.insert(key, value);
            result = ok;
        }
        deliverLater(context, [callback, result] { callback(result); });
    }
    void remove(const QString &key, QObject *context, WriteCallback callback) override
    {
        WriteResult result = failure();
        if (!failWith) {
            entries.remove(key);
            result = ok;
        }
        deliverLater(context, [callback, result] { callback(result); });
    }

private:
    mts::Error<Error> failure() const
    {
        return { failWith.value_or(Error::Failed), QStringLiteral("fake keychain failure") };
    }
};

const QUrl server(QStringLiteral("https://mttq.example.vn"));
const QString username = QStringLiteral("NguyenVanA");
const QString password = QStringLiteral("Mật khẩu của tôi 2025");

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

} // namespace

class tst_AccountKeys : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_root = std::make_unique<QTemporaryDir>();
        QVERIFY(m_root->isValid());
        m_folder = AccountDirectory(m_root->path()).folderFor(server, username).value();
        m_now = QDateTime(QDate(2025, 7, 1), QTime(8, 30), Qt::UTC);
    }

    void createThenUnlockOffline()
    {
        FakeSecretStore *keychain = nullptr;
        auto keys = make(&keychain);
        QVERIFY(!keys->hasAccount());
        const QByteArray dataKey = create(*keys, password);
        QCOMPARE(dataKey.size(), crypto::keyBytes);
        QVERIFY(keys->hasAccount());
        QVERIFY(!keys->usesVaultFallback());
        QCOMPARE(keys->secretStore(), static_cast<SecretStore *>(keychain));
        // The keychain holds only a check value, never the data key (a shared OS account shares the keychain).
        QVERIFY(keychain->entries.contains(AccountKeys::keychainCheckSecretName()));
        for (const QByteArray &entry : std::as_const(keychain->entries))
            QVERIFY(!entry.contains(dataKey.left(8)));
        QVERIFY(!QFile::exists(keys->vaultFilePath()));
        QCOMPARE(keys->lastOnlineSignIn().value_or(QDateTime()), m_now);

        // The next start of the application, offline.
        auto later = make();
        QVERIFY(later->hasAccount());
        const auto unlocked = later->unlockOffline(password);
        QVERIFY2(unlocked, qPrintable(unlocked ? QString() : unlocked.error().message));
        QCOMPARE(unlocked.value(), dataKey);
        // Two accounts never get the same key.
        QVERIFY(create(*makeFor(QStringLiteral("tranthib")), password) != dataKey);
    }

    void accountFileHoldsNoSecret()
    {
        auto keys = make();
        const QByteArray dataKey = create(*keys, password);
        const QByteArray bytes = fileBytes(keys->accountFilePath());
        QVERIFY(!bytes.isEmpty());
        for (const QByteArray &secret : { dataKey, password.toUtf8() }) {
            QVERIFY(!bytes.contains(secret));
            QVERIFY(!bytes.contains(secret.toBase64()));
            QVERIFY(!bytes.contains(secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
            QVERIFY(!bytes.contains(secret.toHex()));
            QVERIFY(!bytes.contains(secret.toHex().toUpper()));
        }
        QVERIFY(!bytes.contains(password.left(8).toUtf8()));

        const QJsonObject root = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(root.value(QLatin1String("format")).toInt(), 1);
        QCOMPARE(root.value(QLatin1String("username")).toString(), username);
        QCOMPARE(root.value(QLatin1String("server")).toString(), server.toString());
        QCOMPARE(
            QByteArray::fromBase64(root.value(QLatin1String("salt")).toString().toLatin1()).size(), crypto::saltBytes);
        QCOMPARE(root.value(QLatin1String("kdf")).toObject().value(QLatin1String("algorithm")).toString(),
            QStringLiteral("argon2id13"));
        QCOMPARE(QByteArray::fromBase64(root.value(QLatin1String("wrapped_key")).toString().toLatin1()).size(),
            crypto::keyBytes + crypto::sealOverhead);
        QCOMPARE(
            root.value(QLatin1String("last_online_sign_in")).toString(), QStringLiteral("2025-07-01T08:30:00.000Z"));
        QCOMPARE(root.value(QLatin1String("secret_store")).toString(), QStringLiteral("keychain"));
#ifdef Q_OS_UNIX
        struct stat info { };
        QCOMPARE(::stat(QFile::encodeName(keys->accountFilePath()).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
#endif
    }

    void wrongPassword_data()
    {
        QTest::addColumn<QString>("attempt");
        QTest::newRow("other") << QStringLiteral("mat khau cua toi 2025");
        QTest::newRow("case") << QStringLiteral("mật khẩu của tôi 2025");
        QTest::newRow("trailing space") << (password + QLatin1Char(' '));
        QTest::newRow("empty") << QString();
    }

    void wrongPassword()
    {
        QFETCH(QString, attempt);
        auto keys = make();
        create(*keys, password);
        const auto unlocked = keys->unlockOffline(attempt);
        QVERIFY(!unlocked);
        QCOMPARE(unlocked.error().code, AccountKeys::Error::WrongPassword);
        QVERIFY(!unlocked.error().message.isEmpty());
    }

    void alteredWrappedKeyLooksLikeAWrongPassword()
    {
        auto keys = make();
        create(*keys, password);
        QJsonObject root = QJsonDocument::fromJson(fileBytes(keys->accountFilePath())).object();
        QByteArray wrapped = QByteArray::fromBase64(root.value(QLatin1String("wrapped_key")).toString().toLatin1());
        wrapped[40] = char(wrapped[40] ^ 0x04);
        root.insert(QLatin1String("wrapped_key"), QString::fromLatin1(wrapped.toBase64()));
        writeBytes(keys->accountFilePath(), QJsonDocument(root).toJson());
        QCOMPARE(keys->unlockOffline(password).error().code, AccountKeys::Error::WrongPassword);
    }

    void passwordTypedDecomposed()
    {
        auto keys = make();
        const QByteArray dataKey = create(*keys, password);
        const QString nfd = password.normalized(QString::NormalizationForm_D);
        QVERIFY(nfd != password);
        QCOMPARE(keys->unlockOffline(nfd).value(), dataKey);
    }

    void offlinePeriod()
    {
        auto keys = make();
        const QByteArray dataKey = create(*keys, password);

        advance(std::chrono::days(29));
        QCOMPARE(keys->unlockOffline(password).value(), dataKey);
        advance(std::chrono::days(1));
        QCOMPARE(keys->unlockOffline(password).value(), dataKey); // exactly 30 days: still allowed
        advance(1s);
        auto expired = keys->unlockOffline(password);
        QVERIFY(!expired);
        QCOMPARE(expired.error().code, AccountKeys::Error::OfflinePeriodExpired);
        QVERIFY(expired.error().message.contains(QStringLiteral("sign in online")));
        QVERIFY(expired.error().message.contains(QStringLiteral("30 day")));
        // A wrong password still gets only "wrong password", whatever the period.
        QCOMPARE(keys->unlockOffline(QStringLiteral("x")).error().code, AccountKeys::Error::WrongPassword);

        // Signing in online opens a new period.
        QVERIFY(keys->recordOnlineSignIn().isOk());
        QCOMPARE(keys->lastOnlineSignIn().value_or(QDateTime()), m_now);
        QCOMPARE(keys->unlockOffline(password).value(), dataKey);
        advance(std::chrono::days(31));
        QCOMPARE(keys->unlockOffline(password).error().code, AccountKeys::Error::OfflinePeriodExpired);
    }

    void offlinePeriodIsConfigurable()
    {
        AccountKeys::Options options = fastOptions();
        options.offlinePeriod = std::chrono::days(7);
        AccountKeys keys(m_folder, server, username, std::make_unique<FakeSecretStore>(), options);
        create(keys, password);
        advance(std::chrono::days(6));
        QVERIFY(keys.unlockOffline(password));
        advance(std::chrono::days(2));
        const auto expired = keys.unlockOffline(password);
        QCOMPARE(expired.error().code, AccountKeys::Error::OfflinePeriodExpired);
        QVERIFY(expired.error().message.contains(QStringLiteral("7 day")));
    }

    void changePassword()
    {
        auto keys = make();
        const QByteArray dataKey = create(*keys, password);
        const QByteArray before = fileBytes(keys->accountFilePath());
        const QString newPassword = QStringLiteral("Mật khẩu mới — 2026");

        const auto refused = keys->changePassword(QStringLiteral("not it"), newPassword);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, AccountKeys::Error::WrongPassword);
        QCOMPARE(fileBytes(keys->accountFilePath()), before);
        QCOMPARE(keys->changePassword(password, QString()).error().code, AccountKeys::Error::Failed);

        QVERIFY(keys->changePassword(password, newPassword).isOk());
        QCOMPARE(keys->unlockOffline(newPassword).value(), dataKey); // same key: no data to re-encrypt
        QCOMPARE(keys->unlockOffline(password).error().code, AccountKeys::Error::WrongPassword);
        const QJsonObject oldRoot = QJsonDocument::fromJson(before).object();
        const QJsonObject newRoot = QJsonDocument::fromJson(fileBytes(keys->accountFilePath())).object();
        QVERIFY(oldRoot.value(QLatin1String("salt")) != newRoot.value(QLatin1String("salt")));
        QVERIFY(!fileBytes(keys->accountFilePath()).contains(newPassword.toUtf8()));
    }

    void createTwiceIsRefused()
    {
        auto keys = make();
        const QByteArray dataKey = create(*keys, password);
        const auto again = createResult(*keys, QStringLiteral("other"));
        QVERIFY(!again);
        QCOMPARE(again.error().code, AccountKeys::Error::AccountExists);
        QCOMPARE(keys->unlockOffline(password).value(), dataKey);
        QCOMPARE(createResult(*makeFor(QStringLiteral("x")), QString()).error().code, AccountKeys::Error::Failed);
    }

    void fallsBackToVaultWithoutKeychain_data()
    {
        QTest::addColumn<bool>("noStoreAtAll");
        QTest::newRow("keychain unavailable") << false;
        QTest::newRow("no keychain store") << true;
    }

    void fallsBackToVaultWithoutKeychain()
    {
        QFETCH(bool, noStoreAtAll);
        std::unique_ptr<FakeSecretStore> unavailable;
        if (!noStoreAtAll) {
            unavailable = std::make_unique<FakeSecretStore>();
            unavailable->failWith = SecretStore::Error::Unavailable;
        }
        AccountKeys keys(m_folder, server, username, std::move(unavailable), fastOptions());
        const QByteArray dataKey = create(keys, password);
        QCOMPARE(dataKey.size(), crypto::keyBytes);
        QVERIFY(keys.usesVaultFallback());
        QVERIFY(keys.secretStore());
        const QByteArray token = "refresh.token.of.nguyenvana.0123456789";
        QVERIFY(write(*keys.secretStore(), AccountKeys::refreshTokenSecretName(), token));
        QVERIFY(QFile::exists(keys.vaultFilePath()));
        const QByteArray vault = fileBytes(keys.vaultFilePath());
        QVERIFY(!vault.contains(token));
        QVERIFY(!vault.contains(token.toBase64()));
        QVERIFY(!vault.contains(dataKey.toBase64()));
        QVERIFY(!vault.contains(password.toUtf8()));
        QCOMPARE(QJsonDocument::fromJson(fileBytes(keys.accountFilePath()))
                     .object()
                     .value(QLatin1String("secret_store"))
                     .toString(),
            QStringLiteral("vault"));

        // Next start: the account is known to use the vault, which opens with the password.
        auto unavailableAgain = std::make_unique<FakeSecretStore>();
        unavailableAgain->failWith = SecretStore::Error::Unavailable;
        AccountKeys later(m_folder, server, username, std::move(unavailableAgain), fastOptions());
        QVERIFY(later.usesVaultFallback());
        QVERIFY(!later.secretStore()); // locked
        QCOMPARE(later.unlockOffline(password).value(), dataKey);
        QVERIFY(later.secretStore());
        QCOMPARE(read(*later.secretStore(), AccountKeys::refreshTokenSecretName()).value_or(QByteArray()), token);

        // A password change re-seals the vault too.
        const QString newPassword = QStringLiteral("mới");
        QVERIFY(later.changePassword(password, newPassword).isOk());
        later.lock();
        QVERIFY(!later.secretStore());
        AccountKeys third(m_folder, server, username, nullptr, fastOptions());
        QCOMPARE(third.unlockOffline(newPassword).value(), dataKey);
        QCOMPARE(read(*third.secretStore(), AccountKeys::refreshTokenSecretName()).value_or(QByteArray()), token);
    }

    void damagedVaultIsReplacedOnUnlock()
    {
        AccountKeys keys(m_folder, server, username, nullptr, fastOptions());
        const QByteArray dataKey = create(keys, password);
        QVERIFY(write(*keys.secretStore(), AccountKeys::refreshTokenSecretName(), "token"));
        writeBytes(keys.vaultFilePath(), "garbage");
        AccountKeys later(m_folder, server, username, nullptr, fastOptions());
        QCOMPARE(later.unlockOffline(password).value(), dataKey);
        // The refresh token is gone (an online sign-in gives a new one), but the vault works again.
        QVERIFY(!read(*later.secretStore(), AccountKeys::refreshTokenSecretName()));
        QVERIFY(write(*later.secretStore(), AccountKeys::refreshTokenSecretName(), "new token"));
    }

    void keychainRefusalFailsCreate()
    {
        FakeSecretStore *keychain = nullptr;
        auto keys = make(&keychain);
        keychain->failWith = SecretStore::Error::AccessDenied;
        const auto created = createResult(*keys, password);
        QVERIFY(!created);
        QCOMPARE(created.error().code, AccountKeys::Error::KeychainFailed);
        QVERIFY(!keys->hasAccount());
        QVERIFY(!QFile::exists(keys->vaultFilePath()));
    }

    void missingOrDamagedAccountFile_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<AccountKeys::Error>("expected");
        QTest::newRow("garbage") << QByteArray("not json") << AccountKeys::Error::AccountFileDamaged;
        QTest::newRow("empty object") << QByteArray("{}") << AccountKeys::Error::AccountFileDamaged;
        QTest::newRow("newer format") << QByteArray("{\"format\":7}") << AccountKeys::Error::AccountFileDamaged;
    }

    void missingOrDamagedAccountFile()
    {
        QFETCH(QByteArray, contents);
        QFETCH(AccountKeys::Error, expected);
        auto keys = make();
        QCOMPARE(keys->unlockOffline(password).error().code, AccountKeys::Error::NoAccount);
        QCOMPARE(keys->recordOnlineSignIn().error().code, AccountKeys::Error::NoAccount);
        writeBytes(keys->accountFilePath(), contents);
        const auto unlocked = keys->unlockOffline(password);
        QCOMPARE(unlocked.error().code, expected);
        QVERIFY(!unlocked.error().message.isEmpty());
        QCOMPARE(keys->changePassword(password, QStringLiteral("x")).error().code, expected);
    }

    void fieldsOfTheFileAreChecked_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("huge memory cost")
            << QStringLiteral("kdf")
            << QJsonValue(QJsonObject { { QLatin1String("algorithm"), QLatin1String("argon2id13") },
                   { QLatin1String("ops_limit"), 2 }, { QLatin1String("mem_limit"), 1e12 } });
        QTest::newRow("short salt") << QStringLiteral("salt") << QJsonValue(QStringLiteral("AAAA"));
        QTest::newRow("bad date") << QStringLiteral("last_online_sign_in") << QJsonValue(QStringLiteral("yesterday"));
        QTest::newRow("unknown store") << QStringLiteral("secret_store") << QJsonValue(QStringLiteral("plaintext"));
        // Another account's file copied into this folder.
        QTest::newRow("other username") << QStringLiteral("username") << QJsonValue(QStringLiteral("tranthib"));
        QTest::newRow("other server") << QStringLiteral("server") << QJsonValue(QStringLiteral("https://evil.example"));
    }

    void fieldsOfTheFileAreChecked()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        auto keys = make();
        create(*keys, password);
        QJsonObject root = QJsonDocument::fromJson(fileBytes(keys->accountFilePath())).object();
        root.insert(field, value);
        writeBytes(keys->accountFilePath(), QJsonDocument(root).toJson());
        QCOMPARE(keys->unlockOffline(password).error().code, AccountKeys::Error::AccountFileDamaged);
    }

    void usernameCaseMatchesTheFolder()
    {
        auto keys = make();
        const QByteArray dataKey = create(*keys, password);
        // Signing in later as "nguyenvana" finds the same folder and the same keys.
        AccountKeys lower(m_folder, server, username.toLower(), std::make_unique<FakeSecretStore>(), fastOptions());
        QCOMPARE(lower.unlockOffline(password).value(), dataKey);
    }

private:
    AccountKeys::Options fastOptions()
    {
        AccountKeys::Options options;
        options.cost = crypto::PasswordCost::minimum();
        options.clock = [this] { return m_now; };
        return options;
    }

    std::unique_ptr<AccountKeys> make(FakeSecretStore **keychain = nullptr)
    {
        auto store = std::make_unique<FakeSecretStore>();
        if (keychain)
            *keychain = store.get();
        return std::make_unique<AccountKeys>(m_folder, server, username, std::move(store), fastOptions());
    }

    std::unique_ptr<AccountKeys> makeFor(const QString &user)
    {
        const QString folder = AccountDirectory(m_root->path()).folderFor(server, user).value();
        return std::make_unique<AccountKeys>(folder, server, user, std::make_unique<FakeSecretStore>(), fastOptions());
    }

    AccountKeys::DataKeyResult createResult(AccountKeys &keys, const QString &pw)
    {
        std::optional<AccountKeys::DataKeyResult> result;
        bool inside = true;
        bool calledInside = false;
        keys.create(pw, this, [&](AccountKeys::DataKeyResult r) {
            calledInside = inside;
            result.emplace(std::move(r));
        });
        inside = false;
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 5000) || calledInside)
            return mts::Error<AccountKeys::Error> { AccountKeys::Error::Failed, QStringLiteral("no answer") };
        return *result;
    }

    QByteArray create(AccountKeys &keys, const QString &pw)
    {
        const auto result = createResult(keys, pw);
        if (!result) {
            qWarning() << "create failed:" << result.error().message;
            return {};
        }
        return result.value();
    }

    bool write(SecretStore &store, const QString &key, const QByteArray &value)
    {
        std::optional<SecretStore::WriteResult> result;
        store.write(key, value, this, [&](SecretStore::WriteResult r) { result.emplace(std::move(r)); });
        return QTest::qWaitFor([&] { return result.has_value(); }, 5000) && result->isOk();
    }

    std::optional<QByteArray> read(SecretStore &store, const QString &key)
    {
        std::optional<SecretStore::ReadResult> result;
        store.read(key, this, [&](SecretStore::ReadResult r) { result.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 5000) || !result->isOk())
            return std::nullopt;
        return result->value();
    }

    void advance(std::chrono::seconds by)
    {
        m_now = m_now.addSecs(by.count());
    }

    std::unique_ptr<QTemporaryDir> m_root;
    QString m_folder;
    QDateTime m_now;
};

QTEST_GUILESS_MAIN(tst_AccountKeys)
#include "tst_accountkeys.moc"
