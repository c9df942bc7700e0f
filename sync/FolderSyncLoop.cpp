#include "FolderSyncLoop.h"

#include "FolderWatcher.h"

#include <QDateTime>
#include <QDir>
#include <QThread>
#include <QtConcurrent>

namespace trove {

namespace {

constexpr int DefaultSettleMs = 2000;
constexpr int ProgressSampleMs = 250;

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

} // namespace

FolderSyncLoop::FolderSyncLoop(const QString &folder, std::shared_ptr<Repository> repo, QObject *parent)
    : QObject(parent), m_folder(QDir(folder).absolutePath()), m_repo(std::move(repo))
{
    qRegisterMetaType<FolderSyncReport>();
    m_pool.setMaxThreadCount(1);
    m_settle.setSingleShot(true);
    m_settle.setInterval(DefaultSettleMs);
    m_progress.setInterval(ProgressSampleMs);
    connect(&m_future, &QFutureWatcher<Outcome>::finished, this, &FolderSyncLoop::finished);
    connect(&m_poll, &QTimer::timeout, this, &FolderSyncLoop::poll);
    connect(&m_progress, &QTimer::timeout, this, &FolderSyncLoop::sampleProgress);
    connect(&m_settle, &QTimer::timeout, this, &FolderSyncLoop::commitSoon);
}

FolderSyncLoop::~FolderSyncLoop()
{
    // The task uses this object: it is cancelled and waited for, not left running.
    if (m_operation)
        m_operation->cancelled = true;
    m_future.waitForFinished();
    stopWatcher();
}

void FolderSyncLoop::start()
{
    if (m_started)
        return;
    m_started = true;
    m_commitDue = m_headDue = true;
    startWatcher();
    m_poll.start(m_pollSeconds * 1000);
    next();
}

void FolderSyncLoop::stop()
{
    if (!m_started || m_stopping)
        return;
    m_stopping = true;
    m_poll.stop();
    m_settle.stop();
    m_commitDue = !m_paused;
    m_stopDeadline = nowMs() + m_stopWaitMs;
    next();
}

void FolderSyncLoop::pause()
{
    if (m_paused || m_stopping)
        return;
    m_poll.stop();
    m_settle.stop();
    setState(State::Paused, QStringLiteral("paused"));
    m_paused = true; // a task still running finishes, and the state stays Paused
}

void FolderSyncLoop::resume()
{
    if (!m_paused || m_stopping)
        return;
    m_paused = false;
    m_commitDue = m_headDue = true;
    m_poll.start(m_pollSeconds * 1000);
    next();
}

void FolderSyncLoop::startWatcher()
{
    m_watchThread = std::make_unique<QThread>();
    m_watchThread->setObjectName(QStringLiteral("FolderWatcher"));
    m_watcher = new FolderWatcher(m_folder);
    m_watcher->setDebounce(m_debounceMs);
    m_watcher->moveToThread(m_watchThread.get());
    connect(m_watchThread.get(), &QThread::finished, m_watcher, &QObject::deleteLater);
    connect(m_watcher, &FolderWatcher::watching, this, &FolderSyncLoop::watching);
    connect(m_watcher, &FolderWatcher::changed, this, &FolderSyncLoop::commitSoon);
    connect(m_watcher, &FolderWatcher::rescanNeeded, this, [this](const QString &reason) {
        emit rescanning(reason);
        commitSoon();
    });
    m_watchThread->start();
    QMetaObject::invokeMethod(m_watcher, &FolderWatcher::start);
}

void FolderSyncLoop::stopWatcher()
{
    if (!m_watchThread)
        return;
    m_watcher->disconnect(this);
    m_watchThread->quit();
    m_watchThread->wait(); // at most the listing the watcher is in the middle of
    m_watchThread.reset();
    m_watcher = nullptr;
}

void FolderSyncLoop::commitSoon()
{
    m_commitDue = true;
    next();
}

void FolderSyncLoop::poll()
{
    m_headDue = true;
    // After a failure, and for folders the watcher could not cover, the poll also commits.
    if (m_lastFailed || (m_watcher && !m_watcher->isComplete()) || !m_bound)
        m_commitDue = true;
    next();
}

// Runs the next thing due, one at a time: open, then commit, then the head check, then reload.
void FolderSyncLoop::next()
{
    if (m_task != Task::None || m_stopped)
        return;
    if (m_stopping) {
        if (m_commitDue && m_bound)
            run(Task::Commit);
        else if (!m_settle.isActive()) // else waits for files still being written
            finishStop();
        return;
    }
    if (m_paused)
        return;
    if (!m_bound) {
        if (m_commitDue)
            run(Task::Open);
    } else if (m_commitDue) {
        run(Task::Commit);
    } else if (m_headDue) {
        run(Task::Head);
    } else if (m_reloadDue) {
        run(Task::Reload);
    }
}

void FolderSyncLoop::run(Task task)
{
    m_task = task;
    if (task == Task::Open || task == Task::Commit)
        m_commitDue = false; // a failed open is tried again at the next poll, not at once
    else if (task == Task::Head)
        m_headDue = false;
    else if (task == Task::Reload)
        m_reloadDue = false;
    m_operation = std::make_unique<Operation>();
    if (task == Task::Open || task == Task::Commit)
        setState(State::Scanning, QStringLiteral("scanning"));
    else if (task == Task::Reload)
        setState(State::Reloading, QStringLiteral("reloading v%1").arg(m_head));
    m_progress.start();
    Operation *operation = m_operation.get();
    m_future.setFuture(QtConcurrent::run(&m_pool, [this, task, operation] { return work(task, *operation); }));
}

// On the loop's worker thread.
FolderSyncLoop::Outcome FolderSyncLoop::work(Task task, Operation &operation)
{
    Outcome outcome;
    try {
        switch (task) {
        case Task::Open:
            m_bound.emplace(BoundFolder::open(m_folder, m_repo));
            outcome.report = m_bound->commit(operation, m_options);
            break;
        case Task::Commit:
            outcome.report = m_bound->commit(operation, m_options);
            break;
        case Task::Head:
            outcome.head = m_bound->headVersion();
            break;
        case Task::Reload:
            outcome.report = m_bound->reload(operation, m_options);
            break;
        case Task::None:
            break;
        }
    } catch (const Error &e) {
        outcome.ok = false;
        outcome.errorKind = e.kind();
        outcome.error = e.message();
    } catch (const std::exception &e) {
        outcome.ok = false;
        outcome.error = QString::fromLocal8Bit(e.what());
    }
    return outcome;
}

void FolderSyncLoop::finished()
{
    const Task task = std::exchange(m_task, Task::None);
    m_progress.stop();
    m_operation.reset();
    const Outcome outcome = m_future.result();
    m_lastFailed = !outcome.ok;
    if (!outcome.ok) {
        handleFailure(outcome);
    } else if (task == Task::Head) {
        handleHead(outcome.head);
    } else if (task == Task::Reload) {
        m_base = outcome.report.version;
        emit reloaded(m_base, outcome.report);
        setState(State::Idle, upToDate());
    } else {
        if (task == Task::Open)
            m_headDue = true; // the first pass also reloads
        handleCommit(outcome.report);
    }
    next();
}

void FolderSyncLoop::handleCommit(const FolderSyncReport &report)
{
    m_base = report.version;
    if (report.committed) {
        m_lastCommitted = report.version;
        emit committed(report.version, report);
    }
    // "committed vN" while the folder still matches the version it committed.
    if (m_lastCommitted == m_base)
        setState(State::Committed, QStringLiteral("committed v%1").arg(m_base));
    else
        setState(State::Idle, upToDate());
    if (report.unsettled != m_unsettled) {
        m_unsettled = report.unsettled;
        emit waiting(m_unsettled);
    }
    if (m_unsettled.isEmpty())
        return;
    if (!m_stopping || nowMs() < m_stopDeadline)
        m_settle.start();
}

void FolderSyncLoop::handleHead(qint64 head)
{
    m_head = head;
    if (head <= m_base)
        return;
    m_reloadDue = true;
    const qint64 behind = head - m_base;
    setState(State::Behind, behind == 1 ? QStringLiteral("1 version behind") : QStringLiteral("%1 versions behind").arg(behind));
}

void FolderSyncLoop::handleFailure(const Outcome &outcome)
{
    if (outcome.errorKind == Error::Kind::Busy) {
        // Files are open in the folder: a state, not a failure; the next poll tries again.
        m_lastFailed = false;
        const qint64 behind = m_head - m_base;
        setState(State::Behind, QStringLiteral("%1 behind; %2")
                                    .arg(behind == 1 ? QStringLiteral("1 version") : QStringLiteral("%1 versions").arg(behind),
                                         outcome.error));
        emit busy(outcome.error);
        return;
    }
    setState(State::Error, QStringLiteral("error: %1").arg(outcome.error));
    emit failed(outcome.error);
}

void FolderSyncLoop::sampleProgress()
{
    if (!m_operation || (m_task != Task::Commit && m_task != Task::Open))
        return;
    const qint64 total = m_operation->filesTotal.load();
    if (total > 0)
        setState(State::Uploading, QStringLiteral("uploading %1 of %2").arg(m_operation->filesDone.load()).arg(total));
}

void FolderSyncLoop::finishStop()
{
    m_stopped = true;
    m_poll.stop();
    m_settle.stop();
    stopWatcher();
    emit stopped();
}

void FolderSyncLoop::setState(State state, const QString &text)
{
    if ((state == m_state && text == m_stateText) || (m_paused && !m_stopping && state != State::Error))
        return;
    m_state = state;
    m_stateText = text;
    emit stateChanged(state, text);
}

QString FolderSyncLoop::upToDate() const
{
    return QStringLiteral("up to date at v%1").arg(m_base);
}

} // namespace trove
