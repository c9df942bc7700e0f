#include "WatchedFolders.h"

#include "Async.h"
#include "ErrorText.h"
#include "FolderJobs.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace trove::ui {

namespace {

QString cleanFolder(const QString &folder) { return QDir::cleanPath(QDir(folder).absolutePath()); }

// At quit: how long a folder waits for files still being written, and for all folders at most.
constexpr int QuitStopWaitMs = 5000;
constexpr int QuitCapMs = 20000;

} // namespace

WatchedFolders::WatchedFolders(QObject *parent) : QObject(parent)
{
    connect(qApp, &QCoreApplication::aboutToQuit, this, &WatchedFolders::stopForQuit);
    connect(&m_saving, &QFutureWatcher<bool>::finished, this, [this] {
        if (!m_saving.result())
            emit failed(tr("Could not save the list of watched folders to %1; they stay watched while Trove runs. Check that the folder is writable.")
                            .arg(WatchedFolderStore::filePath()));
        if (m_dirty)
            save();
    });
}

WatchedFolders::~WatchedFolders()
{
    // The process may be about to end: a change not saved yet is written now.
    m_saving.waitForFinished();
    if (m_dirty)
        WatchedFolderStore::save(folders());
    // Each loop cancels its running task and waits for it as it goes.
}

void WatchedFolders::restore()
{
    runAsync(this, [] { return WatchedFolderStore::load(); }, [this](const Result<QList<WatchedFolder>> &result) {
        m_restored = true;
        for (const WatchedFolder &folder : result.value.value_or(QList<WatchedFolder>()))
            if (!find(folder.folder))
                startLoop(folder, nullptr); // the loop opens the store the folder is bound on
        if (m_dirty) // a bind finished while the list was loading
            save();
    });
}

void WatchedFolders::bind(std::shared_ptr<Repository> repo, const QString &storeUrl, const QString &volume, const QString &folder,
                          const QString &remotePath)
{
    if (isBinding() || !repo)
        return;
    const QString path = cleanFolder(folder);
    if (find(path)) {
        emit bindFinished(false, tr("%1 is watched already; its state is in the list of watched folders.").arg(path));
        return;
    }
    auto *job = new FolderBindJob(repo, storeUrl, volume, path, remotePath, {}, this);
    m_bindJob = job;
    connect(job, &Job::progress, this, [this](const ProgressSnapshot &p) { emit bindProgress(p.filesDone, p.filesTotal); });
    connect(job, &Job::finished, this, [this, job, repo, volume, path](const JobResult &result) {
        job->deleteLater(); // never deleted inside its own signal
        m_bindJob.clear();
        if (!result.ok) {
            const QString context = tr("Could not bind folder %1 to volume \"%2\".").arg(path, volume);
            emit bindFinished(false, result.errorKind == Error::Kind::Cancelled ? QString() : describeError(result.errorKind, result.error, context));
            return;
        }
        const FolderBinding &binding = job->folder()->binding();
        startLoop({binding.folder, binding.store, binding.volume, binding.remotePath, false}, repo);
        save();
        emit bindFinished(true, result.summary);
    });
    job->start();
}

void WatchedFolders::cancelBind()
{
    if (m_bindJob)
        m_bindJob->cancel();
}

void WatchedFolders::setPaused(const QString &folder, bool paused)
{
    Entry *entry = find(folder);
    if (!entry || entry->removing || entry->folder.paused == paused)
        return;
    entry->folder.paused = paused;
    if (paused)
        entry->loop->pause();
    else
        entry->loop->resume(); // commits what changed meanwhile
    emit pausedChanged(entry->folder.folder, paused);
    save();
}

void WatchedFolders::remove(const QString &folder)
{
    Entry *entry = find(folder);
    if (!entry || entry->removing)
        return;
    entry->removing = true;
    emit removing(entry->folder.folder);
    save(); // forgotten now: a crash during the last commit does not bring it back
    entry->loop->stop(); // stopped() follows the last commit
}

// The seed's commit on exit: the window is gone, and each running folder commits what changed
// before the process ends. The folders stay in the list for the next start.
void WatchedFolders::stopForQuit()
{
    m_quitting = true;
    QEventLoop wait;
    int running = 0;
    for (Entry &e : m_entries) {
        if (!e.loop->isRunning())
            continue; // a folder being removed is waited for too: its last commit is under way
        ++running;
        connect(e.loop.get(), &FolderSyncLoop::stopped, &wait, [&] {
            if (--running == 0)
                wait.quit();
        });
        e.loop->setStopWait(QuitStopWaitMs);
        e.loop->stop();
    }
    if (running > 0) {
        QTimer::singleShot(QuitCapMs, &wait, &QEventLoop::quit);
        wait.exec();
    }
}

void WatchedFolders::startLoop(const WatchedFolder &folder, std::shared_ptr<Repository> repo)
{
    auto loop = std::make_unique<FolderSyncLoop>(folder.folder, std::move(repo));
    connect(loop.get(), &FolderSyncLoop::stateChanged, this, [this, path = folder.folder](FolderSyncLoop::State state, const QString &text) {
        Entry *entry = find(path);
        if (!entry)
            return;
        // The banner says once that a folder fell out of sync, not at every retry; its row
        // keeps saying it until the folder is in sync again.
        using S = FolderSyncLoop::State;
        if (state == S::Error && !std::exchange(entry->errorShown, true)) {
            const QString reason = text.startsWith(QLatin1String("error: ")) ? text.mid(7) : text;
            emit failed(tr("Watched folder %1 is not kept in sync: %2. Trove tries again every few seconds; the Watched Folders panel shows its state.")
                            .arg(path, reason));
        } else if (state == S::Idle || state == S::Committed || state == S::Behind) {
            entry->errorShown = false;
        }
        emit stateChanged(path, state, text);
    });
    connect(loop.get(), &FolderSyncLoop::stopped, this, [this, path = folder.folder] {
        if (!m_quitting)
            forget(path);
    });
    FolderSyncLoop *started = loop.get();
    m_entries.push_back({folder, std::move(loop)});
    emit folderAdded(folder);
    if (folder.paused)
        started->pause(); // before start(): a paused folder is not even scanned
    started->start();
}

void WatchedFolders::forget(const QString &folder)
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry &e) { return e.folder.folder == folder; });
    if (it == m_entries.end())
        return;
    it->loop.release()->deleteLater(); // we are inside its stopped() signal
    m_entries.erase(it);
    emit folderRemoved(folder);
}

WatchedFolders::Entry *WatchedFolders::find(const QString &folder)
{
    const QString path = cleanFolder(folder);
    for (Entry &e : m_entries)
        if (e.folder.folder == path)
            return &e;
    return nullptr;
}

const WatchedFolders::Entry *WatchedFolders::find(const QString &folder) const
{
    return const_cast<WatchedFolders *>(this)->find(folder);
}

QList<WatchedFolder> WatchedFolders::folders() const
{
    QList<WatchedFolder> list;
    for (const Entry &e : m_entries)
        if (!e.removing)
            list.append(e.folder);
    return list;
}

FolderSyncLoop *WatchedFolders::loop(const QString &folder) const
{
    const Entry *entry = find(folder);
    return entry ? entry->loop.get() : nullptr;
}

// One save at a time, the newest list last: a change during a save saves again after it.
void WatchedFolders::save()
{
    m_dirty = true;
    if (!m_restored || m_saving.isRunning())
        return;
    m_dirty = false;
    m_saving.setFuture(QtConcurrent::run(EnginePool::instance(), [list = folders()] { return WatchedFolderStore::save(list); }));
}

} // namespace trove::ui
