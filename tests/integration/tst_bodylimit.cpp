// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/procstatus.h"
#include "tests/support/serverprocess.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslSocket>
#include <QTest>

using mts::test::ServerProcess;

namespace {

constexpr qint64 limit = 1024 * 1024;

struct HttpAnswer {
    int status = 0;
    QByteArray body;
    qint64 bodyBytesSent = 0;
};

/// Connects over TLS trusting only the server's certificate.
bool connectTo(QSslSocket &socket, ServerProcess &server)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({ server.certificate() });
    socket.setSslConfiguration(configuration);
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.port());
    return socket.waitForEncrypted(10000);
}

/// Sends `head`, then streams body bytes (plain or chunked) until `bodyBytes` are sent or the server answers;
/// returns the server's answer. Never holds more than a few MiB in memory.
HttpAnswer exchange(QSslSocket &socket, const QByteArray &head, qint64 bodyBytes, bool chunked)
{
    HttpAnswer answer;
    socket.write(head);
    const QByteArray piece(64 * 1024, 'x');
    const QByteArray chunkHeader = QByteArray::number(piece.size(), 16) + "\r\n";
    QByteArray received;
    qint64 expectedLength = -1;
    qsizetype headEnd = -1;
    const QDeadlineTimer deadline(60000);
    bool finishedSending = bodyBytes == 0;
    while (!deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
        if (!finishedSending && headEnd < 0 && socket.bytesToWrite() < 4 * piece.size()) {
            const qint64 size = qMin<qint64>(piece.size(), bodyBytes - answer.bodyBytesSent);
            if (chunked)
                socket.write(QByteArray::number(size, 16) + "\r\n" + piece.first(size) + "\r\n");
            else
                socket.write(piece.first(size));
            answer.bodyBytesSent += size;
            if (answer.bodyBytesSent == bodyBytes) {
                if (chunked)
                    socket.write("0\r\n\r\n");
                finishedSending = true;
            }
        }
        socket.waitForBytesWritten(5);
        if (socket.bytesAvailable() > 0 || socket.waitForReadyRead(finishedSending || headEnd >= 0 ? 200 : 1))
            received += socket.readAll();
        if (headEnd < 0 && (headEnd = received.indexOf("\r\n\r\n")) >= 0) {
            answer.status = received.mid(9, 3).toInt();
            for (const QByteArray &line : received.left(headEnd).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    expectedLength = line.mid(15).trimmed().toLongLong();
            }
        }
        if (headEnd >= 0 && expectedLength >= 0 && received.size() - headEnd - 4 >= expectedLength)
            break;
    }
    received += socket.readAll();
    if (headEnd >= 0)
        answer.body = received.mid(headEnd + 4, expectedLength);
    return answer;
}

QByteArray postHead(qint64 contentLength)
{
    return "POST /api/v1/version HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(contentLength) + "\r\n\r\n";
}

const QByteArray chunkedHead = "POST /api/v1/version HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n";
const QByteArray healthHead = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

} // namespace

class tst_BodyLimit : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<ServerProcess> m_server;

    void verifyRefusal(const HttpAnswer &answer)
    {
        QCOMPARE(answer.status, 413);
        const QJsonObject error = QJsonDocument::fromJson(answer.body).object();
        QCOMPARE(error.value(QLatin1String("code")).toString(), QStringLiteral("body_too_large"));
        QCOMPARE(error.value(QLatin1String("details")).toObject().value(QLatin1String("limit")).toInteger(), limit);
    }

    void verifyStillServing()
    {
        QSslSocket socket;
        QVERIFY(connectTo(socket, *m_server));
        const HttpAnswer answer = exchange(socket, healthHead, 0, false);
        QCOMPARE(answer.status, 200);
        QCOMPARE(QJsonDocument::fromJson(answer.body).object().value(QLatin1String("status")).toString(),
            QStringLiteral("ok"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>(
            QStringList { QStringLiteral("--max-body-bytes"), QString::number(limit) });
        QVERIFY2(m_server->start(), qPrintable(m_server->output()));
        QVERIFY(mts::test::procStatusKib("VmHWM", m_server->pid()) > 0);
    }

    void announcedOversizedBodyIsRefusedUnread()
    {
        const qint64 peakBefore = mts::test::procStatusKib("VmHWM", m_server->pid());
        const qint64 bodyBytes = 512LL * 1024 * 1024;
        QSslSocket socket;
        QVERIFY(connectTo(socket, *m_server));
        const HttpAnswer answer = exchange(socket, postHead(bodyBytes), bodyBytes, false);
        verifyRefusal(answer);
        QVERIFY2(answer.bodyBytesSent < bodyBytes, "the server answered before the body was sent");
        const qint64 peakAfter = mts::test::procStatusKib("VmHWM", m_server->pid());
        qInfo("server peak RSS %lld KiB before, %lld KiB after a %lld MiB body (%lld MiB of it sent)", peakBefore,
            peakAfter, bodyBytes >> 20, answer.bodyBytesSent >> 20);
        // Had the body been buffered, the peak would have grown by at least the bytes sent.
        QVERIFY2(peakAfter - peakBefore < 32 * 1024, "server memory grew with the refused body");
        verifyStillServing();
    }

    void chunkedBodyIsCutOffAtTheLimit()
    {
        const qint64 peakBefore = mts::test::procStatusKib("VmHWM", m_server->pid());
        const qint64 bodyBytes = 256LL * 1024 * 1024;
        QSslSocket socket;
        QVERIFY(connectTo(socket, *m_server));
        const HttpAnswer answer = exchange(socket, chunkedHead, bodyBytes, true);
        verifyRefusal(answer);
        QVERIFY(answer.bodyBytesSent < bodyBytes);
        const qint64 peakAfter = mts::test::procStatusKib("VmHWM", m_server->pid());
        qInfo("server peak RSS %lld KiB before, %lld KiB after a chunked body (%lld MiB sent)", peakBefore, peakAfter,
            answer.bodyBytesSent >> 20);
        QVERIFY2(peakAfter - peakBefore < 32 * 1024, "server memory grew with the refused body");
        verifyStillServing();
    }

    void bodiesWithinTheLimitPassOnOneConnection()
    {
        QSslSocket socket;
        QVERIFY(connectTo(socket, *m_server));
        // Several requests on one keep-alive connection, the first exactly at the limit: none is refused by
        // the guard (the API itself answers 401 with its JSON error: no token).
        for (const qint64 size : { limit, limit - 1, qint64(10), qint64(0) }) {
            const HttpAnswer answer = exchange(socket, postHead(size), size, false);
            QCOMPARE(answer.status, 401);
            QCOMPARE(QJsonDocument::fromJson(answer.body).object().value(QLatin1String("code")).toString(),
                QStringLiteral("unauthorized"));
        }
        const HttpAnswer chunked = exchange(socket, chunkedHead, limit, true);
        QCOMPARE(chunked.status, 401);
        const HttpAnswer health = exchange(socket, healthHead, 0, false);
        QCOMPARE(health.status, 200);
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    }

    void oneByteOverIsRefused()
    {
        QSslSocket socket;
        QVERIFY(connectTo(socket, *m_server));
        verifyRefusal(exchange(socket, postHead(limit + 1), limit + 1, false));
        verifyStillServing();
    }

    void cleanupTestCase() { QCOMPARE(m_server->terminate(), 0); }
};

QTEST_GUILESS_MAIN(tst_BodyLimit)
#include "tst_bodylimit.moc"
