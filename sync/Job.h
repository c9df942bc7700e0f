#pragma once

#include "Error.h"
#include "Operation.h"
#include "TransferMonitor.h"
#include "VersionLog.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace trove {

struct ProgressSnapshot
{
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    qint64 filesDone = 0;
    qint64 filesTotal = 0;
    double bytesPerSecond = 0;
    qint64 etaSeconds = -1; // unknown
    // An upload's bytes checked so far: already in the store, or new (to be sent).
    qint64 bytesAlreadyStored = 0;
    qint64 bytesNew = 0;
    // The store's requests in flight now, each with its own progress, and the bytes the
    // store moved since the job started (what went over the network for S3).
    QList<TransferState> transfers;
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;
};

struct JobResult
{
    bool ok = true;
    Error::Kind errorKind = Error::Kind::Io;
    QString error;
    VersionRecord record;  // the version a commit made or a reload reached
    QStringList warnings;
    QString summary;       // one line for the user: what was done
};

// A long operation (upload and commit, download, reload, gc, check) as a job object, the
// Nextcloud client's way: start() runs it on the thread pool, cancel() stops it at the next
// chunk, progress() is emitted a few times a second in the thread the job lives in (the one
// that built it, or the one it was moved to), and finished() is emitted exactly once there.
// The SDK's blocking calls use runBlocking() on the same work.
//
// Destroying a running job cancels it and waits for the work to stop: the work uses the
// job's members, so it cannot outlive it. Cancellation reaches the engine at the next chunk
// and aborts store requests in flight (CancelScope), so the wait is short (tst_jobs measures
// it), but a GUI should not destroy running jobs: cancel, then deleteLater() on finished().
class Job : public QObject
{
    Q_OBJECT
public:
    explicit Job(QObject *parent = nullptr);
    ~Job() override;

    // Safe from any thread: from another one, the job starts when its own thread's event
    // loop gets to it.
    void start();
    void cancel();
    // Runs the work in the calling thread; throws trove::Error on failure.
    JobResult runBlocking();

    bool isRunning() const { return m_watcher->isRunning(); }
    const JobResult &result() const { return m_result; }
    ProgressSnapshot snapshot();

signals:
    void progress(const trove::ProgressSnapshot &progress);
    void finished(const trove::JobResult &result);

protected:
    // The work; throws trove::Error. Fills `result` with what it did.
    virtual void run(Operation &operation, JobResult &result) = 0;
    // Progress includes the transfers of the store the job works on.
    void watchTransfers(TransferMonitor &monitor) { m_transfers = &monitor; }

private:
    void emitProgress();
    void startClock();
    void startInOwnThread();

    Operation m_operation;
    JobResult m_result;
    // Children, so that moveToThread() takes them along with the job.
    QFutureWatcher<void> *m_watcher;
    QTimer *m_progressTimer;
    QElapsedTimer m_clock;
    qint64 m_lastBytes = 0;
    qint64 m_lastMs = 0;
    double m_speed = 0;
    TransferMonitor *m_transfers = nullptr;
    qint64 m_sentAtStart = 0;
    qint64 m_receivedAtStart = 0;
};

} // namespace trove

Q_DECLARE_METATYPE(trove::ProgressSnapshot)
Q_DECLARE_METATYPE(trove::JobResult)
