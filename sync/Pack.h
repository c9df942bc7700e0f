#pragma once

#include "ObjectBody.h"
#include "Ref.h"

#include <QByteArray>
#include <QList>

namespace trove {

// One blob as a pack's own index lists it.
struct PackEntry
{
    BlobType type = BlobType::Data;
    Hash hash;
    qint64 offset = 0;
    qint64 length = 0;
};

// Pack layout: blob bytes back to back, then a CBOR index of the blobs, then the index
// length (uint32 little-endian) and the magic "TRVPACK1". The index comes last so a pack can
// be written front to back while its blobs are still arriving. A pack is named by the SHA-256 of
// its index, which lists every blob's SHA-256, so the name commits to the whole content
// without a second pass over 16 MiB. Packs never change and describe themselves: `check` and
// a rebuilt dedupe index need nothing but the packs.
class PackWriter
{
public:
    // A pack holding blobs in memory is sealed at this size: it bounds memory.
    static constexpr qint64 TargetSize = 16 * 1024 * 1024;
    // A pack of file ranges only holds no bytes in memory and may grow to this: each pack is
    // one request, and the store's cost per request shows on large files.
    static constexpr qint64 MaxFileRangeTarget = 512 * 1024 * 1024;

    // Appends a blob, copying its bytes; returns its offset in the pack.
    qint64 add(BlobType type, const Hash &hash, const char *data, qint64 size);
    // Appends a blob whose bytes are read from `file` at `offset` only when the pack is
    // stored (the caller hashed them already); returns its offset in the pack. A pack that
    // opens with a file range is sealed at the `target` that range brings (from TargetSize to
    // MaxFileRangeTarget), unless a blob in memory joins it.
    qint64 addFromFile(BlobType type, const Hash &hash, std::shared_ptr<const SourceFile> file, qint64 offset, qint64 size, qint64 target = TargetSize);
    qint64 size() const { return m_body.size(); }
    // The pack has reached its target size: seal it.
    bool isFull() const { return size() >= m_target; }
    bool isEmpty() const { return m_entries.isEmpty(); }
    const QList<PackEntry> &entries() const { return m_entries; }

    // Seals the pack: appends the index, names it, and leaves the writer empty.
    struct Sealed { Hash name; ObjectBody body; QList<PackEntry> entries; };
    Sealed seal();
    // Fills the next pack's in-memory blobs into `buffer` (a stored pack's): a fresh 16 MiB
    // buffer per pack costs thousands of page faults.
    void reuse(QByteArray buffer) { m_body.reuseMemory(std::move(buffer)); }

private:
    ObjectBody m_body;
    QList<PackEntry> m_entries;
    qint64 m_target = TargetSize;
};

namespace pack {
constexpr qint64 TrailerSize = 12;
QString keyOf(const Hash &packName);           // packs/ab/abcdef...
Hash nameOfKey(const QString &key);            // inverse; throws InvalidArgument
// Index length from the last TrailerSize bytes; throws Corrupt.
qint64 indexLengthFromTrailer(const QByteArray &trailer, const QString &what);
QList<PackEntry> parseIndex(const QByteArray &index, const QString &what);
} // namespace pack

} // namespace trove
