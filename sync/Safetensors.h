#pragma once

#include "Ref.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace trove {

class FileReader;

// The header of a .safetensors file: an 8-byte little-endian length N, then N bytes of JSON
// mapping tensor names to {dtype, shape, data_offsets [begin, end]} (offsets relative to the
// byte after the header) and an optional "__metadata__" object of strings. Everything here
// is read from the header and the file's chunk refs; no tensor data.
namespace safetensors {

// Larger headers are refused rather than allocated: real ones are a few MiB at most.
constexpr qint64 MaxHeaderLength = 100LL * 1024 * 1024;

struct Tensor
{
    QString name;
    QString dtype;
    QList<qint64> shape;
    qint64 begin = 0; // data offsets, relative to Header::dataStart()
    qint64 end = 0;
    qint64 parameters = 0; // product of the shape (1 for a scalar)
};

struct Header
{
    qint64 length = 0;                           // N, the JSON's bytes
    QList<Tensor> tensors;                       // by data offset
    QList<QPair<QString, QString>> metadata;     // "__metadata__", by key
    qint64 parameterCount = 0;                   // all tensors' parameters

    qint64 dataStart() const { return 8 + length; }
};

// Bits per element of a dtype name, or 0 for a name safetensors does not define.
int dtypeBits(const QString &dtype);

// The JSON's length from the file's first 8 bytes, checked against the file's size and
// MaxHeaderLength. Throws Corrupt, naming what is wrong.
qint64 headerLength(const QByteArray &first8, qint64 fileSize);
// Parses `bytes`, the file's first bytes (at least 8 + N of them), checking every tensor
// against the file's size: known dtype, integer shape and offsets, begin <= end, within the
// file, size = elements x dtype, no two tensors overlapping. Throws Corrupt, naming the
// tensor and what is wrong.
Header parse(const QByteArray &bytes, qint64 fileSize);

// A file's header read from a volume, with the bytes and refs the read used.
struct FileHeader
{
    Header header;
    QByteArray prefix;  // the file's first bytes: whole chunks holding the header
    QList<Ref> chunks;  // the file's chunks, in order
    qint64 size = 0;
};

// Reads the header with one ranged read of the chunk(s) that hold it: the first chunk, and
// more only when the header runs past it. Never reads the rest of the file.
FileHeader readHeader(FileReader &reader);

// What happened to one tensor between two versions of a file.
struct TensorChange
{
    enum class Kind {
        Added,
        Removed,
        Reshaped,     // dtype or shape differ
        Changed,      // same dtype and shape, bytes differ
        Undetermined, // its own chunks match, but a chunk it shares with a neighbour differs
    };
    QString name;
    Kind kind = Kind::Changed;
    QString oldDtype, newDtype;
    QList<qint64> oldShape, newShape;
};

// The tensors that differ between two versions, by name, from the headers and chunk refs
// alone. For a tensor with the same dtype and shape in both, at offset s and length L:
//  - its bytes that lie in both prefixes (the first chunks, read with the header) are
//    compared directly; any difference: Changed;
//  - the chunks covering the rest are listed as (start - s, length, hash). Equal lists in
//    both versions: unchanged (exact: the same chunks at the same places hold the same bytes);
//  - a chunk wholly inside the tensor in both versions, starting at the same place relative
//    to s, neither being the file's last chunk, whose hash or length differs: Changed (exact:
//    chunk cuts depend only on the bytes from the chunk's start, so the tensor's bytes differ);
//  - otherwise Undetermined: only chunks it shares with a neighbour differ, or the cuts inside
//    it moved (after an edit just before it), so either it or its neighbour changed.
// With tensors several times the maximal chunk (4 MiB) and one edited in its middle, the chunk
// holding the edit starts at the same place in both and lies inside the tensor, so the answer
// is exact. Unchanged tensors are not listed.
QList<TensorChange> diff(const FileHeader &before, const FileHeader &after);

} // namespace safetensors
} // namespace trove
