// SPDX-FileCopyrightText: Mặt trận số contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QTranslator;

namespace mts {

/// The language of the user interface: installs the application's translations and the Vietnamese
/// catalogue of Qt's own strings (dialog buttons, text-field context menus), both compiled into the
/// program as resources under ":/i18n". Vietnamese is the default; English is the language of the sources.
///
/// Install before the first window is created: widgets take their texts when they are built, and the
/// main window does not retranslate itself, so a change applies at the next start.
class UiLanguage {
public:
    UiLanguage();
    /// Removes the translators this object installed.
    ~UiLanguage();
    UiLanguage(const UiLanguage &) = delete;
    UiLanguage &operator=(const UiLanguage &) = delete;

    /// Installs the catalogues of `language` ("vi" or "en"; anything else means "vi") on the running
    /// application, replacing those this object installed before, and makes it the default QLocale.
    /// Returns false when a catalogue is missing from the resources: the interface then shows English.
    [[nodiscard]] bool install(const QString &language);

    /// The language installed last ("vi" or "en"), empty before the first install().
    QString language() const { return m_language; }

    /// The languages the program ships, default first.
    static QStringList languages();
    /// The name of `language` in that language ("Tiếng Việt", "English"), shown untranslated.
    static QString nativeName(const QString &language);

private:
    void removeTranslators();

    std::vector<std::unique_ptr<QTranslator>> m_translators;
    QString m_language;
};

} // namespace mts
