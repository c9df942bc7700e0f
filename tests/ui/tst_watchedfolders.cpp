// The Watched Folders panel on a real local store with real inotify (offscreen): a folder
// added through the dialog receives the volume and its changes become versions; Pause holds
// changes back and Resume commits them; the list and its paused flags come back in a new
// window; Remove commits one last time, stops, and leaves the files; a failed bind says why
// in the banner.
#include "AddFolderDialog.h"
#include "AppTestSupport.h"
#include "MainWindow.h"
#include "Repository.h"
#include "TestSupport.h"
#include "Volume.h"
#include "VolumeListModel.h"
#include "WatchedFolderModel.h"
#include "WatchedFolders.h"
#include "WatchedFoldersView.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeView>
#include <QtTest>

using namespace trove;
using namespace trove::ui;

class TstWatchedFolders : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<testing::AppSandbox> m_sandbox;

    std::unique_ptr<MainWindow> openWindow()
    {
        auto window = m_sandbox->openWindow();
        [&] { QTRY_VERIFY(view(*window)->folders()->isRestored()); }();
        return window;
    }

    static WatchedFoldersView *view(const MainWindow &window) { return window.findChild<WatchedFoldersView *>(); }

    static QPushButton *button(const MainWindow &window, const char *objectName)
    {
        return view(window)->findChild<QPushButton *>(QLatin1String(objectName));
    }

    Volume head(const QString &name = QStringLiteral("demo")) { return m_sandbox->head(name); }

    static QString stateOf(const MainWindow &window, const QString &folder)
    {
        WatchedFolderModel *model = view(window)->model();
        const int row = model->rowOf(folder);
        return row < 0 ? QString() : model->stateText(row);
    }

    // What a user does: Add Folder…, type the folder, pick or type the volume, OK.
    void addThroughDialog(MainWindow &window, const QString &folder, const QString &volume, const QString &remotePath = {})
    {
        button(window, "watchedFoldersEmptyAdd")->click();
        auto *dialog = window.findChild<AddFolderDialog *>();
        QVERIFY(dialog);
        dialog->folderEdit()->setText(folder);
        dialog->volumeBox()->setCurrentText(volume);
        if (!remotePath.isEmpty())
            dialog->pathEdit()->setText(remotePath);
        QPushButton *ok = dialog->findChild<QPushButton *>(QStringLiteral("addFolderOk"));
        QVERIFY(ok->isEnabled());
        ok->click();
    }

    // Waits until the folder's loop is in sync after the bind.
    void addAndSettle(MainWindow &window, const QString &folder, const QString &volume)
    {
        addThroughDialog(window, folder, volume);
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(window, folder).startsWith(QLatin1String("up to date at v")), 30000);
    }

    static void select(const MainWindow &window, const QString &folder)
    {
        WatchedFoldersView *v = view(window);
        v->list()->setCurrentIndex(v->model()->index(v->model()->rowOf(folder), 0));
    }


