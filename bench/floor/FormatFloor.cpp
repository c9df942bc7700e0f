// trove-format-floor FILE: does to FILE only what the store format requires of every byte an
// upload sends (FastCDC cuts, SHA-256 of each chunk), as an upload does it (the same reading,
// cutting and hashing code, the hashing on a second thread) and nothing else: no lookups, no
// packs, no requests. Run beside a plain `curl -T` of the same file, it shows what that work
// alone costs a peer sharing the server's cores (bench/s3.sh, "the format's own work" row).
#include "ChunkedFile.h"
#include "Error.h"
#include "FileDescriptor.h"

#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>

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
        struct stat st;
        if (::fstat(fd.get(), &st) != 0)
            fail(Error::Kind::Io, QStringLiteral("cannot read %1: %2").arg(path, errnoText(errno)));
        qint64 bytes = 0, chunks = 0;
        ingest::cutAndHash(fd, path, qint64(st.st_size), nullptr, [&](const ingest::HashedChunk &chunk) {
            bytes += chunk.length;
            ++chunks;
        });
        std::printf("%lld bytes, %lld chunks\n", static_cast<long long>(bytes), static_cast<long long>(chunks));
    } catch (const Error &e) {
        std::fprintf(stderr, "trove-format-floor: %s\n", qPrintable(e.message()));
        return 1;
    }
    return 0;
}
