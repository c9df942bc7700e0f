#pragma once

#include "Tree.h"

namespace trove {

// One staged change to a volume. Changes are kept path by path so that a commit that lost
// the race for a version number re-applies them on the newer head: last writer wins per
// path, and nobody else's change is lost.
struct Change
{
    enum class Type { Put, Remove, Copy };

    Type type = Type::Put;
    QString path;          // normalised destination
    TreeEntry entry;       // Put: the file, or a directory (restore), with resolved refs
    QString source;        // Copy: normalised source path
    bool recursive = false;
    // Put of a file: replace a file already at the path. Checked against the version the
    // commit builds on, so of racing writers without --force only the first one lands.
    bool replace = true;

    static Change put(const QString &path, TreeEntry entry, bool replace = true) { return {Type::Put, path, std::move(entry), {}, false, replace}; }
    static Change remove(const QString &path, bool recursive) { return {Type::Remove, path, {}, {}, recursive, true}; }
    static Change copy(const QString &source, const QString &path, bool recursive) { return {Type::Copy, path, {}, source, recursive, true}; }
};

} // namespace trove
