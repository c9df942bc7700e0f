#include "FileDescriptor.h"

#include "Error.h"

#include <QFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace trove {

QString errnoText(int err)
{
    const QString text = QString::fromLocal8Bit(std::strerror(err));
    // A full disk or quota is the one failure users fix themselves: say how.
    if (err == ENOSPC || err == EDQUOT)
        return text + QStringLiteral(" (free space on that disk and run it again)");
    return text;
}

FileDescriptor FileDescriptor::open(const QString &path, int flags, int mode)
{
    const QByteArray native = QFile::encodeName(path);
    int fd;
    do {
        fd = ::open(native.constData(), flags | O_CLOEXEC, mode);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        const int err = errno;
        fail(err == ENOENT ? Error::Kind::NotFound : Error::Kind::Io,
             QStringLiteral("cannot open %1: %2").arg(path, errnoText(err)));
    }
    return FileDescriptor(fd);
}

void FileDescriptor::reset(int fd)
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
}

namespace {

// Repeats a read or write until `size` bytes are done or the file ends, retrying EINTR.
// `io(done)` makes one system call for the bytes after the first `done`.
template<typename Io> qint64 transferAll(qint64 size, const QString &what, const char *verb, Io io)
{
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = io(done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fail(Error::Kind::Io, QStringLiteral("cannot %1 %2: %3").arg(QLatin1String(verb), what, errnoText(errno)));
        if (n == 0)
            break;
        done += n;
    }
    return done;
}

} // namespace

void FileDescriptor::writeAll(const char *data, qint64 size, const QString &what) const
{
    transferAll(size, what, "write", [&](qint64 done) { return ::write(m_fd, data + done, size_t(size - done)); });
}

void FileDescriptor::pwriteAll(const char *data, qint64 size, qint64 offset, const QString &what) const
{
    transferAll(size, what, "write", [&](qint64 done) { return ::pwrite(m_fd, data + done, size_t(size - done), off_t(offset + done)); });
}

qint64 FileDescriptor::readSome(char *data, qint64 size, const QString &what) const
{
    for (;;) {
        const ssize_t n = ::read(m_fd, data, size_t(size));
        if (n >= 0)
            return n;
        if (errno != EINTR)
            fail(Error::Kind::Io, QStringLiteral("cannot read %1: %2").arg(what, errnoText(errno)));
    }
}

qint64 FileDescriptor::preadFull(char *data, qint64 size, qint64 offset, const QString &what) const
{
    return transferAll(size, what, "read", [&](qint64 done) { return ::pread(m_fd, data + done, size_t(size - done), off_t(offset + done)); });
}

void FileDescriptor::fsync(const QString &what) const
{
    if (::fsync(m_fd) != 0)
        fail(Error::Kind::Io, QStringLiteral("cannot flush %1 to disk: %2").arg(what, errnoText(errno)));
}

void fsyncDirectory(const QString &dir)
{
    FileDescriptor::open(dir, O_RDONLY | O_DIRECTORY).fsync(dir);
}

} // namespace trove
