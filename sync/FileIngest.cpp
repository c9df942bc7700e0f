#include "FileIngest.h"

#include "Chunker.h"
#include "Error.h"
#include "FileDescriptor.h"
#include "Operation.h"
#include "PackSink.h"

#include <QFile>
#include <QMutex>
#include <QtConcurrent>
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

// Hashes and packs the chunks of one large file on other threads while the reading thread
// cuts the next ones, so SHA-256 and the gear hash run side by side. Refs come back in order.
// Packs take the chunks' bytes from the file when they are stored, not from the window.
class ParallelChunks
{
public:
    ParallelChunks(PackSink &sink, std::shared_ptr<const SourceFile> source) : m_sink(sink), m_source(std::move(source)) {}
    ~ParallelChunks() { drainUntil(m_added, nullptr); } // tasks use the sink: never outlive this scope

    // `data` must stay unchanged until the chunk's task is drained: it is hashed where it lies.
    void add(const char *data, qint64 length, qint64 fileOffset, QList<Ref> *refs)
    {
        m_pending.push_back(QtConcurrent::run(pool(), [this, data, length, fileOffset] {
            try {
                return m_sink.add(BlobType::Data, data, length, m_source, fileOffset);
            } catch (...) {
                QMutexLocker lock(&m_errorMutex);
                if (!m_error)
                    m_error = std::current_exception();
                return Ref();
            }
        }));
        ++m_added;
        drainUntil(m_added - MaxPending, refs);
    }
    // How many chunks were added so far; drainUntil(count) waits for the first `count`.
    qint64 added() const { return m_added; }
    void drainUntil(qint64 count, QList<Ref> *refs)
    {
        for (; m_drained < count; ++m_drained) {
            const Ref ref = m_pending.front().result();
            m_pending.pop_front();
            if (refs)
                refs->append(ref);
        }
        QMutexLocker lock(&m_errorMutex);
        if (m_error && refs)
            std::rethrow_exception(std::exchange(m_error, nullptr));
    }

private:
    static constexpr qint64 MaxPending = 16;

    static QThreadPool *pool()
    {
        static QThreadPool hashing;
        return &hashing;
    }

    PackSink &m_sink;
    const std::shared_ptr<const SourceFile> m_source;
    std::deque<QFuture<Ref>> m_pending;
    qint64 m_added = 0, m_drained = 0;
    QMutex m_errorMutex;
    std::exception_ptr m_error;
};

QList<Ref> file(const QString &path, qint64 expectedSize, PackSink &sink, Operation *operation, FileFingerprint *after)
{
    // A large file is hashed on other threads and packed from the file itself, which is then
    // watched for changes; a small file or a pipe needs only a descriptor (no fstat).
    std::shared_ptr<const SourceFile> source;
    FileDescriptor descriptor;
    if (expectedSize > 2 * qint64(Chunker::MaxSize))
        source = std::make_shared<const SourceFile>(FileDescriptor::open(path, O_RDONLY), path);
    else
        descriptor = FileDescriptor::open(path, O_RDONLY);
    const FileDescriptor &fd = source ? source->fd() : descriptor;
    std::optional<ParallelChunks> parallel;
    if (source)
        parallel.emplace(sink, source);
    // The window holds at least one maximal chunk past the cut point, so every cut sees the
    // same bytes it would see in the whole file. One per thread, reused: a fresh buffer per
    // file would cost more than reading a small file. A large file alternates between two, so
    // the chunks of one are still being hashed while the next is read and cut.
    const qint64 windowSize = 6 * qint64(Chunker::MaxSize);
    thread_local QByteArray windows[2];
    int current = 0;
    qint64 previousRefill = 0; // chunks added before the last refill: they live in the other window
    qint64 start = 0, end = 0;
    qint64 fileOffset = 0; // of window[start]
    bool atEof = false;
    QList<Ref> refs;
    for (;;) {
        if (!atEof && end - start < qint64(Chunker::MaxSize)) {
            const int next = parallel ? current ^ 1 : current;
            if (parallel) {
                parallel->drainUntil(previousRefill, &refs); // frees the window we move to
                previousRefill = parallel->added();
            }
            if (windows[next].size() != windowSize)
                windows[next] = QByteArray(windowSize, Qt::Uninitialized);
            std::memmove(windows[next].data(), windows[current].constData() + start, size_t(end - start));
            current = next;
            end -= start;
            start = 0;
            // A cut needs MaxSize bytes ahead (or the end): read until there are, taking
            // whatever a pipe has now rather than waiting for a full window.
            while (!atEof && end < qint64(Chunker::MaxSize)) {
                const qint64 wanted = windowSize - end;
                const qint64 got = fd.readSome(windows[current].data() + end, wanted, path);
                end += got;
                // A short read that reaches the size a stat saw is the end of a regular file,
                // without asking again (a file that grew meanwhile fails the check below).
                atEof = got == 0 || (got < wanted && fileOffset + end == expectedSize);
            }
        }
        if (start == end)
            break;
        const char *chunk = windows[current].constData() + start;
        const qint64 length = qint64(Chunker::cut(reinterpret_cast<const unsigned char *>(chunk), size_t(end - start)));
        if (parallel)
            parallel->add(chunk, length, fileOffset, &refs);
        else
            refs.append(sink.add(BlobType::Data, chunk, length));
        start += length;
        fileOffset += length;
        count(operation, length);
    }
    if (parallel)
        parallel->drainUntil(parallel->added(), &refs);
    if (after) {
        struct stat st;
        if (::fstat(fd.get(), &st) != 0)
            fail(Error::Kind::Io, QStringLiteral("cannot read %1: %2").arg(path, errnoText(errno)));
        *after = fingerprintOf(st);
        if (expectedSize >= 0 && fileOffset != after->size) // the size moved while it was read
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
