// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "client/core/recordimport.h"
#include "client/core/replicastore.h"
#include "shared/crypto.h"

#include <QJsonValue>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace mts;

namespace {

const QString person = QStringLiteral("person");
const QString household = QStringLiteral("household");
const QString fund = QStringLiteral("fund_transaction");
const QString commune = QStringLiteral("C:00070");

/// The labels the desktop passes for the columns (a subset).
QHash<QString, QStringList> personLabels()
{
    return {
        { QStringLiteral("surname"), { QStringLiteral("Họ") } },
        { QStringLiteral("middle_name"), { QStringLiteral("Tên đệm") } },
        { QStringLiteral("given_name"), { QStringLiteral("Tên") } },
        { QStringLiteral("sex"), { QStringLiteral("Giới tính") } },
        { QStringLiteral("birth_date"), { QStringLiteral("Ngày sinh") } },
        { QStringLiteral("cccd"), { QStringLiteral("Số CCCD"), QStringLiteral("Số định danh") } },
    };
}

/// The labels the desktop passes for enum values.
QHash<QString, QHash<QString, QString>> valueLabels()
{
    return {
        { QStringLiteral("sex"),
            { { QStringLiteral("Nam"), QStringLiteral("male") }, { QStringLiteral("Nữ"), QStringLiteral("female") } } },
        { QStringLiteral("poverty_status"),
            { { QStringLiteral("Hộ nghèo"), QStringLiteral("poor") },
                { QStringLiteral("Hộ cận nghèo"), QStringLiteral("near_poor") } } },
        { QStringLiteral("direction"), { { QStringLiteral("Thu vào"), QStringLiteral("thu") } } },
    };
}

/// Titles and values that fill the required fields of `kind`, but not `except` (the field a test looks at).
std::pair<QStringList, QStringList> requiredColumns(const QString &kind, const QString &except)
{
    QList<std::pair<QString, QString>> columns;
    if (kind == person)
        columns = { { QStringLiteral("surname"), QStringLiteral("Nguyễn") },
            { QStringLiteral("given_name"), QStringLiteral("An") } };
    else if (kind == household)
        columns = { { QStringLiteral("head_name"), QStringLiteral("Trần Văn Bình") } };
    else if (kind == fund)
        columns = { { QStringLiteral("date"), QStringLiteral("01/02/2024") },
            { QStringLiteral("direction"), QStringLiteral("thu") },
            { QStringLiteral("amount_vnd"), QStringLiteral("500.000") } };
    std::pair<QStringList, QStringList> result;
    for (const auto &[title, value] : columns) {
        if (title == except)
            continue;
        result.first.append(title);
        result.second.append(value);
    }
    return result;
}

/// `cell` quoted for CSV.
QString quoted(const QString &cell)
{
    QString escaped = cell;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

/// Lines joined with LF, as UTF-8.
QByteArray csv(const QStringList &lines)
{
    return lines.join(QLatin1Char('\n')).toUtf8() + '\n';
}

QList<FieldProblem::Code> codes(const QList<FieldProblem> &problems)
{
    QList<FieldProblem::Code> result;
    for (const FieldProblem &problem : problems)
        result.append(problem.code);
    return result;
}

/// The records of `kind` not deleted, in the default order.
ReplicaStore::ListQuery everyOf(const QString &kind)
{
    ReplicaStore::ListQuery query;
    query.kind = kind;
    return query;
}

/// A CSV of `count` valid persons.
QByteArray persons(int count)
{
    QStringList lines { QStringLiteral("Họ;Tên đệm;Tên;Ngày sinh") };
    for (int i = 0; i < count; ++i)
        lines.append(QStringLiteral("Nguyễn;Văn;Người %1;%2/03/1990").arg(i).arg(i % 28 + 1));
    return csv(lines);
}

} // namespace

class tst_RecordImport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<ReplicaStore>(
            m_dir->filePath(QStringLiteral("replica.sqlite")), crypto::randomBytes(crypto::keyBytes));
        const auto opened = m_store->open();
        QVERIFY2(opened.isOk(), opened.isOk() ? "" : qPrintable(opened.error().message));
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void readsExcelFiles_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QStringList>("header");
        QTest::addColumn<QList<QStringList>>("cells");
        QTest::addColumn<QList<int>>("lines");

