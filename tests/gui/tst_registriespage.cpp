// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The registries page, offscreen and in Vietnamese, driven through its real widgets: Vietnamese typed as an
// input method commits it (QTest::keyClicks cannot type beyond Latin-1), the form's inline checks, search with
// and without diacritics, an offline edit and a deletion, all in a real replica.
#include "client/core/replicastore.h"
#include "client/ui/recordformdialog.h"
#include "client/ui/recordlistmodel.h"
#include "client/ui/referenceedit.h"
#include "client/ui/registriespage.h"
#include "client/ui/uilanguage.h"
#include "shared/crypto.h"
#include "tests/gui/inputmethod.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QInputMethodEvent>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace mts;
using mts::test::typeVietnamese;

namespace {

const QString commune = QStringLiteral("C:00070");

QLineEdit *line(RecordFormDialog *form, const char *field)
{
    return qobject_cast<QLineEdit *>(form->editor(QString::fromLatin1(field)));
}

void clickSave(RecordFormDialog *form)
{
    auto *buttons = form->findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Save), Qt::LeftButton);
}

} // namespace

class tst_RegistriesPage : public QObject {
    Q_OBJECT

private:
    UiLanguage m_language;
    QTemporaryDir m_dir;
    std::unique_ptr<ReplicaStore> m_store;
    std::unique_ptr<RegistriesPage> m_page;

    QString cell(int row, int column) const
    {
        return m_page->model()->data(m_page->model()->index(row, column)).toString();
    }

