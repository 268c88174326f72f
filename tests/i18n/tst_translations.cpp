// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Vietnamese catalogues are complete: every message finished, and every tr() string in the client's
// sources (found by running lupdate here, as the build does) has its finished Vietnamese translation.
#include <QDir>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message {
    QString context;
    QString source;
    QString comment; // disambiguation: part of the message's identity
    QString type; // the translation's type attribute: "", "unfinished", "vanished", "obsolete"
    QStringList translations; // one, or the numerus forms

    QString key() const { return context + u'\x1f' + source + u'\x1f' + comment; }
    QString rowName() const
    {
        QString name = context + QStringLiteral(": ") + source;
        name.replace(u'\n', u' ');
        return name.size() > 100 ? name.left(97) + QStringLiteral("...") : name;
    }
};

struct Catalogue {
    QString language;
    QList<Message> messages;
    QString error;
};

Catalogue readCatalogue(const QString &fileName)
{
    Catalogue catalogue;
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        catalogue.error = fileName + QStringLiteral(": ") + file.errorString();
        return catalogue;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("TS")) {
                catalogue.language = xml.attributes().value(QLatin1String("language")).toString();
            } else if (name == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                message = Message { context, {}, {}, {}, {} };
            } else if (name == QLatin1String("source")) {
                message.source = xml.readElementText();
            } else if (name == QLatin1String("comment")) {
                message.comment = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                message.type = xml.attributes().value(QLatin1String("type")).toString();
                // Either text, or <numerusform> children.
                QString text;
                while (!xml.atEnd()) {
                    xml.readNext();
                    if (xml.isCharacters())
                        text += xml.text();
                    else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                        message.translations << xml.readElementText();
                    else if (xml.isEndElement() && xml.name() == QLatin1String("translation"))
                        break;
                }
                if (message.translations.isEmpty())
                    message.translations << text;
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            catalogue.messages << message;
        }
    }
    if (xml.hasError())
        catalogue.error = QStringLiteral("%1:%2: %3").arg(fileName).arg(xml.lineNumber()).arg(xml.errorString());
    return catalogue;
}

/// %1, %L2, %n … in order of appearance, sorted: a translation must keep every one of them.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%L?(\\d+|n)"));
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.sort();
    return found;
}

/// Whether `text` marks a keyboard mnemonic ("&Save"); "&&" is a literal ampersand.
bool hasMnemonic(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) == u'&') {
            ++i;
            continue;
        }
        if (!text.at(i + 1).isSpace())
            return true;
    }
    return false;
}

QString translationsDirectory()
{
    return QStringLiteral(MTS_SOURCE_DIR "/translations");
}

} // namespace

Q_DECLARE_METATYPE(Message)

class TestTranslations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void everyVietnameseCatalogueIsChecked();
    void cataloguesAreVietnamese_data();
    void cataloguesAreVietnamese();
    void lupdateFindsTheClientSources();
    void messageIsTranslated_data();
    void messageIsTranslated();
    void sourceStringHasTranslation_data();
    void sourceStringHasTranslation();
    void catalogueHasNoStaleEntries();
    void qtStringExistsInQt_data();
    void qtStringExistsInQt();

private:
    QMap<QString, Catalogue> m_vietnamese; // every translations/*_vi.ts, by file name
    Catalogue m_application; // mattranso_vi.ts as committed
    Catalogue m_qt; // qtbase_vi.ts
    Catalogue m_fresh; // what lupdate finds in the sources now
    QByteArray m_qtLibraries;
};

void TestTranslations::initTestCase()
{
    const QDir translations(translationsDirectory());
    for (const QString &fileName : translations.entryList({ QStringLiteral("*_vi.ts") }, QDir::Files)) {
        Catalogue catalogue = readCatalogue(translations.filePath(fileName));
        QVERIFY2(catalogue.error.isEmpty(), qPrintable(catalogue.error));
        m_vietnamese.insert(fileName, catalogue);
    }
    m_application = m_vietnamese.value(QStringLiteral("mattranso_vi.ts"));
    m_qt = m_vietnamese.value(QStringLiteral("qtbase_vi.ts"));

    // The same folders and options as translations/CMakeLists.txt gives lupdate.
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString freshFile = directory.filePath(QStringLiteral("fresh_vi.ts"));
    const QString sources = QStringLiteral(MTS_SOURCE_DIR);
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(MTS_LUPDATE),
        { QStringLiteral("-silent"), QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
            QStringLiteral("none"), QStringLiteral("-I"), sources, sources + QStringLiteral("/client/core"),
            sources + QStringLiteral("/client/ui"), sources + QStringLiteral("/client/app"), QStringLiteral("-ts"),
            freshFile });
    QVERIFY2(lupdate.waitForFinished(60000), qPrintable(lupdate.errorString()));
    const QByteArray output = lupdate.readAll();
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0, output.constData());
    m_fresh = readCatalogue(freshFile);
    QVERIFY2(m_fresh.error.isEmpty(), qPrintable(m_fresh.error));

    for (const char *library : { MTS_QT_GUI_LIBRARY, MTS_QT_WIDGETS_LIBRARY }) {
        QFile file(QString::fromLocal8Bit(library));
        QVERIFY2(file.open(QIODevice::ReadOnly), library);
        m_qtLibraries += file.readAll();
    }
}

