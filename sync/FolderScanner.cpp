#include "FolderScanner.h"

#include "FileDescriptor.h"
#include "LocalTree.h"
#include "OpenFiles.h"
#include "RemotePath.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QThread>
#include <algorithm>
#include <future>
#include <vector>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

namespace trove {
namespace {

struct DirCloser { void operator()(DIR *d) const { closedir(d); } };

qint64 nanoseconds(const struct timespec &t) { return qint64(t.tv_sec) * 1'000'000'000 + t.tv_nsec; }

ScannedFile scannedOf(const struct stat &st)
{
    return {{qint64(st.st_size), nanoseconds(st.st_mtim), qint64(st.st_ino)}, nanoseconds(st.st_ctim)};
}

qint64 nowNs()
{
    struct timespec t;
    ::clock_gettime(CLOCK_REALTIME, &t);
    return nanoseconds(t);
}

class Walk
{
public:
    Walk(const QString &root, const IgnoreRules &rules, FolderWalk &out, Operation &operation)
        : m_root(root), m_rules(rules), m_out(out), m_operation(operation) {}

    void directory(int parentFd, const QByteArray &name, const QString &relative)
    {
        const bool top = relative.isEmpty();
        const int fd = ::openat(parentFd, name.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | (top ? 0 : O_NOFOLLOW));
        if (fd < 0) {
            const int err = errno;
            if (err == ENOENT && top)
                fail(Error::Kind::NotFound, QStringLiteral("bound folder %1 does not exist (moved, deleted, or its disk is not mounted); nothing was done").arg(m_root));
            if (err == ENOENT) // removed while the walk ran: its files are gone
                return;
            fail(Error::Kind::Io, QStringLiteral("cannot read %1: %2; nothing was done, fix its permissions or add it to .troveignore")
                                      .arg(shown(relative), errnoText(err)));
        }
        const std::unique_ptr<DIR, DirCloser> dir(fdopendir(fd));
        if (!dir) {
            const int err = errno;
            ::close(fd);
            fail(Error::Kind::Io, QStringLiteral("cannot read %1: %2").arg(shown(relative), errnoText(err)));
        }
        m_operation.throwIfCancelled();
        const QString prefix = top ? QString() : relative + QLatin1Char('/');
        errno = 0;
        while (const dirent *entry = readdir(dir.get())) {
            const char *n = entry->d_name;
            if (n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0')))
                continue;
            const QString path = prefix + QFile::decodeName(n);
            if (top && path == QLatin1String(".trove"))
                continue;
            unsigned char type = entry->d_type;
            struct stat st;
            bool statted = false;
            if (type == DT_UNKNOWN || type == DT_REG) {
                if (::fstatat(fd, n, &st, AT_SYMLINK_NOFOLLOW) != 0) {
                    errno = 0;
                    continue; // removed since readdir
                }
                statted = true;
                type = S_ISREG(st.st_mode) ? DT_REG : S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
            }
            const bool isDir = type == DT_DIR;
            if (m_rules.isIgnored(path, isDir)) {
                errno = 0;
                continue;
            }
            if (type == DT_REG) {
                m_out.files.push_back({m_out.paths.size(), path.size(), scannedOf(st)});
                m_out.paths += path;
            } else if (isDir) {
                directory(fd, QByteArray(n), path);
            } else if (type == DT_LNK) {
                m_out.skipped.append(QStringLiteral("%1: a symbolic link to %2, not followed (a bound folder keeps links out)").arg(path, LocalTree::linkTarget(fd, n)));
            } else {
                m_out.skipped.append(QStringLiteral("%1: %2").arg(path, LocalTree::kindOf(statted ? st.st_mode : DTTOIF(type))));
            }
            errno = 0;
        }
        if (errno != 0)
            fail(Error::Kind::Io, QStringLiteral("cannot read %1: %2; nothing was done").arg(shown(relative), errnoText(errno)));
    }

private:
    QString shown(const QString &relative) const { return relative.isEmpty() ? m_root : m_root + QLatin1Char('/') + relative; }

    const QString &m_root;
    const IgnoreRules &m_rules;
    FolderWalk &m_out;
    Operation &m_operation;
};

} // namespace

FolderWalk FolderScanner::walk(Operation &operation) const
{
    FolderWalk out;
    Walk(m_root, m_rules, out, operation).directory(AT_FDCWD, QFile::encodeName(m_root), QString());
    return out;
}

FolderScan FolderScanner::compare(const FolderWalk &walk, const FolderFiles &journal) const
{
    FolderScan scan;
    scan.filesSeen = qint64(walk.files.size());
    scan.skipped = walk.skipped;
    std::vector<bool> seen(size_t(journal.size()));
    qsizetype seenCount = 0;
    for (const FolderWalk::File &found : walk.files) {
        // An unchanged file is counted, and nothing more.
        const QStringView view = walk.pathOf(found);
        const qsizetype known = journal.indexOf(view);
        if (known >= 0) {
            seen[size_t(known)] = true;
            ++seenCount;
            if (journal.record(known).fingerprint == found.stat.fingerprint)
                continue;
        }
        const QString path = view.toString();
        if (known >= 0) {
            scan.changes.modified.append(path);
        } else {
            try {
                remotepath::normalize(path); // a name a volume cannot hold is left out
            } catch (const Error &e) {
                scan.skipped.append(QStringLiteral("%1: %2").arg(path, e.message()));
                continue;
            }
            scan.changes.added.append(path);
        }
        scan.files.insert(path, found.stat);
    }
    for (qsizetype i = 0; seenCount != journal.size() && i < journal.size(); ++i) {
        if (seen[size_t(i)])
            continue;
        const QString path = journal.path(i).toString();
        if (!isIgnored(path))
            scan.changes.removed.append(path);
    }
    scan.changes.added.sort();
    scan.changes.modified.sort();
    scan.changes.removed.sort();
    scan.skipped.sort();
    return scan;
}

FolderScan FolderScanner::scan(FolderJournal &journal, FolderFiles &known, Operation &operation) const
{
    // The journal's connection is used by the reading thread alone until get().
    std::future<FolderFiles> reading = std::async(std::launch::async, [&journal] { return journal.files(); });
    const FolderWalk found = walk(operation);
    known = reading.get();
    return compare(found, known);
}

void FolderScanner::settle(FolderScan &scan, int settleMs, Operation &operation) const
{
    const QStringList changed = scan.changes.added + scan.changes.modified;
    if (changed.isEmpty())
        return;
    const QSet<QString> changedSet(changed.cbegin(), changed.cend());
    QSet<QString> unsettled;
    const QString prefix = QDir::cleanPath(m_root) + QLatin1Char('/');
    for (const OpenFile &open : openFilesUnder(m_root)) {
        const QString path = open.path.mid(prefix.size());
        if (open.forWriting && open.path.startsWith(prefix) && changedSet.contains(path))
            unsettled.insert(path);
    }
    // Files changed within the window are watched until it has passed since their change:
    // one that changes meanwhile is still being written.
    const qint64 window = qint64(settleMs) * 1'000'000;
    qint64 waitUntil = 0;
    QStringList recent;
    for (const QString &path : changed) {
        const qint64 ctime = scan.files.value(path).ctimeNs;
        if (!unsettled.contains(path) && nowNs() - ctime < window) {
            recent.append(path);
            waitUntil = qMax(waitUntil, ctime + window);
        }
    }
    while (!recent.isEmpty() && nowNs() < waitUntil) {
        operation.throwIfCancelled();
        QThread::msleep(quint64(qBound(qint64(1), (waitUntil - nowNs()) / 1'000'000, qint64(100))));
    }
    const QByteArray root = QFile::encodeName(prefix);
    for (const QString &path : recent) {
        struct stat st;
        const ScannedFile before = scan.files.value(path);
        if (::lstat((root + QFile::encodeName(path)).constData(), &st) != 0 || !S_ISREG(st.st_mode)
            || !(scannedOf(st).fingerprint == before.fingerprint) || scannedOf(st).ctimeNs != before.ctimeNs)
            unsettled.insert(path);
    }
    auto takeOut = [&](QStringList &list) {
        list.erase(std::remove_if(list.begin(), list.end(), [&](const QString &p) { return unsettled.contains(p); }), list.end());
    };
    takeOut(scan.changes.added);
    takeOut(scan.changes.modified);
    scan.unsettled = QStringList(unsettled.cbegin(), unsettled.cend());
    scan.unsettled.sort();
}

} // namespace trove
