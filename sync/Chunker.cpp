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

size_t Chunker::cut(const unsigned char *data, size_t available)
{
    if (available <= MinSize)
        return available;
    const size_t limit = available < MaxSize ? available : MaxSize;
    const size_t normal = limit < AverageSize ? limit : AverageSize;
    const auto &g = gear();
    uint64_t h = 0;
    size_t i = MinSize;
    for (; i < normal; ++i) {
        h = (h << 1) + g[data[i]];
        if (!(h & HardMask))
            return i + 1;
    }
    for (; i < limit; ++i) {
        h = (h << 1) + g[data[i]];
        if (!(h & EasyMask))
            return i + 1;
    }
    return limit;
}

} // namespace trove
