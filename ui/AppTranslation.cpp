#include "AppTranslation.h"

#include <QCoreApplication>
#include <QLibraryInfo>

namespace trove::ui {

namespace {

// The one Traditional Chinese translation serves Hong Kong and Macau too: the words differ a
// little, but it reads far better there than English or Simplified Chinese would.
QLocale servedLocale(const QLocale &locale)
{
    if (locale.language() == QLocale::Chinese && locale.script() == QLocale::TraditionalChineseScript)
        return QLocale(QLocale::Chinese, QLocale::TraditionalChineseScript, QLocale::Taiwan);
    return locale;
}

QStringList appDirectories()
{
    return {QCoreApplication::applicationDirPath() + QStringLiteral("/../share/trove/translations"),
            QStringLiteral(TROVE_BUILD_TRANSLATIONS)};
}

// Loads `file` (a name, or a name and a locale) from the first directory that has it, and
// installs it; a translator installed later is asked first.
template<typename... Name>
void loadInto(QTranslator &translator, const QStringList &directories, const Name &...file)
{
    for (const QString &directory : directories) {
        if (translator.load(file..., directory)) {
            QCoreApplication::installTranslator(&translator);
            return;
        }
    }
}

} // namespace

AppTranslation::AppTranslation(const QLocale &locale)
{
    loadInto(m_plurals, appDirectories(), QStringLiteral("trove_en"));
    const QLocale served = servedLocale(locale);
    if (served.language() == QLocale::English || served.language() == QLocale::C)
        return;
    loadInto(m_app, appDirectories(), served, QStringLiteral("trove"), QStringLiteral("_"));
    if (!m_app.isEmpty()) // Qt's words only beside ours: an English window keeps English buttons
        loadInto(m_qt, {QLibraryInfo::path(QLibraryInfo::TranslationsPath)}, served, QStringLiteral("qtbase"), QStringLiteral("_"));
}

} // namespace trove::ui
