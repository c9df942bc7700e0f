#include "Chunker.h"

#include "Hash.h"

#include <QElapsedTimer>
#include <QtEndian>
#include <algorithm>
#include <array>
#include <vector>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace trove {
namespace {

// Gear values are the first 8 bytes of SHA-256("trove-gear-v1/<i>"): reproducible by anyone
// reading FORMAT.md, and as random as a table needs to be.
std::array<uint64_t, 256> makeGearTable()
{
    std::array<uint64_t, 256> table{};
    for (int i = 0; i < 256; ++i) {
        const QByteArray seed = QByteArrayLiteral("trove-gear-v1/") + QByteArray::number(i);
        table[size_t(i)] = qFromBigEndian<uint64_t>(Hash::of(seed).raw().constData());
    }
    return table;
}

const std::array<uint64_t, 256> &gear()
{
    static const std::array<uint64_t, 256> table = makeGearTable();
    return table;
}

// Normalised chunking: a harder mask (22 bits) before the average size and an easier one
// (18 bits) after it pulls chunk sizes towards 1 MiB. High bits of the gear hash are used
// because they depend on the last 64 bytes, the whole window.
constexpr uint64_t maskBits(int bits) { return ~uint64_t(0) << (64 - bits); }
constexpr uint64_t HardMask = maskBits(22);
constexpr uint64_t EasyMask = maskBits(18);

// Index just past the first position in [i, end) whose gear hash has no bit of `mask` set,
// or `end`; `h` carries the hash across calls. Four bytes per step: the hashes at all four
// positions come from the hash before them (h << k plus the bytes' shifted gear values), so
// the serial dependency is one shift and add per four bytes instead of per byte, and the
// four tests share one branch. The arithmetic is exact, so the cuts are the format's.
template<uint64_t Mask> size_t scan(const unsigned char *data, size_t i, size_t end, uint64_t &h, bool &found)
{
    const auto &g = gear();
    for (; i + 4 <= end; i += 4) {
        const uint64_t a = g[data[i]], b = g[data[i + 1]], c = g[data[i + 2]], d = g[data[i + 3]];
        const uint64_t ab = (a << 1) + b, abc = (ab << 1) + c, abcd = (abc << 1) + d;
        const uint64_t h0 = (h << 1) + a, h1 = (h << 2) + ab, h2 = (h << 3) + abc, h3 = (h << 4) + abcd;
        if (!(h0 & Mask) | !(h1 & Mask) | !(h2 & Mask) | !(h3 & Mask)) {
            found = true;
            return !(h0 & Mask) ? i + 1 : !(h1 & Mask) ? i + 2 : !(h2 & Mask) ? i + 3 : i + 4;
        }
        h = h3;
    }
    for (; i < end; ++i) {
        h = (h << 1) + g[data[i]];
        if (!(h & Mask)) {
            found = true;
            return i + 1;
        }
    }
    found = false;
    return end;
}

// The chunker's hash at position p: it starts from 0 at MinSize, and a byte's share is
// shifted out after 64 more.
uint64_t hashAt(const unsigned char *data, size_t p)
{
    const auto &g = gear();
    uint64_t h = 0;
    for (size_t i = p >= Chunker::MinSize + 63 ? p - 63 : Chunker::MinSize; i <= p; ++i)
        h = (h << 1) + g[data[i]];
    return h;
}

// The cut in [from, end) byte by byte, the hard mask before `normal` and the easy one from
// it; `found` is false, and `end` returned, when there is none. The hash before `from` is
// recomputed, so a scan may start anywhere.
size_t scanFrom(const unsigned char *data, size_t from, size_t normal, size_t end, bool &found)
{
    uint64_t h = from == Chunker::MinSize ? 0 : hashAt(data, from - 1);
    found = false;
    if (from < normal) {
        const size_t hardEnd = normal < end ? normal : end;
        const size_t hard = scan<HardMask>(data, from, hardEnd, h, found);
        if (found || hardEnd == end)
            return hard;
        from = normal;
    }
    return scan<EasyMask>(data, from, end, h, found);
}

// No cut before MinSize, the hard mask up to AverageSize, the easy one up to MaxSize:
// `findCut(data, normal, limit)` finds the cut inside those bounds.
template<typename FindCut> size_t withinBounds(const unsigned char *data, size_t available, FindCut findCut)
{
    if (available <= Chunker::MinSize)
        return available;
    const size_t limit = available < Chunker::MaxSize ? available : Chunker::MaxSize;
    const size_t normal = limit < Chunker::AverageSize ? limit : Chunker::AverageSize;
    return findCut(data, normal, limit);
}

#if defined(__x86_64__)
// AVX-512: eight lanes hash eight 8 KiB segments of a 64 KiB row side by side, each warmed up
// on the 64 bytes before its segment (the hash depends on no byte older than that). Every
// position whose hash passes the easy mask is a candidate; the first candidate in file order
// that passes the mask of its region is the cut, exactly as the byte-by-byte scan finds it.
constexpr size_t Lanes = 8, Segment = 8192, Row = Lanes * Segment, Warm = 64, MaxHits = 64;

// GCC 12's AVX-512 headers trip -Wmaybe-uninitialized on their own placeholders.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
__attribute__((target("avx512f"))) size_t cutAvx512(const unsigned char *data, size_t normal, size_t limit)
{
    const auto *table = reinterpret_cast<const long long *>(gear().data());
    const __m512i easy = _mm512_set1_epi64(static_cast<long long>(EasyMask));
    const __m512i laneOffsets = _mm512_set_epi64(7 * Segment, 6 * Segment, 5 * Segment, 4 * Segment, 3 * Segment, 2 * Segment, Segment, 0);
    const __m512i lowByte = _mm512_set1_epi64(0xFF);
    size_t row = Chunker::MinSize;
    for (; row + Row <= limit; row += Row) {
        size_t hits[MaxHits];
        size_t hitCount = 0;
        bool overflow = false;
        __m512i h = _mm512_setzero_si512();
        const __m512i base = _mm512_add_epi64(_mm512_set1_epi64(static_cast<long long>(reinterpret_cast<uintptr_t>(data + row - Warm))), laneOffsets);
        // The first lane of the first row starts at MinSize itself: no warm-up bytes count.
        const __mmask8 warmLanes = row == Chunker::MinSize ? 0xFE : 0xFF;
        for (size_t t = 0; t < Warm + Segment; t += 8) {
            const __m512i bytes = _mm512_i64gather_epi64(_mm512_add_epi64(base, _mm512_set1_epi64(static_cast<long long>(t))), nullptr, 1);
            for (int k = 0; k < 8; ++k) {
                const __m512i index = _mm512_and_si512(_mm512_srli_epi64(bytes, unsigned(8 * k)), lowByte);
                __m512i g = _mm512_i64gather_epi64(index, table, 8);
                if (t < Warm)
                    g = _mm512_maskz_mov_epi64(warmLanes, g);
                h = _mm512_add_epi64(_mm512_slli_epi64(h, 1), g);
                if (t < Warm)
                    continue;
                for (unsigned zero = _mm512_testn_epi64_mask(h, easy); zero; zero &= zero - 1) {
                    if (hitCount == MaxHits)
                        overflow = true;
                    else
                        hits[hitCount++] = row + size_t(__builtin_ctz(zero)) * Segment + (t - Warm) + size_t(k);
                }
            }
        }
        if (overflow) { // low-entropy bytes: this row byte by byte
            bool found = false;
            const size_t cut = scanFrom(data, row, normal, row + Row, found);
            if (found)
                return cut;
            continue;
        }
        std::sort(hits, hits + hitCount);
        for (size_t i = 0; i < hitCount; ++i) {
            if (hits[i] >= normal || !(hashAt(data, hits[i]) & HardMask))
                return hits[i] + 1;
        }
    }
    bool found = false;
    return scanFrom(data, row, normal, limit, found);
}
#pragma GCC diagnostic pop
#endif

size_t scanAll(const unsigned char *data, size_t normal, size_t limit)
{
    bool found = false;
    return scanFrom(data, Chunker::MinSize, normal, limit, found);
}

} // namespace

