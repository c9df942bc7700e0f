// trove: the desktop app. Browse volumes, stage changes, commit them as versions.
#include "AppTranslation.h"
#include "MainWindow.h"
#include "ScreenshotTour.h"
#include "SingleInstance.h"
#include "transfers/TransferStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QFont>
#include <QIcon>
#include <cstdio>

int main(int argc, char *argv[])
{
    // Without a display Qt would abort with a long platform-plugin message; say it plainly.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        std::fprintf(stderr, "trove: no display found (DISPLAY and WAYLAND_DISPLAY are unset); use trove-cli on a terminal\n");
        return 1;
    }
    // Named before the QApplication exists: its accessibility bridge registers the name then.
    QApplication::setApplicationName(QStringLiteral("trove"));
    QApplication::setApplicationDisplayName(QStringLiteral("Trove"));
    QApplication::setApplicationVersion(QStringLiteral(TROVE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral(TROVE_APP_ID));
    QApplication app(argc, argv);
    const trove::ui::AppTranslation translation; // by the locale: LANG=zh_TW.UTF-8 gives Traditional Chinese

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Trove: versioned volumes for model weights and datasets."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption store(QStringLiteral("store"),
                                   QCoreApplication::translate("main", "Store URL: file:///path, a directory, or s3://BUCKET/PREFIX?endpoint=URL "
                                                                       "(default: $TROVE_STORE, else the embedded local store)."),
                                   QStringLiteral("URL"));
    parser.addOption(store);
    const QCommandLineOption screenshots(QStringLiteral("screenshots"),
                                         QCoreApplication::translate("main", "Save screenshots of the window into DIR once it has loaded, then quit (scripts/screenshots.sh)."),
                                         QStringLiteral("DIR"));
    parser.addOption(screenshots);
    parser.process(app);

    trove::ui::SingleInstance instance(QFileInfo(trove::ui::TransferStore::defaultPath()).path());
    if (!instance.acquire()) {
        std::fprintf(stderr, "trove: %s\n", instance.alreadyRunningText().toLocal8Bit().constData());
        return 0;
    }
    if (parser.isSet(screenshots)) {
        // The same pixels on every machine: one style and one font, whatever the desktop's. A
        // Chinese window gets what a Taiwanese desktop shows, Noto Sans CJK TC (fonts-noto-cjk).
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setFont(QFont(translation.language().startsWith(QLatin1String("zh")) ? QStringLiteral("Noto Sans CJK TC")
                                                                                            : QStringLiteral("DejaVu Sans"),
                                    10));
    }
    // Icons the desktop's theme lacks come from the part of hicolor built into the app at :/icons
    // (resources/), a default theme search path. Without a desktop theme (offscreen) Qt looks in none.
    if (QIcon::themeName().isEmpty())
        QIcon::setThemeName(QStringLiteral("hicolor"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral(TROVE_APP_ID)));
    trove::ui::MainWindow window(parser.value(store));
    window.show();
    QObject::connect(&instance, &trove::ui::SingleInstance::activationRequested, &window, [&window] {
        window.setWindowState((window.windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
        window.raise();
        window.activateWindow();
    });
    if (parser.isSet(screenshots))
        (new trove::ui::ScreenshotTour(&window, parser.value(screenshots), translation.language()))->start();
    return app.exec();
}
