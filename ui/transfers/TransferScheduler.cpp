#include "TransferScheduler.h"

#include "Jobs.h"
#include "TransferStore.h"

#include "EnginePool.h"
#include "Formats.h"

#include <QEventLoop>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace trove::ui {
namespace {

constexpr int MaxDownloadsPerStore = 2;
constexpr int SaveCountersMs = 5000;
constexpr int TotalsMs = 1000;

bool isRunnable(BatchState state) { return state == BatchState::Queued; }

} // namespace

TransferScheduler::TransferScheduler(QObject *parent) : TransferScheduler(TransferStore::defaultPath(), parent) {}

TransferScheduler::TransferScheduler(const QString &databasePath, QObject *parent)
    : QObject(parent), m_model(new TransferQueueModel(this))
{
    m_saveCounters.setInterval(SaveCountersMs);
    connect(&m_saveCounters, &QTimer::timeout, this, &TransferScheduler::saveCounters);
    m_saveCounters.start();
    m_totalsTimer.setInterval(TotalsMs);
    connect(&m_totalsTimer, &QTimer::timeout, this, &TransferScheduler::updateTotals);
    // The SQLite file is opened and read on a worker: the window shows at once and the
    // panel fills when the queue is read.
    m_loading = QtConcurrent::run(EnginePool::instance(), [databasePath] {
        auto store = std::make_shared<TransferStore>(databasePath);
        return std::make_pair(store, store->load());
    });
    auto *watcher = new QFutureWatcher<LoadedQueue>(this);
    connect(watcher, &QFutureWatcher<LoadedQueue>::finished, this, [this, watcher] {
        adopt();
        watcher->deleteLater();
    });
    watcher->setFuture(m_loading);
}

void TransferScheduler::adopt()
{
    if (m_store)
        return; // an early enqueue waited for the queue and took it
    auto [store, batches] = m_loading.result();
    m_store = std::move(store);
    m_loading = {};
    for (TransferBatch &batch : batches) {
        if (batch.state == BatchState::Running) { // the app stopped while it ran
            batch.state = BatchState::Queued;
            m_store->save(batch, false);
        }
        m_lastPosition = std::max(m_lastPosition, batch.position);
        m_order.append(batch.id);
        m_model->addBatch(batch);
        m_batches.insert(batch.id, batch);
    }
    scheduleSoon();
    updateTotals();
    emit loaded();
}

TransferScheduler::~TransferScheduler()
{
    // A queue still being read is let finish, so its file is closed here, not later on a
    // pool thread, after what holds it may be gone.
    m_loading.waitForFinished();
    shutdown();
    saveCounters();
}

void TransferScheduler::setRepository(const QString &storeUrl, std::shared_ptr<Repository> repo)
{
    m_repos.insert(storeUrl, std::move(repo));
    m_currentStore = storeUrl;
    scheduleSoon();
}

qint64 TransferScheduler::enqueueCommit(const VolumeInfo &volume, const QList<Step> &steps, const QString &message)
{
    TransferBatch batch;
    batch.kind = TransferKind::Commit;
    batch.volume = volume;
    batch.message = message;
    batch.items = itemsFromSteps(steps);
    return enqueue(std::move(batch));
}

qint64 TransferScheduler::enqueueDownload(const VolumeInfo &volume, qint64 version, const QString &remotePath,
                                          const QString &localDestination)
{
    TransferBatch batch;
    batch.kind = TransferKind::Download;
    batch.volume = volume;
    batch.baseVersion = version;
    batch.items = {{QStringLiteral("get"), localDestination, remotePath, {}, {}, true, false, version}};
    return enqueue(std::move(batch));
}

qint64 TransferScheduler::enqueue(TransferBatch batch)
{
    // A batch before the queue is read (within the first moments) waits for it: its id must
    // not clash with a stored one.
    if (!m_store) {
        m_loading.waitForFinished();
        adopt();
    }
    batch.storeUrl = m_currentStore;
    batch.id = m_store->nextId();
    batch.position = ++m_lastPosition;
    m_store->save(batch, true);
    m_order.append(batch.id);
    m_model->addBatch(batch);
    m_batches.insert(batch.id, std::move(batch));
    scheduleSoon();
    updateTotals();
    return m_order.last();
}

std::optional<TransferBatch> TransferScheduler::batch(qint64 batchId) const
{
    const auto it = m_batches.constFind(batchId);
    return it == m_batches.constEnd() ? std::nullopt : std::optional<TransferBatch>(*it);
}

void TransferScheduler::scheduleSoon()
{
    // Several requests in one event-loop pass start jobs once.
    if (m_scheduleQueued)
        return;
    m_scheduleQueued = true;
    QMetaObject::invokeMethod(this, &TransferScheduler::schedule, Qt::QueuedConnection);
}

