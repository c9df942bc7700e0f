#include "FileDescriptor.h"

#include "Error.h"

#include <QFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace trove {

QString errnoText(int err) { return QString::fromLocal8Bit(std::strerror(err)); }

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

void FileDescriptor::writeAll(const char *data, qint64 size, const QString &what) const
{
    while (size > 0) {
        const ssize_t n = ::write(m_fd, data, size_t(size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fail(Error::Kind::Io, QStringLiteral("cannot write %1: %2").arg(what, errnoText(errno)));
        data += n;
        size -= n;
    }
}

void FileDescriptor::pwriteAll(const char *data, qint64 size, qint64 offset, const QString &what) const
{
    while (size > 0) {
        const ssize_t n = ::pwrite(m_fd, data, size_t(size), off_t(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fail(Error::Kind::Io, QStringLiteral("cannot write %1: %2").arg(what, errnoText(errno)));
        data += n;
        size -= n;
        offset += n;
    }
}

qint64 FileDescriptor::readFull(char *data, qint64 size, const QString &what) const
{
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::read(m_fd, data + done, size_t(size - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fail(Error::Kind::Io, QStringLiteral("cannot read %1: %2").arg(what, errnoText(errno)));
        if (n == 0)
            break;
        done += n;
    }
    return done;
}

qint64 FileDescriptor::preadFull(char *data, qint64 size, qint64 offset, const QString &what) const
{
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::pread(m_fd, data + done, size_t(size - done), off_t(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fail(Error::Kind::Io, QStringLiteral("cannot read %1: %2").arg(what, errnoText(errno)));
        if (n == 0)
            break;
        done += n;
    }
    return done;
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
