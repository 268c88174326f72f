// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The client's share of an initial pull, without network or server: N person records of about 400 bytes,
// served as pull pages (JSON bytes as the server writes them, fields in canonical form), read and prepared
// (PullResponse::decode() and ReplicaStore::pagePreparer(): the sync engine's transport thread) and applied to a
// fresh replica one page per transaction (its main thread). Prints `prepare: <n> records/s`, `apply: <n>
// records/s` and `replica pull: <n> records/s` (both, one after the other); not a test.
#include "client/core/replicastore.h"
#include "shared/crypto.h"
#include "shared/syncwire.h"
#include "tests/bench/benchperson.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>
#include <ctime>

using namespace mts;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int total = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const QString bucket = QStringLiteral("C:00070/registries");
    QTextStream out(stdout);

    // The pages as bytes, made before the clock starts.
    const QList<QByteArray> pages = test::benchPersonPages(total, bucket);
    qint64 bytes = 0;
    for (const QByteArray &page : pages)
        bytes += page.size();
    out << "records: " << total << ", bytes per record on the wire: " << bytes / total << Qt::endl;

    QTemporaryDir dir;
    ReplicaStore store(dir.filePath(QStringLiteral("replica.sqlite")), crypto::randomBytes(crypto::keyBytes));
    if (!store.open()) {
        out << "cannot open the replica" << Qt::endl;
        return 1;
    }
    QElapsedTimer timer;
    qint64 parseNs = 0;
    const std::clock_t cpuStart = std::clock();
    timer.start();
    for (const QByteArray &bytesOfPage : std::as_const(pages)) {
        QElapsedTimer parse;
        parse.start();
        const auto page = sync::PullResponse::decode(bytesOfPage);
        if (!page) {
            out << "bad page" << Qt::endl;
            return 1;
        }
        const ReplicaStore::PreparedPage prepared = store.pagePreparer()(*page);
        parseNs += parse.nsecsElapsed();
        if (auto applied = store.applyPullPage(*page, {}, prepared); !applied) {
            out << "apply failed: " << applied.error().message << Qt::endl;
            return 1;
        }
    }
    const qint64 ns = timer.nsecsElapsed();
    const double cpuSeconds = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    out << "prepare: " << qint64(total * 1e9 / std::max<qint64>(parseNs, 1)) << " records/s" << Qt::endl;
    out << "apply: " << qint64(total * 1e9 / std::max<qint64>(ns - parseNs, 1)) << " records/s" << Qt::endl;
    out << "replica pull: " << qint64(total * 1e9 / std::max<qint64>(ns, 1)) << " records/s" << Qt::endl;
    // On a shared machine the wall figure depends on the neighbours; the CPU figure does not.
    out << "replica pull (CPU time): " << qint64(total / std::max(cpuSeconds, 1e-9)) << " records/s" << Qt::endl;
    const auto checksum = store.bucketChecksum(bucket);
    out << "checksum: " << (checksum ? checksum.value().toString() : QStringLiteral("?")) << Qt::endl;
    // Search works right after the pull: every record has a surname from the list, so these count the index.
    const auto found = store.search(QStringLiteral("nguyen"));
    out << "search \"nguyen\": " << (found ? found.value().size() : -1) << " of " << (total + 7) / 8 << Qt::endl;
    return 0;
}
