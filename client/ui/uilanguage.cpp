// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "uilanguage.h"

#include <QCoreApplication>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>

Q_LOGGING_CATEGORY(lcLanguage, "mts.ui.language")

namespace mts {

namespace {
const QString vietnamese = QStringLiteral("vi");
const QString english = QStringLiteral("en");
const QString catalogueFolder = QStringLiteral(":/i18n");
} // namespace

UiLanguage::UiLanguage() = default;

UiLanguage::~UiLanguage()
{
    removeTranslators();
}

QStringList UiLanguage::languages()
{
    return { vietnamese, english };
}

QString UiLanguage::nativeName(const QString &language)
{
    // Each language is named in itself, so a user who cannot read the current one still finds theirs.
    return language == english ? QStringLiteral("English") : QStringLiteral("Tiếng Việt");
}

bool UiLanguage::install(const QString &language)
{
    removeTranslators();
    m_language = language == english ? english : vietnamese;

    // English is the language of the sources: its catalogue only carries finished copies of them.
    // Debian ships no Vietnamese translation of Qt, so Qt's own strings come from our hand-written
    // qtbase_vi catalogue.
    QStringList catalogues { QStringLiteral("mattranso_") + m_language };
    if (m_language == vietnamese)
        catalogues << QStringLiteral("qtbase_vi");

    bool complete = true;
    for (const QString &catalogue : std::as_const(catalogues)) {
        auto translator = std::make_unique<QTranslator>();
        if (!translator->load(catalogue, catalogueFolder)) {
            qCWarning(lcLanguage) << "translation catalogue" << catalogue << "is missing from" << catalogueFolder;
            complete = false;
            continue;
        }
        QCoreApplication::installTranslator(translator.get());
        m_translators.push_back(std::move(translator));
    }
    QLocale::setDefault(m_language == vietnamese ? QLocale(QLocale::Vietnamese, QLocale::Vietnam)
                                                 : QLocale(QLocale::English, QLocale::UnitedStates));
    return complete;
}

void UiLanguage::removeTranslators()
{
    for (const auto &translator : m_translators)
        QCoreApplication::removeTranslator(translator.get());
    m_translators.clear();
}

} // namespace mts
