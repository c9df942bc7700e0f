// Every desktop-app suite reads English as the app shows it: the sources say "%n file(s)" and
// the English plural forms (translations/trove_en.ts) make it "1 file" or "2 files".
#include "AppTranslation.h"

#include <QCoreApplication>
#include <memory>

namespace {

std::unique_ptr<trove::ui::AppTranslation> englishPlurals;

void loadEnglishPlurals()
{
    englishPlurals = std::make_unique<trove::ui::AppTranslation>(QLocale::c());
    qAddPostRoutine([] { englishPlurals.reset(); });
}

} // namespace

Q_COREAPP_STARTUP_FUNCTION(loadEnglishPlurals)
