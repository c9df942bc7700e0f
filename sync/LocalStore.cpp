#include "LocalStore.h"

#include "Error.h"
#include "FileDescriptor.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace trove {
namespace {

// Copies a range of a source file inside the kernel, as `cp` does: the bytes never pass
// through user memory. Where the kernel cannot (another filesystem), reads and writes.
void copyFileRange(const SourceFile &source, qint64 offset, qint64 length, const FileDescriptor &out, const QString &what)
{
    loff_t from = offset;
    while (length > 0) {
        const ssize_t n = ::copy_file_range(source.fd().get(), &from, out.get(), nullptr, size_t(length), 0);
        if (n > 0) {
            length -= n;
        } else if (n == 0) {
            source.failChanged(); // it ended early
        } else if (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) {
            break;
        } else if (errno != EINTR) {
            fail(Error::Kind::Io, QStringLiteral("cannot copy %1 into %2: %3").arg(source.path(), what, errnoText(errno)));
        }
    }
    constexpr qint64 BlockSize = 1024 * 1024;
    QByteArray block(qMin(length, BlockSize), Qt::Uninitialized);
    for (qint64 done = 0; done < length; done += BlockSize) {
        const qint64 n = qMin(BlockSize, length - done);
        source.read(block.data(), n, from + done);
        out.writeAll(block.constData(), n, what);
    }
}

// Large objects bypass the page cache: staged through an aligned buffer and written with
// O_DIRECT, the disk takes them by DMA while the CPU hashes the next pack. A buffered write
// costs a copy into freshly allocated page cache plus the writeback that fsync then waits
// for; the staging read into a buffer that stays in cache is cheaper than that copy.
constexpr qint64 DirectMinSize = 1024 * 1024;
constexpr qint64 DirectAlignment = 4096;
constexpr qint64 StagingSize = 4 * 1024 * 1024;

struct FreeDeleter { void operator()(char *p) const { std::free(p); } };

char *stagingBuffer()
{
    thread_local std::unique_ptr<char, FreeDeleter> buffer(static_cast<char *>(std::aligned_alloc(DirectAlignment, StagingSize)));
    if (!buffer)
        fail(Error::Kind::Io, QStringLiteral("out of memory for a %1-byte write buffer").arg(StagingSize));
    return buffer.get();
}

// Writes `body` at the start of the empty file `fd` with O_DIRECT. Returns false, having
// written nothing, where the filesystem refuses direct I/O (tmpfs, some FUSE mounts).
bool writeDirect(const ObjectBody &body, const FileDescriptor &fd, const QString &what, TransferMonitor::Scope &transfer)
{
    const int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags < 0 || ::fcntl(fd.get(), F_SETFL, flags | O_DIRECT) != 0)
        return false;
    char *staging = stagingBuffer();
    for (qint64 offset = 0; offset < body.size(); offset += StagingSize) {
        const qint64 length = qMin(StagingSize, body.size() - offset);
        body.read(offset, staging, length);
        // The last block is padded to the alignment and the file cut back to size after.
        const qint64 padded = (length + DirectAlignment - 1) / DirectAlignment * DirectAlignment;
        std::memset(staging + length, 0, size_t(padded - length));
        ssize_t n;
        do {
            n = ::pwrite(fd.get(), staging, size_t(padded), off_t(offset));
        } while (n < 0 && errno == EINTR);
        if (n < 0 && errno == EINVAL && offset == 0) { // alignment this device will not take
            ::fcntl(fd.get(), F_SETFL, flags);
            return false;
        }
        if (n < 0)
            fail(Error::Kind::Io, QStringLiteral("cannot write %1: %2").arg(what, errnoText(errno)));
        if (n != padded)
            fail(Error::Kind::Io, QStringLiteral("cannot write %1: the disk took %2 of %3 bytes; check free space").arg(what).arg(n).arg(padded));
        transfer.update(offset + length, body.size());
    }
    if (::ftruncate(fd.get(), off_t(body.size())) != 0)
        fail(Error::Kind::Io, QStringLiteral("cannot write %1: %2").arg(what, errnoText(errno)));
    return true;
}

