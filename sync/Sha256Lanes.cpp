#include "Sha256Lanes.h"

#include <QThreadPool>
#include <QtConcurrent>
#include <algorithm>
#include <cstring>
#include <immintrin.h>

// GCC 12's AVX-512 headers start rotates and shuffles from _mm512_undefined_epi32(), which it
// then reports as maybe uninitialized (GCC bug 105593).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace trove {
namespace {

alignas(64) const quint32 RoundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
const quint32 InitialState[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

#define TROVE_AVX512 __attribute__((target("avx512f,avx512bw")))

TROVE_AVX512 inline __m512i xor3(__m512i a, __m512i b, __m512i c) { return _mm512_ternarylogic_epi32(a, b, c, 0x96); }
TROVE_AVX512 inline __m512i add(__m512i a, __m512i b) { return _mm512_add_epi32(a, b); }

// Loads one 64-byte block from each lane's pointer and turns the 16 x 16 words around, so
// that w[t] holds word t of every lane's block (big-endian, as SHA-256 reads it).
TROVE_AVX512 inline void loadWords(const unsigned char *const p[Sha256Lanes::Count], qint64 offset, __m512i w[16])
{
    __m512i rows[16], pairs[16], quads[16];
    for (int i = 0; i < 16; ++i)
        rows[i] = _mm512_loadu_si512(p[i] + offset);
    for (int i = 0; i < 8; ++i) {
        pairs[2 * i] = _mm512_unpacklo_epi32(rows[2 * i], rows[2 * i + 1]);
        pairs[2 * i + 1] = _mm512_unpackhi_epi32(rows[2 * i], rows[2 * i + 1]);
    }
    // quads[4i + k]: in each 128-bit part j, word 4j + k of lanes 4i .. 4i + 3
    for (int i = 0; i < 4; ++i) {
        quads[4 * i] = _mm512_unpacklo_epi64(pairs[4 * i], pairs[4 * i + 2]);
        quads[4 * i + 1] = _mm512_unpackhi_epi64(pairs[4 * i], pairs[4 * i + 2]);
        quads[4 * i + 2] = _mm512_unpacklo_epi64(pairs[4 * i + 1], pairs[4 * i + 3]);
        quads[4 * i + 3] = _mm512_unpackhi_epi64(pairs[4 * i + 1], pairs[4 * i + 3]);
    }
    const __m512i byteSwap = _mm512_set4_epi32(0x0c0d0e0f, 0x08090a0b, 0x04050607, 0x00010203);
    for (int k = 0; k < 4; ++k) {
        const __m512i even0 = _mm512_shuffle_i32x4(quads[k], quads[4 + k], 0x88);
        const __m512i odd0 = _mm512_shuffle_i32x4(quads[k], quads[4 + k], 0xDD);
        const __m512i even1 = _mm512_shuffle_i32x4(quads[8 + k], quads[12 + k], 0x88);
        const __m512i odd1 = _mm512_shuffle_i32x4(quads[8 + k], quads[12 + k], 0xDD);
        w[k] = _mm512_shuffle_epi8(_mm512_shuffle_i32x4(even0, even1, 0x88), byteSwap);
        w[8 + k] = _mm512_shuffle_epi8(_mm512_shuffle_i32x4(even0, even1, 0xDD), byteSwap);
        w[4 + k] = _mm512_shuffle_epi8(_mm512_shuffle_i32x4(odd0, odd1, 0x88), byteSwap);
        w[12 + k] = _mm512_shuffle_epi8(_mm512_shuffle_i32x4(odd0, odd1, 0xDD), byteSwap);
    }
}

// SHA-256's compression function on `blocks` consecutive blocks from each lane's pointer.
TROVE_AVX512 void compress(quint32 state[8][Sha256Lanes::Count], const unsigned char *const p[Sha256Lanes::Count], qint64 blocks)
{
    __m512i s[8];
    for (int i = 0; i < 8; ++i)
        s[i] = _mm512_load_si512(state[i]);
    for (qint64 block = 0; block < blocks; ++block) {
        __m512i w[16];
        loadWords(p, 64 * block, w);
        __m512i a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
#pragma GCC unroll 64
        for (int t = 0; t < 64; ++t) {
            if (t >= 16) { // the message schedule, kept in a ring of 16 words
                const __m512i w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15];
                const __m512i sigma0 = xor3(_mm512_ror_epi32(w15, 7), _mm512_ror_epi32(w15, 18), _mm512_srli_epi32(w15, 3));
                const __m512i sigma1 = xor3(_mm512_ror_epi32(w2, 17), _mm512_ror_epi32(w2, 19), _mm512_srli_epi32(w2, 10));
                w[t & 15] = add(add(w[t & 15], sigma0), add(w[(t - 7) & 15], sigma1));
            }
            const __m512i sum1 = xor3(_mm512_ror_epi32(e, 6), _mm512_ror_epi32(e, 11), _mm512_ror_epi32(e, 25));
            const __m512i choose = _mm512_ternarylogic_epi32(e, f, g, 0xCA);
            const __m512i t1 = add(add(h, sum1), add(choose, add(_mm512_set1_epi32(int(RoundConstants[t])), w[t & 15])));
            const __m512i sum0 = xor3(_mm512_ror_epi32(a, 2), _mm512_ror_epi32(a, 13), _mm512_ror_epi32(a, 22));
            const __m512i majority = _mm512_ternarylogic_epi32(a, b, c, 0xE8);
            h = g;
            g = f;
            f = e;
            e = add(d, t1);
            d = c;
            c = b;
            b = a;
            a = add(t1, add(sum0, majority));
        }
        s[0] = add(s[0], a);
        s[1] = add(s[1], b);
        s[2] = add(s[2], c);
        s[3] = add(s[3], d);
        s[4] = add(s[4], e);
        s[5] = add(s[5], f);
        s[6] = add(s[6], g);
        s[7] = add(s[7], h);
    }
    for (int i = 0; i < 8; ++i)
        _mm512_store_si512(state[i], s[i]);
}

bool cpuHasAvx512() { return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw"); }

QThreadPool *hashingPool()
{
    static QThreadPool pool;
    return &pool;
}

} // namespace

Sha256Lanes::Sha256Lanes(Engine engine) : m_vector(engine == Engine::Best && cpuHasAvx512()) {}

void Sha256Lanes::start(quint64 tag, const char *data, qint64 length)
{
    const auto free = std::find_if(m_lanes.begin(), m_lanes.end(), [](const Lane &l) { return !l.busy; });
    Q_ASSERT(free != m_lanes.end());
    Lane &lane = *free;
    lane.busy = true;
    lane.tag = tag;
    lane.data = reinterpret_cast<const unsigned char *>(data);
    lane.length = length;
    ++m_busy;
    if (!m_vector)
        return;
    // The tail: the bytes after the last whole block, the 0x80 byte, zeros and the length in
    // bits, big-endian, in one block or two.
    lane.dataBlocks = length / 64;
    const qint64 rest = length % 64;
    std::memset(lane.tail, 0, sizeof lane.tail);
    std::memcpy(lane.tail, lane.data + 64 * lane.dataBlocks, size_t(rest));
    lane.tail[rest] = 0x80;
    lane.tailBlocks = rest < 56 ? 1 : 2;
    const quint64 bits = quint64(length) * 8;
    for (int i = 0; i < 8; ++i)
        lane.tail[64 * lane.tailBlocks - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
    const int index = int(free - m_lanes.begin());
    for (int i = 0; i < 8; ++i)
        m_state[i][index] = InitialState[i];
}

void Sha256Lanes::run(std::vector<Finished> *finished)
{
    if (m_busy == 0)
        return;
    if (m_vector)
        runVector(finished);
    else
        runOpenSsl(finished);
}

void Sha256Lanes::runVector(std::vector<Finished> *finished)
{
    // Every lane runs the same number of blocks: as many as the busy lane nearest the end of
    // its data (or of its tail) has left. Free lanes hash a busy lane's bytes, for nothing.
    const unsigned char *pointers[Count];
    qint64 blocks = std::numeric_limits<qint64>::max();
    const unsigned char *anyBusy = nullptr;
    for (int l = 0; l < Count; ++l) {
        const Lane &lane = m_lanes[l];
        if (!lane.busy)
            continue;
        pointers[l] = lane.dataBlocks ? lane.data : lane.tail;
        blocks = std::min(blocks, lane.dataBlocks ? lane.dataBlocks : qint64(lane.tailBlocks));
        anyBusy = pointers[l];
    }
    for (int l = 0; l < Count; ++l) {
        if (!m_lanes[l].busy)
            pointers[l] = anyBusy;
    }
    compress(m_state, pointers, blocks);
    for (int l = 0; l < Count; ++l) {
        Lane &lane = m_lanes[l];
        if (!lane.busy)
            continue;
        if (lane.dataBlocks) {
            lane.dataBlocks -= blocks;
            lane.data += 64 * blocks;
            continue;
        }
        lane.tailBlocks -= int(blocks);
        if (lane.tailBlocks > 0) {
            std::memmove(lane.tail, lane.tail + 64, 64);
            continue;
        }
        char digest[Hash::Size];
        for (int i = 0; i < 8; ++i) {
            const quint32 word = m_state[i][l];
            for (int byte = 0; byte < 4; ++byte)
                digest[4 * i + byte] = char(word >> (24 - 8 * byte));
        }
        finished->push_back({lane.tag, Hash::fromRaw(QByteArrayView(digest, Hash::Size))});
        lane.busy = false;
        --m_busy;
    }
}

void Sha256Lanes::runOpenSsl(std::vector<Finished> *finished)
{
    struct Job { Lane *lane; Hash hash; };
    std::vector<Job> jobs;
    for (Lane &lane : m_lanes) {
        if (lane.busy)
            jobs.push_back({&lane, {}});
    }
    QtConcurrent::blockingMap(hashingPool(), jobs, [](Job &job) {
        job.hash = Hash::of(reinterpret_cast<const char *>(job.lane->data), job.lane->length);
    });
    for (Job &job : jobs) {
        finished->push_back({job.lane->tag, job.hash});
        job.lane->busy = false;
    }
    m_busy = 0;
}

} // namespace trove
