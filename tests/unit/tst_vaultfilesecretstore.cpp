// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/core/vaultfilesecretstore.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace mts;

namespace {

const auto fastCost = crypto::PasswordCost::minimum();

/// Runs one operation of a SecretStore to its callback; checks the callback comes later, not inside the call.
template <typename ResultType, typename Start>
std::optional<ResultType> finish(Start start)
{
    QObject context;
    std::optional<ResultType> result;
    bool called = false;
    start(&context, [&](ResultType r) {
        called = true;
        result.emplace(std::move(r));
    });
    if (called)
        return std::nullopt; // answered inside the call: the contract says later
    if (!QTest::qWaitFor([&] { return called; }, 5000))
        return std::nullopt;
    return result;
}

SecretStore::ReadResult readNow(SecretStore &store, const QString &key)
{
    auto r = finish<SecretStore::ReadResult>([&](QObject *c, auto cb) { store.read(key, c, cb); });
    return r ? *r
             : SecretStore::ReadResult(
                 mts::Error<SecretStore::Error> { SecretStore::Error::Failed, QStringLiteral("no answer") });
}

SecretStore::WriteResult writeNow(SecretStore &store, const QString &key, const QByteArray &value)
{
    auto r = finish<SecretStore::WriteResult>([&](QObject *c, auto cb) { store.write(key, value, c, cb); });
    return r ? *r
             : SecretStore::WriteResult(
                 mts::Error<SecretStore::Error> { SecretStore::Error::Failed, QStringLiteral("no answer") });
}

SecretStore::WriteResult removeNow(SecretStore &store, const QString &key)
{
    auto r = finish<SecretStore::WriteResult>([&](QObject *c, auto cb) { store.remove(key, c, cb); });
    return r ? *r
             : SecretStore::WriteResult(
                 mts::Error<SecretStore::Error> { SecretStore::Error::Failed, QStringLiteral("no answer") });
}

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

const QString password = QStringLiteral("Mặt trận số 2025!");
const QByteArray token = "rt.eyJzdWIiOiJjYW5ib194YV8xMjMifQ.Nguyen-Van-A-refresh-token";

} // namespace

