#pragma once

#include "FileDescriptor.h"
#include "Hash.h"

#include <QByteArray>
#include <QList>
#include <ctime>
#include <memory>

namespace trove {

// A local file whose bytes a body sends later, with what it looked like when it was opened:
// its chunks were hashed as read then, so a change since means the bytes sent may no longer
// match their hashes.
class SourceFile
{
public:
    // Throws Io naming the path.
    SourceFile(FileDescriptor fd, QString path);

    const FileDescriptor &fd() const { return m_fd; }
    const QString &path() const { return m_path; }
    qint64 size() const { return m_size; }
    // Throws Conflict when the file's size, mtime or ctime moved since it was opened.
    void checkUnchanged() const;
    // `length` bytes from `offset`; throws Conflict if the file ends before.
    void read(char *out, qint64 length, qint64 offset) const;
    [[noreturn]] void failChanged() const;

private:
    FileDescriptor m_fd;
    QString m_path;
    qint64 m_size = 0;
    timespec m_mtime{}, m_ctime{};
};

// An object's bytes as parts, in order: bytes in memory, or ranges of local files read only
// when the object is written or sent. Packs of large files are built from file ranges, so
// their bytes are never copied into memory (a local store copies them inside the kernel).
// Implicit from QByteArray: small objects stay plain bytes.
class ObjectBody
{
public:
    struct Part
    {
        qint64 length = 0;
        qint64 memoryOffset = 0;           // in memory(), when `file` is null
        std::shared_ptr<const SourceFile> file;
        qint64 fileOffset = 0;
    };

    ObjectBody() = default;
    ObjectBody(QByteArray bytes); // NOLINT: implicit on purpose

    void append(const char *data, qint64 size);
    void appendFile(std::shared_ptr<const SourceFile> file, qint64 offset, qint64 length);

    qint64 size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    const QList<Part> &parts() const { return m_parts; }
    const QByteArray &memory() const { return m_memory; }

    // `length` bytes from `offset` into `out`; throws Io naming the file that cannot be read.
    void read(qint64 offset, char *out, qint64 length) const;
    QByteArray toBytes() const;
    Hash sha256() const;
    // Throws Conflict when a file the body reads from changed since it was opened.
    void checkSourcesUnchanged() const;

    // Whether every reader verifies what it uses of the object (a pack: each chunk against its
    // hash, which the pack's name commits to), so sending it needs no checksum of its own.
    bool isVerifiedOnRead() const { return m_verifiedOnRead; }
    void setVerifiedOnRead(bool verified) { m_verifiedOnRead = verified; }

    // Gives the memory buffer up for another body to fill (keeps its allocation).
    QByteArray takeMemory();
    void reuseMemory(QByteArray buffer);
    void reserveMemory(qint64 capacity);

private:
    QByteArray m_memory;
    QList<Part> m_parts;
    qint64 m_size = 0;
    bool m_verifiedOnRead = false;
};

} // namespace trove
