#include "FolderWatcher.h"

#include "Error.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSocketNotifier>
#include <algorithm>
#include <cerrno>
#include <sys/inotify.h>
#include <unistd.h>

namespace trove {

namespace {

constexpr quint32 WatchMask = IN_CREATE | IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_DELETE | IN_MOVED_FROM
    | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK;
constexpr int DefaultDebounceMs = 1000;
constexpr int DefaultMaxDelayMs = 10000;
const QString IgnoreFile = QStringLiteral(".troveignore");

QString joined(const QString &dir, const QString &name)
{
    return dir.isEmpty() ? name : dir + QLatin1Char('/') + name;
}

bool isUnder(const QString &path, const QString &dir)
{
    return dir.isEmpty() || path == dir || (path.startsWith(dir) && path.at(dir.size()) == QLatin1Char('/'));
}

} // namespace

FolderWatcher::FolderWatcher(const QString &root, QObject *parent)
    : QObject(parent), m_root(QDir(root).absolutePath()), m_quiet(this), m_maxDelay(this)
{
    m_quiet.setSingleShot(true);
    m_quiet.setInterval(DefaultDebounceMs);
    m_maxDelay.setSingleShot(true);
    m_maxDelay.setInterval(DefaultMaxDelayMs);
    connect(&m_quiet, &QTimer::timeout, this, &FolderWatcher::flush);
    connect(&m_maxDelay, &QTimer::timeout, this, &FolderWatcher::flush);
}

FolderWatcher::~FolderWatcher() = default;

void FolderWatcher::start()
{
    loadRules();
    m_inotify.reset(inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
    if (!m_inotify.isValid()) {
        // Too many inotify instances (fs.inotify.max_user_instances): scanning still works.
        m_complete = false;
        requestRescan(QStringLiteral("cannot watch %1: %2; changes are found by scanning instead")
                          .arg(m_root, errnoText(errno)));
        emit watching(0);
        return;
    }
    m_notifier = std::make_unique<QSocketNotifier>(m_inotify.get(), QSocketNotifier::Read, this);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &FolderWatcher::readEvents);
    watchTree(QString(), false);
    emit watching(watchedFolders());
}

void FolderWatcher::loadRules()
{
    try {
        m_ignore = IgnoreRules::forFolder(m_root);
    } catch (const Error &e) {
        m_ignore.reset();
        requestRescan(e.message());
    }
}

bool FolderWatcher::isIgnored(const QString &relativePath, bool isDir)
{
    if (m_ignore) {
        try {
            return m_ignore->isIgnored(relativePath, isDir);
        } catch (const Error &e) {
            requestRescan(e.message()); // the commit reports it too, and syncs nothing meanwhile
        }
    }
    // Without readable rules only the binding's own folder is left out: watching more is harmless.
    return relativePath.split(QLatin1Char('/')).contains(QLatin1String(".trove"));
}

QString FolderWatcher::absolute(const QString &relativePath) const
{
    return relativePath.isEmpty() ? m_root : m_root + QLatin1Char('/') + relativePath;
}

void FolderWatcher::readEvents()
{
    alignas(inotify_event) char buffer[64 * 1024];
    // A bounded number of reads: under a constant stream of events the timers still get
    // their turn, and the notifier calls again for the rest.
    for (int reads = 0; reads < 16; ++reads) {
        const ssize_t size = ::read(m_inotify.get(), buffer, sizeof buffer);
        if (size < 0 && errno == EINTR)
            continue;
        if (size <= 0)
            return; // EAGAIN: the queue is drained
        for (ssize_t offset = 0; offset < size;) {
            const auto *event = reinterpret_cast<const inotify_event *>(buffer + offset);
            handleEvent(event->wd, event->mask, event->len ? QFile::decodeName(event->name) : QString());
            offset += ssize_t(sizeof(inotify_event) + event->len);
        }
    }
}

void FolderWatcher::handleEvent(int wd, quint32 mask, const QString &name)
{
    if (mask & IN_Q_OVERFLOW) {
        rewatchAll(QStringLiteral("events were lost (more than fs.inotify.max_queued_events at once)"));
        return;
    }
    const auto found = m_dirs.constFind(wd);
    if (found == m_dirs.constEnd())
        return; // a watch already given up: its folder was moved away or rewatched
    const QString dir = *found;
    if (mask & IN_IGNORED) {
        // The kernel dropped a watch we still hold (the file system was unmounted, or the
        // folder went without a delete event): its changes can only be found by scanning.
        m_dirs.remove(wd);
        m_watches.remove(dir);
        rewatchAll(QStringLiteral("the watch on %1 was lost").arg(absolute(dir)));
        return;
    }
    if (mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
        if (dir.isEmpty()) {
            requestRescan(QStringLiteral("%1 itself was removed or moved").arg(m_root));
            return;
        }
        if (mask & IN_DELETE_SELF) {
            m_dirs.remove(wd);
            m_watches.remove(dir);
        }
        return; // the parent's event reports the path
    }

    const QString path = joined(dir, name);
    const bool isDir = mask & IN_ISDIR;
    if (isIgnored(path, isDir))
        return;
    if (name == IgnoreFile) {
        loadRules(); // rules are read once per IgnoreRules: a new one sees the edit
        rewatchAll(QStringLiteral("%1 changed").arg(path));
    } else if (isDir && (mask & IN_MOVED_FROM)) {
        forgetTree(path);
    } else if (isDir && (mask & (IN_CREATE | IN_MOVED_TO))) {
        watchTree(path, true);
    }
    note(path);
}

void FolderWatcher::watchTree(const QString &relativeDir, bool reportFiles)
{
    QStringList pending{relativeDir};
    while (!pending.isEmpty()) {
        const QString dir = pending.takeLast();
        if (!addWatch(dir))
            continue;
        // Listed after the watch exists: a file made in between is both listed and reported.
        QDirIterator entries(absolute(dir), QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
        while (entries.hasNext()) {
            entries.next();
            const QFileInfo info = entries.fileInfo();
            const QString path = joined(dir, info.fileName());
            const bool isDir = info.isDir() && !info.isSymLink();
            if (isIgnored(path, isDir))
                continue;
            if (isDir)
                pending.append(path);
            if (reportFiles)
                note(path);
        }
    }
}

bool FolderWatcher::addWatch(const QString &relativeDir)
{
    const int wd = inotify_add_watch(m_inotify.get(), QFile::encodeName(absolute(relativeDir)).constData(), WatchMask);
    if (wd < 0) {
        const int err = errno;
        if (err == ENOENT || err == ENOTDIR)
            return false; // gone already; its parent's event reports it
        m_complete = false;
        if (!m_limitReported) {
            m_limitReported = true;
            const QString why = err == ENOSPC
                ? QStringLiteral("the limit on inotify watches is reached; raise fs.inotify.max_user_watches (sysctl)")
                : errnoText(err);
            requestRescan(QStringLiteral("cannot watch %1: %2; its changes are found by scanning until then")
                              .arg(absolute(relativeDir), why));
        }
        return false;
    }
    m_dirs.insert(wd, relativeDir);
    m_watches.insert(relativeDir, wd);
    return true;
}

void FolderWatcher::forgetTree(const QString &relativeDir)
{
    for (auto it = m_watches.begin(); it != m_watches.end();) {
        if (isUnder(it.key(), relativeDir)) {
            inotify_rm_watch(m_inotify.get(), it.value());
            m_dirs.remove(it.value());
            it = m_watches.erase(it);
        } else {
            ++it;
        }
    }
}

void FolderWatcher::rewatchAll(const QString &reason)
{
    forgetTree(QString());
    m_complete = true;
    m_limitReported = false;
    watchTree(QString(), false);
    requestRescan(reason);
}

void FolderWatcher::note(const QString &relativePath)
{
    m_pending.insert(relativePath);
    armTimers();
}

void FolderWatcher::requestRescan(const QString &reason)
{
    if (m_rescanReason.isEmpty())
        m_rescanReason = reason;
    armTimers();
}

void FolderWatcher::armTimers()
{
    m_quiet.start();
    if (!m_maxDelay.isActive())
        m_maxDelay.start();
}

void FolderWatcher::flush()
{
    m_quiet.stop();
    m_maxDelay.stop();
    const QString reason = std::exchange(m_rescanReason, QString());
    QStringList paths(m_pending.cbegin(), m_pending.cend());
    m_pending.clear();
    std::sort(paths.begin(), paths.end());
    if (!reason.isEmpty())
        emit rescanNeeded(reason);
    if (!paths.isEmpty())
        emit changed(paths);
}

} // namespace trove
