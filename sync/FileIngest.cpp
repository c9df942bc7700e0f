#include "FileIngest.h"

#include "ChunkedFile.h"
#include "Chunker.h"
#include "Error.h"
#include "FileDescriptor.h"
#include "Hash.h"
#include "Operation.h"
#include "PackSink.h"

#include <QFile>
#include <algorithm>
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

// A large file: cut and hashed from blocks read here, packed from the file itself when the
// packs are stored.
QList<Ref> largeFile(const std::shared_ptr<const SourceFile> &source, qint64 size, PackSink &sink, Operation *operation)
{
    QList<Ref> refs;
    cutAndHash(source->fd(), source->path(), size, operation, [&](const HashedChunk &chunk) {
        refs.append(sink.addFromFile(chunk.hash, chunk.length, source, chunk.offset));
    });
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
