#include "GarbageCollector.h"

#include "Error.h"
#include "Operation.h"
#include "Pack.h"
#include "Reachability.h"
#include "Registry.h"
#include "Repository.h"
#include "Store.h"

#include <QSet>

namespace trove {

void GarbageCollector::removeVolumeRecords(const QString &id)
{
    // Versions first, the registry record last: an interrupted gc leaves a volume it will
    // find again, never versions without a volume.
    const QList<ObjectInfo> objects = m_repo.store().listAll(keys::volumePrefix(id));
    for (const ObjectInfo &o : objects) {
        if (!o.key.endsWith(QLatin1String("/volume.json")))
            m_repo.store().remove(o.key);
    }
    m_repo.store().remove(keys::volumePrefix(id) + QStringLiteral("volume.json"));
}

QStringList GarbageCollector::liveVolumes(GcReport &report)
{
    Registry &registry = m_repo.registry();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSet<QString> named;
    for (const VolumeInfo &v : registry.list()) {
        const auto expiry = v.ephemeral ? registry.expiry(v.id) : std::nullopt;
        if (expiry && *expiry < now) {
            // The owner stopped renewing: the ephemeral volume is abandoned.
            if (!m_dryRun)
                registry.remove(v.name);
            report.volumesRemoved.append(v.name);
            continue;
        }
        named.insert(v.id);
    }
    QStringList live;
    for (const QString &id : registry.allIds()) {
        if (named.contains(id) && !registry.isDeleted(id)) {
            live.append(id);
            continue;
        }
        // A volume.json without a name may be a create in progress: respect the grace period.
        const auto info = m_repo.store().stat(keys::volumePrefix(id) + QStringLiteral("volume.json"));
        if (info && info->modified.secsTo(now) < m_graceSeconds && !registry.isDeleted(id)) {
            live.append(id);
            continue;
        }
        if (!report.volumesRemoved.contains(id))
            report.volumesRemoved.append(id);
        if (!m_dryRun)
            removeVolumeRecords(id);
    }
    return live;
}

GcReport GarbageCollector::run(Operation &operation)
{
    GcReport report;
    report.dryRun = m_dryRun;
    // Tells writers a sweep may have run during their commit (Committer re-checks its packs).
    if (!m_dryRun)
        m_repo.store().put(GcMarkerKey, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8());
    // List packs before marking: a pack written after this list is not considered at all.
    const QList<ObjectInfo> packs = m_repo.store().listAll(QStringLiteral("packs/"));
    report.packsTotal = packs.size();
    QSet<Hash> reachable;
    Reachability::walk(m_repo, liveVolumes(report), [&](const Ref &ref, BlobType) { reachable.insert(ref.pack); },
                       nullptr, &operation);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    operation.filesTotal = packs.size();
    for (const ObjectInfo &p : packs) {
        operation.throwIfCancelled();
        ++operation.filesDone;
        if (reachable.contains(pack::nameOfKey(p.key)))
            continue;
        if (p.modified.secsTo(now) < m_graceSeconds) {
            ++report.packsTooYoung;
            continue;
        }
        ++report.packsRemoved;
        report.bytesRemoved += p.size;
        if (!m_dryRun) {
            m_repo.store().remove(p.key);
            m_repo.journal().forgetPack(pack::nameOfKey(p.key));
        }
    }
    if (!m_dryRun && report.packsRemoved > 0)
        m_repo.journal().dropForgottenChunks();
    return report;
}

} // namespace trove
