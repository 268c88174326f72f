// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The proof the identity work asks for (DESIGN.md, "Identity, roles, secrets"): after a person with a citizen ID
// and a phone number is saved, and queued but not yet synced, neither appears in plain text in the replica file,
// its WAL, the outbox or any full-text index table.
#include "client/core/fieldsealer.h"
#include "client/core/replicastore.h"
#include "shared/crypto.h"
#include "shared/uuid7.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace mts;

namespace {

const QString cccd = QStringLiteral("079203001234");
const QString phone = QStringLiteral("0912345678");
const QString commune = QStringLiteral("C:00070");

/// The message of a failed result, for QVERIFY2 (which evaluates its message even when the check passes).
template <typename R>
QByteArray failure(const R &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

/// Every byte form a secret could take on disk: UTF-8 (= ASCII here) and UTF-16 in both byte orders.
QList<QByteArray> forms(const QString &secret)
{
    QByteArray le;
    QByteArray be;
    for (const QChar c : secret) {
        le.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
        be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xFF));
    }
    return { secret.toUtf8(), le, be };
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

/// The bytes of one table cell, whatever its SQLite type.
QByteArray cellBytes(const QVariant &value)
{
    if (value.typeId() == QMetaType::QByteArray)
        return value.toByteArray();
    return value.toString().toUtf8();
}

} // namespace

