#include "Checker.h"

#include "Error.h"
#include "Operation.h"
#include "Pack.h"
#include "Reachability.h"
#include "Registry.h"
#include "Repository.h"
#include "Store.h"
#include "VersionLog.h"

#include <QHash>
#include <QSet>
#include <algorithm>

namespace trove {
namespace {

struct BlobKey
{
    Hash hash;
    qint64 offset;
    qint64 length;
    bool operator==(const BlobKey &o) const { return hash == o.hash && offset == o.offset && length == o.length; }
};
size_t qHash(const BlobKey &k, size_t seed = 0) { return qHashMulti(seed, k.hash, k.offset, k.length); }

// The files and directories that need a pack, for messages: a few paths and how many more.
struct PackUsers
{
    static constexpr int Shown = 5;
    QStringList paths;
    qint64 more = 0;
    void add(const QString &where)
    {
        if (paths.contains(where))
            return;
        if (paths.size() < Shown)
            paths.append(where);
        else
            ++more;
    }
    QString text() const
    {
        return paths.join(QStringLiteral(", ")) + (more > 0 ? QStringLiteral(" and %1 more").arg(more) : QString());
    }
};

QString nameOfPackName(const QString &key) { return key.section(QLatin1Char('/'), -1).left(16); }

} // namespace

CheckReport Checker::run(Operation &operation)
{
    CheckReport report;
    Registry &registry = m_repo.registry();
    QStringList damagedNames;
    QHash<QString, QString> names; // id -> name, for messages
    for (const VolumeInfo &v : registry.list(&damagedNames))
        names.insert(v.id, v.name);
    report.problems += damagedNames;
    // Volumes without a readable name are checked too: a damaged name loses no data.
    QStringList ids, unnamed;
    for (const QString &id : registry.allIds()) {
        if (registry.isDeleted(id))
            continue;
        ids.append(id);
        if (!names.contains(id))
            unnamed.append(id);
    }
    report.volumes = ids.size();
    auto readable = [&](QString where) {
        const QString id = where.section(QLatin1Char('@'), 0, 0);
        if (names.contains(id))
            where.replace(0, id.size(), QStringLiteral("'%1'").arg(names.value(id)));
        return where.replace(QStringLiteral("@"), QStringLiteral(" version ")).replace(QStringLiteral(":/"), QStringLiteral(": /"));
    };

    // Which blobs each pack must hold, gathered from the trees, and who needs them.
    QHash<Hash, QSet<BlobKey>> wanted;
    QHash<Hash, PackUsers> users;
    Reachability::walk(
        m_repo, ids,
        [&](const Ref &ref, BlobType, const QString &where) {
            wanted[ref.pack].insert({ref.hash, ref.offset, ref.length});
            users[ref.pack].add(where);
        },
        [&](const QString &problem) { report.problems.append(readable(problem)); }, &operation);

    operation.filesTotal = wanted.size();
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        operation.throwIfCancelled();
        ++operation.filesDone;
        ++report.packsChecked;
        const QString key = pack::keyOf(it.key());
        const QString needs = QStringLiteral(" (it holds data of %1)").arg(readable(users.value(it.key()).text()));
        try {
            const QList<PackEntry> entries = m_repo.readPackIndex(key);
            QSet<BlobKey> present;
            for (const PackEntry &e : entries)
                present.insert({e.hash, e.offset, e.length});
            for (const BlobKey &b : it.value()) {
                ++report.blobsChecked;
                if (!present.contains(b))
                    report.problems.append(QStringLiteral("pack %1 has no blob %2 at offset %3%4").arg(it.key().hex().left(16), b.hash.hex().left(16)).arg(b.offset).arg(needs));
            }
            if (!m_readData)
                continue;
            readPackData(key, entries, report, operation, [&](const PackEntry &e) {
                report.problems.append(QStringLiteral("pack %1: blob %2 at offset %3 does not match its hash (damaged data)%4")
                                           .arg(it.key().hex().left(16), e.hash.hex().left(16)).arg(e.offset).arg(needs));
            });
        } catch (const Error &e) {
            if (e.kind() == Error::Kind::Cancelled)
                throw;
            report.problems.append(QStringLiteral("pack %1: %2%3").arg(it.key().hex().left(16), e.message(), needs));
        }
    }
    if (m_repair) {
        repairHeads(ids, report);
        repairNames(damagedNames, unnamed, report);
        rebuildDedupeIndex(report, operation);
    }
    return report;
}

