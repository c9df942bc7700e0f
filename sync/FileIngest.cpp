#include "FileIngest.h"

#include "Chunker.h"
#include "Error.h"
#include "FileDescriptor.h"
#include "Hash.h"
#include "Operation.h"
#include "PackSink.h"

#include <QFile>
#include <QtConcurrent>
#include <algorithm>
#include <array>
#include <deque>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>

namespace trove::ingest {
namespace {

void count(Operation *operation, qint64 bytes)
{
    if (operation) {
        operation->throwIfCancelled();
        operation->bytesDone += bytes;
    }
}

FileFingerprint fingerprintOf(const struct stat &st)
{
    return {qint64(st.st_size), qint64(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec, qint64(st.st_ino)};
}

} // namespace

FileFingerprint fingerprint(const QString &path, quint32 *mode, bool *regular)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
        const int err = errno;
        fail(err == ENOENT ? Error::Kind::NotFound : Error::Kind::Io,
             QStringLiteral("cannot read %1: %2").arg(path, errnoText(err)));
    }
    if (mode)
        *mode = st.st_mode & 07777;
    if (regular)
        *regular = S_ISREG(st.st_mode);
    return fingerprintOf(st);
}

[[noreturn]] void failShrunk(const QString &path)
{
    fail(Error::Kind::Conflict, QStringLiteral("%1 shrank while it was being read; nothing was committed, try again when it is written").arg(path));
}

// Hashes the chunks of one large file on other threads while the reading thread cuts the
// next ones, so SHA-256 and the gear hash run side by side. Chunks go to the sink in file
// order, on the reading thread: a file's packs are then composed alike on every run, so after
// an interrupted upload a rerun finds the packs it stored by name instead of sending their
// bytes again under other names. Packs take the chunks' bytes from the file when they are
// stored, not from the blocks read here.
class ParallelChunks
{
public:
    ParallelChunks(PackSink &sink, std::shared_ptr<const SourceFile> source) : m_sink(sink), m_source(std::move(source)) {}
    ~ParallelChunks() { waitForHashes(); } // tasks read the caller's blocks: never outlive this scope

    void add(const char *bytes, qint64 length, qint64 fileOffset, QList<Ref> *refs)
    {
        m_pending.push_back({QtConcurrent::run(pool(), [bytes, length] {
                                 Sha256 sha;
                                 sha.add(bytes, length);
                                 return sha.result();
                             }),
                             fileOffset, length});
        // Chunks already hashed go to the sink now: the first pack is then sealed, and its
        // request started, as soon as its own bytes are hashed rather than MaxPending chunks later.
        drainWhile([this] { return m_pending.size() > MaxPending || m_pending.front().hash.isFinished(); }, refs);
    }
    // Hands chunks to the sink until every byte before `offset` is hashed.
    void drainThrough(qint64 offset, QList<Ref> *refs)
    {
        drainWhile([this, offset] { return m_hashedUpTo < offset; }, refs);
    }
    void drainAll(QList<Ref> *refs) { drainWhile([] { return true; }, refs); }

private:
    static constexpr size_t MaxPending = 16;

    static QThreadPool *pool()
    {
        static QThreadPool hashing;
        return &hashing;
    }

    // Hands the oldest chunk to the sink while there is one and `more()` says so.
    template<typename More> void drainWhile(More more, QList<Ref> *refs)
    {
        while (!m_pending.empty() && more()) {
            Pending &oldest = m_pending.front();
            const Hash hash = oldest.hash.result();
            m_hashedUpTo = oldest.offset + oldest.length;
            refs->append(m_sink.addFromFile(hash, oldest.length, m_source, oldest.offset));
            m_pending.pop_front();
        }
    }
    void waitForHashes()
    {
        for (Pending &p : m_pending)
            p.hash.waitForFinished();
    }

    struct Pending { QFuture<Hash> hash; qint64 offset; qint64 length; };
    PackSink &m_sink;
    const std::shared_ptr<const SourceFile> m_source;
    std::deque<Pending> m_pending;
    qint64 m_hashedUpTo = 0;
};