size_t Chunker::cutPortable(const unsigned char *data, size_t available)
{
    return withinBounds(data, available, scanAll);
}

#if defined(__x86_64__)
namespace {
// Gathers are fast on some AVX-512 CPUs and slower than the four-bytes-a-step scan on others
// (AMD EPYC here: 1.6 against 2.6 GB/s), so the first cut times both on the same random
// bytes, interleaved, and keeps the faster for the life of the process.
using CutFunction = size_t (*)(const unsigned char *, size_t, size_t);

CutFunction fasterScan()
{
    if (!__builtin_cpu_supports("avx512f"))
        return scanAll;
    std::vector<unsigned char> sample(2 * Chunker::MaxSize);
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (unsigned char &byte : sample) { // xorshift: bytes with no structure, like weights
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        byte = static_cast<unsigned char>(x);
    }
    const auto timeScan = [&](CutFunction scan) {
        QElapsedTimer timer;
        timer.start();
        for (size_t offset = 0; offset + Chunker::MaxSize <= sample.size();)
            offset += withinBounds(sample.data() + offset, Chunker::MaxSize, scan);
        return timer.nsecsElapsed();
    };
    qint64 vectorTime = 0, portableTime = 0;
    for (int round = 0; round < 3; ++round) {
        vectorTime += timeScan(cutAvx512);
        portableTime += timeScan(scanAll);
    }
    return vectorTime < portableTime ? cutAvx512 : scanAll;
}

CutFunction chosenScan()
{
    static const CutFunction scan = fasterScan();
    return scan;
}
} // namespace

size_t Chunker::cutVector(const unsigned char *data, size_t available)
{
    return __builtin_cpu_supports("avx512f") ? withinBounds(data, available, cutAvx512) : cutPortable(data, available);
}
#else
size_t Chunker::cutVector(const unsigned char *data, size_t available)
{
    return cutPortable(data, available);
}
#endif

void Chunker::chooseScan()
{
#if defined(__x86_64__)
    chosenScan();
#endif
}

size_t Chunker::cut(const unsigned char *data, size_t available)
{
    if (available <= MinSize)
        return available;
#if defined(__x86_64__)
    return withinBounds(data, available, chosenScan());
#else
    return cutPortable(data, available);
#endif
}

} // namespace trove
