#include "ChunkHasher.h"

namespace trove {

ChunkHasher::ChunkHasher(Sha256Lanes::Engine engine) : m_lanes(engine), m_thread(QThread::create([this] { run(); }))
{
    m_thread->start();
}

ChunkHasher::~ChunkHasher()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_work.wakeOne();
    }
    m_thread->wait();
}

void ChunkHasher::add(const char *data, qint64 length)
{
    QMutexLocker lock(&m_mutex);
    m_queued.push_back({m_oldest + m_hashes.size(), data, length, m_bytesAdded < LeadBytes});
    m_bytesAdded += length;
    m_hashes.emplace_back();
    m_work.wakeOne();
}

void ChunkHasher::endOfChunks()
{
    QMutexLocker lock(&m_mutex);
    m_endOfChunks = true;
    m_work.wakeOne();
}

std::optional<Hash> ChunkHasher::takeOldestIfReady()
{
    QMutexLocker lock(&m_mutex);
    if (m_hashes.empty() || !m_hashes.front())
        return std::nullopt;
    const Hash hash = *m_hashes.front();
    m_hashes.pop_front();
    ++m_oldest;
    return hash;
}

Hash ChunkHasher::takeOldest()
{
    QMutexLocker lock(&m_mutex);
    Q_ASSERT(!m_hashes.empty());
    if (!m_hashes.front()) {
        m_callerWaits = true;
        m_work.wakeOne();
        while (!m_hashes.front())
            m_hashed.wait(&m_mutex);
        m_callerWaits = false;
    }
    const Hash hash = *m_hashes.front();
    m_hashes.pop_front();
    ++m_oldest;
    return hash;
}

void ChunkHasher::run()
{
    std::vector<Sha256Lanes::Finished> finished;
    QMutexLocker lock(&m_mutex);
    for (;;) {
        if (m_stopping)
            return;
        if (!m_queued.empty() && m_queued.front().lead) {
            hashLead(lock);
            continue;
        }
        while (m_lanes.hasFreeLane() && !m_queued.empty()) {
            const Chunk &chunk = m_queued.front();
            m_lanes.start(chunk.sequence, chunk.data, chunk.length);
            m_queued.pop_front();
        }
        const bool mustRun = m_callerWaits || m_endOfChunks || !m_lanes.wantsFullLanes();
        if (m_lanes.idle() || (m_lanes.hasFreeLane() && !mustRun)) {
            m_work.wait(&m_mutex);
            continue;
        }
        lock.unlock();
        finished.clear();
        m_lanes.run(&finished);
        lock.relock();
        for (const Sha256Lanes::Finished &f : finished)
            m_hashes[size_t(f.tag - m_oldest)] = f.hash;
        m_hashed.wakeAll();
    }
}

void ChunkHasher::hashLead(QMutexLocker<QMutex> &lock)
{
    // Lead chunks come first, so no lane holds a chunk yet, and each is the oldest queued.
    const Chunk chunk = m_queued.front();
    m_queued.pop_front();
    lock.unlock();
    const Hash hash = Hash::of(chunk.data, chunk.length);
    lock.relock();
    m_hashes[size_t(chunk.sequence - m_oldest)] = hash;
    m_hashed.wakeAll();
}

} // namespace trove
