#include "FileIngest.h"

#include "Chunker.h"
#include "Error.h"
#include "FileDescriptor.h"
#include "Operation.h"
#include "PackSink.h"

#include <QFile>
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

QList<Ref> file(const QString &path, PackSink &sink, Operation *operation, FileFingerprint *after)
{
    FileDescriptor fd = FileDescriptor::open(path, O_RDONLY);
    // The window holds at least one maximal chunk past the cut point, so every cut sees the
    // same bytes it would see in the whole file. One per thread, reused: a fresh 8 MiB
    // buffer per file would cost more than reading a small file.
    const qint64 windowSize = 2 * qint64(Chunker::MaxSize);
    thread_local QByteArray window(windowSize, Qt::Uninitialized);
    qint64 start = 0, end = 0;
    bool atEof = false;
    QList<Ref> refs;
    for (;;) {
        if (!atEof && end - start < qint64(Chunker::MaxSize)) {
            std::memmove(window.data(), window.constData() + start, size_t(end - start));
            end -= start;
            start = 0;
            const qint64 got = fd.readFull(window.data() + end, windowSize - end, path);
            atEof = got < windowSize - end;
            end += got;
        }
        if (start == end)
            break;
        const auto *data = reinterpret_cast<const unsigned char *>(window.constData() + start);
        const qint64 length = qint64(Chunker::cut(data, size_t(end - start)));
        refs.append(sink.add(BlobType::Data, window.constData() + start, length));
        start += length;
        count(operation, length);
    }
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