void TransferScheduler::schedule()
{
    m_scheduleQueued = false;
    if (m_shuttingDown)
        return;
    for (const qint64 id : std::as_const(m_order)) {
        TransferBatch &batch = m_batches[id];
        if (isRunnable(batch.state) && canStart(batch))
            start(batch);
    }
}

bool TransferScheduler::canStart(const TransferBatch &batch) const
{
    if (!m_repos.contains(batch.storeUrl))
        return false;
    int downloads = 0;
    for (auto it = m_jobs.constBegin(); it != m_jobs.constEnd(); ++it) {
        const TransferBatch &running = m_batches[it.key()];
        if (running.storeUrl != batch.storeUrl)
            continue;
        if (batch.kind == TransferKind::Commit && running.kind == TransferKind::Commit && running.volume.id == batch.volume.id)
            return false;
        downloads += running.kind == TransferKind::Download;
    }
    return batch.kind == TransferKind::Commit || downloads < MaxDownloadsPerStore;
}

void TransferScheduler::start(TransferBatch &batch)
{
    const std::shared_ptr<Repository> repo = m_repos.value(batch.storeUrl);
    Job *job = nullptr;
    if (batch.kind == TransferKind::Commit) {
        QList<Step> steps;
        try {
            steps = stepsFromItems(batch.items);
        } catch (const Error &e) {
            batch.errorKind = int(e.kind());
            batch.errorText = e.message();
            setState(batch, BatchState::Failed);
            // The window that queued the commit waits on this signal (to re-enable Commit, or
            // to close), as it does for a commit whose job failed.
            JobResult failed;
            failed.ok = false;
            failed.errorKind = e.kind();
            failed.error = tr("The stored steps of batch %1 could not be read: %2").arg(batch.id).arg(e.message());
            emit commitFinished(batch.id, failed);
            return;
        }
        job = new CommitJob(repo, batch.volume, steps, batch.message, this);
    } else {
        const TransferItem &get = batch.items.first();
        job = new DownloadJob(repo, batch.volume, get.fromVersion, get.remote, get.local, get.force, this);
    }
    const qint64 id = batch.id;
    connect(job, &Job::progress, this, [this, id](const ProgressSnapshot &p) { onProgress(id, p); });
    connect(job, &Job::finished, this, [this, id, job](const JobResult &r) {
        if (const auto *download = qobject_cast<DownloadJob *>(job); download && r.ok)
            m_batches[id].resultPath = download->localPath();
        onFinished(id, r);
    });
    m_jobs.insert(id, job);
    batch.errorKind = -1;
    batch.errorText.clear();
    batch.bytesAlreadyStored = batch.bytesNew = 0; // a run checks again
    setState(batch, BatchState::Running);
    m_totalsTimer.start();
    job->start();
}

void TransferScheduler::onProgress(qint64 batchId, const ProgressSnapshot &progress)
{
    TransferBatch &batch = m_batches[batchId];
    const bool totalLearnt = batch.bytesTotal == 0 && progress.bytesTotal > 0;
    batch.bytesDone = progress.bytesDone;
    batch.bytesTotal = progress.bytesTotal;
    batch.filesDone = progress.filesDone;
    batch.filesTotal = progress.filesTotal;
    batch.bytesAlreadyStored = progress.bytesAlreadyStored;
    batch.bytesNew = progress.bytesNew;
    m_speeds.insert(batchId, progress.bytesPerSecond);
    m_countersDirty.insert(batchId);
    m_model->setProgress(batchId, progress);
    if (totalLearnt) // the status bar shows a percentage at once, then follows once a second
        updateTotals();
}

void TransferScheduler::onFinished(qint64 batchId, const JobResult &result)
{
    if (Job *job = m_jobs.take(batchId))
        job->deleteLater(); // never inside its own signal
    m_speeds.remove(batchId);
    const BatchState meant = m_stopAs.value(batchId, BatchState::Running); // Running: no stop was asked
    m_stopAs.remove(batchId);
    TransferBatch &batch = m_batches[batchId];
    if (result.ok) {
        batch.resultVersion = result.record.version;
        setState(batch, BatchState::Done);
    } else if (meant != BatchState::Running) {
        // Stopped on request: the row says what the user meant, whatever the engine met while
        // it stopped (normally Cancelled; a resume or retry shows any real failure).
        setState(batch, meant);
    } else {
        batch.errorKind = int(result.errorKind);
        batch.errorText = result.error;
        setState(batch, BatchState::Failed);
    }
    // A pause or a quit is no outcome: the batch runs again later.
    if (batch.state != BatchState::Paused && batch.state != BatchState::Queued) {
        if (batch.kind == TransferKind::Commit)
            emit commitFinished(batchId, result);
        else
            emit downloadFinished(batchId, result);
    }
    if (m_jobs.isEmpty()) {
        m_totalsTimer.stop();
        if (m_drain)
            m_drain->quit();
    }
    updateTotals();
    scheduleSoon();
}

