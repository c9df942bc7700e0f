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
    return {qint64(st.st_size), qint64(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec, qint64(st.st_ino)};
}

// Hashes and packs the chunks of one large file on other threads while the reading thread
// cuts the next ones, so SHA-256 and the gear hash run side by side. Refs come back in order.
class ParallelChunks
{
public:
    explicit ParallelChunks(PackSink &sink) : m_sink(sink) {}
    ~ParallelChunks() { drain(0, nullptr); } // tasks use the sink: never outlive this scope

    // `data` must stay unchanged until finish(): the chunk is hashed where it lies.
    void add(const char *data, qint64 length, QList<Ref> *refs)
    {
        m_pending.push_back(QtConcurrent::run(pool(), [this, data, length] {
            try {
                return m_sink.add(BlobType::Data, data, length);
            } catch (...) {
                QMutexLocker lock(&m_errorMutex);
                if (!m_error)
                    m_error = std::current_exception();
                return Ref();
            }
        }));
        drain(MaxPending, refs);
    }
    void finish(QList<Ref> *refs) { drain(0, refs); }

private:
    static constexpr size_t MaxPending = 8;

    static QThreadPool *pool()
    {
        static QThreadPool hashing;
        return &hashing;
    }
    void drain(size_t keep, QList<Ref> *refs)
    {
        while (m_pending.size() > keep) {
            const Ref ref = m_pending.front().result();
            m_pending.pop_front();
            if (refs)
                refs->append(ref);
        }
        QMutexLocker lock(&m_errorMutex);
        if (m_error && refs)
            std::rethrow_exception(std::exchange(m_error, nullptr));
    }

    PackSink &m_sink;
    std::deque<QFuture<Ref>> m_pending;
    QMutex m_errorMutex;
    std::exception_ptr m_error;
};

QList<Ref> file(const QString &path, PackSink &sink, Operation *operation, FileFingerprint *after)
{
    FileDescriptor fd = FileDescriptor::open(path, O_RDONLY);
    struct stat before;
    const bool large = ::fstat(fd.get(), &before) == 0 && before.st_size > 2 * qint64(Chunker::MaxSize);
    std::optional<ParallelChunks> parallel;
    if (large)
        parallel.emplace(sink);
    // The window holds at least one maximal chunk past the cut point, so every cut sees the
    // same bytes it would see in the whole file. One per thread, reused: a fresh buffer per
    // file would cost more than reading a small file. Large enough that several chunks are
    // hashed in parallel between two refills.
    const qint64 windowSize = 6 * qint64(Chunker::MaxSize);
    thread_local QByteArray window(windowSize, Qt::Uninitialized);
    qint64 start = 0, end = 0;
    bool atEof = false;
    QList<Ref> refs;
    for (;;) {
        if (!atEof && end - start < qint64(Chunker::MaxSize)) {
            if (parallel)
                parallel->finish(&refs); // the chunks being hashed live in the window
            std::memmove(window.data(), window.constData() + start, size_t(end - start));
            end -= start;
            start = 0;
            // A cut needs MaxSize bytes ahead (or the end): read until there are, taking
            // whatever a pipe has now rather than waiting for a full window.
            while (!atEof && end < qint64(Chunker::MaxSize)) {
                const qint64 got = fd.readSome(window.data() + end, windowSize - end, path);
                atEof = got == 0;
                end += got;
            }
        }
        if (start == end)
            break;
        const auto *data = reinterpret_cast<const unsigned char *>(window.constData() + start);
        const qint64 length = qint64(Chunker::cut(data, size_t(end - start)));
        if (parallel)
            parallel->add(window.constData() + start, length, &refs);
        else
            refs.append(sink.add(BlobType::Data, window.constData() + start, length));
        start += length;
        count(operation, length);
    }
    if (parallel)
        parallel->finish(&refs);
    if (after) {
        struct stat st;
        if (::fstat(fd.get(), &st) != 0)
            fail(Error::Kind::Io, QStringLiteral("cannot read %1: %2").arg(path, errnoText(errno)));
        *after = {qint64(st.st_size), qint64(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec, qint64(st.st_ino)};
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
