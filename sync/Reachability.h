#pragma once

#include "Ref.h"

#include <QSet>
#include <QStringList>
#include <functional>

namespace trove {

class Repository;
struct Operation;

// Visits every blob reachable from every version of the given volumes, each distinct tree
// once: trees, chunk lists and data chunks. gc marks with it (and must stop on any error:
// a partial mark would delete live data); check collects the errors instead.
struct Reachability
{
    // `where`: "id@N:/path" of the directory or file the blob belongs to.
    using Visit = std::function<void(const Ref &, BlobType, const QString &where)>;
    using OnError = std::function<void(const QString &)>; // null: errors are thrown

    // `walkedVersions` ("id/N"): versions to skip, and where the walked ones are added.
    static void walk(Repository &repo, const QStringList &volumeIds, const Visit &visit,
                     const OnError &onError = nullptr, Operation *operation = nullptr,
                     QSet<QString> *walkedVersions = nullptr);
};

} // namespace trove
