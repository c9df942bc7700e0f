#include "FaultProxy.h"

#include "TestSupport.h"

#include <QUrl>
#include <QUrlQuery>
#include <arpa/inet.h>
#include <chrono>
#include <functional>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace testing {
namespace {

// `received`, when given, counts the bytes read.
bool readMore(int fd, QByteArray &buffer, std::atomic<qint64> *received = nullptr)
{
    char chunk[65536];
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0)
        return false;
    buffer.append(chunk, qsizetype(n));
    if (received)
        *received += n;
    return true;
}

// Reads up to the end of an HTTP head; leaves what follows in `buffer`.
bool readHead(int fd, QByteArray &buffer, QByteArray *head, std::atomic<qint64> *received = nullptr)
{
    int end;
    while ((end = buffer.indexOf("\r\n\r\n")) < 0) {
        if (!readMore(fd, buffer, received))
            return false;
    }
    *head = buffer.left(end + 4);
    buffer.remove(0, end + 4);
    return true;
}

QByteArray headerValue(const QByteArray &head, const QByteArray &name)
{
    for (const QByteArray &line : head.split('\n')) {
        const int colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

// `onRead`, when given, is told how many bytes each read brought.
bool readExactly(int fd, QByteArray &buffer, qint64 size, std::atomic<qint64> *received = nullptr,
                 const std::function<void(qint64)> &onRead = {})
{
    while (buffer.size() < size) {
        const qsizetype before = buffer.size();
        if (!readMore(fd, buffer, received))
            return false;
        if (onRead)
            onRead(buffer.size() - before);
    }
    return true;
}

// The body of a response, by Content-Length or chunked coding (kept encoded).
bool readBody(int fd, QByteArray &buffer, const QByteArray &head, bool noBody, QByteArray *body)
{
    if (noBody) {
        body->clear();
        return true;
    }
    if (headerValue(head, "transfer-encoding").toLower().contains("chunked")) {
        qint64 pos = 0;
        for (;;) {
            int lineEnd;
            while ((lineEnd = buffer.indexOf("\r\n", pos)) < 0) {
                if (!readMore(fd, buffer))
                    return false;
            }
            const qint64 size = buffer.mid(pos, lineEnd - pos).split(';').first().trimmed().toLongLong(nullptr, 16);
            pos = lineEnd + 2;
            if (!readExactly(fd, buffer, pos + size + 2))
                return false;
            pos += size + 2;
            if (size == 0)
                break;
        }
        *body = buffer.left(pos);
        buffer.remove(0, pos);
        return true;
    }
    const qint64 length = headerValue(head, "content-length").toLongLong();
    if (!readExactly(fd, buffer, length))
        return false;
    *body = buffer.left(length);
    buffer.remove(0, length);
    return true;
}

// Whether all of `data` went out (not when the peer is gone).
bool sendAll(int fd, const QByteArray &data)
{
    qint64 done = 0;
    while (done < data.size()) {
        const ssize_t n = ::send(fd, data.constData() + done, size_t(data.size() - done), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

// Relays `size` body bytes from `from` (some may be in `buffer` already) to `to` as they come;
// `onRead` is told how many bytes each read brought. Bytes past the body stay in `buffer`.
bool forwardBody(int from, QByteArray &buffer, qint64 size, int to, const std::function<void(qint64)> &onRead,
                 std::atomic<qint64> *received)
{
    qint64 left = size;
    for (;;) {
        const qint64 take = qMin<qint64>(left, buffer.size());
        if (take > 0 && !sendAll(to, buffer.left(take)))
            return false;
        buffer.remove(0, take);
        left -= take;
        if (left == 0)
            return true;
        if (!readMore(from, buffer, received))
            return false;
        onRead(qMin<qint64>(left, buffer.size()));
    }
}

QByteArray errorResponse(int status, const QByteArray &reason, const QByteArray &code)
{
    const QByteArray body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code></Error>";
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\nContent-Type: application/xml\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QUrl endpointOf(const QString &storeUrl)
{
    return QUrl(QUrlQuery(QUrl(storeUrl)).queryItemValue(QStringLiteral("endpoint"), QUrl::FullyDecoded));
}

} // namespace

FaultProxy::FaultProxy(const QString &storeUrl)
    : FaultProxy(endpointOf(storeUrl).host().toLatin1(), endpointOf(storeUrl).port())
{
}

QString FaultProxy::storeUrlThrough(const QString &storeUrl) const
{
    QUrl url(storeUrl);
    QUrlQuery query(url);
    query.removeQueryItem(QStringLiteral("endpoint"));
    query.addQueryItem(QStringLiteral("endpoint"), QStringLiteral("http://127.0.0.1:%1").arg(m_port));
    url.setQuery(query);
    return url.toString();
}

FaultProxy::FaultProxy(const QByteArray &upstreamHost, int upstreamPort)
    : m_upstreamHost(upstreamHost), m_upstreamPort(upstreamPort)
{
    m_listen = listenOnLoopback(&m_port);
    m_acceptor = std::thread([this] { acceptLoop(); });
}

FaultProxy::~FaultProxy()
{
    m_stopping = true;
    ::shutdown(m_listen, SHUT_RDWR);
    ::close(m_listen);
    m_acceptor.join();
    for (std::thread &t : m_workers)
        t.join();
}

void FaultProxy::addRule(const Rule &rule)
{
    QMutexLocker lock(&m_mutex);
    m_rules.append(rule);
}

void FaultProxy::clearRules()
{
    QMutexLocker lock(&m_mutex);
    m_rules.clear();
}

QList<FaultProxy::Seen> FaultProxy::seen()
{
    QMutexLocker lock(&m_mutex);
    return m_seen;
}

void FaultProxy::clearSeen()
{
    QMutexLocker lock(&m_mutex);
    m_seen.clear();
}

void FaultProxy::acceptLoop()
{
    while (!m_stopping) {
        pollfd p{m_listen, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        const int client = ::accept(m_listen, nullptr, nullptr);
        if (client < 0)
            continue;
        QMutexLocker lock(&m_mutex);
        m_workers.emplace_back([this, client] { serve(client); });
    }
}

bool FaultProxy::takeFault(const QByteArray &method, const QByteArray &path, Rule *out)
{
    QMutexLocker lock(&m_mutex);
    for (Rule &r : m_rules) {
        if (r.times == 0 || (!r.method.isEmpty() && r.method != method) || !path.contains(r.pathContains))
            continue;
        if (r.times > 0)
            --r.times;
        *out = r;
        return true;
    }
    return false;
}

void FaultProxy::setUploadPace(qint64 bytesPerSecond, Pace pace)
{
    QMutexLocker lock(&m_mutex);
    m_paceScope = pace;
    m_paceRate = bytesPerSecond;
    m_sharedDue = Clock::now();
}

void FaultProxy::pace(qint64 bytes, Clock::time_point &connectionDue)
{
    const qint64 rate = m_paceRate;
    if (rate <= 0)
        return;
    const auto takes = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(double(bytes) / double(rate)));
    Clock::time_point due;
    if (m_paceScope == Pace::Shared) {
        QMutexLocker lock(&m_mutex);
        m_sharedDue = std::max(m_sharedDue, Clock::now()) + takes;
        due = m_sharedDue;
    } else {
        connectionDue = std::max(connectionDue, Clock::now()) + takes;
        due = connectionDue;
    }
    std::this_thread::sleep_until(due);
}

void FaultProxy::serve(int client)
{
    QByteArray fromClient;
    Clock::time_point connectionDue;
    for (;;) {
        QByteArray head;
        if (!readHead(client, fromClient, &head, &m_fromClients))
            break;
        const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
        const QByteArray method = requestLine.value(0), path = requestLine.value(1);
        const qint64 length = headerValue(head, "content-length").toLongLong();
        // An upload counts as on its way from its head until its answer went back.
        struct Upload
        {
            std::atomic<int> *count = nullptr;
            ~Upload() { if (count) --*count; }
        } upload;
        int uploadsAtOnce = 0;
        if (length > UploadSize) {
            upload.count = &m_uploads;
            uploadsAtOnce = ++m_uploads;
            int most = m_mostUploads;
            while (uploadsAtOnce > most && !m_mostUploads.compare_exchange_weak(most, uploadsAtOnce)) {
            }
        }
        const auto paced = [&](qint64 bytes) { pace(bytes, connectionDue); };
        Seen seen{method, path, head, 0, uploadsAtOnce};
        Rule rule;
        const bool faulty = takeFault(method, path, &rule);
        auto record = [&](int status) {
            seen.status = status;
            QMutexLocker lock(&m_mutex);
            m_seen.append(seen);
        };
        if (faulty && (rule.fault == Fault::SlowDown503 || rule.fault == Fault::Conflict409)) {
            if (!readExactly(client, fromClient, length, &m_fromClients, paced))
                break;
            fromClient.remove(0, length);
            const bool slowDown = rule.fault == Fault::SlowDown503;
            record(slowDown ? 503 : 409);
            sendAll(client, slowDown ? errorResponse(503, "Slow Down", "SlowDown") : errorResponse(409, "Conflict", "ConditionalRequestConflict"));
            continue;
        }
        if (faulty && rule.fault == Fault::Delay)
            std::this_thread::sleep_for(std::chrono::milliseconds(rule.delayMs));

        // Forward on a fresh upstream connection, byte for byte, the body as it comes (as a
        // link would: the server's work on a body overlaps its arrival).
        const int upstream = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(quint16(m_upstreamPort));
        ::inet_pton(AF_INET, m_upstreamHost.constData(), &addr.sin_addr);
        if (::connect(upstream, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || !sendAll(upstream, head)
            || !forwardBody(client, fromClient, length, upstream, paced, &m_fromClients)) {
            ::close(upstream); // a body cut off: the server drops it
            break;
        }
        QByteArray fromServer, responseHead, responseBody;
        bool ok = readHead(upstream, fromServer, &responseHead);
        while (ok && responseHead.startsWith("HTTP/1.1 1")) // interim 100 Continue
            ok = readHead(upstream, fromServer, &responseHead);
        const int status = ok ? responseHead.mid(9, 3).toInt() : 0;
        ok = ok && readBody(upstream, fromServer, responseHead, method == "HEAD" || status == 204 || status == 304, &responseBody);
        ::close(upstream);
        if (!ok)
            break;
        if (faulty && rule.fault == Fault::IgnoreIfNoneMatch && status == 412) {
            // Pretend the write happened, as a store without conditional writes would.
            record(200);
            sendAll(client, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            continue;
        }
        if (faulty && rule.fault == Fault::LoseResponse) {
            record(0); // the server acted; the client never hears of it
            break;
        }
        if (faulty && (rule.fault == Fault::ResetMidBody || rule.fault == Fault::Truncate) && responseBody.size() > 1) {
            record(status);
            sendAll(client, responseHead + responseBody.left(responseBody.size() / 2));
            if (rule.fault == Fault::ResetMidBody) {
                linger hard{1, 0}; // RST instead of FIN
                ::setsockopt(client, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
            }
            break;
        }
        record(status);
        if (sendAll(client, responseHead + responseBody))
            m_bodyBytesSent += responseBody.size();
    }
    ::close(client);
}

} // namespace testing
