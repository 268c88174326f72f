// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A relying party written only from the specifications, sharing no code with the server or the desktop client:
// OpenID Connect Discovery 1.0, RFC 7517 (JWK), RFC 7518 (RS256), RFC 6749 + RFC 7636 (code flow with PKCE),
// OpenID Connect Core §3.1.3.7 (ID token validation). It verifies the ID token signature itself with OpenSSL,
// from the published JWKS, as a third-party web application of the Front would.
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

using mts::test::HttpClient;
using mts::test::ServerProcess;

namespace {

QByteArray b64url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray unb64url(const QByteArray &text)
{
    return QByteArray::fromBase64(text, QByteArray::Base64UrlEncoding);
}

/// RS256 signature check of `signingInput` with the RSA JWK (n, e), written from RFC 7518 §3.3 and §6.3.
bool verifyRs256(const QJsonObject &jwk, const QByteArray &signingInput, const QByteArray &signature)
{
    const QByteArray n = unb64url(jwk.value(QLatin1String("n")).toString().toLatin1());
    const QByteArray e = unb64url(jwk.value(QLatin1String("e")).toString().toLatin1());
    BIGNUM *bn = BN_bin2bn(reinterpret_cast<const unsigned char *>(n.constData()), int(n.size()), nullptr);
    BIGNUM *be = BN_bin2bn(reinterpret_cast<const unsigned char *>(e.constData()), int(e.size()), nullptr);
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, bn);
    OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, be);
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(builder);
    EVP_PKEY_CTX *context = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
    EVP_PKEY *key = nullptr;
    bool ok = context && EVP_PKEY_fromdata_init(context) == 1
        && EVP_PKEY_fromdata(context, &key, EVP_PKEY_PUBLIC_KEY, params) == 1;
    if (ok) {
        EVP_MD_CTX *md = EVP_MD_CTX_new();
        ok = EVP_DigestVerifyInit(md, nullptr, EVP_sha256(), nullptr, key) == 1
            && EVP_DigestVerify(md, reinterpret_cast<const unsigned char *>(signature.constData()),
                   size_t(signature.size()), reinterpret_cast<const unsigned char *>(signingInput.constData()),
                   size_t(signingInput.size()))
                == 1;
        EVP_MD_CTX_free(md);
    }
    EVP_PKEY_free(key);
    EVP_PKEY_CTX_free(context);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(builder);
    BN_free(bn);
    BN_free(be);
    return ok;
}

} // namespace

