#pragma once

#include <QStringList>

namespace trove {

// What an upload of a local directory takes from it: paths relative to the root, each list
// sorted. Regular files and symlinks to regular files are files; directories are descended,
// symlinks to directories are not; other entries (sockets, fifos, devices, broken links) are
// left out. Directories with no entry at all are listed, so they can be kept as empty ones.
struct LocalTree
{
    QStringList files;
    QStringList emptyDirs;

    // Throws NotFound when `root` is not a directory, Io naming the directory that cannot be read.
    static LocalTree walk(const QString &root);
};

} // namespace trove
