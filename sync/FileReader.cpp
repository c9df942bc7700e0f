#include "FileReader.h"

#include "Error.h"
#include "Repository.h"

#include <algorithm>

namespace trove {

FileReader::FileReader(std::shared_ptr<Repository> repo, const TreeEntry &file)
    : m_repo(std::move(repo)), m_name(file.name), m_chunks(m_repo->chunksOf(file))
{
    m_starts.reserve(m_chunks.size());
    for (const Ref &r : m_chunks) {
        m_starts.append(m_size);
        m_size += r.length;
    }
}

QByteArray FileReader::readChunk(int index)
{
    try {
        return m_repo->readBlob(m_chunks[index]);
    } catch (const Error &e) {
        if (e.kind() != Error::Kind::Corrupt)
            throw;
        fail(Error::Kind::Corrupt, QStringLiteral("'%1' cannot be read: %2").arg(m_name, e.message()));
    }
}

QByteArray FileReader::next()
{
    if (atEnd())
        return {};
    return readChunk(m_next++);
}

int FileReader::chunkAt(qint64 offset) const
{
    // The last chunk starting at or before `offset`.
    return int(std::upper_bound(m_starts.begin(), m_starts.end(), offset) - m_starts.begin()) - 1;
}

qint64 FileReader::chunkEnd(qint64 offset) const
{
    const int i = chunkAt(qBound<qint64>(0, offset, m_size));
    return i < 0 ? 0 : m_starts[i] + m_chunks[i].length;
}

QByteArray FileReader::read(qint64 offset, qint64 length)
{
    offset = qBound<qint64>(0, offset, m_size);
    length = qBound<qint64>(0, length, m_size - offset);
    QByteArray out;
    out.reserve(length);
    int i = chunkAt(offset);
    for (; i >= 0 && i < m_chunks.size() && out.size() < length; ++i) {
        const QByteArray chunk = readChunk(i);
        const qint64 from = qMax<qint64>(0, offset + out.size() - m_starts[i]);
        out.append(chunk.constData() + from, qMin<qint64>(chunk.size() - from, length - out.size()));
    }
    return out;
}

} // namespace trove
