// The folder watcher on real inotify in temporary folders: what a user does to files (write,
// modify, delete, rename, new folders, an editor's atomic save) is reported once the folder
// is quiet, ignored paths are not, and lost events turn into a rescan.
#include "FolderTestSupport.h"
#include "FolderWatcher.h"
#include "TestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <sys/mount.h>
#include <unistd.h>

using namespace trove;
using testing::writeFile;

namespace {

// Every path the watcher reported, and each report as it came.
struct Reports
{
    explicit Reports(FolderWatcher &watcher)
    {
        QObject::connect(&watcher, &FolderWatcher::changed, [this](const QStringList &paths) {
            batches.append(paths);
            for (const QString &path : paths)
                all.insert(path);
        });
        QObject::connect(&watcher, &FolderWatcher::rescanNeeded, [this](const QString &reason) { rescans.append(reason); });
    }
    void clear()
    {
        all.clear();
        batches.clear();
        rescans.clear();
    }
    QSet<QString> all;
    QList<QStringList> batches;
    QStringList rescans;
};

} // namespace

class FolderWatchTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FolderWatcher> m_watcher;
    std::unique_ptr<Reports> m_reports;

    QString path(const QString &relative) const { return m_dir->filePath(relative); }

    void startWatcher()
    {
        m_watcher = std::make_unique<FolderWatcher>(m_dir->path());
        m_watcher->setDebounce(100);
        m_reports = std::make_unique<Reports>(*m_watcher);
        m_watcher->start();
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup()
    {
        m_reports.reset();
        m_watcher.reset();
        m_dir.reset();
    }

    void writeModifyDeleteRenameAreReported()
    {
        writeFile(path("old.txt"), "old");
        startWatcher();
        writeFile(path("new.txt"), "new");
        QTRY_VERIFY(m_reports->all.contains("new.txt"));
        m_reports->clear();

        QFile file(path("old.txt"));
        QVERIFY(file.open(QIODevice::Append));
        file.write(" and more");
        file.close();
        QTRY_VERIFY(m_reports->all.contains("old.txt"));
        m_reports->clear();

        QVERIFY(QFile::setPermissions(path("old.txt"), QFile::ReadOwner));
        QTRY_VERIFY(m_reports->all.contains("old.txt"));
        m_reports->clear();

        QVERIFY(QFile::rename(path("new.txt"), path("renamed.txt")));
        QTRY_VERIFY(m_reports->all.contains("renamed.txt"));
        QVERIFY(m_reports->all.contains("new.txt")); // the old name is gone
        m_reports->clear();

        QVERIFY(QFile::remove(path("renamed.txt")));
        QTRY_VERIFY(m_reports->all.contains("renamed.txt"));
        QVERIFY(m_reports->rescans.isEmpty());
    }

    void burstIsOneReportAfterTheFolderIsQuiet()
    {
        startWatcher();
        m_watcher->setDebounce(500);
        for (int i = 0; i < 20; ++i)
            writeFile(path(QStringLiteral("f%1.txt").arg(i)), "x");
        QTRY_COMPARE(m_reports->all.size(), 20);
        QCOMPARE(m_reports->batches.size(), 1);
    }

    void busyFolderStillReportsWithinTheMaxDelay()
    {
        startWatcher();
        m_watcher->setDebounce(500);
        m_watcher->setMaxDelay(1500);
        QElapsedTimer clock;
        clock.start();
        // A write every 100 ms never leaves the folder quiet for 500 ms.
        int i = 0;
        while (m_reports->batches.isEmpty() && clock.elapsed() < 10000) {
            writeFile(path("busy.log.txt"), QByteArray::number(i++));
            QTest::qWait(100);
        }
        QVERIFY(!m_reports->batches.isEmpty());
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    }

    void newSubfolderIsWatchedWithTheFilesMadeBeforeItsWatch()
    {
        startWatcher();
        // Made before the watcher's thread (this one) gets to the folder's creation event.
        QVERIFY(QDir().mkpath(path("sub/deeper/deepest")));
        writeFile(path("sub/early.txt"), "early");
        writeFile(path("sub/deeper/deepest/early2.txt"), "early");
        QTRY_VERIFY(m_reports->all.contains("sub/early.txt"));
        QVERIFY(m_reports->all.contains("sub/deeper/deepest/early2.txt"));
        m_reports->clear();

        writeFile(path("sub/deeper/deepest/late.txt"), "late");
        QTRY_VERIFY(m_reports->all.contains("sub/deeper/deepest/late.txt"));
        QCOMPARE(m_watcher->watchedFolders(), 4);
    }

    void movedFolderReportsItsNewPaths()
    {
        QVERIFY(QDir().mkpath(path("a/inner")));
        writeFile(path("a/inner/x.txt"), "x");
        startWatcher();
        QVERIFY(QDir().rename(path("a"), path("b")));
        QTRY_VERIFY(m_reports->all.contains("b"));
        QVERIFY(m_reports->all.contains("b/inner/x.txt"));
        QVERIFY(m_reports->all.contains("a"));
        m_reports->clear();

        writeFile(path("b/inner/y.txt"), "y");
        QTRY_VERIFY(m_reports->all.contains("b/inner/y.txt"));
        QVERIFY(!m_reports->all.contains("a/inner/y.txt"));
        QCOMPARE(m_watcher->watchedFolders(), 3);

        // Moved out of the tree: no longer watched.
        QTemporaryDir outside;
        QVERIFY(QDir().rename(path("b"), outside.filePath("b")));
        QTRY_VERIFY(m_reports->all.contains("b"));
        QCOMPARE(m_watcher->watchedFolders(), 1);
    }

    // An editor's save: write a temporary file, then rename it over the original (or delete
    // the original first). The final path is reported, and it exists when reported.
    void atomicSaveReportsTheFinalPath_data()
    {
        QTest::addColumn<bool>("deleteFirst");
        QTest::newRow("rename over") << false;
        QTest::newRow("delete, then rename") << true;
    }
    void atomicSaveReportsTheFinalPath()
    {
        QFETCH(bool, deleteFirst);
        writeFile(path("doc.txt"), "version 1");
        startWatcher();
        bool presentWhenReported = false;
        connect(m_watcher.get(), &FolderWatcher::changed, this, [&](const QStringList &paths) {
            if (paths.contains("doc.txt"))
                presentWhenReported = QFile::exists(path("doc.txt"));
        });
        writeFile(path("doc.txt.new"), "version 2");
        if (deleteFirst)
            QVERIFY(QFile::remove(path("doc.txt")));
        QVERIFY(testing::renameOver(path("doc.txt.new"), path("doc.txt")));
        QTRY_VERIFY(m_reports->all.contains("doc.txt"));
        QVERIFY(presentWhenReported);
        QCOMPARE(testing::readFile(path("doc.txt")), QByteArray("version 2"));
    }

    void ignoredPathsAreNotReportedNorWatched()
    {
        writeFile(path(".troveignore"), "build/\n*.log\n");
        QVERIFY(QDir().mkpath(path("build/obj")));
        QVERIFY(QDir().mkpath(path(".trove")));
        startWatcher();
        QCOMPARE(m_watcher->watchedFolders(), 1); // the root only
        writeFile(path(".trove/journal.db"), "j");
        writeFile(path("build/obj/a.o"), "o");
        writeFile(path("run.log"), "log");
        QVERIFY(QDir().mkpath(path("build2")));
        writeFile(path("kept.txt"), "kept");
        QTRY_VERIFY(m_reports->all.contains("kept.txt"));
        QCOMPARE(m_reports->all, (QSet<QString>{"kept.txt", "build2"}));

        // A changed .troveignore applies at once, and asks for a rescan (what it covers changed).
        m_reports->clear();
        writeFile(path(".troveignore"), "*.log\n");
        QTRY_VERIFY(!m_reports->rescans.isEmpty());
        QCOMPARE(m_watcher->watchedFolders(), 4);
        writeFile(path("build/obj/b.o"), "o");
        QTRY_VERIFY(m_reports->all.contains("build/obj/b.o"));

        // A subfolder's .troveignore covers its subtree from the moment it is written.
        writeFile(path("build2/.troveignore"), "*.bin\n");
        QTRY_VERIFY(m_reports->all.contains("build2/.troveignore"));
        m_reports->clear();
        writeFile(path("build2/x.bin"), "left out");
        writeFile(path("x.bin"), "kept");
        writeFile(path("build2/y.txt"), "kept");
        QTRY_VERIFY(m_reports->all.contains("build2/y.txt"));
        QCOMPARE(m_reports->all, (QSet<QString>{"x.bin", "build2/y.txt"}));
    }

    // A watch the kernel drops while its folder is still there (here: a file system mounted
    // on a subfolder goes away) ends in a rescan, and the folder is watched again. Root only.
    void lostWatchAsksForARescan()
    {
        QVERIFY(QDir().mkpath(path("mnt")));
        if (geteuid() != 0 || ::mount("none", QFile::encodeName(path("mnt")).constData(), "tmpfs", 0, nullptr) != 0)
            QSKIP("mounting a tmpfs needs root");
        const auto unmount = qScopeGuard([&] { ::umount2(QFile::encodeName(path("mnt")).constData(), MNT_DETACH); });
        writeFile(path("mnt/on-tmpfs.txt"), "x");
        startWatcher();
        QCOMPARE(m_watcher->watchedFolders(), 2);
        QCOMPARE(::umount(QFile::encodeName(path("mnt")).constData()), 0);
        QTRY_VERIFY(!m_reports->rescans.isEmpty());
        QVERIFY2(m_reports->rescans.first().contains("lost"), qPrintable(m_reports->rescans.first()));
        m_reports->clear();
        writeFile(path("mnt/under.txt"), "y");
        QTRY_VERIFY(m_reports->all.contains("mnt/under.txt"));
    }

    // More folders than inotify watches allowed: a rescan is asked for once, the watcher says
    // it is incomplete (its owner scans at every interval), and what is watched still reports.
    void watchLimitAsksForARescan()
    {
        if (!testing::inWatchLimitChild()) {
            const int status = testing::runWithWatchLimit(3, QTest::currentTestFunction());
            if (status < 0)
                QSKIP("needs user namespaces (unshare --user) to lower the watch limit for this test alone");
            QCOMPARE(status, 0);
            return;
        }
        QVERIFY(QDir().mkpath(path("a/b/c/d/e")));
        startWatcher();
        QVERIFY(!m_watcher->isComplete());
        QCOMPARE(m_watcher->watchedFolders(), 3);
        QTRY_COMPARE(m_reports->rescans.size(), 1);
        QVERIFY2(m_reports->rescans.first().contains("fs.inotify.max_user_watches"), qPrintable(m_reports->rescans.first()));
        writeFile(path("top.txt"), "x");
        QTRY_VERIFY(m_reports->all.contains("top.txt"));
        QCOMPARE(m_reports->rescans.size(), 1); // said once, not at every failed watch
    }

    // Events lost by the kernel end in a rescan, and the folders made meanwhile are watched.
    // As root the queue is made small for the watcher's instance; otherwise it is flooded past
    // the default 16384 events while the event loop is blocked.
    void overflowFallsBackToARescan()
    {
        int files = 20000;
        {
            std::unique_ptr<testing::SysctlOverride> small;
            if (geteuid() == 0) {
                small = std::make_unique<testing::SysctlOverride>(QStringLiteral("/proc/sys/fs/inotify/max_queued_events"), "64");
                if (small->ok())
                    files = 200;
            }
            startWatcher(); // the queue's size is fixed when the instance is made
        }
        for (int i = 0; i < files; ++i)
            writeFile(path(QStringLiteral("flood%1").arg(i)), "x");
        QVERIFY(QDir().mkpath(path("made/during/flood")));
        QTRY_VERIFY_WITH_TIMEOUT(!m_reports->rescans.isEmpty(), 30000);
        QVERIFY2(m_reports->rescans.first().contains("lost"), qPrintable(m_reports->rescans.first()));
        QCOMPARE(m_watcher->watchedFolders(), 4);
        m_reports->clear();
        writeFile(path("made/during/flood/after.txt"), "after");
        QTRY_VERIFY(m_reports->all.contains("made/during/flood/after.txt"));
    }
};

QTEST_GUILESS_MAIN(FolderWatchTest)
#include "tst_folderwatch.moc"
