// The main window in English and in Traditional Chinese, with the translations the build
// compiled: labels a user reads are in the language (actions, menus, status bar, Qt's own
// buttons), counts take their plural form, and at the default size nothing in the toolbar,
// menu bar or status bar is cut off or pushed out of sight. Locales pick the translation as
// the app does at start-up (LANG=zh_TW.UTF-8 and every Traditional Chinese locale).
#include "AppTranslation.h"
#include "MainWindow.h"
#include "RemoteTreeModel.h"
#include "Repository.h"
#include "TestSupport.h"
#include "Volume.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

using namespace trove;
using namespace trove::ui;

namespace {

QString describe(const QWidget *w)
{
    return QStringLiteral("%1 \"%2\": %3 px wide, needs %4")
        .arg(w->objectName(), w->property("text").toString())
        .arg(w->width())
        .arg(w->sizeHint().width());
}

} // namespace

class TstTranslatedWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setApplicationName(QStringLiteral("trove"));
    }

    void localePicksTheTranslation_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("language");
        QTest::newRow("zh_TW") << QStringLiteral("zh_TW") << QStringLiteral("zh_TW");
        QTest::newRow("zh_HK") << QStringLiteral("zh_HK") << QStringLiteral("zh_TW");
        QTest::newRow("zh_MO") << QStringLiteral("zh_MO") << QStringLiteral("zh_TW");
        QTest::newRow("zh_Hant") << QStringLiteral("zh_Hant") << QStringLiteral("zh_TW");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QString();
        QTest::newRow("en_US") << QStringLiteral("en_US") << QString();
        QTest::newRow("C") << QStringLiteral("C") << QString();
    }

    void localePicksTheTranslation()
    {
        QFETCH(QString, locale);
        QFETCH(QString, language);
        const AppTranslation translation{QLocale(locale)};
        QCOMPARE(translation.language(), language);
    }

    // What main() does with LANG=zh_TW.UTF-8: the system locale picks the translation.
    void systemLocaleFromLang()
    {
        qputenv("LANG", "zh_TW.UTF-8");
        qunsetenv("LC_ALL");
        qunsetenv("LC_MESSAGES");
        qunsetenv("LANGUAGE");
        // QLocale::system() reads the environment once per process; a child process reads it anew.
        QProcess child;
        child.setProgram(QCoreApplication::applicationFilePath());
        child.setProcessEnvironment([] {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("TROVE_TEST_PRINT_LANGUAGE"), QStringLiteral("1"));
            return env;
        }());
        child.start();
        QVERIFY(child.waitForFinished(60000));
        QCOMPARE(child.readAllStandardOutput().trimmed(), QByteArray("zh_TW"));
    }

    void englishCountsTakeTheirPluralForm()
    {
        const AppTranslation translation{QLocale::c()};
        auto behind = [](int n) { return QCoreApplication::translate("trove::ui::StatusPanel", "%n version(s) behind", nullptr, n); };
        QCOMPARE(behind(1), QStringLiteral("1 version behind"));
        QCOMPARE(behind(3), QStringLiteral("3 versions behind"));
    }

    void window_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("commit");
        QTest::addColumn<QString>("reload");
        QTest::addColumn<QString>("fileMenu");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("pending");
        QTest::addColumn<QString>("cancel");
        QTest::newRow("en") << QStringLiteral("C") << QStringLiteral("Commit") << QStringLiteral("Reload") << QStringLiteral("&File")
                            << QStringLiteral("Version 2") << QStringLiteral("2 pending changes") << QStringLiteral("Cancel");
        QTest::newRow("zh_TW") << QStringLiteral("zh_TW") << QStringLiteral("提交") << QStringLiteral("重新載入") << QStringLiteral("檔案(&F)")
                               << QStringLiteral("版本 2") << QStringLiteral("2 項待提交的變更") << QStringLiteral("取消");
    }

    void window()
    {
        QFETCH(QString, locale);
        QFETCH(QString, commit);
        QFETCH(QString, reload);
        QFETCH(QString, fileMenu);
        QFETCH(QString, version);
        QFETCH(QString, pending);
        QFETCH(QString, cancel);
        const AppTranslation translation{QLocale(locale)};
        testing::Sandbox sandbox;
        qputenv("XDG_CONFIG_HOME", sandbox.path(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", sandbox.path(QStringLiteral("data")).toUtf8());
        Volume::create(QStringLiteral("finetune-llama3"), 2, sandbox.repository());
        Volume volume = Volume::fromName(QStringLiteral("finetune-llama3"), {}, sandbox.repository());
        volume.putData("lr: 2e-5\n", QStringLiteral("configs/train.yaml"));
        volume.commit(QStringLiteral("configs")); // version 2: creating the volume made version 1

        MainWindow window(sandbox.storeUrl());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(window.currentVolume().has_value());
        QTRY_VERIFY(!window.fileModel()->isLoading());
        window.stageNewFolder(QStringLiteral("evals"));
        window.stageRemove({QStringLiteral("configs/train.yaml")});

        // What a user reads, in the language.
        QCOMPARE(window.findChild<QAction *>(QStringLiteral("commitAction"))->text(), commit);
        QCOMPARE(window.findChild<QAction *>(QStringLiteral("reloadAction"))->text(), reload);
        QCOMPARE(window.findChild<QMenu *>(QStringLiteral("fileMenu"))->title(), fileMenu);
        QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("versionStatus"))->text(), version);
        QTRY_COMPARE(window.findChild<QLabel *>(QStringLiteral("pendingStatus"))->text(), pending);
        const QDialogButtonBox qtButtons(QDialogButtonBox::Cancel); // Qt's own words, from qtbase's translation
        QCOMPARE(qtButtons.button(QDialogButtonBox::Cancel)->text(), cancel);

        // Nothing cut off at the default size: every toolbar button and status label as wide as
        // its text needs, no toolbar button or menu pushed into an overflow (») button.
        QCOMPARE(window.size(), QSize(1280, 800));
        QCoreApplication::processEvents();
        auto *tools = window.findChild<QToolBar *>(QStringLiteral("mainToolBar"));
        QStringList clipped;
        int toolButtons = 0;
        for (QAction *action : tools->actions()) {
            if (action->isSeparator())
                continue;
            QWidget *button = tools->widgetForAction(action);
            ++toolButtons;
            if (!button->isVisible() || button->width() < button->sizeHint().width())
                clipped << describe(button) + (button->isVisible() ? QString() : QStringLiteral(" (hidden)"));
        }
        QVERIFY(toolButtons > 0);
        for (const auto *overflow : window.findChildren<QToolButton *>(QRegularExpression(QStringLiteral("^qt_(toolbar|menubar)_ext_button$"))))
            if (overflow->isVisible())
                clipped << overflow->objectName() + QStringLiteral(" is shown");
        int labels = 0;
        for (const QLabel *label : window.statusBar()->findChildren<QLabel *>()) {
            if (!label->isVisible())
                continue;
            ++labels;
            if (label->width() < label->sizeHint().width())
                clipped << describe(label);
        }
        QVERIFY(labels >= 4); // volume, version, up to date, pending
        QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('\n'))));
    }
};

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsSet("TROVE_TEST_PRINT_LANGUAGE")) { // systemLocaleFromLang's child
        QCoreApplication app(argc, argv);
        const AppTranslation translation;
        std::printf("%s\n", qPrintable(translation.language()));
        return 0;
    }
    QApplication app(argc, argv);
    TstTranslatedWindow test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_translatedwindow.moc"
