#include "FileIngest.h"

#include "Chunker.h"
#include "Error.h"
#include "FileDescriptor.h"
#include "FileMapping.h"
#include "Hash.h"
#include "Operation.h"
#include "PackSink.h"

#include <QFile>
#include <QtConcurrent>
#include <atomic>
#include <deque>
#include <optional>
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

// Hashes the chunks of one mapped file on other threads while the reading thread cuts the
// next ones, so SHA-256 and the gear hash run side by side. Chunks go to the sink in file
// order, on the reading thread: a file's packs are then composed alike on every run, so after
// an interrupted upload a rerun finds the packs it stored by name instead of sending their
// bytes again under other names. Packs take the chunks' bytes from the file when they are
// stored, not from the mapping.
class ParallelChunks
{
public:
    ParallelChunks(PackSink &sink, std::shared_ptr<const SourceFile> source) : m_sink(sink), m_source(std::move(source)) {}
    ~ParallelChunks() { waitForHashes(); } // tasks read the mapping: never outlive this scope

    void add(const char *mapped, qint64 length, qint64 fileOffset, QList<Ref> *refs)
    {
        m_pending.push_back({QtConcurrent::run(pool(), [this, mapped, length] {
                                 Sha256 sha;
                                 if (FileMapping::guarded([&] { sha.add(mapped, length); }))
                                     return sha.result();
                                 m_shrunk = true;
                                 return Hash();
                             }),
                             fileOffset, length});
        drainUntil(MaxPending, refs);
    }
    void drainAll(QList<Ref> *refs) { drainUntil(0, refs); }
    // The file's bytes before this offset are hashed: no task reads them any more.
    qint64 hashedUpTo() const { return m_hashedUpTo; }

private:
    static constexpr size_t MaxPending = 16;

    static QThreadPool *pool()
    {
        static QThreadPool hashing;
        return &hashing;
    }

    // Hands the oldest chunks to the sink until at most `left` are pending.
    void drainUntil(size_t left, QList<Ref> *refs)
    {
        while (m_pending.size() > left) {
            Pending &oldest = m_pending.front();
            const Hash hash = oldest.hash.result();
            if (m_shrunk)
                failShrunk(m_source->path());
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
    std::atomic<bool> m_shrunk{false}; // a task's bytes were gone: the file was truncated
};

// A large file, mapped: cut where it lies, hashed on other threads, packed from the file.
QList<Ref> mappedFile(const std::shared_ptr<const SourceFile> &source, FileMapping &mapping, PackSink &sink, Operation *operation)
{
    // Hashed pages are let go in steps of this much: nothing reads them from the mapping again
    // (packs read the file).
    constexpr qint64 ReleaseStep = 16 * 1024 * 1024;
    qint64 released = 0;
    const unsigned char *data = reinterpret_cast<const unsigned char *>(mapping.data());
    QList<Ref> refs;
    ParallelChunks parallel(sink, source);
    for (qint64 at = 0; at < mapping.size();) {
        qint64 length = 0;
        if (!FileMapping::guarded([&] { length = qint64(Chunker::cut(data + at, size_t(mapping.size() - at))); }))
            failShrunk(source->path());
        parallel.add(mapping.data() + at, length, at, &refs);
        at += length;
        count(operation, length);
        if (parallel.hashedUpTo() >= released + ReleaseStep) {
            released = parallel.hashedUpTo();
            mapping.releaseBefore(released);
        }
    }
    parallel.drainAll(&refs);
    return refs;
}

// A small file, a pipe or a file that cannot be mapped, through a window that holds at least
// one maximal chunk past the cut point, so every cut sees the same bytes it would see in the
// whole file. One per thread, reused: a fresh buffer per file would cost more than reading a
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
    // A large regular file is mapped (its size as the stat saw it: bytes gone since are
    // reported); a small file or a pipe needs only a descriptor (no fstat).
    std::shared_ptr<const SourceFile> source;
    std::optional<FileMapping> mapping;
    FileDescriptor descriptor;
    if (expectedSize > 2 * qint64(Chunker::MaxSize)) {
        source = std::make_shared<const SourceFile>(FileDescriptor::open(path, O_RDONLY), path);
        if (std::optional<FileMapping> mapped = FileMapping::map(source->fd(), expectedSize))
            mapping.emplace(std::move(*mapped));
    } else {
        descriptor = FileDescriptor::open(path, O_RDONLY);
    }
    const FileDescriptor &fd = source ? source->fd() : descriptor;
    const QList<Ref> refs = mapping ? mappedFile(source, *mapping, sink, operation) : readFile(fd, path, expectedSize, sink, operation);
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
