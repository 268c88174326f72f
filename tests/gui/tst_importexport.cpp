// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// CSV import and export on the registries page, offscreen and in Vietnamese: a file with bad rows (reported by
// line, nothing imported until the cadre chooses the valid rows), a list with title lines and one full-name column,
// 10,000 rows with progress and a cancel that keeps nothing, and an export that Excel opens (BOM, semicolons, CRLF,
// no formulas) and that reads back.
#include "client/core/replicastore.h"
#include "client/ui/importdialog.h"
#include "client/ui/recordlistmodel.h"
#include "client/ui/registriespage.h"
#include "client/ui/uilanguage.h"
#include "shared/crypto.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace mts;

namespace {

const QString commune = QStringLiteral("C:00070");
const QByteArray bom("\xEF\xBB\xBF");

} // namespace

class tst_ImportExport : public QObject {
    Q_OBJECT

private:
    UiLanguage m_language;
    QTemporaryDir m_dir;
    QByteArray m_key = crypto::randomBytes(crypto::keyBytes);
    std::unique_ptr<ReplicaStore> m_store;
    std::unique_ptr<RegistriesPage> m_page;

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return {};
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_language.install(QStringLiteral("vi"))); }

    void init()
    {
        m_store = std::make_unique<ReplicaStore>(
            m_dir.filePath(QStringLiteral("%1.sqlite").arg(QString::fromLatin1(QTest::currentTestFunction()))), m_key);
        QVERIFY(m_store->open());
        m_page = std::make_unique<RegistriesPage>();
        m_page->setReplica(m_store.get(), commune, m_key);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    }

    void cleanup()
    {
        m_page.reset();
        m_store.reset();
    }

    void badRowsAreReportedByLine()
    {
        // As Excel saves "CSV UTF-8" on a Vietnamese Windows: BOM, semicolons, CRLF, Vietnamese titles.
        const QByteArray csv = bom
            + QStringLiteral("Họ;Tên đệm;Tên;Giới tính;Ngày sinh;Số định danh cá nhân (CCCD)\r\n"
                             "Nguyễn;Văn;An;Nam;02/09/1975;001075012345\r\n"
                             "Trần;Thị;Bình;Nữ;31/02/1990;\r\n"
                             "Lê;;Cường;Nam;1980-01-01;12345\r\n"
                             "Phạm;Thị;;Nữ;;\r\n")
                  .toUtf8();
        ImportDialog *dialog = m_page->openImport();
        QVERIFY(dialog);
        QVERIFY(dialog->loadFile(writeFile(QStringLiteral("people.csv"), csv)));
        // The Vietnamese titles found their fields.
        auto *sexColumn = qobject_cast<QComboBox *>(dialog->preview()->cellWidget(0, 3));
        QVERIFY(sexColumn);
        QCOMPARE(sexColumn->currentData().toString(), QStringLiteral("sex"));
        QCOMPARE(dialog->preview()->item(1, 2)->text(), QStringLiteral("An"));

        QStringList problems;
        for (int i = 0; i < dialog->problems()->count(); ++i)
            problems.append(dialog->problems()->item(i)->text());
        QCOMPARE(problems.size(), 3);
        QVERIFY2(problems.at(0).startsWith(QStringLiteral("Dòng 3, Ngày sinh: Không phải ngày")),
            qPrintable(problems.at(0)));
        QVERIFY2(problems.at(1).startsWith(QStringLiteral("Dòng 4, Số định danh cá nhân (CCCD): ")),
            qPrintable(problems.at(1)));
        QCOMPARE(problems.at(2), QStringLiteral("Dòng 5, Tên: Bắt buộc: hãy điền vào."));
        QVERIFY(dialog->summary().startsWith(QStringLiteral("4 dòng: 1 hợp lệ, 3 có lỗi")));

        // Nothing goes in while problems remain, unless the cadre asks for the valid rows only.
        QVERIFY(!dialog->importButton()->isEnabled());
        dialog->onlyValidRows()->setChecked(true);
        QVERIFY(dialog->importButton()->isEnabled());
        QSignalSpy ended(dialog, &ImportDialog::importEnded);
        QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 30000);
        QCOMPARE(ended.first().first().toInt(), 1);
        QCOMPARE(m_store->pendingCount(), 1);
        QCOMPARE(m_page->model()->rowCount(), 1);
        QCOMPARE(m_page->model()->data(m_page->model()->index(0, 0)).toString(), QStringLiteral("Nguyễn Văn An"));
        // Imported once: the button does not import the same rows again.
        QVERIFY(!dialog->importButton()->isEnabled());
    }

    void titleLinesAndFullNames()
    {
        // A list as a commune keeps it: a title, the unit's name (with a comma), a blank line, then the columns,
        // the name in one column.
        const QByteArray csv = bom
            + QStringLiteral("DANH SÁCH NGƯỜI CAO TUỔI NĂM 2025\r\n"
                             "UBND xã Yên Sở, thành phố Hà Nội\r\n"
                             ";;;\r\n"
                             "STT;Họ và tên;Giới tính;Ngày sinh\r\n"
                             "1;Nguyễn Văn An;Nam;02/09/1945\r\n"
                             "2;  Lê Thị   Thu Hà ;Nữ;15/03/1950\r\n")
                  .toUtf8();
        ImportDialog *dialog = m_page->openImport();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QVERIFY(dialog->loadFile(writeFile(QStringLiteral("elderly.csv"), csv)));

        // The titles were found on line 4, and the name column splits the names.
        QComboBox *headerLine = dialog->headerLine();
        QCOMPARE(headerLine->currentData().toInt(), 4);
        QVERIFY2(
            headerLine->currentText().contains(QStringLiteral("Họ và tên")), qPrintable(headerLine->currentText()));
        QCOMPARE(dialog->preview()->horizontalHeaderItem(1)->text(), QStringLiteral("Họ và tên"));
        auto *nameColumn = qobject_cast<QComboBox *>(dialog->preview()->cellWidget(0, 1));
        QVERIFY(nameColumn);
        QCOMPARE(nameColumn->currentData().toString(), RecordImport::fullNameField);
        QCOMPARE(qobject_cast<QComboBox *>(dialog->preview()->cellWidget(0, 3))->currentData().toString(),
            QStringLiteral("birth_date"));
        QCOMPARE(dialog->preview()->item(2, 1)->text(), QStringLiteral("  Lê Thị   Thu Hà "));
        QCOMPARE(dialog->problems()->count(), 0);
        QCOMPARE(dialog->summary(), QStringLiteral("2 dòng, tất cả đều hợp lệ."));

        // The line is chosen from the keyboard: its label's mnemonic, then the first line.
        QLabel *label = nullptr;
        for (QLabel *candidate : dialog->findChildren<QLabel *>()) {
            if (candidate->buddy() == headerLine)
                label = candidate;
        }
        QVERIFY(label);
        const qsizetype amp = label->text().indexOf(QLatin1Char('&'));
        QVERIFY2(amp >= 0 && amp + 1 < label->text().size(), qPrintable(label->text()));
        dialog->activateWindow();
        QTest::keyClick(dialog, label->text().at(amp + 1).toLower().toLatin1(), Qt::AltModifier);
        QTRY_COMPARE(QApplication::focusWidget(), headerLine);
        QTest::keyClick(headerLine, Qt::Key_Home);
        QCOMPARE(headerLine->currentData().toInt(), 1);
        // The title as column titles: it names no field, so no row can be imported.
        QCOMPARE(dialog->preview()->columnCount(), 1);
        QCOMPARE(
            dialog->preview()->horizontalHeaderItem(0)->text(), QStringLiteral("DANH SÁCH NGƯỜI CAO TUỔI NĂM 2025"));
        QCOMPARE(qobject_cast<QComboBox *>(dialog->preview()->cellWidget(0, 0))->currentData().toString(), QString());
        QVERIFY(dialog->problems()->count() > 0);
        QVERIFY2(dialog->problems()->item(0)->text().startsWith(QStringLiteral("Dòng 2, ")),
            qPrintable(dialog->problems()->item(0)->text()));
        QVERIFY(!dialog->importButton()->isEnabled());
        // Down twice: line 2, then line 4 (line 3 is blank, not a choice).
        QTest::keyClick(headerLine, Qt::Key_Down);
        QTest::keyClick(headerLine, Qt::Key_Down);
        QCOMPARE(headerLine->currentData().toInt(), 4);
        QCOMPARE(qobject_cast<QComboBox *>(dialog->preview()->cellWidget(0, 1))->currentData().toString(),
            RecordImport::fullNameField);
        QCOMPARE(dialog->problems()->count(), 0);
        QVERIFY(dialog->importButton()->isEnabled());

        QSignalSpy ended(dialog, &ImportDialog::importEnded);
        QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 30000);
        QCOMPARE(ended.first().first().toInt(), 2);
        // In the list, named as Vietnamese writes names, and stored in three parts.
        QCOMPARE(m_page->model()->rowCount(), 2);
        QStringList shown;
        for (int row = 0; row < m_page->model()->rowCount(); ++row)
            shown.append(m_page->model()->data(m_page->model()->index(row, 0)).toString());
        QVERIFY2(shown.contains(QStringLiteral("Nguyễn Văn An")), qPrintable(shown.join(QLatin1Char(','))));
        QVERIFY2(shown.contains(QStringLiteral("Lê Thị Thu Hà")), qPrintable(shown.join(QLatin1Char(','))));
        const int row = int(shown.indexOf(QStringLiteral("Lê Thị Thu Hà")));
        const auto ha = m_store->record(m_page->model()->recordId(row));
        QVERIFY(ha.isOk());
        QCOMPARE(ha.value().value(QStringLiteral("surname")).toString(), QStringLiteral("Lê"));
        QCOMPARE(ha.value().value(QStringLiteral("middle_name")).toString(), QStringLiteral("Thị Thu"));
        QCOMPARE(ha.value().value(QStringLiteral("given_name")).toString(), QStringLiteral("Hà"));
        QCOMPARE(ha.value().value(QStringLiteral("sex")).toString(), QStringLiteral("female"));
        QCOMPARE(ha.value().value(QStringLiteral("birth_date")).toString(), QStringLiteral("1950-03-15"));
        QVERIFY(!ha.value().contains(QStringLiteral("*full_name")));
    }

    void tenThousandRowsWithProgressAndCancel()
    {
        QByteArray csv = bom + QByteArrayLiteral("surname,given_name,birth_year\n");
        for (int i = 0; i < 10000; ++i)
            csv += QStringLiteral("Hoàng,Thị Mai %1,%2\n").arg(i).arg(1950 + i % 50).toUtf8();
        const QString path = writeFile(QStringLiteral("big.csv"), csv);

        ImportDialog *dialog = m_page->openImport();
        QVERIFY(dialog->loadFile(path));
        QCOMPARE(dialog->summary(), QStringLiteral("10000 dòng, tất cả đều hợp lệ."));
        QSignalSpy ended(dialog, &ImportDialog::importEnded);
        // Cancelled once the progress has moved: nothing is kept.
        connect(dialog->progressBar(), &QProgressBar::valueChanged, dialog, [dialog](int value) {
            if (value > 0)
                dialog->cancelImport();
        });
        dialog->startImport();
        QVERIFY(dialog->isImporting());
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 60000);
        QCOMPARE(ended.first().first().toInt(), 0);
        QCOMPARE(dialog->summary(), QStringLiteral("Đã hủy nhập: chưa có bản ghi nào được nhập."));
        QCOMPARE(m_store->pendingCount(), 0);
        m_page->refresh();
        QCOMPARE(m_page->model()->rowCount(), 0);

        // Again, to the end: the bar reaches the total.
        dialog->progressBar()->disconnect(dialog);
        int highest = 0;
        connect(dialog->progressBar(), &QProgressBar::valueChanged, dialog,
            [&highest](int value) { highest = std::max(highest, value); });
        dialog->startImport();
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 2, 120000);
        QCOMPARE(ended.last().first().toInt(), 10000);
        QCOMPARE(highest, 10000);
        QCOMPARE(m_store->pendingCount(), 10000);
        QCOMPARE(m_page->model()->rowCount(), 10000);
    }

    void exportOpensInExcelAndReadsBack()
    {
        QVERIFY(m_store->create(QStringLiteral("person"), commune,
            { { QStringLiteral("surname"), QStringLiteral("Nguyễn") },
                { QStringLiteral("middle_name"), QStringLiteral("Thị") },
                { QStringLiteral("given_name"), QStringLiteral("Đào") },
                { QStringLiteral("sex"), QStringLiteral("female") },
                { QStringLiteral("birth_date"), QStringLiteral("1975-09-02") },
                { QStringLiteral("cccd"), QStringLiteral("001175012345") },
                { QStringLiteral("address"), QStringLiteral("Số 1; phố \"Hàng Bông\"") } }));
        QVERIFY(m_store->create(QStringLiteral("person"), commune,
            { { QStringLiteral("surname"), QStringLiteral("Lê") },
                { QStringLiteral("given_name"), QStringLiteral("Vân") },
                { QStringLiteral("religion"), QStringLiteral("=HYPERLINK(\"http://x\")") } }));
        m_page->refresh();
        const QString path = m_dir.filePath(QStringLiteral("export.csv"));
        QVERIFY(m_page->exportTo(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith(bom));
        const QString text = QString::fromUtf8(bytes.mid(3));
        const QStringList lines = text.split(QStringLiteral("\r\n"));
        QVERIFY(lines.first().startsWith(QStringLiteral("Họ;Tên đệm;Tên;Giới tính;Ngày sinh")));
        QVERIFY(text.contains(QStringLiteral("Nguyễn;Thị;Đào;Nữ;02/09/1975")));
        QVERIFY(text.contains(QStringLiteral("\"Số 1; phố \"\"Hàng Bông\"\"\"")));
        QVERIFY(text.contains(QStringLiteral("'=HYPERLINK")));
        QVERIFY(!text.contains(QStringLiteral(";=HYPERLINK")));

        // Read back into another replica through the import: the same persons.
        ReplicaStore other(m_dir.filePath(QStringLiteral("other.sqlite")), m_key);
        QVERIFY(other.open());
        RegistriesPage page;
        page.setReplica(&other, commune, m_key);
        ImportDialog *dialog = page.openImport();
        QVERIFY(dialog->loadFile(path));
        QCOMPARE(dialog->problems()->count(), 0);
        QSignalSpy ended(dialog, &ImportDialog::importEnded);
        dialog->startImport();
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 30000);
        QCOMPARE(ended.first().first().toInt(), 2);
        page.refresh();
        // Đào before Vân.
        const QJsonObject dao = other.record(page.model()->recordId(0)).value();
        QCOMPARE(dao.value(QStringLiteral("given_name")).toString(), QStringLiteral("Đào"));
        QCOMPARE(dao.value(QStringLiteral("birth_date")).toString(), QStringLiteral("1975-09-02"));
        QCOMPARE(dao.value(QStringLiteral("sex")).toString(), QStringLiteral("female"));
        QCOMPARE(dao.value(QStringLiteral("cccd")).toString(), QStringLiteral("001175012345"));
        QCOMPARE(dao.value(QStringLiteral("address")).toString(), QStringLiteral("Số 1; phố \"Hàng Bông\""));
    }
};

QTEST_MAIN(tst_ImportExport)
#include "tst_importexport.moc"
