#pragma once

#include "Ref.h"

#include <QList>
#include <QString>

namespace trove {

class Repository;

struct DiffEntry
{
    enum class Change { Added, Removed, Modified };
    QString path;
    Change change = Change::Modified;
    qint64 oldSize = 0;
    qint64 newSize = 0;

    static QString changeName(Change c);
};

// Files that differ between two roots, sorted by path. Subtrees with equal hashes are
// skipped without reading them, so comparing two versions of a large volume reads only the
// directories on the paths that changed.
QList<DiffEntry> diffTrees(Repository &repo, const Ref &from, const Ref &to);

} // namespace trove
