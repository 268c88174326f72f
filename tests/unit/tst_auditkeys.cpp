// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/auditkeys.h"
#include "server/core/serverdatabase.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using mts::AuditKeys;
using mts::ServerDatabase;

class tst_AuditKeys : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    std::unique_ptr<ServerDatabase> openDatabase(const QString &name)
    {
        auto database = std::make_unique<ServerDatabase>(m_dir.filePath(name));
        if (!database->open())
            return nullptr;
        return database;
    }

private Q_SLOTS:
    void ensureKeyIsIdempotent()
    {
        const auto database = openDatabase(QStringLiteral("idempotent.sqlite"));
        QVERIFY(database);
        AuditKeys keys(database.get());
        const auto none = keys.activeKeyId();
        QVERIFY(!none);
        QCOMPARE(none.error().code, AuditKeys::Error::NoKey);
        QVERIFY(keys.ensureKey().isOk());
        const auto first = keys.activeKeyId();
        QVERIFY(first.isOk());
        // The RFC 7638 thumbprint: 43 base64url characters.
        QCOMPARE(first.value().size(), 43);
        QVERIFY(keys.ensureKey().isOk());
        QCOMPARE(keys.activeKeyId().value(), first.value());
        QCOMPARE(keys.publicKeys().value().size(), 1);
    }

    void concurrentEnsureKeyMakesOneKey()
    {
        const auto database = openDatabase(QStringLiteral("concurrent.sqlite"));
        QVERIFY(database);
        std::vector<std::thread> threads;
        std::atomic<int> failures { 0 };
        for (int i = 0; i < 4; ++i) {
            threads.emplace_back([&database, &failures] {
                AuditKeys keys(database.get());
                if (!keys.ensureKey())
                    ++failures;
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
        AuditKeys keys(database.get());
        QCOMPARE(keys.publicKeys().value().size(), 1);
    }

    void signsAndRotationKeepsOldKeysVerifying()
    {
        const auto database = openDatabase(QStringLiteral("rotate.sqlite"));
        QVERIFY(database);
        AuditKeys keys(database.get());
        QVERIFY(keys.ensureKey().isOk());
        const QByteArray oldKid = keys.activeKeyId().value();
        const QByteArray message("checkpoint digest");
        const auto oldSignature = keys.sign(oldKid, message);
        QVERIFY(oldSignature.isOk());
        QCOMPARE(oldSignature.value().size(), 64);

        const auto rotated = keys.rotate();
        QVERIFY(rotated.isOk());
        QVERIFY(rotated.value() != oldKid);
        QCOMPARE(keys.activeKeyId().value(), rotated.value());
        const auto publicKeys = keys.publicKeys();
        QVERIFY(publicKeys.isOk());
        QCOMPARE(publicKeys.value().size(), 2);
        // The retired key still verifies what it signed; nothing else verifies under it.
        QVERIFY(AuditKeys::verify(publicKeys.value().value(oldKid), message, oldSignature.value()));
        QVERIFY(!AuditKeys::verify(publicKeys.value().value(rotated.value()), message, oldSignature.value()));
        QVERIFY(!AuditKeys::verify(publicKeys.value().value(oldKid), "other digest", oldSignature.value()));
        QByteArray altered = oldSignature.value();
        altered[0] = char(altered.at(0) ^ 1);
        QVERIFY(!AuditKeys::verify(publicKeys.value().value(oldKid), message, altered));

        const auto unknown = keys.sign("no-such-key", message);
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, AuditKeys::Error::NoKey);
    }

    void damagedKeyMaterialCannotSign()
    {
        const auto database = openDatabase(QStringLiteral("damaged.sqlite"));
        QVERIFY(database);
        AuditKeys keys(database.get());
        QVERIFY(keys.ensureKey().isOk());
        QVERIFY(QSqlQuery(database->connection()).exec(QStringLiteral("UPDATE audit_keys SET private_key = x'00'")));
        const auto signature = keys.sign(keys.activeKeyId().value(), "digest");
        QVERIFY(!signature);
        QCOMPARE(signature.error().code, AuditKeys::Error::SigningFailed);
    }
};

QTEST_GUILESS_MAIN(tst_AuditKeys)
#include "tst_auditkeys.moc"
