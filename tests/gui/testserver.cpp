// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "testserver.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRegularExpression>
#include <QTcpServer>

namespace mts::test {

namespace {

QString dataFile(const QString &fileName)
{
    return QStringLiteral(MTS_GUI_TEST_DATA) + u'/' + fileName;
}

QStringList serverArguments(const QString &certificateName)
{
    return { QStringLiteral("--tls-certificate"), dataFile(certificateName + QStringLiteral(".crt")),
        QStringLiteral("--tls-key"), dataFile(certificateName + QStringLiteral(".key")),
        // One debug line per answered request (ApiServer's afterRequest hook): what requestCount() counts.
        QStringLiteral("--log-rules"), QStringLiteral("mts.server.http.debug=true") };
}

} // namespace

QSslCertificate TestServer::certificateFile(const QString &name)
{
    QFile file(dataFile(name + QStringLiteral(".crt")));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(file.fileName()));
    return QSslCertificate(file.readAll(), QSsl::Pem);
}

TestServer::TestServer(const QString &certificateName)
    : m_certificate(certificateFile(certificateName))
    , m_process(serverArguments(certificateName))
{
}

bool TestServer::start()
{
    if (!m_process.start())
        return false;
    // The server prints the fingerprint of the certificate it serves, the way ServerCertificatePin does.
    const QString expected = QString::fromLatin1(m_certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    if (m_process.fingerprint() != expected) {
        m_problem = QStringLiteral("the server serves the certificate %1, not %2 from tests/gui/data")
                        .arg(m_process.fingerprint(), expected);
        return false;
    }
    return true;
}

QString TestServer::output()
{
    const QString printed = m_process.output();
    return m_problem.isEmpty() ? printed : printed + u'\n' + m_problem;
}

int TestServer::requestCount()
{
    // For example: `… D mts.server.http: QHttpServerRequest::Method::Get "/healthz" 200`.
    static const QRegularExpression answered(
        QStringLiteral(R"(mts\.server\.http: \S+ "/[^"]*" \d{3}$)"), QRegularExpression::MultilineOption);
    int count = 0;
    for (auto match = answered.globalMatch(m_process.output()); match.hasNext(); match.next())
        ++count;
    return count;
}

QUrl TestServer::refusingUrl()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        qFatal("cannot find a free port");
    const quint16 port = server.serverPort();
    server.close();
    return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port));
}

} // namespace mts::test
