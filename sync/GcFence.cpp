#include "GcFence.h"

#include "Error.h"
#include "Operation.h"
#include "Pack.h"
#include "Repository.h"
#include "Store.h"
#include "VersionLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QUuid>

namespace trove {
namespace gcfence {

QHash<QString, QSet<Hash>> sweeps(Repository &repo)
{
    QHash<QString, QSet<Hash>> lists;
    for (const ObjectInfo &list : repo.store().listAll(CondemnedPrefix)) {
        QByteArray body;
        try {
            body = repo.store().get(list.key);
        } catch (const Error &e) {
            if (e.kind() == Error::Kind::NotFound) // that sweep ended meanwhile
                continue;
            throw;
        }
        const QJsonDocument document = QJsonDocument::fromJson(body);
        if (!document.isObject())
            fail(Error::Kind::Corrupt, QStringLiteral("%1 in %2 is not a list of packs gc removes; delete it only when no gc runs")
                                           .arg(list.key, repo.store().displayName()));
        QSet<Hash> &packs = lists[list.key];
        for (const QJsonValue &name : document.object().value(QLatin1String("packs")).toArray())
            packs.insert(Hash::fromHex(name.toString()));
    }
    return lists;
}

QByteArray epoch(Repository &repo)
{
    try {
        return repo.store().get(EpochKey);
    } catch (const Error &e) {
        if (e.kind() == Error::Kind::NotFound)
            return {};
        throw;
    }
}

void bumpEpoch(Repository &repo)
{
    repo.store().put(EpochKey, QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
}

bool isAbandoned(const QDateTime &modified)
{
    return modified.secsTo(QDateTime::currentDateTimeUtc()) > StaleSeconds + MaxClockSkewSeconds;
}

} // namespace gcfence

WriterFence::WriterFence(Repository &repo) : m_repo(repo), m_epoch(gcfence::epoch(repo)) {}

WriterFence::~WriterFence()
{
    try {
        releaseLease();
    } catch (const Error &) { // gc treats it as abandoned once stale
    }
}

void WriterFence::holdLease()
{
    const bool held = m_leaseAge.isValid();
    if (held && m_leaseAge.elapsed() < gcfence::RefreshSeconds * 1000)
        return;
    if (!held)
        m_leaseKey = gcfence::LeasePrefix + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject lease{{QStringLiteral("writer"), currentWriter()},
                            {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
    m_repo.store().put(m_leaseKey, QJsonDocument(lease).toJson(QJsonDocument::Compact));
    // A sweep that condemns after this point finds the lease and waits for it. One that
    // may not have (the lease is new, or may have looked abandoned) is known by its list.
    if (!held || m_leaseAge.elapsed() > gcfence::StaleSeconds * 500)
        m_sweeps.insert(gcfence::sweeps(m_repo));
    m_leaseAge.start();
}

void WriterFence::releaseLease()
{
    if (!m_leaseAge.isValid())
        return;
    m_leaseAge.invalidate();
    m_sweeps.clear();
    m_repo.store().remove(m_leaseKey);
}

QSet<Hash> WriterFence::unsafePacks(const QSet<Hash> &packs)
{
    holdLease();
    // The lists before the epoch: a sweep whose list is gone by now has bumped it.
    QSet<Hash> unsafe;
    for (const ObjectInfo &list : m_repo.store().listAll(gcfence::CondemnedPrefix)) {
        if (const auto it = m_sweeps.constFind(list.key); it != m_sweeps.constEnd())
            unsafe += *it & packs;
    }
    const QByteArray epoch = gcfence::epoch(m_repo);
    if (epoch == m_epoch)
        return unsafe;
    for (const Hash &pack : packs) {
        if (!unsafe.contains(pack) && !m_repo.store().stat(pack::keyOf(pack)))
            unsafe.insert(pack);
    }
    m_epoch = epoch;
    return unsafe;
}

void WriterFence::waitForSweeps(const QSet<Hash> &packs, Operation &operation)
{
    QSet<QString> waitingFor;
    for (auto it = m_sweeps.cbegin(); it != m_sweeps.cend(); ++it) {
        if (it->intersects(packs))
            waitingFor.insert(it.key());
    }
    releaseLease(); // the sweeps may be waiting for it
    for (int round = 0;; ++round) {
        bool sweeping = false;
        for (const ObjectInfo &list : m_repo.store().listAll(gcfence::CondemnedPrefix))
            sweeping = sweeping || (waitingFor.contains(list.key) && !gcfence::isAbandoned(list.modified));
        if (!sweeping)
            break;
        operation.throwIfCancelled();
        QThread::msleep(qMin(100 * (round + 1), 1000));
    }
    // Packs may be gone now, even under an abandoned sweep that bumped nothing: look.
    m_epoch = QByteArrayLiteral("unknown");
}

} // namespace trove
