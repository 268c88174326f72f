// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The registry list with N persons in the replica (default 100,000, brought in as pull pages): what a cadre
// waits for on the persons page. Prints
//   first rows: X ms            the replica opened and the list showing its first screen of rows
//   search p50: X ms / p95 / max  a search typed letter by letter (every prefix of a few names, with and without
//                                 diacritics), each until the first screen of results is there
//   scroll: X ms per block       rows read when the list scrolls to a part not seen yet (RecordListModel::blockRows)
//   peak RSS: X MB
//   cold start: X ms             the real `mattranso` started until its window is shown (median of 5; offscreen)
// Not a test.
#include "client/core/replicastore.h"
#include "client/ui/recordlistmodel.h"
#include "shared/crypto.h"
#include "tests/bench/benchoutput.h"
#include "tests/bench/benchperson.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace mts;
using mts::test::procStatusKib;
using mts::test::say;

namespace {

// Rows a list shows at once on an office PC's screen.
constexpr int screenRows = 40;

QList<RecordListModel::Column> columns()
{
    const auto text = [](const char *name) {
        return
            [field = QString::fromLatin1(name)](const QJsonObject &fields) { return fields.value(field).toVariant(); };
    };
    return { { QStringLiteral("Họ"), text("surname") }, { QStringLiteral("Tên đệm"), text("middle_name") },
        { QStringLiteral("Tên"), text("given_name") }, { QStringLiteral("Địa chỉ"), text("address") } };
}

// Reads the first screen of rows, as a view shows them.
int showFirstScreen(RecordListModel &model)
{
    int shown = 0;
    for (int row = 0; row < std::min(screenRows, model.rowCount()); ++row) {
        for (int column = 0; column < model.columnCount(); ++column)
            shown += model.data(model.index(row, column)).isValid() ? 1 : 0;
    }
    return shown;
}

double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * values.size())));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int total = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const QString bucket = QStringLiteral("C:00070/registries");
    const QByteArray key = crypto::randomBytes(crypto::keyBytes);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("replica.sqlite"));

    {
        ReplicaStore store(path, key);
        if (!store.open()) {
            say(QStringLiteral("cannot open the replica"));
            return 1;
        }
        QElapsedTimer clock;
        clock.start();
        for (const QByteArray &bytes : test::benchPersonPages(total, bucket)) {
            const auto page = sync::PullResponse::decode(bytes);
            if (!page || !store.applyPullPage(*page)) {
                say(QStringLiteral("cannot bring the persons in"));
                return 1;
            }
        }
        say(QStringLiteral("records: %1 (pulled in %2 ms)").arg(total).arg(clock.elapsed()));
    }

    // As the page opens: the replica opened, the kind's list read, the first screen shown.
    QElapsedTimer clock;
    clock.start();
    ReplicaStore store(path, key);
    if (!store.open()) {
        say(QStringLiteral("cannot open the replica"));
        return 1;
    }
    RecordListModel model(&store);
    model.setKind(QStringLiteral("person"), columns());
    const int firstCells = showFirstScreen(model);
    say(QStringLiteral("first rows: %1 ms (%2 rows listed, %3 cells shown)")
            .arg(clock.nsecsElapsed() / 1e6, 0, 'f', 1)
            .arg(model.rowCount())
            .arg(firstCells));
    if (model.rowCount() != total) {
        say(QStringLiteral("the list shows %1 of %2 records").arg(model.rowCount()).arg(total));
        return 1;
    }

    // Typed letter by letter, as a cadre looks someone up; the first letters match the most records.
    const QStringList typed { QStringLiteral("nguyen van dong"), QStringLiteral("Trần Thị Hạnh"),
        QStringLiteral("dang huu"), QStringLiteral("hang bong"), QStringLiteral("Lê Minh Giang 4"),
        QStringLiteral("xuyen 9"), QStringLiteral("to dan pho 12") };
    QList<double> latencies;
    for (const QString &text : typed) {
        for (qsizetype length = 1; length <= text.size(); ++length) {
            QElapsedTimer one;
            one.start();
            model.setSearch(text.left(length));
            showFirstScreen(model);
            latencies.append(one.nsecsElapsed() / 1e6);
            if (qEnvironmentVariableIsSet("MTS_BENCH_VERBOSE"))
                say(QStringLiteral("  \"%1\": %2 rows, %3 ms")
                        .arg(text.left(length))
                        .arg(model.rowCount())
                        .arg(latencies.last(), 0, 'f', 1));
        }
        model.setSearch(QString());
    }
    say(QStringLiteral("searches: %1 (every prefix of %2 texts)").arg(latencies.size()).arg(typed.size()));
    say(QStringLiteral("search p50: %1 ms").arg(percentile(latencies, 0.5), 0, 'f', 1));
    say(QStringLiteral("search p95: %1 ms").arg(percentile(latencies, 0.95), 0, 'f', 1));
    say(QStringLiteral("search max: %1 ms").arg(percentile(latencies, 1.0), 0, 'f', 1));

    // Scrolling to parts of the list not seen yet: one block read each.
    QList<double> blocks;
    for (int row = 0; row < model.rowCount(); row += model.rowCount() / 50) {
        QElapsedTimer one;
        one.start();
        model.data(model.index(row, 0));
        blocks.append(one.nsecsElapsed() / 1e6);
    }
    say(QStringLiteral("scroll: %1 ms per block of %2 rows (median)")
            .arg(percentile(blocks, 0.5), 0, 'f', 2)
            .arg(RecordListModel::blockRows));
    say(QStringLiteral("peak RSS: %1 MB").arg(procStatusKib("VmHWM") / 1024));

    // The program itself, from exec to its window on screen (the sign-in window: what a cadre sees first).
    QList<double> starts;
    for (int run = 0; run < 5; ++run) {
        QTemporaryDir home;
        QProcess program;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("MTS_STARTUP_PROBE"), QStringLiteral("1"));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.path());
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path());
        program.setProcessEnvironment(environment);
        QElapsedTimer one;
        one.start();
        program.start(QStringLiteral(MTS_MATTRANSO),
            { QStringLiteral("--settings"), home.filePath(QStringLiteral("mattranso.ini")) });
        if (!program.waitForStarted() || !program.waitForReadyRead(30000)
            || !program.readAllStandardOutput().startsWith("window shown")) {
            say(QStringLiteral("cold start: the program did not show its window"));
            return 1;
        }
        starts.append(one.nsecsElapsed() / 1e6);
        program.waitForFinished(30000);
    }
    say(QStringLiteral("cold start: %1 ms (median of 5; first %2 ms)")
            .arg(percentile(starts, 0.5), 0, 'f', 0)
            .arg(starts.first(), 0, 'f', 0));
    return 0;
}
