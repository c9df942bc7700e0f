#include "GarbageCollector.h"

#include "Error.h"
#include "GcFence.h"
#include "Limits.h"
#include "Operation.h"
#include "Pack.h"
#include "Reachability.h"
#include "Registry.h"
#include "Repository.h"
#include "Store.h"
#include "StoreIndex.h"
#include "VersionLog.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QThread>
#include <QUuid>

namespace trove {
namespace {
// No write keeps a temporary file this long without touching it.
constexpr qint64 StaleTemporarySeconds = 3600;
} // namespace

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

QStringList GarbageCollector::liveVolumes(GcReport *report)
{
    const bool removing = report && !m_dryRun;
    Registry &registry = m_repo.registry();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSet<QString> named;
    for (const VolumeInfo &v : registry.list()) {
        const auto expiry = v.ephemeral ? registry.expiry(v.id) : std::nullopt;
        if (expiry && *expiry < now) {
            // The owner stopped renewing: the ephemeral volume is abandoned.
            if (removing)
                registry.remove(v.name);
            if (report)
                report->volumesRemoved.append(v.name);
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
        // A volume.json without a name may be a create in progress; only a create that died
        // leaves one for long, so the grace period does not shorten this wait.
        const auto info = m_repo.store().stat(keys::volumePrefix(id) + QStringLiteral("volume.json"));
        if (info && info->modified.secsTo(now) < qMax(m_graceSeconds, limits::DefaultGcGraceSeconds) && !registry.isDeleted(id)) {
            live.append(id);
            continue;
        }
        if (report && !report->volumesRemoved.contains(id))
            report->volumesRemoved.append(id);
        if (removing)
            removeVolumeRecords(id);
    }
    return live;
}

QSet<Hash> GarbageCollector::mark(const QStringList &volumeIds, QSet<QString> &walkedVersions, Operation &operation)
{
    QSet<Hash> reachable;
    Reachability::walk(m_repo, volumeIds, [&](const Ref &ref, BlobType, const QString &) { reachable.insert(ref.pack); },
                       nullptr, &operation, &walkedVersions);
    return reachable;
}

void GarbageCollector::removeAbandonedSweeps()
{
    Store &store = m_repo.store();
    bool bumped = false;
    for (const ObjectInfo &list : store.listAll(gcfence::CondemnedPrefix)) {
        if (!gcfence::isAbandoned(list.modified))
            continue;
        // Its gc died, perhaps halfway through removing: writers that relied on the list
        // must look for their packs from now on.
        if (!std::exchange(bumped, true))
            gcfence::bumpEpoch(m_repo);
        store.remove(list.key);
    }
    for (const ObjectInfo &lease : store.listAll(gcfence::LeasePrefix)) {
        if (gcfence::isAbandoned(lease.modified))
            store.remove(lease.key);
    }
}

void GarbageCollector::waitForWriters(const QString &listKey, const QByteArray &list, GcReport &report, Operation &operation)
{
    auto publishing = [&](const QSet<QString> &among) {
        QSet<QString> leases;
        for (const ObjectInfo &lease : m_repo.store().listAll(gcfence::LeasePrefix)) {
            if ((among.isEmpty() || among.contains(lease.key)) && !gcfence::isAbandoned(lease.modified))
                leases.insert(lease.key);
        }
        return leases;
    };
    // Leases taken from now on see the list; those already there may not have.
    QSet<QString> leases = publishing({});
    report.writersAwaited = leases.size();
    QElapsedTimer sinceRefresh;
    sinceRefresh.start();
    for (int round = 1; !leases.isEmpty(); ++round) {
        operation.throwIfCancelled();
        QThread::msleep(qMin(50 * round, 1000));
        if (sinceRefresh.elapsed() > gcfence::RefreshSeconds * 1000) {
            m_repo.store().put(listKey, list); // still sweeping: not abandoned
            sinceRefresh.restart();
        }
        leases = publishing(leases);
    }
}

void GarbageCollector::sweep(QSet<Hash> condemned, const QHash<Hash, qint64> &sizes, QSet<QString> &walkedVersions,
                             GcReport &report, Operation &operation)
{
    Store &store = m_repo.store();
    QJsonArray names;
    for (const Hash &pack : condemned)
        names.append(pack.hex());
    const QByteArray list = QJsonDocument(QJsonObject{{QStringLiteral("writer"), currentWriter()},
                                                      {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                                                      {QStringLiteral("packs"), names}})
                                .toJson(QJsonDocument::Compact);
    const QString listKey = gcfence::CondemnedPrefix + QUuid::createUuid().toString(QUuid::WithoutBraces);
    store.put(listKey, list);
    bool removing = false;
    auto endSweep = qScopeGuard([&] {
        try {
            if (removing) // what writers looked up before may be gone: tell them
                gcfence::bumpEpoch(m_repo);
            store.remove(listKey);
        } catch (const Error &) { // abandoned lists are removed by the next gc
        }
    });
    waitForWriters(listKey, list, report, operation);
    // Commits published meanwhile may use condemned packs (they deduped against them, or
    // stored an identical pack): those are kept.
    const QSet<Hash> used = condemned & mark(liveVolumes(nullptr), walkedVersions, operation);
    report.packsRescued = used.size();
    condemned -= used;
    if (!store.stat(listKey))
        fail(Error::Kind::Conflict, QStringLiteral("another gc took this one for abandoned and removed its list of packs; nothing was removed, run gc again"));
    removing = true;
    QSet<Hash> removed;
    for (const Hash &pack : condemned) {
        operation.throwIfCancelled();
        store.remove(pack::keyOf(pack));
        removed.insert(pack);
        m_repo.journal().forgetPack(pack);
        ++report.packsRemoved;
        report.bytesRemoved += sizes.value(pack);
    }
    m_repo.journal().dropForgottenChunks();
    report.packsSwept = removed;
}

GcReport GarbageCollector::run(Operation &operation)
{
    GcReport report;
    report.dryRun = m_dryRun;
    if (!m_dryRun) {
        removeAbandonedSweeps();
        report.temporaryBytesRemoved = m_repo.store().removeStaleTemporaries(StaleTemporarySeconds);
    }
    // List packs before marking: a pack written after this list is not considered at all.
    const QList<ObjectInfo> packs = m_repo.store().listAll(QStringLiteral("packs/"));
    report.packsTotal = packs.size();
    QSet<QString> walkedVersions;
    const QSet<Hash> reachable = mark(liveVolumes(&report), walkedVersions, operation);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSet<Hash> condemned;
    QHash<Hash, qint64> sizes;
    operation.filesTotal = packs.size();
    for (const ObjectInfo &p : packs) {
        ++operation.filesDone;
        const Hash name = pack::nameOfKey(p.key);
        if (reachable.contains(name))
            continue;
        if (p.modified.secsTo(now) < m_graceSeconds) {
            ++report.packsTooYoung;
            continue;
        }
        condemned.insert(name);
        sizes.insert(name, p.size);
    }
    if (m_dryRun) {
        report.packsRemoved = condemned.size();
        for (const qint64 size : sizes)
            report.bytesRemoved += size;
    } else {
        if (!condemned.isEmpty())
            sweep(condemned, sizes, walkedVersions, report, operation);
        storeindex::compact(m_repo, report.packsSwept);
    }
    return report;
}

GcReport GarbageCollector::reclaim(const QSet<Hash> &packs, const QDateTime &since, Operation &operation)
{
    // Only versions created since the commit started can use what it stored: the older
    // ones count as marked already.
    const QDateTime before = since.addSecs(-gcfence::MaxClockSkewSeconds);
    QSet<QString> walkedVersions;
    for (const QString &id : liveVolumes(nullptr)) {
        for (const ObjectInfo &o : m_repo.store().listAll(keys::volumePrefix(id) + QStringLiteral("versions/"))) {
            if (o.modified < before)
                walkedVersions.insert(QStringLiteral("%1/%2").arg(id).arg(o.key.section(QLatin1Char('/'), -1).toLongLong()));
        }
    }
    GcReport report;
    sweep(packs, {}, walkedVersions, report, operation);
    return report;
}

} // namespace trove
