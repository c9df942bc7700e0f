#pragma once

#include "Hash.h"

#include <QString>
#include <functional>

namespace trove {

class FileDescriptor;
struct Operation;

namespace ingest {

struct HashedChunk { qint64 offset; qint64 length; Hash hash; };

// Cuts the first `size` bytes of a large regular file into content-defined chunks and hashes
// them, the hashing on another thread while the next chunks are cut. `chunk` gets each in file
// order, on the calling thread, as soon as its hash is ready. Counts the bytes cut on the
// operation (which may cancel). Fails naming `path` when the file turns out shorter.
void cutAndHash(const FileDescriptor &fd, const QString &path, qint64 size, Operation *operation,
                const std::function<void(const HashedChunk &)> &chunk);

} // namespace ingest
} // namespace trove
