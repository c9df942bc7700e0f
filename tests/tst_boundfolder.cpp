// A local folder bound to a volume: bind, commit, reload and status as a user of a synced
// folder relies on them, on real files, a real store and real processes.
#include "BoundFolder.h"
#include "FolderJobs.h"
#include "OpenFiles.h"
#include "Pack.h"
#include "Repository.h"
#include "Store.h"
#include "StoreUrl.h"
#include "TestSupport.h"
#include "Volume.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>
#include <fcntl.h>
#include <sys/stat.h>

using namespace trove;
using testing::readFile;
using testing::writeFile;

class BoundFolderTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::Sandbox> m_sandbox;
    std::shared_ptr<Repository> m_repo;

    QString dir(const QString &name) const { return m_sandbox->path(name); }
    // Tests write files and commit at once: no waiting for files to settle.
    static FolderSyncOptions now(bool assumeYes = false)
    {
        FolderSyncOptions o;
        o.settleMs = 0;
        o.assumeYes = assumeYes;
        return o;
    }
    BoundFolder bind(const QString &folder, const QString &volume, FolderSyncReport *report = nullptr, const QString &remotePath = {})
    {
        Operation op;
        return BoundFolder::bind(m_repo, m_sandbox->storeUrl(), volume, folder, remotePath, op, now(), report);
    }
    static FolderSyncReport commit(BoundFolder &f, bool assumeYes = false)
    {
        Operation op;
        return f.commit(op, now(assumeYes));
    }
    static FolderSyncReport reload(BoundFolder &f, bool assumeYes = false)
    {
        Operation op;
        return f.reload(op, now(assumeYes));
    }
    Volume volume(const QString &name) { return Volume::fromName(name, {true, 2, std::nullopt}, m_repo); }
    // Every file of a volume (or a folder of it) with its content.
    QMap<QString, QByteArray> volumeFiles(const QString &name)
    {
        Volume v = volume(name);
        QMap<QString, QByteArray> out;
        for (const DirEntry &e : v.listDir(QString(), true)) {
            if (!e.isDir)
                out.insert(e.path, testing::readVolumeFile(v, e.path));
        }
        return out;
    }
    // Every file of a local folder but .trove/, with its content.
    static QMap<QString, QByteArray> folderFiles(const QString &root)
    {
        QMap<QString, QByteArray> out;
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = QDir(root).relativeFilePath(it.next());
            if (!path.startsWith(QLatin1String(".trove/")))
                out.insert(path, readFile(it.filePath()));
        }
        return out;
    }
    static void setMtime(const QString &path, const QDateTime &time)
    {
        const qint64 ms = time.toMSecsSinceEpoch();
        const struct timespec times[2] = {{0, UTIME_OMIT}, {ms / 1000, (ms % 1000) * 1'000'000}};
        QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0), 0);
    }
    static Error failureOf(const std::function<void()> &f)
    {
        try {
            f();
        } catch (const Error &e) {
            return e;
        }
        return Error(Error::Kind(-1), QStringLiteral("no error"));
    }
    // Six files, so that removing one or two is no mass delete.
    static QMap<QString, QByteArray> sixFiles()
    {
        QMap<QString, QByteArray> files;
        for (int i = 0; i < 6; ++i)
            files.insert(QStringLiteral("f%1.txt").arg(i), QByteArray("file ") + QByteArray::number(i));
        return files;
    }
    static void writeAll(const QString &root, const QMap<QString, QByteArray> &files)
    {
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            writeFile(root + QLatin1Char('/') + it.key(), *it);
    }

