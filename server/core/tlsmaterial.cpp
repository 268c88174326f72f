// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tlsmaterial.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QNetworkInterface>
#include <QSaveFile>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

Q_LOGGING_CATEGORY(lcTls, "mts.server.tls")

namespace mts {

namespace {

template <typename T, void (*Free)(T *)>
using OpenSslPtr = std::unique_ptr<T, decltype([](T *p) { Free(p); })>;

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, size);
}

bool addExtension(X509 *certificate, int nid, const QByteArray &value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    OpenSslPtr<X509_EXTENSION, X509_EXTENSION_free> extension(
        X509V3_EXT_conf_nid(nullptr, &context, nid, value.constData()));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

Result<QByteArray, TlsMaterial::Error> readFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return mts::Error<TlsMaterial::Error> { TlsMaterial::Error::Unreadable,
            QStringLiteral("cannot read %1: %2").arg(fileName, file.errorString()) };
    return file.readAll();
}

} // namespace

Result<std::pair<QByteArray, QByteArray>, TlsMaterial::Error> TlsMaterial::createSelfSigned(
    const QStringList &hostNames, const QStringList &addresses)
{
    auto fail = [](const char *what) {
        return mts::Error<TlsMaterial::Error> { Error::CannotCreate,
            QStringLiteral("cannot create the certificate: %1").arg(QString::fromLatin1(what)) };
    };
    OpenSslPtr<EVP_PKEY, EVP_PKEY_free> key(EVP_EC_gen("P-256"));
    if (!key)
        return fail("key generation failed");
    OpenSslPtr<X509, X509_free> certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), 2) != 1)
        return fail("X509_new failed");
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1)
        return fail("no randomness");
    serial[0] &= 0x7f; // a positive serial number
    OpenSslPtr<BIGNUM, BN_free> serialNumber(BN_bin2bn(serial, sizeof serial, nullptr));
    BN_to_ASN1_INTEGER(serialNumber.get(), X509_get_serialNumber(certificate.get()));
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600); // tolerate a client clock slightly behind
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 5L * 365 * 24 * 3600);
    X509_set_pubkey(certificate.get(), key.get());

    X509_NAME *name = X509_get_subject_name(certificate.get());
    const QByteArray commonName = hostNames.value(0, QStringLiteral("localhost")).toUtf8();
    const QByteArray organization = QStringLiteral("Mặt trận số").toUtf8();
    X509_NAME_add_entry_by_txt(
        name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(organization.constData()), -1, -1, 0);
    X509_NAME_add_entry_by_txt(
        name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(commonName.constData()), -1, -1, 0);
    X509_set_issuer_name(certificate.get(), name);

    QStringList alternativeNames;
    for (const QString &host : hostNames)
        alternativeNames.append(QStringLiteral("DNS:") + host);
    for (const QString &address : addresses)
        alternativeNames.append(QStringLiteral("IP:") + address);
    // A self-signed certificate is its own trust anchor when pinned; CA:TRUE keeps every TLS stack happy with that.
    if (!addExtension(certificate.get(), NID_basic_constraints, "critical,CA:TRUE")
        || !addExtension(certificate.get(), NID_key_usage, "critical,digitalSignature,keyCertSign")
        || !addExtension(certificate.get(), NID_ext_key_usage, "serverAuth")
        || !addExtension(certificate.get(), NID_subject_key_identifier, "hash")
        || !addExtension(certificate.get(), NID_subject_alt_name, alternativeNames.join(u',').toLatin1()))
        return fail("extension rejected");
    if (X509_sign(certificate.get(), key.get(), EVP_sha256()) == 0)
        return fail("signing failed");

    OpenSslPtr<BIO, BIO_free_all> certificateBio(BIO_new(BIO_s_mem()));
    OpenSslPtr<BIO, BIO_free_all> keyBio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_X509(certificateBio.get(), certificate.get()) != 1
        || PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return fail("PEM encoding failed");
    return std::pair { bioContents(certificateBio.get()), bioContents(keyBio.get()) };
}

