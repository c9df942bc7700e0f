#include "DownloadParts.h"

#include "Error.h"
#include "Hash.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace trove::parts {
namespace {

const QString Infix = QStringLiteral(".trove-part-");

QString prefixOf(const QString &finalPath) { return QStringLiteral(".") + QFileInfo(finalPath).fileName() + Infix; }

// The lock on `fd`, opened from `path`, and that `path` still names that file: a part being
// removed by another download may be unlinked between the open and the lock.
FileDescriptor lockIfCurrent(FileDescriptor fd, const QString &path)
{
    if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0)
        return {};
    struct stat held, named;
    if (::fstat(fd.get(), &held) != 0 || ::lstat(QFile::encodeName(path).constData(), &named) != 0
        || held.st_dev != named.st_dev || held.st_ino != named.st_ino)
        return {};
    return fd;
}

// Whether the unique part `id` (`<pid>-<random>`) may belong to a download still running.
bool ownerMayRun(const QString &id)
{
    const qint64 pid = id.section(QLatin1Char('-'), 0, 0).toLongLong();
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno != ESRCH);
}

} // namespace

QString contentId(const QList<Ref> &chunks)
{
    QByteArray hashes;
    hashes.reserve(chunks.size() * Hash::Size);
    for (const Ref &r : chunks)
        hashes.append(r.hash.view());
    return Hash::of(hashes).hex().left(32);
}

QString contentId(const Ref &tree) { return tree.hash.hex().left(32); }

QString uniqueId()
{
    return QStringLiteral("%1-%2").arg(QCoreApplication::applicationPid()).arg(QRandomGenerator::global()->generate(), 0, 36);
}

QString path(const QString &finalPath, const QString &id)
{
    return QFileInfo(finalPath).path() + QLatin1Char('/') + prefixOf(finalPath) + id;
}

FileDescriptor claimFile(const QString &partPath, int mode)
{
    return lockIfCurrent(FileDescriptor::open(partPath, O_RDWR | O_CREAT | O_NOFOLLOW, mode), partPath);
}

FileDescriptor claimDirectory(const QString &partPath)
{
    if (::mkdir(QFile::encodeName(partPath).constData(), 0755) != 0 && errno != EEXIST)
        fail(Error::Kind::Io, QStringLiteral("cannot create directory %1: %2").arg(partPath, errnoText(errno)));
    return lockIfCurrent(FileDescriptor::open(partPath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW), partPath);
}

void removeStale(const QString &finalPath)
{
    const QString prefix = prefixOf(finalPath);
    const QDir dir(QFileInfo(finalPath).path());
    for (const QString &name : dir.entryList({prefix + QLatin1Char('*')}, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)) {
        const QString id = name.mid(prefix.size());
        const QString part = dir.filePath(name);
        if (id.contains(QLatin1Char('-')) && ownerMayRun(id))
            continue;
        const QFileInfo info(part);
        const bool isDir = info.isDir() && !info.isSymLink();
        int raw = ::open(QFile::encodeName(part).constData(), (isDir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_NOFOLLOW | O_CLOEXEC);
        if (raw < 0 && !isDir && errno == ELOOP) { // a symlink: nobody's part, just a name
            QFile::remove(part);
            continue;
        }
        const FileDescriptor held = lockIfCurrent(FileDescriptor(raw), part);
        if (!held.isValid())
            continue; // a running download's
        if (isDir)
            QDir(part).removeRecursively();
        else
            QFile::remove(part);
    }
}

} // namespace trove::parts
