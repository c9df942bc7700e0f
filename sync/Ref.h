#pragma once

#include "Hash.h"

#include <QCborArray>
#include <QCborValue>

class QCborStreamWriter;

namespace trove {

// What a pack blob holds; recorded in the pack's own index.
enum class BlobType { Data = 0, Tree = 1, ChunkList = 2 };

// A reference carries the blob's location, so reading any version needs no global index:
// the blob with SHA-256 `hash` is `length` bytes at `offset` in pack `pack`.
struct Ref
{
    Hash hash;
    Hash pack;
    qint64 offset = 0;
    qint64 length = 0;

    bool isNull() const { return hash.isNull(); }
    bool operator==(const Ref &o) const
    {
        return hash == o.hash && pack == o.pack && offset == o.offset && length == o.length;
    }

    // [hash, pack or null, offset, length]; null for the null ref.
    void writeCbor(QCborStreamWriter &w) const;
    static Ref fromCbor(const QCborValue &value); // throws Corrupt
};

} // namespace trove