void Checker::readPackData(const QString &key, QList<PackEntry> entries, CheckReport &report, Operation &operation,
                           const std::function<void(const PackEntry &)> &damaged)
{
    // In spans of whole blobs of up to 16 MiB (a blob larger than that alone): a large file's
    // pack, up to 64 MiB, is not held at once, and memory does not follow pack sizes.
    constexpr qint64 Span = PackWriter::TargetSize;
    std::sort(entries.begin(), entries.end(), [](const PackEntry &a, const PackEntry &b) { return a.offset < b.offset; });
    for (qsizetype first = 0; first < entries.size();) {
        const qint64 start = entries[first].offset;
        qint64 end = start + entries[first].length;
        qsizetype last = first + 1;
        for (; last < entries.size() && entries[last].offset + entries[last].length - start <= Span; ++last)
            end = qMax(end, entries[last].offset + entries[last].length);
        QByteArray bytes;
        try {
            bytes = m_repo.store().getRange(key, start, end - start);
        } catch (const Error &e) {
            if (e.kind() != Error::Kind::Corrupt) // the object ends early: its blobs past the end are damaged
                throw;
        }
        report.bytesRead += bytes.size();
        operation.bytesDone += bytes.size();
        for (qsizetype i = first; i < last; ++i) {
            const PackEntry &e = entries[i];
            const qint64 at = e.offset - start;
            if (at + e.length > bytes.size() || Hash::of(bytes.constData() + at, e.length) != e.hash)
                damaged(e);
        }
        first = last;
    }
}

void Checker::repairHeads(const QStringList &ids, CheckReport &report)
{
    for (const QString &id : ids) {
        VersionLog log(m_repo.store(), id);
        const QList<qint64> numbers = log.numbers();
        if (numbers.isEmpty())
            continue;
        const QString key = keys::volumePrefix(id) + QStringLiteral("head");
        QByteArray hint;
        try {
            hint = m_repo.store().get(key).trimmed();
        } catch (const Error &e) {
            if (e.kind() != Error::Kind::NotFound)
                throw;
        }
        const QByteArray newest = QByteArray::number(numbers.last());
        if (hint == newest)
            continue;
        m_repo.store().put(key, newest);
        report.repaired.append(QStringLiteral("volume %1: head hint '%2' set to %3, its newest version").arg(id, QString::fromUtf8(hint.left(32)), QString::fromUtf8(newest)));
    }
}

void Checker::repairNames(const QStringList &damagedNames, const QStringList &unnamedIds, CheckReport &report)
{
    if (damagedNames.isEmpty())
        return;
    // A name entry is a copy of its volume's record; which record it was is known only when
    // exactly one volume is left without a name.
    QStringList entries;
    for (const ObjectInfo &o : m_repo.store().listAll(QStringLiteral("names/"))) {
        try {
            m_repo.registry().find(o.key.mid(6));
        } catch (const Error &e) {
            if (e.kind() == Error::Kind::Corrupt)
                entries.append(o.key);
        }
    }
    if (entries.size() != 1 || unnamedIds.size() != 1) {
        report.problems.append(QStringLiteral("cannot tell which volume each damaged name entry belongs to (%1 damaged; volumes without a name: %2)")
                                   .arg(entries.size()).arg(unnamedIds.isEmpty() ? QStringLiteral("none") : unnamedIds.join(QStringLiteral(", "))));
        return;
    }
    const QByteArray record = m_repo.store().get(keys::volumePrefix(unnamedIds.first()) + QStringLiteral("volume.json"));
    m_repo.store().put(entries.first(), record);
    report.repaired.append(QStringLiteral("%1 rebuilt from the record of volume %2").arg(entries.first(), unnamedIds.first()));
    report.problems.removeAll(damagedNames.first());
}

void Checker::rebuildDedupeIndex(CheckReport &report, Operation &operation)
{
    qint64 chunks = 0, packs = 0;
    for (const ObjectInfo &p : m_repo.store().listAll(QStringLiteral("packs/"))) {
        operation.throwIfCancelled();
        try {
            QList<Ref> refs;
            const Hash name = pack::nameOfKey(p.key);
            for (const PackEntry &e : m_repo.readPackIndex(p.key)) {
                if (e.type == BlobType::Data)
                    refs.append({e.hash, name, e.offset, e.length});
            }
            m_repo.journal().record(refs);
            chunks += refs.size();
            ++packs;
        } catch (const Error &e) {
            if (e.kind() == Error::Kind::Cancelled)
                throw;
            report.problems.append(QStringLiteral("pack %1 cannot be indexed: %2").arg(nameOfPackName(p.key), e.message()));
        }
    }
    report.repaired.append(QStringLiteral("dedupe index rebuilt from %1 packs (%2 chunks)").arg(packs).arg(chunks));
}

} // namespace trove
