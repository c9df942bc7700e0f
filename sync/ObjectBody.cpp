#include "ObjectBody.h"

#include "Error.h"

#include <cstring>
#include <sys/stat.h>

namespace trove {

SourceFile::SourceFile(FileDescriptor fd, QString path) : m_fd(std::move(fd)), m_path(std::move(path))
{
    struct stat st;
    if (::fstat(m_fd.get(), &st) != 0)
        fail(Error::Kind::Io, QStringLiteral("cannot read %1: %2").arg(m_path, errnoText(errno)));
    m_size = st.st_size;
    m_mtime = st.st_mtim;
    m_ctime = st.st_ctim;
}

void SourceFile::checkUnchanged() const
{
    struct stat st;
    if (::fstat(m_fd.get(), &st) != 0)
        fail(Error::Kind::Io, QStringLiteral("cannot read %1: %2").arg(m_path, errnoText(errno)));
    auto same = [](const timespec &a, const timespec &b) { return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec; };
    if (st.st_size != m_size || !same(st.st_mtim, m_mtime) || !same(st.st_ctim, m_ctime))
        failChanged();
}

void SourceFile::read(char *out, qint64 length, qint64 offset) const
{
    if (m_fd.preadFull(out, length, offset, m_path) != length)
        failChanged();
}

void SourceFile::failChanged() const
{
    fail(Error::Kind::Conflict, QStringLiteral("%1 changed while it was being stored; nothing was committed, try again when it is written").arg(m_path));
}

ObjectBody::ObjectBody(QByteArray bytes) : m_memory(std::move(bytes)), m_size(m_memory.size())
{
    if (m_size > 0)
        m_parts.append({m_size, 0, nullptr, 0});
}

void ObjectBody::append(const char *data, qint64 size)
{
    if (size == 0)
        return;
    const qint64 at = m_memory.size();
    m_memory.append(data, size);
    m_size += size;
    if (!m_parts.isEmpty() && !m_parts.last().file && m_parts.last().memoryOffset + m_parts.last().length == at)
        m_parts.last().length += size;
    else
        m_parts.append({size, at, nullptr, 0});
}

void ObjectBody::appendFile(std::shared_ptr<const SourceFile> file, qint64 offset, qint64 length)
{
    if (length == 0)
        return;
    m_size += length;
    // Consecutive chunks of one file make one range: one copy for a whole pack's worth.
    if (!m_parts.isEmpty() && m_parts.last().file == file && m_parts.last().fileOffset + m_parts.last().length == offset)
        m_parts.last().length += length;
    else
        m_parts.append({length, 0, std::move(file), offset});
}

void ObjectBody::read(qint64 offset, char *out, qint64 length) const
{
    qint64 partStart = 0;
    for (const Part &p : m_parts) {
        if (length == 0)
            return;
        const qint64 partEnd = partStart + p.length;
        if (offset < partEnd) {
            const qint64 from = offset - partStart;
            const qint64 n = qMin(length, p.length - from);
            if (p.file)
                p.file->read(out, n, p.fileOffset + from);
            else
                std::memcpy(out, m_memory.constData() + p.memoryOffset + from, size_t(n));
            out += n;
            offset += n;
            length -= n;
        }
        partStart = partEnd;
    }
    if (length > 0)
        fail(Error::Kind::InvalidArgument, QStringLiteral("read past the end of an object body"));
}

QByteArray ObjectBody::toBytes() const
{
    if (m_parts.size() == 1 && !m_parts.first().file && m_memory.size() == m_size)
        return m_memory; // shared, not copied
    QByteArray bytes(m_size, Qt::Uninitialized);
    read(0, bytes.data(), m_size);
    return bytes;
}

Hash ObjectBody::sha256() const
{
    constexpr qint64 BlockSize = 1024 * 1024;
    Sha256 sha;
    QByteArray block;
    qint64 at = 0;
    for (const Part &p : m_parts) {
        if (!p.file) {
            sha.add(m_memory.constData() + p.memoryOffset, p.length);
        } else {
            block.resize(BlockSize);
            for (qint64 done = 0; done < p.length; done += BlockSize) {
                const qint64 n = qMin(BlockSize, p.length - done);
                read(at + done, block.data(), n);
                sha.add(block.constData(), n);
            }
        }
        at += p.length;
    }
    return sha.result();
}

void ObjectBody::checkSourcesUnchanged() const
{
    const SourceFile *checked = nullptr;
    for (const Part &p : m_parts) {
        if (p.file && p.file.get() != checked) {
            p.file->checkUnchanged();
            checked = p.file.get();
        }
    }
}

QByteArray ObjectBody::takeMemory()
{
    m_parts.clear();
    m_size = 0;
    return std::exchange(m_memory, QByteArray());
}

void ObjectBody::reuseMemory(QByteArray buffer)
{
    if (!m_memory.isEmpty() || !buffer.isDetached())
        return;
    buffer.resize(0); // keeps the allocation
    m_memory = std::move(buffer);
}

void ObjectBody::reserveMemory(qint64 capacity)
{
    if (m_memory.capacity() < capacity)
        m_memory.reserve(capacity);
}

} // namespace trove
