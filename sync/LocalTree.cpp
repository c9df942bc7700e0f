#include "LocalTree.h"

#include "Error.h"
#include "FileDescriptor.h"

#include <QFile>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace trove {
namespace {

struct DirCloser { void operator()(DIR *d) const { closedir(d); } };

// One readdir pass per directory, typed by d_type: no stat per entry, which is what most of
// a walk through 20,000 small files costs otherwise.
unsigned char typeOf(mode_t mode)
{
    return S_ISREG(mode) ? DT_REG : S_ISDIR(mode) ? DT_DIR : S_ISLNK(mode) ? DT_LNK : DT_UNKNOWN;
}

// The root may be a link to a directory; below it, an entry typed a directory is opened
// without following links, in case it was replaced by one since readdir.
void walkInto(int parentFd, const QByteArray &name, const QString &relative, const QString &shown, LocalTree &tree)
{
    const int fd = ::openat(parentFd, name.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | (relative.isEmpty() ? 0 : O_NOFOLLOW));
    if (fd < 0) {
        const int err = errno;
        if (err == ENOENT && relative.isEmpty())
            fail(Error::Kind::NotFound, QStringLiteral("local directory %1 does not exist").arg(shown));
        fail(Error::Kind::Io, QStringLiteral("cannot read local directory %1: %2").arg(shown, errnoText(err)));
    }
    const std::unique_ptr<DIR, DirCloser> dir(fdopendir(fd));
    if (!dir) {
        const int err = errno;
        ::close(fd);
        fail(Error::Kind::Io, QStringLiteral("cannot read local directory %1: %2").arg(shown, errnoText(err)));
    }
    const QString prefix = relative.isEmpty() ? QString() : relative + QLatin1Char('/');
    bool empty = true;
    errno = 0;
    while (const dirent *entry = readdir(dir.get())) {
        const char *n = entry->d_name;
        if (n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0')))
            continue;
        empty = false;
        unsigned char type = entry->d_type;
        struct stat st;
        if (type == DT_UNKNOWN) // file systems that do not fill d_type
            type = ::fstatat(fd, n, &st, AT_SYMLINK_NOFOLLOW) == 0 ? typeOf(st.st_mode) : (unsigned char)DT_UNKNOWN;
        if (type == DT_LNK) // a link counts as the regular file it points to, and only so
            type = ::fstatat(fd, n, &st, 0) == 0 && S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
        const QString path = prefix + QFile::decodeName(n);
        if (type == DT_REG)
            tree.files.append(path);
        else if (type == DT_DIR)
            walkInto(fd, QByteArray(n), path, shown + QLatin1Char('/') + QFile::decodeName(n), tree);
        errno = 0;
    }
    if (errno != 0)
        fail(Error::Kind::Io, QStringLiteral("cannot read local directory %1: %2").arg(shown, errnoText(errno)));
    if (empty && !relative.isEmpty())
        tree.emptyDirs.append(relative);
}

} // namespace

LocalTree LocalTree::walk(const QString &root)
{
    LocalTree tree;
    walkInto(AT_FDCWD, QFile::encodeName(root), QString(), root, tree);
    tree.files.sort();
    tree.emptyDirs.sort();
    return tree;
}

} // namespace trove
