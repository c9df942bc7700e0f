// Bound folders kept in sync by FolderSyncLoop and `trove-cli watch`, on real inotify and real
// processes: what a user does in the folder ends committed, a file still being written is
// committed whole or not at all, two folders on one volume converge, lost events end in a
// rescan, and killing the watcher loses nothing that was committed.
#include "BoundFolder.h"
#include "FolderTestSupport.h"
#include "FolderSyncLoop.h"
#include "Repository.h"
#include "TestSupport.h"
#include "Volume.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QSignalSpy>
#include <QtTest>
#include <csignal>
#include <unistd.h>

using namespace trove;
using testing::readFile;
using testing::writeFile;

namespace {

using Files = QMap<QString, QByteArray>;

const QString VolumeName = QStringLiteral("data");

// Small files as they are, others by their hash: whole versions of big files fit in memory.
QByteArray fingerprint(const QByteArray &content)
{
    return content.size() <= 4096 ? content : "sha256:" + QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex();
}

// The files under `folder`, relative to it; .trove/ left out.
QStringList folderPaths(const QString &folder)
{
    QStringList paths;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = QDir(folder).relativeFilePath(it.next());
        if (!path.startsWith(QLatin1String(".trove/")))
            paths.append(path);
    }
    return paths;
}

Files folderFiles(const QString &folder)
{
    Files files;
    for (const QString &path : folderPaths(folder))
        files.insert(path, fingerprint(readFile(folder + QLatin1Char('/') + path)));
    return files;
}

// Paths and sizes only: cheap enough to poll.
QMap<QString, qint64> folderSizes(const QString &folder)
{
    QMap<QString, qint64> sizes;
    for (const QString &path : folderPaths(folder))
        sizes.insert(path, QFileInfo(folder + QLatin1Char('/') + path).size());
    return sizes;
}

// A `trove-cli watch` process and the lines it printed.
struct WatchProcess
{
    explicit WatchProcess(const QString &folder) : WatchProcess(QStringList{QStringLiteral("watch"), folder}) {}
    explicit WatchProcess(const QStringList &command)
    {
        process.reset(testing::startCli(command + QStringList{QStringLiteral("--interval"), QStringLiteral("1")}));
        QObject::connect(process.get(), &QProcess::readyReadStandardOutput, [this] {
            while (process->canReadLine())
                lines.append(QString::fromUtf8(process->readLine()).trimmed());
        });
    }
    bool printed(const QString &start) const
    {
        return std::any_of(lines.cbegin(), lines.cend(), [&](const QString &l) { return l.startsWith(start); });
    }
    std::unique_ptr<QProcess> process;
    QStringList lines;
};

} // namespace

class FolderSyncTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::Sandbox> m_sandbox;
    std::shared_ptr<Repository> m_repo;

    QString bindFolder(const QString &name)
    {
        const QString folder = m_sandbox->path(name);
        QDir().mkpath(folder);
        Operation operation;
        FolderSyncReport report;
        BoundFolder::bind(m_repo, m_sandbox->storeUrl(), VolumeName, folder, {}, operation, {}, &report);
        return folder;
    }

    std::unique_ptr<FolderSyncLoop> startLoop(const QString &folder)
    {
        auto loop = std::make_unique<FolderSyncLoop>(folder, m_repo);
        loop->setDebounce(200);
        loop->setPollInterval(1);
        loop->setSettleDelay(300);
        QSignalSpy watching(loop.get(), &FolderSyncLoop::watching);
        loop->start();
        [&] { QVERIFY(watching.wait(20000)); }();
        return loop;
    }

    Files volumeFiles(std::optional<qint64> version = std::nullopt)
    {
        Volume volume = Volume::fromName(VolumeName, {false, 2, version}, m_repo);
        Files files;
        for (const DirEntry &entry : volume.listDir({}, true)) {
            if (!entry.isDir)
                files.insert(entry.path, fingerprint(testing::readVolumeFile(volume, entry.path)));
        }
        return files;
    }
    // Paths and sizes only: cheap enough to poll.
    QMap<QString, qint64> volumeSizes()
    {
        QMap<QString, qint64> sizes;
        for (const DirEntry &entry : Volume::fromName(VolumeName, {}, m_repo).listDir({}, true)) {
            if (!entry.isDir)
                sizes.insert(entry.path, entry.size);
        }
        return sizes;
    }
    // The loop committed the volume's newest version and is done with it.
    bool committedHead(const FolderSyncLoop &loop)
    {
        return loop.state() == FolderSyncLoop::State::Committed && loop.stateText() == QString("committed v%1").arg(headVersion());
    }
    qint64 headVersion() { return Volume::fromName(VolumeName, {}, m_repo).version(); }

    // Every version's files, for comparing before and after a crash.
    QMap<qint64, Files> allVersions()
    {
        QMap<qint64, Files> versions;
        for (qint64 v = 1, head = headVersion(); v <= head; ++v)
            versions.insert(v, volumeFiles(v));
        return versions;
    }