class tst_AtRest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sensitiveFieldsNeverInClear()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("replica.sqlite"));
        const QByteArray key = crypto::randomBytes(crypto::keyBytes);

        ReplicaStore store(path, key);
        QVERIFY(store.open());
        // A distinctive, non-sensitive name: the control that the checks below can see what is stored.
        const QJsonObject person {
            { QStringLiteral("surname"), QStringLiteral("Quách") },
            { QStringLiteral("middle_name"), QStringLiteral("Thị Ngọc") },
            { QStringLiteral("given_name"), QStringLiteral("Xuyến") },
            { QStringLiteral("cccd"), cccd },
            { QStringLiteral("phone"), phone },
            { QStringLiteral("address"), QStringLiteral("Tổ 7, khu phố Mỹ Hòa") },
        };
        const auto saved = store.saveLocal(QStringLiteral("person"), commune, QString(), person);
        QVERIFY2(saved, failure(saved).constData());
        const QString id = saved.value();
        // An edit that sets them again, and a petition whose submitter gives the same numbers.
        QVERIFY(store.saveLocal(QStringLiteral("person"), commune, id,
            { { QStringLiteral("phone"), phone }, { QStringLiteral("cccd"), cccd } }));
        QVERIFY(store.saveLocal(QStringLiteral("feedback"), commune, QString(),
            {
                { QStringLiteral("title"), QStringLiteral("Đèn đường hỏng") },
                { QStringLiteral("description"), QStringLiteral("Đèn đường tổ 7 hỏng hai tuần nay.") },
                { QStringLiteral("channel"), QStringLiteral("phone") },
                { QStringLiteral("submitter_name"), QStringLiteral("Quách Thị Ngọc Xuyến") },
                { QStringLiteral("submitter_phone"), phone },
                { QStringLiteral("submitter_cccd"), cccd },
            }));
        QCOMPARE(store.pendingCount(), 3); // queued, not synced

        // 1. The raw files, before any checkpoint: the changes are in the WAL.
        const QByteArray mainFile = readAll(path);
        const QByteArray wal = readAll(path + QLatin1String("-wal"));
        QVERIFY2(!wal.isEmpty(), "the test must look at a WAL that holds the changes");
        for (const QString &secret : { cccd, phone }) {
            for (const QByteArray &form : forms(secret)) {
                QVERIFY2(!mainFile.contains(form), qPrintable(QLatin1String("replica file holds ") + secret));
                QVERIFY2(!wal.contains(form), qPrintable(QLatin1String("WAL holds ") + secret));
            }
        }
        // Control: the same look finds the name, stored in clear and folded into the index.
        const QByteArray both = mainFile + wal;
        QVERIFY(both.contains(QStringLiteral("Quách").toUtf8()));
        QVERIFY(both.contains("quach thi ngoc xuyen"));

        // Searching for a secret finds nothing.
        QCOMPARE(store.search(cccd).value(), QStringList());
        QCOMPARE(store.search(phone).value(), QStringList());

        // 2. Every cell of every table, including the FTS5 shadow tables, read through SQL.
        {
            const QString connection = QStringLiteral("atrest");
            {
                auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
                db.setDatabaseName(path);
                QVERIFY(db.open());

                QStringList tables;
                QSqlQuery list(db);
                QVERIFY(list.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'")));
                while (list.next())
                    tables.append(list.value(0).toString());
                // The index keeps no text lengths (format 5: columnsize = 0), so it has no docsize table.
                for (const char *expected : { "records", "outbox", "search_index", "search_index_data",
                         "search_index_idx", "search_index_content", "search_index_config" })
                    QVERIFY2(tables.contains(QLatin1String(expected)), expected);

                bool controlSeen = false;
                int cells = 0;
                for (const QString &table : std::as_const(tables)) {
                    QSqlQuery rows(db);
                    QVERIFY2(rows.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table)), qPrintable(table));
                    while (rows.next()) {
                        for (int column = 0; column < rows.record().count(); ++column) {
                            const QByteArray bytes = cellBytes(rows.value(column));
                            ++cells;
                            for (const QString &secret : { cccd, phone }) {
                                for (const QByteArray &form : forms(secret)) {
                                    QVERIFY2(!bytes.contains(form),
                                        qPrintable(secret + QLatin1String(" in table ") + table));
                                }
                            }
                            controlSeen = controlSeen || bytes.contains("xuyen");
                        }
                    }
                }
                QVERIFY(cells > 20);
                QVERIFY(controlSeen);

                // The index's terms, decoded (its b-tree pages compress terms, so bytes alone would not do).
                QSqlQuery vocab(db);
                QVERIFY2(vocab.exec(QStringLiteral(
                             "CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, search_index, row)")),
                    qPrintable(vocab.lastError().text()));
                QVERIFY(vocab.exec(QStringLiteral("SELECT term FROM temp.terms")));
                QStringList terms;
                while (vocab.next())
                    terms.append(vocab.value(0).toString());
                QVERIFY(terms.contains(QLatin1String("xuyen")));
                for (const QString &term : std::as_const(terms)) {
                    QVERIFY2(!cccd.contains(term) || term.size() < 3, qPrintable(term));
                    QVERIFY2(!phone.contains(term) || term.size() < 3, qPrintable(term));
                }
                QSqlQuery match(db);
                QVERIFY(match.exec(
                    QStringLiteral("SELECT count(*) FROM search_index WHERE search_index MATCH '\"%1\"'").arg(cccd)));
                QVERIFY(match.next());
                QCOMPARE(match.value(0).toInt(), 0);

                // The sealed values open back to the originals with the right key, in the record and in the op,
                // and with no other key.
                const FieldSealer sealer(key);
                const FieldSealer stranger(crypto::randomBytes(crypto::keyBytes));
                const auto openSealed = [&](const FieldSealer &with, const QString &field, const QJsonValue &value) {
                    const QString text = value.toString();
                    if (!text.startsWith(QLatin1String("sealed:")))
                        return QJsonValue(QJsonValue::Undefined);
                    const auto opened = with.open(id, field, QByteArray::fromBase64(text.sliced(7).toLatin1()));
                    if (!opened)
                        return QJsonValue(QJsonValue::Undefined);
                    return QJsonDocument::fromJson(*opened).array().first();
                };
                QSqlQuery stored(db);
                QVERIFY(stored.exec(QStringLiteral("SELECT fields FROM records WHERE id = '%1'").arg(id)));
                QVERIFY(stored.next());
                const QJsonObject fields = QJsonDocument::fromJson(stored.value(0).toByteArray()).object();
                QCOMPARE(openSealed(sealer, QStringLiteral("cccd"), fields.value(QStringLiteral("cccd"))), cccd);
                QCOMPARE(openSealed(sealer, QStringLiteral("phone"), fields.value(QStringLiteral("phone"))), phone);
                QCOMPARE(openSealed(stranger, QStringLiteral("cccd"), fields.value(QStringLiteral("cccd"))),
                    QJsonValue(QJsonValue::Undefined));
                QVERIFY(stored.exec(
                    QStringLiteral("SELECT payload FROM outbox WHERE record_id = '%1' ORDER BY seq").arg(id)));
                int ops = 0;
                while (stored.next()) {
                    ++ops;
                    const QJsonObject set = QJsonDocument::fromJson(stored.value(0).toByteArray())
                                                .object()
                                                .value(QStringLiteral("set"))
                                                .toObject();
                    QCOMPARE(openSealed(sealer, QStringLiteral("cccd"), set.value(QStringLiteral("cccd"))), cccd);
                    QCOMPARE(openSealed(sealer, QStringLiteral("phone"), set.value(QStringLiteral("phone"))), phone);
                }
                QCOMPARE(ops, 2);
                db.close();
            }
            QSqlDatabase::removeDatabase(connection);
        }
        const auto read = store.record(id);
        QVERIFY(read);
        QCOMPARE(read.value(), person);

        // 3. After a checkpoint everything is in the main file, still without the secrets.
        QVERIFY(store.checkpoint());
        QCOMPARE(readAll(path + QLatin1String("-wal")).size(), 0);
        const QByteArray checkpointed = readAll(path);
        for (const QString &secret : { cccd, phone }) {
            for (const QByteArray &form : forms(secret))
                QVERIFY2(!checkpointed.contains(form), qPrintable(QLatin1String("checkpointed file holds ") + secret));
        }
        QVERIFY(checkpointed.contains(QStringLiteral("Quách").toUtf8()));
        QVERIFY(checkpointed.contains("quach thi ngoc xuyen"));
    }
};

QTEST_GUILESS_MAIN(tst_AtRest)
#include "tst_atrest.moc"