class tst_VaultFileSecretStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("secrets-%1.vault").arg(m_counter++));
    }

    void roundTrip()
    {
        VaultFileSecretStore store(m_path, password, fastCost);
        QVERIFY(store.status().isOk());
        QVERIFY(!QFile::exists(m_path)); // created on the first write

        const auto missing = readNow(store, QStringLiteral("refresh-token"));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, SecretStore::Error::NotFound);

        QVERIFY(writeNow(store, QStringLiteral("refresh-token"), token).isOk());
        QVERIFY(writeNow(store, QStringLiteral("other"), QByteArray("\0\1\2binary", 9)).isOk());
        QCOMPARE(readNow(store, QStringLiteral("refresh-token")).value(), token);
        QCOMPARE(readNow(store, QStringLiteral("other")).value(), QByteArray("\0\1\2binary", 9));

        // A second instance (next run of the application) reads what the first wrote.
        VaultFileSecretStore reopened(m_path, password, fastCost);
        QCOMPARE(readNow(reopened, QStringLiteral("refresh-token")).value(), token);

        QVERIFY(writeNow(store, QStringLiteral("refresh-token"), "rotated").isOk());
        QCOMPARE(readNow(reopened, QStringLiteral("refresh-token")).value(), QByteArray("rotated"));

        QVERIFY(removeNow(store, QStringLiteral("refresh-token")).isOk());
        QCOMPARE(readNow(store, QStringLiteral("refresh-token")).error().code, SecretStore::Error::NotFound);
        QVERIFY(removeNow(store, QStringLiteral("refresh-token")).isOk()); // removing nothing succeeds
        QCOMPARE(readNow(store, QStringLiteral("other")).value(), QByteArray("\0\1\2binary", 9));
    }

    void fileHoldsNoPlaintext()
    {
        {
            VaultFileSecretStore store(m_path, password, fastCost);
            QVERIFY(writeNow(store, QStringLiteral("refresh-token"), token).isOk());
        }
        const QByteArray bytes = fileBytes(m_path);
        QVERIFY(!bytes.isEmpty());
        QVERIFY(!bytes.contains(token));
        QVERIFY(!bytes.contains(token.left(16)));
        QVERIFY(!bytes.contains(token.toBase64().left(16)));
        QVERIFY(!bytes.contains(token.toHex().left(16)));
        QVERIFY(!bytes.contains(password.toUtf8()));
        QVERIFY(!bytes.contains(password.toUtf8().toBase64()));
        // It is the documented JSON, with the entry name readable and its value sealed.
        const QJsonObject root = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(root.value(QLatin1String("format")).toInt(), 1);
        QCOMPARE(root.value(QLatin1String("kind")).toString(), QStringLiteral("mattranso-vault"));
        QVERIFY(root.value(QLatin1String("entries")).toObject().contains(QLatin1String("refresh-token")));
    }

    void wrongPasswordCannotOpen()
    {
        {
            VaultFileSecretStore store(m_path, password, fastCost);
            QVERIFY(writeNow(store, QStringLiteral("refresh-token"), token).isOk());
        }
        const QByteArray before = fileBytes(m_path);

        VaultFileSecretStore wrong(m_path, QStringLiteral("Mặt trận số 2026!"), fastCost);
        QVERIFY(!wrong.status());
        QCOMPARE(wrong.status().error().code, SecretStore::Error::AccessDenied);
        QVERIFY(!wrong.status().error().message.isEmpty());
        const auto read = readNow(wrong, QStringLiteral("refresh-token"));
        QVERIFY(!read);
        QCOMPARE(read.error().code, SecretStore::Error::AccessDenied);
        // Nor can it overwrite, remove, or re-key the vault.
        QCOMPARE(
            writeNow(wrong, QStringLiteral("refresh-token"), "evil").error().code, SecretStore::Error::AccessDenied);
        QCOMPARE(removeNow(wrong, QStringLiteral("refresh-token")).error().code, SecretStore::Error::AccessDenied);
        QVERIFY(!wrong.changePassword(QStringLiteral("x"), fastCost));
        QCOMPARE(fileBytes(m_path), before);

        VaultFileSecretStore right(m_path, password, fastCost);
        QCOMPARE(readNow(right, QStringLiteral("refresh-token")).value(), token);
    }

    void passwordIsNormalised()
    {
        // Typed with a decomposed-output input method (NFD) the password still opens what NFC sealed.
        const QString nfc = QStringLiteral("Người dân Đồng Tháp");
        const QString nfd = nfc.normalized(QString::NormalizationForm_D);
        QVERIFY(nfc != nfd);
        {
            VaultFileSecretStore store(m_path, nfc, fastCost);
            QVERIFY(writeNow(store, QStringLiteral("k"), "v").isOk());
        }
        VaultFileSecretStore store(m_path, nfd, fastCost);
        QVERIFY(store.status().isOk());
        QCOMPARE(readNow(store, QStringLiteral("k")).value(), QByteArray("v"));
    }

    void changePassword()
    {
        VaultFileSecretStore store(m_path, password, fastCost);
        QVERIFY(writeNow(store, QStringLiteral("refresh-token"), token).isOk());
        QVERIFY(writeNow(store, QStringLiteral("b"), "second").isOk());
        const QString newPassword = QStringLiteral("mật khẩu mới");
        QVERIFY(store.changePassword(newPassword, fastCost).isOk());
        QCOMPARE(readNow(store, QStringLiteral("refresh-token")).value(), token);

        VaultFileSecretStore withNew(m_path, newPassword, fastCost);
        QCOMPARE(readNow(withNew, QStringLiteral("refresh-token")).value(), token);
        QCOMPARE(readNow(withNew, QStringLiteral("b")).value(), QByteArray("second"));
        VaultFileSecretStore withOld(m_path, password, fastCost);
        QCOMPARE(withOld.status().error().code, SecretStore::Error::AccessDenied);
        // The instance opened before the change now refuses instead of writing under a stale key.
        QCOMPARE(readNow(withOld, QStringLiteral("b")).error().code, SecretStore::Error::AccessDenied);
    }

    void corruptFile_data()
    {
        QTest::addColumn<QString>("mutation");
        QTest::addColumn<SecretStore::Error>("expected");
        QTest::newRow("garbage") << "garbage" << SecretStore::Error::Failed;
        QTest::newRow("empty") << "empty" << SecretStore::Error::Failed;
        QTest::newRow("truncated") << "truncated" << SecretStore::Error::Failed;
        QTest::newRow("json array") << "array" << SecretStore::Error::Failed;
        QTest::newRow("wrong kind") << "kind" << SecretStore::Error::Failed;
        QTest::newRow("short salt") << "salt" << SecretStore::Error::Failed;
        QTest::newRow("huge memory cost") << "cost" << SecretStore::Error::Failed;
        QTest::newRow("newer format") << "format" << SecretStore::Error::Failed;
        QTest::newRow("huge file") << "huge" << SecretStore::Error::Failed;
        // A changed check value looks exactly like a wrong password.
        QTest::newRow("check altered") << "check" << SecretStore::Error::AccessDenied;
    }

    void corruptFile()
    {
        QFETCH(QString, mutation);
        QFETCH(SecretStore::Error, expected);
        {
            VaultFileSecretStore store(m_path, password, fastCost);
            QVERIFY(writeNow(store, QStringLiteral("refresh-token"), token).isOk());
        }
        const QByteArray good = fileBytes(m_path);
        QJsonObject root = QJsonDocument::fromJson(good).object();
        QJsonObject kdf = root.value(QLatin1String("kdf")).toObject();
        QByteArray bad;
        if (mutation == QLatin1String("garbage"))
            bad = "\x89PNG not a vault at all";
        else if (mutation == QLatin1String("truncated"))
            bad = good.left(good.size() / 2);
        else if (mutation == QLatin1String("array"))
            bad = "[1,2,3]";
        else if (mutation == QLatin1String("huge"))
            bad = QByteArray(2 * 1024 * 1024, ' ') + good;
        else {
            if (mutation == QLatin1String("kind"))
                root.insert(QLatin1String("kind"), QStringLiteral("something-else"));
            if (mutation == QLatin1String("salt"))
                kdf.insert(QLatin1String("salt"), QStringLiteral("c2hvcnQ="));
            if (mutation == QLatin1String("cost"))
                kdf.insert(QLatin1String("mem_limit"), 64.0 * 1024 * 1024 * 1024);
            if (mutation == QLatin1String("format"))
                root.insert(QLatin1String("format"), 2);
            if (mutation == QLatin1String("check")) {
                QByteArray check = QByteArray::fromBase64(root.value(QLatin1String("check")).toString().toLatin1());
                check[30] = char(check[30] ^ 0x01);
                root.insert(QLatin1String("check"), QString::fromLatin1(check.toBase64()));
            }
            root.insert(QLatin1String("kdf"), kdf);
            if (mutation != QLatin1String("empty"))
                bad = QJsonDocument(root).toJson();
        }
        writeBytes(m_path, bad);

        VaultFileSecretStore store(m_path, password, fastCost);
        QVERIFY(!store.status());
        QCOMPARE(store.status().error().code, expected);
        QVERIFY(!store.status().error().message.isEmpty());
        const auto read = readNow(store, QStringLiteral("refresh-token"));
        QVERIFY(!read);
        QCOMPARE(read.error().code, expected);
        // A damaged vault is reported, never silently replaced.
        QCOMPARE(writeNow(store, QStringLiteral("refresh-token"), "new").error().code, expected);
        QCOMPARE(fileBytes(m_path), bad);
    }

    void alteredEntryIsReported()
    {
        {
            VaultFileSecretStore store(m_path, password, fastCost);
            QVERIFY(writeNow(store, QStringLiteral("refresh-token"), token).isOk());
            QVERIFY(writeNow(store, QStringLiteral("other"), "other value").isOk());
        }
        QJsonObject root = QJsonDocument::fromJson(fileBytes(m_path)).object();
        QJsonObject entries = root.value(QLatin1String("entries")).toObject();
        // Swapping two entries' sealed values is detected: each is bound to its name.
        const QJsonValue swapped = entries.value(QLatin1String("other"));
        entries.insert(QLatin1String("other"), entries.value(QLatin1String("refresh-token")));
        entries.insert(QLatin1String("refresh-token"), swapped);
        root.insert(QLatin1String("entries"), entries);
        writeBytes(m_path, QJsonDocument(root).toJson());

        VaultFileSecretStore store(m_path, password, fastCost);
        QVERIFY(store.status().isOk());
        const auto read = readNow(store, QStringLiteral("refresh-token"));
        QVERIFY(!read);
        QCOMPARE(read.error().code, SecretStore::Error::Failed);
        QVERIFY(read.error().message.contains(QStringLiteral("damaged")));
    }

    void permissionsAreOwnerOnly()
    {
#ifdef Q_OS_UNIX
        // Even with a permissive umask the file is never readable by others, not even for a moment.
        const mode_t previous = ::umask(0);
        VaultFileSecretStore store(m_path, password, fastCost);
        const bool written = writeNow(store, QStringLiteral("refresh-token"), token).isOk();
        const bool rewritten = writeNow(store, QStringLiteral("refresh-token"), "again").isOk();
        ::umask(previous);
        QVERIFY(written);
        QVERIFY(rewritten);
        struct stat info { };
        QCOMPARE(::stat(QFile::encodeName(m_path).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
#else
        QSKIP("POSIX permissions only");
#endif
    }

    void unwritableFolderIsReported()
    {
        VaultFileSecretStore store(m_dir.filePath(QStringLiteral("no/such/folder/secrets.vault")), password, fastCost);
        QVERIFY(store.status().isOk());
        const auto written = writeNow(store, QStringLiteral("refresh-token"), token);
        QVERIFY(!written);
        QCOMPARE(written.error().code, SecretStore::Error::Failed);
    }

    void callbackDroppedWithContext()
    {
        VaultFileSecretStore store(m_path, password, fastCost);
        bool called = false;
        auto *context = new QObject;
        store.write(QStringLiteral("k"), "v", context, [&](SecretStore::WriteResult) { called = true; });
        delete context;
        QCoreApplication::processEvents(); // a queued answer would run now
        QVERIFY(!called);
        QCOMPARE(readNow(store, QStringLiteral("k")).value(), QByteArray("v")); // the write itself was done
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(tst_VaultFileSecretStore)
#include "tst_vaultfilesecretstore.moc"
