#pragma once

#include "RateLimiter.h"

#include <QMutex>
#include <QWaitCondition>
#include <thread>
#include <vector>

typedef void CURL;
typedef void CURLM;
struct curl_sockaddr;

namespace trove {

// One libcurl multi handle driven by its own thread: every request of a store runs there, many
// at once, over one shared connection cache. Callers on any thread hand in a prepared easy
// handle and block until it is done, so the store contract stays a plain blocking call while
// the network work is multiplexed.
class HttpEngine
{
public:
    HttpEngine();
    ~HttpEngine(); // finishes what is in flight, then stops the thread
    HttpEngine(const HttpEngine &) = delete;
    HttpEngine &operator=(const HttpEngine &) = delete;

    // Runs `easy` to completion; returns its CURLcode. Thread-safe.
    int perform(CURL *easy);

    // Acknowledges what the engine's connections received now rather than after Linux's
    // delayed-ACK timer. Servers that leave Nagle's algorithm on (RGW's beast frontend by
    // default) send a reply's headers and body as two segments, the second only once the
    // first is acknowledged: on a reused connection that costs 40 ms per request unless the
    // client acknowledges at once. Call on the engine's thread (from a libcurl callback) when
    // a reply's first bytes arrived.
    void acknowledgeNow();

    // Holds `easy` back while `limiter` is ahead of its rate: true when it must wait, and its
    // read or write callback then returns libcurl's pause code; the engine resumes it when
    // the limiter is due. Call on the engine's thread (from a libcurl callback).
    bool holdBack(CURL *easy, const RateLimiter &limiter);

private:
    struct Pending;
    void loop();
    void resumeDue();
    int pollTimeoutMs() const;

    struct Paused
    {
        CURL *easy;
        const RateLimiter *limiter;
    };
    static int openSocket(void *engine, int purpose, ::curl_sockaddr *address);
    static int closeSocket(void *engine, int socket);

    CURLM *m_multi = nullptr;
    QMutex m_mutex;
    QWaitCondition m_done;
    std::vector<Pending *> m_queue; // submitted, not yet added to the multi handle
    bool m_stopping = false;
    int m_inFlight = 0; // on the multi handle; the engine's thread only
    std::vector<int> m_sockets; // the connections' sockets; the engine's thread only
    std::vector<Paused> m_paused; // held back by a rate limit; the engine's thread only
    std::thread m_thread;
};

} // namespace trove
