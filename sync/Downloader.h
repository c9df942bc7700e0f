#pragma once

#include "Tree.h"

namespace trove {

class Repository;
struct Operation;

// Writes a file or a directory of a version to the local disk. Chunks are grouped by pack
// and adjacent ones fetched with one ranged read; every chunk is verified before it is
// written at its offset in a part (DownloadParts.h), which is renamed into place when
// complete. A download run again after an interruption keeps the chunks its part holds.
// Paths are built only from checked names, directories are created (never followed through
// symlinks) and files are opened with O_NOFOLLOW, so nothing is written outside `destination`.
class Downloader
{
public:
    explicit Downloader(Repository &repo) : m_repo(repo) {}

    // `entry` is what `remotePath` names. A file goes to `destination` (or into it, when it
    // is a directory); a directory becomes `destination` (or `destination/<name>` when that
    // exists). Existing local files are an error unless `force`. Returns the local path.
    QString download(const TreeEntry &entry, const QString &remotePath, const QString &destination,
                     bool force, Operation &operation);
    // Bytes the last download found on disk from an earlier run (verified) and did not fetch.
    qint64 bytesReused() const { return m_bytesReused; }

private:
    Repository &m_repo;
    qint64 m_bytesReused = 0;
};

} // namespace trove
