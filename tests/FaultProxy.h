#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>
#include <atomic>
#include <chrono>
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
        int uploadsAtOnce = 0; // a large upload: the large uploads on their way when it began, itself included
    };
    // Request bodies of over UploadSize bytes count as uploads.
    static constexpr qint64 UploadSize = 1 << 20;
    // How request bodies are slowed down: each connection on its own (a distant server, where
    // one TCP stream cannot fill the link) or all together (a link parallel streams do not widen).
    enum class Pace { PerConnection, Shared };

    FaultProxy(const QByteArray &upstreamHost, int upstreamPort);
    // In front of the server of S3 store URL `storeUrl` (s3://BUCKET?endpoint=...).
    explicit FaultProxy(const QString &storeUrl);
    // `storeUrl` with this proxy as its endpoint.
    QString storeUrlThrough(const QString &storeUrl) const;
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
    // Request bodies arrive at most `bytesPerSecond` fast (0: no limit), from now on.
    void setUploadPace(qint64 bytesPerSecond, Pace pace);
    // The most uploads that were on their way at once (from head to answer).
    int mostUploadsAtOnce() const { return m_mostUploads; }

private:
    void acceptLoop();
    void serve(int client);
    bool takeFault(const QByteArray &method, const QByteArray &path, Rule *out);
    using Clock = std::chrono::steady_clock;
    // Waits until `bytes` more may have arrived; `connectionDue` is the connection's own pace.
    void pace(qint64 bytes, Clock::time_point &connectionDue);

    QByteArray m_upstreamHost;
    int m_upstreamPort;
    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::atomic<qint64> m_fromClients{0};
    std::atomic<qint64> m_bodyBytesSent{0};
    std::atomic<qint64> m_paceRate{0};
    std::atomic<Pace> m_paceScope{Pace::PerConnection};
    Clock::time_point m_sharedDue; // under m_mutex
    std::atomic<int> m_uploads{0};
    std::atomic<int> m_mostUploads{0};
    std::thread m_acceptor;
    QMutex m_mutex;
    std::vector<std::thread> m_workers;
    QList<Rule> m_rules;
    QList<Seen> m_seen;
};

} // namespace testing
