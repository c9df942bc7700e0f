#include "Chunker.h"

#include "Hash.h"

#include <QtEndian>
#include <array>

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

} // namespace

namespace {

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

} // namespace

size_t Chunker::cut(const unsigned char *data, size_t available)
{
    if (available <= MinSize)
        return available;
    const size_t limit = available < MaxSize ? available : MaxSize;
    const size_t normal = limit < AverageSize ? limit : AverageSize;
    uint64_t h = 0;
    bool found = false;
    const size_t hard = scan<HardMask>(data, MinSize, normal, h, found);
    if (found)
        return hard;
    const size_t easy = scan<EasyMask>(data, normal, limit, h, found);
    return found ? easy : limit;
}

} // namespace trove
