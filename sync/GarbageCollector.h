#pragma once

#include "Hash.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace trove {

class Repository;
struct Operation;

struct GcReport
{
    QStringList volumesRemoved; // deleted or expired ephemeral volumes whose records went
    qint64 packsTotal = 0;
    qint64 packsRemoved = 0;
    qint64 bytesRemoved = 0;
    qint64 packsTooYoung = 0;   // unreferenced but within the grace period
    qint64 packsRescued = 0;    // unreferenced when marked, then used by a commit that ran meanwhile
    qint64 writersAwaited = 0;  // commits that were publishing when the packs were condemned
    qint64 temporaryBytesRemoved = 0; // left by interrupted writes
    QSet<Hash> packsSwept;
    bool dryRun = false;
};

// Mark and sweep over the whole store: blobs reachable from any version of any live volume
// are kept; packs with nothing reachable and older than the grace period are condemned, and
// removed only after the commits publishing meanwhile are done and a second mark still finds
// them unreferenced (GcFence.h; the argument is in docs/FORMAT.md).
class GarbageCollector
{
public:
    GarbageCollector(Repository &repo, qint64 graceSeconds, bool dryRun)
        : m_repo(repo), m_graceSeconds(graceSeconds), m_dryRun(dryRun) {}

    GcReport run(Operation &operation);
    // Removes packs a failed commit created, unless a version published since `since` (when
    // it started) uses them: the same sweep, marking only the newer versions.
    GcReport reclaim(const QSet<Hash> &packs, const QDateTime &since, Operation &operation);

private:
    // Removes deleted and expired volumes (not in a dry run) unless `report` is null.
    QStringList liveVolumes(GcReport *report);
    void removeVolumeRecords(const QString &id);
    void removeAbandonedSweeps();
    QSet<Hash> mark(const QStringList &volumeIds, QSet<QString> &walkedVersions, Operation &operation);
    void sweep(QSet<Hash> condemned, const QHash<Hash, qint64> &sizes, QSet<QString> &walkedVersions,
               GcReport &report, Operation &operation);
    void waitForWriters(const QString &listKey, const QByteArray &list, GcReport &report, Operation &operation);

    Repository &m_repo;
    qint64 m_graceSeconds;
    bool m_dryRun;
};

} // namespace trove
