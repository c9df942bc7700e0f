#include "FolderWriter.h"

#include "Error.h"
#include "FileDescriptor.h"
#include "FileReader.h"
#include "Operation.h"
#include "RemotePath.h"
#include "Repository.h"

#include <QDir>
#include <QFile>
#include <QMutex>
#include <QRandomGenerator>
#include <QtConcurrent>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace trove {
namespace {

QByteArray native(const QString &path) { return QFile::encodeName(path); }

QString temporaryDir(const QString &root) { return root + QStringLiteral("/.trove/tmp"); }

} // namespace

FolderWriter::FolderWriter(std::shared_ptr<Repository> repo, QString root) : m_repo(std::move(repo)), m_root(std::move(root)) {}

FolderWriter::~FolderWriter() { removeDownloads(); }

void FolderWriter::removeDownloads()
{
    for (const Download &d : std::exchange(m_downloads, {}))
        ::unlink(native(d.temp).constData());
}

void FolderWriter::clearTemporary(const QString &root)
{
    QDir tmp(temporaryDir(root));
    if (tmp.exists())
        tmp.removeRecursively();
    QDir().mkpath(tmp.path());
}

void FolderWriter::download(const QList<File> &files, Operation &operation)
{
    removeDownloads();
    if (files.isEmpty())
        return;
    const QString tmp = temporaryDir(m_root);
    QDir().mkpath(tmp);
    const QString token = QString::number(QRandomGenerator::global()->generate64(), 36);
    for (const File &f : files) {
        m_downloads.append({f.path, f.entry, QStringLiteral("%1/%2-%3").arg(tmp, token).arg(m_downloads.size()), {}});
        operation.bytesTotal += f.entry.size;
    }
    operation.filesTotal += m_downloads.size();
    QThreadPool pool;
    pool.setMaxThreadCount(qMax(1, m_repo->limits().transfers));
    QMutex errorMutex;
    std::exception_ptr error;
    std::atomic<bool> failed{false};
    QtConcurrent::blockingMap(&pool, m_downloads, [&](Download &d) {
        if (failed)
            return;
        try {
            operation.throwIfCancelled();
            FileReader reader(m_repo, d.entry);
            FileDescriptor fd = FileDescriptor::open(d.temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, int(d.entry.mode & 0777));
            while (!reader.atEnd()) {
                operation.throwIfCancelled();
                const QByteArray chunk = reader.next(); // verified against its hash
                fd.writeAll(chunk.constData(), chunk.size(), d.temp);
                operation.bytesDone += chunk.size();
            }
            ::fchmod(fd.get(), mode_t(d.entry.mode & 0777));
            const struct timespec times[2] = {{0, UTIME_OMIT}, {d.entry.mtimeMs / 1000, (d.entry.mtimeMs % 1000) * 1'000'000}};
            ::futimens(fd.get(), times);
            struct stat st;
            if (::fstat(fd.get(), &st) != 0)
                fail(Error::Kind::Io, QStringLiteral("cannot stat %1: %2").arg(d.temp, errnoText(errno)));
            d.fingerprint = {qint64(st.st_size), qint64(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec, qint64(st.st_ino)};
            ++operation.filesDone;
        } catch (...) {
            QMutexLocker lock(&errorMutex);
            if (!error)
                error = std::current_exception();
            failed = true;
        }
    });
    if (error) {
        removeDownloads();
        std::rethrow_exception(error);
    }
    // One flush for the batch before any rename: a crash never leaves a renamed file empty.
    FileDescriptor dir = FileDescriptor::open(tmp, O_RDONLY | O_DIRECTORY);
    ::syncfs(dir.get());
}

FolderWriter::Outcome FolderWriter::place(const std::function<bool(const QString &)> &mayReplace)
{
    Outcome outcome;
    for (const Download &d : m_downloads) {
        if (!mayReplace(d.path)) {
            outcome.changedMeanwhile.append(d.path);
            continue;
        }
        const QString problem = moveIntoPlace(d.temp, d.path);
        if (problem.isEmpty())
            outcome.written.insert(d.path, d.fingerprint);
        else
            outcome.failed.append(QStringLiteral("%1: %2").arg(d.path, problem));
    }
    removeDownloads(); // those not placed
    return outcome;
}

// Creates the file's directories one by one, never through a link (which could lead out of
// the folder), and renames the download over the file.
QString FolderWriter::moveIntoPlace(const QString &temp, const QString &path)
{
    QString dir = m_root;
    const QStringList parts = remotepath::split(path);
    for (int i = 0; i + 1 < parts.size(); ++i) {
        dir += QLatin1Char('/') + parts[i];
        struct stat st;
        if (::lstat(native(dir).constData(), &st) == 0) {
            if (!S_ISDIR(st.st_mode))
                return QStringLiteral("%1 is not a directory here (a file or a link is in the way); move it away and reload again").arg(dir);
        } else if (::mkdir(native(dir).constData(), 0755) != 0 && errno != EEXIST) {
            return QStringLiteral("cannot create directory %1: %2").arg(dir, errnoText(errno));
        }
    }
    const QString target = m_root + QLatin1Char('/') + path;
    struct stat st;
    if (::lstat(native(target).constData(), &st) == 0 && S_ISDIR(st.st_mode))
        return QStringLiteral("%1 is a directory here; move it away and reload again").arg(target);
    if (::rename(native(temp).constData(), native(target).constData()) != 0)
        return QStringLiteral("cannot move the download into place: %1").arg(errnoText(errno));
    return {};
}

QString FolderWriter::remove(const QString &path)
{
    const QString target = m_root + QLatin1Char('/') + path;
    if (::unlink(native(target).constData()) != 0 && errno != ENOENT)
        return QStringLiteral("%1: cannot remove it: %2").arg(path, errnoText(errno));
    QStringList parts = remotepath::split(path);
    for (parts.removeLast(); !parts.isEmpty(); parts.removeLast()) {
        if (::rmdir(native(m_root + QLatin1Char('/') + parts.join(QLatin1Char('/'))).constData()) != 0)
            break; // not empty: the rest above is not either
    }
    return {};
}

} // namespace trove