Result<TlsMaterial, TlsMaterial::Error> TlsMaterial::load(const QString &certificateFile, const QString &keyFile)
{
    auto certificatePem = readFile(certificateFile);
    if (!certificatePem)
        return certificatePem.error();
    auto keyPem = readFile(keyFile);
    if (!keyPem)
        return keyPem.error();
    TlsMaterial material;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificatePem.value(), QSsl::Pem);
    if (chain.isEmpty())
        return mts::Error<TlsMaterial::Error> { Error::Invalid,
            QStringLiteral("%1 holds no PEM certificate").arg(certificateFile) };
    material.m_certificate = chain.first();
    for (QSsl::KeyAlgorithm algorithm : { QSsl::Ec, QSsl::Rsa }) {
        material.m_key = QSslKey(keyPem.value(), algorithm, QSsl::Pem);
        if (!material.m_key.isNull())
            break;
    }
    if (material.m_key.isNull())
        return mts::Error<TlsMaterial::Error> { Error::Invalid,
            QStringLiteral("%1 holds no unencrypted EC or RSA private key").arg(keyFile) };
    material.m_certificateFile = certificateFile;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (material.m_certificate.expiryDate() < now)
        qCWarning(lcTls).noquote() << "the certificate" << certificateFile << "EXPIRED on"
                                   << material.m_certificate.expiryDate().toString(Qt::ISODate)
                                   << "- clients will refuse to connect; renew it";
    else if (material.m_certificate.expiryDate() < now.addDays(30))
        qCWarning(lcTls).noquote() << "the certificate" << certificateFile << "expires on"
                                   << material.m_certificate.expiryDate().toString(Qt::ISODate) << "- renew it soon";
    return material;
}

Result<TlsMaterial, TlsMaterial::Error> TlsMaterial::loadOrCreateSelfSigned(const QString &dataDir)
{
    const QDir tlsDir(QDir(dataDir).filePath(QStringLiteral("tls")));
    const QString certificateFile = tlsDir.filePath(QStringLiteral("server.crt"));
    const QString keyFile = tlsDir.filePath(QStringLiteral("server.key"));
    if (!QFile::exists(certificateFile) || !QFile::exists(keyFile)) {
        if (!tlsDir.mkpath(QStringLiteral(".")))
            return mts::Error<TlsMaterial::Error> { Error::CannotCreate,
                QStringLiteral("cannot create the folder %1").arg(tlsDir.path()) };
        QStringList hostNames { QStringLiteral("localhost") };
        const QString hostName = QHostInfo::localHostName();
        if (!hostName.isEmpty() && hostName != QLatin1String("localhost"))
            hostNames.append(hostName);
        QStringList addresses { QStringLiteral("127.0.0.1"), QStringLiteral("::1") };
        for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
            if (!address.isLoopback() && !address.isLinkLocal() && address.scopeId().isEmpty())
                addresses.append(address.toString());
        }
        auto pair = createSelfSigned(hostNames, addresses);
        if (!pair)
            return pair.error();
        // The key first, readable by the owner only; the certificate last, so a crash in between
        // leaves no certificate without its key.
        for (const auto &[fileName, contents, permissions] :
            { std::tuple { keyFile, pair.value().second, QFile::ReadOwner | QFile::WriteOwner },
                std::tuple { certificateFile, pair.value().first,
                    QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther } }) {
            QSaveFile file(fileName);
            if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(permissions) || file.write(contents) < 0
                || !file.commit())
                return mts::Error<TlsMaterial::Error> { Error::CannotCreate,
                    QStringLiteral("cannot write %1: %2").arg(fileName, file.errorString()) };
        }
        qCInfo(lcTls) << "created a self-signed certificate in" << tlsDir.path();
    }
    return load(certificateFile, keyFile);
}

QString TlsMaterial::fingerprint() const
{
    return QString::fromLatin1(m_certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QSslConfiguration TlsMaterial::serverConfiguration() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(m_certificate);
    configuration.setPrivateKey(m_key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

} // namespace mts