// A large file, read with pread() into a few blocks taken in turn: cut where it lies in a
// block, hashed on other threads, packed from the file. Reading costs a copy out of the page
// cache, but mapping the file instead made every page's first touch a fault, which cost more
// than the copy (in a VM, 2.5 times as much: 0.8 against 0.46 CPU-s to cut 1 GiB). A block
// ends where fewer than MaxSize bytes are left to cut (unless the file ends there): the next
// block starts at the first byte not yet cut, so every cut sees what it would see in the
// whole file.
QList<Ref> largeFile(const std::shared_ptr<const SourceFile> &source, qint64 size, PackSink &sink, Operation *operation)
{
    constexpr qint64 BlockSize = 4 * qint64(Chunker::MaxSize);
    struct Block
    {
        QByteArray bytes;
        qint64 cutUpTo = 0; // the file offset its last chunk ends at
    };
    std::array<Block, 3> blocks; // one being cut while the others' chunks are hashed
    QList<Ref> refs;
    ParallelChunks parallel(sink, source); // after the blocks: its destructor waits for tasks that read them
    size_t next = 0;
    for (qint64 at = 0; at < size;) {
        Block &block = blocks[next];
        next = (next + 1) % blocks.size();
        parallel.drainThrough(block.cutUpTo, &refs); // no task reads it any more
        const qint64 length = std::min(BlockSize, size - at);
        if (block.bytes.size() < length)
            block.bytes = QByteArray(length, Qt::Uninitialized);
        if (source->fd().preadFull(block.bytes.data(), length, at, source->path()) != length)
            failShrunk(source->path());
        const bool lastBlock = at + length == size;
        const auto *data = reinterpret_cast<const unsigned char *>(block.bytes.constData());
        qint64 cutTo = 0;
        while (cutTo < length && (lastBlock || length - cutTo >= qint64(Chunker::MaxSize))) {
            const qint64 chunk = qint64(Chunker::cut(data + cutTo, size_t(length - cutTo)));
            parallel.add(block.bytes.constData() + cutTo, chunk, at + cutTo, &refs);
            cutTo += chunk;
            count(operation, chunk);
        }
        at += cutTo;
        block.cutUpTo = at;
    }
    parallel.drainAll(&refs);
    return refs;
}

// A small file or a pipe, through a window that holds at least one maximal chunk past the
// cut point, so every cut sees the same bytes it would see in the whole file. One per thread, reused: a fresh buffer per file would cost more than reading a
// small file.
QList<Ref> readFile(const FileDescriptor &fd, const QString &path, qint64 expectedSize, PackSink &sink, Operation *operation)
{
    const qint64 windowSize = 6 * qint64(Chunker::MaxSize);
    thread_local QByteArray window;
    if (window.size() != windowSize)
        window = QByteArray(windowSize, Qt::Uninitialized);
    qint64 start = 0, end = 0;
    qint64 fileOffset = 0; // of window[start]
    bool atEof = false;
    QList<Ref> refs;
    for (;;) {
        if (!atEof && end - start < qint64(Chunker::MaxSize)) {
            std::memmove(window.data(), window.constData() + start, size_t(end - start));
            end -= start;
            start = 0;
            // A cut needs MaxSize bytes ahead (or the end): read until there are, taking
            // whatever a pipe has now rather than waiting for a full window.
            while (!atEof && end < qint64(Chunker::MaxSize)) {
                const qint64 wanted = windowSize - end;
                const qint64 got = fd.readSome(window.data() + end, wanted, path);
                end += got;
                // A short read that reaches the size a stat saw is the end of a regular file,
                // without asking again (a file that grew meanwhile fails the check after).
                atEof = got == 0 || (got < wanted && fileOffset + end == expectedSize);
            }
        }
        if (start == end)
            break;
        const char *chunk = window.constData() + start;
        const qint64 length = qint64(Chunker::cut(reinterpret_cast<const unsigned char *>(chunk), size_t(end - start)));
        refs.append(sink.add(BlobType::Data, chunk, length));
        start += length;
        fileOffset += length;
        count(operation, length);
    }
    return refs;
}

QList<Ref> file(const QString &path, qint64 expectedSize, PackSink &sink, Operation *operation, FileFingerprint *after)
{
    // A large regular file is read as long as its stat saw it (bytes gone since are
    // reported); a small file or a pipe needs only a descriptor (no fstat).
    std::shared_ptr<const SourceFile> source;
    FileDescriptor descriptor;
    if (expectedSize > 2 * qint64(Chunker::MaxSize))
        source = std::make_shared<const SourceFile>(FileDescriptor::open(path, O_RDONLY), path);
    else
        descriptor = FileDescriptor::open(path, O_RDONLY);
    const FileDescriptor &fd = source ? source->fd() : descriptor;
    const QList<Ref> refs = source ? largeFile(source, expectedSize, sink, operation) : readFile(fd, path, expectedSize, sink, operation);
    if (after) {
        struct stat st;
        if (::fstat(fd.get(), &st) != 0)
            fail(Error::Kind::Io, QStringLiteral("cannot read %1: %2").arg(path, errnoText(errno)));
        *after = fingerprintOf(st);
        qint64 read = 0;
        for (const Ref &r : refs)
            read += r.length;
        if (expectedSize >= 0 && read != after->size) // the size moved while it was read
            after->size = -1;
    }
    return refs;
}

QList<Ref> bytes(const QByteArray &data, PackSink &sink, Operation *operation)
{
    QList<Ref> refs;
    qint64 start = 0;
    while (start < data.size()) {
        const auto *p = reinterpret_cast<const unsigned char *>(data.constData() + start);
        const qint64 length = qint64(Chunker::cut(p, size_t(data.size() - start)));
        refs.append(sink.add(BlobType::Data, data.constData() + start, length));
        start += length;
        count(operation, length);
    }
    return refs;
}

} // namespace trove::ingest