void TestTranslations::everyVietnameseCatalogueIsChecked()
{
    QVERIFY(m_vietnamese.contains(QStringLiteral("mattranso_vi.ts")));
    QVERIFY(m_vietnamese.contains(QStringLiteral("qtbase_vi.ts")));
    QVERIFY(m_application.messages.size() >= 50);
    QVERIFY(m_qt.messages.size() >= 30);
}

void TestTranslations::cataloguesAreVietnamese_data()
{
    QTest::addColumn<QString>("language");
    for (auto it = m_vietnamese.cbegin(); it != m_vietnamese.cend(); ++it)
        QTest::newRow(qPrintable(it.key())) << it->language;
}

void TestTranslations::cataloguesAreVietnamese()
{
    QFETCH(QString, language);
    QCOMPARE(language, QStringLiteral("vi_VN"));
}

void TestTranslations::lupdateFindsTheClientSources()
{
    // Without this the checks below could pass on an lupdate that found nothing.
    QStringList contexts;
    for (const Message &message : std::as_const(m_fresh.messages))
        contexts << message.context;
    for (const char *context : { "mts::MainWindow", "mts::SettingsPage", "mts::ServerProbe", "main" })
        QVERIFY2(contexts.contains(QLatin1String(context)), context);
    QVERIFY(m_fresh.messages.size() >= 50);
}

void TestTranslations::messageIsTranslated_data()
{
    QTest::addColumn<Message>("message");
    for (auto it = m_vietnamese.cbegin(); it != m_vietnamese.cend(); ++it) {
        for (const Message &message : it->messages)
            QTest::newRow(qPrintable(it.key() + QStringLiteral(": ") + message.rowName())) << message;
    }
}

void TestTranslations::messageIsTranslated()
{
    QFETCH(Message, message);
    QVERIFY2(message.type.isEmpty(), qPrintable(QStringLiteral("translation is %1").arg(message.type)));
    for (const QString &translation : std::as_const(message.translations)) {
        QVERIFY(!translation.trimmed().isEmpty());
        QCOMPARE(placeholders(translation), placeholders(message.source));
        QCOMPARE(hasMnemonic(translation), hasMnemonic(message.source));
        // Stored composed (NFC), as all Vietnamese text in the project; decomposed text breaks searching and
        // renders badly in some fonts.
        QCOMPARE(translation, translation.normalized(QString::NormalizationForm_C));
    }
}

void TestTranslations::sourceStringHasTranslation_data()
{
    QTest::addColumn<Message>("message");
    for (const Message &message : std::as_const(m_fresh.messages))
        QTest::newRow(qPrintable(message.rowName())) << message;
}

void TestTranslations::sourceStringHasTranslation()
{
    QFETCH(Message, message);
    const auto committed = std::find_if(m_application.messages.cbegin(), m_application.messages.cend(),
        [&message](const Message &candidate) { return candidate.key() == message.key(); });
    QVERIFY2(committed != m_application.messages.cend(),
        "not in translations/mattranso_vi.ts: build the update_translations target, then translate it");
    QVERIFY2(committed->type.isEmpty(), "not finished in translations/mattranso_vi.ts");
    QVERIFY(!committed->translations.isEmpty() && !committed->translations.constFirst().isEmpty());
}

void TestTranslations::catalogueHasNoStaleEntries()
{
    QSet<QString> current;
    for (const Message &message : std::as_const(m_fresh.messages))
        current.insert(message.key());
    QStringList stale;
    for (const Message &message : std::as_const(m_application.messages)) {
        if (!current.contains(message.key()))
            stale << message.rowName();
    }
    QVERIFY2(stale.isEmpty(),
        qPrintable(QStringLiteral("no longer in the sources (build update_translations): ") + stale.join(u'|')));
}

void TestTranslations::qtStringExistsInQt_data()
{
    QTest::addColumn<Message>("message");
    for (const Message &message : std::as_const(m_qt.messages))
        QTest::newRow(qPrintable(message.rowName())) << message;
}

void TestTranslations::qtStringExistsInQt()
{
    // A context or source text that Qt does not use (a typo, or a string Qt changed) is never looked up,
    // and the user would see English. Qt's libraries hold both as NUL-terminated UTF-8 literals.
    QFETCH(Message, message);
    const QByteArray context = message.context.toUtf8() + '\0';
    const QByteArray source = message.source.toUtf8() + '\0';
    QVERIFY2(m_qtLibraries.contains(context), "context not found in Qt's libraries");
    QVERIFY2(m_qtLibraries.contains(source), "source text not found in Qt's libraries");
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