private slots:
    void init() { m_sandbox = std::make_unique<testing::AppSandbox>(testing::AppSandbox::Contents::SampleFiles); }
    void cleanup() { m_sandbox.reset(); }

    void addedFolderReceivesTheVolumeAndCommitsChanges()
    {
        auto window = openWindow();
        QAbstractItemModelTester tester(view(*window)->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString folder = m_sandbox->path(QStringLiteral("work"));
        addAndSettle(*window, folder, QStringLiteral("demo"));
        QCOMPARE(testing::readFile(folder + QStringLiteral("/a.txt")), QByteArray("one"));
        QCOMPARE(testing::readFile(folder + QStringLiteral("/data/in.txt")), QByteArray("inside"));
        const qint64 before = head().version();
        QCOMPARE(stateOf(*window, folder), QStringLiteral("up to date at v%1").arg(before));

        testing::writeFile(folder + QStringLiteral("/notes.txt"), "written in the folder");
        const QString committed = QStringLiteral("committed v%1").arg(before + 1);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*window, folder), committed, 30000);
        Volume after = head();
        QCOMPARE(after.version(), before + 1);
        QCOMPARE(testing::readVolumeFile(after, QStringLiteral("notes.txt")), QByteArray("written in the folder"));
        QCOMPARE(window->bannerText(), QString());
    }

    void pauseHoldsChangesBackAndResumeCommitsThem()
    {
        auto window = openWindow();
        const QString folder = m_sandbox->path(QStringLiteral("work"));
        addAndSettle(*window, folder, QStringLiteral("demo"));
        const qint64 before = head().version();
        // The folder just added is the one selected.
        QCOMPARE(view(*window)->list()->currentIndex().data(WatchedFolderModel::FolderRole).toString(), folder);
        QVERIFY(button(*window, "watchedFoldersPause")->isEnabled());
        QVERIFY(!button(*window, "watchedFoldersResume")->isEnabled());
        button(*window, "watchedFoldersPause")->click();
        QTRY_COMPARE(stateOf(*window, folder), QStringLiteral("paused"));
        QVERIFY(!button(*window, "watchedFoldersPause")->isEnabled());

        testing::writeFile(folder + QStringLiteral("/while-paused.txt"), "held back");
        QTest::qWait(5000); // longer than the debounce and the settle time of an unpaused folder
        QCOMPARE(head().version(), before);
        QCOMPARE(stateOf(*window, folder), QStringLiteral("paused"));

        button(*window, "watchedFoldersResume")->click();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*window, folder), QStringLiteral("committed v%1").arg(before + 1), 30000);
        Volume after = head();
        QCOMPARE(testing::readVolumeFile(after, QStringLiteral("while-paused.txt")), QByteArray("held back"));
    }

    void aNewWindowRestoresTheFoldersAndTheirPausedState()
    {
        const QString running = m_sandbox->path(QStringLiteral("running"));
        const QString paused = m_sandbox->path(QStringLiteral("paused"));
        {
            auto window = openWindow();
            addAndSettle(*window, running, QStringLiteral("demo"));
            addAndSettle(*window, paused, QStringLiteral("scratch")); // a new name creates the volume
            QTRY_VERIFY(window->volumeModel()->rowOf(QStringLiteral("scratch")) >= 0);
            select(*window, paused);
            button(*window, "watchedFoldersPause")->click();
            QTRY_COMPARE(stateOf(*window, paused), QStringLiteral("paused"));
        }
        testing::settleEnginePool();
        auto window = openWindow();
        WatchedFolderModel *model = view(*window)->model();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(model->rowOf(running), WatchedFolderModel::VolumeColumn).data().toString(), QStringLiteral("demo"));
        QCOMPARE(model->index(model->rowOf(paused), WatchedFolderModel::VolumeColumn).data().toString(), QStringLiteral("scratch"));
        QTRY_COMPARE(stateOf(*window, paused), QStringLiteral("paused"));
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(*window, running).startsWith(QLatin1String("up to date at v")), 30000);

        const qint64 demo = head().version();
        const qint64 scratch = head(QStringLiteral("scratch")).version();
        testing::writeFile(running + QStringLiteral("/after-restart.txt"), "still watched");
        testing::writeFile(paused + QStringLiteral("/not-yet.txt"), "still paused");
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*window, running), QStringLiteral("committed v%1").arg(demo + 1), 30000);
        Volume after = head();
        QCOMPARE(testing::readVolumeFile(after, QStringLiteral("after-restart.txt")), QByteArray("still watched"));
        QCOMPARE(head(QStringLiteral("scratch")).version(), scratch);
        QCOMPARE(stateOf(*window, paused), QStringLiteral("paused"));
    }

    void removeCommitsOnceMoreStopsAndKeepsTheFiles()
    {
        const QString folder = m_sandbox->path(QStringLiteral("work"));
        {
            auto window = openWindow();
            addAndSettle(*window, folder, QStringLiteral("demo"));
            const qint64 before = head().version();
            select(*window, folder);
            testing::writeFile(folder + QStringLiteral("/last.txt"), "the last change");
            button(*window, "watchedFoldersRemove")->click();
            auto *box = window->findChild<QMessageBox *>(QStringLiteral("removeWatchedFolderDialog"));
            QVERIFY(box);
            QVERIFY(box->text().contains(QLatin1String("files stay")));
            for (QAbstractButton *b : box->buttons())
                if (b->text() == QLatin1String("Remove"))
                    b->click();
            QTRY_COMPARE_WITH_TIMEOUT(view(*window)->model()->rowCount(), 0, 30000);
            Volume after = head();
            QCOMPARE(after.version(), before + 1);
            QCOMPARE(testing::readVolumeFile(after, QStringLiteral("last.txt")), QByteArray("the last change"));
            QVERIFY(button(*window, "watchedFoldersEmptyAdd")->isVisible());

            testing::writeFile(folder + QStringLiteral("/after.txt"), "not watched any more");
            QTest::qWait(5000);
            QCOMPARE(head().version(), before + 1);
        }
        QCOMPARE(testing::readFile(folder + QStringLiteral("/a.txt")), QByteArray("one"));
        QCOMPARE(testing::readFile(folder + QStringLiteral("/last.txt")), QByteArray("the last change"));
        QCOMPARE(testing::readFile(folder + QStringLiteral("/after.txt")), QByteArray("not watched any more"));
        testing::settleEnginePool();
        auto window = openWindow();
        QCOMPARE(view(*window)->model()->rowCount(), 0);
    }

    void aFolderNoLongerBoundShowsTheErrorAfterARestart()
    {
        const QString folder = m_sandbox->path(QStringLiteral("work"));
        {
            auto window = openWindow();
            addAndSettle(*window, folder, QStringLiteral("demo"));
        }
        testing::settleEnginePool();
        QVERIFY(QDir(folder + QStringLiteral("/.trove")).removeRecursively()); // unbound behind the app's back
        auto window = std::make_unique<MainWindow>(m_sandbox->storeUrl());
        QStringList errors; // every error text the row showed: the loop retries, so it may not stay
        connect(view(*window)->model(), &QAbstractItemModel::dataChanged, this, [&] {
            const QString state = stateOf(*window, folder);
            if (state.startsWith(QLatin1String("error: ")))
                errors << state;
        });
        window->show();
        QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), 30000);
        QVERIFY2(errors.first().contains(QLatin1String("not a bound folder")), qPrintable(errors.first()));
        QVERIFY2(window->bannerText().startsWith(QStringLiteral("Watched folder %1 is not kept in sync").arg(folder)), qPrintable(window->bannerText()));
        QCOMPARE(testing::readFile(folder + QStringLiteral("/a.txt")), QByteArray("one"));
    }

    void aFailedBindSaysWhyInTheBanner()
    {
        auto window = openWindow();
        const QString folder = m_sandbox->path(QStringLiteral("work"));
        addThroughDialog(*window, folder, QStringLiteral("demo"), QStringLiteral("a.txt")); // a file, not a folder
        QTRY_VERIFY_WITH_TIMEOUT(!view(*window)->isBinding(), 30000);
        QVERIFY2(window->bannerText().contains(QLatin1String("Could not bind folder")), qPrintable(window->bannerText()));
        QVERIFY2(window->bannerText().contains(QLatin1String("is a file in volume")), qPrintable(window->bannerText()));
        QCOMPARE(view(*window)->model()->rowCount(), 0);
    }
};

QTEST_MAIN(TstWatchedFolders)
#include "tst_watchedfolders.moc"
