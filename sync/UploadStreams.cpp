#include "UploadStreams.h"

#include <QtGlobal>

namespace trove {

UploadStreams::UploadStreams(int most, bool probe)
    : m_most(qMax(1, most)), m_probe(probe && m_most > 1), m_limit(m_probe ? 1 : m_most), m_settled(!m_probe)
{
}

void UploadStreams::acquire()
{
    QMutexLocker lock(&m_mutex);
    if (!m_started) { // the first step starts with the first pack ready to go
        m_started = true;
        startStep();
    }
    while (m_inFlight >= m_limit) {
        m_stepWaited = true;
        m_freed.wait(&m_mutex);
    }
    ++m_inFlight;
}

void UploadStreams::release(qint64 bytesSent)
{
    QMutexLocker lock(&m_mutex);
    --m_inFlight;
    if (!m_settled) {
        m_stepBytes += bytesSent;
        if (++m_stepPacks >= qMax(2, m_limit) && m_stepBytes >= StepBytes)
            judgeStep();
    } else if (m_probe && m_limit < m_most && (m_settledBytes += bytesSent) >= RetryBytes) {
        // Probing again from the count kept: first its throughput now, then one stream more.
        m_settled = false;
        m_bestRate = 0;
        startStep();
    }
    m_freed.wakeAll();
}

void UploadStreams::startStep()
{
    m_stepStart = Clock::now();
    m_stepBytes = 0;
    m_stepPacks = 0;
    m_stepWaited = false;
}

void UploadStreams::judgeStep()
{
    const double seconds = std::chrono::duration<double>(Clock::now() - m_stepStart).count();
    const double rate = double(m_stepBytes) / qMax(seconds, 1e-6);
    if (m_bestRate == 0) { // the first step, at one stream
        if (m_stepWaited) {
            m_bestRate = rate;
            ++m_limit;
        }
    } else if (rate >= StepGain * m_bestRate) {
        m_bestRate = rate;
        if (m_limit < m_most)
            ++m_limit;
        else
            settle();
    } else {
        --m_limit; // the last stream added did not pay for itself
        settle();
    }
    startStep();
}

void UploadStreams::settle()
{
    m_settled = true;
    m_settledBytes = 0;
}

int UploadStreams::limit() const
{
    QMutexLocker lock(&m_mutex);
    return m_limit;
}

} // namespace trove
