#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <atomic>
#include <thread>
#include <vector>

namespace testing {

// A loopback HTTP proxy in front of the real S3 server that injects the faults a healthy
// server never produces: 503 SlowDown, 409, resets mid-body, truncated bodies, slow answers,
// answers lost after the server acted, and a server that ignores If-None-Match. Requests are
// forwarded byte for byte, so signatures stay valid; the bytes clients send are counted.
// Only for tests.
class FaultProxy
{
public:
    enum class Fault { SlowDown503, Conflict409, ResetMidBody, Truncate, Delay, LoseResponse, IgnoreIfNoneMatch };
    struct Rule
    {
        QByteArray method;       // "PUT", "GET", ... or empty for any
        QByteArray pathContains; // substring of the request path
        Fault fault;
        int times = 1;           // how many matching requests get it (-1: all)
        int delayMs = 0;
    };
    struct Seen
    {
        QByteArray method, path;
        QByteArray headers; // the request head as received
        int status = 0;     // what the client was told (0: nothing)
    };

    FaultProxy(const QByteArray &upstreamHost, int upstreamPort);
    ~FaultProxy();

    int port() const { return m_port; }
    void addRule(const Rule &rule);
    void clearRules();
    QList<Seen> seen();
    void clearSeen();
    // Bytes the clients sent, requests cut off halfway included: what went over their wire.
    qint64 bytesFromClients() const { return m_fromClients; }
    // Bytes of response bodies passed on whole to clients so far (what downloads fetched).
    qint64 bodyBytesSent() const { return m_bodyBytesSent; }

private:
    void acceptLoop();
    void serve(int client);
    bool takeFault(const QByteArray &method, const QByteArray &path, Rule *out);

    QByteArray m_upstreamHost;
    int m_upstreamPort;
    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::atomic<qint64> m_fromClients{0};
    std::atomic<qint64> m_bodyBytesSent{0};
    std::thread m_acceptor;
    QMutex m_mutex;
    std::vector<std::thread> m_workers;
    QList<Rule> m_rules;
    QList<Seen> m_seen;
};

} // namespace testing
