#pragma once

#include "Hash.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QString>

namespace trove {

class Repository;
struct Operation;

// How writers and gc keep out of each other's way without a server (docs/FORMAT.md, "gc and
// writers"). gc publishes the packs it is about to remove (a condemned list), waits for the
// writers that were publishing then, marks again, removes, and bumps the gc epoch. A writer
// publishes only under a lease and after a check: none of its packs condemned, and, when the
// epoch moved since it started, every one of them still there.
namespace gcfence {
inline const QString EpochKey = QStringLiteral("gc/epoch");
inline const QString CondemnedPrefix = QStringLiteral("gc/condemned/");
inline const QString LeasePrefix = QStringLiteral("gc/writers/");
// Leases and condemned lists are refreshed this often while held...
constexpr qint64 RefreshSeconds = 60;
// ...and count as abandoned (their owner died) once this much older than the store's clock.
constexpr qint64 StaleSeconds = 600;
// Machines sharing a store disagree about the time by less than this.
constexpr qint64 MaxClockSkewSeconds = 120;

// The condemned lists in the store now, by key.
QHash<QString, QSet<Hash>> sweeps(Repository &repo);
QByteArray epoch(Repository &repo); // empty before the first sweep
void bumpEpoch(Repository &repo);
// A lease or condemned list last written this long ago belongs to a process that died.
bool isAbandoned(const QDateTime &modified);
} // namespace gcfence

// A commit's side of the fence. Built when the commit starts (before any pack is looked up
// or stored); the lease is taken by the first check and released when this goes.
class WriterFence
{
public:
    explicit WriterFence(Repository &repo);
    ~WriterFence();
    WriterFence(const WriterFence &) = delete;
    WriterFence &operator=(const WriterFence &) = delete;

    // Of `packs`, those a gc may remove: on a list condemned before the lease was taken, or
    // gone. Takes or refreshes the lease first; a commit that creates its version right after
    // an empty answer is safe from every gc (a sweep condemning later waits for the lease).
    QSet<Hash> unsafePacks(const QSet<Hash> &packs);
    // Lets go of the lease and waits until the sweeps that condemned `packs` are over; the
    // next check then confirms that every pack it is given exists.
    void waitForSweeps(const QSet<Hash> &packs, Operation &operation);

private:
    void holdLease();
    void releaseLease();

    Repository &m_repo;
    QByteArray m_epoch; // as it was when the packs were last known to exist
    QString m_leaseKey;
    QElapsedTimer m_leaseAge; // invalid while no lease is held
    QHash<QString, QSet<Hash>> m_sweeps; // the condemned lists there when the lease was taken
};

} // namespace trove