        const QStringList header { QStringLiteral("surname"), QStringLiteral("given_name"), QStringLiteral("address") };
        QTest::newRow("BOM, semicolons, CRLF, quoted")
            << (QByteArray("\xEF\xBB\xBF")
                   + QStringLiteral("surname ; given_name;address\r\nNguyễn;An;\"Số 1; ngõ 2, Hà Nội\"\r\n"
                                    "\"Trần\";\"Thị\r\nBình\";\"Nói \"\"có\"\"\"\r\nLê;Cường;x\r\n")
                         .toUtf8())
            << header
            << QList<QStringList> { { QStringLiteral("Nguyễn"), QStringLiteral("An"),
                                        QStringLiteral("Số 1; ngõ 2, Hà Nội") },
                   { QStringLiteral("Trần"), QStringLiteral("Thị\r\nBình"), QStringLiteral("Nói \"có\"") },
                   { QStringLiteral("Lê"), QStringLiteral("Cường"), QStringLiteral("x") } }
            << QList<int> { 2, 3, 5 };
        QTest::newRow("commas, LF, multi-line quoted cell, no final newline")
            << QStringLiteral("surname,given_name,address\nNguyễn,An,\"Thôn 3,\nxã Yên Sở\"\nLê,Cường,\"a;b\"").toUtf8()
            << header
            << QList<QStringList> { { QStringLiteral("Nguyễn"), QStringLiteral("An"),
                                        QStringLiteral("Thôn 3,\nxã Yên Sở") },
                   { QStringLiteral("Lê"), QStringLiteral("Cường"), QStringLiteral("a;b") } }
            << QList<int> { 2, 4 };
        QTest::newRow("blank lines and separator-only lines skipped")
            << QStringLiteral(";;\n\nsurname;given_name;address\n\n;;\nNguyễn;An;\n  ; ;\nLê;Cường;x\n;;\n").toUtf8()
            << header
            << QList<QStringList> { { QStringLiteral("Nguyễn"), QStringLiteral("An"), QString() },
                   { QStringLiteral("Lê"), QStringLiteral("Cường"), QStringLiteral("x") } }
            << QList<int> { 6, 8 };
        QTest::newRow("titles only") << QByteArray("surname,given_name,address\r\n") << header << QList<QStringList> {}
                                     << QList<int> {};
    }

    void readsExcelFiles()
    {
        QFETCH(QByteArray, data);
        QFETCH(QStringList, header);
        QFETCH(QList<QStringList>, cells);
        QFETCH(QList<int>, lines);

        const auto read = RecordImport::read(data, person);
        QVERIFY2(read.isOk(), read.isOk() ? "" : qPrintable(read.error().message));
        const RecordImport &file = read.value();
        QCOMPARE(file.kind(), person);
        QCOMPARE(file.header(), header);
        QCOMPARE(file.rowCount(), cells.size());
        for (qsizetype i = 0; i < cells.size(); ++i) {
            QCOMPARE(file.row(i).cells, cells.at(i));
            QCOMPARE(file.row(i).line, lines.at(i));
        }
        // The titles are the field names: read() has mapped them.
        QCOMPARE(file.mapping(), header);
        const auto checked = file.check();
        QCOMPARE(checked.size(), cells.size());
        for (qsizetype i = 0; i < checked.size(); ++i) {
            QCOMPARE(checked.at(i).line, lines.at(i));
            QCOMPARE(checked.at(i).fields.value(QStringLiteral("given_name")).toString(), cells.at(i).at(1).trimmed());
        }
    }

    void refusesFiles_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<RecordImport::Error>("error");
        QTest::addColumn<QString>("inMessage");

        QTest::newRow("unknown kind") << QByteArray("name\nx\n") << QStringLiteral("martian")
                                      << RecordImport::Error::UnknownKind << QStringLiteral("martian");
        QTest::newRow("empty file") << QByteArray() << person << RecordImport::Error::Empty << QStringLiteral("empty");
        QTest::newRow("BOM only") << QByteArray("\xEF\xBB\xBF") << person << RecordImport::Error::Empty
                                  << QStringLiteral("empty");
        QTest::newRow("blank lines only")
            << QByteArray(";;;\r\n\r\n ; \r\n") << person << RecordImport::Error::Empty << QStringLiteral("empty");
        // Windows-1258 / Latin-1 bytes, as an "ordinary CSV" from an old Excel has them, on line 3.
        QTest::newRow("not UTF-8") << QByteArray("surname,given_name\nA,B\nNguy\xEAn,An\n") << person
                                   << RecordImport::Error::Unreadable << QStringLiteral("line 3");
        QTest::newRow("quote never closed") << QByteArray("surname,given_name\nA,B\n\"Nguyen,An\n") << person
                                            << RecordImport::Error::Unreadable << QStringLiteral("line 3");
        QTest::newRow("stray quote") << QByteArray("surname,given_name\nA,B\nA,B\nNg\"uyen,An\n") << person
                                     << RecordImport::Error::Unreadable << QStringLiteral("line 4");
    }

    void refusesFiles()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, kind);
        QFETCH(RecordImport::Error, error);
        QFETCH(QString, inMessage);

        const auto read = RecordImport::read(data, kind);
        QVERIFY(!read.isOk());
        QCOMPARE(read.error().code, error);
        QVERIFY2(read.error().message.contains(inMessage), qPrintable(read.error().message));
    }

    void guessesMapping_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("titles");
        QTest::addColumn<bool>("withLabels");
        QTest::addColumn<QStringList>("mapping");

        const QString s = QStringLiteral("surname");
        const QString m = QStringLiteral("middle_name");
        const QString g = QStringLiteral("given_name");
        const QString b = QStringLiteral("birth_date");
        const QString none;
        QTest::newRow("field names") << person << QStringLiteral("given_name,surname,nickname") << false
                                     << QStringList { g, s, none };
        QTest::newRow("field names in capitals")
            << person << QStringLiteral("SURNAME,Given_Name") << false << QStringList { s, g };
        QTest::newRow("labels unknown without aliases")
            << person << QStringLiteral("Họ,Tên") << false << QStringList { none, none };
        QTest::newRow("labels with diacritics")
            << person << QStringLiteral("Họ,Tên đệm,Tên,Ngày sinh") << true << QStringList { s, m, g, b };
        QTest::newRow("labels without diacritics, any case")
            << person << QStringLiteral("HO, ten dem ,Ten,NGÀY SINH") << true << QStringList { s, m, g, b };
        QTest::newRow("labels decomposed and spaced")
            << person << QStringLiteral("Ho\u0323,  Nga\u0300y   sinh ,So\u0302\u0301 CCCD") << true
            << QStringList { s, b, QStringLiteral("cccd") };
        QTest::newRow("first column wins") << person << QStringLiteral("Ho,surname,Họ,Tên,given_name") << true
                                           << QStringList { s, none, none, g, none };
        QTest::newRow("references and blobs never")
            << household << QStringLiteral("head_name,head_person_id,document,members") << false
            << QStringList { QStringLiteral("head_name"), none, none, QStringLiteral("members") };
        QTest::newRow("empty titles") << person << QStringLiteral("surname,,given_name") << true
                                      << QStringList { s, none, g };

        const QString full = RecordImport::fullNameField;
        QTest::newRow("full name, Vietnamese")
            << person << QStringLiteral("STT,Họ và tên,Ngày sinh") << true << QStringList { none, full, b };
        QTest::newRow("full name, capitals") << person << QStringLiteral("HỌ VÀ TÊN") << false << QStringList { full };
        QTest::newRow("full name, no diacritics")
            << person << QStringLiteral("  ho   va TEN ") << false << QStringList { full };
        QTest::newRow("full name, short") << person << QStringLiteral("Họ tên") << false << QStringList { full };
        QTest::newRow("full name, decomposed")
            << person << QStringLiteral("Ho\u0323 te\u0302n") << false << QStringList { full };
        QTest::newRow("full name, English")
            << person << QStringLiteral("Full name,full_name") << false << QStringList { full, none };
        QTest::newRow("full name, middle name column too")
            << person << QStringLiteral("Họ và tên,Tên đệm") << true << QStringList { full, m };
        QTest::newRow("full name, separate surname column")
            << person << QStringLiteral("Họ và tên,Họ") << true << QStringList { none, s };
        QTest::newRow("full name, separate given name column")
            << person << QStringLiteral("Tên,Họ và tên") << true << QStringList { g, none };
        QTest::newRow("full name, not a person") << household << QStringLiteral("Họ và tên,head_name") << false
                                                 << QStringList { none, QStringLiteral("head_name") };
    }

    void guessesMapping()
    {
        QFETCH(QString, kind);
        QFETCH(QString, titles);
        QFETCH(bool, withLabels);
        QFETCH(QStringList, mapping);

        auto read = RecordImport::read(csv({ titles }), kind);
        QVERIFY(read.isOk());
        RecordImport file = std::move(read).value();
        if (withLabels)
            file.guessMapping(personLabels());
        QCOMPARE(file.mapping(), mapping);
    }

    void splitsFullName_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QJsonObject>("name");
        QTest::addColumn<QStringList>("missing");

        const auto parts = [](const QString &surname, const QString &middle, const QString &given) {
            QJsonObject name;
            if (!surname.isEmpty())
                name.insert(QStringLiteral("surname"), surname);
            if (!middle.isEmpty())
                name.insert(QStringLiteral("middle_name"), middle);
            if (!given.isEmpty())
                name.insert(QStringLiteral("given_name"), given);
            return name;
        };
        QTest::newRow("three words") << QStringLiteral("Nguyễn Văn An")
                                     << parts(QStringLiteral("Nguyễn"), QStringLiteral("Văn"), QStringLiteral("An"))
                                     << QStringList {};
        QTest::newRow("two middle words")
            << QStringLiteral("Lê Thị Thu Hà")
            << parts(QStringLiteral("Lê"), QStringLiteral("Thị Thu"), QStringLiteral("Hà")) << QStringList {};
        QTest::newRow("two words, extra spaces")
            << QStringLiteral("  Trần   Bình ") << parts(QStringLiteral("Trần"), QString(), QStringLiteral("Bình"))
            << QStringList {};
        QTest::newRow("one word: no surname")
            << QStringLiteral("Hà") << parts(QString(), QString(), QStringLiteral("Hà"))
            << QStringList { QStringLiteral("surname") };
        QTest::newRow("five words") << QStringLiteral("Nguyễn Ngọc Trường Sơn Anh")
                                    << parts(QStringLiteral("Nguyễn"), QStringLiteral("Ngọc Trường Sơn"),
                                           QStringLiteral("Anh"))
                                    << QStringList {};
        // Typed on a Mac or pasted from the web: decomposed letters, no-break spaces and tabs.
        QTest::newRow("decomposed, no-break spaces")
            << QStringLiteral("Nguye\u0302\u0303n\u00A0Va\u0306n\tDu\u031B\u0300ng")
            << parts(QStringLiteral("Nguyễn"), QStringLiteral("Văn"), QStringLiteral("Dừng")) << QStringList {};
        QTest::newRow("capitals kept") << QStringLiteral("PHẠM MINH CHÍNH")
                                       << parts(QStringLiteral("PHẠM"), QStringLiteral("MINH"), QStringLiteral("CHÍNH"))
                                       << QStringList {};
        QTest::newRow("spaces only") << QStringLiteral("   ") << QJsonObject()
                                     << QStringList { QStringLiteral("surname"), QStringLiteral("given_name") };
    }

    void splitsFullName()
    {
        QFETCH(QString, cell);
        QFETCH(QJsonObject, name);
        QFETCH(QStringList, missing);

        const auto read = RecordImport::read(
            csv({ QStringLiteral("STT;Họ và tên;Ngày sinh"), QStringLiteral("1;%1;02/09/1975").arg(quoted(cell)) }),
            person, personLabels());
        QVERIFY(read.isOk());
        QCOMPARE(read.value().mapping(),
            QStringList({ QString(), RecordImport::fullNameField, QStringLiteral("birth_date") }));
        const auto checked = read.value().check();
        QCOMPARE(checked.size(), 1);
        QCOMPARE(checked.at(0).line, 2);
        QJsonObject expected = name;
        expected.insert(QStringLiteral("birth_date"), QStringLiteral("1975-09-02"));
        QCOMPARE(checked.at(0).fields, expected);
        QStringList reported;
        for (const FieldProblem &problem : checked.at(0).problems) {
            QCOMPARE(problem.code, FieldProblem::Code::Missing);
            reported.append(problem.field);
        }
        QCOMPARE(reported, missing);
    }

    void fullNameAndSeparateColumns()
    {
        const QByteArray data = csv({
            QStringLiteral("Họ và tên;Họ;Tên đệm;Tên"), // line 1
            QStringLiteral("Nguyễn Văn An;;;"), // line 2: the separate cells empty
            QStringLiteral("Lê Thị Thu Hà;;Thu;"), // line 3: the middle name as the cadre wrote it
            QStringLiteral("Trần Bình;Trần Lê;;Bình An"), // line 4: a compound surname, a two-word given name
            QStringLiteral("Hà;;;"), // line 5: one word, no surname anywhere
            QStringLiteral(";Phạm;;Minh"), // line 6: no full name
        });
        auto read = RecordImport::read(data, person, personLabels());
        QVERIFY(read.isOk());
        RecordImport file = std::move(read).value();
        // Separate name columns win the guess.
        QCOMPARE(file.mapping(),
            QStringList(
                { QString(), QStringLiteral("surname"), QStringLiteral("middle_name"), QStringLiteral("given_name") }));
        QStringList mapping = file.mapping();
        mapping[0] = RecordImport::fullNameField;
        file.setMapping(mapping);
        QCOMPARE(file.mapping().at(0), RecordImport::fullNameField);

        const auto checked = file.check();
        QCOMPARE(checked.size(), 5);
        const auto name = [](const char *surname, const char *middle, const char *given) {
            QJsonObject fields;
            if (*surname)
                fields.insert(QStringLiteral("surname"), QString::fromUtf8(surname));
            if (*middle)
                fields.insert(QStringLiteral("middle_name"), QString::fromUtf8(middle));
            if (*given)
                fields.insert(QStringLiteral("given_name"), QString::fromUtf8(given));
            return fields;
        };
        QCOMPARE(checked.at(0).fields, name("Nguyễn", "Văn", "An"));
        QVERIFY(checked.at(0).problems.isEmpty());
        QCOMPARE(checked.at(1).fields, name("Lê", "Thu", "Hà"));
        QCOMPARE(checked.at(2).fields, name("Trần Lê", "", "Bình An"));
        QVERIFY(checked.at(2).problems.isEmpty());
        QCOMPARE(checked.at(3).line, 5);
        QCOMPARE(checked.at(3).fields, name("", "", "Hà"));
        QCOMPARE(codes(checked.at(3).problems), QList<FieldProblem::Code> { FieldProblem::Code::Missing });
        QCOMPARE(checked.at(3).problems.at(0).field, QStringLiteral("surname"));
        QCOMPARE(checked.at(4).fields, name("Phạm", "", "Minh"));

        // Not for a kind without the three parts, and one column at most.
        mapping = { RecordImport::fullNameField, RecordImport::fullNameField };
        file.setMapping(mapping);
        QCOMPARE(file.mapping(), QStringList({ RecordImport::fullNameField, QString(), QString(), QString() }));
        auto readHousehold = RecordImport::read(
            csv({ QStringLiteral("Họ và tên"), QStringLiteral("Trần Văn Bình") }), QStringLiteral("household"));
        QVERIFY(readHousehold.isOk());
        RecordImport households = std::move(readHousehold).value();
        QVERIFY(!households.acceptsFullName());
        QVERIFY(file.acceptsFullName());
        households.setMapping({ RecordImport::fullNameField });
        QCOMPARE(households.mapping(), QStringList { QString() });
        QCOMPARE(households.check().at(0).fields, QJsonObject());
    }

    void findsTheColumnTitles_data()
    {
        QTest::addColumn<bool>("withLabels");
        QTest::addColumn<QStringList>("mapping");

        const QStringList fromLabels { QString(), RecordImport::fullNameField, QStringLiteral("birth_date"),
            QStringLiteral("sex") };
        // As the CLI reads it: only the full-name title names a field, still more than the title lines do.
        const QStringList fromNames { QString(), RecordImport::fullNameField, QString(), QString() };
        QTest::newRow("the dialog's labels") << true << fromLabels;
        QTest::newRow("no labels") << false << fromNames;
    }

    void findsTheColumnTitles()
    {
        QFETCH(bool, withLabels);
        QFETCH(QStringList, mapping);

        // As Excel saves a list with a title: the title lines have no semicolons, one has a comma.
        const QByteArray data = QByteArray("\xEF\xBB\xBF")
            + QStringLiteral("DANH SÁCH NGƯỜI CAO TUỔI NĂM 2025\r\n" // line 1
                             "UBND xã Yên Sở, thành phố Hà Nội\r\n" // line 2
                             "\r\n" // line 3
                             "STT;Họ và tên;Ngày sinh;Giới tính\r\n" // line 4
                             "1;Nguyễn Văn An;02/09/1945;Nam\r\n" // line 5
                             ";;;\r\n" // line 6
                             "2;Hà;31/02/1950;Nữ\r\n") // line 7
                  .toUtf8();
        const auto read
            = withLabels ? RecordImport::read(data, person, personLabels()) : RecordImport::read(data, person);
        QVERIFY(read.isOk());
        const RecordImport &file = read.value();
        QCOMPARE(file.nonBlankLineCount(), 5);
        QCOMPARE(file.headerRow(), 2);
        QCOMPARE(file.nonBlankLine(file.headerRow()).line, 4);
        QCOMPARE(file.header(),
            QStringList({ QStringLiteral("STT"), QStringLiteral("Họ và tên"), QStringLiteral("Ngày sinh"),
                QStringLiteral("Giới tính") }));
        QCOMPARE(file.mapping(), mapping);
        QCOMPARE(file.rowCount(), 2);
        QCOMPARE(file.row(0).cells,
            QStringList({ QStringLiteral("1"), QStringLiteral("Nguyễn Văn An"), QStringLiteral("02/09/1945"),
                QStringLiteral("Nam") }));

        const auto checked = file.check(valueLabels());
        QCOMPARE(checked.size(), 2);
        QCOMPARE(checked.at(0).line, 5);
        QCOMPARE(checked.at(0).fields.value(QStringLiteral("surname")).toString(), QStringLiteral("Nguyễn"));
        QCOMPARE(checked.at(0).fields.value(QStringLiteral("middle_name")).toString(), QStringLiteral("Văn"));
        QCOMPARE(checked.at(0).fields.value(QStringLiteral("given_name")).toString(), QStringLiteral("An"));
        QVERIFY(checked.at(0).problems.isEmpty());
        // The problems name the lines of the file, title lines and blank lines counted.
        QCOMPARE(checked.at(1).line, 7);
        QList<FieldProblem::Code> expected { FieldProblem::Code::Missing };
        if (withLabels)
            expected.prepend(FieldProblem::Code::BadDate);
        QCOMPARE(codes(checked.at(1).problems), expected);
        QCOMPARE(checked.at(1).problems.constLast().field, QStringLiteral("surname"));
    }

    void columnTitlesSearchedInTheFirstLines_data()
    {
        QTest::addColumn<int>("titleLines");
        QTest::addColumn<int>("headerRow");

        QTest::newRow("none") << 0 << 0;
        QTest::newRow("one") << 1 << 1;
        QTest::newRow("nine") << 9 << 9;
        // The titles are the eleventh non-blank line: not searched, the first line is taken.
        QTest::newRow("ten") << 10 << 0;
    }

    void columnTitlesSearchedInTheFirstLines()
    {
        QFETCH(int, titleLines);
        QFETCH(int, headerRow);

        QStringList lines;
        for (int i = 0; i < titleLines; ++i)
            lines.append(QStringLiteral("Dòng tiêu đề %1").arg(i + 1));
        lines.append(QStringLiteral("surname;given_name"));
        lines.append(QStringLiteral("Nguyễn;An"));
        const auto read = RecordImport::read(csv(lines), person);
        QVERIFY(read.isOk());
        QCOMPARE(RecordImport::headerSearchLines, 10);
        QCOMPARE(read.value().headerRow(), headerRow);
        QCOMPARE(read.value().header().constFirst(), lines.at(headerRow).section(QLatin1Char(';'), 0, 0));
        QCOMPARE(read.value().rowCount(), lines.size() - headerRow - 1);
    }

    void noTitlesFoundTakesTheFirstLine()
    {
        const auto read = RecordImport::read(
            csv({ QString(), QStringLiteral("Danh sách"), QStringLiteral("Cột A;Cột B"), QStringLiteral("1;2") }),
            person, personLabels());
        QVERIFY(read.isOk());
        QCOMPARE(read.value().headerRow(), 0);
        QCOMPARE(read.value().header(), QStringList { QStringLiteral("Danh sách") });
        QCOMPARE(read.value().mapping(), QStringList { QString() });
        QCOMPARE(read.value().rowCount(), 2);
        QCOMPARE(read.value().row(0).line, 3);
    }

    void setHeaderRow()
    {
        const QByteArray data = csv({
            QStringLiteral("Danh sách hộ nghèo"), // line 1
            QString(), // line 2
            QStringLiteral("Họ;Tên;Ngày sinh"), // line 3
            QStringLiteral("Nguyễn;An;02/09/1975"), // line 4
            QStringLiteral("Lê;Hà;"), // line 5
        });
        auto read = RecordImport::read(data, person, personLabels());
        QVERIFY(read.isOk());
        RecordImport file = std::move(read).value();
        const QStringList guessed { QStringLiteral("surname"), QStringLiteral("given_name"),
            QStringLiteral("birth_date") };
        QCOMPARE(file.headerRow(), 1);
        QCOMPARE(file.mapping(), guessed);

        // The cadre says the titles are on the first line: the others are data rows, which name no field.
        file.setHeaderRow(0);
        QCOMPARE(file.headerRow(), 0);
        QCOMPARE(file.header(), QStringList { QStringLiteral("Danh sách hộ nghèo") });
        QCOMPARE(file.mapping(), QStringList { QString() });
        QCOMPARE(file.rowCount(), 3);
        QList<int> lines;
        for (const auto &row : file.check()) {
            lines.append(row.line);
            QVERIFY(!row.isImportable());
        }
        QCOMPARE(lines, (QList<int> { 3, 4, 5 }));

        // Back: the mapping is guessed again with the labels read() had.
        file.setHeaderRow(1);
        QCOMPARE(
            file.header(), QStringList({ QStringLiteral("Họ"), QStringLiteral("Tên"), QStringLiteral("Ngày sinh") }));
        QCOMPARE(file.mapping(), guessed);
        auto checked = file.check();
        QCOMPARE(checked.size(), 2);
        QCOMPARE(checked.at(0).line, 4);
        QCOMPARE(checked.at(0).fields.value(QStringLiteral("birth_date")).toString(), QStringLiteral("1975-09-02"));
        QCOMPARE(checked.at(1).line, 5);
        QVERIFY(checked.at(1).isImportable());

        // Indexes that are no non-blank line change nothing.
        file.setHeaderRow(-1);
        file.setHeaderRow(4);
        QCOMPARE(file.headerRow(), 1);
        QCOMPARE(file.rowCount(), 2);

        // The last line as titles: no data rows.
        file.setHeaderRow(3);
        QCOMPARE(file.nonBlankLine(3).line, 5);
        QCOMPARE(file.rowCount(), 0);
        QVERIFY(file.check().isEmpty());
    }

    void detectsTheSeparator_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QStringList>("header");
        QTest::addColumn<QStringList>("firstRow");
        QTest::addColumn<int>("firstLine");

        const QStringList header { QStringLiteral("surname"), QStringLiteral("given_name"), QStringLiteral("address") };
        QTest::newRow("semicolons, title without separators")
            << csv({ QStringLiteral("DANH SÁCH HỘ NGHÈO NĂM 2025"), QStringLiteral("surname;given_name;address"),
                   QStringLiteral("Nguyễn;An;Hà Nội") })
            << header << QStringList { QStringLiteral("Nguyễn"), QStringLiteral("An"), QStringLiteral("Hà Nội") } << 3;
        QTest::newRow("semicolons, titles with commas")
            << csv({ QStringLiteral("UBND xã Yên Sở, thành phố Hà Nội, năm 2025"), QString(),
                   QStringLiteral("Danh sách, đợt 1"), QStringLiteral("surname;given_name;address"),
                   QStringLiteral("Nguyễn;An;\"Thôn 1, xã Yên Sở\""), QStringLiteral("Lê;Hà;Thôn 2, xã Yên Sở") })
            << header
            << QStringList { QStringLiteral("Nguyễn"), QStringLiteral("An"), QStringLiteral("Thôn 1, xã Yên Sở") } << 5;
        QTest::newRow("semicolons, Excel's separators after the title")
            << csv({ QStringLiteral("DANH SÁCH;;"), QStringLiteral("surname;given_name;address"),
                   QStringLiteral("Nguyễn;An;") })
            << header << QStringList { QStringLiteral("Nguyễn"), QStringLiteral("An"), QString() } << 3;
        QTest::newRow("commas, title with a semicolon")
            << csv({ QStringLiteral("Danh sách; năm 2025"), QStringLiteral("surname,given_name,address"),
                   QStringLiteral("Nguyễn,An,\"Số 1; ngõ 2\""), QStringLiteral("Lê,Hà,x") })
            << header << QStringList { QStringLiteral("Nguyễn"), QStringLiteral("An"), QStringLiteral("Số 1; ngõ 2") }
            << 3;
        QTest::newRow("semicolons, a quoted title over two lines")
            << csv({ QStringLiteral("\"Danh sách,"), QStringLiteral("năm 2025\""),
                   QStringLiteral("surname;given_name;address"), QStringLiteral("Nguyễn;An;a,b") })
            << header << QStringList { QStringLiteral("Nguyễn"), QStringLiteral("An"), QStringLiteral("a,b") } << 4;
        QTest::newRow("one column") << csv({ QStringLiteral("surname"), QStringLiteral("Nguyễn, Lê") })
                                    << QStringList { QStringLiteral("surname") }
                                    << QStringList { QStringLiteral("Nguyễn"), QStringLiteral(" Lê") } << 2;
        QTest::newRow("a tie: the first line decides")
            << csv({ QStringLiteral("surname;given_name"), QStringLiteral("Nguyễn,Văn;An") })
            << QStringList { QStringLiteral("surname"), QStringLiteral("given_name") }
            << QStringList { QStringLiteral("Nguyễn,Văn"), QStringLiteral("An") } << 2;
    }

    void detectsTheSeparator()
    {
        QFETCH(QByteArray, data);
        QFETCH(QStringList, header);
        QFETCH(QStringList, firstRow);
        QFETCH(int, firstLine);

        const auto read = RecordImport::read(data, person);
        QVERIFY2(read.isOk(), read.isOk() ? "" : qPrintable(read.error().message));
        QCOMPARE(read.value().header(), header);
        QVERIFY(read.value().rowCount() > 0);
        QCOMPARE(read.value().row(0).cells, firstRow);
        QCOMPARE(read.value().row(0).line, firstLine);
    }

    void setMappingIgnoresColumns()
    {
        // The cadre's list has a column the registry does not keep ("Ghi chú") and one the guess got wrong.
        auto read = RecordImport::read(csv({ QStringLiteral("Họ;Tên;Ghi chú;Mã hộ"),
                                           QStringLiteral("Nguyễn;An;gọi sau;0194d4a2-0000-7000-8000-000000000001") }),
            person);
        QVERIFY(read.isOk());
        RecordImport file = std::move(read).value();
        file.guessMapping(personLabels());
        QCOMPARE(file.mapping(),
            QStringList({ QStringLiteral("surname"), QStringLiteral("given_name"), QString(), QString() }));

        file.setMapping(
            { QStringLiteral("surname"), QStringLiteral("given_name"), QString(), QStringLiteral("household_id") });
        // A reference cannot come from a spreadsheet: its column stays ignored.
        QCOMPARE(file.mapping(),
            QStringList({ QStringLiteral("surname"), QStringLiteral("given_name"), QString(), QString() }));
        auto checked = file.check();
        QCOMPARE(checked.size(), 1);
        QCOMPARE(checked.at(0).fields,
            QJsonObject({ { QStringLiteral("surname"), QStringLiteral("Nguyễn") },
                { QStringLiteral("given_name"), QStringLiteral("An") } }));
        QVERIFY(checked.at(0).problems.isEmpty());

        // Names that are not fields, a field named twice, a mapping too short: those columns are ignored.
        file.setMapping({ QStringLiteral("given_name"), QStringLiteral("given_name"), QStringLiteral("nickname") });
        QCOMPARE(file.mapping(), QStringList({ QStringLiteral("given_name"), QString(), QString(), QString() }));
        checked = file.check();
        QCOMPARE(checked.at(0).fields, QJsonObject({ { QStringLiteral("given_name"), QStringLiteral("Nguyễn") } }));
        QCOMPARE(codes(checked.at(0).problems), QList<FieldProblem::Code> { FieldProblem::Code::Missing });
        QCOMPARE(checked.at(0).problems.at(0).field, QStringLiteral("surname"));

        // Moving the note into the address keeps it.
        file.setMapping({ QStringLiteral("surname"), QStringLiteral("given_name"), QStringLiteral("address"), QString(),
            QStringLiteral("extra") });
        QCOMPARE(file.mapping().size(), 4);
        QCOMPARE(file.check().at(0).fields.value(QStringLiteral("address")).toString(), QStringLiteral("gọi sau"));
    }

    void typesValues_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QJsonValue>("value"); // Undefined: left out
        QTest::addColumn<int>("problem"); // a FieldProblem::Code, or -1

        const int none = -1;
        const int badDate = int(FieldProblem::Code::BadDate);
        const int wrongType = int(FieldProblem::Code::WrongType);
        const int notAllowed = int(FieldProblem::Code::NotAllowed);
        const int outOfRange = int(FieldProblem::Code::OutOfRange);
        const int badFormat = int(FieldProblem::Code::BadFormat);
        const QJsonValue leftOut(QJsonValue::Undefined);
        const QString birth = QStringLiteral("birth_date");
        const QString date = QStringLiteral("date");

        // Text
        QTest::newRow("text trimmed") << person << QStringLiteral("address") << QStringLiteral("  Số 1, Hà Nội  ")
                                      << QJsonValue(QStringLiteral("Số 1, Hà Nội")) << none;
        QTest::newRow("text to NFC") << person << QStringLiteral("address") << QStringLiteral("Đo\u0302\u0300ng")
                                     << QJsonValue(QStringLiteral("Đồng")) << none;
        QTest::newRow("citizen ID") << person << QStringLiteral("cccd") << QStringLiteral("001090000001")
                                    << QJsonValue(QStringLiteral("001090000001")) << none;
        QTest::newRow("citizen ID too short") << person << QStringLiteral("cccd") << QStringLiteral("12345")
                                              << QJsonValue(QStringLiteral("12345")) << badFormat;
        // Dates
        QTest::newRow("dd/MM/yyyy") << person << birth << QStringLiteral("15/03/1990")
                                    << QJsonValue(QStringLiteral("1990-03-15")) << none;
        QTest::newRow("d/M/yyyy") << person << birth << QStringLiteral("5/3/1990")
                                  << QJsonValue(QStringLiteral("1990-03-05")) << none;
        QTest::newRow("dd.MM.yyyy") << person << birth << QStringLiteral("05.03.1990")
                                    << QJsonValue(QStringLiteral("1990-03-05")) << none;
        QTest::newRow("d-M-yyyy") << person << birth << QStringLiteral("5-3-1990")
                                  << QJsonValue(QStringLiteral("1990-03-05")) << none;
        QTest::newRow("yyyy-MM-dd") << person << birth << QStringLiteral("1990-03-05")
                                    << QJsonValue(QStringLiteral("1990-03-05")) << none;
        QTest::newRow("leap day") << person << birth << QStringLiteral("29/02/2024")
                                  << QJsonValue(QStringLiteral("2024-02-29")) << none;
        QTest::newRow("31/02/1990") << person << birth << QStringLiteral("31/02/1990") << leftOut << badDate;
        QTest::newRow("29/02/2023") << person << birth << QStringLiteral("29/02/2023") << leftOut << badDate;
        QTest::newRow("month 13") << person << birth << QStringLiteral("01/13/1990") << leftOut << badDate;
        QTest::newRow("year only") << person << birth << QStringLiteral("1990") << leftOut << badDate;
        QTest::newRow("two-digit year") << person << birth << QStringLiteral("15/03/90") << leftOut << badDate;
        QTest::newRow("year first with slashes")
            << person << birth << QStringLiteral("1990/03/15") << leftOut << badDate;
        QTest::newRow("mixed separators") << person << birth << QStringLiteral("15/03.1990") << leftOut << badDate;
        QTest::newRow("words") << person << birth << QStringLiteral("mùng 5 tháng 3") << leftOut << badDate;
        // A required date that cannot be read is that problem, not "missing" as well.
        QTest::newRow("required date unreadable") << fund << date << QStringLiteral("31/02/2024") << leftOut << badDate;
        QTest::newRow("required date") << fund << date << QStringLiteral("2/9/2024")
                                       << QJsonValue(QStringLiteral("2024-09-02")) << none;
        // Integers
        QTest::newRow("integer") << household << QStringLiteral("members") << QStringLiteral("5") << QJsonValue(5)
                                 << none;
        QTest::newRow("negative") << household << QStringLiteral("members") << QStringLiteral("-3") << QJsonValue(-3)
                                  << none;
        QTest::newRow("year") << person << QStringLiteral("birth_year") << QStringLiteral("1990") << QJsonValue(1990)
                              << none;
        QTest::newRow("1.000.000") << fund << QStringLiteral("amount_vnd") << QStringLiteral("1.000.000")
                                   << QJsonValue(1000000) << none;
        QTest::newRow("1,000,000") << fund << QStringLiteral("amount_vnd") << QStringLiteral("1,000,000")
                                   << QJsonValue(1000000) << none;
        QTest::newRow("1 000") << fund << QStringLiteral("amount_vnd") << QStringLiteral("1 000") << QJsonValue(1000)
                               << none;
        QTest::newRow("no-break space") << fund << QStringLiteral("amount_vnd") << QStringLiteral("25\u00A0000")
                                        << QJsonValue(25000) << none;
        QTest::newRow("12,5") << household << QStringLiteral("members") << QStringLiteral("12,5") << leftOut
                              << wrongType;
        QTest::newRow("1.00") << fund << QStringLiteral("amount_vnd") << QStringLiteral("1.00") << leftOut << wrongType;
        QTest::newRow("1 0000") << fund << QStringLiteral("amount_vnd") << QStringLiteral("1 0000") << leftOut
                                << wrongType;
        QTest::newRow("1.000,000") << fund << QStringLiteral("amount_vnd") << QStringLiteral("1.000,000") << leftOut
                                   << wrongType;
        QTest::newRow(".000") << fund << QStringLiteral("amount_vnd") << QStringLiteral(".000") << leftOut << wrongType;
        QTest::newRow("words for a number")
            << household << QStringLiteral("members") << QStringLiteral("năm") << leftOut << wrongType;
        QTest::newRow("too large") << household << QStringLiteral("members") << QStringLiteral("99999999999999999999")
                                   << leftOut << wrongType;
        QTest::newRow("amount zero") << fund << QStringLiteral("amount_vnd") << QStringLiteral("0") << QJsonValue(0)
                                     << outOfRange;
        QTest::newRow("amount negative") << fund << QStringLiteral("amount_vnd") << QStringLiteral("-1.000")
                                         << QJsonValue(-1000) << outOfRange;
        // Booleans
        const QString party = QStringLiteral("party_member");
        const QJsonValue yes(true);
        const QJsonValue no(false);
        QTest::newRow("true") << person << party << QStringLiteral("true") << yes << none;
        QTest::newRow("TRUE") << person << party << QStringLiteral("TRUE") << yes << none;
        QTest::newRow("1") << person << party << QStringLiteral("1") << yes << none;
        QTest::newRow("x") << person << party << QStringLiteral("x") << yes << none;
        QTest::newRow("X") << person << party << QStringLiteral("X") << yes << none;
        QTest::newRow("có") << person << party << QStringLiteral("có") << yes << none;
        QTest::newRow("Có") << person << party << QStringLiteral("Có") << yes << none;
        QTest::newRow("co") << person << party << QStringLiteral("co") << yes << none;
        QTest::newRow("false") << person << party << QStringLiteral("false") << no << none;
        QTest::newRow("0") << person << party << QStringLiteral("0") << no << none;
        QTest::newRow("không") << person << party << QStringLiteral("không") << no << none;
        QTest::newRow("KHÔNG") << person << party << QStringLiteral("KHÔNG") << no << none;
        QTest::newRow("khong") << person << party << QStringLiteral("khong") << no << none;
        QTest::newRow("yes") << person << party << QStringLiteral("yes") << leftOut << wrongType;
        QTest::newRow("2") << person << party << QStringLiteral("2") << leftOut << wrongType;
        // Enums
        const QString sex = QStringLiteral("sex");
        QTest::newRow("stored value") << person << sex << QStringLiteral("male") << QJsonValue(QStringLiteral("male"))
                                      << none;
        QTest::newRow("stored value in capitals")
            << person << sex << QStringLiteral("FEMALE") << QJsonValue(QStringLiteral("female")) << none;
        QTest::newRow("Nam") << person << sex << QStringLiteral("Nam") << QJsonValue(QStringLiteral("male")) << none;
        QTest::newRow("nữ") << person << sex << QStringLiteral("nữ") << QJsonValue(QStringLiteral("female")) << none;
        QTest::newRow("Nu") << person << sex << QStringLiteral("Nu") << QJsonValue(QStringLiteral("female")) << none;
        QTest::newRow("khác") << person << sex << QStringLiteral("khác") << QJsonValue(QStringLiteral("khác"))
                              << notAllowed;
        QTest::newRow("cận nghèo") << household << QStringLiteral("poverty_status") << QStringLiteral("hộ cận nghèo")
                                   << QJsonValue(QStringLiteral("near_poor")) << none;
        QTest::newRow("near_poor") << household << QStringLiteral("poverty_status") << QStringLiteral("near_poor")
                                   << QJsonValue(QStringLiteral("near_poor")) << none;
        QTest::newRow("required enum by label") << fund << QStringLiteral("direction") << QStringLiteral("thu vao")
                                                << QJsonValue(QStringLiteral("thu")) << none;
        QTest::newRow("required enum not allowed") << fund << QStringLiteral("direction") << QStringLiteral("vay")
                                                   << QJsonValue(QStringLiteral("vay")) << notAllowed;
    }

    void typesValues()
    {
        QFETCH(QString, kind);
        QFETCH(QString, field);
        QFETCH(QString, cell);
        QFETCH(QJsonValue, value);
        QFETCH(int, problem);

        auto [titles, cells] = requiredColumns(kind, field);
        titles.append(field);
        cells.append(quoted(cell));
        const auto read
            = RecordImport::read(csv({ titles.join(QLatin1Char(',')), cells.join(QLatin1Char(',')) }), kind);
        QVERIFY(read.isOk());
        QCOMPARE(read.value().mapping(), titles);
        const auto checked = read.value().check(valueLabels());
        QCOMPARE(checked.size(), 1);
        const RecordImport::CheckedRow &row = checked.at(0);
        QCOMPARE(row.line, 2);
        if (value.isUndefined())
            QVERIFY2(!row.fields.contains(field), qPrintable(row.fields.value(field).toVariant().toString()));
        else
            QCOMPARE(row.fields.value(field), value);
        if (problem < 0) {
            QVERIFY2(row.problems.isEmpty(), qPrintable(row.problems.value(0).message));
            QVERIFY(row.isImportable());
        } else {
            QCOMPARE(row.problems.size(), 1);
            QCOMPARE(row.problems.at(0).code, FieldProblem::Code(problem));
            QCOMPARE(row.problems.at(0).field, field);
            QVERIFY(!row.problems.at(0).message.isEmpty());
        }
    }

    void problemsCarryTheirLines()
    {
        const QByteArray data = csv({
            QStringLiteral("Họ;Tên;Địa chỉ;Ngày sinh;Giới tính"), // line 1
            QStringLiteral("Nguyễn;An;\"Thôn 1"), // line 2, a cell over three lines
            QStringLiteral("xã Yên Sở"), //
            QStringLiteral("Hà Nội\";01/01/1980;Nam"), //
            QStringLiteral("Trần;Bình;;31/02/1990;nam"), // line 5: a day that does not exist
            QString(), // line 6: blank
            QStringLiteral(";Cường;;;Nữ"), // line 7: no surname
            QStringLiteral("Lê;;;1990;khác"), // line 8: no given name, a year in a date column, an unknown sex
        });
        auto read = RecordImport::read(data, person);
        QVERIFY(read.isOk());
        RecordImport file = std::move(read).value();
        file.guessMapping(personLabels());
        file.setMapping({ file.mapping().at(0), file.mapping().at(1), QStringLiteral("address"), file.mapping().at(3),
            file.mapping().at(4) });
        const auto checked = file.check(valueLabels());
        QCOMPARE(checked.size(), 4);

        QCOMPARE(checked.at(0).line, 2);
        QVERIFY(checked.at(0).problems.isEmpty());
        QCOMPARE(checked.at(0).fields.value(QStringLiteral("address")).toString(),
            QStringLiteral("Thôn 1\nxã Yên Sở\nHà Nội"));
        QCOMPARE(checked.at(0).fields.value(QStringLiteral("sex")).toString(), QStringLiteral("male"));

        QCOMPARE(checked.at(1).line, 5);
        QCOMPARE(codes(checked.at(1).problems), QList<FieldProblem::Code> { FieldProblem::Code::BadDate });
        QCOMPARE(checked.at(1).problems.at(0).field, QStringLiteral("birth_date"));
        QVERIFY(checked.at(1).problems.at(0).message.contains(QStringLiteral("31/02/1990")));

        QCOMPARE(checked.at(2).line, 7);
        QCOMPARE(codes(checked.at(2).problems), QList<FieldProblem::Code> { FieldProblem::Code::Missing });
        QCOMPARE(checked.at(2).problems.at(0).field, QStringLiteral("surname"));
        QCOMPARE(checked.at(2).fields.value(QStringLiteral("sex")).toString(), QStringLiteral("female"));
        // An empty cell is left out, not stored as null.
        QVERIFY(!checked.at(2).fields.contains(QStringLiteral("surname")));
        QVERIFY(!checked.at(2).fields.contains(QStringLiteral("address")));

        QCOMPARE(checked.at(3).line, 8);
        QCOMPARE(codes(checked.at(3).problems),
            (QList<FieldProblem::Code> {
                FieldProblem::Code::BadDate, FieldProblem::Code::NotAllowed, FieldProblem::Code::Missing }));
        QCOMPARE(checked.at(3).problems.at(2).field, QStringLiteral("given_name"));
    }

    void requiredFieldsMissing_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QStringList>("missing");

        QTest::newRow("person without names")
            << person << csv({ QStringLiteral("surname,middle_name,given_name"), QStringLiteral(",Văn,") })
            << QStringList { QStringLiteral("surname"), QStringLiteral("given_name") };
        QTest::newRow("person, spaces only")
            << person << csv({ QStringLiteral("surname,middle_name,given_name"), QStringLiteral("Lê,  Văn , \u00A0 ") })
            << QStringList { QStringLiteral("given_name") };
        QTest::newRow("person, no column for it")
            << person << csv({ QStringLiteral("surname,address"), QStringLiteral("Lê,Hà Nội") })
            << QStringList { QStringLiteral("given_name") };
        QTest::newRow("fund without direction and amount")
            << fund << csv({ QStringLiteral("date,direction,note"), QStringLiteral("01/01/2024,,quà Tết") })
            << QStringList { QStringLiteral("direction"), QStringLiteral("amount_vnd") };
        QTest::newRow("household complete")
            << household << csv({ QStringLiteral("head_name"), QStringLiteral("Trần Văn Bình") }) << QStringList {};
    }

    void requiredFieldsMissing()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, data);
        QFETCH(QStringList, missing);

        const auto read = RecordImport::read(data, kind);
        QVERIFY(read.isOk());
        const auto checked = read.value().check();
        QCOMPARE(checked.size(), 1);
        QStringList fields;
        for (const FieldProblem &problem : checked.at(0).problems) {
            QCOMPARE(problem.code, FieldProblem::Code::Missing);
            fields.append(problem.field);
        }
        QCOMPARE(fields, missing);
    }

    void rowsShorterOrLongerThanHeader()
    {
        const auto read = RecordImport::read(csv({
                                                 QStringLiteral("surname,given_name,address,birth_year"),
                                                 QStringLiteral("Nguyễn,An"), // short: address and year empty
                                                 QStringLiteral("Trần,Bình,Hà Nội,1990,extra,cells"), // long
                                                 QStringLiteral("Lê"), // short: a required name missing
                                             }),
            person);
        QVERIFY(read.isOk());
        QCOMPARE(read.value().rowCount(), 3);
        QCOMPARE(read.value().row(0).cells.size(), 2);
        QCOMPARE(read.value().row(1).cells.size(), 6);
        const auto checked = read.value().check();
        QCOMPARE(checked.size(), 3);
        QCOMPARE(checked.at(0).fields,
            QJsonObject({ { QStringLiteral("surname"), QStringLiteral("Nguyễn") },
                { QStringLiteral("given_name"), QStringLiteral("An") } }));
        QVERIFY(checked.at(0).problems.isEmpty());
        QCOMPARE(checked.at(1).fields,
            QJsonObject({ { QStringLiteral("surname"), QStringLiteral("Trần") },
                { QStringLiteral("given_name"), QStringLiteral("Bình") },
                { QStringLiteral("address"), QStringLiteral("Hà Nội") }, { QStringLiteral("birth_year"), 1990 } }));
        QVERIFY(checked.at(1).problems.isEmpty());
        QCOMPARE(codes(checked.at(2).problems), QList<FieldProblem::Code> { FieldProblem::Code::Missing });
    }

    void writesTheCheckedRows()
    {
        auto read = RecordImport::read(
            csv({ QStringLiteral("Họ;Tên đệm;Tên;Giới tính;Ngày sinh;Đảng viên"),
                QStringLiteral("Nguyễn;Thị;Hoa;Nữ;02/09/1985;x"), QStringLiteral("Trần;;Nam;nam;31/02/1990;") }),
            person);
        QVERIFY(read.isOk());
        RecordImport file = std::move(read).value();
        file.guessMapping(personLabels());
        QStringList mapping = file.mapping();
        mapping[5] = QStringLiteral("party_member");
        file.setMapping(mapping);
        QList<QJsonObject> records;
        for (const auto &row : file.check(valueLabels())) {
            if (row.isImportable())
                records.append(row.fields);
        }
        QCOMPARE(records.size(), 1);

        const auto written = RecordImport::write(*m_store, file.kind(), commune, records);
        QVERIFY2(written.isOk(), written.isOk() ? "" : qPrintable(written.error().message));
        QCOMPARE(written.value(), 1);
        QCOMPARE(m_store->pendingCount(), 1);
        const auto keys = m_store->listKeys(everyOf(person));
        QVERIFY(keys.isOk());
        const auto rows = m_store->listRows(keys.value());
        QVERIFY(rows.isOk());
        QCOMPARE(rows.value().size(), 1);
        QCOMPARE(rows.value().at(0).scope, commune);
        QCOMPARE(rows.value().at(0).fields,
            QJsonObject({ { QStringLiteral("surname"), QStringLiteral("Nguyễn") },
                { QStringLiteral("middle_name"), QStringLiteral("Thị") },
                { QStringLiteral("given_name"), QStringLiteral("Hoa") },
                { QStringLiteral("sex"), QStringLiteral("female") },
                { QStringLiteral("birth_date"), QStringLiteral("1985-09-02") },
                { QStringLiteral("party_member"), true } }));
    }

    void writeReportsProgress_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<QList<int>>("calls");

        QTest::newRow("1000") << 1000 << QList<int> { 250, 500, 750, 1000 };
        QTest::newRow("1001") << 1001 << QList<int> { 250, 500, 750, 1000, 1001 };
        QTest::newRow("300") << 300 << QList<int> { 250, 300 };
        QTest::newRow("250") << 250 << QList<int> { 250 };
        QTest::newRow("1") << 1 << QList<int> { 1 };
        QTest::newRow("none") << 0 << QList<int> { 0 };
    }

    void writeReportsProgress()
    {
        QFETCH(int, count);
        QFETCH(QList<int>, calls);

        const auto read = RecordImport::read(persons(count), person);
        QVERIFY(read.isOk());
        RecordImport file = read.value();
        file.guessMapping(personLabels());
        QList<QJsonObject> records;
        for (const auto &row : file.check()) {
            QVERIFY2(row.isImportable(), qPrintable(row.problems.value(0).message));
            records.append(row.fields);
        }

        QList<int> done;
        const auto written = RecordImport::write(*m_store, person, commune, records, [&](int n, int total) {
            done.append(n);
            return total == count;
        });
        QVERIFY2(written.isOk(), written.isOk() ? "" : qPrintable(written.error().message));
        QCOMPARE(written.value(), count);
        QCOMPARE(done, calls);
        QCOMPARE(done.constLast(), count);
        QCOMPARE(m_store->pendingCount(), count);
    }

    void writesAThousandInOneTransaction()
    {
        const auto read = RecordImport::read(persons(1000), person);
        QVERIFY(read.isOk());
        QCOMPARE(read.value().rowCount(), 1000);
        RecordImport file = read.value();
        file.guessMapping(personLabels());
        const auto checked = file.check();
        QCOMPARE(checked.size(), 1000);
        QCOMPARE(checked.constLast().line, 1001);
        QList<QJsonObject> records;
        for (const auto &row : checked) {
            QVERIFY(row.isImportable());
            records.append(row.fields);
        }
        int last = 0;
        int lastTotal = 0;
        const auto written = RecordImport::write(*m_store, person, commune, records, [&](int done, int total) {
            [&] { QVERIFY(done > last); }();
            last = done;
            lastTotal = total;
            return true;
        });
        QVERIFY(written.isOk());
        QCOMPARE(written.value(), 1000);
        QCOMPARE(last, 1000);
        QCOMPARE(lastTotal, 1000);
        QCOMPARE(m_store->pendingCount(), 1000);
        const auto found = m_store->search(QStringLiteral("người 999"));
        QVERIFY(found.isOk());
        QCOMPARE(found.value().size(), 1);
    }

    void cancelKeepsNothing_data()
    {
        QTest::addColumn<int>("stopAtCall");
        QTest::addColumn<int>("count");

        QTest::newRow("second call") << 2 << 1000;
        QTest::newRow("first call") << 1 << 1000;
        QTest::newRow("the last call") << 4 << 1000;
        QTest::newRow("the only call") << 1 << 10;
    }

    void cancelKeepsNothing()
    {
        QFETCH(int, stopAtCall);
        QFETCH(int, count);

        const auto read = RecordImport::read(persons(count), person);
        QVERIFY(read.isOk());
        RecordImport file = read.value();
        file.guessMapping(personLabels());
        QList<QJsonObject> records;
        for (const auto &row : file.check())
            records.append(row.fields);

        int calls = 0;
        const auto written
            = RecordImport::write(*m_store, person, commune, records, [&](int, int) { return ++calls < stopAtCall; });
        QVERIFY(!written.isOk());
        QCOMPARE(written.error().code, RecordImport::WriteError::Cancelled);
        QCOMPARE(calls, stopAtCall);
        QCOMPARE(m_store->pendingCount(), 0);
        const auto keys = m_store->listKeys(everyOf(person));
        QVERIFY(keys.isOk());
        QVERIFY(keys.value().isEmpty());

        // The store is as it was: the import can be run again.
        const auto again = RecordImport::write(*m_store, person, commune, records);
        QVERIFY(again.isOk());
        QCOMPARE(m_store->pendingCount(), count);
    }

    void writeFailureKeepsNothing()
    {
        const QList<QJsonObject> records { { { QStringLiteral("surname"), QStringLiteral("A") },
                                               { QStringLiteral("given_name"), QStringLiteral("B") } },
            { { QStringLiteral("surname"), QStringLiteral("C") },
                { QStringLiteral("given_name"), QStringLiteral("D") } } };
        // A store that is not open.
        ReplicaStore closed(m_dir->filePath(QStringLiteral("other.sqlite")), crypto::randomBytes(crypto::keyBytes));
        const auto notOpen = RecordImport::write(closed, person, commune, records);
        QVERIFY(!notOpen.isOk());
        QCOMPARE(notOpen.error().code, RecordImport::WriteError::Database);
        QVERIFY(!notOpen.error().message.isEmpty());

        // A scope the store refuses.
        const auto badScope = RecordImport::write(*m_store, person, QStringLiteral("not a scope"), records);
        QVERIFY(!badScope.isOk());
        QCOMPARE(badScope.error().code, RecordImport::WriteError::Database);
        QVERIFY(badScope.error().message.contains(QStringLiteral("not a scope")));
        QCOMPARE(m_store->pendingCount(), 0);

        // A record the store refuses after others were created: the batch keeps none of them.
        QList<QJsonObject> halfBad = records;
        halfBad.append(QJsonObject { { QString(), QStringLiteral("no name") } });
        halfBad.append(records);
        const auto failed = RecordImport::write(*m_store, person, commune, halfBad);
        QVERIFY(!failed.isOk());
        QCOMPARE(failed.error().code, RecordImport::WriteError::Database);
        QCOMPARE(m_store->pendingCount(), 0);
        QVERIFY(RecordImport::write(*m_store, person, commune, records).isOk());
        QCOMPARE(m_store->pendingCount(), 2);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ReplicaStore> m_store;
};

QTEST_GUILESS_MAIN(tst_RecordImport)
#include "tst_recordimport.moc"
