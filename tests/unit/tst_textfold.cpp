// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/textfold.h"

#include <QRandomGenerator>
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

    // The fast path folds one UTF-16 unit at a time from a table; it must agree with the definition everywhere.
    void fastFoldEqualsTheDefinition()
    {
        for (char32_t u = 0; u < 0x10000; ++u) {
            const QString one = QString::fromUcs4(&u, 1);
            if (mts::foldForSearch(one) != foldForSearchReference(one))
                QFAIL(qPrintable(QStringLiteral("U+%1 folds differently").arg(quint32(u), 4, 16, QLatin1Char('0'))));
        }
        // Mixed strings: letters precomposed and decomposed, marks alone, runs of white space at either end,
        // and now and then a character outside the table (another script, a surrogate pair).
        const QString pieces = QStringLiteral("aăâeêioôơuưyđĐÐðAĂÂẤẦẨẪẬắằẳẵặếềểễệốồổỗộớờởỡợứừửữựýỳỷỹỵ"
                                              "NgNGuyễnVănĐồngQuảngNgãiHuế0123456789,.-'  ");
        const QList<QString> extra { QString(QChar(0x0301)), QString(QChar(0x0323)), QString(QChar(0x0309)),
            QString(QChar(0x00A0)), QString(QChar(0x2003)), QStringLiteral("中"), QStringLiteral("ß"),
            QStringLiteral("ǅ"), QString::fromUcs4(U"\U0001D400", 1), QStringLiteral("İ"), QStringLiteral("\t") };
        QRandomGenerator random(20261128);
        for (int i = 0; i < 20000; ++i) {
            QString text;
            const int length = int(random.bounded(24));
            for (int j = 0; j < length; ++j) {
                if (random.bounded(10) == 0)
                    text += extra.at(random.bounded(int(extra.size())));
                else
                    text += pieces.at(random.bounded(int(pieces.size())));
            }
            if (random.bounded(3) == 0)
                text = text.normalized(QString::NormalizationForm_D);
            QCOMPARE(mts::foldForSearch(text), foldForSearchReference(text));
        }
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
