// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/jwt.h"
#include "server/core/serverdatabase.h"
#include "server/core/signingkeys.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

using namespace mts;

Q_DECLARE_METATYPE(mts::JwtAlgorithm)

namespace mts {

char *toString(JwtVerifier::Error error)
{
    static const char *const names[] = { "Malformed", "UnsupportedAlgorithm", "UnknownKey", "BadSignature", "Expired",
        "NotYetValid", "WrongIssuer", "WrongAudience" };
    return qstrdup(names[int(error)]);
}

} // namespace mts

namespace {

QString str(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

QByteArray unb64(QByteArrayView text)
{
    return QByteArray::fromBase64(text.toByteArray(), QByteArray::Base64UrlEncoding);
}

template <typename T, typename Code>
QByteArray why(const Result<T, Code> &result)
{
    return result ? QByteArray("(succeeded)") : result.error().message.toUtf8();
}

QJsonObject claims()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    return { { str("iss"), str("https://id.mattranso.test") }, { str("sub"), str("user-1") },
        { str("aud"), str("mattranso-desktop") }, { str("iat"), now }, { str("exp"), now + 600 } };
}

JwtVerifyOptions options()
{
    JwtVerifyOptions out;
    out.issuer = str("https://id.mattranso.test");
    out.audiences = { str("mattranso-desktop") };
    return out;
}

QJsonObject headerOf(const QByteArray &token)
{
    return QJsonDocument::fromJson(unb64(token.split('.').value(0))).object();
}

QString kidOf(const QByteArray &token)
{
    return headerOf(token).value(u"kid").toString();
}

QStringList kids(const QJsonObject &jwks)
{
    QStringList out;
    const QJsonArray keys = jwks.value(u"keys").toArray();
    for (const QJsonValue &key : keys)
        out.append(key.toObject().value(u"kid").toString());
    return out;
}

// The one key of type `kty` in the set; empty when there is none or more than one.
QJsonObject keyOfType(const QJsonObject &jwks, const char *kty)
{
    QJsonObject found;
    int matches = 0;
    const QJsonArray keys = jwks.value(u"keys").toArray();
    for (const QJsonValue &key : keys) {
        if (key.toObject().value(u"kty").toString() == QLatin1String(kty)) {
            found = key.toObject();
            ++matches;
        }
    }
    return matches == 1 ? found : QJsonObject();
}

const char *keyType(JwtAlgorithm algorithm)
{
    return algorithm == JwtAlgorithm::RS256 ? "RSA" : "OKP";
}

JwtAlgorithm otherAlgorithm(JwtAlgorithm algorithm)
{
    return algorithm == JwtAlgorithm::RS256 ? JwtAlgorithm::EdDSA : JwtAlgorithm::RS256;
}

int countRows(ServerDatabase &database, const QString &where = {})
{
    QSqlQuery query(database.connection());
    if (!query.exec(str("SELECT count(*) FROM signing_keys") + (where.isEmpty() ? QString() : u" WHERE " + where))
        || !query.next())
        return -1;
    return query.value(0).toInt();
}

} // namespace

