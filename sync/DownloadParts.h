#pragma once

#include "FileDescriptor.h"
#include "Ref.h"

#include <QList>
#include <QString>

namespace trove::parts {

// A download writes a file (or assembles a new directory) under a hidden name beside its
// destination, a "part", and renames it into place only once every chunk is verified. A part
// is named after the content it will hold, `.NAME.trove-part-<content id>`, so a download run
// again after a kill finds it and keeps the chunks in it that still match their hashes, while
// a download of another version never takes it for its own. A running download holds a lock
// (flock) on each part it writes; a part nobody holds is a leftover.

// The identity of a file's content (its chunks in order) or of a directory's (its tree).
QString contentId(const QList<Ref> &chunks);
QString contentId(const Ref &tree);
// A name no other download uses, for a part that cannot be shared (its content's is held by
// another running download): `<pid>-<random>`.
QString uniqueId();

QString path(const QString &finalPath, const QString &id);

// Opens (creating) the part at `partPath` and locks it for this process: a file opened for
// reading and writing, or a directory. Invalid when another download holds it.
FileDescriptor claimFile(const QString &partPath, int mode);
FileDescriptor claimDirectory(const QString &partPath);

// Removes the parts of `finalPath` that no running download holds: resumable parts of other
// content (the destination is getting another version) and unique parts of downloads whose
// process is gone. Call after claiming this download's own parts.
void removeStale(const QString &finalPath);

} // namespace trove::parts
