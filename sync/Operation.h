#pragma once

#include "Error.h"
#include "Hash.h"

#include <QMutex>
#include <QSet>
#include <atomic>

namespace trove {

// Progress counters and the cancel flag of one long operation. Engine code updates the
// counters from any thread; a Job samples them on a timer and emits batched progress signals,
// so the engine never calls into the GUI.
struct Operation
{
    std::atomic<qint64> bytesTotal{0};
    std::atomic<qint64> bytesDone{0};
    std::atomic<qint64> filesTotal{0};
    std::atomic<qint64> filesDone{0};
    // Of an upload's bytes, those the store already holds (or the upload packed once already:
    // not sent twice) and those it will send. Counted as each chunk is hashed and looked up,
    // before its pack is stored, so a user sees what dedupe saves before bytes move.
    std::atomic<qint64> bytesAlreadyStored{0};
    std::atomic<qint64> bytesNew{0};
    std::atomic<bool> cancelled{false};

    void resetCounters()
    {
        bytesTotal = bytesDone = filesTotal = filesDone = bytesAlreadyStored = bytesNew = 0;
    }

    // Packs the operation created (rather than found stored): what a failed commit removes.
    void addCreatedPack(const Hash &pack)
    {
        QMutexLocker lock(&m_createdMutex);
        m_createdPacks.insert(pack);
    }
    QSet<Hash> createdPacks() const
    {
        QMutexLocker lock(&m_createdMutex);
        return m_createdPacks;
    }

    void throwIfCancelled() const
    {
        if (cancelled.load(std::memory_order_relaxed))
            fail(Error::Kind::Cancelled, QStringLiteral("cancelled; nothing was committed"));
    }

private:
    mutable QMutex m_createdMutex;
    QSet<Hash> m_createdPacks;
};

} // namespace trove
