// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/core/serverurl.h"

#include <QCoreApplication>
#include <QTest>
#include <QTranslator>

#include <optional>

using mts::ServerUrl;

namespace {

/// Answers every message of one context with a marker, so a test sees which context a message is looked up in.
class ContextTranslator : public QTranslator {
public:
    explicit ContextTranslator(const char *context)
        : m_context(context)
    {
    }
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *sourceText, const char *, int) const override
    {
        if (qstrcmp(context, m_context) != 0)
            return QString();
        return QStringLiteral("[translated] ") + QString::fromUtf8(sourceText);
    }

private:
    const char *m_context;
};

} // namespace

class tst_ServerUrl : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fromUserInput_data()
    {
        using Problem = ServerUrl::Problem;
        QTest::addColumn<QString>("text");
        QTest::addColumn<std::optional<Problem>>("problem");
        QTest::addColumn<QUrl>("url");
        const std::optional<Problem> usable;
        QTest::newRow("name") << QStringLiteral("https://mattranso.example.vn") << usable
                              << QUrl(QStringLiteral("https://mattranso.example.vn"));
        QTest::newRow("ip and port") << QStringLiteral("https://192.168.1.10:8443") << usable
                                     << QUrl(QStringLiteral("https://192.168.1.10:8443"));
        QTest::newRow("ipv6") << QStringLiteral("https://[::1]:8443") << usable
                              << QUrl(QStringLiteral("https://[::1]:8443"));
        QTest::newRow("path") << QStringLiteral("https://example.vn/mattranso/") << usable
                              << QUrl(QStringLiteral("https://example.vn/mattranso/"));
        QTest::newRow("spaces around") << QStringLiteral(" \thttps://mattranso.example.vn  ") << usable
                                       << QUrl(QStringLiteral("https://mattranso.example.vn"));
        QTest::newRow("upper case") << QStringLiteral("HTTPS://MatTranSo.Example.VN") << usable
                                    << QUrl(QStringLiteral("https://mattranso.example.vn"));

        QTest::newRow("empty") << QString() << std::optional(Problem::Empty) << QUrl();
        QTest::newRow("only spaces") << QStringLiteral("   ") << std::optional(Problem::Empty) << QUrl();

        QTest::newRow("http") << QStringLiteral("http://x") << std::optional(Problem::NotHttps) << QUrl();
        QTest::newRow("no scheme") << QStringLiteral("mattranso.example.vn") << std::optional(Problem::NotHttps)
                                   << QUrl();
        QTest::newRow("ftp") << QStringLiteral("ftp://mattranso.example.vn") << std::optional(Problem::NotHttps)
                             << QUrl();
        QTest::newRow("not a url") << QStringLiteral("%%%") << std::optional(Problem::NotHttps) << QUrl();

        QTest::newRow("no host") << QStringLiteral("https://") << std::optional(Problem::Invalid) << QUrl();
        QTest::newRow("no slashes") << QStringLiteral("https:mattranso.example.vn") << std::optional(Problem::Invalid)
                                    << QUrl();
        QTest::newRow("space in host") << QStringLiteral("https://matt ranso.vn") << std::optional(Problem::Invalid)
                                       << QUrl();
        QTest::newRow("unclosed bracket")
            << QStringLiteral("https://[::1:8443") << std::optional(Problem::Invalid) << QUrl();
        QTest::newRow("user info") << QStringLiteral("https://admin@mattranso.example.vn")
                                   << std::optional(Problem::Invalid) << QUrl();
        QTest::newRow("query") << QStringLiteral("https://mattranso.example.vn/?token=1")
                               << std::optional(Problem::Invalid) << QUrl();
        QTest::newRow("fragment") << QStringLiteral("https://mattranso.example.vn/#top")
                                  << std::optional(Problem::Invalid) << QUrl();
    }
    void fromUserInput()
    {
        QFETCH(QString, text);
        QFETCH(std::optional<ServerUrl::Problem>, problem);
        QFETCH(QUrl, url);
        const auto result = ServerUrl::fromUserInput(text);
        QCOMPARE(result.isOk(), !problem.has_value());
        if (problem) {
            QCOMPARE(result.error().code, *problem);
            QVERIFY(!result.error().message.isEmpty());
            return;
        }
        QCOMPARE(result.value(), url);
        // What is saved must pass the same rule when it is read back.
        QVERIFY(ServerUrl::check(result.value()).isOk());
    }

    void checkTakesParsedUrls()
    {
        QCOMPARE(ServerUrl::check(QUrl()).error().code, ServerUrl::Problem::Empty);
        QCOMPARE(ServerUrl::check(QUrl(QStringLiteral("http://mattranso.example.vn"))).error().code,
            ServerUrl::Problem::NotHttps);
        QUrl withPassword(QStringLiteral("https://mattranso.example.vn"));
        withPassword.setPassword(QStringLiteral("secret"));
        QCOMPARE(ServerUrl::check(withPassword).error().code, ServerUrl::Problem::Invalid);
        QVERIFY(ServerUrl::check(QUrl(QStringLiteral("https://mattranso.example.vn:8443"))).isOk());
    }

    void messagesSayHowToWriteTheAddress()
    {
        const QString empty = ServerUrl::fromUserInput(QString()).error().message;
        const QString notHttps = ServerUrl::fromUserInput(QStringLiteral("http://x")).error().message;
        const QString invalid = ServerUrl::fromUserInput(QStringLiteral("https://")).error().message;
        for (const QString &message : { empty, notHttps, invalid })
            QVERIFY2(message.contains(QLatin1String("https://mattranso.example.vn")), qPrintable(message));
        QCOMPARE(QSet<QString>({ empty, notHttps, invalid }).size(), 3);
    }

    void messagesAreTranslatedInTheServerUrlContext()
    {
        ContextTranslator translator("mts::ServerUrl");
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const QString message = ServerUrl::fromUserInput(QStringLiteral("http://x")).error().message;
        QCoreApplication::removeTranslator(&translator);
        QVERIFY2(message.startsWith(QLatin1String("[translated] The server address must start with https://")),
            qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(tst_ServerUrl)
#include "tst_serverurl.moc"