// Writes `body` at the start of the empty file `fd` through the page cache: file parts are
// copied inside the kernel, memory parts written.
void writeBuffered(const ObjectBody &body, const FileDescriptor &fd, const QString &what, TransferMonitor::Scope &transfer)
{
    qint64 written = 0;
    for (const ObjectBody::Part &part : body.parts()) {
        if (part.file)
            copyFileRange(*part.file, part.fileOffset, part.length, fd, what);
        else
            fd.writeAll(body.memory().constData() + part.memoryOffset, part.length, what);
        written += part.length;
        transfer.update(written, body.size());
    }
}

} // namespace

LocalStore::LocalStore(const QString &root, bool createIfMissing) : m_root(QDir::cleanPath(QDir(root).absolutePath()))
{
    const QByteArray path = QFile::encodeName(m_root);
    struct stat st;
    if (::stat(path.constData(), &st) != 0) {
        if (errno != ENOENT)
            fail(Error::Kind::Io, QStringLiteral("cannot open the store directory %1: %2").arg(m_root, errnoText(errno)));
        if (!createIfMissing)
            fail(Error::Kind::NotFound, QStringLiteral("there is no store at %1: the directory does not exist; check the store path (creating a volume starts a new store)").arg(m_root));
        // A new store is private to its user; its parents are ordinary directories.
        if (!QDir().mkpath(QFileInfo(m_root).path()) || (::mkdir(path.constData(), 0700) != 0 && errno != EEXIST) || ::stat(path.constData(), &st) != 0)
            fail(Error::Kind::Io, QStringLiteral("cannot create the store directory %1: %2; check its permissions").arg(m_root, errnoText(errno)));
    }
    if (!S_ISDIR(st.st_mode))
        fail(Error::Kind::InvalidArgument, QStringLiteral("the store %1 is not a directory").arg(m_root));
    // Everything inside follows the store directory's own mode: a group-shared store stays
    // shared, and a private one private, whatever the writer's umask.
    m_directoryMode = st.st_mode & 03777;
    m_fileMode = st.st_mode & 0666;
}

QString LocalStore::pathOf(const QString &key) const
{
    if (key.isEmpty() || key.startsWith(QLatin1Char('/')) || key.contains(QLatin1String("..")))
        fail(Error::Kind::InvalidArgument, QStringLiteral("invalid store key '%1'").arg(key));
    return m_root + QLatin1Char('/') + key;
}

QByteArray LocalStore::get(const QString &key)
{
    TransferMonitor::Scope transfer(transfers(), key, TransferState::Direction::Download, 0);
    // Missing is decided by the open itself: asking again after would race with a creator.
    const QString path = pathOf(key);
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        if (err == ENOENT)
            fail(Error::Kind::NotFound, QStringLiteral("%1 is not in the store %2").arg(key, m_root));
        fail(Error::Kind::Io, QStringLiteral("cannot read %1: %2").arg(path, errnoText(err)));
    }
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        fail(Error::Kind::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    }
    QByteArray data = file.readAll();
    transfer.update(data.size(), data.size());
    return data;
}

QByteArray LocalStore::getRange(const QString &key, qint64 offset, qint64 length)
{
    const QString path = pathOf(key);
    TransferMonitor::Scope transfer(transfers(), key, TransferState::Direction::Download, length);
    FileDescriptor fd = FileDescriptor::open(path, O_RDONLY);
    QByteArray data(length, Qt::Uninitialized);
    const qint64 got = fd.preadFull(data.data(), length, offset, path);
    transfer.update(got, length);
    if (got != length)
        fail(Error::Kind::Corrupt, QStringLiteral("%1 ends before byte %2: the object is truncated").arg(path).arg(offset + length));
    return data;
}

void LocalStore::makeDirectory(const QString &dir) const
{
    const QByteArray path = QFile::encodeName(dir);
    if (::mkdir(path.constData(), m_directoryMode) == 0) {
        ::chmod(path.constData(), m_directoryMode); // past the umask, as for files
        return;
    }
    if (errno == ENOENT && dir.size() > m_root.size()) {
        makeDirectory(QFileInfo(dir).path());
        makeDirectory(dir);
        return;
    }
    if (errno != EEXIST)
        fail(Error::Kind::Io, QStringLiteral("cannot create %1: %2; check permissions and free space").arg(dir, errnoText(errno)));
}