private slots:
    void init()
    {
        m_sandbox = std::make_unique<testing::Sandbox>();
        m_repo = m_sandbox->repository();
        Volume::create(VolumeName, 2, m_repo);
    }
    void cleanup()
    {
        m_repo.reset();
        m_sandbox.reset();
    }

    void whatChangesInTheFolderIsCommitted()
    {
        const QString folder = bindFolder("a");
        writeFile(folder + "/old.txt", "old");
        writeFile(folder + "/kept.txt", "kept");
        const auto loop = startLoop(folder);
        QTRY_COMPARE_WITH_TIMEOUT(volumeFiles(), folderFiles(folder), 20000);

        writeFile(folder + "/a.txt", "a");
        QVERIFY(QDir().mkpath(folder + "/sub/deeper"));
        writeFile(folder + "/sub/deeper/b.txt", "b");
        QTRY_COMPARE_WITH_TIMEOUT(volumeFiles(), folderFiles(folder), 20000);

        writeFile(folder + "/a.txt", "a, modified");
        QVERIFY(QFile::remove(folder + "/old.txt"));
        QVERIFY(QDir().rename(folder + "/sub", folder + "/moved"));
        QTRY_COMPARE_WITH_TIMEOUT(volumeFiles(), (Files{{"a.txt", "a, modified"}, {"kept.txt", "kept"}, {"moved/deeper/b.txt", "b"}}), 20000);
        QTRY_VERIFY(committedHead(*loop));
    }

    // An editor's save replaces the file by a rename: a modification, never a delete.
    void atomicSaveIsCommittedAsAModification_data()
    {
        QTest::addColumn<bool>("deleteFirst");
        QTest::newRow("rename over") << false;
        QTest::newRow("delete, then rename") << true;
    }
    void atomicSaveIsCommittedAsAModification()
    {
        QFETCH(bool, deleteFirst);
        const QString folder = bindFolder("a");
        writeFile(folder + "/doc.txt", "version 1");
        const auto loop = startLoop(folder);
        QTRY_VERIFY_WITH_TIMEOUT(committedHead(*loop), 20000);
        QSignalSpy committed(loop.get(), &FolderSyncLoop::committed);

        writeFile(folder + "/doc.txt.new", "version 2");
        if (deleteFirst)
            QVERIFY(QFile::remove(folder + "/doc.txt"));
        QVERIFY(testing::renameOver(folder + "/doc.txt.new", folder + "/doc.txt"));
        QTRY_VERIFY_WITH_TIMEOUT(!committed.isEmpty() && committedHead(*loop), 20000);
        QCOMPARE(volumeFiles(), (Files{{"doc.txt", "version 2"}}));
        for (const QList<QVariant> &signal : committed) {
            const auto report = signal.at(1).value<FolderSyncReport>();
            QVERIFY2(!report.uploaded.removed.contains("doc.txt"), qPrintable(report.summary));
        }
        QVERIFY(std::any_of(committed.cbegin(), committed.cend(), [](const QList<QVariant> &signal) {
            return signal.at(1).value<FolderSyncReport>().uploaded.modified.contains("doc.txt");
        }));
    }

    // A job appends a checkpoint in chunks, holding it open, while other files come and get
    // committed: no version holds part of the checkpoint. The pauses between chunks are
    // longer than the debounce, so commits run while it is written.
    void growingFileIsCommittedWholeOrNotAtAll()
    {
        const QString folder = bindFolder("a");
        const auto loop = startLoop(folder);
        QSignalSpy committed(loop.get(), &FolderSyncLoop::committed);
        const int chunks = 40;
        const QByteArray checkpoint = testing::randomBytes(chunks * 256 * 1024, 7);
        writeFile(m_sandbox->path("source.bin"), checkpoint);
        QProcess writer;
        writer.setWorkingDirectory(folder);
        writer.start("sh", {"-c", R"(exec 3>>checkpoint.bin; i=0
            while [ $i -lt $2 ]; do
              dd if="$1" bs=262144 skip=$i count=1 status=none >&3
              [ $((i % 10)) = 0 ] && echo $i > step-$i.txt
              i=$((i+1)); sleep 0.3
            done)", "sh", m_sandbox->path("source.bin"), QString::number(chunks)});
        // Waited for with the event loop running: the loop commits meanwhile.
        QTRY_COMPARE_WITH_TIMEOUT(writer.state(), QProcess::NotRunning, 60000);
        QCOMPARE(writer.exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(volumeFiles().value("checkpoint.bin") == fingerprint(checkpoint), 60000);

        bool committedWhileWriting = false;
        for (qint64 v = 1, head = headVersion(); v <= head; ++v) {
            const Files files = volumeFiles(v);
            if (files.contains("checkpoint.bin"))
                QVERIFY2(files.value("checkpoint.bin") == fingerprint(checkpoint), qPrintable(QString("v%1 holds part of the checkpoint").arg(v)));
            else if (files.contains("step-0.txt"))
                committedWhileWriting = true;
        }
        QVERIFY2(committedWhileWriting, "no version was committed while the checkpoint was written");
    }

    void twoFoldersOnOneVolumeConverge()
    {
        const QString a = bindFolder("a");
        const QString b = bindFolder("b");
        const auto loopA = startLoop(a);
        const auto loopB = startLoop(b);

        writeFile(a + "/from-a.txt", "written in a");
        QTRY_COMPARE_WITH_TIMEOUT(readFile(b + "/from-a.txt"), QByteArray("written in a"), 30000);
        writeFile(b + "/from-b.txt", "written in b");
        QTRY_COMPARE_WITH_TIMEOUT(readFile(a + "/from-b.txt"), QByteArray("written in b"), 30000);
        writeFile(b + "/from-a.txt", "changed in b");
        QTRY_COMPARE_WITH_TIMEOUT(readFile(a + "/from-a.txt"), QByteArray("changed in b"), 30000);
        QVERIFY(QFile::remove(a + "/from-b.txt"));
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(b + "/from-b.txt"), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(folderFiles(a), folderFiles(b), 30000);
        QCOMPARE(volumeFiles(), folderFiles(a));
    }

    // A reload refused because another process holds a file open is a state, not a failure:
    // the loop says it is behind and busy, and reloads once the file is closed.
    void busyFolderReloadsOnceTheFileIsClosed()
    {
        const QString a = bindFolder("a");
        const QString b = bindFolder("b");
        writeFile(b + "/held.txt", "held");
        const auto loopA = startLoop(a);
        const auto loopB = startLoop(b);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(a + "/held.txt"), 30000);
        QSignalSpy busy(loopB.get(), &FolderSyncLoop::busy);
        QSignalSpy failed(loopB.get(), &FolderSyncLoop::failed);
        QProcess holder;
        holder.start("sh", {"-c", "exec 3<\"$1\"; echo open; exec sleep 60", "sh", b + "/held.txt"});
        QVERIFY(holder.waitForReadyRead(10000));

        writeFile(a + "/new.txt", "from a");
        QTRY_VERIFY_WITH_TIMEOUT(!busy.isEmpty(), 30000);
        QCOMPARE(loopB->state(), FolderSyncLoop::State::Behind);
        QVERIFY2(loopB->stateText().contains("held.txt") && loopB->stateText().contains("behind"), qPrintable(loopB->stateText()));
        QVERIFY(!QFile::exists(b + "/new.txt"));
        QVERIFY(failed.isEmpty());

        holder.kill();
        QVERIFY(holder.waitForFinished(10000));
        QTRY_COMPARE_WITH_TIMEOUT(readFile(b + "/new.txt"), QByteArray("from a"), 30000);
        QVERIFY(failed.isEmpty());
    }

    void pausedLoopCommitsNothingUntilResumed()
    {
        const QString folder = bindFolder("a");
        const auto loop = startLoop(folder);
        QTRY_VERIFY_WITH_TIMEOUT(loop->state() == FolderSyncLoop::State::Idle, 20000);
        const qint64 before = headVersion();
        loop->pause();
        QCOMPARE(loop->state(), FolderSyncLoop::State::Paused);
        writeFile(folder + "/while-paused.txt", "x");
        QTest::qWait(3000); // several debounces and polls: nothing may happen
        QCOMPARE(headVersion(), before);
        QCOMPARE(loop->state(), FolderSyncLoop::State::Paused);
        loop->resume();
        QTRY_COMPARE_WITH_TIMEOUT(volumeFiles(), folderFiles(folder), 20000);
        QTRY_VERIFY(committedHead(*loop));
    }

    // A folder that cannot be opened (here: never bound) is tried again at each poll, not
    // in a loop that keeps a core busy.
    void unopenableFolderIsRetriedAtThePollInterval()
    {
        const QString folder = m_sandbox->path("never-bound");
        QVERIFY(QDir().mkpath(folder));
        FolderSyncLoop loop(folder, m_repo);
        loop.setPollInterval(1);
        QSignalSpy changes(&loop, &FolderSyncLoop::stateChanged);
        loop.start();
        QTest::qWait(2500);
        QCOMPARE(loop.state(), FolderSyncLoop::State::Error);
        QVERIFY2(changes.count() <= 12, qPrintable(QString::number(changes.count()) + " state changes in 2.5 s"));
    }

    // More folders than inotify watches allowed: the loop says why and scans at every
    // interval, so a change in a folder without a watch is committed all the same.
    void unwatchedFoldersAreScannedAtEveryInterval()
    {
        if (!testing::inWatchLimitChild()) {
            const int status = testing::runWithWatchLimit(2, QTest::currentTestFunction());
            if (status < 0)
                QSKIP("needs user namespaces (unshare --user) to lower the watch limit for this test alone");
            QCOMPARE(status, 0);
            return;
        }
        const QString folder = bindFolder("a");
        QVERIFY(QDir().mkpath(folder + "/x/y/z"));
        auto loop = std::make_unique<FolderSyncLoop>(folder, m_repo);
        QSignalSpy rescanning(loop.get(), &FolderSyncLoop::rescanning);
        loop->setPollInterval(1);
        loop->start();
        QTRY_VERIFY_WITH_TIMEOUT(!rescanning.isEmpty(), 20000);
        QVERIFY2(rescanning.first().first().toString().contains("max_user_watches"), qPrintable(rescanning.first().first().toString()));
        writeFile(folder + "/x/y/z/deep.txt", "unwatched");
        QTRY_COMPARE_WITH_TIMEOUT(volumeFiles(), (Files{{"x/y/z/deep.txt", "unwatched"}}), 20000);
    }

    // The kernel's event queue made tiny for the loop's watcher (root only): events are lost,
    // the loop compares the whole folder, and everything ends committed.
    void lostEventsEndInAFullRescan()
    {
        if (geteuid() != 0)
            QSKIP("lowering fs.inotify.max_queued_events needs root; tst_folderwatch floods the queue instead");
        const QString folder = bindFolder("a");
        std::unique_ptr<FolderSyncLoop> loop;
        {
            testing::SysctlOverride tiny(QStringLiteral("/proc/sys/fs/inotify/max_queued_events"), "1");
            QVERIFY(tiny.ok());
            loop = startLoop(folder); // the queue's size is fixed when the watcher starts
        }
        QSignalSpy rescanning(loop.get(), &FolderSyncLoop::rescanning);
        for (int i = 0; i < 300; ++i)
            writeFile(folder + QString("/f%1.txt").arg(i), QByteArray::number(i));
        QTRY_VERIFY_WITH_TIMEOUT(!rescanning.isEmpty(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(volumeFiles().size(), 300, 30000);
        QCOMPARE(volumeFiles(), folderFiles(folder));
    }

    // Stopped by SIGTERM (systemd) or SIGINT (Ctrl-C) right after a change, before the
    // debounce is over: the last commit has it, and the exit status is 0.
    void signalMakesTheLastCommit_data()
    {
        QTest::addColumn<bool>("bindFirst");
        QTest::addColumn<int>("signal");
        QTest::newRow("watch, SIGTERM") << true << int(SIGTERM);
        QTest::newRow("volume sync --watch, SIGINT") << false << int(SIGINT);
    }
    void signalMakesTheLastCommit()
    {
        QFETCH(bool, bindFirst);
        QFETCH(int, signal);
        const QString folder = m_sandbox->path("a");
        QVERIFY(QDir().mkpath(folder));
        writeFile(folder + "/first.txt", "there before");
        if (bindFirst)
            bindFolder("a");
        WatchProcess watch(bindFirst ? QStringList{"watch", folder} : QStringList{"volume", "sync", VolumeName, folder, "--watch"});
        QTRY_VERIFY_WITH_TIMEOUT(watch.printed("watching "), 20000);
        writeFile(folder + "/last.txt", "written just before the signal");
        ::kill(pid_t(watch.process->processId()), signal);
        QVERIFY(watch.process->waitForFinished(60000));
        QCOMPARE(watch.process->exitStatus(), QProcess::NormalExit);
        QCOMPARE(watch.process->exitCode(), 0);
        QCOMPARE(volumeFiles(), folderFiles(folder));
        QVERIFY2(watch.lines.last() == QString("stopped at v%1").arg(headVersion()), qPrintable(watch.lines.join('\n')));
    }

    // trove-cli watch says once that the folder is busy, names the file and the process, and
    // reloads when it is closed; busy is not a failure.
    void watchSaysBusyOnceAndReloadsWhenClosed()
    {
        const QString folder = bindFolder("a");
        writeFile(folder + "/held.txt", "held");
        WatchProcess watch(folder);
        QTRY_VERIFY_WITH_TIMEOUT(watch.printed("committed v"), 20000);
        QProcess holder;
        holder.start("sh", {"-c", "exec 3<\"$1\"; echo open; exec sleep 60", "sh", folder + "/held.txt"});
        QVERIFY(holder.waitForReadyRead(10000));

        Volume volume = Volume::fromName(VolumeName, {}, m_repo);
        volume.putData("from elsewhere", "/remote.txt");
        volume.commit();
        QTRY_VERIFY_WITH_TIMEOUT(watch.printed("volume busy"), 20000);
        QTest::qWait(3000); // three more checks at --interval 1
        const auto busyLines = std::count_if(watch.lines.cbegin(), watch.lines.cend(), [](const QString &l) { return l.startsWith("volume busy"); });
        QCOMPARE(busyLines, 1);
        QVERIFY2(watch.lines.filter("volume busy").first().contains("held.txt"), qPrintable(watch.lines.join('\n')));
        QVERIFY(!QFile::exists(folder + "/remote.txt"));

        holder.kill();
        QVERIFY(holder.waitForFinished(10000));
        QTRY_VERIFY_WITH_TIMEOUT(watch.printed("reloaded v"), 20000);
        QCOMPARE(readFile(folder + "/remote.txt"), QByteArray("from elsewhere"));
        watch.process->terminate();
        QVERIFY(watch.process->waitForFinished(60000));
        QCOMPARE(watch.process->exitCode(), 0);
    }

    void intervalIsCheckedAndGoesWithWatch()
    {
        const QString folder = bindFolder("a");
        testing::CliResult r = testing::runCli({"watch", folder, "--interval", "0"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--interval must be from 1 second to 1 day"), r.err);
        r = testing::runCli({"volume", "sync", VolumeName, folder, "--interval", "5"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--interval applies to --watch only"), r.err);
        // Refused before the bind: the typo binds nothing.
        const QString fresh = m_sandbox->path("fresh");
        QVERIFY(QDir().mkpath(fresh));
        r = testing::runCli({"volume", "sync", VolumeName, fresh, "--watch", "--interval", "0"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--interval must be from 1 second to 1 day"), r.err);
        QVERIFY(!QFileInfo::exists(fresh + "/.trove"));
        r = testing::runCli({"watch", m_sandbox->path("not-bound")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not a bound folder"), r.err);
    }

    // A change deleting most of the folder stops and asks: the loop reports the error, the
    // volume keeps the files, and the loop goes on once the folder is back.
    void massDeleteStopsAndTheLoopGoesOn()
    {
        const QString folder = bindFolder("a");
        for (int i = 0; i < 4; ++i)
            writeFile(folder + QString("/f%1.txt").arg(i), "x");
        const auto loop = startLoop(folder);
        QTRY_COMPARE_WITH_TIMEOUT(volumeFiles().size(), 4, 20000);
        QSignalSpy failed(loop.get(), &FolderSyncLoop::failed);
        for (int i = 0; i < 3; ++i)
            QVERIFY(QFile::remove(folder + QString("/f%1.txt").arg(i)));
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 20000);
        QCOMPARE(loop->state(), FolderSyncLoop::State::Error);
        QVERIFY2(loop->stateText().contains("--yes"), qPrintable(loop->stateText()));
        QCOMPARE(volumeFiles().size(), 4);

        for (int i = 0; i < 3; ++i)
            writeFile(folder + QString("/f%1.txt").arg(i), "back");
        QTRY_COMPARE_WITH_TIMEOUT(volumeFiles(), folderFiles(folder), 20000);
        QTRY_VERIFY(committedHead(*loop));
    }

    // kill -9 of the watcher while it uploads a commit, three times, with restarts: every
    // version committed before a kill reads back the same, none holds part of a file, and the
    // folder ends committed. A local store takes 96 MiB in a fraction of a second, so a kill
    // can come after the commit ended; such a round still checks the versions, but only
    // kills that land mid-commit count towards the three.
    void killedWatcherKeepsEveryCommittedVersion()
    {
        if (!m_sandbox->isLocal())
            QSKIP("the moment of the kill is found by watching the local store's files");
        const QString folder = bindFolder("a");
        auto storeFiles = [&] {
            int n = 0;
            for (QDirIterator it(m_sandbox->storePath(), QDir::Files, QDirIterator::Subdirectories); it.hasNext(); it.next())
                ++n;
            return n;
        };
        int midCommitKills = 0, round = 0;
        for (; midCommitKills < 3; ++round) {
            QVERIFY2(round < 10, qPrintable(QString("only %1 of %2 kills landed mid-commit").arg(midCommitKills).arg(round)));
            const QMap<qint64, Files> before = allVersions();
            WatchProcess watch(folder);
            QTRY_VERIFY_WITH_TIMEOUT(watch.printed("watching "), 20000);
            const int stored = storeFiles();
            const QString big = QString("big-%1.bin").arg(round);
            writeFile(folder + QString("/small-%1.txt").arg(round), "small");
            writeFile(folder + "/" + big, testing::randomBytes(96 << 20, round));
            // Mid-commit: its packs are being stored, the version is not published yet.
            // Looked for every few milliseconds: the whole commit takes a few hundred.
            QElapsedTimer waited;
            waited.start();
            while (storeFiles() == stored && !watch.printed("committed") && waited.elapsed() < 60000)
                QTest::qWait(3);
            QVERIFY2(storeFiles() > stored, qPrintable(watch.lines.join('\n')));
            if (!watch.printed("committed"))
                ++midCommitKills;
            ::kill(pid_t(watch.process->processId()), SIGKILL);
            QVERIFY(watch.process->waitForFinished(20000));

            const QMap<qint64, Files> after = allVersions();
            for (auto it = before.cbegin(); it != before.cend(); ++it)
                QVERIFY2(after.value(it.key()) == it.value(), qPrintable(QString("v%1 changed after a kill").arg(it.key())));
            const Files head = after.last();
            QVERIFY(!head.contains(big) || head.value(big) == folderFiles(folder).value(big));
        }
        qInfo("%d kills, %d of them mid-commit", round, midCommitKills);
        WatchProcess watch(folder);
        QTRY_VERIFY_WITH_TIMEOUT(volumeSizes() == folderSizes(folder), 120000);
        QCOMPARE(volumeFiles(), folderFiles(folder));
        watch.process->terminate();
        QVERIFY(watch.process->waitForFinished(60000));
        QCOMPARE(watch.process->exitCode(), 0);
        const testing::CliResult check = testing::runCli({"check"});
        QVERIFY2(check.exitCode == 0, check.out + check.err);
    }
};

QTEST_GUILESS_MAIN(FolderSyncTest)
#include "tst_foldersync.moc"
