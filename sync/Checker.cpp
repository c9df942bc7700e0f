#include "Checker.h"

#include "Error.h"
#include "Operation.h"
#include "Pack.h"
#include "Reachability.h"
#include "Registry.h"
#include "Repository.h"
#include "Store.h"

#include <QHash>
#include <QSet>

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

} // namespace

CheckReport Checker::run(Operation &operation)
{
    CheckReport report;
    QStringList ids;
    for (const VolumeInfo &v : m_repo.registry().list())
        ids.append(v.id);
    report.volumes = ids.size();

    // Which blobs each pack must hold, gathered from the trees.
    QHash<Hash, QSet<BlobKey>> wanted;
    Reachability::walk(
        m_repo, ids,
        [&](const Ref &ref, BlobType) { wanted[ref.pack].insert({ref.hash, ref.offset, ref.length}); },
        [&](const QString &problem) { report.problems.append(problem); }, &operation);

    operation.filesTotal = wanted.size();
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        operation.throwIfCancelled();
        ++operation.filesDone;
        ++report.packsChecked;
        const QString key = pack::keyOf(it.key());
        try {
            const QList<PackEntry> entries = m_repo.readPackIndex(key);
            QSet<BlobKey> present;
            for (const PackEntry &e : entries)
                present.insert({e.hash, e.offset, e.length});
            for (const BlobKey &b : it.value()) {
                ++report.blobsChecked;
                if (!present.contains(b))
                    report.problems.append(QStringLiteral("pack %1 has no blob %2 at offset %3").arg(it.key().hex().left(16), b.hash.hex().left(16)).arg(b.offset));
            }
            if (!m_readData)
                continue;
            const QByteArray whole = m_repo.store().get(key);
            report.bytesRead += whole.size();
            operation.bytesDone += whole.size();
            for (const PackEntry &e : entries) {
                if (e.offset + e.length > whole.size() || Hash::of(whole.constData() + e.offset, e.length) != e.hash)
                    report.problems.append(QStringLiteral("pack %1: blob %2 at offset %3 does not match its hash (damaged data)")
                                               .arg(it.key().hex().left(16), e.hash.hex().left(16)).arg(e.offset));
            }
        } catch (const Error &e) {
            if (e.kind() == Error::Kind::Cancelled)
                throw;
            report.problems.append(QStringLiteral("pack %1: %2").arg(it.key().hex().left(16), e.message()));
        }
    }
    return report;
}

} // namespace trove
