// trove-format-floor FILE: does to FILE only what the store format requires of every byte an
// upload sends (FastCDC cuts, SHA-256 of each chunk), on one thread, and nothing else. Run
// beside a plain `curl -T` of the same file, it shows what that work alone costs a peer
// sharing the server's cores (bench/s3.sh, "the format's own work" row).
#include "Chunker.h"
#include "Error.h"
#include "FileDescriptor.h"
#include "Hash.h"

#include <QByteArray>
#include <cstdio>
#include <fcntl.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: trove-format-floor FILE\n");
        return 2;
    }
    using namespace trove;
    try {
        const QString path = QString::fromLocal8Bit(argv[1]);
        const FileDescriptor fd = FileDescriptor::open(path, O_RDONLY);
        // Blocks as the upload reads them: a cut needs MaxSize bytes ahead unless the file ends.
        QByteArray block(4 * qint64(Chunker::MaxSize), Qt::Uninitialized);
        qint64 at = 0, chunks = 0;
        for (;;) {
            const qint64 length = fd.preadFull(block.data(), block.size(), at, path);
            if (length == 0)
                break;
            const bool last = length < block.size();
            const auto *data = reinterpret_cast<const unsigned char *>(block.constData());
            qint64 cutTo = 0;
            while (cutTo < length && (last || length - cutTo >= qint64(Chunker::MaxSize))) {
                const qint64 chunk = qint64(Chunker::cut(data + cutTo, size_t(length - cutTo)));
                Hash::of(block.constData() + cutTo, chunk);
                cutTo += chunk;
                ++chunks;
            }
            at += cutTo;
        }
        std::printf("%lld bytes, %lld chunks\n", static_cast<long long>(at), static_cast<long long>(chunks));
    } catch (const Error &e) {
        std::fprintf(stderr, "trove-format-floor: %s\n", qPrintable(e.message()));
        return 1;
    }
    return 0;
}
