#include "FolderFiles.h"

#include <QStringDecoder>

namespace trove {

void FolderFiles::append(QByteArrayView utf8Path, const FolderFileRecord &record)
{
    const qsizetype offset = m_paths.size();
    // Room for the path as UTF-8 bytes, never fewer than its UTF-16 code units; doubled when
    // full, so that the buffer is copied a few times in all.
    if (m_paths.capacity() < offset + utf8Path.size())
        m_paths.reserve(qMax(2 * m_paths.capacity(), offset + utf8Path.size()));
    m_paths.resize(offset + utf8Path.size());
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QChar *const start = m_paths.data() + offset;
    const qsizetype length = decoder.appendToBuffer(start, utf8Path) - start;
    m_paths.resize(offset + length);
    m_entries.push_back({offset, length, record});
}

void FolderFiles::index()
{
    m_index.clear();
    m_index.reserve(size()); // sized once: no rehash while it fills
    for (qsizetype i = 0; i < size(); ++i)
        m_index.insert(path(i), i);
}

} // namespace trove
