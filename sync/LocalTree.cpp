#include "LocalTree.h"

#include "Error.h"
#include "FileDescriptor.h"

#include <QFile>
#include <QSet>
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
    return S_ISREG(mode) ? DT_REG : S_ISDIR(mode) ? DT_DIR : S_ISLNK(mode) ? DT_LNK : S_ISFIFO(mode) ? DT_FIFO
        : S_ISSOCK(mode) ? DT_SOCK : S_ISCHR(mode) ? DT_CHR : S_ISBLK(mode) ? DT_BLK : DT_UNKNOWN;
}

class Walker
{
public:
    Walker(LocalTree &tree, bool followLinks) : m_tree(tree), m_followLinks(followLinks) {}

    // Below the root, a directory is opened without following links (unless they are
    // followed), in case an entry typed a directory was replaced by one since readdir.
    void walkInto(int parentFd, const QByteArray &name, const QString &relative, const QString &shown)
    {
        const bool root = relative.isEmpty();
        const int fd = ::openat(parentFd, name.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | (root || m_followLinks ? 0 : O_NOFOLLOW));
        if (fd < 0) {
            const int err = errno;
            if (err == ENOENT && root)
                fail(Error::Kind::NotFound, QStringLiteral("local directory %1 does not exist").arg(shown));
            fail(Error::Kind::Io, QStringLiteral("cannot read local directory %1: %2").arg(shown, errnoText(err)));
        }
        const std::unique_ptr<DIR, DirCloser> dir(fdopendir(fd));
        if (!dir) {
            const int err = errno;
            ::close(fd);
            fail(Error::Kind::Io, QStringLiteral("cannot read local directory %1: %2").arg(shown, errnoText(err)));
        }
        // Followed links can lead back to a directory being walked: skip it rather than loop.
        struct stat self;
        const bool identified = m_followLinks && ::fstat(fd, &self) == 0;
        const QPair<dev_t, ino_t> identity = identified ? qMakePair(self.st_dev, self.st_ino) : QPair<dev_t, ino_t>();
        if (identified && m_ancestors.contains(identity)) {
            m_tree.skipped.append({relative, QStringLiteral("a link back to a directory it is in (a loop)")});
            return;
        }
        if (identified)
            m_ancestors.insert(identity);
        const QString prefix = root ? QString() : relative + QLatin1Char('/');
        const qsizetype filesBefore = m_tree.files.size(), dirsBefore = m_tree.emptyDirs.size();
        errno = 0;
        while (const dirent *entry = readdir(dir.get())) {
            const char *n = entry->d_name;
            if (n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0')))
                continue;
            const QString path = prefix + QFile::decodeName(n);
            unsigned char type = entry->d_type;
            struct stat st;
            if (type == DT_UNKNOWN) // file systems that do not fill d_type
                type = ::fstatat(fd, n, &st, AT_SYMLINK_NOFOLLOW) == 0 ? typeOf(st.st_mode) : (unsigned char)DT_UNKNOWN;
            if (type == DT_LNK)
                type = followedType(fd, n, path);
            if (type == DT_REG)
                m_tree.files.append(path);
            else if (type == DT_DIR)
                walkInto(fd, QByteArray(n), path, shown + QLatin1Char('/') + QFile::decodeName(n));
            else if (type != DT_LNK)
                m_tree.skipped.append({path, LocalTree::kindOf(DTTOIF(type))});
            errno = 0;
        }
        if (errno != 0)
            fail(Error::Kind::Io, QStringLiteral("cannot read local directory %1: %2").arg(shown, errnoText(errno)));
        if (identified)
            m_ancestors.remove(identity);
        if (!root && m_tree.files.size() == filesBefore && m_tree.emptyDirs.size() == dirsBefore)
            m_tree.emptyDirs.append(relative);
    }

private:
    // The type of what a link points to when links are followed; else, or when it leads
    // nowhere, DT_LNK, with the link reported as skipped.
    unsigned char followedType(int dirFd, const char *name, const QString &path)
    {
        const QString target = LocalTree::linkTarget(dirFd, name);
        if (!m_followLinks) {
            m_tree.skipped.append({path, QStringLiteral("a symbolic link to %1, not followed (--follow-links follows links)").arg(target)});
            return DT_LNK;
        }
        struct stat st;
        if (::fstatat(dirFd, name, &st, 0) == 0)
            return typeOf(st.st_mode);
        const int err = errno;
        m_tree.skipped.append({path, err == ENOENT ? QStringLiteral("a dangling symbolic link to %1").arg(target)
                                   : err == ELOOP ? QStringLiteral("a symbolic link loop (to %1)").arg(target)
                                                  : QStringLiteral("a symbolic link to %1 that cannot be read: %2").arg(target, errnoText(err))});
        return DT_LNK;
    }

    LocalTree &m_tree;
    const bool m_followLinks;
    QSet<QPair<dev_t, ino_t>> m_ancestors; // directories being walked, when links are followed
};

} // namespace

QString LocalTree::kindOf(unsigned mode)
{
    return S_ISFIFO(mode) ? QStringLiteral("a FIFO (named pipe)") : S_ISSOCK(mode) ? QStringLiteral("a socket")
        : S_ISCHR(mode) ? QStringLiteral("a character device") : S_ISBLK(mode) ? QStringLiteral("a block device")
        : S_ISDIR(mode) ? QStringLiteral("a directory") : S_ISREG(mode) ? QStringLiteral("a regular file")
        : S_ISLNK(mode) ? QStringLiteral("a symbolic link") : QStringLiteral("a file of an unknown kind");
}

QString LocalTree::linkTarget(int dirFd, const char *name)
{
    char buffer[4096];
    const ssize_t n = ::readlinkat(dirFd, name, buffer, sizeof buffer);
    return n < 0 ? QStringLiteral("?") : QFile::decodeName(QByteArray(buffer, int(n)));
}

LocalTree LocalTree::walk(const QString &root, bool followLinks)
{
    LocalTree tree;
    Walker(tree, followLinks).walkInto(AT_FDCWD, QFile::encodeName(root), QString(), root);
    tree.files.sort();
    tree.emptyDirs.sort();
    return tree;
}

} // namespace trove
