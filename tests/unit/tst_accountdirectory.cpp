// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/core/accountdirectory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace mts;

namespace {

QUrl url(const char *text)
{
    return QUrl(QString::fromUtf8(text));
}

const QUrl commune = url("https://mttq.example.vn");
const QUrl province = url("https://tinh.example.vn");

#ifdef Q_OS_UNIX
mode_t modeOf(const QString &path)
{
    struct stat info { };
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return 0;
    return info.st_mode & 0777;
}
#endif

} // namespace

class tst_AccountDirectory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void twoAccountsGetTwoFolders()
    {
        const AccountDirectory directory(m_dir->path());
        const auto a = directory.folderFor(commune, QStringLiteral("nguyenvana"));
        const auto b = directory.folderFor(commune, QStringLiteral("tranthib"));
        QVERIFY(a);
        QVERIFY(b);
        QVERIFY(a.value() != b.value());
        QVERIFY(QFileInfo(a.value()).isDir());
        QVERIFY(QFileInfo(b.value()).isDir());
        QVERIFY(a.value().startsWith(QDir(m_dir->path()).filePath(QStringLiteral("accounts/"))));
        QCOMPARE(directory.folderPathFor(commune, QStringLiteral("nguyenvana")), a.value());
    }

    void sameUsernameOnTwoServers()
    {
        const AccountDirectory directory(m_dir->path());
        const auto a = directory.folderFor(commune, QStringLiteral("nguyenvana"));
        const auto b = directory.folderFor(province, QStringLiteral("nguyenvana"));
        QVERIFY(a && b);
        QVERIFY(a.value() != b.value());
    }

    void usernameIsCaseInsensitive_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::newRow("ascii") << QStringLiteral("nguyenvana") << QStringLiteral("NguyenVanA");
        QTest::newRow("upper") << QStringLiteral("cadre01") << QStringLiteral("CADRE01");
        QTest::newRow("vietnamese") << QStringLiteral("đông.nv") << QStringLiteral("ĐÔNG.NV");
        QTest::newRow("nfd") << QStringLiteral("Đông")
                             << QStringLiteral("đông").normalized(QString::NormalizationForm_D);
    }

    void usernameIsCaseInsensitive()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        const AccountDirectory directory(m_dir->path());
        QCOMPARE(directory.folderFor(commune, first).value(), directory.folderFor(commune, second).value());
        QCOMPARE(AccountDirectory::accountId(commune, first), AccountDirectory::accountId(commune, second));
        QCOMPARE(directory.accounts().size(), 1);
    }

    void serverSpellings_data()
    {
        QTest::addColumn<QUrl>("server");
        QTest::addColumn<bool>("same");
        QTest::newRow("identical") << commune << true;
        QTest::newRow("trailing slash") << url("https://mttq.example.vn/") << true;
        QTest::newRow("upper-case host") << url("https://MTTQ.Example.VN") << true;
        QTest::newRow("upper-case scheme") << url("HTTPS://mttq.example.vn") << true;
        QTest::newRow("default port") << url("https://mttq.example.vn:443/") << true;
        QTest::newRow("user info") << url("https://someone@mttq.example.vn") << true;
        QTest::newRow("other port") << url("https://mttq.example.vn:8443") << false;
        QTest::newRow("plain http") << url("http://mttq.example.vn") << false;
        QTest::newRow("other host") << url("https://mttq2.example.vn") << false;
        QTest::newRow("path") << url("https://mttq.example.vn/xa-ea-kao") << false;
    }

    void serverSpellings()
    {
        QFETCH(QUrl, server);
        QFETCH(bool, same);
        const QString user = QStringLiteral("nguyenvana");
        QCOMPARE(AccountDirectory::accountId(server, user) == AccountDirectory::accountId(commune, user), same);
    }

    void idIsStable()
    {
        const QString id = AccountDirectory::accountId(commune, QStringLiteral("nguyenvana"));
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(id).hasMatch());
        // A separator in the hashed text keeps (server, user) pairs apart.
        QVERIFY(AccountDirectory::accountId(url("https://a.vn"), QStringLiteral("b|c"))
            != AccountDirectory::accountId(url("https://a.vn|b"), QStringLiteral("c")));
    }

    void listsAccounts()
    {
        const AccountDirectory directory(m_dir->path());
        QVERIFY(directory.accounts().isEmpty());
        QVERIFY(directory.folderFor(province, QStringLiteral("NguyenVanA")));
        QVERIFY(directory.folderFor(commune, QStringLiteral("tranthib")));
        QVERIFY(directory.folderFor(commune, QStringLiteral("nguyenvana")));
        QVERIFY(directory.folderFor(commune, QStringLiteral("NGUYENVANA"))); // the same account again

        // Junk that is not an account folder is ignored.
        QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("accounts/not-an-id")));
        QVERIFY(QDir(m_dir->path()).mkpath(QStringLiteral("accounts/0123456789abcdef0123456789abcdef")));

        const auto accounts = directory.accounts();
        QCOMPARE(accounts.size(), 3);
        QCOMPARE(accounts.at(0).server, commune);
        QCOMPARE(accounts.at(0).username, QStringLiteral("nguyenvana")); // as first spelled
        QCOMPARE(accounts.at(1).server, commune);
        QCOMPARE(accounts.at(1).username, QStringLiteral("tranthib"));
        QCOMPARE(accounts.at(2).server, province);
        QCOMPARE(accounts.at(2).username, QStringLiteral("NguyenVanA"));
        for (const auto &account : accounts) {
            QCOMPARE(account.id, AccountDirectory::accountId(account.server, account.username));
            QCOMPARE(account.folder, directory.folderPathFor(account.server, account.username));
        }
    }

    void copiedIdentityIsNotListed()
    {
        const AccountDirectory directory(m_dir->path());
        const QString a = directory.folderFor(commune, QStringLiteral("nguyenvana")).value();
        const QString b = directory.folderFor(commune, QStringLiteral("tranthib")).value();
        // Someone copies b's identity over a's: the folder name no longer matches, so it is not listed as b.
        QVERIFY(QFile::remove(QDir(a).filePath(QStringLiteral("identity.json"))));
        QVERIFY(QFile::copy(
            QDir(b).filePath(QStringLiteral("identity.json")), QDir(a).filePath(QStringLiteral("identity.json"))));
        const auto accounts = directory.accounts();
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts.at(0).folder, b);
    }

    void foldersAreOwnerOnly()
    {
#ifdef Q_OS_UNIX
        const AccountDirectory directory(m_dir->path());
        const mode_t previous = ::umask(0);
        const auto folder = directory.folderFor(commune, QStringLiteral("nguyenvana"));
        ::umask(previous);
        QVERIFY(folder);
        QCOMPARE(modeOf(folder.value()), mode_t(0700));
        QCOMPARE(modeOf(QDir(m_dir->path()).filePath(QStringLiteral("accounts"))), mode_t(0700));
        QCOMPARE(modeOf(QDir(folder.value()).filePath(QStringLiteral("identity.json"))), mode_t(0600));

        // A folder made too open by someone else is tightened on the next use.
        QVERIFY(QFile::setPermissions(folder.value(), QFile::Permissions(0x7755)));
        QCOMPARE(modeOf(folder.value()), mode_t(0755));
        QVERIFY(directory.folderFor(commune, QStringLiteral("nguyenvana")));
        QCOMPARE(modeOf(folder.value()), mode_t(0700));
#else
        QSKIP("POSIX permissions only");
#endif
    }

    void invalidAccount_data()
    {
        QTest::addColumn<QUrl>("server");
        QTest::addColumn<QString>("username");
        QTest::newRow("empty username") << commune << QString();
        QTest::newRow("blank username") << commune << QStringLiteral("  ");
        QTest::newRow("no host") << QUrl() << QStringLiteral("nguyenvana");
    }

    void invalidAccount()
    {
        QFETCH(QUrl, server);
        QFETCH(QString, username);
        const auto folder = AccountDirectory(m_dir->path()).folderFor(server, username);
        QVERIFY(!folder);
        QCOMPARE(folder.error().code, AccountDirectory::Error::InvalidAccount);
        QVERIFY(!QFileInfo::exists(QDir(m_dir->path()).filePath(QStringLiteral("accounts"))));
    }

    void unwritableRootIsReported()
    {
        const QString file = QDir(m_dir->path()).filePath(QStringLiteral("a-file"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const auto folder = AccountDirectory(file).folderFor(commune, QStringLiteral("nguyenvana"));
        QVERIFY(!folder);
        QCOMPARE(folder.error().code, AccountDirectory::Error::Failed);
        QVERIFY(!folder.error().message.isEmpty());
    }

    void defaultRootIsAppData()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCOMPARE(AccountDirectory().root(), QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
        QStandardPaths::setTestModeEnabled(false);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(tst_AccountDirectory)
#include "tst_accountdirectory.moc"
