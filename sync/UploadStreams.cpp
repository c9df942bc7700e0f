#include "UploadStreams.h"

#include <QtGlobal>

namespace trove {

UploadStreams::UploadStreams(int most, bool probe)
    : m_most(qMax(1, most)), m_limit(probe ? 1 : m_most), m_settled(!probe || m_most == 1)
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
        if (++m_stepPacks >= 2 && m_stepBytes >= StepBytes)
            judgeStep();
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
            m_settled = true;
    } else {
        --m_limit; // the last stream added did not pay for itself
        m_settled = true;
    }
    startStep();
}

int UploadStreams::limit() const
{
    QMutexLocker lock(&m_mutex);
    return m_limit;
}

} // namespace trove
