// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/vietnamesecollation.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <string_view>

using namespace mts;

namespace {

QString nfd(const QString &text)
{
    return text.normalized(QString::NormalizationForm_D);
}

/// SQLite's BINARY order for BLOBs, written out here so that the tests do not trust the library's own comparison.
int blobOrder(const QByteArray &a, const QByteArray &b)
{
    const qsizetype common = std::min(a.size(), b.size());
    const int order = common > 0 ? std::memcmp(a.constData(), b.constData(), size_t(common)) : 0;
    if (order != 0)
        return order < 0 ? -1 : 1;
    return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

int sign(int value)
{
    return value < 0 ? -1 : value > 0 ? 1 : 0;
}

QStringList sortedByKey(QStringList texts)
{
    std::sort(texts.begin(), texts.end(),
        [](const QString &a, const QString &b) { return blobOrder(vietnameseSortKey(a), vietnameseSortKey(b)) < 0; });
    return texts;
}

// An independent model of the order for text made of Vietnamese letters, tones, case and word separators, for the
// property test: one element per letter or separator, compared level by level.
constexpr std::u16string_view alphabet = u"aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";
constexpr char16_t toneMarks[] = { 0, 0x0300, 0x0309, 0x0303, 0x0301, 0x0323 }; // in their order

struct Element {
    int letter; // index in the alphabet; -1 for a word separator
    int tone; // index in toneMarks
    bool upper;
};

int modelOrder(const QList<Element> &a, const QList<Element> &b)
{
    const auto level = [&](auto weight) {
        for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i) {
            if (weight(a.at(i)) != weight(b.at(i)))
                return weight(a.at(i)) < weight(b.at(i)) ? -1 : 1;
        }
        return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
    };
    if (const int primary = level([](const Element &e) { return e.letter; }))
        return primary;
    if (const int secondary = level([](const Element &e) { return e.tone; }))
        return secondary;
    return level([](const Element &e) { return int(e.upper); });
}

struct Sample {
    QString nfc;
    QString nfd;
    QString mixed; // letter by letter NFC, NFD or another canonically equivalent spelling
    QList<Element> elements;
};

} // namespace

