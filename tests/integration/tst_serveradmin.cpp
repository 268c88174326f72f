// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The administration commands of mattranso-server, run as an administrator would run them.
#include "tests/support/serverprocess.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using mts::test::ServerProcess;

class tst_ServerAdmin : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    using Run = ServerProcess::CommandRun;

    Run run(const QStringList &arguments, const QByteArray &input = {})
    {
        return ServerProcess::command(m_dir.filePath(QStringLiteral("data")), arguments, input);
    }

    QString writeFile(const QString &name, const QByteArray &contents)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(contents);
        return path;
    }

private Q_SLOTS:
    void unitImport()
    {
        const QString bad = writeFile(QStringLiteral("units.csv"),
            "code,name,kind,parent_code\n01,Thành phố Hà Nội,province,\n00070,Phường Hoàn Kiếm,commune,01\n"
            "0007,Phường Sai,commune,01\n00082,Phường Cửa Nam,commune,99\n");
        const Run refused = run({ QStringLiteral("unit"), QStringLiteral("import"), bad });
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(QStringLiteral("line 4:")), qPrintable(refused.err));
        QVERIFY(refused.err.contains(QStringLiteral("line 5:")));
        QVERIFY(refused.err.contains(QStringLiteral("nothing imported")));
        QVERIFY(!run({ QStringLiteral("unit"), QStringLiteral("list") }).out.contains(QStringLiteral("00070")));

        const Run skipped
            = run({ QStringLiteral("unit"), QStringLiteral("import"), bad, QStringLiteral("--skip-bad") });
        QCOMPARE(skipped.exitCode, 0);
        QVERIFY(skipped.out.contains(QStringLiteral("imported 2 units, skipped 2 bad rows")));
        const Run list = run({ QStringLiteral("unit"), QStringLiteral("list") });
        QVERIFY(list.out.contains(QStringLiteral("00070\tcommune\t01\tPhường Hoàn Kiếm")));
        QCOMPARE(
            run({ QStringLiteral("unit"), QStringLiteral("import"), m_dir.filePath(QStringLiteral("missing.csv")) })
                .exitCode,
            2);
    }

    void users()
    {
        const Run added = run(
            { QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("nguyenvana"), QStringLiteral("--role"),
                QStringLiteral("commune_cadre"), QStringLiteral("--unit"), QStringLiteral("C:00070"),
                QStringLiteral("--display-name"), QStringLiteral("Nguyễn Văn A"), QStringLiteral("--password-stdin") },
            "mật khẩu dài\n");
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        QVERIFY(added.out.contains(QStringLiteral("nguyenvana\tcommune_cadre\tC:00070\tactive\tNguyễn Văn A")));
        // A role at the wrong level, an unknown unit, a short password, a duplicate: refused with a reason.
        for (const auto &[arguments, mentions] :
            { std::pair { QStringList { QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("tinh1"),
                              QStringLiteral("--role"), QStringLiteral("provincial_staff"), QStringLiteral("--unit"),
                              QStringLiteral("C:00070"), QStringLiteral("--password-stdin") },
                  QStringLiteral("province") },
                std::pair { QStringList { QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("canbo2"),
                                QStringLiteral("--role"), QStringLiteral("commune_cadre"), QStringLiteral("--unit"),
                                QStringLiteral("C:12345"), QStringLiteral("--password-stdin") },
                    QStringLiteral("12345") },
                std::pair { QStringList { QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("nguyenvana"),
                                QStringLiteral("--role"), QStringLiteral("commune_cadre"), QStringLiteral("--unit"),
                                QStringLiteral("C:00070"), QStringLiteral("--password-stdin") },
                    QStringLiteral("exists") },
                std::pair { QStringList { QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("canbo3"),
                                QStringLiteral("--role"), QStringLiteral("boss"), QStringLiteral("--unit"),
                                QStringLiteral("C:00070"), QStringLiteral("--password-stdin") },
                    QStringLiteral("--role") } }) {
            const Run refused = run(arguments, "mat-khau-du-dai\n");
            QCOMPARE(refused.exitCode, 2);
            QVERIFY2(refused.err.contains(mentions), qPrintable(refused.err));
        }
        const Run shortPassword = run({ QStringLiteral("user"), QStringLiteral("set-password"),
                                          QStringLiteral("nguyenvana"), QStringLiteral("--password-stdin") },
            "ngan\n");
        QCOMPARE(shortPassword.exitCode, 2);
        QCOMPARE(run({ QStringLiteral("user"), QStringLiteral("disable"), QStringLiteral("nguyenvana") }).exitCode, 0);
        QVERIFY(run({ QStringLiteral("user"), QStringLiteral("list") }).out.contains(QStringLiteral("disabled")));
        QCOMPARE(run({ QStringLiteral("user"), QStringLiteral("enable"), QStringLiteral("nobody") }).exitCode, 2);
        QCOMPARE(run({ QStringLiteral("user"), QStringLiteral("set-role"), QStringLiteral("nguyenvana"),
                         QStringLiteral("--role"), QStringLiteral("auditor"), QStringLiteral("--unit"),
                         QStringLiteral("P:01") })
                     .exitCode,
            0);
        QVERIFY(run({ QStringLiteral("user"), QStringLiteral("list") }).out.contains(QStringLiteral("auditor\tP:01")));
    }

    void configFileAcceptsHashComments()
    {
        const QString config = writeFile(QStringLiteral("server.conf"),
            "[server]\n# the sign-in server of Phường Hoàn Kiếm\n# listen = 0.0.0.0:8443\n; a comment\nlisten = "
            "127.0.0.1:0\n");
        ServerProcess server({ QStringLiteral("--config"), config });
        QVERIFY2(server.start(), qPrintable(server.output()));
        QCOMPARE(server.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_ServerAdmin)
#include "tst_serveradmin.moc"