QString LocalStore::writeTemp(const QString &key, const QString &path, const ObjectBody &body)
{
    TransferMonitor::Scope transfer(transfers(), key, TransferState::Direction::Upload, body.size());
    const QString dir = QFileInfo(path).path();
    makeDirectory(dir);
    const QString temp = dir + QLatin1Char('/') + QLatin1String(TempPrefix)
        + QString::number(QRandomGenerator::global()->generate64(), 36);
    FileDescriptor fd = FileDescriptor::open(temp, O_WRONLY | O_CREAT | O_EXCL, m_fileMode);
    try {
        ::fchmod(fd.get(), m_fileMode); // past the umask; file systems without modes refuse, harmlessly
        if (body.size() < DirectMinSize || !writeDirect(body, fd, temp, transfer))
            writeBuffered(body, fd, temp, transfer);
        fd.fsync(temp);
    } catch (...) {
        ::unlink(QFile::encodeName(temp).constData());
        throw;
    }
    return temp;
}

void LocalStore::put(const QString &key, const ObjectBody &data)
{
    const QString path = pathOf(key);
    const QString temp = writeTemp(key, path, data);
    if (::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData()) != 0) {
        const int err = errno;
        ::unlink(QFile::encodeName(temp).constData());
        fail(Error::Kind::Io, QStringLiteral("cannot store %1: %2").arg(path, errnoText(err)));
    }
    fsyncDirectory(QFileInfo(path).path());
}

bool LocalStore::createIfAbsent(const QString &key, const ObjectBody &data)
{
    const QString path = pathOf(key);
    if (QFileInfo::exists(path))
        return false;
    const QString temp = writeTemp(key, path, data);
    const int rc = ::link(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData());
    const int err = errno;
    ::unlink(QFile::encodeName(temp).constData());
    if (rc != 0 && err == EEXIST)
        return false;
    if (rc != 0)
        fail(Error::Kind::Io, QStringLiteral("cannot create %1: %2").arg(path, errnoText(err)));
    fsyncDirectory(QFileInfo(path).path());
    return true;
}

qint64 LocalStore::removeStaleTemporaries(qint64 seconds)
{
    // A write in progress keeps its temporary file's time fresh; a killed one leaves it old.
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-seconds);
    qint64 freed = 0;
    QDirIterator it(m_root, {QLatin1String(TempPrefix) + QLatin1Char('*')}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (info.lastModified() < before && QFile::remove(info.filePath()))
            freed += info.size();
    }
    return freed;
}

ListPage LocalStore::list(const QString &prefix, const QString &startAfter, int maxKeys)
{
    // Walk only the deepest directory the prefix names, then filter by the rest of it.
    const int slash = prefix.lastIndexOf(QLatin1Char('/'));
    const QString dirKey = slash < 0 ? QString() : prefix.left(slash);
    const QString dirPath = dirKey.isEmpty() ? m_root : pathOf(dirKey);
    QStringList keys;
    QDirIterator it(dirPath, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    const int rootLength = m_root.size() + 1;
    while (it.hasNext()) {
        it.next();
        if (it.fileName().startsWith(QLatin1String(TempPrefix)))
            continue;
        const QString key = it.filePath().mid(rootLength);
        if (key.startsWith(prefix) && key > startAfter)
            keys.append(key);
    }
    std::sort(keys.begin(), keys.end());
    ListPage page;
    page.truncated = keys.size() > maxKeys;
    keys = keys.mid(0, maxKeys);
    for (const QString &key : keys) {
        const QFileInfo info(m_root + QLatin1Char('/') + key);
        page.objects.append({key, info.size(), info.lastModified()});
    }
    return page;
}

void LocalStore::remove(const QString &key)
{
    const QString path = pathOf(key);
    if (::unlink(QFile::encodeName(path).constData()) != 0 && errno != ENOENT)
        fail(Error::Kind::Io, QStringLiteral("cannot remove %1: %2").arg(path, errnoText(errno)));
}

std::optional<ObjectInfo> LocalStore::stat(const QString &key)
{
    const QFileInfo info(pathOf(key));
    if (!info.exists() || !info.isFile())
        return std::nullopt;
    return ObjectInfo{key, info.size(), info.lastModified()};
}

} // namespace trove
