// "Volume busy" names real holders: files other processes hold open under a bound folder are
// found in /proc with their process and whether they write, and said in a line a user reads.
#include "OpenFiles.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace trove;

namespace {

struct StopProcess
{
    void operator()(QProcess *process) const
    {
        process->kill();
        process->waitForFinished();
        delete process;
    }
};
using Child = std::unique_ptr<QProcess, StopProcess>;

// A child that opens `file` on descriptor 3 with the shell redirection `redirect` ("<" reads,
// ">>" appends) and then becomes `sleep`, holding it until the QProcess is destroyed.
Child holdOpen(const QString &file, const QString &redirect)
{
    Child process(new QProcess);
    process->start(QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("exec 3%1\"$1\"; exec sleep 30").arg(redirect),
                                          QStringLiteral("sh"), file});
    if (!process->waitForStarted())
        qWarning("cannot start sh: %s", qPrintable(process->errorString()));
    return process;
}

// Once the children have become `sleep`, so their names are settled.
QList<OpenFile> settledOpenFilesUnder(const QString &folder, int expected)
{
    QList<OpenFile> files;
    QElapsedTimer timer;
    timer.start();
    do {
        files = openFilesUnder(folder);
        const bool settled = std::all_of(files.cbegin(), files.cend(),
                                         [](const OpenFile &f) { return f.process == QLatin1String("sleep"); });
        if (files.size() >= expected && settled)
            break;
        QTest::qWait(20);
    } while (timer.elapsed() < 10000);
    return files;
}

} // namespace

class OpenFilesTest : public QObject
{
    Q_OBJECT
private slots:
    void findsHoldersWithTheirMode()
    {
        QTemporaryDir folder;
        QTemporaryDir elsewhere;
        QVERIFY(QDir(folder.path()).mkpath(QStringLiteral("logs")));
        for (const char *name : {"read.txt", "logs/written.log", "idle.txt"})
            testing::writeFile(folder.filePath(QString::fromUtf8(name)), "data\n");
        testing::writeFile(elsewhere.filePath(QStringLiteral("outside.txt")), "data\n");

        const auto reader = holdOpen(folder.filePath(QStringLiteral("read.txt")), QStringLiteral("<"));
        const auto writer = holdOpen(folder.filePath(QStringLiteral("logs/written.log")), QStringLiteral(">>"));
        const auto outsider = holdOpen(elsewhere.filePath(QStringLiteral("outside.txt")), QStringLiteral(">>"));
        QFile ours(folder.filePath(QStringLiteral("idle.txt"))); // this process's own: not listed
        QVERIFY(ours.open(QIODevice::ReadWrite));

        const QList<OpenFile> files = settledOpenFilesUnder(folder.path(), 2);
        QCOMPARE(files.size(), 2);
        QCOMPARE(files[0].path, folder.filePath(QStringLiteral("logs/written.log")));
        QCOMPARE(files[0].pid, writer->processId());
        QCOMPARE(files[0].process, QStringLiteral("sleep"));
        QVERIFY(files[0].forWriting);
        QCOMPARE(files[1].path, folder.filePath(QStringLiteral("read.txt")));
        QCOMPARE(files[1].pid, reader->processId());
        QVERIFY(!files[1].forWriting);
        QCOMPARE(describeOpenFiles(files, folder.path()),
                 QStringLiteral("logs/written.log (sleep, pid %1, writing), read.txt (sleep, pid %2)")
                     .arg(writer->processId())
                     .arg(reader->processId()));
        QCOMPARE(settledOpenFilesUnder(elsewhere.path(), 1).size(), 1);
    }

    void aFileClosedIsNoLongerListed()
    {
        QTemporaryDir folder;
        testing::writeFile(folder.filePath(QStringLiteral("a.bin")), "data");
        auto holder = holdOpen(folder.filePath(QStringLiteral("a.bin")), QStringLiteral("<"));
        QCOMPARE(settledOpenFilesUnder(folder.path(), 1).size(), 1);
        holder.reset();
        QVERIFY(openFilesUnder(folder.path()).isEmpty());
    }

    // A folder reached through a symbolic link is the same folder; paths stay under the link.
    void folderGivenThroughASymlink()
    {
        QTemporaryDir base;
        const QString real = base.filePath(QStringLiteral("real"));
        const QString link = base.filePath(QStringLiteral("link"));
        QVERIFY(QDir().mkpath(real));
        QVERIFY(QFile::link(real, link));
        testing::writeFile(real + QStringLiteral("/model.ckpt"), "weights");
        const auto holder = holdOpen(real + QStringLiteral("/model.ckpt"), QStringLiteral(">>"));

        const QList<OpenFile> files = settledOpenFilesUnder(link, 1);
        QCOMPARE(files.size(), 1);
        QCOMPARE(files[0].path, link + QStringLiteral("/model.ckpt"));
        QCOMPARE(describeOpenFiles(files, link), QStringLiteral("model.ckpt (sleep, pid %1, writing)").arg(holder->processId()));
        QCOMPARE(describeOpenFiles(files, real), describeOpenFiles(files, link));
    }

    void describeCutsALongList()
    {
        QList<OpenFile> files;
        for (int i = 1; i <= 7; ++i)
            files.append(OpenFile{QStringLiteral("/data/f%1.bin").arg(i), 100 + i, QStringLiteral("python3"), i == 1});
        QCOMPARE(describeOpenFiles(files, QStringLiteral("/data"), 2),
                 QStringLiteral("f1.bin (python3, pid 101, writing), f2.bin (python3, pid 102) and 5 more"));
        QCOMPARE(describeOpenFiles(files.mid(0, 1), QStringLiteral("/data/")),
                 QStringLiteral("f1.bin (python3, pid 101, writing)"));
        QCOMPARE(describeOpenFiles({}, QStringLiteral("/data")), QString());
    }
};

QTEST_GUILESS_MAIN(OpenFilesTest)
#include "tst_openfiles.moc"
