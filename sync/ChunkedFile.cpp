#include "ChunkedFile.h"

#include "ChunkHasher.h"
#include "Chunker.h"
#include "Error.h"
#include "FileDescriptor.h"
#include "Operation.h"

#include <array>
#include <cstdlib>
#include <deque>
#include <memory>
#include <sys/mman.h>

namespace trove::ingest {
namespace {

// Takes the hashes back in file order: a file's packs are then composed alike on every run,
// so after an interrupted upload a rerun finds the packs it stored by name instead of sending
// their bytes again under other names.
class OrderedHashes
{
public:
    explicit OrderedHashes(const std::function<void(const HashedChunk &)> &chunk) : m_chunk(chunk) {}

    void add(const char *bytes, qint64 length, qint64 fileOffset)
    {
        m_hasher.add(bytes, length);
        m_pending.push_back({fileOffset, length});
        // Chunks already hashed go on now: an upload's first pack is then sealed, and its
        // request started, as soon as its own bytes are hashed.
        while (!m_pending.empty()) {
            const std::optional<Hash> hash = m_hasher.takeOldestIfReady();
            if (!hash)
                break;
            handOver(*hash);
        }
    }
    // Hands chunks on until every byte before `offset` is hashed.
    void drainThrough(qint64 offset)
    {
        while (!m_pending.empty() && m_hashedUpTo < offset)
            handOver(m_hasher.takeOldest());
    }
    void drainAll()
    {
        m_hasher.endOfChunks();
        while (!m_pending.empty())
            handOver(m_hasher.takeOldest());
    }

private:
    void handOver(const Hash &hash)
    {
        const Pending oldest = m_pending.front();
        m_pending.pop_front();
        m_hashedUpTo = oldest.offset + oldest.length;
        m_chunk({oldest.offset, oldest.length, hash});
    }

    struct Pending { qint64 offset; qint64 length; };
    const std::function<void(const HashedChunk &)> &m_chunk;
    ChunkHasher m_hasher; // its destructor returns once no chunk's bytes are read any more
    std::deque<Pending> m_pending;
    qint64 m_hashedUpTo = 0;
};

// A block's memory, in huge pages where the kernel gives them: a fresh 16 MiB block in 4 KiB
// pages costs 4,096 page faults when first written, and four blocks for every large file cost
// a 1 GiB put 0.2 s of system time in a VM.
class AlignedBuffer
{
public:
    static constexpr size_t HugePage = 2 * 1024 * 1024;
    explicit AlignedBuffer(qint64 size)
        : m_bytes(static_cast<char *>(std::aligned_alloc(HugePage, (size_t(size) + HugePage - 1) / HugePage * HugePage)))
    {
        if (!m_bytes)
            throw std::bad_alloc();
        ::madvise(m_bytes.get(), size_t(size), MADV_HUGEPAGE);
    }
    char *data() const { return m_bytes.get(); }

private:
    struct Free { void operator()(char *p) const { std::free(p); } };
    std::unique_ptr<char, Free> m_bytes;
};

} // namespace

// The file is read with pread() into a few blocks taken in turn and cut where it lies in a
// block. Reading costs a copy out of the page cache, but mapping the file instead made every
// page's first touch a fault, which cost more than the copy (in a VM, 2.5 times as much: 0.8
// against 0.46 CPU-s to cut 1 GiB). A block ends where fewer than MaxSize bytes are left to
// cut (unless the file ends there): the next block starts at the first byte not yet cut, so
// every cut sees what it would see in the whole file.
void cutAndHash(const FileDescriptor &fd, const QString &path, qint64 size, Operation *operation,
                const std::function<void(const HashedChunk &)> &chunk)
{
    constexpr qint64 BlockSize = 4 * qint64(Chunker::MaxSize);
    struct Block
    {
        AlignedBuffer bytes{BlockSize};
        qint64 cutUpTo = 0; // the file offset its last chunk ends at
    };
    // One being cut while the others' chunks are hashed: enough to keep 16 lanes busy.
    std::array<Block, 4> blocks;
    OrderedHashes hashes(chunk); // after the blocks: it stops hashing before they go
    size_t next = 0;
    for (qint64 at = 0; at < size;) {
        Block &block = blocks[next];
        next = (next + 1) % blocks.size();
        hashes.drainThrough(block.cutUpTo); // no lane reads it any more
        const qint64 length = std::min(BlockSize, size - at);
        if (fd.preadFull(block.bytes.data(), length, at, path) != length)
            fail(Error::Kind::Conflict, QStringLiteral("%1 shrank while it was being read; nothing was committed, try again when it is written").arg(path));
        const bool lastBlock = at + length == size;
        const auto *data = reinterpret_cast<const unsigned char *>(block.bytes.data());
        qint64 cutTo = 0;
        while (cutTo < length && (lastBlock || length - cutTo >= qint64(Chunker::MaxSize))) {
            const qint64 chunkLength = qint64(Chunker::cut(data + cutTo, size_t(length - cutTo)));
            hashes.add(block.bytes.data() + cutTo, chunkLength, at + cutTo);
            cutTo += chunkLength;
            if (operation) {
                operation->throwIfCancelled();
                operation->bytesDone += chunkLength;
            }
        }
        at += cutTo;
        block.cutUpTo = at;
    }
    hashes.drainAll();
}

} // namespace trove::ingest
