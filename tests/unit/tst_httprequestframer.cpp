// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/httprequestframer.h"

#include <QTest>

using mts::HttpRequestFramer;
using Verdict = HttpRequestFramer::Verdict;

namespace {
QByteArray post(const QByteArray &body)
{
    return "POST /api/v1/x HTTP/1.1\r\nHost: a\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
        + body;
}

QByteArray chunked(const QList<QByteArray> &chunks)
{
    QByteArray out = "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (const QByteArray &chunk : chunks)
        out += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    return out + "0\r\n\r\n";
}
} // namespace

class tst_HttpRequestFramer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void verdicts_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<qint64>("limit");
        QTest::addColumn<int>("verdict");
        QTest::addColumn<int>("completed");
        const QByteArray get = "GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n";
        QTest::newRow("get") << get << qint64(100) << int(Verdict::Continue) << 1;
        QTest::newRow("three gets") << get + get + get << qint64(100) << int(Verdict::Continue) << 3;
        QTest::newRow("leading crlf") << "\r\n" + get << qint64(100) << int(Verdict::Continue) << 1;
        QTest::newRow("body at limit") << post(QByteArray(100, 'x')) << qint64(100) << int(Verdict::Continue) << 1;
        QTest::newRow("body over limit") << post(QByteArray(101, 'x')) << qint64(100) << int(Verdict::BodyTooLarge)
                                         << 0;
        QTest::newRow("announced only") << QByteArray("POST / HTTP/1.1\r\ncontent-length: 5000000000\r\n\r\n")
                                        << qint64(100) << int(Verdict::BodyTooLarge) << 0;
        QTest::newRow("keep-alive under limit") << post(QByteArray(60, 'a')) + post(QByteArray(60, 'b')) + get
                                                << qint64(100) << int(Verdict::Continue) << 3;
        QTest::newRow("body looks like a head")
            << post("GET / HTTP/1.1\r\nContent-Length: 99999\r\n\r\n") << qint64(100) << int(Verdict::Continue) << 1;
        QTest::newRow("chunked under") << chunked({ QByteArray(40, 'a'), QByteArray(60, 'b') }) << qint64(100)
                                       << int(Verdict::Continue) << 1;
        QTest::newRow("chunked over") << chunked({ QByteArray(40, 'a'), QByteArray(61, 'b') }) << qint64(100)
                                      << int(Verdict::BodyTooLarge) << 0;
        QTest::newRow("chunk extension") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                       "3;name=v\r\nabc\r\n0\r\nTrailer: x\r\n\r\n")
                                         << qint64(100) << int(Verdict::Continue) << 1;
        QTest::newRow("chunked wins over length") << QByteArray(
            "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
                                                  << qint64(100) << int(Verdict::Continue) << 1;
        QTest::newRow("bad length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 12a\r\n\r\n") << qint64(100)
                                    << int(Verdict::Malformed) << 0;
        QTest::newRow("negative length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << qint64(100)
                                         << int(Verdict::Malformed) << 0;
        QTest::newRow("conflicting lengths")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") << qint64(100)
            << int(Verdict::Malformed) << 0;
        QTest::newRow("gzip only") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << qint64(100)
                                   << int(Verdict::Malformed) << 0;
        QTest::newRow("bad chunk size") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                                        << qint64(100) << int(Verdict::Malformed) << 0;
        QTest::newRow("header without colon")
            << QByteArray("GET / HTTP/1.1\r\nnonsense\r\n\r\n") << qint64(100) << int(Verdict::Malformed) << 0;
        QTest::newRow("huge head") << "GET / HTTP/1.1\r\nX: " + QByteArray(70 * 1024, 'h') + "\r\n\r\n"
                                   << qint64(100) << int(Verdict::HeadTooLarge) << 0;
    }

    void verdicts()
    {
        QFETCH(QByteArray, stream);
        QFETCH(qint64, limit);
        QFETCH(int, verdict);
        QFETCH(int, completed);
        // In one piece.
        {
            HttpRequestFramer framer(limit);
            QCOMPARE(int(framer.feed(stream)), verdict);
            QCOMPARE(framer.completedRequests(), completed);
        }
        // Byte by byte: TLS records and TCP segments split a stream anywhere.
        {
            HttpRequestFramer framer(limit);
            Verdict last = Verdict::Continue;
            for (qsizetype i = 0; i < stream.size() && last == Verdict::Continue; ++i)
                last = framer.feed(QByteArrayView(stream).sliced(i, 1));
            QCOMPARE(int(last), verdict);
            QCOMPARE(framer.completedRequests(), completed);
        }
        // Split at every point into two pieces.
        for (qsizetype cut = 1; cut < qMin<qsizetype>(stream.size(), 400); ++cut) {
            HttpRequestFramer framer(limit);
            Verdict last = framer.feed(QByteArrayView(stream).first(cut));
            if (last == Verdict::Continue)
                last = framer.feed(QByteArrayView(stream).sliced(cut));
            QCOMPARE(int(last), verdict);
        }
    }

    void verdictIsSticky()
    {
        HttpRequestFramer framer(10);
        QCOMPARE(framer.feed(post(QByteArray(11, 'x'))), Verdict::BodyTooLarge);
        QCOMPARE(framer.feed("GET / HTTP/1.1\r\n\r\n"), Verdict::BodyTooLarge);
    }

    void refusesAtTheHeadNotAtTheBody()
    {
        // The verdict must come from the announced length, before any body byte is seen.
        HttpRequestFramer framer(1024);
        QCOMPARE(framer.feed("PUT /blob HTTP/1.1\r\nContent-Length: 1073741824\r\n\r\n"), Verdict::BodyTooLarge);
        QCOMPARE(framer.currentBodyBytes(), qint64(1073741824));
    }
};

QTEST_GUILESS_MAIN(tst_HttpRequestFramer)
#include "tst_httprequestframer.moc"
