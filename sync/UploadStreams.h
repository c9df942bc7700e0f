#pragma once

#include <QMutex>
#include <QWaitCondition>
#include <chrono>
#include <functional>

namespace trove {

// How many packs an upload sends at once. A fixed count suits a local store. Over a network
// the right count is found by trying: one stream first, one more each time the last step
// raised the bytes going over the wire a second by a quarter. A distant store, where one TCP
// stream cannot fill the link, so climbs to the transfer limit within a few hundred MiB; a
// server on the same machine, which spends more CPU per GiB on parallel PUTs than on one at a
// time, stays at one. Steps are judged by bytes on the wire, not by finished packs, so how
// fast the count climbs does not depend on pack sizes. Steps are taken only while a pack waits
// for a stream: when packing sets the pace, more streams would not help. A count once settled
// is tried again after a GiB: a link's best count changes over a long upload, and one unlucky
// step (the new stream's connection still in TCP slow start, say) must not hold a 100 GiB
// upload at one stream. A retry that keeps the count doubles the wait for the next: each
// costs a pack or two sent at one stream more, which a server on this machine pays for.
//
// The count is of packs being sent: a pack whose bytes are all on the wire, waiting for the
// store's answer, frees its stream for the next one. The store finishes an object before it
// answers (RGW: 15-20 ms for its head and bucket index, a small PUT's whole time), and one
// stream that waits for every answer sits idle that long per pack. At most twice the count
// are in flight in all.
class UploadStreams
{
public:
    using Clock = std::chrono::steady_clock;
    // The bytes sent so far, requests in flight included (the store's TransferMonitor).
    using BytesSent = std::function<qint64()>;
    // How many requests have sent their every byte and wait for their answer.
    using AwaitingAnswer = std::function<int()>;
    // `most`: the transfer limit. `probe`: find the count as above, else use `most` throughout.
    UploadStreams(int most, bool probe, BytesSent bytesSent, AwaitingAnswer awaitingAnswer);

    // Blocks until a pack may be sent.
    void acquire();
    // A pack's request ended.
    void release();

    // Packs that may be sent at once now.
    int limit() const;
    // Bytes a second over the wire since the first pack was ready, per stream of the current
    // count; 0 until StepBytes went.
    double bytesPerSecondPerStream() const;

    // A step is judged once this much went over the wire at its count: a few round trips'
    // worth on any link, and past the new stream's TCP slow start.
    static constexpr qint64 StepBytes = 64 * 1024 * 1024;
    // The throughput one more stream must add to be kept: 25%. One stream more of k adds
    // (k + 1) / k where streams are capped one by one (2, 1.5, 1.33 up to four), and less
    // than nothing on a busy server of this machine.
    static constexpr double StepGain = 1.25;
    // Sent at a settled count below the limit before one more stream is tried again (the
    // first time; then twice as much after each retry that kept the count).
    static constexpr qint64 RetryBytes = 1024 * 1024 * 1024;
    // How often a waiting pack looks at the bytes sent, to judge a step in the middle of the
    // packs on their way.
    static constexpr int LookEveryMs = 20;
    // How often a waiting pack looks for a request that sent its last byte: well within the
    // time a store takes to answer one.
    static constexpr int LookForAnswersEveryMs = 2;

private:
    bool streamFree() const;      // m_mutex held
    void judgeIfDue();            // m_mutex held
    void judgeStep(qint64 sent);  // m_mutex held
    void startStep(qint64 sent);  // m_mutex held
    void settle(qint64 sent);     // m_mutex held

    mutable QMutex m_mutex;
    QWaitCondition m_freed;
    const int m_most;
    const bool m_probe;
    const BytesSent m_bytesSent;
    const AwaitingAnswer m_awaitingAnswer;
    int m_limit;
    int m_inFlight = 0;
    bool m_settled;
    bool m_started = false;
    qint64 m_settledAt = 0;  // bytes sent when the count settled
    qint64 m_retryBytes = RetryBytes;
    int m_countBeforeRetry = 0; // the count a retry started from (0: none yet)
    Clock::time_point m_stepStart;
    qint64 m_stepStartBytes = 0;
    double m_bestRate = 0; // bytes a second at the count kept so far
    Clock::time_point m_firstReady;
    qint64 m_firstReadyBytes = 0;
};

} // namespace trove