    RecordFormDialog *openNewForm()
    {
        QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("add")), Qt::LeftButton);
        return m_page->openForm();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_language.install(QStringLiteral("vi"))); }

    void init()
    {
        m_store = std::make_unique<ReplicaStore>(
            m_dir.filePath(QStringLiteral("%1.sqlite").arg(QString::fromLatin1(QTest::currentTestFunction()))),
            crypto::randomBytes(crypto::keyBytes));
        QVERIFY(m_store->open());
        m_page = std::make_unique<RegistriesPage>();
        m_page->setReplica(m_store.get(), commune);
        m_page->resize(1000, 600);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QCOMPARE(m_page->currentKind(), QStringLiteral("person"));
    }

    void cleanup()
    {
        m_page.reset();
        m_store.reset();
    }

    // A cadre adds a person with a Vietnamese name, finds them with and without diacritics, and corrects the
    // name offline.
    void createSearchAndEdit()
    {
        RecordFormDialog *form = openNewForm();
        QVERIFY(form);
        typeVietnamese(line(form, "surname"), QStringLiteral("Nguyễn"));
        typeVietnamese(line(form, "middle_name"), QStringLiteral("Văn"));
        typeVietnamese(line(form, "given_name"), QStringLiteral("Đồng"));
        QCOMPARE(line(form, "given_name")->text(), QStringLiteral("Đồng"));
        auto *sex = qobject_cast<QComboBox *>(form->editor(QStringLiteral("sex")));
        QVERIFY(sex);
        sex->setFocus();
        QTest::keyClick(sex, Qt::Key_Down);
        QCOMPARE(sex->currentText(), QStringLiteral("Nam"));
        QTest::keyClicks(line(form, "birth_date"), QStringLiteral("02/09/1975"));
        QTest::keyClicks(line(form, "cccd"), QStringLiteral("001075012345"));
        typeVietnamese(line(form, "address"), QStringLiteral("Số 5 phố Hàng Bông"));
        clickSave(form);
        QTRY_VERIFY(!m_page->openForm());

        QCOMPARE(m_page->model()->rowCount(), 1);
        QCOMPARE(cell(0, 0), QStringLiteral("Nguyễn Văn Đồng"));
        QCOMPARE(cell(0, 1), QStringLiteral("Nam"));
        QCOMPARE(cell(0, 2), QStringLiteral("02/09/1975"));
        QCOMPARE(cell(0, m_page->model()->columnCount() - 1), QStringLiteral("Chờ gửi"));
        const QString id = m_page->model()->recordId(0);
        const QJsonObject stored = m_store->record(id).value();
        QCOMPARE(stored.value(QStringLiteral("birth_date")).toString(), QStringLiteral("1975-09-02"));
        QCOMPARE(stored.value(QStringLiteral("cccd")).toString(), QStringLiteral("001075012345"));
        QCOMPARE(m_store->pendingCount(), 1);

        // A second person, to see the search choose.
        QVERIFY(m_store->create(QStringLiteral("person"), commune,
            { { QStringLiteral("surname"), QStringLiteral("Trần") },
                { QStringLiteral("given_name"), QStringLiteral("Xuyến") } }));
        m_page->refresh();
        QCOMPARE(m_page->model()->rowCount(), 2);

        QTest::keyClicks(m_page->searchBox(), QStringLiteral("dong"));
        QCOMPARE(m_page->model()->rowCount(), 1);
        QCOMPARE(cell(0, 0), QStringLiteral("Nguyễn Văn Đồng"));
        m_page->searchBox()->clear();
        typeVietnamese(m_page->searchBox(), QStringLiteral("Đồng"));
        QCOMPARE(m_page->model()->rowCount(), 1);
        m_page->searchBox()->clear();
        QTest::keyClicks(m_page->searchBox(), QStringLiteral("nguyen van"));
        QCOMPARE(m_page->model()->rowCount(), 1);
        m_page->searchBox()->clear();
        QTest::keyClicks(m_page->searchBox(), QStringLiteral("xuyen"));
        QCOMPARE(cell(0, 0), QStringLiteral("Trần Xuyến"));
        m_page->searchBox()->clear();
        QCOMPARE(m_page->model()->rowCount(), 2);

        // Offline edit: F2 on the row opens its form with what is stored.
        m_page->table()->setFocus();
        m_page->table()->setCurrentIndex(m_page->model()->index(m_page->model()->rowOf(id), 0));
        QTest::keyClick(m_page->table(), Qt::Key_F2);
        form = m_page->openForm();
        QVERIFY(form);
        QCOMPARE(line(form, "birth_date")->text(), QStringLiteral("02/09/1975"));
        line(form, "given_name")->clear();
        typeVietnamese(line(form, "given_name"), QStringLiteral("Đông"));
        clickSave(form);
        QTRY_VERIFY(!m_page->openForm());
        QCOMPARE(m_store->record(id).value().value(QStringLiteral("given_name")).toString(), QStringLiteral("Đông"));
        QCOMPARE(cell(m_page->model()->rowOf(id), 0), QStringLiteral("Nguyễn Văn Đông"));
        // The edit queued one op with only the changed field.
        const auto pending = m_store->pendingBatch(10).value();
        QCOMPARE(pending.size(), 3);
        QCOMPARE(pending.last().set.keys(), QStringList { QStringLiteral("given_name") });
    }

    // Bad values are refused in Vietnamese under their field, nothing is saved; warnings warn once.
    void formChecksValues()
    {
        RecordFormDialog *form = openNewForm();
        QVERIFY(form);
        QTest::keyClicks(line(form, "cccd"), QStringLiteral("12345"));
        QTest::keyClicks(line(form, "birth_date"), QStringLiteral("31/02/1990"));
        clickSave(form);
        QVERIFY(m_page->openForm());
        QCOMPARE(form->message(QStringLiteral("surname")), QStringLiteral("Bắt buộc: hãy điền vào."));
        QCOMPARE(form->message(QStringLiteral("given_name")), QStringLiteral("Bắt buộc: hãy điền vào."));
        QCOMPARE(form->message(QStringLiteral("cccd")),
            QStringLiteral("Số định danh cá nhân có đúng 12 chữ số, không có dấu cách."));
        QVERIFY(form->message(QStringLiteral("birth_date")).startsWith(QStringLiteral("Không phải ngày")));
        QCOMPARE(form->focusWidget(), form->editor(QStringLiteral("surname")));
        QCOMPARE(m_store->pendingCount(), 0);

        typeVietnamese(line(form, "surname"), QStringLiteral("Lê"));
        typeVietnamese(line(form, "given_name"), QStringLiteral("Hạnh"));
        line(form, "birth_date")->clear();
        QTest::keyClicks(line(form, "birth_date"), QStringLiteral("01/01/1990"));
        line(form, "cccd")->clear();
        // Fourth digit 0: a man born in the 1900s; the form says male is not what the ID says for a woman.
        QTest::keyClicks(line(form, "cccd"), QStringLiteral("001090012345"));
        auto *sex = qobject_cast<QComboBox *>(form->editor(QStringLiteral("sex")));
        sex->setCurrentIndex(sex->findData(QStringLiteral("female")));
        clickSave(form);
        QVERIFY(m_page->openForm());
        QVERIFY(form->message(QStringLiteral("sex")).startsWith(QStringLiteral("Kiểm tra")));
        QCOMPARE(form->message(QStringLiteral("cccd")), QString());
        QCOMPARE(m_store->pendingCount(), 0);
        // Warned once; saving again keeps the record as typed.
        clickSave(form);
        QTRY_VERIFY(!m_page->openForm());
        QCOMPARE(m_store->pendingCount(), 1);
        QCOMPARE(cell(0, 0), QStringLiteral("Lê Hạnh"));
    }

    // Delete asks first; No keeps the record.
    void deleteAsksFirst()
    {
        QVERIFY(m_store->create(QStringLiteral("person"), commune,
            { { QStringLiteral("surname"), QStringLiteral("Phạm") },
                { QStringLiteral("given_name"), QStringLiteral("Bình") } }));
        m_page->refresh();
        m_page->table()->setFocus();
        m_page->table()->setCurrentIndex(m_page->model()->index(0, 0));
        QTest::keyClick(m_page->table(), Qt::Key_Delete);
        auto *ask = m_page->findChild<QMessageBox *>(QStringLiteral("confirmDelete"));
        QVERIFY(ask);
        QVERIFY(ask->text().contains(QStringLiteral("Phạm Bình")));
        ask->button(QMessageBox::No)->click();
        QCOMPARE(m_page->model()->rowCount(), 1);
        QTest::keyClick(m_page->table(), Qt::Key_Delete);
        ask = m_page->findChild<QMessageBox *>(QStringLiteral("confirmDelete"));
        QVERIFY(ask);
        ask->button(QMessageBox::Yes)->click();
        QTRY_COMPARE(m_page->model()->rowCount(), 0);
        QCOMPARE(m_store->pendingCount(), 2);
    }

    // Another registry: its own columns and its choice as the filter.
    void householdsFilterByPoverty()
    {
        for (const auto &[head, status] : { std::pair { QStringLiteral("Hà Văn Tư"), QStringLiteral("poor") },
                 std::pair { QStringLiteral("Lò Thị Mai"), QStringLiteral("near_poor") } })
            QVERIFY(m_store->create(QStringLiteral("household"), commune,
                { { QStringLiteral("head_name"), head }, { QStringLiteral("poverty_status"), status } }));
        m_page->showKind(QStringLiteral("household"));
        QCOMPARE(m_page->model()->rowCount(), 2);
        QCOMPARE(m_page->model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Chủ hộ"));
        QComboBox *filter = m_page->filterBox();
        QVERIFY(filter->isVisibleTo(m_page.get()));
        filter->setCurrentIndex(filter->findData(QStringLiteral("near_poor")));
        QCOMPARE(m_page->model()->rowCount(), 1);
        QCOMPARE(cell(0, 0), QStringLiteral("Lò Thị Mai"));
        QVERIFY(filter->currentText().startsWith(QStringLiteral("Cận nghèo")));
    }

    // Each choice and yes/no field of a kind has its own filter, and they combine; an export takes them too.
    void personsFilterBySexAndPartyMembership()
    {
        const auto add = [this](const QString &given, const char *sex, bool party) {
            QVERIFY(m_store->create(QStringLiteral("person"), commune,
                { { QStringLiteral("surname"), QStringLiteral("Vũ") }, { QStringLiteral("given_name"), given },
                    { QStringLiteral("sex"), QString::fromLatin1(sex) }, { QStringLiteral("party_member"), party } }));
        };
        add(QStringLiteral("An"), "male", true);
        add(QStringLiteral("Bích"), "female", true);
        add(QStringLiteral("Cúc"), "female", false);
        m_page->refresh();
        QCOMPARE(m_page->model()->rowCount(), 3);
        QComboBox *sex = m_page->filterBox(0);
        QComboBox *party = m_page->filterBox(1);
        QVERIFY(sex->isVisibleTo(m_page.get()) && party->isVisibleTo(m_page.get()));
        QVERIFY(!m_page->filterBox(2)->isVisibleTo(m_page.get()));
        QCOMPARE(party->itemText(0), QStringLiteral("Đảng viên: tất cả"));
        sex->setCurrentIndex(sex->findData(QStringLiteral("female")));
        QCOMPARE(m_page->model()->rowCount(), 2);
        party->setCurrentIndex(party->findData(true));
        QCOMPARE(m_page->model()->rowCount(), 1);
        QCOMPARE(cell(0, 0), QStringLiteral("Vũ Bích"));

        const QString path = m_dir.filePath(QStringLiteral("filtered.csv"));
        QVERIFY(m_page->exportTo(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.at(1).contains(QStringLiteral("Bích")));

        // Another kind has its own filters; back to persons, none is set.
        m_page->showKind(QStringLiteral("membership"));
        QVERIFY(m_page->filterBox(2)->isVisibleTo(m_page.get()));
        m_page->showKind(QStringLiteral("person"));
        QCOMPARE(m_page->model()->rowCount(), 3);
        QCOMPARE(m_page->filterBox(0)->currentIndex(), 0);
    }

    // A click on a column's title sorts by it; the list's menu does the same from the keyboard, and a column that
    // cannot order the list (a link) offers no sorting.
    void sortByAColumn()
    {
        for (const auto &[given, year] : { std::pair { QStringLiteral("An"), 1990 },
                 std::pair { QStringLiteral("Bảo"), 1960 }, std::pair { QStringLiteral("Chi"), 2001 } })
            QVERIFY(m_store->create(QStringLiteral("person"), commune,
                { { QStringLiteral("surname"), QStringLiteral("Đỗ") }, { QStringLiteral("given_name"), given },
                    { QStringLiteral("birth_year"), year } }));
        m_page->refresh();
        QHeaderView *header = m_page->table()->horizontalHeader();
        int yearColumn = -1;
        for (int column = 0; column < m_page->model()->columnCount(); ++column) {
            if (m_page->model()->headerData(column, Qt::Horizontal).toString() == QStringLiteral("Năm sinh"))
                yearColumn = column;
        }
        QVERIFY(yearColumn > 0);
        QCOMPARE(header->sortIndicatorSection(), 0);
        QCOMPARE(cell(0, 0), QStringLiteral("Đỗ An"));

        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
            QPoint(header->sectionViewportPosition(yearColumn) + 5, header->height() / 2));
        QCOMPARE(header->sortIndicatorSection(), yearColumn);
        QCOMPARE(cell(0, 0), QStringLiteral("Đỗ Bảo"));
        QCOMPARE(cell(2, 0), QStringLiteral("Đỗ Chi"));

        m_page->table()->setCurrentIndex(m_page->model()->index(0, yearColumn));
        std::unique_ptr<QMenu> menu(m_page->createTableMenu(yearColumn));
        auto *descending = menu->findChild<QAction *>(QStringLiteral("sortDescending"));
        QVERIFY(descending && descending->isEnabled());
        QVERIFY(descending->text().contains(QStringLiteral("Năm sinh")));
        descending->trigger();
        QCOMPARE(cell(0, 0), QStringLiteral("Đỗ Chi"));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        menu.reset(m_page->createTableMenu(yearColumn));
        menu->findChild<QAction *>(QStringLiteral("sortDefault"))->trigger();
        QCOMPARE(header->sortIndicatorSection(), 0);
        QCOMPARE(cell(0, 0), QStringLiteral("Đỗ An"));

        // A membership's person is a link: its column does not sort, and a click on it leaves the order.
        m_page->showKind(QStringLiteral("membership"));
        menu.reset(m_page->createTableMenu(0));
        QVERIFY(!menu->findChild<QAction *>(QStringLiteral("sortAscending"))->isEnabled());
        const int before = header->sortIndicatorSection();
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(5, header->height() / 2));
        QCOMPARE(header->sortIndicatorSection(), before);
        QCOMPARE(m_page->model()->sortColumn(), before);
    }

    // A committee membership links a person and an organisation: the cadre types part of each name, without
    // diacritics, and chooses from the matches by keyboard; the list then names them. Text not chosen from the
    // matches is no link, and the form says so instead of saving.
    void membershipLinksPersonAndOrganization()
    {
        const auto person = [this](const QString &surname, const QString &middle, const QString &given, int year) {
            auto id = m_store->create(QStringLiteral("person"), commune,
                { { QStringLiteral("surname"), surname }, { QStringLiteral("middle_name"), middle },
                    { QStringLiteral("given_name"), given }, { QStringLiteral("birth_year"), year } });
            return id ? id.value() : QString();
        };
        const QString an = person(QStringLiteral("Nguyễn"), QStringLiteral("Văn"), QStringLiteral("An"), 1980);
        const QString anh = person(QStringLiteral("Nguyễn"), QStringLiteral("Văn"), QStringLiteral("Anh"), 1992);
        QVERIFY(!person(QStringLiteral("Trần"), QStringLiteral("Thị"), QStringLiteral("Bình"), 1975).isEmpty());
        auto organization = m_store->create(QStringLiteral("organization"), commune,
            { { QStringLiteral("name"), QStringLiteral("Hội Nông dân xã") },
                { QStringLiteral("org_type"), QStringLiteral("hoi_nong_dan") } });
        QVERIFY(organization);
        QVERIFY(!an.isEmpty() && !anh.isEmpty());

        m_page->showKind(QStringLiteral("membership"));
        RecordFormDialog *form = openNewForm();
        QVERIFY(form);
        auto *personEdit = qobject_cast<ReferenceEdit *>(form->editor(QStringLiteral("person_id")));
        auto *organizationEdit = qobject_cast<ReferenceEdit *>(form->editor(QStringLiteral("organization_id")));
        QVERIFY(personEdit && organizationEdit);

        // Typed but not chosen: no link, and a required link is missing.
        QTest::keyClicks(personEdit, QStringLiteral("zzz"));
        QCOMPARE(personEdit->matchCount(), 0);
        QVERIFY(personEdit->isUnresolved());
        QTest::keyClicks(line(form, "term"), QStringLiteral("2024-2029"));
        auto *position = qobject_cast<QComboBox *>(form->editor(QStringLiteral("position")));
        QVERIFY(position);
        position->setCurrentIndex(position->findData(QStringLiteral("uy_vien")));
        clickSave(form);
        QVERIFY(form->isVisible());
        QVERIFY(form->message(QStringLiteral("person_id")).contains(QStringLiteral("chọn")));
        QVERIFY(!form->message(QStringLiteral("organization_id")).isEmpty());
        QCOMPARE(m_page->model()->rowCount(), 0);

        // "nguyen van an" finds An and Anh, in that order, each with the year that tells them apart.
        personEdit->selectAll();
        QTest::keyClick(personEdit, Qt::Key_Backspace);
        QTest::keyClicks(personEdit, QStringLiteral("nguyen van an"));
        QCOMPARE(personEdit->matchCount(), 2);
        QAbstractItemView *matches = personEdit->matches();
        QTRY_VERIFY(matches->isVisible());
        QCOMPARE(matches->model()->index(0, 0).data().toString(), QStringLiteral("Nguyễn Văn An — sinh năm 1980"));
        QCOMPARE(matches->model()->index(1, 0).data().toString(), QStringLiteral("Nguyễn Văn Anh — sinh năm 1992"));
        QTest::keyClick(matches, Qt::Key_Down);
        QTest::keyClick(matches, Qt::Key_Down);
        QTest::keyClick(matches, Qt::Key_Return);
        QCOMPARE(personEdit->recordId(), anh);
        QCOMPARE(personEdit->text(), QStringLiteral("Nguyễn Văn Anh"));
        QVERIFY(!personEdit->isUnresolved());

        QTest::keyClicks(organizationEdit, QStringLiteral("nong dan"));
        QCOMPARE(organizationEdit->matchCount(), 1);
        QTRY_VERIFY(organizationEdit->matches()->isVisible());
        QTest::keyClick(organizationEdit->matches(), Qt::Key_Down);
        QTest::keyClick(organizationEdit->matches(), Qt::Key_Return);
        QCOMPARE(organizationEdit->recordId(), organization.value());

        clickSave(form);
        QTRY_VERIFY(!m_page->openForm());
        QCOMPARE(m_page->model()->rowCount(), 1);
        QCOMPARE(cell(0, 0), QStringLiteral("Nguyễn Văn Anh"));
        QCOMPARE(cell(0, 1), QStringLiteral("Hội Nông dân xã"));
        const QString membership = m_page->model()->recordId(0);
        auto stored = m_store->record(membership);
        QVERIFY(stored);
        QCOMPARE(stored.value().value(QStringLiteral("person_id")).toString(), anh);
        QCOMPARE(stored.value().value(QStringLiteral("organization_id")).toString(), organization.value());

        // Reopened, the form shows the linked person; choosing another changes only that link.
        m_page->table()->selectRow(0);
        QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("edit")), Qt::LeftButton);
        form = m_page->openForm();
        QVERIFY(form);
        personEdit = qobject_cast<ReferenceEdit *>(form->editor(QStringLiteral("person_id")));
        QCOMPARE(personEdit->text(), QStringLiteral("Nguyễn Văn Anh"));
        personEdit->selectAll();
        QTest::keyClick(personEdit, Qt::Key_Backspace);
        QVERIFY(personEdit->recordId().isEmpty());
        QTest::keyClicks(personEdit, QStringLiteral("nguyen van an"));
        QTRY_VERIFY(personEdit->matches()->isVisible());
        QTest::keyClick(personEdit->matches(), Qt::Key_Down);
        QTest::keyClick(personEdit->matches(), Qt::Key_Return);
        QCOMPARE(personEdit->recordId(), an);
        clickSave(form);
        QTRY_VERIFY(!m_page->openForm());
        QCOMPARE(cell(0, 0), QStringLiteral("Nguyễn Văn An"));
        stored = m_store->record(membership);
        QVERIFY(stored);
        QCOMPARE(stored.value().value(QStringLiteral("person_id")).toString(), an);

        // A deleted person still names the membership, marked as deleted.
        QVERIFY(m_store->remove(an));
        m_page->refresh();
        QCOMPARE(cell(0, 0), QStringLiteral("Nguyễn Văn An (đã xóa)"));
    }
};

QTEST_MAIN(tst_RegistriesPage)
#include "tst_registriespage.moc"
