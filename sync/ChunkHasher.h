#pragma once

#include "Hash.h"
#include "Sha256Lanes.h"

#include <QMutex>
#include <QThread>
#include <QWaitCondition>
#include <deque>
#include <memory>
#include <optional>

namespace trove {

// Hashes a stream of chunks on a thread of its own while the caller cuts the next ones, and
// gives the hashes back in the order the chunks came. The thread keeps Sha256Lanes' lanes
// full, running them partly filled only when the caller waits or no more chunks will come.
// The first chunks, up to `LeadBytes`, are hashed one by one as they come instead (OpenSSL, on
// the SHA extensions where the CPU has them): an upload's first request waits for them, and full
// lanes would first wait for sixteen chunks to be cut.
class ChunkHasher
{
public:
    static constexpr qint64 LeadBytes = 16 * 1024 * 1024;

    explicit ChunkHasher(Sha256Lanes::Engine engine = Sha256Lanes::Engine::Best);
    // Stops at once: no chunk's bytes are read once it returns, hashed or not.
    ~ChunkHasher();
    ChunkHasher(const ChunkHasher &) = delete;
    ChunkHasher &operator=(const ChunkHasher &) = delete;

    // Queues a chunk; its bytes must stay readable until its hash is taken (or this is gone).
    void add(const char *data, qint64 length);
    // No more chunks will come: the lanes run as they are.
    void endOfChunks();
    // The hash of the oldest chunk whose hash is not taken yet, if it is ready.
    std::optional<Hash> takeOldestIfReady();
    // The same, waiting for it.
    Hash takeOldest();

private:
    struct Chunk { quint64 sequence; const char *data; qint64 length; bool lead; };
    void run();
    void hashLead(QMutexLocker<QMutex> &lock);

    QMutex m_mutex;
    QWaitCondition m_work;     // the thread waits for chunks or a reason to run
    QWaitCondition m_hashed;   // the caller waits for its hash
    std::deque<Chunk> m_queued; // not in a lane yet
    std::deque<std::optional<Hash>> m_hashes; // of chunks m_oldest, m_oldest + 1, ...
    quint64 m_oldest = 0;
    qint64 m_bytesAdded = 0;
    bool m_callerWaits = false;
    bool m_endOfChunks = false;
    bool m_stopping = false;
    Sha256Lanes m_lanes; // the thread's alone
    std::unique_ptr<QThread> m_thread;
};

} // namespace trove
