#pragma once

#include <QMutex>
#include <QtGlobal>
#include <chrono>

namespace trove {

// A bandwidth cap shared by all requests of one direction (--limit-rate): each request takes
// the bytes it moves, and none moves more while the bytes taken so far are ahead of the rate.
// One shared account holds the total to the rate however many requests are in flight; a cap
// per request would hold it only while every request slot is busy. Thread-safe.
class RateLimiter
{
public:
    using Clock = std::chrono::steady_clock;

    void setRate(qint64 bytesPerSecond); // 0: unlimited
    bool isLimited() const;
    // Counts `bytes` as moved now.
    void take(qint64 bytes);
    // Until then the bytes taken so far are ahead of the rate: nothing more may move.
    Clock::time_point due() const;

private:
    mutable QMutex m_mutex;
    qint64 m_rate = 0;
    Clock::time_point m_due{};
};

} // namespace trove