class tst_RelyingParty : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ServerProcess> m_server;

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>(QStringList { QStringLiteral("--demo") });
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
    }

    void confidentialClientSignsIn()
    {
        // The administrator registers the web application (as documented for `mattranso-server client add`).
        const QString redirect = QStringLiteral("https://pakn.example.vn/oidc/callback");
        const auto added = m_server->admin(
            { QStringLiteral("client"), QStringLiteral("add"), QStringLiteral("pakn-portal"), QStringLiteral("--name"),
                QStringLiteral("Cổng phản ánh kiến nghị"), QStringLiteral("--redirect-uri"), redirect });
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        const QString printed = added.out;
        const QString secret = QRegularExpression(QStringLiteral("client_secret: (\\S+)")).match(printed).captured(1);
        QVERIFY(!secret.isEmpty());

        HttpClient http(m_server->certificate());
        // Discovery (OpenID Connect Discovery 1.0 §4): the issuer is the URL the document was fetched from.
        const QUrl issuer = m_server->url();
        const auto discovery = http.get(QUrl(issuer.toString() + QStringLiteral("/.well-known/openid-configuration")));
        QCOMPARE(discovery.status, 200);
        const QJsonObject config = discovery.json();
        QCOMPARE(config.value(QLatin1String("issuer")).toString(), issuer.toString());

        // Authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3).
        const QByteArray verifier
            = b64url(QByteArray::number(QRandomGenerator::system()->generate64(), 16).repeated(4));
        const QString state = QString::number(QRandomGenerator::system()->generate());
        const QString nonce = QString::number(QRandomGenerator::system()->generate());
        QUrl authorize(config.value(QLatin1String("authorization_endpoint")).toString());
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
        query.addQueryItem(QStringLiteral("client_id"), QStringLiteral("pakn-portal"));
        query.addQueryItem(QStringLiteral("redirect_uri"), redirect);
        query.addQueryItem(QStringLiteral("scope"), QStringLiteral("openid profile"));
        query.addQueryItem(QStringLiteral("state"), state);
        query.addQueryItem(QStringLiteral("nonce"), nonce);
        query.addQueryItem(QStringLiteral("code_challenge"),
            QString::fromLatin1(b64url(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256))));
        query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
        authorize.setQuery(query);
        const auto page = http.get(authorize);
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("Content-Type").startsWith("text/html"));

        // The user fills in the form the page shows.
        QUrlQuery form;
        static const QRegularExpression hidden(
            QStringLiteral("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">"));
        auto fields = hidden.globalMatch(QString::fromUtf8(page.body));
        while (fields.hasNext()) {
            const auto field = fields.next();
            form.addQueryItem(
                field.captured(1), QString(field.captured(2)).replace(QStringLiteral("&amp;"), QStringLiteral("&")));
        }
        form.addQueryItem(QStringLiteral("username"), QStringLiteral("trunguong"));
        form.addQueryItem(QStringLiteral("password"), QStringLiteral("matranso-demo"));
        authorize.setQuery(QString());
        const auto posted = http.postForm(authorize, form);
        QCOMPARE(posted.status, 302);
        const QUrl callback(QString::fromUtf8(posted.header("Location")));
        QCOMPARE(callback.adjusted(QUrl::RemoveQuery).toString(), redirect);
        const QUrlQuery answer(callback);
        QCOMPARE(answer.queryItemValue(QStringLiteral("state")), state);
        QCOMPARE(answer.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded), issuer.toString()); // RFC 9207

        // Token request with client_secret_basic (RFC 6749 §2.3.1, §4.1.3).
        QUrlQuery tokenForm;
        tokenForm.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
        tokenForm.addQueryItem(
            QStringLiteral("code"), answer.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded));
        tokenForm.addQueryItem(QStringLiteral("redirect_uri"), redirect);
        tokenForm.addQueryItem(QStringLiteral("code_verifier"), QString::fromLatin1(verifier));
        const QByteArray basic = QByteArray("pakn-portal:" + QUrl::toPercentEncoding(secret)).toBase64();
        const auto tokens = http.postForm(QUrl(config.value(QLatin1String("token_endpoint")).toString()), tokenForm,
            { { "Authorization", "Basic " + basic } });
        QCOMPARE(tokens.status, 200);
        const QByteArray idToken = tokens.json().value(QLatin1String("id_token")).toString().toLatin1();
        const QList<QByteArray> parts = idToken.split('.');
        QCOMPARE(parts.size(), 3);

        // ID token validation (OpenID Connect Core §3.1.3.7), signature checked against the JWKS with OpenSSL.
        const QJsonObject header = QJsonDocument::fromJson(unb64url(parts[0])).object();
        QCOMPARE(header.value(QLatin1String("alg")).toString(), QStringLiteral("RS256"));
        const auto jwks = http.get(QUrl(config.value(QLatin1String("jwks_uri")).toString()));
        QJsonObject jwk;
        for (const QJsonValue &key : jwks.json().value(QLatin1String("keys")).toArray()) {
            if (key.toObject().value(QLatin1String("kid")) == header.value(QLatin1String("kid")))
                jwk = key.toObject();
        }
        QCOMPARE(jwk.value(QLatin1String("kty")).toString(), QStringLiteral("RSA"));
        const QByteArray signingInput = parts[0] + '.' + parts[1];
        QVERIFY(verifyRs256(jwk, signingInput, unb64url(parts[2])));
        QByteArray tampered = unb64url(parts[2]);
        tampered[0] = char(tampered[0] ^ 0x40);
        QVERIFY(!verifyRs256(jwk, signingInput, tampered)); // the check can fail

        const QJsonObject claims = QJsonDocument::fromJson(unb64url(parts[1])).object();
        QCOMPARE(claims.value(QLatin1String("iss")).toString(), issuer.toString());
        QCOMPARE(claims.value(QLatin1String("aud")).toString(), QStringLiteral("pakn-portal"));
        QCOMPARE(claims.value(QLatin1String("nonce")).toString(), nonce);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QVERIFY(claims.value(QLatin1String("exp")).toInteger() > now);
        QVERIFY(claims.value(QLatin1String("iat")).toInteger() <= now + 60);
        QCOMPARE(claims.value(QLatin1String("preferred_username")).toString(), QStringLiteral("trunguong"));

        // UserInfo (Core §5.3) for the same subject.
        const auto info = http.get(QUrl(config.value(QLatin1String("userinfo_endpoint")).toString()),
            { { "Authorization",
                "Bearer " + tokens.json().value(QLatin1String("access_token")).toString().toLatin1() } });
        QCOMPARE(info.status, 200);
        QCOMPARE(info.json().value(QLatin1String("sub")), claims.value(QLatin1String("sub")));
    }

    void cleanupTestCase() { QCOMPARE(m_server->terminate(), 0); }
};

QTEST_GUILESS_MAIN(tst_RelyingParty)
#include "tst_relyingparty.moc"
