#pragma once

#include "Job.h"
#include "TransferBatch.h"
#include "TransferQueueModel.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <memory>
#include <optional>

class QEventLoop;

namespace trove {
class Repository;
struct Step;
}

namespace trove::ui {

class TransferStore;

// Runs the transfer queue: one job per batch, built, started and deleted on the GUI thread,
// at most one running commit per volume and two downloads per store. Every state change is
// written to the queue's SQLite file at once, counters every 5 s; at start-up the batches that
// were running become queued and run again (uploads then skip the chunks the store already
// holds, which the engine's journal remembers).
class TransferScheduler : public QObject
{
    Q_OBJECT
public:
    // Opens the queue at TransferStore::defaultPath() on EnginePool; once it is read
    // (loaded()), re-queues the unfinished batches.
    explicit TransferScheduler(QObject *parent = nullptr);
    TransferScheduler(const QString &databasePath, QObject *parent);
    // Stops the running jobs (shutdown()); their batches run again at the next start.
    ~TransferScheduler() override;

    // Batches of this store run once it has a repository; batches enqueued from now on go
    // to this store.
    void setRepository(const QString &storeUrl, std::shared_ptr<trove::Repository> repo);
    // One atomic commit batch.
    qint64 enqueueCommit(const trove::VolumeInfo &volume, const QList<trove::Step> &steps, const QString &message);
    qint64 enqueueDownload(const trove::VolumeInfo &volume, qint64 version, const QString &remotePath,
                           const QString &localDestination);
    TransferQueueModel *model() { return m_model; }
    bool isLoaded() const { return m_store != nullptr; }
    std::optional<TransferBatch> batch(qint64 batchId) const;

    void pause(qint64 batchId);
    void resume(qint64 batchId);
    void cancel(qint64 batchId);
    void retry(qint64 batchId);
    void clearFinished();
    // Cancels every running job and waits, without user input, until they stopped or
    // `capMs` passed; jobs still running then are stopped by their destructor.
    void shutdown(int capMs = 30000);

signals:
    void loaded(); // the stored batches are in the model
    void commitFinished(qint64 batchId, const trove::JobResult &result); // result.record is the new version
    void downloadFinished(qint64 batchId, const trove::JobResult &result);
    void totalsChanged(const QString &statusText); // e.g. "2 transfers, 41 %, 12 MB/s"

private:
    using LoadedQueue = std::pair<std::shared_ptr<TransferStore>, QList<TransferBatch>>;
    void adopt(); // takes the queue read on the worker
    qint64 enqueue(TransferBatch batch);
    void scheduleSoon();
    void schedule();
    bool canStart(const TransferBatch &batch) const;
    void start(TransferBatch &batch);
    void onProgress(qint64 batchId, const trove::ProgressSnapshot &progress);
    void onFinished(qint64 batchId, const trove::JobResult &result);
    void setState(TransferBatch &batch, BatchState state);
    void stopRunning(qint64 batchId, BatchState meaning);
    void saveCounters();
    void updateTotals();

    QFuture<LoadedQueue> m_loading;
    std::shared_ptr<TransferStore> m_store; // null until the queue is read
    TransferQueueModel *m_model;
    QHash<QString, std::shared_ptr<trove::Repository>> m_repos;
    QHash<qint64, TransferBatch> m_batches;
    QList<qint64> m_order;                 // queue order
    QHash<qint64, QPointer<trove::Job>> m_jobs; // running batches
    QHash<qint64, BatchState> m_stopAs; // what a cancel of a running batch was for
    QHash<qint64, double> m_speeds;        // latest speed of each running batch
    QSet<qint64> m_countersDirty;
    QTimer m_saveCounters, m_totalsTimer;
    QString m_totals;
    QString m_currentStore;
    qint64 m_lastPosition = 0;
    bool m_scheduleQueued = false;
    bool m_shuttingDown = false;
    QEventLoop *m_drain = nullptr;
};

} // namespace trove::ui
