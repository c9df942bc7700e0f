#pragma once

#include <QString>

namespace trove {

// Owns a POSIX file descriptor; closes it once. Errors carry the path and errno text.
class FileDescriptor
{
public:
    FileDescriptor() = default;
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor() { reset(); }
    FileDescriptor(FileDescriptor &&o) noexcept : m_fd(o.release()) {}
    FileDescriptor &operator=(FileDescriptor &&o) noexcept { reset(o.release()); return *this; }
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor &operator=(const FileDescriptor &) = delete;

    // Throws Io (or NotFound for ENOENT) naming the path.
    static FileDescriptor open(const QString &path, int flags, int mode = 0644);

    int get() const { return m_fd; }
    bool isValid() const { return m_fd >= 0; }
    int release() { const int fd = m_fd; m_fd = -1; return fd; }
    void reset(int fd = -1);

    // Full reads and writes, retried on EINTR; throw Io naming `what`.
    void writeAll(const char *data, qint64 size, const QString &what) const;
    void pwriteAll(const char *data, qint64 size, qint64 offset, const QString &what) const;
    // One read: what is there now, up to `size` bytes (0 at end of file). For pipes, which
    // deliver a little at a time.
    qint64 readSome(char *data, qint64 size, const QString &what) const;
    // Reads up to `size` bytes from `offset` (fewer only at end of file).
    qint64 preadFull(char *data, qint64 size, qint64 offset, const QString &what) const;
    void fsync(const QString &what) const;

private:
    int m_fd = -1;
};

// Makes a rename or link in `dir` durable.
void fsyncDirectory(const QString &dir);
QString errnoText(int err);

} // namespace trove
