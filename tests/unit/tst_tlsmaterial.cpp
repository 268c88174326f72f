// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/tlsmaterial.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using mts::TlsMaterial;

class tst_TlsMaterial : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void createsOnceAndReuses()
    {
        QTemporaryDir dir;
        const auto first = TlsMaterial::loadOrCreateSelfSigned(dir.path());
        QVERIFY2(first.isOk(), qPrintable(first.isOk() ? QString() : first.error().message));
        const QSslCertificate &certificate = first.value().certificate();
        QVERIFY(certificate.isSelfSigned());
        QVERIFY(!first.value().privateKey().isNull());
        QVERIFY(certificate.expiryDate() > QDateTime::currentDateTimeUtc().addYears(4));
        const auto names = certificate.subjectAlternativeNames();
        QVERIFY(names.values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
        QVERIFY(names.values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
        // The key is readable by its owner only.
        const auto permissions = QFile::permissions(dir.filePath(QStringLiteral("tls/server.key")));
        QVERIFY(!(permissions & (QFile::ReadGroup | QFile::ReadOther)));

        const auto second = TlsMaterial::loadOrCreateSelfSigned(dir.path());
        QVERIFY(second.isOk());
        QCOMPARE(second.value().fingerprint(), first.value().fingerprint());
        QCOMPARE(first.value().fingerprint().size(), 32 * 3 - 1);
    }

    void configuredFilesMustBeValid()
    {
        QTemporaryDir dir;
        const QString cert = dir.filePath(QStringLiteral("c.pem"));
        const QString key = dir.filePath(QStringLiteral("k.pem"));
        QVERIFY(!TlsMaterial::load(cert, key).isOk()); // missing
        QFile file(cert);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a certificate");
        file.close();
        QFile keyFile(key);
        QVERIFY(keyFile.open(QIODevice::WriteOnly));
        keyFile.write("not a key");
        keyFile.close();
        const auto loaded = TlsMaterial::load(cert, key);
        QVERIFY(!loaded.isOk());
        QCOMPARE(loaded.error().code, TlsMaterial::Error::Invalid);
    }

    void createdPairLoads()
    {
        QTemporaryDir dir;
        const auto pair
            = TlsMaterial::createSelfSigned({ QStringLiteral("commune.example.vn") }, { QStringLiteral("10.0.0.5") });
        QVERIFY(pair.isOk());
        for (const auto &[name, data] : { std::pair { QStringLiteral("c.pem"), pair.value().first },
                 std::pair { QStringLiteral("k.pem"), pair.value().second } }) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(data);
        }
        const auto loaded
            = TlsMaterial::load(dir.filePath(QStringLiteral("c.pem")), dir.filePath(QStringLiteral("k.pem")));
        QVERIFY(loaded.isOk());
        QCOMPARE(loaded.value().certificate().subjectInfo(QSslCertificate::CommonName).value(0),
            QStringLiteral("commune.example.vn"));
        QVERIFY(loaded.value()
                    .certificate()
                    .subjectAlternativeNames()
                    .values(QSsl::IpAddressEntry)
                    .contains(QStringLiteral("10.0.0.5")));
    }
};

QTEST_GUILESS_MAIN(tst_TlsMaterial)
#include "tst_tlsmaterial.moc"
