#pragma once

#include <QMutex>
#include <QWaitCondition>
#include <chrono>

namespace trove {

// How many packs an upload sends at once. A fixed count suits a local store. Over a network
// the right count is found by trying: one stream first, one more each time the last step
// raised the packs' throughput by a quarter. A distant store, where one TCP stream cannot
// fill the link, so climbs to the transfer limit within a few packs; a server on the same
// machine, which spends more CPU per GiB on parallel PUTs than on one at a time, stays at one.
// Steps are taken only while packs wait for a stream: when packing sets the pace, more
// streams would not help. A count once settled is tried again after each GiB: a link's best
// count changes over a long upload, and one unlucky step (the new stream's connection still
// in TCP slow start, say) must not hold a 100 GiB upload at one stream.
class UploadStreams
{
public:
    using Clock = std::chrono::steady_clock;
    // `most`: the transfer limit. `probe`: find the count as above, else use `most` throughout.
    UploadStreams(int most, bool probe);

    // Blocks until a pack may be sent.
    void acquire();
    // A pack's request ended; `bytesSent` is 0 when nothing was sent (it was stored already,
    // or the request failed).
    void release(qint64 bytesSent);

    // Packs that may be sent at once now.
    int limit() const;

    // A step is judged once this much was sent at its count, in as many packs as streams (two
    // at least): fewer would time part of a round of packs sent side by side.
    static constexpr qint64 StepBytes = 64 * 1024 * 1024;
    // The throughput one more stream must add to be kept: 25%. One stream more of k adds
    // (k + 1) / k where streams are capped one by one (2, 1.5, 1.33 up to four), and less
    // than nothing on a busy server of this machine.
    static constexpr double StepGain = 1.25;
    // Sent at a settled count below the limit before one more stream is tried again: a step
    // that does not pay costs at most a few percent of this.
    static constexpr qint64 RetryBytes = 1024 * 1024 * 1024;

private:
    void judgeStep(); // m_mutex held
    void startStep(); // m_mutex held
    void settle();    // m_mutex held

    mutable QMutex m_mutex;
    QWaitCondition m_freed;
    const int m_most;
    const bool m_probe;
    int m_limit;
    int m_inFlight = 0;
    bool m_settled;
    qint64 m_settledBytes = 0; // sent since the count settled
    bool m_started = false;
    Clock::time_point m_stepStart;
    qint64 m_stepBytes = 0;
    int m_stepPacks = 0;
    bool m_stepWaited = false; // a pack waited for a stream during this step
    double m_bestRate = 0;     // bytes a second at the count kept so far
};

} // namespace trove