void TransferScheduler::setState(TransferBatch &batch, BatchState state)
{
    batch.state = state;
    m_countersDirty.remove(batch.id); // saved with the state
    m_store->save(batch, false);
    m_model->updateBatch(batch);
}

void TransferScheduler::stopRunning(qint64 batchId, BatchState meaning)
{
    if (Job *job = m_jobs.value(batchId)) {
        m_stopAs.insert(batchId, meaning);
        job->cancel(); // finished() follows with Cancelled; onFinished applies `meaning`
    }
}

void TransferScheduler::pause(qint64 batchId)
{
    const auto it = m_batches.find(batchId);
    if (it == m_batches.end())
        return;
    if (it->state == BatchState::Running)
        stopRunning(batchId, BatchState::Paused);
    else if (it->state == BatchState::Queued)
        setState(*it, BatchState::Paused);
}

void TransferScheduler::resume(qint64 batchId)
{
    const auto it = m_batches.find(batchId);
    if (it == m_batches.end() || it->state != BatchState::Paused)
        return;
    ++it->attempts;
    setState(*it, BatchState::Queued);
    scheduleSoon();
}

void TransferScheduler::cancel(qint64 batchId)
{
    const auto it = m_batches.find(batchId);
    if (it == m_batches.end())
        return;
    if (it->state == BatchState::Running)
        stopRunning(batchId, BatchState::Cancelled);
    else if (it->state == BatchState::Queued || it->state == BatchState::Paused || it->state == BatchState::Failed)
        setState(*it, BatchState::Cancelled);
    updateTotals();
}

void TransferScheduler::retry(qint64 batchId)
{
    const auto it = m_batches.find(batchId);
    if (it == m_batches.end() || (it->state != BatchState::Failed && it->state != BatchState::Cancelled))
        return;
    ++it->attempts;
    it->errorKind = -1;
    it->errorText.clear();
    setState(*it, BatchState::Queued);
    scheduleSoon();
}

void TransferScheduler::clearFinished()
{
    QList<qint64> finished;
    for (const qint64 id : std::as_const(m_order)) {
        if (m_batches[id].isFinished())
            finished.append(id);
    }
    for (const qint64 id : std::as_const(finished)) {
        m_model->removeBatch(id);
        m_batches.remove(id);
        m_order.removeOne(id);
    }
    if (m_store)
        m_store->remove(finished);
}

void TransferScheduler::shutdown(int capMs)
{
    m_shuttingDown = true;
    for (auto it = m_jobs.constBegin(); it != m_jobs.constEnd(); ++it)
        stopRunning(it.key(), m_stopAs.value(it.key(), BatchState::Queued)); // a pause stays a pause
    if (!m_jobs.isEmpty()) {
        QEventLoop drain;
        m_drain = &drain;
        QTimer::singleShot(capMs, &drain, &QEventLoop::quit);
        drain.exec(QEventLoop::ExcludeUserInputEvents);
        m_drain = nullptr;
    }
    // Past the cap: each destructor waits for its job's work to stop.
    for (auto it = m_jobs.begin(); it != m_jobs.end(); it = m_jobs.erase(it)) {
        setState(m_batches[it.key()], m_stopAs.value(it.key(), BatchState::Queued));
        delete it.value().data();
    }
}

void TransferScheduler::saveCounters()
{
    for (const qint64 id : std::as_const(m_countersDirty))
        m_store->save(m_batches[id], false);
    m_countersDirty.clear();
}

void TransferScheduler::updateTotals()
{
    int active = 0;
    qint64 done = 0, total = 0;
    double speed = 0;
    for (const TransferBatch &batch : std::as_const(m_batches)) {
        if (batch.state != BatchState::Running && batch.state != BatchState::Queued)
            continue;
        ++active;
        done += batch.bytesDone;
        total += batch.bytesTotal;
        speed += m_speeds.value(batch.id);
    }
    QString text = active == 0 ? tr("No transfers") : tr("%n transfer(s)", nullptr, active);
    if (total > 0)
        text = tr("%1, %2 %, %3/s").arg(text).arg(qRound(100.0 * double(done) / double(total))).arg(formatSize(qint64(speed)));
    if (text != m_totals) {
        m_totals = text;
        emit totalsChanged(text);
    }
}

} // namespace trove::ui
