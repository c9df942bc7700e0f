#pragma once

#include "FolderSyncLoop.h"
#include "WatchedFolderStore.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <memory>
#include <vector>

namespace trove {
class FolderBindJob;
class Repository;
}

namespace trove::ui {

// The folders the app keeps in sync, one FolderSyncLoop each: binds new ones as a job,
// pauses, resumes and removes them, and keeps the list (with the paused flags) for the next
// start; at quit each folder commits what changed. Everything blocking runs off the GUI thread:
// the bind in its job, the loops' work on their own threads, the list's file on EnginePool.
class WatchedFolders : public QObject
{
    Q_OBJECT
public:
    explicit WatchedFolders(QObject *parent = nullptr);
    ~WatchedFolders() override;

    // Loads the saved list and starts a loop for each folder; paused ones stay paused.
    void restore();
    bool isRestored() const { return m_restored; }

    // Binds `folder` to `volume` (created when missing) at `remotePath` as a job, then keeps
    // it in sync. One bind at a time.
    void bind(std::shared_ptr<Repository> repo, const QString &storeUrl, const QString &volume, const QString &folder,
              const QString &remotePath);
    void cancelBind();
    bool isBinding() const { return !m_bindJob.isNull(); }

    void setPaused(const QString &folder, bool paused);
    // Stops the folder's loop once it made its last commit, then forgets the folder; the
    // folder and its files stay as they are.
    void remove(const QString &folder);

    QList<WatchedFolder> folders() const;
    FolderSyncLoop *loop(const QString &folder) const;

signals:
    void folderAdded(const trove::ui::WatchedFolder &folder);
    void pausedChanged(const QString &folder, bool paused);
    void stateChanged(const QString &folder, trove::FolderSyncLoop::State state, const QString &text);
    void removing(const QString &folder);
    void folderRemoved(const QString &folder);
    void bindProgress(qint64 filesDone, qint64 filesTotal);
    // `message`: the bind's summary, or a sentence for the error banner ("" when cancelled).
    void bindFinished(bool ok, const QString &message);
    void failed(const QString &message);

private:
    struct Entry
    {
        WatchedFolder folder;
        std::unique_ptr<FolderSyncLoop> loop;
        bool removing = false;
        bool errorShown = false; // in the banner, since the folder was last in sync
    };

    void startLoop(const WatchedFolder &folder, std::shared_ptr<Repository> repo);
    void stopForQuit();
    void forget(const QString &folder);
    Entry *find(const QString &folder);
    const Entry *find(const QString &folder) const;
    void save();

    std::vector<Entry> m_entries;
    QPointer<FolderBindJob> m_bindJob;
    bool m_restored = false;
    bool m_quitting = false;
    bool m_dirty = false; // the list changed since the last save started
    QFutureWatcher<bool> m_saving;
};

} // namespace trove::ui
