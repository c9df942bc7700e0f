#pragma once

#include "Journal.h"

namespace trove {

class PackSink;
struct Operation;

// Reading local files into chunks. Only one chunk window is in memory at a time.
namespace ingest {

// size, mtime and inode of a local file (follows symlinks); throws NotFound / Io naming it.
// `regular` tells a regular file from a pipe or device, which is read as a stream.
FileFingerprint fingerprint(const QString &path, quint32 *mode = nullptr, bool *regular = nullptr);
// Cuts the file into content-defined chunks, hands each to the sink, and returns their refs
// in order (pack names may still be placeholders). Counts bytes on the operation.
// `expectedSize` is what a stat of the regular file saw just before, or -1 for a pipe or
// device, read as a stream. `after` receives the file's fingerprint once read, to tell
// whether it changed meanwhile (size -1 when the bytes read were not the size it ended with).
QList<Ref> file(const QString &path, qint64 expectedSize, PackSink &sink, Operation *operation, FileFingerprint *after = nullptr);
QList<Ref> bytes(const QByteArray &data, PackSink &sink, Operation *operation);

} // namespace ingest
} // namespace trove
