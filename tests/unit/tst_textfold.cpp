// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/textfold.h"

#include <QTest>

using namespace mts;

namespace {
QString nfd(const QString &text)
{
    return text.normalized(QString::NormalizationForm_D);
}
} // namespace

class tst_TextFold : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void foldForSearch_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("folded");
        QTest::newRow("full name") << QStringLiteral("Nguyễn Văn Đồng") << QStringLiteral("nguyen van dong");
        QTest::newRow("decomposed input")
            << nfd(QStringLiteral("Nguyễn Văn Đồng")) << QStringLiteral("nguyen van dong");
        // Stacked diacritics: a vowel mark and a tone on one letter.
        QTest::newRow("ồ") << QStringLiteral("ồ") << QStringLiteral("o");
        QTest::newRow("ằ") << QStringLiteral("ằ") << QStringLiteral("a");
        QTest::newRow("ẫ") << QStringLiteral("ẫ") << QStringLiteral("a");
        QTest::newRow("ộ") << QStringLiteral("ộ") << QStringLiteral("o");
        QTest::newRow("ặ") << QStringLiteral("ặ") << QStringLiteral("a");
        QTest::newRow("ữ") << QStringLiteral("ữ") << QStringLiteral("u");
        QTest::newRow("ỹ") << QStringLiteral("ỹ") << QStringLiteral("y");
        QTest::newRow("capital stacked") << QStringLiteral("ỒẰẪỘẶỮỸ") << QStringLiteral("oaaoauy");
        QTest::newRow("decomposed stacked") << nfd(QStringLiteral("Đặng Hữu Mỹ")) << QStringLiteral("dang huu my");
        // đ has no decomposition; Ð (U+00D0, eth) is typed for Đ by some old input methods.
        QTest::newRow("đ") << QStringLiteral("đường") << QStringLiteral("duong");
        QTest::newRow("Đ") << QStringLiteral("Đống Đa") << QStringLiteral("dong da");
        QTest::newRow("Ð look-alike") << QStringLiteral("\u00D0ảm bảo") << QStringLiteral("dam bao");
        QTest::newRow("misplaced tone") << QStringLiteral("baỏ") << QStringLiteral("bao");
        QTest::newRow("mixed case") << QStringLiteral("HÀ nỘi") << QStringLiteral("ha noi");
        QTest::newRow("white space") << QStringLiteral("  Phường \t Bến\u00A0Nghé \n")
                                     << QStringLiteral("phuong ben nghe");
        QTest::newRow("latin without marks") << QStringLiteral("abc xyz 0123") << QStringLiteral("abc xyz 0123");
        QTest::newRow("digits and punctuation")
            << QStringLiteral("079203001234, tổ 5/2") << QStringLiteral("079203001234, to 5/2");
        QTest::newRow("empty") << QString() << QString();
    }

    void foldForSearch()
    {
        QFETCH(QString, input);
        QFETCH(QString, folded);
        QCOMPARE(mts::foldForSearch(input), folded);
    }

    void foldIgnoresNormalizationForm()
    {
        const QString text = QStringLiteral("Người dân Đồng bằng sông Cửu Long, Quảng Ngãi, Thừa Thiên Huế");
        QCOMPARE(mts::foldForSearch(nfd(text)), mts::foldForSearch(text));
        QCOMPARE(
            mts::foldForSearch(text), QStringLiteral("nguoi dan dong bang song cuu long, quang ngai, thua thien hue"));
    }

    void normalizeText_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("already nfc") << QStringLiteral("Nguyễn Văn Đồng") << QStringLiteral("Nguyễn Văn Đồng");
        QTest::newRow("decomposed") << nfd(QStringLiteral("Nguyễn Văn Đồng")) << QStringLiteral("Nguyễn Văn Đồng");
        QTest::newRow("trimmed, inner space kept") << QStringLiteral("  Tổ  5 \n") << QStringLiteral("Tổ  5");
        QTest::newRow("case kept") << QStringLiteral("HÀ Nội") << QStringLiteral("HÀ Nội");
    }

    void normalizeText()
    {
        QFETCH(QString, input);
        QFETCH(QString, normalized);
        const QString result = mts::normalizeText(input);
        QCOMPARE(result, normalized);
        QCOMPARE(result.normalized(QString::NormalizationForm_C), result);
    }
};

QTEST_GUILESS_MAIN(tst_TextFold)
#include "tst_textfold.moc"
