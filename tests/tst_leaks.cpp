// Nothing leaks, and dedupe does not depend on the local cache: a second machine (an empty
// cache) sends almost nothing of content the store holds; gc removes what killed writes left;
// a put that failed on a full disk removes what it stored; a get removes the parts of a killed
// get of the same file.
#include "TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QScopeGuard>
#include <QFile>
#include <QProcess>
#include <QtTest>
#include <sys/mount.h>
#include <utime.h>

using namespace testing;

namespace {
QString arg(const char *text) { return QString::fromLatin1(text); }

qint64 bytesSent(const CliResult &put) { return commitSummary(put.out).sentBytes; }

qint64 filesUnder(const QString &path)
{
    qint64 bytes = 0;
    QDirIterator it(path, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        bytes += it.fileInfo().size();
    }
    return bytes;
}
} // namespace

class LeaksTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<Sandbox> m_sandbox;

private slots:
    void init() { m_sandbox = std::make_unique<Sandbox>(); }

    void secondMachineSendsAlmostNothing()
    {
        const QByteArray weights = randomBytes(48 * 1024 * 1024, 4242);
        const QString local = m_sandbox->path(arg("weights.bin"));
        writeFile(local, weights);
        QCOMPARE(runCli({arg("volume"), arg("create"), arg("first")}).exitCode, 0);
        QCOMPARE(runCli({arg("volume"), arg("create"), arg("second")}).exitCode, 0);
        const CliResult first = runCli({arg("volume"), arg("put"), arg("first"), local, arg("/w.bin")});
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(commitSummary(first.out).alreadyStoredBytes, 0);
        // Another machine: nothing cached.
        QVERIFY(QDir(m_sandbox->path(arg("cache"))).removeRecursively());
        const CliResult second = runCli({arg("volume"), arg("put"), arg("second"), local, arg("/w.bin")});
        QVERIFY2(second.exitCode == 0, second.err.constData());
        qInfo("second machine sent %lld of %lld bytes", bytesSent(second), qint64(weights.size()));
        QVERIFY2(bytesSent(second) < weights.size() / 100, second.out.constData());
        QCOMPARE(runCli({arg("volume"), arg("get"), arg("second"), arg("/w.bin"), arg("-")}).out, weights);
        // gc merges the index objects and keeps them useful.
        QCOMPARE(runCli({arg("gc")}).exitCode, 0);
        QVERIFY(QDir(m_sandbox->path(arg("cache"))).removeRecursively());
        QCOMPARE(runCli({arg("volume"), arg("create"), arg("third")}).exitCode, 0);
        const CliResult third = runCli({arg("volume"), arg("put"), arg("third"), local, arg("/w.bin")});
        QVERIFY2(bytesSent(third) < weights.size() / 100, third.out.constData());
    }

    void gcRemovesStaleTemporaries()
    {
        if (!m_sandbox->isLocal())
            QSKIP("temporary files are the local store's");
        QCOMPARE(runCli({arg("volume"), arg("create"), arg("v")}).exitCode, 0);
        const QString stale = m_sandbox->storePath() + arg("/packs/ab/.tmp-killed");
        const QString fresh = m_sandbox->storePath() + arg("/packs/ab/.tmp-writing");
        QVERIFY(QDir().mkpath(m_sandbox->storePath() + arg("/packs/ab")));
        writeFile(stale, randomBytes(100000, 1));
        writeFile(fresh, randomBytes(1000, 2));
        const struct utimbuf old{time(nullptr) - 2 * 3600, time(nullptr) - 2 * 3600};
        QCOMPARE(::utime(QFile::encodeName(stale).constData(), &old), 0);
        const CliResult gc = runCli({arg("gc")});
        QCOMPARE(gc.exitCode, 0);
        QVERIFY2(gc.out.contains("100000 bytes of interrupted writes"), gc.out.constData());
        QVERIFY(!QFile::exists(stale));
        QVERIFY(QFile::exists(fresh)); // a write may still be filling it
    }

    void failedPutOnAFullDiskRemovesWhatItStored()
    {
        if (!m_sandbox->isLocal())
            QSKIP("fills a local disk");
        const QString disk = m_sandbox->path(arg("small-disk"));
        QVERIFY(QDir().mkpath(disk));
        if (::mount("tmpfs", QFile::encodeName(disk).constData(), "tmpfs", 0, "size=24m") != 0)
            QSKIP("mounting a small tmpfs needs root");
        auto unmount = qScopeGuard([&] { ::umount(QFile::encodeName(disk).constData()); });
        const QString store = disk + arg("/store");
        QCOMPARE(runCli({arg("--store"), store, arg("volume"), arg("create"), arg("v")}).exitCode, 0);
        const QString local = m_sandbox->path(arg("big.bin"));
        writeFile(local, randomBytes(40 * 1024 * 1024, 9));
        const CliResult put = runCli({arg("--store"), store, arg("volume"), arg("put"), arg("v"), local, arg("/big.bin")});
        QCOMPARE(put.exitCode, 1);
        QVERIFY2(put.err.contains("free space"), put.err.constData());
        // The packs it managed to store are gone at once, not after gc's grace period.
        QVERIFY2(filesUnder(store + arg("/packs")) == 0, qPrintable(QString::number(filesUnder(store + arg("/packs")))));
        QCOMPARE(runCli({arg("--store"), store, arg("check")}).exitCode, 0);
    }

    void getRemovesTheLeftoversOfAKilledGet()
    {
        QCOMPARE(runCli({arg("volume"), arg("create"), arg("v")}).exitCode, 0);
        const QString local = m_sandbox->path(arg("f.bin"));
        writeFile(local, randomBytes(300000, 3));
        QCOMPARE(runCli({arg("volume"), arg("put"), arg("v"), local, arg("/f.bin")}).exitCode, 0);
        // A process that is gone, and one that is running (this test).
        QProcess gone;
        gone.start(arg("true"));
        QVERIFY(gone.waitForStarted());
        const qint64 gonePid = gone.processId();
        QVERIFY(gone.waitForFinished());
        const QString out = m_sandbox->path(arg("out"));
        QVERIFY(QDir().mkpath(out));
        const QString killed = out + QStringLiteral("/.f.bin.trove-part-%1-x").arg(gonePid);
        const QString running = out + QStringLiteral("/.f.bin.trove-part-%1-y").arg(QCoreApplication::applicationPid());
        writeFile(killed, randomBytes(200000, 4));
        writeFile(running, randomBytes(10, 5));
        QCOMPARE(runCli({arg("volume"), arg("get"), arg("v"), arg("/f.bin"), out + arg("/f.bin")}).exitCode, 0);
        QVERIFY(!QFile::exists(killed));
        QVERIFY(QFile::exists(running));
        QCOMPARE(readFile(out + arg("/f.bin")), randomBytes(300000, 3));
    }
};

QTEST_GUILESS_MAIN(LeaksTest)
#include "tst_leaks.moc"
