#pragma once

#include "FileDescriptor.h"
#include "IgnoreRules.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <atomic>
#include <memory>
#include <optional>

class QSocketNotifier;

namespace trove {

// Watches a folder tree with inotify and reports, debounced, which paths changed: a burst of
// events becomes one changed() once the tree was quiet for debounce(), or after maxDelay() of
// constant activity, so a folder that never rests still reports. New subfolders are watched
// as they appear, and the files made in them before their watch existed are reported by
// listing them. Ignored paths (IgnoreRules, .trove/ included) are not reported, ignored
// folders not watched. When events were lost (the kernel's queue overflowed, a watch vanished
// while its folder is still wanted, or no watch could be added) rescanNeeded() asks the
// owner to compare the whole folder instead.
//
// Paths are relative to the root, '/'-separated. An editor's save by writing a temporary
// file and renaming it over the original, or deleting then renaming, reports the final path:
// a scanner then finds the file present, a change rather than a delete.
class FolderWatcher : public QObject
{
    Q_OBJECT
public:
    explicit FolderWatcher(const QString &root, QObject *parent = nullptr);
    ~FolderWatcher() override;

    // Watches the tree. Blocking while it lists the folders: a large tree is better watched
    // from a worker thread. Failures are reported by rescanNeeded().
    void start();

    QString root() const { return m_root; }
    int debounce() const { return m_quiet.interval(); }
    void setDebounce(int milliseconds) { m_quiet.setInterval(milliseconds); }
    int maxDelay() const { return m_maxDelay.interval(); }
    void setMaxDelay(int milliseconds) { m_maxDelay.setInterval(milliseconds); }
    // False while some folder could not be watched (the watch limit): its changes are only
    // found by scanning, so the owner should scan now and then.
    // Safe from any thread.
    bool isComplete() const { return m_complete; }
    int watchedFolders() const { return int(m_dirs.size()); }

signals:
    // start() is done: events from now on are reported.
    void watching(int folders);
    void changed(const QStringList &relativePaths);
    void rescanNeeded(const QString &reason);

private:
    void loadRules();
    bool isIgnored(const QString &relativePath, bool isDir);
    void readEvents();
    void handleEvent(int wd, quint32 mask, const QString &name);
    // Watches `relativeDir` and the folders under it; with `reportFiles`, reports every path
    // in them too (a new folder whose files may predate its watch).
    void watchTree(const QString &relativeDir, bool reportFiles);
    bool addWatch(const QString &relativeDir);
    void forgetTree(const QString &relativeDir);
    void rewatchAll(const QString &reason);
    void note(const QString &relativePath);
    void requestRescan(const QString &reason);
    void armTimers();
    void flush();
    QString absolute(const QString &relativePath) const;

    QString m_root;
    std::optional<IgnoreRules> m_ignore; // none while a .troveignore cannot be read
    FileDescriptor m_inotify;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QHash<int, QString> m_dirs;    // watch descriptor -> folder relative to the root
    QHash<QString, int> m_watches; // the reverse
    std::atomic<bool> m_complete{true};
    bool m_limitReported = false;

    QSet<QString> m_pending;
    QString m_rescanReason;
    QTimer m_quiet;    // restarted by every event
    QTimer m_maxDelay; // started by the first event of a burst
};

} // namespace trove
