#pragma once

#include "Ref.h"

#include <QList>
#include <QSet>
#include <QString>

namespace trove {

class Repository;

// The dedupe index kept in the store itself (`index/<name>`), so that a writer with an empty
// cache (a second machine, or the cache deleted) still finds the chunks already stored. Each
// upload writes one immutable object listing the chunks it stored; a writer loads the objects
// its journal has not seen into the journal before it looks chunks up. Like the journal, the
// index is a hint: an entry whose pack is gone is found missing when it is used.
namespace storeindex {

// Loads the index objects the journal has not seen yet into it; returns how many chunks.
qint64 load(Repository &repo);
// Stores the index object of chunks just stored and returns its key (none for no chunks).
QString publish(Repository &repo, const QList<Ref> &chunks);
// Merges the index objects into one, leaving out the chunks of packs gc removed.
void compact(Repository &repo, const QSet<Hash> &removedPacks);

} // namespace storeindex
} // namespace trove