class tst_VietnameseCollation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void order_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        // Letters, whatever the case and tone.
        QTest::newRow("a < ă") << QStringLiteral("a") << QStringLiteral("ă");
        QTest::newRow("ă < â") << QStringLiteral("ă") << QStringLiteral("â");
        QTest::newRow("â < b") << QStringLiteral("â") << QStringLiteral("b");
        QTest::newRow("d < đ") << QStringLiteral("d") << QStringLiteral("đ");
        QTest::newRow("đ < e") << QStringLiteral("đ") << QStringLiteral("e");
        QTest::newRow("e < ê") << QStringLiteral("e") << QStringLiteral("ê");
        QTest::newRow("ê < f") << QStringLiteral("ê") << QStringLiteral("f");
        QTest::newRow("f < g") << QStringLiteral("f") << QStringLiteral("g");
        QTest::newRow("i < j") << QStringLiteral("i") << QStringLiteral("j");
        QTest::newRow("j < k") << QStringLiteral("j") << QStringLiteral("k");
        QTest::newRow("o < ô") << QStringLiteral("o") << QStringLiteral("ô");
        QTest::newRow("ô < ơ") << QStringLiteral("ô") << QStringLiteral("ơ");
        QTest::newRow("ơ < p") << QStringLiteral("ơ") << QStringLiteral("p");
        QTest::newRow("u < ư") << QStringLiteral("u") << QStringLiteral("ư");
        QTest::newRow("ư < v") << QStringLiteral("ư") << QStringLiteral("v");
        QTest::newRow("v < w") << QStringLiteral("v") << QStringLiteral("w");
        QTest::newRow("w < x") << QStringLiteral("w") << QStringLiteral("x");
        QTest::newRow("y < z") << QStringLiteral("y") << QStringLiteral("z");
        QTest::newRow("Ă < â") << QStringLiteral("Ă") << QStringLiteral("â");
        QTest::newRow("Dương < Đặng") << QStringLiteral("Dương") << QStringLiteral("Đặng");
        QTest::newRow("Đặng < Giang") << QStringLiteral("Đặng") << QStringLiteral("Giang");
        QTest::newRow("Dũng < Đạt") << QStringLiteral("Dũng") << QStringLiteral("Đạt");
        QTest::newRow("Ánh < Ân") << QStringLiteral("Ánh") << QStringLiteral("Ân");
        QTest::newRow("Ông < Ơn") << QStringLiteral("Ông") << QStringLiteral("Ơn");
        QTest::newRow("Uyên < Ưng") << QStringLiteral("Uyên") << QStringLiteral("Ưng");
        QTest::newRow("Ngô < Nguyễn") << QStringLiteral("Ngô") << QStringLiteral("Nguyễn");
        QTest::newRow("ch is two letters: Châu < Cường") << QStringLiteral("Châu") << QStringLiteral("Cường");
        // Tones on one syllable: none, huyền, hỏi, ngã, sắc, nặng.
        QTest::newRow("a < à") << QStringLiteral("a") << QStringLiteral("à");
        QTest::newRow("à < ả") << QStringLiteral("à") << QStringLiteral("ả");
        QTest::newRow("ả < ã") << QStringLiteral("ả") << QStringLiteral("ã");
        QTest::newRow("ã < á") << QStringLiteral("ã") << QStringLiteral("á");
        QTest::newRow("á < ạ") << QStringLiteral("á") << QStringLiteral("ạ");
        QTest::newRow("ma < mà") << QStringLiteral("ma") << QStringLiteral("mà");
        QTest::newRow("mà < mả") << QStringLiteral("mà") << QStringLiteral("mả");
        QTest::newRow("mả < mã") << QStringLiteral("mả") << QStringLiteral("mã");
        QTest::newRow("mã < má") << QStringLiteral("mã") << QStringLiteral("má");
        QTest::newRow("má < mạ") << QStringLiteral("má") << QStringLiteral("mạ");
        QTest::newRow("ờ < ợ, tone on a vowel letter") << QStringLiteral("ờ") << QStringLiteral("ợ");
        QTest::newRow("Hồ < Hổ") << QStringLiteral("Hồ") << QStringLiteral("Hổ");
        // Tones are compared from the left: the first letter that differs decides.
        QTest::newRow("Hoà < Hòa") << QStringLiteral("Hoà") << QStringLiteral("Hòa");
        // Primary beats secondary: the letters decide before any tone.
        QTest::newRow("Bà < Bác") << QStringLiteral("Bà") << QStringLiteral("Bác");
        QTest::newRow("Bạch < Bàn") << QStringLiteral("Bạch") << QStringLiteral("Bàn");
        QTest::newRow("ạb < ác") << QStringLiteral("ạb") << QStringLiteral("ác");
        QTest::newRow("Bà < Ba Vì") << QStringLiteral("Bà") << QStringLiteral("Ba Vì");
        QTest::newRow("Hải < Hai Bà Trưng") << QStringLiteral("Hải") << QStringLiteral("Hai Bà Trưng");
        QTest::newRow("Lệ < Lên") << QStringLiteral("Lệ") << QStringLiteral("Lên");
        // Case is tertiary: lower case first, only when letters and tones are equal.
        QTest::newRow("an < An") << QStringLiteral("an") << QStringLiteral("An");
        QTest::newRow("An < án, tone beats case") << QStringLiteral("An") << QStringLiteral("án");
        QTest::newRow("án < Án") << QStringLiteral("án") << QStringLiteral("Án");
        QTest::newRow("AN < anh, letters beat case") << QStringLiteral("AN") << QStringLiteral("anh");
        QTest::newRow("bình < Bình") << QStringLiteral("bình") << QStringLiteral("Bình");
        QTest::newRow("Bình < BÌNH") << QStringLiteral("Bình") << QStringLiteral("BÌNH");
        QTest::newRow("aB < Ab, case from the left") << QStringLiteral("aB") << QStringLiteral("Ab");
        QTest::newRow("đ < Đ") << QStringLiteral("đ") << QStringLiteral("Đ");
        // Word separators come before every letter and digit.
        QTest::newRow("An < An Bình") << QStringLiteral("An") << QStringLiteral("An Bình");
        QTest::newRow("An Bình < Anh") << QStringLiteral("An Bình") << QStringLiteral("Anh");
        QTest::newRow("Hà Nội < Hàm") << QStringLiteral("Hà Nội") << QStringLiteral("Hàm");
        QTest::newRow("Hà Nội < Hà Tĩnh") << QStringLiteral("Hà Nội") << QStringLiteral("Hà Tĩnh");
        QTest::newRow("Lê, Văn < Lê0") << QStringLiteral("Lê, Văn") << QStringLiteral("Lê0");
        // Digits come before letters, one digit at a time.
        QTest::newRow("9 < a") << QStringLiteral("9") << QStringLiteral("a");
        QTest::newRow("Tổ 5 < Tổ A") << QStringLiteral("Tổ 5") << QStringLiteral("Tổ A");
        QTest::newRow("Tổ 10 < Tổ 9") << QStringLiteral("Tổ 10") << QStringLiteral("Tổ 9");
        QTest::newRow("0 < 1") << QStringLiteral("0") << QStringLiteral("1");
        // The empty text first.
        QTest::newRow("empty < 0") << QString() << QStringLiteral("0");
        QTest::newRow("empty < a") << QString() << QStringLiteral("a");
        QTest::newRow("empty < mark alone") << QString() << QStringLiteral("\u0301");
        QTest::newRow("empty < emoji") << QString() << QStringLiteral("😀");
        // Everything else after z, by code point.
        QTest::newRow("Zoe < Zoë") << QStringLiteral("Zoe") << QStringLiteral("Zoë");
        QTest::newRow("Zoë < Zoo") << QStringLiteral("Zoë") << QStringLiteral("Zoo");
        QTest::newRow("Zoë < Zòe, marks from the left") << QStringLiteral("Zoë") << QStringLiteral("Zòe");
        QTest::newRow("Zoè < Zoë, tones before other marks") << QStringLiteral("Zoè") << QStringLiteral("Zoë");
        QTest::newRow("zz < ø") << QStringLiteral("zz") << QStringLiteral("ø");
        QTest::newRow("z < $, symbols after letters") << QStringLiteral("z") << QStringLiteral("$");
        QTest::newRow("z < Ωmega") << QStringLiteral("z") << QStringLiteral("Ωmega");
        QTest::newRow("Ωmega < 李") << QStringLiteral("Ωmega") << QStringLiteral("李");
        QTest::newRow("李 < 😀") << QStringLiteral("李") << QStringLiteral("😀");
        QTest::newRow("Lý < Lý 李") << QStringLiteral("Lý") << QStringLiteral("Lý 李");
        QTest::newRow("😀 < 😁") << QStringLiteral("😀") << QStringLiteral("😁");
    }

    void order()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QVERIFY(vietnameseCompare(first, second) < 0);
        QVERIFY(vietnameseCompare(second, first) > 0);
        QVERIFY(blobOrder(vietnameseSortKey(first), vietnameseSortKey(second)) < 0);
        QVERIFY(blobOrder(vietnameseSortKey(nfd(first)), vietnameseSortKey(nfd(second))) < 0);
    }

    void sameKey_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("sameAs");
        QTest::newRow("NFD") << nfd(QStringLiteral("Nguyễn Văn Đồng")) << QStringLiteral("Nguyễn Văn Đồng");
        QTest::newRow("NFD, every tone") << nfd(QStringLiteral("Mà Mả Mã Má Mạ Ấ Ầ Ẩ Ẫ Ậ Ắ Ằ Ẳ Ẵ Ặ Ự Ợ Ỵ"))
                                         << QStringLiteral("Mà Mả Mã Má Mạ Ấ Ầ Ẩ Ẫ Ậ Ắ Ằ Ẳ Ẵ Ặ Ự Ợ Ỵ");
        QTest::newRow("mixed NFC and NFD")
            << QStringLiteral("Nguy\u00EA\u0303n V\u0103n \u0110o\u0302\u0300ng") << QStringLiteral("Nguyễn Văn Đồng");
        QTest::newRow("marks in NFD order") << QStringLiteral("a\u0323\u0302") << QStringLiteral("ậ");
        QTest::newRow("marks in typing order") << QStringLiteral("a\u0302\u0323") << QStringLiteral("ậ");
        QTest::newRow("ạ then circumflex") << QStringLiteral("ạ\u0302") << QStringLiteral("ậ");
        QTest::newRow("â then dot below") << QStringLiteral("â\u0323") << QStringLiteral("ậ");
        QTest::newRow("ọ then horn") << QStringLiteral("ọ\u031B") << QStringLiteral("ợ");
        QTest::newRow("deprecated tone mark") << QStringLiteral("a\u0341") << QStringLiteral("á");
        QTest::newRow("Ð look-alike") << QStringLiteral("\u00D0ặng") << QStringLiteral("Đặng");
        QTest::newRow("ð look-alike") << QStringLiteral("\u00F0ường") << QStringLiteral("đường");
        QTest::newRow("spaces collapse") << QStringLiteral("An  \t Bình") << QStringLiteral("An Bình");
        QTest::newRow("punctuation is a separator") << QStringLiteral("An-Bình") << QStringLiteral("An Bình");
        QTest::newRow("no-break space") << QStringLiteral("An\u00A0Bình") << QStringLiteral("An Bình");
        QTest::newRow("ends trimmed") << QStringLiteral(" \"An Bình\"\n") << QStringLiteral("An Bình");
        QTest::newRow("only separators") << QStringLiteral(" , ") << QString();
        QTest::newRow("soft hyphen ignored") << QStringLiteral("Hoà\u00ADng") << QStringLiteral("Hoàng");
        QTest::newRow("zero-width space ignored") << QStringLiteral("Lan\u200B") << QStringLiteral("Lan");
        QTest::newRow("Greek NFD") << QStringLiteral("\u03B1\u0301") << QStringLiteral("\u03AC");
        QTest::newRow("Hangul NFD") << nfd(QStringLiteral("한국")) << QStringLiteral("한국");
        QTest::newRow("≮ decomposed") << QStringLiteral("<\u0338") << QStringLiteral("\u226E");
    }

    void sameKey()
    {
        QFETCH(QString, text);
        QFETCH(QString, sameAs);
        QCOMPARE(vietnameseSortKey(text), vietnameseSortKey(sameAs));
        QCOMPARE(vietnameseCompare(text, sameAs), 0);
    }

    // The keys are stored: these bytes must not change without a migration of every stored key.
    void storedKeys_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("key");
        QTest::newRow("empty") << QString() << QByteArray();
        QTest::newRow("a") << QStringLiteral("a") << QByteArray::fromHex("20");
        QTest::newRow("à") << QStringLiteral("à") << QByteArray::fromHex("200103");
        QTest::newRow("A") << QStringLiteral("A") << QByteArray::fromHex("20010103");
        QTest::newRow("Đặng") << QStringLiteral("Đặng") << QByteArray::fromHex("2621312a0102070103");
        QTest::newRow("Nguyễn Văn An") << QStringLiteral("Nguyễn Văn An")
                                       << QByteArray::fromHex("312a3a3f2831023c2131022031" // primary
                                                              "01"
                                                              "0202020205" // secondary
                                                              "01"
                                                              "030202020202020302020203"); // tertiary
        QTest::newRow("separators and digits") << QStringLiteral("  An – Bình 09! ")
                                               << QByteArray::fromHex("203102232c312b021019" // primary
                                                                      "01"
                                                                      "0202020203" // secondary
                                                                      "01"
                                                                      "03020203"); // tertiary
        QTest::newRow("Zoë") << QStringLiteral("Zoë")
                             << QByteArray::fromHex("403227"
                                                    "01"
                                                    "020218"
                                                    "01"
                                                    "03");
        QTest::newRow("李") << QStringLiteral("李") << QByteArray::fromHex("f081cece");
        QTest::newRow("😀") << QStringLiteral("😀") << QByteArray::fromHex("f087ec80");
    }

    void storedKeys()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, key);
        QCOMPARE(vietnameseSortKey(text).toHex(), key.toHex());
    }

    void sortedNames_data()
    {
        QTest::addColumn<QStringList>("sorted");
        QTest::newRow("given names") << QStringList { QStringLiteral("An"), QStringLiteral("Anh"),
            QStringLiteral("Ánh"), QStringLiteral("Ân"), QStringLiteral("Bình"), QStringLiteral("Châu"),
            QStringLiteral("Cường"), QStringLiteral("Dũng"), QStringLiteral("Đạt"), QStringLiteral("Đức"),
            QStringLiteral("Giang"), QStringLiteral("Hà"), QStringLiteral("Hải"), QStringLiteral("Hạnh"),
            QStringLiteral("Hoa"), QStringLiteral("Hòa"), QStringLiteral("Hùng"), QStringLiteral("Thư"),
            QStringLiteral("Trang"), QStringLiteral("Tú"), QStringLiteral("Tuấn"), QStringLiteral("Vy"),
            QStringLiteral("Yến") };
        QTest::newRow("surnames") << QStringList { QStringLiteral("Bùi"), QStringLiteral("Dương"),
            QStringLiteral("Đặng"), QStringLiteral("Đỗ"), QStringLiteral("Hoàng"), QStringLiteral("Hồ"),
            QStringLiteral("Huỳnh"), QStringLiteral("Lê"), QStringLiteral("Lý"), QStringLiteral("Ngô"),
            QStringLiteral("Nguyễn"), QStringLiteral("Phạm"), QStringLiteral("Phan"), QStringLiteral("Trần"),
            QStringLiteral("Võ"), QStringLiteral("Vũ") };
        QTest::newRow("one name, every case and tone") << QStringList { QStringLiteral("hoa"), QStringLiteral("Hoa"),
            QStringLiteral("HOA"), QStringLiteral("hoà"), QStringLiteral("Hoà"), QStringLiteral("hòa"),
            QStringLiteral("Hòa"), QStringLiteral("hỏa"), QStringLiteral("Hỏa"), QStringLiteral("Hóa"),
            QStringLiteral("Họa"), QStringLiteral("hoa hồng"), QStringLiteral("Hoa Lư"), QStringLiteral("hoan") };
    }

    void sortedNames()
    {
        QFETCH(QStringList, sorted);
        QRandomGenerator random(20261201);
        for (int round = 0; round < 20; ++round) {
            QStringList shuffled = sorted;
            std::shuffle(shuffled.begin(), shuffled.end(), random);
            QCOMPARE(sortedByKey(shuffled), sorted);
            for (QString &name : shuffled)
                name = nfd(name);
            QStringList expected = sorted;
            for (QString &name : expected)
                name = nfd(name);
            std::sort(shuffled.begin(), shuffled.end(),
                [](const QString &a, const QString &b) { return vietnameseCompare(a, b) < 0; });
            QCOMPARE(shuffled, expected);
        }
    }

    void multiPartKeys_data()
    {
        QTest::addColumn<QStringList>("first");
        QTest::addColumn<QStringList>("second");
        const auto person = [](const char16_t *given, const char16_t *middle, const char16_t *family) {
            return QStringList { QString::fromUtf16(given), QString::fromUtf16(middle), QString::fromUtf16(family) };
        };
        QTest::newRow("given name decides") << person(u"An", u"Văn", u"Trần") << person(u"Bình", u"An", u"Nguyễn");
        QTest::newRow("then middle name") << person(u"Minh", u"Anh", u"Vũ") << person(u"Minh", u"Văn", u"Lê");
        QTest::newRow("then surname") << person(u"Minh", u"Văn", u"Lê") << person(u"Minh", u"Văn", u"Nguyễn");
        QTest::newRow("no middle name first") << person(u"An", u"", u"Nguyễn") << person(u"An", u"Văn", u"Lê");
        QTest::newRow("tone of part 1 beats letters of part 2")
            << person(u"Hoa", u"Thị", u"Vũ") << person(u"Hòa", u"Anh", u"An");
        QTest::newRow("case of part 1 beats letters of part 2")
            << person(u"an", u"Z", u"Z") << person(u"An", u"A", u"A");
        QTest::newRow("end of part 1 before its separator")
            << person(u"An", u"Z", u"") << person(u"An Bình", u"A", u"");
        QTest::newRow("empty part 1 first") << person(u"", u"Z", u"Z") << person(u"A", u"A", u"A");
    }

    void multiPartKeys()
    {
        QFETCH(QStringList, first);
        QFETCH(QStringList, second);
        const QByteArray firstKey = vietnameseSortKey({ first.at(0), first.at(1), first.at(2) });
        const QByteArray secondKey = vietnameseSortKey({ second.at(0), second.at(1), second.at(2) });
        QVERIFY(blobOrder(firstKey, secondKey) < 0);
        QCOMPARE(vietnameseSortKey({ nfd(first.at(0)), nfd(first.at(1)), nfd(first.at(2)) }), firstKey);
    }

    void multiPartKeyIsEachKeyThenZero()
    {
        const QString given = QStringLiteral("Bình");
        const QString family = QStringLiteral("Nguyễn");
        QByteArray expected = vietnameseSortKey(given);
        expected.append('\0');
        QCOMPARE(vietnameseSortKey({ given }), expected);
        expected.append(vietnameseSortKey(family));
        expected.append('\0');
        QCOMPARE(vietnameseSortKey({ given, family }), expected);
        QCOMPARE(vietnameseSortKey({ QStringView(), QStringView() }), QByteArray(2, '\0'));
    }

    // Text the order is not made for still gets a key, the same every time and for every spelling.
    void otherText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("Zoë") << QStringLiteral("Zoë");
        QTest::newRow("CJK") << QStringLiteral("李小龍");
        QTest::newRow("emoji") << QStringLiteral("😀");
        QTest::newRow("emoji sequence") << QStringLiteral("👩\u200D👩\u200D👧 ❤\uFE0F");
        QTest::newRow("right to left") << QStringLiteral("\u202Eשלום\u202C عربي");
        QTest::newRow("lone high surrogate") << QString(QString(QChar(0xD83D)) + QStringLiteral("a"));
        QTest::newRow("lone low surrogate") << QString(QStringLiteral("a") + QChar(0xDE00));
        QTest::newRow("marks alone") << QStringLiteral("\u0301\u0323 \u0300");
        QTest::newRow("many marks") << QStringLiteral("a\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309"
                                                      "\u030A\u030B\u030C\u0323\u0324\u0325\u0326\u0327\u0328");
        QTest::newRow("grapheme joiner") << QStringLiteral("a\u034F\u0301");
        QTest::newRow("controls") << QString(
            QChar(0x0001) + QStringLiteral("a") + QChar(0x001F) + QChar(0x007F) + QChar(0x0085) + QChar(0x0000));
        QTest::newRow("Latin letters outside the alphabet") << QStringLiteral("ßæøłħıĸſÞ");
        QTest::newRow("fullwidth") << QStringLiteral("ＡＢＣ１２３");
    }

    void otherText()
    {
        QFETCH(QString, text);
        const QByteArray key = vietnameseSortKey(text);
        QVERIFY(!key.isEmpty());
        QCOMPARE(vietnameseSortKey(text), key);
        QCOMPARE(vietnameseSortKey(nfd(text)), key);
        QCOMPARE(vietnameseSortKey(text.normalized(QString::NormalizationForm_C)), key);
        QCOMPARE(vietnameseSortKeyReference(text), key);
    }

    // The fast path decomposes one UTF-16 unit at a time from a table; it must agree with the definition.
    void fastKeyEqualsTheDefinition()
    {
        for (char32_t u = 0; u < 0x10000; ++u) {
            const QString one = QString(QChar(char16_t(u)));
            if (vietnameseSortKey(one) != vietnameseSortKeyReference(one))
                QFAIL(qPrintable(QStringLiteral("U+%1 has another key").arg(quint32(u), 4, 16, QLatin1Char('0'))));
        }
        const QString pieces = QStringLiteral("aăâeêioôơuưyđĐÐðAĂÂẤẦẨẪẬắằẳẵặếềểễệốồổỗộớờởỡợứừửữựýỳỷỹỵ"
                                              "NgNGuyễnVănĐồngQuảngNgãiHuế0123456789,.-'  ");
        const QList<QString> extra { QString(QChar(0x0301)), QString(QChar(0x0323)), QString(QChar(0x0302)),
            QString(QChar(0x031B)), QString(QChar(0x0308)), QString(QChar(0x034F)), QString(QChar(0x00AD)),
            QString(QChar(0x00A0)), QStringLiteral("中"), QStringLiteral("ß"), QStringLiteral("😀"),
            QStringLiteral("\u1DC4"), QStringLiteral("\t") };
        QRandomGenerator random(20261202);
        for (int i = 0; i < 20000; ++i) {
            QString text;
            const int length = int(random.bounded(24));
            for (int j = 0; j < length; ++j) {
                if (random.bounded(8) == 0)
                    text += extra.at(random.bounded(int(extra.size())));
                else
                    text += pieces.at(random.bounded(int(pieces.size())));
            }
            if (random.bounded(3) == 0)
                text = nfd(text);
            const QByteArray key = vietnameseSortKey(text);
            QCOMPARE(key, vietnameseSortKeyReference(text));
            QCOMPARE(vietnameseSortKey(nfd(text)), key);
            QCOMPARE(vietnameseSortKey(text.normalized(QString::NormalizationForm_C)), key);
        }
    }

    // 1000 random texts of Vietnamese syllables, with their tones, case and separators drawn at random and half of
    // them sharing the letters of an earlier one, so that ties at the primary and secondary level are common.
    // Their keys, in every spelling, must order them as the model above does.
    void randomSyllablesFollowTheModel()
    {
        const QStringList syllables { QStringLiteral("a"), QStringLiteral("an"), QStringLiteral("anh"),
            QStringLiteral("ăn"), QStringLiteral("ăng"), QStringLiteral("ân"), QStringLiteral("âu"),
            QStringLiteral("ba"), QStringLiteral("bach"), QStringLiteral("binh"), QStringLiteral("cao"),
            QStringLiteral("châu"), QStringLiteral("cương"), QStringLiteral("dung"), QStringLiteral("dương"),
            QStringLiteral("đat"), QStringLiteral("đưc"), QStringLiteral("đông"), QStringLiteral("em"),
            QStringLiteral("ênh"), QStringLiteral("gia"), QStringLiteral("giang"), QStringLiteral("ha"),
            QStringLiteral("hai"), QStringLiteral("hanh"), QStringLiteral("hoa"), QStringLiteral("hoang"),
            QStringLiteral("hông"), QStringLiteral("hung"), QStringLiteral("huynh"), QStringLiteral("khoa"),
            QStringLiteral("kim"), QStringLiteral("lan"), QStringLiteral("lê"), QStringLiteral("ly"),
            QStringLiteral("mai"), QStringLiteral("minh"), QStringLiteral("my"), QStringLiteral("nam"),
            QStringLiteral("ngoc"), QStringLiteral("nguyên"), QStringLiteral("nhung"), QStringLiteral("oanh"),
            QStringLiteral("ơn"), QStringLiteral("phan"), QStringLiteral("phương"), QStringLiteral("quang"),
            QStringLiteral("quy"), QStringLiteral("sơn"), QStringLiteral("tâm"), QStringLiteral("thanh"),
            QStringLiteral("thu"), QStringLiteral("thư"), QStringLiteral("tiên"), QStringLiteral("trân"),
            QStringLiteral("trung"), QStringLiteral("tuân"), QStringLiteral("uyên"), QStringLiteral("ưng"),
            QStringLiteral("van"), QStringLiteral("văn"), QStringLiteral("viêt"), QStringLiteral("vu"),
            QStringLiteral("xuân"), QStringLiteral("yên"), QStringLiteral("fan"), QStringLiteral("jun"),
            QStringLiteral("web"), QStringLiteral("zen") };
        const QStringList separators { QStringLiteral(" "), QStringLiteral("  "), QStringLiteral(", "),
            QStringLiteral(" - "), QStringLiteral("\u00A0"), QStringLiteral("\u2013"), QStringLiteral("/") };
        const std::u16string_view vowels = u"aăâeêioôơuưy";

        QRandomGenerator random(20261203);
        const auto chance = [&](int percent) { return int(random.bounded(100)) < percent; };
        QList<QList<int>> words; // syllable indexes of each sample
        QList<Sample> samples;
        for (int i = 0; i < 1000; ++i) {
            QList<int> sampleWords;
            if (i > 0 && chance(50)) {
                sampleWords = words.at(random.bounded(i));
            } else {
                const int count = 1 + int(random.bounded(4));
                for (int w = 0; w < count; ++w)
                    sampleWords.append(int(random.bounded(int(syllables.size()))));
            }
            words.append(sampleWords);

            Sample sample;
            const QString leading = chance(10) ? QStringLiteral(" ") : QString();
            sample.nfc = sample.nfd = sample.mixed = leading;
            for (qsizetype w = 0; w < sampleWords.size(); ++w) {
                if (w > 0) {
                    const QString separator = separators.at(random.bounded(int(separators.size())));
                    sample.nfc += separator;
                    sample.nfd += separator;
                    sample.mixed += separator;
                    sample.elements.append(Element { -1, 0, false });
                }
                const QString syllable = syllables.at(sampleWords.at(w));
                const int tone = int(random.bounded(6));
                qsizetype tonePosition = random.bounded(int(syllable.size()));
                for (qsizetype j = 0; j < syllable.size(); ++j) {
                    if (vowels.find(syllable.at(j).unicode()) != std::u16string_view::npos && chance(70)) {
                        tonePosition = j;
                        break;
                    }
                }
                for (qsizetype j = 0; j < syllable.size(); ++j) {
                    const bool upper = chance(j == 0 ? 50 : 10);
                    const int letterTone = j == tonePosition ? tone : 0;
                    const QString letter = upper ? syllable.mid(j, 1).toUpper() : syllable.mid(j, 1);
                    const QString mark = letterTone ? QString(QChar(toneMarks[letterTone])) : QString();
                    const QString composed = QString(letter + mark).normalized(QString::NormalizationForm_C);
                    const QString decomposed = nfd(letter + mark);
                    sample.nfc += composed;
                    sample.nfd += decomposed;
                    // Canonically equivalent spellings: NFC, NFD, the letter precomposed and the tone apart, or
                    // with nặng (which NFD puts before the vowel mark) the tone precomposed and the vowel mark apart.
                    switch (random.bounded(4)) {
                    case 0:
                        sample.mixed += composed;
                        break;
                    case 1:
                        sample.mixed += decomposed;
                        break;
                    case 2:
                        sample.mixed += letter + mark;
                        break;
                    default:
                        if (letterTone == 5 && decomposed.size() == 3) {
                            QString vowelMark = decomposed.mid(1);
                            vowelMark.remove(mark);
                            sample.mixed
                                += QString(decomposed.mid(0, 1) + mark).normalized(QString::NormalizationForm_C)
                                + vowelMark;
                        } else {
                            sample.mixed += composed;
                        }
                        break;
                    }
                    sample.elements.append(Element { int(alphabet.find(syllable.at(j).unicode())), letterTone, upper });
                }
            }
            if (chance(10)) {
                sample.nfc += QStringLiteral(".");
                sample.nfd += QStringLiteral(" ");
                sample.mixed += QStringLiteral("\n");
            }
            samples.append(sample);
        }

        QList<QByteArray> keys;
        for (const Sample &sample : samples) {
            const QByteArray key = vietnameseSortKey(sample.nfc);
            QCOMPARE(vietnameseSortKey(sample.nfd), key);
            QCOMPARE(vietnameseSortKey(sample.mixed), key);
            QCOMPARE(vietnameseSortKeyReference(sample.mixed), key);
            keys.append(key);
        }

        // Sorted by key, each sample is before or tied with the next in the model, and tied exactly when the
        // keys are equal: the key order is the model's (a strict weak order) over all 1000.
        QList<qsizetype> order(samples.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(),
            [&](qsizetype a, qsizetype b) { return blobOrder(keys.at(a), keys.at(b)) < 0; });
        int ties = 0;
        for (qsizetype i = 1; i < order.size(); ++i) {
            const qsizetype a = order.at(i - 1);
            const qsizetype b = order.at(i);
            const int model = modelOrder(samples.at(a).elements, samples.at(b).elements);
            if (keys.at(a) == keys.at(b)) {
                ++ties;
                QVERIFY2(model == 0, qPrintable(samples.at(a).nfc + QStringLiteral(" | ") + samples.at(b).nfc));
            } else {
                QVERIFY2(model < 0, qPrintable(samples.at(a).nfc + QStringLiteral(" | ") + samples.at(b).nfc));
            }
        }
        QVERIFY(ties > 0);

        // vietnameseCompare() agrees with the keys and the model, in any spelling.
        int primaryTies = 0;
        for (int i = 0; i < 5000; ++i) {
            const Sample &a = samples.at(random.bounded(int(samples.size())));
            const Sample &b = samples.at(random.bounded(int(samples.size())));
            const int model = modelOrder(a.elements, b.elements);
            QCOMPARE(sign(vietnameseCompare(a.nfc, b.mixed)), model);
            QCOMPARE(sign(vietnameseCompare(b.nfd, a.nfc)), -model);
            QCOMPARE(blobOrder(vietnameseSortKey(a.mixed), vietnameseSortKey(b.nfd)), model);
            if (&a != &b && words.at(&a - samples.constData()) == words.at(&b - samples.constData()))
                ++primaryTies;
        }
        QVERIFY(primaryTies > 0);
    }
};

QTEST_GUILESS_MAIN(tst_VietnameseCollation)
#include "tst_vietnamesecollation.moc"
