#pragma once

#include <optional>

#include "Change.h"
#include "Registry.h"
#include "VersionLog.h"

#include <QDateTime>
#include <QSet>
#include <QStringList>

namespace trove {

class Repository;
class WriterFence;
struct Operation;

struct CommitResult
{
    VersionRecord record;   // the new version, or the head when there was nothing to commit
    bool created = false;
    int attempts = 0;       // > 1 when other writers committed first
    QStringList warnings;   // v1 soft limits
    // Not empty: nothing was published, because gc is removing (or removed) these packs the
    // changes refer to. Store their chunks again and commit anew.
    QSet<Hash> unsafePacks;
};

// Publishes staged changes as version head+1. Data packs are already stored; this writes the
// changed trees and creates the version record with createIfAbsent. When another writer took
// the number, it re-applies the changes on the newer head and tries the next one.
class Committer
{
public:
    Committer(Repository &repo, const VolumeInfo &volume);

    // `packsUsed`: every data pack the changes refer to; with the packs of the new trees they
    // pass `fence`'s check right before the version is created. `knownHead`: the newest
    // version as the caller last saw it, tried first; it saves three requests when no one
    // committed since, and costs one lost create-if-absent otherwise.
    CommitResult commit(const QList<Change> &changes, const QString &message, const QSet<Hash> &packsUsed,
                        WriterFence &fence, Operation *operation = nullptr,
                        const std::optional<VersionRecord> &knownHead = std::nullopt);

private:
    QStringList writerWarnings(VersionLog &log, qint64 head);

    Repository &m_repo;
    VolumeInfo m_volume;
};

} // namespace trove
