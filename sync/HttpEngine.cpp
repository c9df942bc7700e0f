#include "HttpEngine.h"

#include <algorithm>
#include <curl/curl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace trove {

struct HttpEngine::Pending
{
    CURL *easy = nullptr;
    CURLcode result = CURLE_OK;
    bool done = false;
};

HttpEngine::HttpEngine() : m_multi(curl_multi_init())
{
    // Up to 64 connections to one host, reused across requests; HTTP/1.1 has no pipelining.
    curl_multi_setopt(m_multi, CURLMOPT_MAX_HOST_CONNECTIONS, 64L);
    curl_multi_setopt(m_multi, CURLMOPT_MAXCONNECTS, 64L);
    m_thread = std::thread([this] { loop(); });
}

HttpEngine::~HttpEngine()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
    }
    curl_multi_wakeup(m_multi);
    m_thread.join();
    curl_multi_cleanup(m_multi);
}

int HttpEngine::perform(CURL *easy)
{
    Pending pending;
    pending.easy = easy;
    curl_easy_setopt(easy, CURLOPT_PRIVATE, &pending);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, openSocket);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, this);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, closeSocket);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, this);
    QMutexLocker lock(&m_mutex);
    if (m_stopping)
        return CURLE_ABORTED_BY_CALLBACK;
    m_queue.push_back(&pending);
    curl_multi_wakeup(m_multi);
    while (!pending.done)
        m_done.wait(&m_mutex);
    return pending.result;
}

int HttpEngine::openSocket(void *engine, int purpose, ::curl_sockaddr *address)
{
    Q_UNUSED(purpose)
    const int socket = ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
    if (socket >= 0)
        static_cast<HttpEngine *>(engine)->m_sockets.push_back(socket);
    return socket;
}

int HttpEngine::closeSocket(void *engine, int socket)
{
    auto &sockets = static_cast<HttpEngine *>(engine)->m_sockets;
    sockets.erase(std::remove(sockets.begin(), sockets.end(), socket), sockets.end());
    return ::close(socket);
}

void HttpEngine::acknowledgeNow()
{
    // Which connection the reply came on is not known here; forcing out a pending ACK on the
    // others is harmless.
    const int on = 1;
    for (const int socket : m_sockets)
        ::setsockopt(socket, IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
}

bool HttpEngine::holdBack(CURL *easy, const RateLimiter &limiter)
{
    if (!limiter.isLimited() || limiter.due() <= RateLimiter::Clock::now())
        return false;
    m_paused.push_back({easy, &limiter});
    return true;
}

void HttpEngine::resumeDue()
{
    const auto now = RateLimiter::Clock::now();
    std::vector<Paused> paused;
    paused.swap(m_paused); // resuming runs callbacks at once, which may hold back again
    for (const Paused &p : paused) {
        if (p.limiter->due() <= now)
            curl_easy_pause(p.easy, CURLPAUSE_CONT);
        else
            m_paused.push_back(p);
    }
}

int HttpEngine::pollTimeoutMs() const
{
    int timeout = 1000;
    const auto now = RateLimiter::Clock::now();
    for (const Paused &p : m_paused) {
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(p.limiter->due() - now).count();
        timeout = std::min<int>(timeout, int(std::max<qint64>(1, wait + 1)));
    }
    return timeout;
}

void HttpEngine::loop()
{
    for (;;) {
        {
            QMutexLocker lock(&m_mutex);
            for (Pending *p : m_queue) {
                curl_multi_add_handle(m_multi, p->easy);
                ++m_inFlight;
            }
            m_queue.clear();
            if (m_stopping && m_inFlight == 0)
                return;
        }
        int running = 0;
        curl_multi_perform(m_multi, &running);
        int left = 0;
        while (CURLMsg *msg = curl_multi_info_read(m_multi, &left)) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            Pending *p = nullptr;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char **>(&p));
            const CURLcode result = msg->data.result;
            curl_multi_remove_handle(m_multi, msg->easy_handle);
            m_paused.erase(std::remove_if(m_paused.begin(), m_paused.end(), [&](const Paused &q) { return q.easy == msg->easy_handle; }),
                           m_paused.end());
            --m_inFlight;
            QMutexLocker lock(&m_mutex);
            p->result = result;
            p->done = true;
            m_done.wakeAll();
        }
        resumeDue();
        curl_multi_poll(m_multi, nullptr, 0, pollTimeoutMs(), nullptr);
    }
}

} // namespace trove
