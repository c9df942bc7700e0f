#include "RateLimiter.h"

#include <algorithm>

namespace trove {

namespace {
// Time left idle counts for this much: enough that a pause between requests costs no
// bandwidth, too little to let a burst past the rate.
constexpr std::chrono::milliseconds IdleCredit{100};
}

void RateLimiter::setRate(qint64 bytesPerSecond)
{
    QMutexLocker lock(&m_mutex);
    m_rate = qMax<qint64>(0, bytesPerSecond);
    m_due = Clock::now();
}

bool RateLimiter::isLimited() const
{
    QMutexLocker lock(&m_mutex);
    return m_rate > 0;
}

void RateLimiter::take(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    if (m_rate <= 0)
        return;
    const auto cost = std::chrono::nanoseconds(qint64(double(bytes) * 1e9 / double(m_rate)));
    m_due = std::max(m_due, Clock::now() - IdleCredit) + cost;
}

RateLimiter::Clock::time_point RateLimiter::due() const
{
    QMutexLocker lock(&m_mutex);
    return m_due;
}

} // namespace trove
