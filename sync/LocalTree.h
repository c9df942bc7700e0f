#pragma once

#include <QList>
#include <QStringList>

namespace trove {

// What an upload of a local directory takes from it: paths relative to the root, each list
// sorted. Regular files are files and directories are descended. Symbolic links are skipped
// unless `followLinks`, so nothing outside the tree is read unless asked; when followed, a link
// counts as what it points to, wherever that is. Sockets, FIFOs, devices, dangling links and
// directory loops are skipped. Every entry skipped is reported. Directories from which nothing
// is taken are listed, so they can be kept as empty ones.
struct LocalTree
{
    struct Skipped
    {
        QString path;   // relative to the root
        QString reason; // e.g. "a symbolic link to /etc/hostname, not followed"
    };

    QStringList files;
    QStringList emptyDirs;
    QList<Skipped> skipped; // in the order found

    // Throws NotFound when `root` is not a directory, Io naming the directory that cannot be
    // read. `root` itself may be a link: the caller named it.
    static LocalTree walk(const QString &root, bool followLinks = false);
    // What a file of this st_mode is, for messages: "a FIFO (named pipe)", "a socket", ...
    static QString kindOf(unsigned mode);
    // Where the link `name` in the directory `dirFd` points, for messages ("?" if unreadable).
    static QString linkTarget(int dirFd, const char *name);
};

} // namespace trove
