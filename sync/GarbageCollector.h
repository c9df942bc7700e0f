#pragma once

#include <QString>
#include <QStringList>

namespace trove {

class Repository;
struct Operation;

// A hint object gc rewrites when it starts; its time tells writers whether a sweep may
// have removed packs they wrote.
inline const QString GcMarkerKey = QStringLiteral("gc/last-run");

struct GcReport
{
    QStringList volumesRemoved; // deleted or expired ephemeral volumes whose records went
    qint64 packsTotal = 0;
    qint64 packsRemoved = 0;
    qint64 bytesRemoved = 0;
    qint64 packsTooYoung = 0;   // unreferenced but within the grace period
    bool dryRun = false;
};

// Mark and sweep over the whole store: blobs reachable from any version of any live volume
// are kept; packs with nothing reachable are removed once older than the grace period, so a
// commit still uploading (its packs not yet referenced) never loses them.
class GarbageCollector
{
public:
    GarbageCollector(Repository &repo, qint64 graceSeconds, bool dryRun)
        : m_repo(repo), m_graceSeconds(graceSeconds), m_dryRun(dryRun) {}

    GcReport run(Operation &operation);

private:
    QStringList liveVolumes(GcReport &report);
    void removeVolumeRecords(const QString &id);

    Repository &m_repo;
    qint64 m_graceSeconds;
    bool m_dryRun;
};

} // namespace trove
