#pragma once

#include <QList>
#include <QString>

namespace trove {

// A file some process holds open, found in /proc: what makes a bound folder "busy".
struct OpenFile
{
    QString path;            // absolute, under the folder as it was given
    qint64 pid = 0;
    QString process;         // /proc/<pid>/comm: the name, cut to 15 characters by the kernel
    bool forWriting = false; // opened O_WRONLY or O_RDWR
};

// The regular files under `folder` that other processes hold open, one entry per file and
// process (writing if any of its descriptors writes), sorted by path then pid. Every process
// whose /proc/<pid>/fd this user can read is looked at, except this one; others (another
// user's, or one that exits meanwhile) are passed over silently. `folder` may be reached
// through a symbolic link: paths are compared canonically and returned under `folder` as
// given. Deleted files and folders held open (a shell's descriptor on a directory) are not
// listed: neither stands in the way of replacing a file.
QList<OpenFile> openFilesUnder(const QString &folder);

// What a user reads in a "volume busy" error, paths relative to `folder`, in the order given:
// "a.bin (python3, pid 123, writing), b.txt (less, pid 9) and 2 more" (`max` listed at most).
QString describeOpenFiles(const QList<OpenFile> &files, const QString &folder, int max = 5);

} // namespace trove
