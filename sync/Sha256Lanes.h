#pragma once

#include "Hash.h"

#include <QtGlobal>
#include <array>
#include <vector>

namespace trove {

// SHA-256 of up to 16 byte ranges at once, one per lane of AVX-512 registers: on a CPU with
// AVX-512 (F and BW) this hashes about 1.9 times as many bytes a second as OpenSSL with the SHA
// extensions does on one core (3.2 against 1.7 GB/s), which an upload sharing its cores with
// the server gives back to the server. Without AVX-512 each range is hashed by OpenSSL, the
// busy lanes on a thread pool. Lanes take ranges as they free up, so a stream of chunks keeps
// them all busy; a lane costs the same whether its neighbours are busy or not, which is why
// `wantsFullLanes()` asks the caller to run partly filled lanes only when it must.
class Sha256Lanes
{
public:
    static constexpr int Count = 16;
    enum class Engine { Best, OpenSsl };
    struct Finished { quint64 tag; Hash hash; };

    explicit Sha256Lanes(Engine engine = Engine::Best);

    bool hasFreeLane() const { return m_busy < Count; }
    bool idle() const { return m_busy == 0; }
    // True when running with free lanes wastes their share of the work (the vector engine).
    bool wantsFullLanes() const { return m_vector; }
    // Starts hashing `length` bytes at `data` in a free lane. The bytes must stay readable
    // until the range's hash comes out of run().
    void start(quint64 tag, const char *data, qint64 length);
    // Hashes until at least one busy lane's range is done; appends each range that finished.
    void run(std::vector<Finished> *finished);

private:
    struct Lane
    {
        bool busy = false;
        quint64 tag = 0;
        const unsigned char *data = nullptr;
        qint64 length = 0;
        qint64 dataBlocks = 0; // whole 64-byte blocks of `data` not yet hashed
        int tailBlocks = 0;    // blocks of `tail` not yet hashed: the range's last bytes, padded
        alignas(64) unsigned char tail[128];
    };
    void runVector(std::vector<Finished> *finished);
    void runOpenSsl(std::vector<Finished> *finished);

    const bool m_vector;
    int m_busy = 0;
    std::array<Lane, Count> m_lanes;
    alignas(64) quint32 m_state[8][Count]; // word i of lane l's digest state at [i][l]
};

} // namespace trove
