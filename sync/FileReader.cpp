#include "FileReader.h"

#include "Repository.h"

#include <algorithm>

namespace trove {

FileReader::FileReader(std::shared_ptr<Repository> repo, const TreeEntry &file)
    : m_repo(std::move(repo)), m_chunks(m_repo->chunksOf(file))
{
    m_starts.reserve(m_chunks.size());
    for (const Ref &r : m_chunks) {
        m_starts.append(m_size);
        m_size += r.length;
    }
}

QByteArray FileReader::next()
{
    if (atEnd())
        return {};
    return m_repo->readBlob(m_chunks[m_next++]);
}

QByteArray FileReader::read(qint64 offset, qint64 length)
{
    offset = qBound<qint64>(0, offset, m_size);
    length = qBound<qint64>(0, length, m_size - offset);
    QByteArray out;
    out.reserve(length);
    // The chunk holding `offset`: the last one starting at or before it.
    int i = int(std::upper_bound(m_starts.begin(), m_starts.end(), offset) - m_starts.begin()) - 1;
    for (; i >= 0 && i < m_chunks.size() && out.size() < length; ++i) {
        const QByteArray chunk = m_repo->readBlob(m_chunks[i]);
        const qint64 from = qMax<qint64>(0, offset + out.size() - m_starts[i]);
        out.append(chunk.constData() + from, qMin<qint64>(chunk.size() - from, length - out.size()));
    }
    return out;
}

} // namespace trove