class tst_SigningKeys : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_database = std::make_unique<ServerDatabase>(m_dir->filePath(str("server.sqlite")));
        QVERIFY(m_database->open());
    }

    void cleanup()
    {
        m_database.reset();
        m_dir.reset();
    }

    void ensureKeysIsIdempotent()
    {
        SigningKeys keys(m_database.get());
        QCOMPARE(countRows(*m_database), 0);
        const auto first = keys.ensureKeys();
        QVERIFY2(first, why(first).constData());
        QCOMPARE(countRows(*m_database), 2);
        QCOMPARE(countRows(*m_database, str("alg = 'RS256' AND retired_at IS NULL")), 1);
        QCOMPARE(countRows(*m_database, str("alg = 'EdDSA' AND retired_at IS NULL")), 1);
        const QJsonObject published = keys.jwks();
        QCOMPARE(kids(published).size(), 2);

        const auto second = keys.ensureKeys();
        QVERIFY2(second, why(second).constData());
        QCOMPARE(countRows(*m_database), 2);
        QCOMPARE(keys.jwks(), published);
        // Another instance (another worker, a restarted server) finds them too and makes none.
        SigningKeys other(m_database.get());
        QVERIFY(other.ensureKeys());
        QCOMPARE(countRows(*m_database), 2);
        QCOMPARE(other.jwks(), published);

        // Stored as documented: PKCS#8 PEM for RSA, seed ‖ public key for Ed25519; kid is the RFC 7638 thumbprint.
        QSqlQuery query(m_database->connection());
        QVERIFY(query.exec(str("SELECT alg, private_key, kid, public_jwk FROM signing_keys")));
        int rows = 0;
        while (query.next()) {
            ++rows;
            const QByteArray privateKey = query.value(1).toByteArray();
            if (query.value(0).toString() == QLatin1String("RS256"))
                QVERIFY(privateKey.startsWith("-----BEGIN PRIVATE KEY-----"));
            else
                QCOMPARE(privateKey.size(), 64);
            const QJsonObject jwk = QJsonDocument::fromJson(query.value(3).toString().toUtf8()).object();
            QCOMPARE(query.value(2).toString().toLatin1(), jwkThumbprint(jwk));
        }
        QCOMPARE(rows, 2);
    }

    void jwksIsPublicOnly()
    {
        SigningKeys keys(m_database.get());
        QVERIFY(keys.ensureKeys());
        const QJsonObject jwks = keys.jwks();
        QCOMPARE(jwks.keys(), QStringList { str("keys") });
        QCOMPARE(jwks.value(u"keys").toArray().size(), 2);

        const QJsonObject rsa = keyOfType(jwks, "RSA");
        QCOMPARE(rsa.keys(), (QStringList { str("alg"), str("e"), str("kid"), str("kty"), str("n"), str("use") }));
        QCOMPARE(rsa.value(u"alg").toString(), str("RS256"));
        QCOMPARE(rsa.value(u"use").toString(), str("sig"));
        QCOMPARE(rsa.value(u"e").toString(), str("AQAB"));
        QCOMPARE(unb64(rsa.value(u"n").toString().toLatin1()).size(), 256);
        QCOMPARE(rsa.value(u"kid").toString().toLatin1(), jwkThumbprint(rsa));

        const QJsonObject okp = keyOfType(jwks, "OKP");
        QCOMPARE(okp.keys(), (QStringList { str("alg"), str("crv"), str("kid"), str("kty"), str("use"), str("x") }));
        QCOMPARE(okp.value(u"alg").toString(), str("EdDSA"));
        QCOMPARE(okp.value(u"crv").toString(), str("Ed25519"));
        QCOMPARE(okp.value(u"use").toString(), str("sig"));
        QCOMPARE(unb64(okp.value(u"x").toString().toLatin1()).size(), 32);
        QCOMPARE(okp.value(u"kid").toString().toLatin1(), jwkThumbprint(okp));

        // No trace of the private keys in what is published.
        const QByteArray text = QJsonDocument(jwks).toJson();
        QVERIFY(!text.contains("PRIVATE"));
        QSqlQuery query(m_database->connection());
        QVERIFY(query.exec(str("SELECT private_key FROM signing_keys WHERE alg = 'EdDSA'")));
        QVERIFY(query.next());
        const QByteArray seed = query.value(0).toByteArray().left(32);
        QVERIFY(!text.contains(seed.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
        QVERIFY(!text.contains(seed.toBase64()));
        QVERIFY(!text.contains(seed.toHex()));
    }

    // What is published is rebuilt from a whitelist, not copied from storage: a row damaged by hand or by a bug
    // (private members in public_jwk, an algorithm this build does not know) leaks nothing.
    void jwksIgnoresWhatStorageAdds()
    {
        {
            SigningKeys keys(m_database.get());
            QVERIFY(keys.ensureKeys());
        }
        QSqlQuery query(m_database->connection());
        QVERIFY(query.exec(str("SELECT kid, public_jwk FROM signing_keys")));
        QList<QPair<QString, QByteArray>> rows;
        while (query.next()) {
            QJsonObject jwk = QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object();
            for (const char *member : { "d", "p", "q", "dp", "dq", "qi", "k" })
                jwk.insert(str(member), str("c2VjcmV0"));
            rows.append({ query.value(0).toString(), QJsonDocument(jwk).toJson(QJsonDocument::Compact) });
        }
        QCOMPARE(rows.size(), 2);
        for (const auto &[kid, jwk] : std::as_const(rows)) {
            QVERIFY(query.prepare(str("UPDATE signing_keys SET public_jwk = ? WHERE kid = ?")));
            query.addBindValue(QString::fromUtf8(jwk));
            query.addBindValue(kid);
            QVERIFY(query.exec());
        }
        QVERIFY(query.exec(str("INSERT INTO signing_keys (kid, alg, private_key, public_jwk, created_at)"
                               " VALUES ('future', 'ES256', x'00', '{\"kty\":\"EC\",\"crv\":\"P-256\"}', 1)")));

        SigningKeys keys(m_database.get());
        const QJsonObject jwks = keys.jwks();
        QCOMPARE(kids(jwks).size(), 2);
        QVERIFY(!kids(jwks).contains(str("future")));
        QCOMPARE(keyOfType(jwks, "RSA").keys(),
            (QStringList { str("alg"), str("e"), str("kid"), str("kty"), str("n"), str("use") }));
        QCOMPARE(keyOfType(jwks, "OKP").keys(),
            (QStringList { str("alg"), str("crv"), str("kid"), str("kty"), str("use"), str("x") }));
        QVERIFY(!QJsonDocument(jwks).toJson().contains("c2VjcmV0"));
        // The unknown row does not count as a key of ours either: the keys still sign and verify.
        QVERIFY(keys.ensureKeys());
        const auto token = keys.sign(JwtAlgorithm::RS256, claims());
        QVERIFY(token);
        QVERIFY(keys.verify(token.value(), options()));
    }

    void signAndVerify_data()
    {
        QTest::addColumn<JwtAlgorithm>("algorithm");
        QTest::newRow("RS256") << JwtAlgorithm::RS256;
        QTest::newRow("EdDSA") << JwtAlgorithm::EdDSA;
    }

    void signAndVerify()
    {
        QFETCH(JwtAlgorithm, algorithm);
        SigningKeys keys(m_database.get());
        QVERIFY(keys.ensureKeys());
        const QJsonObject payload = claims();
        const auto token = keys.sign(algorithm, payload);
        QVERIFY2(token, why(token).constData());
        const QJsonObject header = headerOf(token.value());
        QCOMPARE(header.value(u"alg").toString(), jwtAlgorithmName(algorithm));
        QCOMPARE(header.value(u"typ").toString(), str("JWT"));
        QCOMPARE(header.value(u"kid"), keyOfType(keys.jwks(), keyType(algorithm)).value(u"kid"));

        const auto verified = keys.verify(token.value(), options());
        QVERIFY2(verified, why(verified).constData());
        QCOMPARE(verified.value(), payload);
        // What a relying party does: verify with nothing but the published key set.
        const auto byRelyingParty = JwtVerifier::verify(token.value(), keys.jwks(), options());
        QVERIFY2(byRelyingParty, why(byRelyingParty).constData());

        QList<QByteArray> parts = token.value().split('.');
        QJsonObject tampered = payload;
        tampered.insert(str("sub"), str("admin"));
        parts[1] = QJsonDocument(tampered)
                       .toJson(QJsonDocument::Compact)
                       .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        const auto forged = keys.verify(parts.join('.'), options());
        QVERIFY(!forged);
        QCOMPARE(forged.error().code, JwtVerifier::Error::BadSignature);
    }

    void signNeedsKeys()
    {
        SigningKeys keys(m_database.get());
        const auto token = keys.sign(JwtAlgorithm::RS256, claims());
        QVERIFY(!token);
        QCOMPARE(token.error().code, SigningKeys::Error::NoActiveKey);
        QCOMPARE(keys.jwks(), (QJsonObject { { str("keys"), QJsonArray() } }));
    }

    void rotateAndPrune_data() { signAndVerify_data(); }

    void rotateAndPrune()
    {
        QFETCH(JwtAlgorithm, algorithm);
        SigningKeys keys(m_database.get());
        QVERIFY(keys.ensureKeys());
        const auto old = keys.sign(algorithm, claims());
        QVERIFY(old);
        const QString oldKid = kidOf(old.value());
        const auto other = keys.sign(otherAlgorithm(algorithm), claims());
        QVERIFY(other);
        const QString otherKid = kidOf(other.value());

        const qint64 beforeRotation = QDateTime::currentSecsSinceEpoch();
        const auto rotated = keys.rotate(algorithm);
        QVERIFY2(rotated, why(rotated).constData());
        const auto fresh = keys.sign(algorithm, claims());
        QVERIFY(fresh);
        const QString newKid = kidOf(fresh.value());
        QVERIFY(!newKid.isEmpty());
        QVERIFY(newKid != oldKid);
        // The retired key is still published (after the active ones), and tokens it signed still verify.
        QCOMPARE(kids(keys.jwks()).size(), 3);
        QCOMPARE(kids(keys.jwks()).indexOf(oldKid), 2);
        QVERIFY(kids(keys.jwks()).contains(newKid));
        QVERIFY(kids(keys.jwks()).contains(otherKid));
        const auto oldVerified = keys.verify(old.value(), options());
        QVERIFY2(oldVerified, why(oldVerified).constData());
        QVERIFY(keys.verify(fresh.value(), options()));
        QVERIFY(JwtVerifier::verify(old.value(), keys.jwks(), options()));
        // The other algorithm's key is untouched.
        QCOMPARE(kidOf(keys.sign(otherAlgorithm(algorithm), claims()).value()), otherKid);
        QCOMPARE(countRows(*m_database, str("retired_at IS NULL")), 2);
        QCOMPARE(countRows(*m_database, str("kid = '%1' AND retired_at >= %2").arg(oldKid).arg(beforeRotation)), 1);

        // Keys retired after the cut-off stay.
        const auto keptAll = keys.pruneRetired(beforeRotation);
        QVERIFY(keptAll);
        QCOMPARE(keptAll.value(), 0);
        QVERIFY(keys.verify(old.value(), options()));

        const auto pruned = keys.pruneRetired(QDateTime::currentSecsSinceEpoch() + 1);
        QVERIFY2(pruned, why(pruned).constData());
        QCOMPARE(pruned.value(), 1);
        QCOMPARE(countRows(*m_database), 2);
        QVERIFY(!kids(keys.jwks()).contains(oldKid));
        QCOMPARE(kids(keys.jwks()).size(), 2);
        const auto afterPrune = keys.verify(old.value(), options());
        QVERIFY(!afterPrune);
        QCOMPARE(afterPrune.error().code, JwtVerifier::Error::UnknownKey);
        QVERIFY(keys.verify(fresh.value(), options()));
        QVERIFY(keys.verify(other.value(), options()));
    }

    void keysSurviveReopening()
    {
        const QString path = m_database->filePath();
        m_database.reset();
        QByteArray rs;
        QByteArray ed;
        QJsonObject published;
        {
            ServerDatabase database(path);
            QVERIFY(database.open());
            SigningKeys keys(&database);
            QVERIFY(keys.ensureKeys());
            rs = keys.sign(JwtAlgorithm::RS256, claims()).value();
            ed = keys.sign(JwtAlgorithm::EdDSA, claims()).value();
            published = keys.jwks();
        }
        ServerDatabase database(path);
        QVERIFY(database.open());
        SigningKeys keys(&database);
        const auto rsVerified = keys.verify(rs, options());
        QVERIFY2(rsVerified, why(rsVerified).constData());
        QVERIFY(keys.verify(ed, options()));
        QCOMPARE(keys.jwks(), published);
        QVERIFY(keys.ensureKeys());
        QCOMPARE(countRows(database), 2);
        QCOMPARE(kidOf(keys.sign(JwtAlgorithm::RS256, claims()).value()), kidOf(rs));
        QCOMPARE(kidOf(keys.sign(JwtAlgorithm::EdDSA, claims()).value()), kidOf(ed));
    }

    // Two instances on one database stand for two server processes: one rotates, the other learns of the new key
    // when a token names it.
    void seesRotationByAnotherInstance()
    {
        SigningKeys first(m_database.get());
        SigningKeys second(m_database.get());
        QVERIFY(first.ensureKeys());
        QCOMPARE(kids(second.jwks()).size(), 2);
        QVERIFY(first.rotate(JwtAlgorithm::EdDSA));
        const auto token = first.sign(JwtAlgorithm::EdDSA, claims());
        QVERIFY(token);
        QTRY_VERIFY_WITH_TIMEOUT(second.verify(token.value(), options()).isOk(), 5000);
        QVERIFY(kids(second.jwks()).contains(kidOf(token.value())));
    }

    // Worker threads share instances; two instances racing through the database stand for two processes.
    void concurrentUse()
    {
        SigningKeys first(m_database.get());
        SigningKeys second(m_database.get());
        std::atomic<int> failures { 0 };
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < 6; ++i) {
            SigningKeys *keys = i % 2 == 0 ? &first : &second;
            threads.emplace_back(QThread::create([keys, &failures] {
                if (!keys->ensureKeys())
                    ++failures;
                for (int round = 0; round < 10; ++round) {
                    for (const JwtAlgorithm algorithm : { JwtAlgorithm::RS256, JwtAlgorithm::EdDSA }) {
                        const auto token = keys->sign(algorithm, claims());
                        if (!token || !keys->verify(token.value(), options()))
                            ++failures;
                    }
                }
            }));
        }
        for (const auto &thread : threads)
            thread->start();
        for (const auto &thread : threads)
            QVERIFY(thread->wait(QDeadlineTimer(60000)));
        QCOMPARE(failures.load(), 0);
        // However the threads raced, there is one key per algorithm, and both instances use it.
        QCOMPARE(countRows(*m_database), 2);
        QCOMPARE(first.jwks(), second.jwks());
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ServerDatabase> m_database;
};

QTEST_GUILESS_MAIN(tst_SigningKeys)
#include "tst_signingkeys.moc"
