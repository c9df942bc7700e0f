#include "UploadStreams.h"

#include <QDeadlineTimer>
#include <QtGlobal>

namespace trove {

UploadStreams::UploadStreams(int most, bool probe, BytesSent bytesSent, AwaitingAnswer awaitingAnswer)
    : m_most(qMax(1, most)), m_probe(probe && m_most > 1), m_bytesSent(std::move(bytesSent)),
      m_awaitingAnswer(std::move(awaitingAnswer)), m_limit(m_probe ? 1 : m_most), m_settled(!m_probe)
{
}

void UploadStreams::acquire()
{
    QMutexLocker lock(&m_mutex);
    if (!m_started) { // the first step starts with the first pack ready to go
        m_started = true;
        m_firstReady = Clock::now();
        m_firstReadyBytes = m_bytesSent();
        startStep(m_firstReadyBytes);
    }
    while (!streamFree()) {
        const bool judging = m_probe && (!m_settled || m_limit < m_most);
        if (judging) {
            judgeIfDue();
            if (streamFree())
                break;
        }
        // Looking for an answer awaited needs no timer when every request in flight already
        // sent its last byte: only an answer (a release) changes anything then.
        const int waitMs = m_inFlight < 2 * m_limit ? LookForAnswersEveryMs : judging ? LookEveryMs : -1;
        m_freed.wait(&m_mutex, waitMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever) : QDeadlineTimer(waitMs));
    }
    ++m_inFlight;
}

bool UploadStreams::streamFree() const
{
    if (m_inFlight < m_limit)
        return true;
    return m_inFlight < 2 * m_limit && m_inFlight - m_awaitingAnswer() < m_limit;
}

void UploadStreams::release()
{
    QMutexLocker lock(&m_mutex);
    --m_inFlight;
    m_freed.wakeAll();
}

void UploadStreams::judgeIfDue()
{
    const qint64 sent = m_bytesSent();
    if (!m_settled) {
        if (sent - m_stepStartBytes >= StepBytes)
            judgeStep(sent);
    } else if (m_limit < m_most && sent - m_settledAt >= m_retryBytes) {
        // Probing again from the count kept: first its throughput now, then one stream more.
        m_countBeforeRetry = m_limit;
        m_settled = false;
        m_bestRate = 0;
        startStep(sent);
    }
}

void UploadStreams::startStep(qint64 sent)
{
    m_stepStart = Clock::now();
    m_stepStartBytes = sent;
}

void UploadStreams::judgeStep(qint64 sent)
{
    const double seconds = std::chrono::duration<double>(Clock::now() - m_stepStart).count();
    const double rate = double(sent - m_stepStartBytes) / qMax(seconds, 1e-6);
    if (m_bestRate == 0) { // the first step, at the count kept
        m_bestRate = rate;
        ++m_limit;
    } else if (rate >= StepGain * m_bestRate) {
        m_bestRate = rate;
        if (m_limit < m_most)
            ++m_limit;
        else
            settle(sent);
    } else {
        --m_limit; // the last stream added did not pay for itself
        settle(sent);
    }
    startStep(sent);
}

void UploadStreams::settle(qint64 sent)
{
    m_settled = true;
    m_settledAt = sent;
    m_retryBytes = m_limit == m_countBeforeRetry ? 2 * m_retryBytes : RetryBytes;
}

double UploadStreams::bytesPerSecondPerStream() const
{
    QMutexLocker lock(&m_mutex);
    const qint64 sent = m_started ? m_bytesSent() - m_firstReadyBytes : 0;
    if (sent < StepBytes)
        return 0;
    return double(sent) / qMax(std::chrono::duration<double>(Clock::now() - m_firstReady).count(), 1e-6) / m_limit;
}

int UploadStreams::limit() const
{
    QMutexLocker lock(&m_mutex);
    return m_limit;
}

} // namespace trove