private slots:
    void init()
    {
        m_sandbox = std::make_unique<testing::Sandbox>();
        m_repo = m_sandbox->repository();
    }
    void cleanup()
    {
        m_repo.reset();
        m_sandbox.reset();
    }

    void bindingAnEmptyFolderDownloadsTheVolume()
    {
        Volume v = volume(QStringLiteral("data"));
        v.putData("alpha", QStringLiteral("a.txt"));
        v.putData(testing::randomBytes(3 << 20, 7), QStringLiteral("models/w.bin"));
        v.commit();
        FolderSyncReport report;
        bind(dir(QStringLiteral("new/folder")), QStringLiteral("data"), &report); // created
        QCOMPARE(folderFiles(dir(QStringLiteral("new/folder"))), volumeFiles(QStringLiteral("data")));
        QCOMPARE(report.applied.added, (QStringList{QStringLiteral("a.txt"), QStringLiteral("models/w.bin")}));
        QVERIFY2(report.summary.contains(QStringLiteral("downloaded 2 files")), qPrintable(report.summary));
        QCOMPARE(report.version, v.version());
        // A folder of the volume only.
        bind(dir(QStringLiteral("models")), QStringLiteral("data"), nullptr, QStringLiteral("/models"));
        QCOMPARE(folderFiles(dir(QStringLiteral("models"))).keys(), QStringList{QStringLiteral("w.bin")});
    }

    void bindingAFullFolderToANewVolumeUploadsIt()
    {
        const QString root = dir(QStringLiteral("full"));
        writeAll(root, {{QStringLiteral("a.txt"), "a"}, {QStringLiteral("sub/b.txt"), "b"}, {QStringLiteral("sub/deeper/c.bin"), testing::randomBytes(100000, 3)}});
        FolderSyncReport report;
        bind(root, QStringLiteral("fresh"), &report);
        QVERIFY2(report.summary.contains(QStringLiteral("created volume 'fresh'")), qPrintable(report.summary));
        QVERIFY2(report.summary.contains(QStringLiteral("uploaded 3 files")), qPrintable(report.summary));
        QVERIFY(report.committed);
        QCOMPARE(volumeFiles(QStringLiteral("fresh")), folderFiles(root));
        QVERIFY(QFileInfo::exists(root + QStringLiteral("/.trove/binding.json")));
        QVERIFY(!volume(QStringLiteral("fresh")).stat(QStringLiteral(".trove")));
    }

    void bindingTwoFullSidesMergesNewerWins()
    {
        const QDateTime hourAgo = QDateTime::currentDateTimeUtc().addSecs(-3600);
        const QString staging = dir(QStringLiteral("staging"));
        writeAll(staging, {{QStringLiteral("newer-here.txt"), "old remote"}, {QStringLiteral("newer-there.txt"), "new remote"}});
        setMtime(staging + QStringLiteral("/newer-here.txt"), hourAgo);
        Volume v = volume(QStringLiteral("both"));
        v.putFile(staging + QStringLiteral("/newer-here.txt"), QStringLiteral("newer-here.txt"));
        v.putFile(staging + QStringLiteral("/newer-there.txt"), QStringLiteral("newer-there.txt"));
        v.putData("remote only", QStringLiteral("only-there.txt"));
        v.commit();

        const QString root = dir(QStringLiteral("mine"));
        writeAll(root, {{QStringLiteral("newer-here.txt"), "new local"}, {QStringLiteral("newer-there.txt"), "old local"}, {QStringLiteral("only-here.txt"), "local only"}});
        setMtime(root + QStringLiteral("/newer-there.txt"), hourAgo.addSecs(-3600));
        FolderSyncReport report;
        bind(root, QStringLiteral("both"), &report);
        const QMap<QString, QByteArray> expected{{QStringLiteral("newer-here.txt"), "new local"}, {QStringLiteral("newer-there.txt"), "new remote"},
                                                 {QStringLiteral("only-here.txt"), "local only"}, {QStringLiteral("only-there.txt"), "remote only"}};
        QCOMPARE(folderFiles(root), expected);
        QCOMPARE(volumeFiles(QStringLiteral("both")), expected);
        const QString details = report.details.join(QLatin1Char('\n'));
        QVERIFY2(details.contains(QStringLiteral("newer-here.txt: newer here")) && details.contains(QStringLiteral("uploaded")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("newer-there.txt: newer in the volume")) && details.contains(QStringLiteral("downloaded")), qPrintable(details));
        QVERIFY2(report.summary.contains(QStringLiteral("1 only here, 1 newer here")), qPrintable(report.summary));
        QVERIFY2(report.summary.contains(QStringLiteral("1 only in the volume, 1 newer in the volume")), qPrintable(report.summary));
    }

    void commitSendsAddsEditsDeletesAndRenames()
    {
        const QString root = dir(QStringLiteral("work"));
        writeAll(root, sixFiles());
        BoundFolder f = bind(root, QStringLiteral("work"));
        const qint64 before = f.headVersion();
        writeFile(root + QStringLiteral("/f0.txt"), "edited");
        QVERIFY(QFile::remove(root + QStringLiteral("/f1.txt")));
        QVERIFY(QFile::rename(root + QStringLiteral("/f2.txt"), root + QStringLiteral("/renamed.txt")));
        writeFile(root + QStringLiteral("/new/sub/n.txt"), "in a new subfolder");
        const FolderSyncReport report = commit(f);
        QVERIFY(report.committed);
        QCOMPARE(f.headVersion(), before + 1);
        QCOMPARE(report.version, before + 1);
        QCOMPARE(report.uploaded.added, (QStringList{QStringLiteral("new/sub/n.txt"), QStringLiteral("renamed.txt")}));
        QCOMPARE(report.uploaded.modified, QStringList{QStringLiteral("f0.txt")});
        QCOMPARE(report.uploaded.removed, (QStringList{QStringLiteral("f1.txt"), QStringLiteral("f2.txt")}));
        QVERIFY2(report.summary.contains(QStringLiteral("uploaded 3 files, removed 2; committed version %1").arg(before + 1)), qPrintable(report.summary));
        QCOMPARE(volumeFiles(QStringLiteral("work")), folderFiles(root));
        Operation op;
        QVERIFY(f.status(op).local.isEmpty());
    }

    void aFileAndAFolderMayTakeEachOthersPlaceAndAFolderRemovedGoesWhole()
    {
        const QString root = dir(QStringLiteral("shapes"));
        writeAll(root, sixFiles());
        writeAll(root, {{QStringLiteral("d/a.txt"), "a"}, {QStringLiteral("d/b.txt"), "b"}, {QStringLiteral("x"), "x"},
                        {QStringLiteral("gone/deep/c.txt"), "c"}});
        BoundFolder f = bind(root, QStringLiteral("shapes"));
        QVERIFY(QDir(root + QStringLiteral("/d")).removeRecursively());
        writeFile(root + QStringLiteral("/d"), "d is a file now");
        QFile::remove(root + QStringLiteral("/x"));
        writeFile(root + QStringLiteral("/x/inner.txt"), "x is a folder now");
        QVERIFY(QDir(root + QStringLiteral("/gone")).removeRecursively());
        commit(f);
        QCOMPARE(volumeFiles(QStringLiteral("shapes")), folderFiles(root));
        QVERIFY(!volume(QStringLiteral("shapes")).stat(QStringLiteral("gone"))); // not left behind empty
        // And back, through a reload of another folder.
        const QString other = dir(QStringLiteral("other"));
        BoundFolder g = bind(other, QStringLiteral("shapes"));
        QFile::remove(root + QStringLiteral("/d"));
        writeFile(root + QStringLiteral("/d/again.txt"), "a folder again");
        QVERIFY(QDir(root + QStringLiteral("/x")).removeRecursively());
        writeFile(root + QStringLiteral("/x"), "a file again");
        commit(f);
        const FolderSyncReport report = reload(g);
        QVERIFY2(report.kept.isEmpty(), qPrintable(report.kept.join(QLatin1Char(' '))));
        QCOMPARE(folderFiles(other), folderFiles(root));
    }

    void anUnchangedFolderCommitsNothingAndReadsNoFile()
    {
        const QString root = dir(QStringLiteral("same"));
        writeAll(root, sixFiles());
        BoundFolder f = bind(root, QStringLiteral("same"));
        const qint64 versions = volume(QStringLiteral("same")).history().size();
        const FolderSyncReport report = commit(f);
        QVERIFY(!report.committed);
        QCOMPARE(report.filesScanned, 6);
        QCOMPARE(report.filesRead, 0);
        QVERIFY2(report.summary.startsWith(QStringLiteral("nothing to commit")), qPrintable(report.summary));
        QCOMPARE(volume(QStringLiteral("same")).history().size(), versions);
        // One edited file is the only one read.
        writeFile(root + QStringLiteral("/f3.txt"), "changed");
        QCOMPARE(commit(f).filesRead, 1);
    }

    void reloadAppliesRemoteChangesAndKeepsLocalOnesThatWinWhenCommitted()
    {
        const QString a = dir(QStringLiteral("a")), b = dir(QStringLiteral("b"));
        writeAll(a, sixFiles());
        BoundFolder fa = bind(a, QStringLiteral("shared"));
        BoundFolder fb = bind(b, QStringLiteral("shared"));
        writeFile(a + QStringLiteral("/f0.txt"), "a edits f0");
        writeFile(a + QStringLiteral("/f1.txt"), "a edits f1");
        QFile::remove(a + QStringLiteral("/f2.txt"));
        writeFile(a + QStringLiteral("/sub/new.txt"), "a adds");
        commit(fa);
        writeFile(b + QStringLiteral("/f1.txt"), "b edits f1"); // not committed yet

        Operation op;
        const FolderStatus status = fb.status(op);
        QCOMPARE(status.headVersion - status.baseVersion, 1);
        QCOMPARE(status.remote.modified, (QStringList{QStringLiteral("f0.txt"), QStringLiteral("f1.txt")}));
        QCOMPARE(status.local.modified, QStringList{QStringLiteral("f1.txt")});

        const FolderSyncReport report = reload(fb);
        QCOMPARE(report.applied.added, QStringList{QStringLiteral("sub/new.txt")});
        QCOMPARE(report.applied.modified, QStringList{QStringLiteral("f0.txt")});
        QCOMPARE(report.applied.removed, QStringList{QStringLiteral("f2.txt")});
        QCOMPARE(report.kept, QStringList{QStringLiteral("f1.txt")});
        QVERIFY2(report.summary.contains(QStringLiteral("downloaded 2, removed 1, kept 1 local change (f1.txt: changed here; commit to send it)")), qPrintable(report.summary));
        QCOMPARE(readFile(b + QStringLiteral("/f0.txt")), QByteArray("a edits f0"));
        QCOMPARE(readFile(b + QStringLiteral("/f1.txt")), QByteArray("b edits f1"));
        QVERIFY(!QFileInfo::exists(b + QStringLiteral("/f2.txt")));

        commit(fb); // the kept change wins
        QCOMPARE(volumeFiles(QStringLiteral("shared")).value(QStringLiteral("f1.txt")), QByteArray("b edits f1"));
        reload(fa);
        QCOMPARE(folderFiles(a), folderFiles(b));
        QCOMPARE(folderFiles(a), volumeFiles(QStringLiteral("shared")));
    }

    void aCommitOnTopOfOthersLeavesTheirChangesForReload()
    {
        const QString a = dir(QStringLiteral("a")), b = dir(QStringLiteral("b"));
        writeAll(a, sixFiles());
        BoundFolder fa = bind(a, QStringLiteral("race"));
        BoundFolder fb = bind(b, QStringLiteral("race"));
        const qint64 base = fb.headVersion();
        writeFile(a + QStringLiteral("/f0.txt"), "a edits f0");
        commit(fa);
        // b commits without reloading: its version builds on a's, and b still lacks a's change.
        writeFile(b + QStringLiteral("/p.txt"), "b adds p");
        const FolderSyncReport committed = commit(fb);
        QVERIFY(committed.committed);
        QCOMPARE(committed.version, base);
        QVERIFY2(committed.summary.contains(QStringLiteral("reload to get their changes")), qPrintable(committed.summary));
        QCOMPARE(volumeFiles(QStringLiteral("race")).value(QStringLiteral("f0.txt")), QByteArray("a edits f0"));
        Operation op;
        QCOMPARE(fb.status(op).remote.modified, QStringList{QStringLiteral("f0.txt")});
        QVERIFY(fb.status(op).remote.added.isEmpty()); // its own p.txt is no remote change
        // a removes what b added; b's reload removes it too, though b's base never held it.
        reload(fa);
        QFile::remove(a + QStringLiteral("/p.txt"));
        commit(fa);
        const FolderSyncReport reloaded = reload(fb);
        QCOMPARE(reloaded.applied.modified, QStringList{QStringLiteral("f0.txt")});
        QCOMPARE(reloaded.applied.removed, QStringList{QStringLiteral("p.txt")});
        QCOMPARE(reloaded.version, fb.headVersion());
        QCOMPARE(folderFiles(b), volumeFiles(QStringLiteral("race")));
        QCOMPARE(folderFiles(a), folderFiles(b));
    }

    void ignoredFilesAreNeitherSentNorRemovedNorWritten()
    {
        const QString root = dir(QStringLiteral("ignoring"));
        writeAll(root, sixFiles());
        writeAll(root, {{QStringLiteral(".troveignore"), "*.log\nbuild/\n"}, {QStringLiteral("run.log"), "log"},
                        {QStringLiteral("build/out.o"), "obj"}, {QStringLiteral("notes.txt~"), "backup"}});
        BoundFolder f = bind(root, QStringLiteral("ignoring"));
        QCOMPARE(volumeFiles(QStringLiteral("ignoring")).keys(), (QStringList{QStringLiteral(".troveignore")} + sixFiles().keys()));
        // A committed file ignored later stays in the volume as it is.
        writeFile(root + QStringLiteral("/.troveignore"), "*.log\nbuild/\nf0.txt\n");
        QFile::remove(root + QStringLiteral("/f0.txt"));
        const FolderSyncReport report = commit(f);
        QCOMPARE(report.uploaded.modified, QStringList{QStringLiteral(".troveignore")});
        QVERIFY(report.uploaded.removed.isEmpty());
        QVERIFY(volume(QStringLiteral("ignoring")).stat(QStringLiteral("f0.txt")));
        // Nor does a reload write an ignored path.
        Volume v = volume(QStringLiteral("ignoring"));
        v.putData("remote log", QStringLiteral("remote.log"));
        v.putData("remote f0", QStringLiteral("f0.txt"));
        v.commit();
        reload(f);
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/remote.log")));
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/f0.txt")));
    }

    void reloadWhileAFileIsOpenIsBusyNamingItAndTheProcess()
    {
        const QString root = dir(QStringLiteral("open"));
        writeAll(root, sixFiles());
        BoundFolder f = bind(root, QStringLiteral("open"));
        QProcess holder;
        holder.start(QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("exec 3<\"$1\"; exec sleep 30"), QStringLiteral("sh"), root + QStringLiteral("/f4.txt")});
        QVERIFY(holder.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(!openFilesUnder(root).isEmpty(), 5000);
        const Error e = failureOf([&] { reload(f); });
        QCOMPARE(e.kind(), Error::Kind::Busy);
        QVERIFY2(e.message().startsWith(QStringLiteral("volume busy: 1 files under %1 are open: f4.txt (sleep, pid %2").arg(root).arg(holder.processId())), qPrintable(e.message()));
        QVERIFY2(e.message().endsWith(QStringLiteral("close them and reload again")), qPrintable(e.message()));
        holder.kill();
        holder.waitForFinished();
        QCOMPARE(reload(f).version, f.headVersion());
    }

    void aFileOpenForWritingWaitsForALaterCommit()
    {
        const QString root = dir(QStringLiteral("writing"));
        writeAll(root, sixFiles());
        BoundFolder f = bind(root, QStringLiteral("writing"));
        QProcess writer;
        writer.start(QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("exec 3>>\"$1\"; printf partial >&3; exec sleep 30"), QStringLiteral("sh"), root + QStringLiteral("/log.bin")});
        QVERIFY(writer.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(readFile(root + QStringLiteral("/log.bin")) == "partial", 5000);
        writeFile(root + QStringLiteral("/done.txt"), "done");
        const FolderSyncReport report = commit(f);
        QCOMPARE(report.unsettled, QStringList{QStringLiteral("log.bin")});
        QCOMPARE(report.uploaded.added, QStringList{QStringLiteral("done.txt")});
        QVERIFY(!volume(QStringLiteral("writing")).stat(QStringLiteral("log.bin")));
        writer.kill();
        writer.waitForFinished();
        QCOMPARE(commit(f).uploaded.added, QStringList{QStringLiteral("log.bin")});
    }

    void aCommitRemovingMoreThanHalfTheFolderStopsUnlessYes()
    {
        const QString root = dir(QStringLiteral("guard"));
        writeAll(root, sixFiles());
        BoundFolder f = bind(root, QStringLiteral("guard"));
        const qint64 head = f.headVersion();
        for (int i = 0; i < 4; ++i)
            QFile::remove(root + QStringLiteral("/f%1.txt").arg(i));
        const Error e = failureOf([&] { commit(f); });
        QCOMPARE(e.kind(), Error::Kind::InvalidArgument);
        QVERIFY2(e.message().contains(QStringLiteral("would delete 4 of the folder's 6 files")) && e.message().contains(QStringLiteral("--yes")), qPrintable(e.message()));
        QCOMPARE(f.headVersion(), head);
        QCOMPARE(volumeFiles(QStringLiteral("guard")).size(), 6);
        QVERIFY(commit(f, true).committed);
        QCOMPARE(volumeFiles(QStringLiteral("guard")).size(), 2);
    }

    void aMissingFolderNeverCommitsDeletions()
    {
        const QString root = dir(QStringLiteral("unmounted"));
        writeAll(root, sixFiles());
        BoundFolder f = bind(root, QStringLiteral("unmounted"));
        QVERIFY(QDir(root).removeRecursively());
        const Error e = failureOf([&] { commit(f, true); });
        QCOMPARE(e.kind(), Error::Kind::NotFound);
        QVERIFY2(e.message().contains(root), qPrintable(e.message()));
        QCOMPARE(volumeFiles(QStringLiteral("unmounted")).size(), 6);
    }

    void aReloadRemovingMoreThanHalfTheFolderStopsUnlessYes()
    {
        const QString a = dir(QStringLiteral("a")), b = dir(QStringLiteral("b"));
        writeAll(a, sixFiles());
        BoundFolder fa = bind(a, QStringLiteral("guarded"));
        BoundFolder fb = bind(b, QStringLiteral("guarded"));
        for (int i = 0; i < 5; ++i)
            QFile::remove(a + QStringLiteral("/f%1.txt").arg(i));
        commit(fa, true);
        const Error e = failureOf([&] { reload(fb); });
        QCOMPARE(e.kind(), Error::Kind::InvalidArgument);
        QVERIFY2(e.message().contains(QStringLiteral("would delete 5 of the folder's 6 files")), qPrintable(e.message()));
        QCOMPARE(folderFiles(b).size(), 6);
        QCOMPARE(reload(fb, true).applied.removed.size(), 5);
        QCOMPARE(folderFiles(b), folderFiles(a));
    }

    void aRemoteTreeThatCannotBeReadDeletesNothing()
    {
        const QString a = dir(QStringLiteral("a")), b = dir(QStringLiteral("b"));
        writeAll(a, sixFiles());
        BoundFolder fa = bind(a, QStringLiteral("damaged"));
        bind(b, QStringLiteral("damaged"));
        QFile::remove(a + QStringLiteral("/f0.txt"));
        writeFile(a + QStringLiteral("/f1.txt"), "edited");
        commit(fa);
        const VersionRecord head = volume(QStringLiteral("damaged")).record();
        m_repo->store().remove(pack::keyOf(head.root.pack)); // the newest trees are gone
        const QMap<QString, QByteArray> before = folderFiles(b);
        BoundFolder fresh = BoundFolder::open(b, openRepository(m_sandbox->storeUrl())); // no cached trees
        const Error e = failureOf([&] { reload(fresh, true); });
        QVERIFY2(e.kind() == Error::Kind::Corrupt || e.kind() == Error::Kind::NotFound, qPrintable(e.message()));
        QCOMPARE(folderFiles(b), before);
        QVERIFY2(e.message().contains(head.root.pack.hex().left(16)), qPrintable(e.message()));
    }

    void aSkewedClockDoesNotDecideWhoWins()
    {
        const QString a = dir(QStringLiteral("a")), b = dir(QStringLiteral("b"));
        writeAll(a, sixFiles());
        BoundFolder fa = bind(a, QStringLiteral("clocks"));
        BoundFolder fb = bind(b, QStringLiteral("clocks"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        // a's clock is a day behind: its change is older by mtime, and still the newer version.
        writeFile(a + QStringLiteral("/f0.txt"), "a, a day behind");
        setMtime(a + QStringLiteral("/f0.txt"), now.addDays(-1));
        commit(fa);
        reload(fb);
        QCOMPARE(readFile(b + QStringLiteral("/f0.txt")), QByteArray("a, a day behind"));
        // a's clock a day ahead, then b commits later with the older time: b's version wins.
        writeFile(a + QStringLiteral("/f1.txt"), "a, a day ahead");
        setMtime(a + QStringLiteral("/f1.txt"), now.addDays(1));
        commit(fa);
        reload(fb);
        writeFile(b + QStringLiteral("/f1.txt"), "b, later");
        setMtime(b + QStringLiteral("/f1.txt"), now.addDays(-1));
        commit(fb);
        QCOMPARE(reload(fa).applied.modified, QStringList{QStringLiteral("f1.txt")});
        QCOMPARE(readFile(a + QStringLiteral("/f1.txt")), QByteArray("b, later"));
        QCOMPARE(folderFiles(a), volumeFiles(QStringLiteral("clocks")));
    }

    void aLeftoverTemporaryDownloadIsRemovedAtOpenAndNeverCommitted()
    {
        const QString root = dir(QStringLiteral("crashed"));
        writeAll(root, sixFiles());
        bind(root, QStringLiteral("crashed"));
        const QString leftover = root + QStringLiteral("/.trove/tmp/abc-0");
        writeFile(leftover, "half a download");
        BoundFolder f = BoundFolder::open(root, m_repo);
        QVERIFY(!QFileInfo::exists(leftover));
        writeFile(leftover, "another half");
        writeFile(root + QStringLiteral("/sub/.trove/x"), "a nested state folder");
        QVERIFY(!commit(f).committed);
        for (const QString &path : volumeFiles(QStringLiteral("crashed")).keys())
            QVERIFY2(!path.contains(QLatin1String(".trove")), qPrintable(path));
    }

    void bindingAgainSyncsAndAnotherVolumeIsRefused()
    {
        const QString root = dir(QStringLiteral("again"));
        writeAll(root, sixFiles());
        bind(root, QStringLiteral("first"));
        writeFile(root + QStringLiteral("/f0.txt"), "edited");
        FolderSyncReport report;
        bind(root, QStringLiteral("first"), &report);
        QVERIFY(report.committed);
        QCOMPARE(volumeFiles(QStringLiteral("first")).value(QStringLiteral("f0.txt")), QByteArray("edited"));
        const Error e = failureOf([&] { bind(root + QStringLiteral("/sub"), QStringLiteral("second")); });
        QCOMPARE(e.kind(), Error::Kind::AlreadyExists);
        QVERIFY2(e.message().contains(QStringLiteral("already bound to volume 'first'")), qPrintable(e.message()));
        // Opened from a subfolder, the binding is the folder's.
        QDir().mkpath(root + QStringLiteral("/deep/er"));
        QCOMPARE(BoundFolder::open(root + QStringLiteral("/deep/er"), m_repo).binding().folder, root);
        QVERIFY(BoundFolder::isBound(root + QStringLiteral("/deep")));
        QVERIFY(!BoundFolder::isBound(dir(QStringLiteral("elsewhere"))));
    }

    void aJobRunsACommitOnThePoolAndReportsIt()
    {
        const QString root = dir(QStringLiteral("job"));
        writeAll(root, sixFiles());
        BoundFolder f = bind(root, QStringLiteral("job"));
        writeFile(root + QStringLiteral("/f0.txt"), "edited");
        FolderSyncOptions options = now();
        options.message = QStringLiteral("from a job");
        FolderCommitJob job(f, options);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(30000));
        const JobResult result = finished.first().first().value<JobResult>();
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.record.version, f.headVersion());
        QVERIFY2(result.summary.contains(QStringLiteral("uploaded 1 file, removed 0")), qPrintable(result.summary));
        QCOMPARE(job.report().uploaded.modified, QStringList{QStringLiteral("f0.txt")});
        QCOMPARE(volume(QStringLiteral("job")).record().message, QStringLiteral("from a job"));

        FolderStatusJob status(f);
        QSignalSpy statusDone(&status, &Job::finished);
        status.start();
        QVERIFY(statusDone.wait(30000));
        QCOMPARE(status.status().baseVersion, f.headVersion());
        QVERIFY(status.status().local.isEmpty());
    }

    void cliRoundTrip()
    {
        const QString a = dir(QStringLiteral("cli-a")), b = dir(QStringLiteral("cli-b"));
        writeAll(a, {{QStringLiteral("x.txt"), "x"}, {QStringLiteral("y.txt"), "y"}, {QStringLiteral("z.txt"), "z"}});
        testing::CliResult r = testing::runCli({QStringLiteral("volume"), QStringLiteral("sync"), QStringLiteral("cli"), a});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("created volume 'cli'") && r.out.contains("uploaded 3 files"), r.out.constData());
        r = testing::runCli({QStringLiteral("volume"), QStringLiteral("sync"), QStringLiteral("cli"), b});
        QVERIFY2(r.exitCode == 0 && r.out.contains("downloaded 3 files"), r.out + r.err);

        writeFile(a + QStringLiteral("/x.txt"), "x edited");
        QFile::remove(a + QStringLiteral("/y.txt"));
        r = testing::runCli({QStringLiteral("commit"), a, QStringLiteral("-m"), QStringLiteral("from the cli")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("uploaded 1 file, removed 1; committed version"), r.out.constData());
        QCOMPARE(volume(QStringLiteral("cli")).record().message, QStringLiteral("from the cli"));

        writeFile(b + QStringLiteral("/z.txt"), "z here");
        r = testing::runCli({QStringLiteral("status"), b, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject s = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(s.value(QStringLiteral("folder")).toString(), b);
        QCOMPARE(s.value(QStringLiteral("volume")).toString(), QStringLiteral("cli"));
        QCOMPARE(s.value(QStringLiteral("behind")).toInt(), 1);
        QCOMPARE(s.value(QStringLiteral("head_version")).toInt(), s.value(QStringLiteral("base_version")).toInt() + 1);
        QCOMPARE(s.value(QStringLiteral("local")).toObject().value(QStringLiteral("modified")).toArray(), QJsonArray{QStringLiteral("z.txt")});
        QCOMPARE(s.value(QStringLiteral("remote")).toObject().value(QStringLiteral("removed")).toArray(), QJsonArray{QStringLiteral("y.txt")});

        r = testing::runCli({QStringLiteral("reload"), b});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("downloaded 1, removed 1"), r.out.constData());
        QCOMPARE(readFile(b + QStringLiteral("/x.txt")), QByteArray("x edited"));

        r = testing::runCli({QStringLiteral("status"), dir(QStringLiteral("unbound"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is not a bound folder"), r.err.constData());
        r = testing::runCli({QStringLiteral("volume"), QStringLiteral("sync"), QStringLiteral("other"), a});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("already bound to volume 'cli'"), r.err.constData());
        r = testing::runCli({QStringLiteral("commit")});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(BoundFolderTest)
#include "tst_boundfolder.moc"
