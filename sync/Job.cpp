#include "Job.h"

#include <QThread>
#include <QtConcurrent>
#include <cmath>

namespace trove {

Job::Job(QObject *parent)
    : QObject(parent), m_watcher(new QFutureWatcher<void>(this)), m_progressTimer(new QTimer(this))
{
    qRegisterMetaType<ProgressSnapshot>();
    qRegisterMetaType<JobResult>();
    m_progressTimer->setInterval(200);
    connect(m_progressTimer, &QTimer::timeout, this, &Job::emitProgress);
    connect(m_watcher, &QFutureWatcher<void>::finished, this, [this] {
        m_progressTimer->stop();
        emitProgress();
        emit finished(m_result);
    });
}

Job::~Job()
{
    cancel();
    m_watcher->waitForFinished();
}

void Job::startClock()
{
    m_clock.start();
    if (m_transfers) {
        m_sentAtStart = m_transfers->bytesMoved(TransferState::Direction::Upload);
        m_receivedAtStart = m_transfers->bytesMoved(TransferState::Direction::Download);
    }
}

void Job::start()
{
    // A timer starts only in its own thread, so from elsewhere the start is queued there
    // (not blocking: that thread may be waiting for this one).
    if (thread() != QThread::currentThread())
        QMetaObject::invokeMethod(this, &Job::startInOwnThread, Qt::QueuedConnection);
    else
        startInOwnThread();
}

void Job::startInOwnThread()
{
    startClock();
    m_progressTimer->start();
    m_watcher->setFuture(QtConcurrent::run([this] {
        try {
            run(m_operation, m_result);
        } catch (const Error &e) {
            m_result.ok = false;
            m_result.errorKind = e.kind();
            m_result.error = e.message();
        } catch (const std::exception &e) {
            m_result.ok = false;
            m_result.error = QString::fromLocal8Bit(e.what());
        }
    }));
}

void Job::cancel() { m_operation.cancelled = true; }

JobResult Job::runBlocking()
{
    startClock();
    run(m_operation, m_result);
    return m_result;
}

ProgressSnapshot Job::snapshot()
{
    ProgressSnapshot s;
    s.bytesDone = m_operation.bytesDone;
    s.bytesTotal = m_operation.bytesTotal;
    s.filesDone = m_operation.filesDone;
    s.filesTotal = m_operation.filesTotal;
    s.bytesAlreadyStored = m_operation.bytesAlreadyStored;
    s.bytesNew = m_operation.bytesNew;
    const qint64 now = m_clock.isValid() ? m_clock.elapsed() : 0;
    if (now > m_lastMs) {
        // Smoothed speed, averaged over about the last 3 s whatever the interval between
        // snapshots: bytes arrive in bursts (a pack or range at a time), and a rate and a
        // time left that jump with each burst cannot be read.
        const double instant = double(s.bytesDone - m_lastBytes) * 1000.0 / double(now - m_lastMs);
        const double weight = 1.0 - std::exp(-double(now - m_lastMs) / 3000.0);
        m_speed = m_speed <= 0 ? instant : m_speed + weight * (instant - m_speed); // from the first bytes
        m_lastBytes = s.bytesDone;
        m_lastMs = now;
    }
    s.bytesPerSecond = m_speed;
    if (m_speed > 1 && s.bytesTotal >= s.bytesDone)
        s.etaSeconds = qint64(double(s.bytesTotal - s.bytesDone) / m_speed);
    if (m_transfers) {
        s.transfers = m_transfers->active();
        s.bytesSent = m_transfers->bytesMoved(TransferState::Direction::Upload) - m_sentAtStart;
        s.bytesReceived = m_transfers->bytesMoved(TransferState::Direction::Download) - m_receivedAtStart;
    }
    return s;
}

void Job::emitProgress() { emit progress(snapshot()); }

} // namespace trove
