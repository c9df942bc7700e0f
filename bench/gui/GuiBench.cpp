// The desktop app's figures on a large volume (bench/README.md): root listing, expanding a
// 32,768-entry folder, peak memory, and the GUI thread's largest stall during a 1 GiB
// upload. Usage: trove-gui-bench STORE_DIR WORK_DIR (run under QT_QPA_PLATFORM=offscreen).
#include "RemoteTreeModel.h"
#include "Jobs.h"
#include "StoreUrl.h"
#include "Volume.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QTimer>
#include <QTreeView>

#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace trove;

namespace {

constexpr int FolderCount = 1000;
constexpr int FilesPerFolder = 500;
constexpr int WideCount = 32768;
const QString VolumeName = QStringLiteral("guibench");

// Plain POSIX calls: half a million files through QFile would take longer than the upload.
void writeTinyFiles(const QByteArray &dir, int count)
{
    ::mkdir(dir.constData(), 0755);
    for (int i = 0; i < count; ++i) {
        const QByteArray path = dir + "/f" + QByteArray::number(i);
        const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0)
            qFatal("cannot create %s", path.constData());
        const QByteArray content = path.mid(dir.size() - 5) + '\n'; // differs per file
        if (::write(fd, content.constData(), size_t(content.size())) != content.size())
            qFatal("cannot write %s", path.constData());
        ::close(fd);
    }
}

// 1,000 folders of 500 files and one of 32,768, staged from a generated tree and committed
// as one version. Skipped when the store has the volume from an earlier run.
void prepareVolume(const std::shared_ptr<Repository> &repo, const QString &workDir)
{
    for (const VolumeInfo &info : Volume::list(repo))
        if (info.name == VolumeName)
            return;
    QElapsedTimer clock;
    clock.start();
    const QString tree = workDir + QStringLiteral("/tree");
    QDir().mkpath(tree);
    for (int d = 0; d < FolderCount; ++d)
        writeTinyFiles(QFile::encodeName(tree + QStringLiteral("/d%1").arg(d, 4, 10, QLatin1Char('0'))), FilesPerFolder);
    writeTinyFiles(QFile::encodeName(tree + QStringLiteral("/wide")), WideCount);
    const qint64 generated = clock.elapsed();
    Volume::create(VolumeName, 2, repo);
    Volume volume = Volume::fromName(VolumeName, {}, repo);
    for (const QString &name : QDir(tree).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        volume.putDirectory(tree + QLatin1Char('/') + name, name);
    const JobResult result = volume.commit(QStringLiteral("500,000 files"));
    if (!result.ok)
        qFatal("commit failed: %s", qPrintable(result.error));
    std::printf("prepare: %d files generated in %.1f s, committed in %.1f s\n", FolderCount * FilesPerFolder + WideCount,
                generated / 1000.0, (clock.elapsed() - generated) / 1000.0);
    // The tree stays for bench/gui.sh to remove once the figures are taken: deleting half a
    // million files makes this file system slow for minutes, which would skew them.
}

// Runs the event loop until rows are inserted under `parent`; false after 60 s.
bool waitForRows(QAbstractItemModel &model, const QModelIndex &parent)
{
    QEventLoop loop;
    const QPersistentModelIndex watched(parent);
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, &loop, [&](const QModelIndex &under) {
        if (under == watched)
            loop.quit();
    });
    QTimer::singleShot(60000, &loop, [&] { loop.exit(1); });
    return loop.exec() == 0;
}

long peakResidentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // each figure shows as soon as it is taken
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s STORE_DIR WORK_DIR\n", argv[0]);
        return 2;
    }
    const QString storeDir = QString::fromLocal8Bit(argv[1]);
    const QString workDir = QString::fromLocal8Bit(argv[2]);
    std::shared_ptr<Repository> repo = openRepository(storeDir);
    prepareVolume(repo, workDir);
    // Making the volume is not what is measured: its peak memory must not count.
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    if (!clearRefs.open(QIODevice::WriteOnly) || clearRefs.write("5") != 1)
        qFatal("cannot reset the peak resident memory");
    clearRefs.close();

    ui::RemoteTreeModel model;
    QTreeView view;
    view.setModel(&model);
    view.resize(1280, 800);
    view.show();
    QApplication::processEvents();

    // What selecting a volume in the window does: open it at its head, then show its root.
    QElapsedTimer clock;
    clock.start();
    model.setVolume(Volume::fromName(VolumeName, {}, repo));
    if (model.rowCount() == 0 && !waitForRows(model, {}))
        qFatal("the root was not listed");
    std::printf("root rows shown: %lld ms (%d rows; goal <= 300 ms)\n", clock.elapsed(), model.rowCount());

    const QModelIndex wide = model.indexForPath(QStringLiteral("wide"));
    if (!wide.isValid())
        qFatal("no folder 'wide' at the root");
    clock.restart();
    view.expand(wide);
    if (model.rowCount(wide) == 0 && !waitForRows(model, wide))
        qFatal("the wide folder was not listed");
    std::printf("32,768-entry folder expanded: %lld ms (%d rows; goal <= 500 ms)\n", clock.elapsed(), model.rowCount(wide));
    QApplication::processEvents(); // let the view lay the rows out, as a user would see them

    // A 1 GiB upload as the transfer queue runs it: a CommitJob built on the GUI thread.
    const QString big = workDir + QStringLiteral("/big.bin");
    if (QFileInfo(big).size() != (qint64(1) << 30))
        qFatal("%s must be a 1 GiB file", qPrintable(big));
    Volume target = Volume::fromName(VolumeName, {}, repo);
    target.putFile(big, QStringLiteral("big.bin"));
    std::unique_ptr<CommitJob> job = target.commitJob(QStringLiteral("1 GiB"));
    QEventLoop loop;
    QElapsedTimer sinceTick;
    qint64 largestGap = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(10);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        largestGap = std::max(largestGap, sinceTick.restart());
    });
    JobResult uploaded;
    QObject::connect(job.get(), &Job::finished, &loop, [&](const JobResult &result) {
        uploaded = result;
        loop.quit();
    });
    clock.restart();
    sinceTick.start();
    ticker.start();
    job->start();
    loop.exec();
    ticker.stop();
    if (!uploaded.ok)
        qFatal("upload failed: %s", qPrintable(uploaded.error));
    std::printf("largest GUI-thread gap of a 10 ms timer during a 1 GiB upload: %lld ms (upload %.2f s; goal <= 50 ms)\n",
                largestGap, clock.elapsed() / 1000.0);
    std::printf("peak resident memory: %ld MiB (goal < 400 MB)\n", peakResidentKiB() / 1024);
    return 0;
}
