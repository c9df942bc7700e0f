#pragma once

#include <cstddef>
#include <cstdint>

namespace trove {

// FastCDC content-defined chunking with a 64-bit gear hash and normalised chunk sizes.
// Cuts depend only on the bytes, so an insertion moves only the chunks around it; the
// parameters and the gear table are part of the format (docs/FORMAT.md) because writers that
// disagree on them cut the same file differently and lose dedupe (never correctness).
class Chunker
{
public:
    static constexpr size_t MinSize = 256 * 1024;
    static constexpr size_t AverageSize = 1024 * 1024;
    static constexpr size_t MaxSize = 4 * 1024 * 1024;

    // Length of the chunk that starts at data[0]. `available` must be at least MaxSize
    // unless the file ends within those bytes.
    // Uses whichever of the AVX-512 and the portable scan is faster on this CPU.
    static size_t cut(const unsigned char *data, size_t available);
    // Chooses that scan now, if not done yet: timing both takes tens of milliseconds, which
    // the first cut would otherwise wait for.
    static void chooseScan();
    // The same cut with AVX-512 where the CPU has it (else cutPortable).
    static size_t cutVector(const unsigned char *data, size_t available);
    // The same cut, byte by byte: the reference the vector version is tested against.
    static size_t cutPortable(const unsigned char *data, size_t available);
};

} // namespace trove
