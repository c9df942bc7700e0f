#pragma once

#include "Store.h"

#include <memory>

namespace trove {

// Retries what a store reports as Unavailable (5xx, 429/SlowDown, resets, timeouts) with
// exponential backoff and jitter, as a wrapper around any store (restic's lesson: retry is
// not the S3 code's business). Every other error passes through at once.
class RetryingStore : public Store
{
public:
    explicit RetryingStore(std::shared_ptr<Store> inner, int attempts = 7, int firstDelayMs = 100)
        : m_inner(std::move(inner)), m_attempts(attempts), m_firstDelayMs(firstDelayMs) {}

    QString displayName() const override { return m_inner->displayName(); }
    QByteArray get(const QString &key) override;
    QByteArray getRange(const QString &key, qint64 offset, qint64 length) override;
    qint64 rangeLengthLimit() const override { return m_inner->rangeLengthLimit(); }
    bool probesUploadStreams() const override { return m_inner->probesUploadStreams(); }
    void put(const QString &key, const ObjectBody &data) override;
    // A retry that finds the key taken may be seeing its own earlier, lost success: callers
    // that care (version records, names) compare the stored content with what they wrote.
    bool createIfAbsent(const QString &key, const ObjectBody &data) override;
    ListPage list(const QString &prefix, const QString &startAfter, int maxKeys) override;
    void remove(const QString &key) override;
    std::optional<ObjectInfo> stat(const QString &key) override;
    void prepareForWrites() override;
    qint64 removeStaleTemporaries(qint64 seconds) override { return m_inner->removeStaleTemporaries(seconds); }

    void setBandwidthLimit(qint64 bytesPerSecond) override { m_inner->setBandwidthLimit(bytesPerSecond); }
    TransferMonitor &transfers() override { return m_inner->transfers(); }
    Store &inner() { return *m_inner; }

private:
    template<typename F> auto retry(F &&call) -> decltype(call());

    std::shared_ptr<Store> m_inner;
    int m_attempts;
    int m_firstDelayMs;
};

} // namespace trove
