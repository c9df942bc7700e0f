#pragma once

#include "Tree.h"

#include <memory>

namespace trove {

class Repository;

// Streams one file of a version: next() returns its chunks in order (at most 4 MiB each),
// each verified against its hash, so a file of any size is read in bounded memory; read()
// returns a byte range, fetching only the chunks that overlap it.
class FileReader
{
public:
    FileReader(std::shared_ptr<Repository> repo, const TreeEntry &file);

    qint64 size() const { return m_size; }
    bool atEnd() const { return m_next >= m_chunks.size(); }
    QByteArray next();
    QByteArray read(qint64 offset, qint64 length);
    const QList<Ref> &chunks() const { return m_chunks; }
    // Where the chunk holding `offset` ends: a read up to there fetches no chunk twice.
    qint64 chunkEnd(qint64 offset) const;

private:
    QByteArray readChunk(int index); // errors name the file
    int chunkAt(qint64 offset) const;

    std::shared_ptr<Repository> m_repo;
    QString m_name;
    QList<Ref> m_chunks;
    QList<qint64> m_starts; // offset of each chunk in the file
    qint64 m_size = 0;
    int m_next = 0;
};

} // namespace trove
