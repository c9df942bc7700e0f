#pragma once

#include "BoundFolder.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <memory>
#include <optional>

class QThread;

namespace trove {

class FolderWatcher;

// Keeps one bound folder in sync while it runs, the seed's background commit: it commits
// what changed once the folder was quiet for a moment, waits for files still being written
// until they settle (a checkpoint written over 30 s is committed whole, never half), polls
// the volume's head and reloads newer versions, and makes a last commit on stop().
//
// The folder's blocking work (open, commit, head, reload) runs on a thread of its own, one
// call at a time, and the watcher lists the tree on another: the thread the loop lives in
// (the GUI's, in the app) never waits for the disk or the store.
class FolderSyncLoop : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Scanning, Uploading, Committed, Behind, Reloading, Paused, Error };
    Q_ENUM(State)

    // `repo` null: the store the binding was made on.
    explicit FolderSyncLoop(const QString &folder, std::shared_ptr<Repository> repo = nullptr,
                            QObject *parent = nullptr);
    ~FolderSyncLoop() override;

    // Settings; take effect at start().
    void setPollInterval(int seconds) { m_pollSeconds = seconds; }
    void setDebounce(int milliseconds) { m_debounceMs = milliseconds; }
    // How soon a file still being written is looked at again.
    void setSettleDelay(int milliseconds) { m_settle.setInterval(milliseconds); }
    // How long stop() waits for files still being written before it gives up on them.
    void setStopWait(int milliseconds) { m_stopWaitMs = milliseconds; }
    void setOptions(const FolderSyncOptions &options) { m_options = options; }

    QString folder() const { return m_folder; }
    State state() const { return m_state; }
    QString stateText() const { return m_stateText; }
    qint64 baseVersion() const { return m_base; }
    bool isRunning() const { return m_started && !m_stopped; }

    // Opens the binding (cleaning up what a crash left), commits and reloads once, then
    // follows the folder and the volume.
    void start();
    // Commits what changed, waiting up to the stop wait for files still being written, and
    // emits stopped(). A paused loop stops without committing.
    void stop();
    void pause();
    void resume();

signals:
    void stateChanged(trove::FolderSyncLoop::State state, const QString &text);
    // The watcher is in place: changes from now on are seen.
    void watching(int folders);
    void committed(qint64 version, const trove::FolderSyncReport &report);
    void reloaded(qint64 version, const trove::FolderSyncReport &report);
    // The files left out of commits because they are still being written, when that list
    // changes (empty: none any more). They are looked at again soon.
    void waiting(const QStringList &unsettled);
    // A reload refused while files are open; retried at the next poll.
    void busy(const QString &message);
    // The watcher lost events: the whole folder is compared.
    void rescanning(const QString &reason);
    void failed(const QString &error);
    void stopped();

private:
    enum class Task { None, Open, Commit, Head, Reload };
    struct Outcome
    {
        bool ok = true;
        Error::Kind errorKind = Error::Kind::Io;
        QString error;
        FolderSyncReport report;
        qint64 head = 0;
    };

    void startWatcher();
    void stopWatcher();
    void commitSoon();
    void next();
    void run(Task task);
    Outcome work(Task task, Operation &operation);
    void finished();
    void handleCommit(const FolderSyncReport &report);
    void handleHead(qint64 head);
    void handleFailure(const Outcome &outcome);
    void poll();
    void sampleProgress();
    void finishStop();
    void setState(State state, const QString &text);
    QString upToDate() const;

    QString m_folder;
    std::shared_ptr<Repository> m_repo;
    FolderSyncOptions m_options;
    int m_pollSeconds = 5;
    int m_debounceMs = 1000;
    int m_stopWaitMs = 30000;

    // Only the running task touches the binding; tasks run one at a time.
    std::optional<BoundFolder> m_bound;
    QThreadPool m_pool;
    std::unique_ptr<Operation> m_operation;
    QFutureWatcher<Outcome> m_future;
    Task m_task = Task::None;

    std::unique_ptr<QThread> m_watchThread;
    FolderWatcher *m_watcher = nullptr; // lives in m_watchThread, deleted when it finishes

    bool m_started = false, m_stopping = false, m_stopped = false, m_paused = false;
    bool m_commitDue = false, m_headDue = false, m_reloadDue = false, m_lastFailed = false;
    qint64 m_base = 0;
    qint64 m_head = 0;
    qint64 m_lastCommitted = 0;
    qint64 m_stopDeadline = 0; // ms since epoch
    State m_state = State::Idle;
    QString m_stateText;
    QStringList m_unsettled;
    QTimer m_poll, m_settle, m_progress;
};

} // namespace trove

Q_DECLARE_METATYPE(trove::FolderSyncReport)
