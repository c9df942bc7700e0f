#include "RetryingStore.h"

#include "Error.h"

#include <QRandomGenerator>
#include <QThread>

namespace trove {

template<typename F> auto RetryingStore::retry(F &&call) -> decltype(call())
{
    for (int attempt = 1;; ++attempt) {
        try {
            return call();
        } catch (const Error &e) {
            if (e.kind() != Error::Kind::Unavailable || attempt >= m_attempts)
                throw;
            // Full jitter: many clients retrying together do not retry in step.
            const int cap = m_firstDelayMs << qMin(attempt - 1, 8);
            QThread::msleep(QRandomGenerator::global()->bounded(cap / 2, cap + 1));
        }
    }
}

QByteArray RetryingStore::get(const QString &key) { return retry([&] { return m_inner->get(key); }); }
QByteArray RetryingStore::getRange(const QString &key, qint64 offset, qint64 length)
{
    return retry([&] { return m_inner->getRange(key, offset, length); });
}
void RetryingStore::prepareForWrites() { retry([&] { m_inner->prepareForWrites(); }); }
void RetryingStore::put(const QString &key, const ObjectBody &data) { retry([&] { m_inner->put(key, data); }); }
bool RetryingStore::createIfAbsent(const QString &key, const ObjectBody &data)
{
    return retry([&] { return m_inner->createIfAbsent(key, data); });
}
ListPage RetryingStore::list(const QString &prefix, const QString &startAfter, int maxKeys)
{
    return retry([&] { return m_inner->list(prefix, startAfter, maxKeys); });
}
void RetryingStore::remove(const QString &key) { retry([&] { m_inner->remove(key); }); }
std::optional<ObjectInfo> RetryingStore::stat(const QString &key) { return retry([&] { return m_inner->stat(key); }); }

} // namespace trove
