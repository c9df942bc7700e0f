#pragma once

#include <QLocale>
#include <QTranslator>

namespace trove::ui {

// The desktop app's translation for a locale, and Qt's own (the buttons of standard dialogs),
// installed on the application while this object lives. Every Traditional Chinese locale
// (zh_TW, zh_HK, zh_MO, zh_Hant) gets the zh_TW translation. English, the source language,
// only takes its plural forms ("%n file(s)" as "1 file", "2 files"), whatever the locale. The
// files are looked up installed (share/trove/translations beside bin/), then in the build tree.
class AppTranslation
{
public:
    explicit AppTranslation(const QLocale &locale = QLocale());
    AppTranslation(const AppTranslation &) = delete;
    AppTranslation &operator=(const AppTranslation &) = delete;

    // The language of the loaded translation ("zh_TW"); empty when the app speaks English.
    QString language() const { return m_app.language(); }

private:
    QTranslator m_plurals; // trove_en: English plural forms, below the others
    QTranslator m_app;
    QTranslator m_qt;
};

} // namespace trove::ui
