// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/core/jwt.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace mts;

Q_DECLARE_METATYPE(mts::JwtAlgorithm)
Q_DECLARE_METATYPE(mts::JwtVerifier::Error)
Q_DECLARE_METATYPE(mts::JwtVerifyOptions)

namespace mts {

// Readable QCOMPARE failures (found by argument-dependent lookup).
char *toString(JwtVerifier::Error error)
{
    static const char *const names[] = { "Malformed", "UnsupportedAlgorithm", "UnknownKey", "BadSignature", "Expired",
        "NotYetValid", "WrongIssuer", "WrongAudience" };
    return qstrdup(names[int(error)]);
}

} // namespace mts

namespace {

// Keys made once with `openssl genpkey` (RSA 2048, RSA 1024, Ed25519); the RSA public key with `openssl pkey -pubout`.
const char rsaPrivatePem[] = "-----BEGIN PRIVATE KEY-----\n"
                             "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQClyu7s4mwRiU4B\n"
                             "UKCLfvs9QCLf5jXrexCkeotCmwrWIoevAJI3UTeL0ioqv4zljhTDZygs0ujU30WN\n"
                             "R0FUzYx2FM9TjaWXhd965AGxyl6SzOlkJPUpFp1btIFFX5Eq8r2yUjE2a9dMJ6Qq\n"
                             "2crD57HVDDXCUDKbDrklj/4uQ+1Kpt+WlGfiO4ZhuFFtOl86hEbki8C8IgG5lZH5\n"
                             "x2C0RbW/HeCzkWqMOMauBnSIyG3ceFzLtB/BaNI3sLqdA69HnW3MjGDuu0DwQtro\n"
                             "c0Mc2/5L7Pt4iadXJuLNxQKXO8fLRiVy3egW7csfnWQgksAPC9WjMSDhJEmKYAQQ\n"
                             "TInFoH+5AgMBAAECggEAD8UItYbSlAHFEKz0SFsmAe0gJBSH8RkTO9cyzdK6KiS+\n"
                             "ATBYYriamaBo8F397zZ01SKdGKkLCnceQieSmEK2PI5oK2C1bSndAu8TFi/TOmVm\n"
                             "lxGeMW/8PGUj8qRPcOVb6SKWRGs83vqE9qp2oJcLkYyIGdkk/HNfEFVCQ8ZO7iMK\n"
                             "i2o2J7s+Gkynn3ZUPaXuA2UgDSvgYe1qaGQhETEUeFAUuxgMoAH9oybb4P92Idrj\n"
                             "XWAc5E2IWlkvKGHwB/Rllg93Pgi5jv8zvIQLkSCZvafvk29QenHZUxZ3sVvJwmSM\n"
                             "urnlUppC/+xLPjT8IjhVdwxRiYBVXEySrdA+TDJ13QKBgQDkIIrlFhJTw1/t1UkP\n"
                             "8uy7rWfoE7iZCJLjJ1GDVBOKI01Iqa7RTjsmJliswHMTmQU1QQa6ecR+2Souyhoa\n"
                             "UQliJSPzcfv2s0kvzNU72ZOYwk8APiccwXFKIF9WGogse1Um4j7xeZ9xX32z6TEB\n"
                             "C1GWJuX8Iym/HpmmzPuje2gbGwKBgQC6DKsdZBR6ruDDW5NcHvgpaDW0ube+Hpme\n"
                             "cbYMP26RH+fglW1gapQHufBEYv4eyPV3OpcSR4dVI9h+601wzQ4r1PoRPkWARE8L\n"
                             "bB5DuHRmGhrwkA5NWYFCO7Q3mlwdYPU7pejCYj2uDdonkJWZpgilDoQJ7rscbi/W\n"
                             "+/w6Vi5JuwKBgQC/javTTMM63pUQacWdxMePl73mG5kntxFP99X0RobZuWbNmt2W\n"
                             "FvCHyi8vb7GxRQ4gd2ek8VZThRpsi3t7mYwdgz46zv1ZW5Yasw5h4QKUhKQ9efLx\n"
                             "rGTqb2BeNo0dfLo1mkhsD0oYsqwkg6yISe7J/AOlwgjt2E4Ax6KM1bTG/QKBgAZe\n"
                             "0K0c9CaPPlryE8WfudeRHeWmRkhYO+JU+mrI8Tw+322tMCWRAKiTEUsGKLVdJCqE\n"
                             "8w9JK7UamRsfa3NlUgrmK/nTLAYMULiPZynicvncAvghtpunaOmfqbgNrQHEhCEa\n"
                             "uTGOs5X2G3YnWTf9m2YrbRH5/qYmj7TIxAYrVUJpAoGBAIvpyiIljirFrqR70dpo\n"
                             "RThkU/u7EEF7bYJ/gD0yNMKhPBMDhXB0zJPGwLeo8za/kvUM5u0OijBjFaDXcQw5\n"
                             "mGPe4M1ho1Hvu2IkdA4Z984NnBbgTO/2bDDqRoWBkahdf2cQKiPrVWK0+r0AK80w\n"
                             "0qP45NsiQyPrUX7bqp9O7OGK\n"
                             "-----END PRIVATE KEY-----\n";
const char rsaPublicPem[] = "-----BEGIN PUBLIC KEY-----\n"
                            "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEApcru7OJsEYlOAVCgi377\n"
                            "PUAi3+Y163sQpHqLQpsK1iKHrwCSN1E3i9IqKr+M5Y4Uw2coLNLo1N9FjUdBVM2M\n"
                            "dhTPU42ll4XfeuQBscpekszpZCT1KRadW7SBRV+RKvK9slIxNmvXTCekKtnKw+ex\n"
                            "1Qw1wlAymw65JY/+LkPtSqbflpRn4juGYbhRbTpfOoRG5IvAvCIBuZWR+cdgtEW1\n"
                            "vx3gs5FqjDjGrgZ0iMht3Hhcy7QfwWjSN7C6nQOvR51tzIxg7rtA8ELa6HNDHNv+\n"
                            "S+z7eImnVybizcUClzvHy0Ylct3oFu3LH51kIJLADwvVozEg4SRJimAEEEyJxaB/\n"
                            "uQIDAQAB\n"
                            "-----END PUBLIC KEY-----\n";
const char rsa1024PrivatePem[] = "-----BEGIN PRIVATE KEY-----\n"
                                 "MIICdQIBADANBgkqhkiG9w0BAQEFAASCAl8wggJbAgEAAoGBAPTRhu5hGIaG41dI\n"
                                 "VYcEoVJO6/QXmFQ1xtT5T2kqX3lvQg9qxI/evKXi0PTGE9PZGLhKPbtdYZMdfjCx\n"
                                 "uL+gS3TWWUkcj1ZE7YSVCKGveQhC+EcvlyicnXgMLddY3DhBfAwuCHjthvlJ/rCv\n"
                                 "496nPi4s5vBto76hGr6n/yZOGCJnAgMBAAECgYBz/VlaU3JVOk83qTOsVos//dhY\n"
                                 "u10WeKwNd1kiUEsPs6CuwT0DlNn4FjA96CK4uiC2H6aDwMhb9Rs2Yt1PHNjiQvsW\n"
                                 "OH7yWrVJJwL5j1l0eEBlbQ1Iwo1OgQ/cZdLlzgr66h12UZ3KOZkzflAAzzTfmsY+\n"
                                 "hAruhV/BG6OKUEvSYQJBAProkpC2efvGFqD+uVrUyh47ohz/jDbKYu61XYSPxLWM\n"
                                 "3/FUG6q6/LrqgomWS6oYQjRQNgBKVtGlO6bBeNu5gQkCQQD5yVFi7UztuPefNyqm\n"
                                 "G6UbSAAh439PwtCp/cxYc5m+v6AmRpLLJdsXFtey8kdkD9oh3QMxbksInAb9+Hzi\n"
                                 "7RPvAkB1QmPcxarUg4rnyqONU4zx/CSTMMqygHsj3BbMcPQZdLDj887KR4D9ScOf\n"
                                 "0WGjKJsoH6RdFmDksTfjgt+csGEhAkBGP17bIn+TD4TcSwh8hKPPY1VeMnu4c8J5\n"
                                 "PD4+1ev0IDIq8YgRB8lw2eS5l7eKJYckJOLkAO+rMS4qOLrumtwTAkAFHhECL68Z\n"
                                 "FAdfsxOw3GMC8EKxo1+3JBbZmkTPu4Fcdh+LWfHINWbxfNoQzw5A/Ee1JvqU9FVd\n"
                                 "8PCOpDr/zpkU\n"
                                 "-----END PRIVATE KEY-----\n";
const char ed25519PrivatePem[] = "-----BEGIN PRIVATE KEY-----\n"
                                 "MC4CAQAwBQYDK2VwBCIEIEWtGK+yXVdvVOX40JLPR1dBzPV6dKZfheEUx243EMXw\n"
                                 "-----END PRIVATE KEY-----\n";
// The modulus of rsaPrivatePem (`openssl rsa -noout -modulus`, as base64url); its exponent is 65537.
const char rsaModulus[]
    = "pcru7OJsEYlOAVCgi377PUAi3-Y163sQpHqLQpsK1iKHrwCSN1E3i9IqKr-M5Y4Uw2coLNLo1N9FjUdBVM2MdhTPU42ll4X"
      "feuQBscpekszpZCT1KRadW7SBRV-RKvK9slIxNmvXTCekKtnKw-ex1Qw1wlAymw65JY_-LkPtSqbflpRn4juGYbhRbTpfOoR"
      "G5IvAvCIBuZWR-cdgtEW1vx3gs5FqjDjGrgZ0iMht3Hhcy7QfwWjSN7C6nQOvR51tzIxg7rtA8ELa6HNDHNv-S-z7eImnVybi"
      "zcUClzvHy0Ylct3oFu3LH51kIJLADwvVozEg4SRJimAEEEyJxaB_uQ";

// RFC 8037 appendix A.1: an Ed25519 private key (the seed, "d") and its public key ("x").
const char ed25519Seed[] = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
const char ed25519Public[] = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

// RFC 7515 appendix A.2: an RS256 JWS as published, and its public key (e is AQAB). Its payload is
// {"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}.
const char rfc7515Modulus[]
    = "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-"
      "pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2Ca"
      "pHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb5"
      "4h4FRWyuXpoQ";
const char rfc7515Token[]
    = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0"
      "cnVlfQ.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdb"
      "F9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn"
      "6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0i"
      "gcN_IoypGlUPQGe77Rw";

// RFC 7638 §3.1's example RSA key (e is AQAB) and its thumbprint; RFC 8037 appendix A.3's Ed25519 thumbprint.
const char rfc7638Modulus[]
    = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3ok"
      "njhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu"
      "6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8a"
      "wapJzKnqDKgw";
const char rfc7638Thumbprint[] = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";
const char rfc8037Thumbprint[] = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";

constexpr qint64 testNow = 1750000000; // 2025-06-15; no digit separators, moc cannot read them

QString str(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

QByteArray b64(QByteArrayView data)
{
    return data.toByteArray().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray unb64(QByteArrayView text)
{
    return QByteArray::fromBase64(text.toByteArray(), QByteArray::Base64UrlEncoding);
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject decodeObject(QByteArrayView part)
{
    return QJsonDocument::fromJson(unb64(part)).object();
}

template <typename T, typename Code>
QByteArray why(const Result<T, Code> &result)
{
    return result ? QByteArray("(succeeded)") : result.error().message.toUtf8();
}

QByteArray ed25519Material()
{
    return unb64(ed25519Seed) + unb64(ed25519Public);
}

QByteArray keyMaterial(JwtAlgorithm algorithm)
{
    return algorithm == JwtAlgorithm::RS256 ? QByteArray(rsaPrivatePem) : ed25519Material();
}

QJsonObject rsaJwk(const QString &kid = str("rsa-1"), const QByteArray &modulus = rsaModulus)
{
    return { { str("kty"), str("RSA") }, { str("kid"), kid }, { str("use"), str("sig") }, { str("alg"), str("RS256") },
        { str("n"), QString::fromLatin1(modulus) }, { str("e"), str("AQAB") } };
}

QJsonObject okpJwk(const QString &kid = str("ed-1"))
{
    return { { str("kty"), str("OKP") }, { str("crv"), str("Ed25519") }, { str("kid"), kid },
        { str("use"), str("sig") }, { str("alg"), str("EdDSA") }, { str("x"), str(ed25519Public) } };
}

QJsonObject keySet(const QList<QJsonObject> &keys)
{
    QJsonArray array;
    for (const QJsonObject &key : keys)
        array.append(key);
    return { { str("keys"), array } };
}

QJsonObject defaultKeySet()
{
    return keySet({ rsaJwk(), okpJwk() });
}

QJsonObject claims()
{
    return { { str("iss"), str("https://id.mattranso.test") }, { str("sub"), str("user-1") },
        { str("aud"), str("mattranso-desktop") }, { str("iat"), testNow }, { str("exp"), testNow + 600 },
        { str("name"), QStringLiteral("Nguyễn Thị Hoa") } };
}

// claims() with one member replaced, or removed when `value` is undefined.
QJsonObject claimsWith(const char *name, const QJsonValue &value)
{
    QJsonObject out = claims();
    if (value.isUndefined())
        out.remove(str(name));
    else
        out.insert(str(name), value);
    return out;
}

JwtVerifyOptions options()
{
    JwtVerifyOptions out;
    out.issuer = str("https://id.mattranso.test");
    out.audiences = { str("mattranso-desktop") };
    out.now = testNow;
    return out;
}

QByteArray signToken(JwtAlgorithm algorithm, const QJsonObject &payload, std::optional<QByteArray> kid = std::nullopt)
{
    const QByteArray defaultKid = algorithm == JwtAlgorithm::RS256 ? "rsa-1" : "ed-1";
    const auto token = JwtSigner::sign(algorithm, kid.value_or(defaultKid), keyMaterial(algorithm), payload);
    return token ? token.value() : QByteArray();
}

// The base64url text of each part of a compact JWS.
struct Parts {
    QByteArray header;
    QByteArray payload;
    QByteArray signature;
};

Parts split(const QByteArray &token)
{
    const QList<QByteArray> parts = token.split('.');
    return { parts.value(0), parts.value(1), parts.value(2) };
}

QByteArray withHeader(const QByteArray &token, const QByteArray &headerJson)
{
    const Parts parts = split(token);
    return b64(headerJson) + '.' + parts.payload + '.' + parts.signature;
}

QByteArray withPayloadText(const QByteArray &token, const QByteArray &payloadText)
{
    const Parts parts = split(token);
    return parts.header + '.' + payloadText + '.' + parts.signature;
}

QByteArray withPayload(const QByteArray &token, const QByteArray &payloadJson)
{
    return withPayloadText(token, b64(payloadJson));
}

QByteArray withSignatureText(const QByteArray &token, const QByteArray &signatureText)
{
    const Parts parts = split(token);
    return parts.header + '.' + parts.payload + '.' + signatureText;
}

QByteArray withSignature(const QByteArray &token, const QByteArray &signature)
{
    return withSignatureText(token, b64(signature));
}

QByteArray flipped(QByteArray bytes)
{
    bytes[bytes.size() / 2] = char(bytes.at(bytes.size() / 2) ^ 0x01);
    return bytes;
}

// The same bytes spelled with non-zero unused bits in the last character, which lenient decoders accept.
QByteArray nonCanonical(QByteArray text)
{
    const QByteArray alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    text.back() = alphabet.at(alphabet.indexOf(text.back()) | 1);
    return text;
}

QByteArray hs256(const QByteArray &headerJson, const QByteArray &payloadText, const QByteArray &secret)
{
    const QByteArray input = b64(headerJson) + '.' + payloadText;
    return input + '.' + b64(QMessageAuthenticationCode::hash(input, secret, QCryptographicHash::Sha256));
}

QString opensslPath()
{
    return QStandardPaths::findExecutable(str("openssl"));
}

// Runs the openssl command-line tool: its standard output, or std::nullopt with the reason in `error`.
std::optional<QByteArray> runOpenssl(const QStringList &arguments, QString &error)
{
    QProcess process;
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(opensslPath(), arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        error = QStringLiteral("openssl %1: %2")
                    .arg(arguments.join(u' '), QString::fromLocal8Bit(process.readAllStandardError()));
        return std::nullopt;
    }
    return process.readAllStandardOutput();
}

bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class tst_Jwt : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void algorithmNames()
    {
        QCOMPARE(jwtAlgorithmName(JwtAlgorithm::RS256), str("RS256"));
        QCOMPARE(jwtAlgorithmName(JwtAlgorithm::EdDSA), str("EdDSA"));
        QCOMPARE(jwtAlgorithmFromName(u"RS256"), JwtAlgorithm::RS256);
        QCOMPARE(jwtAlgorithmFromName(u"EdDSA"), JwtAlgorithm::EdDSA);
        for (const auto name : { u"none", u"None", u"HS256", u"rs256", u"EDDSA", u"RS512", u"ES256", u"" })
            QVERIFY2(!jwtAlgorithmFromName(name), qPrintable(QStringView(name).toString()));
    }

    void signsHeaderAndClaims_data()
    {
        QTest::addColumn<JwtAlgorithm>("algorithm");
        QTest::addColumn<int>("signatureBytes");
        QTest::newRow("RS256") << JwtAlgorithm::RS256 << 256;
        QTest::newRow("EdDSA") << JwtAlgorithm::EdDSA << 64;
    }

    void signsHeaderAndClaims()
    {
        QFETCH(JwtAlgorithm, algorithm);
        QFETCH(int, signatureBytes);
        const auto token = JwtSigner::sign(algorithm, "key-7", keyMaterial(algorithm), claims());
        QVERIFY2(token, why(token).constData());
        QCOMPARE(token.value().count('.'), 2);
        const Parts parts = split(token.value());
        const QJsonObject expectedHeader { { str("alg"), jwtAlgorithmName(algorithm) }, { str("kid"), str("key-7") },
            { str("typ"), str("JWT") } };
        QCOMPARE(decodeObject(parts.header), expectedHeader);
        QCOMPARE(decodeObject(parts.payload), claims());
        QCOMPARE(unb64(parts.signature).size(), signatureBytes);
        QVERIFY(!token.value().contains('='));
        // Both schemes are deterministic: the same input signs to the same token.
        QCOMPARE(JwtSigner::sign(algorithm, "key-7", keyMaterial(algorithm), claims()).value(), token.value());

        const auto verified
            = JwtVerifier::verify(token.value(), keySet({ rsaJwk(str("key-7")), okpJwk(str("key-7")) }), options());
        QVERIFY2(verified, why(verified).constData());
        QCOMPARE(verified.value(), claims());

        const auto withoutKid = JwtSigner::sign(algorithm, {}, keyMaterial(algorithm), claims());
        QVERIFY2(withoutKid, why(withoutKid).constData());
        QVERIFY(!decodeObject(split(withoutKid.value()).header).contains(u"kid"));
    }

    void accepts_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QJsonObject>("jwks");
        QTest::addColumn<JwtVerifyOptions>("verifyOptions");
        QTest::addColumn<QJsonObject>("expectedClaims");
        const auto add
            = [](const char *name, const QByteArray &token, const QJsonObject &expected,
                  const QJsonObject &jwks = defaultKeySet(), const JwtVerifyOptions &verifyOptions = options()) {
                  QTest::newRow(name) << token << jwks << verifyOptions << expected;
              };
        add("RS256", signToken(JwtAlgorithm::RS256, claims()), claims());
        add("EdDSA", signToken(JwtAlgorithm::EdDSA, claims()), claims());

        QJsonObject c = claimsWith("exp", testNow - 30);
        add("expired, within the leeway", signToken(JwtAlgorithm::RS256, c), c);
        c = claimsWith("nbf", testNow + 30);
        add("nbf ahead, within the leeway", signToken(JwtAlgorithm::EdDSA, c), c);
        c = claimsWith("iat", testNow + 30);
        add("iat ahead, within the leeway", signToken(JwtAlgorithm::RS256, c), c);

        c = claimsWith("aud", QJsonArray { str("mattranso-web"), str("mattranso-desktop") });
        add("audience in an array", signToken(JwtAlgorithm::RS256, c), c);
        JwtVerifyOptions twoAudiences = options();
        twoAudiences.audiences = { str("mattranso-desktop"), str("mattranso-web") };
        c = claimsWith("aud", str("mattranso-web"));
        add("second configured audience", signToken(JwtAlgorithm::EdDSA, c), c, defaultKeySet(), twoAudiences);
        JwtVerifyOptions unchecked = options();
        unchecked.issuer.clear();
        unchecked.audiences.clear();
        c = claimsWith("iss", QJsonValue::Undefined);
        c.remove(str("aud"));
        add("issuer and audience not configured", signToken(JwtAlgorithm::RS256, c), c, defaultKeySet(), unchecked);
        JwtVerifyOptions noExpiry = options();
        noExpiry.requireExpiry = false;
        c = claimsWith("exp", QJsonValue::Undefined);
        add("no exp when not required", signToken(JwtAlgorithm::EdDSA, c), c, defaultKeySet(), noExpiry);

        add("no kid, RS256 key found by type", signToken(JwtAlgorithm::RS256, claims(), QByteArray()), claims());
        add("no kid, EdDSA key found by type", signToken(JwtAlgorithm::EdDSA, claims(), QByteArray()), claims());
        const QJsonObject sharedKid = keySet({ rsaJwk(str("shared")), okpJwk(str("shared")) });
        add("kid shared by RSA and OKP keys, RS256", signToken(JwtAlgorithm::RS256, claims(), "shared"), claims(),
            sharedKid);
        add("kid shared by RSA and OKP keys, EdDSA", signToken(JwtAlgorithm::EdDSA, claims(), "shared"), claims(),
            sharedKid);
        QJsonObject bare = rsaJwk();
        bare.remove(str("alg"));
        bare.remove(str("use"));
        add("key without alg and use", signToken(JwtAlgorithm::RS256, claims()), claims(), keySet({ bare }));
        QJsonObject verifyOnly = okpJwk();
        verifyOnly.insert(str("key_ops"), QJsonArray { str("verify") });
        add("key_ops verify", signToken(JwtAlgorithm::EdDSA, claims()), claims(), keySet({ verifyOnly }));

        // Someone else's token, byte for byte as RFC 7515 publishes it (no kid, CRLF inside the payload).
        JwtVerifyOptions rfc;
        rfc.issuer = str("joe");
        rfc.now = 1300819380 - 3600;
        const QJsonObject rfcClaims { { str("iss"), str("joe") }, { str("exp"), 1300819380 },
            { str("http://example.com/is_root"), true } };
        const QJsonObject rfcKey { { str("kty"), str("RSA") }, { str("n"), str(rfc7515Modulus) },
            { str("e"), str("AQAB") } };
        add("RFC 7515 appendix A.2", rfc7515Token, rfcClaims, keySet({ rfcKey }), rfc);

        JwtVerifyOptions systemClock = options();
        systemClock.now = 0;
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        c = claims();
        c.insert(str("iat"), now);
        c.insert(str("exp"), now + 600);
        add("valid by the system clock", signToken(JwtAlgorithm::EdDSA, c), c, defaultKeySet(), systemClock);
    }

    void accepts()
    {
        QFETCH(QByteArray, token);
        QFETCH(QJsonObject, jwks);
        QFETCH(JwtVerifyOptions, verifyOptions);
        QFETCH(QJsonObject, expectedClaims);
        const auto result = JwtVerifier::verify(token, jwks, verifyOptions);
        QVERIFY2(result, why(result).constData());
        QCOMPARE(result.value(), expectedClaims);
    }

    void rejects_data()
    {
        using E = JwtVerifier::Error;
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QJsonObject>("jwks");
        QTest::addColumn<JwtVerifyOptions>("verifyOptions");
        QTest::addColumn<JwtVerifier::Error>("error");
        const auto add
            = [](const char *name, const QByteArray &token, E error, const QJsonObject &jwks = defaultKeySet(),
                  const JwtVerifyOptions &verifyOptions = options()) {
                  QTest::newRow(name) << token << jwks << verifyOptions << error;
              };
        const QByteArray rs = signToken(JwtAlgorithm::RS256, claims());
        const QByteArray ed = signToken(JwtAlgorithm::EdDSA, claims());
        const Parts rsParts = split(rs);
        const Parts edParts = split(ed);
        const QByteArray tamperedClaims = json(claimsWith("sub", str("admin")));

        // The signature.
        add("RS256 payload tampered", withPayload(rs, tamperedClaims), E::BadSignature);
        add("EdDSA payload tampered", withPayload(ed, tamperedClaims), E::BadSignature);
        add("RS256 signature tampered", withSignature(rs, flipped(unb64(rsParts.signature))), E::BadSignature);
        add("EdDSA signature tampered", withSignature(ed, flipped(unb64(edParts.signature))), E::BadSignature);
        add("RS256 signature truncated", withSignature(rs, unb64(rsParts.signature).chopped(1)), E::BadSignature);
        add("EdDSA signature empty", withSignature(ed, {}), E::BadSignature);
        add("RS256 signature of other claims",
            withSignatureText(rs, split(signToken(JwtAlgorithm::RS256, claimsWith("sub", str("other")))).signature),
            E::BadSignature);

        // The algorithm.
        add("alg none, empty signature", b64(R"({"alg":"none","typ":"JWT"})") + '.' + rsParts.payload + '.',
            E::UnsupportedAlgorithm);
        add("alg none with a kid and a signature", withHeader(rs, R"({"alg":"none","kid":"rsa-1","typ":"JWT"})"),
            E::UnsupportedAlgorithm);
        add("alg NONE", b64(R"({"alg":"NONE"})") + '.' + rsParts.payload + '.', E::UnsupportedAlgorithm);
        add("alg rs256", withHeader(rs, R"({"alg":"rs256","kid":"rsa-1"})"), E::UnsupportedAlgorithm);
        add("RS256 token relabelled EdDSA", withHeader(rs, R"({"alg":"EdDSA","kid":"rsa-1","typ":"JWT"})"),
            E::UnsupportedAlgorithm);
        add("EdDSA token relabelled RS256", withHeader(ed, R"({"alg":"RS256","kid":"ed-1","typ":"JWT"})"),
            E::UnsupportedAlgorithm);
        // Without a kid the Ed25519 key is tried, and the RSA signature does not verify under it.
        add("RS256 token relabelled EdDSA, no kid", withHeader(rs, R"({"alg":"EdDSA","typ":"JWT"})"), E::BadSignature);
        const QByteArray hsHeader = R"({"alg":"HS256","kid":"rsa-1","typ":"JWT"})";
        add("HS256 keyed with the RSA public key PEM", hs256(hsHeader, rsParts.payload, rsaPublicPem),
            E::UnsupportedAlgorithm);
        add("HS256 keyed with the RSA modulus", hs256(hsHeader, rsParts.payload, unb64(rsaModulus)),
            E::UnsupportedAlgorithm);
        add("HS256 keyed with the JWK", hs256(hsHeader, rsParts.payload, json(rsaJwk())), E::UnsupportedAlgorithm);
        const QJsonObject octKey { { str("kty"), str("oct") }, { str("kid"), str("hmac-1") },
            { str("alg"), str("HS256") }, { str("k"), QString::fromLatin1(b64("shared secret")) } };
        add("HS256 with a symmetric key in the key set",
            hs256(R"({"alg":"HS256","kid":"hmac-1"})", rsParts.payload, "shared secret"), E::UnsupportedAlgorithm,
            keySet({ rsaJwk(), okpJwk(), octKey }));
        add("RS512", withHeader(rs, R"({"alg":"RS512","kid":"rsa-1"})"), E::UnsupportedAlgorithm);
        add("PS256", withHeader(rs, R"({"alg":"PS256","kid":"rsa-1"})"), E::UnsupportedAlgorithm);
        add("ES256", withHeader(ed, R"({"alg":"ES256","kid":"ed-1"})"), E::UnsupportedAlgorithm);
        JwtVerifyOptions onlyEdDSA = options();
        onlyEdDSA.allowedAlgorithms = { JwtAlgorithm::EdDSA };
        add("RS256 when only EdDSA is allowed", rs, E::UnsupportedAlgorithm, defaultKeySet(), onlyEdDSA);
        QJsonObject rs512Key = rsaJwk();
        rs512Key.insert(str("alg"), str("RS512"));
        add("key restricted to another alg", rs, E::UnsupportedAlgorithm, keySet({ rs512Key, okpJwk() }));

        // The key.
        add("unknown kid", signToken(JwtAlgorithm::RS256, claims(), "rsa-2"), E::UnknownKey);
        add("kid missing from the key set", rs, E::UnknownKey, keySet({ okpJwk() }));
        add("no kid and no key of the type", signToken(JwtAlgorithm::RS256, claims(), QByteArray()), E::UnknownKey,
            keySet({ okpJwk() }));
        add("empty key set", rs, E::UnknownKey, keySet({}));
        add("no key set", rs, E::UnknownKey, QJsonObject());
        QJsonObject encryptionKey = rsaJwk();
        encryptionKey.insert(str("use"), str("enc"));
        add("key for encryption", rs, E::UnknownKey, keySet({ encryptionKey, okpJwk() }));
        QJsonObject wrapKey = rsaJwk();
        wrapKey.insert(str("key_ops"), QJsonArray { str("wrapKey") });
        add("key_ops without verify", rs, E::UnknownKey, keySet({ wrapKey, okpJwk() }));
        add("RSA key of 1024 bits", rs, E::UnknownKey,
            keySet({ rsaJwk(str("rsa-1"), b64(unb64(rsaModulus).left(128))), okpJwk() }));
        QJsonObject shortX = okpJwk();
        shortX.insert(str("x"), QString::fromLatin1(b64(unb64(ed25519Public).left(31))));
        add("Ed25519 key of 31 bytes", ed, E::UnknownKey, keySet({ rsaJwk(), shortX }));

        // Time.
        add("expired beyond the leeway", signToken(JwtAlgorithm::RS256, claimsWith("exp", testNow - 61)), E::Expired);
        add("expired at the edge of the leeway", signToken(JwtAlgorithm::EdDSA, claimsWith("exp", testNow - 60)),
            E::Expired);
        JwtVerifyOptions noLeeway = options();
        noLeeway.leewaySeconds = 0;
        add("expiring now, no leeway", signToken(JwtAlgorithm::RS256, claimsWith("exp", testNow)), E::Expired,
            defaultKeySet(), noLeeway);
        JwtVerifyOptions systemClock = options();
        systemClock.now = 0;
        QJsonObject old = claims();
        old.insert(str("iat"), 1000);
        old.insert(str("exp"), 1600);
        add("expired by the system clock", signToken(JwtAlgorithm::RS256, old), E::Expired, defaultKeySet(),
            systemClock);
        add("nbf in the future", signToken(JwtAlgorithm::RS256, claimsWith("nbf", testNow + 61)), E::NotYetValid);
        add("iat in the future", signToken(JwtAlgorithm::EdDSA, claimsWith("iat", testNow + 3600)), E::NotYetValid);

        // Issuer and audience.
        add("wrong issuer", signToken(JwtAlgorithm::RS256, claimsWith("iss", str("https://evil.example"))),
            E::WrongIssuer);
        add("issuer with a trailing slash",
            signToken(JwtAlgorithm::EdDSA, claimsWith("iss", str("https://id.mattranso.test/"))), E::WrongIssuer);
        add("no issuer", signToken(JwtAlgorithm::RS256, claimsWith("iss", QJsonValue::Undefined)), E::WrongIssuer);
        add("wrong audience, string", signToken(JwtAlgorithm::RS256, claimsWith("aud", str("mattranso-web"))),
            E::WrongAudience);
        add("wrong audience, array",
            signToken(JwtAlgorithm::EdDSA, claimsWith("aud", QJsonArray { str("mattranso-web"), str("portal") })),
            E::WrongAudience);
        add("empty audience array", signToken(JwtAlgorithm::RS256, claimsWith("aud", QJsonArray())), E::WrongAudience);
        add("no audience", signToken(JwtAlgorithm::RS256, claimsWith("aud", QJsonValue::Undefined)), E::WrongAudience);

        // Claim types.
        add("no exp", signToken(JwtAlgorithm::RS256, claimsWith("exp", QJsonValue::Undefined)), E::Malformed);
        add("exp as a string", signToken(JwtAlgorithm::RS256, claimsWith("exp", str("1750000600"))), E::Malformed);
        add("nbf as a bool", signToken(JwtAlgorithm::EdDSA, claimsWith("nbf", true)), E::Malformed);
        add("iss as a number", signToken(JwtAlgorithm::RS256, claimsWith("iss", 42)), E::Malformed);
        add("aud array holding a number",
            signToken(JwtAlgorithm::RS256, claimsWith("aud", QJsonArray { str("mattranso-desktop"), 7 })),
            E::Malformed);

        // The form.
        add("empty", QByteArray(), E::Malformed);
        add("two parts", rsParts.header + '.' + rsParts.payload, E::Malformed);
        add("four parts", rs + '.' + rsParts.signature, E::Malformed);
        add("four parts, the last empty", rs + '.', E::Malformed);
        add("five parts", rs + '.' + rsParts.signature + '.' + rsParts.signature, E::Malformed);
        add("'+' in the payload", withPayloadText(rs, '+' + rsParts.payload.mid(1)), E::Malformed);
        add("'/' in the signature", withSignatureText(rs, '/' + rsParts.signature.mid(1)), E::Malformed);
        add("padded signature", withSignatureText(rs, rsParts.signature + "=="), E::Malformed);
        add("standard base64 signature", withSignatureText(rs, unb64(rsParts.signature).toBase64()), E::Malformed);
        add("non-canonical last character, RS256", withSignatureText(rs, nonCanonical(rsParts.signature)),
            E::Malformed);
        add("non-canonical last character, EdDSA", withSignatureText(ed, nonCanonical(edParts.signature)),
            E::Malformed);
        add("line break inside", withPayloadText(rs, rsParts.payload.left(8) + '\n' + rsParts.payload.mid(8)),
            E::Malformed);
        add("trailing newline", rs + '\n', E::Malformed);
        add("header not JSON", withHeader(rs, "not json"), E::Malformed);
        add("header is an array", withHeader(rs, R"(["RS256"])"), E::Malformed);
        add("header not UTF-8", withHeader(rs, "{\"alg\":\"RS256\",\"kid\":\"\xff\"}"), E::Malformed);
        add("payload not JSON", withPayload(rs, "hello"), E::Malformed);
        add("payload is a JSON string", withPayload(rs, R"("hello")"), E::Malformed);
        add("payload with trailing garbage", withPayload(rs, json(claims()) + " x"), E::Malformed);
        add("header without alg", withHeader(rs, R"({"kid":"rsa-1","typ":"JWT"})"), E::Malformed);
        add("alg not a string", withHeader(rs, R"({"alg":256,"kid":"rsa-1"})"), E::Malformed);
        // Were duplicates ignored, the parser would keep the last member and these would fail only as BadSignature.
        add("duplicate alg", withHeader(rs, R"({"alg":"none","alg":"RS256","kid":"rsa-1","typ":"JWT"})"), E::Malformed);
        add("duplicate alg, escaped", withHeader(rs, R"({"alg":"RS256","kid":"rsa-1","typ":"JWT","\u0061lg":"RS256"})"),
            E::Malformed);
        add("duplicate exp", withPayload(rs, "{\"exp\":1," + json(claims()).mid(1)), E::Malformed);
        add("crit header", withHeader(rs, R"({"alg":"RS256","kid":"rsa-1","crit":["exp"],"exp":1})"), E::Malformed);
        add("b64 false", withHeader(rs, R"({"alg":"RS256","kid":"rsa-1","b64":false})"), E::Malformed);
        add("nested JWT", withHeader(rs, R"({"alg":"RS256","kid":"rsa-1","cty":"JWT"})"), E::Malformed);
        add("kid not a string", withHeader(rs, R"({"alg":"RS256","kid":1})"), E::Malformed);
        // Validly signed, but too large to be worth parsing.
        add("longer than 64 KiB", signToken(JwtAlgorithm::RS256, claimsWith("pad", QString(70000, u'a'))),
            E::Malformed);
    }

    void rejects()
    {
        QFETCH(QByteArray, token);
        QFETCH(QJsonObject, jwks);
        QFETCH(JwtVerifyOptions, verifyOptions);
        QFETCH(JwtVerifier::Error, error);
        const auto result = JwtVerifier::verify(token, jwks, verifyOptions);
        QVERIFY2(!result, "the token was accepted");
        QCOMPARE(result.error().code, error);
        QVERIFY(!result.error().message.isEmpty());
    }

    void signerRefusesBadKeys_data()
    {
        QTest::addColumn<JwtAlgorithm>("algorithm");
        QTest::addColumn<QByteArray>("material");
        QByteArray otherPublicHalf = ed25519Material();
        otherPublicHalf[63] = char(otherPublicHalf.at(63) ^ 0x01);
        QTest::newRow("RS256, garbage") << JwtAlgorithm::RS256 << QByteArray("not a key");
        QTest::newRow("RS256, empty") << JwtAlgorithm::RS256 << QByteArray();
        QTest::newRow("RS256, public key") << JwtAlgorithm::RS256 << QByteArray(rsaPublicPem);
        QTest::newRow("RS256, RSA 1024") << JwtAlgorithm::RS256 << QByteArray(rsa1024PrivatePem);
        QTest::newRow("RS256, Ed25519 PEM") << JwtAlgorithm::RS256 << QByteArray(ed25519PrivatePem);
        QTest::newRow("RS256, Ed25519 raw") << JwtAlgorithm::RS256 << ed25519Material();
        QTest::newRow("EdDSA, 63 bytes") << JwtAlgorithm::EdDSA << ed25519Material().chopped(1);
        QTest::newRow("EdDSA, empty") << JwtAlgorithm::EdDSA << QByteArray();
        QTest::newRow("EdDSA, public half of another key") << JwtAlgorithm::EdDSA << otherPublicHalf;
        QTest::newRow("EdDSA, RSA PEM") << JwtAlgorithm::EdDSA << QByteArray(rsaPrivatePem);
    }

    void signerRefusesBadKeys()
    {
        QFETCH(JwtAlgorithm, algorithm);
        QFETCH(QByteArray, material);
        const auto result = JwtSigner::sign(algorithm, "k", material, claims());
        QVERIFY2(!result, "signed with a bad key");
        QCOMPARE(result.error().code, JwtSigner::Error::InvalidKey);
    }

    void thumbprint_data()
    {
        QTest::addColumn<QJsonObject>("jwk");
        QTest::addColumn<QByteArray>("expected");
        const QJsonObject rsa { { str("kty"), str("RSA") }, { str("n"), str(rfc7638Modulus) },
            { str("e"), str("AQAB") } };
        QJsonObject decorated = rsa;
        decorated.insert(str("kid"), str("2011-04-29"));
        decorated.insert(str("alg"), str("RS256"));
        decorated.insert(str("use"), str("sig"));
        const QJsonObject okp { { str("kty"), str("OKP") }, { str("crv"), str("Ed25519") },
            { str("x"), str(ed25519Public) } };
        QJsonObject okpWithSeed = okp;
        okpWithSeed.insert(str("d"), str(ed25519Seed));
        QJsonObject noExponent = rsa;
        noExponent.remove(str("e"));
        QJsonObject quoteInModulus = rsa;
        quoteInModulus.insert(str("n"), str("AQAB\",\"x\":\"y"));
        QJsonObject ed448 = okp;
        ed448.insert(str("crv"), str("Ed448"));
        QTest::newRow("RFC 7638 RSA") << rsa << QByteArray(rfc7638Thumbprint);
        QTest::newRow("RFC 7638 RSA with optional members") << decorated << QByteArray(rfc7638Thumbprint);
        QTest::newRow("RFC 8037 Ed25519") << okp << QByteArray(rfc8037Thumbprint);
        QTest::newRow("RFC 8037 Ed25519 with d") << okpWithSeed << QByteArray(rfc8037Thumbprint);
        QTest::newRow("RSA without e") << noExponent << QByteArray();
        QTest::newRow("quote in n") << quoteInModulus << QByteArray();
        QTest::newRow("Ed448") << ed448 << QByteArray();
        QTest::newRow("oct") << QJsonObject { { str("kty"), str("oct") }, { str("k"), str("AQAB") } } << QByteArray();
        QTest::newRow("empty") << QJsonObject() << QByteArray();
    }

    void thumbprint()
    {
        QFETCH(QJsonObject, jwk);
        QFETCH(QByteArray, expected);
        QCOMPARE(jwkThumbprint(jwk), expected);
    }

    // Interoperability rather than self-consistency: a token signed by the openssl tool, from a key it made,
    // verifies here against a JWK built from that key's numbers.
    void opensslSignsWeVerify_data()
    {
        QTest::addColumn<JwtAlgorithm>("algorithm");
        QTest::newRow("RS256") << JwtAlgorithm::RS256;
        QTest::newRow("EdDSA") << JwtAlgorithm::EdDSA;
    }

    void opensslSignsWeVerify()
    {
        QFETCH(JwtAlgorithm, algorithm);
        if (opensslPath().isEmpty())
            QSKIP("the openssl command-line tool is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString key = dir.filePath(str("key.pem"));
        const QString input = dir.filePath(str("input.txt"));
        const QString signature = dir.filePath(str("signature.bin"));
        QString error;
        QJsonObject jwk { { str("kid"), str("cli-key") }, { str("use"), str("sig") },
            { str("alg"), jwtAlgorithmName(algorithm) } };
        if (algorithm == JwtAlgorithm::RS256) {
            QVERIFY2(runOpenssl({ str("genpkey"), str("-algorithm"), str("RSA"), str("-pkeyopt"),
                                    str("rsa_keygen_bits:2048"), str("-out"), key },
                         error),
                qPrintable(error));
            const auto modulus = runOpenssl({ str("rsa"), str("-in"), key, str("-noout"), str("-modulus") }, error);
            QVERIFY2(modulus, qPrintable(error));
            QVERIFY(modulus->startsWith("Modulus="));
            const auto text = runOpenssl({ str("rsa"), str("-in"), key, str("-noout"), str("-text") }, error);
            QVERIFY2(text, qPrintable(error));
            const QRegularExpressionMatch exponent
                = QRegularExpression(str(R"(publicExponent: \d+ \(0x([0-9a-fA-F]+)\))"))
                      .match(QString::fromLatin1(*text));
            QVERIFY(exponent.hasMatch());
            QByteArray exponentHex = exponent.captured(1).toLatin1();
            if (exponentHex.size() % 2 != 0)
                exponentHex.prepend('0');
            jwk.insert(str("kty"), str("RSA"));
            jwk.insert(str("n"), QString::fromLatin1(b64(QByteArray::fromHex(modulus->trimmed().mid(8)))));
            jwk.insert(str("e"), QString::fromLatin1(b64(QByteArray::fromHex(exponentHex))));
            QCOMPARE(unb64(jwk.value(u"n").toString().toLatin1()).size(), 256);
        } else {
            QVERIFY2(runOpenssl({ str("genpkey"), str("-algorithm"), str("ed25519"), str("-out"), key }, error),
                qPrintable(error));
            // SubjectPublicKeyInfo DER of Ed25519: a 12-byte prefix, then the 32-byte public key.
            const auto spki
                = runOpenssl({ str("pkey"), str("-in"), key, str("-pubout"), str("-outform"), str("DER") }, error);
            QVERIFY2(spki, qPrintable(error));
            QCOMPARE(spki->size(), 44);
            jwk.insert(str("kty"), str("OKP"));
            jwk.insert(str("crv"), str("Ed25519"));
            jwk.insert(str("x"), QString::fromLatin1(b64(spki->right(32))));
        }

        const QByteArray header = "{\"alg\":\"" + jwtAlgorithmName(algorithm).toLatin1() + "\",\"kid\":\"cli-key\"}";
        const QByteArray signingInput = b64(header) + '.' + b64(json(claims()));
        QVERIFY(writeFile(input, signingInput));
        const QStringList sign = algorithm == JwtAlgorithm::RS256
            ? QStringList { str("dgst"), str("-sha256"), str("-sign"), key, str("-out"), signature, input }
            : QStringList { str("pkeyutl"), str("-sign"), str("-rawin"), str("-inkey"), key, str("-in"), input,
                  str("-out"), signature };
        QVERIFY2(runOpenssl(sign, error), qPrintable(error));
        const QByteArray token = signingInput + '.' + b64(readFile(signature));

        const auto verified = JwtVerifier::verify(token, keySet({ jwk }), options());
        QVERIFY2(verified, why(verified).constData());
        QCOMPARE(verified.value(), claims());
        // The signature is really checked: the same signature over other claims fails.
        const auto forged = JwtVerifier::verify(
            withPayload(token, json(claimsWith("sub", str("admin")))), keySet({ jwk }), options());
        QVERIFY(!forged);
        QCOMPARE(forged.error().code, JwtVerifier::Error::BadSignature);
    }

    // And the other way: what we sign, with a key the openssl tool made, the openssl tool verifies.
    void weSignOpensslVerifies_data() { opensslSignsWeVerify_data(); }

    void weSignOpensslVerifies()
    {
        QFETCH(JwtAlgorithm, algorithm);
        if (opensslPath().isEmpty())
            QSKIP("the openssl command-line tool is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString key = dir.filePath(str("key.pem"));
        const QString publicKey = dir.filePath(str("public.pem"));
        const QString input = dir.filePath(str("input.txt"));
        const QString signature = dir.filePath(str("signature.bin"));
        QString error;
        QByteArray material;
        if (algorithm == JwtAlgorithm::RS256) {
            QVERIFY2(runOpenssl({ str("genpkey"), str("-algorithm"), str("RSA"), str("-pkeyopt"),
                                    str("rsa_keygen_bits:2048"), str("-out"), key },
                         error),
                qPrintable(error));
            material = readFile(key);
        } else {
            QVERIFY2(runOpenssl({ str("genpkey"), str("-algorithm"), str("ed25519"), str("-out"), key }, error),
                qPrintable(error));
            // PKCS#8 DER of Ed25519 ends with the 32-byte seed, its SubjectPublicKeyInfo with the public key.
            const auto pkcs8 = runOpenssl({ str("pkey"), str("-in"), key, str("-outform"), str("DER") }, error);
            QVERIFY2(pkcs8, qPrintable(error));
            const auto spki
                = runOpenssl({ str("pkey"), str("-in"), key, str("-pubout"), str("-outform"), str("DER") }, error);
            QVERIFY2(spki, qPrintable(error));
            QCOMPARE(pkcs8->size(), 48);
            QCOMPARE(spki->size(), 44);
            material = pkcs8->right(32) + spki->right(32);
        }
        QVERIFY2(runOpenssl({ str("pkey"), str("-in"), key, str("-pubout"), str("-out"), publicKey }, error),
            qPrintable(error));

        const auto token = JwtSigner::sign(algorithm, "cli-key", material, claims());
        QVERIFY2(token, why(token).constData());
        const Parts parts = split(token.value());
        QVERIFY(writeFile(input, parts.header + '.' + parts.payload));
        QVERIFY(writeFile(signature, unb64(parts.signature)));
        const QStringList verify = algorithm == JwtAlgorithm::RS256
            ? QStringList { str("dgst"), str("-sha256"), str("-verify"), publicKey, str("-signature"), signature,
                  input }
            : QStringList { str("pkeyutl"), str("-verify"), str("-pubin"), str("-inkey"), publicKey, str("-rawin"),
                  str("-in"), input, str("-sigfile"), signature };
        QVERIFY2(runOpenssl(verify, error), qPrintable(error));
        // The tool's check is real: it refuses the same signature over a changed input.
        QVERIFY(writeFile(input, parts.header + '.' + b64(json(claimsWith("sub", str("admin"))))));
        QVERIFY(!runOpenssl(verify, error));
    }

    void signerRefusesEncryptedPem()
    {
        if (opensslPath().isEmpty())
            QSKIP("the openssl command-line tool is not installed");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString key = dir.filePath(str("key.pem"));
        QString error;
        QVERIFY2(
            runOpenssl({ str("genpkey"), str("-algorithm"), str("RSA"), str("-pkeyopt"), str("rsa_keygen_bits:2048"),
                           str("-aes256"), str("-pass"), str("pass:secret"), str("-out"), key },
                error),
            qPrintable(error));
        const QByteArray material = readFile(key);
        QVERIFY(material.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        // Refused without asking for a password on the terminal.
        const auto result = JwtSigner::sign(JwtAlgorithm::RS256, "k", material, claims());
        QVERIFY(!result);
        QCOMPARE(result.error().code, JwtSigner::Error::InvalidKey);
    }
};

QTEST_GUILESS_MAIN(tst_Jwt)
#include "tst_jwt.moc"
