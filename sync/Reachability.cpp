#include "Reachability.h"

#include "Error.h"
#include "Operation.h"
#include "Repository.h"
#include "VersionLog.h"

#include <QSet>

namespace trove {

void Reachability::walk(Repository &repo, const QStringList &volumeIds, const Visit &visit,
                        const OnError &onError, Operation *operation, QSet<QString> *walkedVersions)
{
    QSet<Hash> seenTrees;
    auto guarded = [&](const QString &where, const std::function<void()> &work) {
        try {
            work();
        } catch (const Error &e) {
            if (!onError || e.kind() == Error::Kind::Cancelled)
                throw;
            onError(where + QStringLiteral(": ") + e.message());
        }
    };
    std::function<void(const Ref &, const QString &)> walkTree = [&](const Ref &treeRef, const QString &where) {
        if (treeRef.isNull() || seenTrees.contains(treeRef.hash))
            return;
        seenTrees.insert(treeRef.hash);
        if (operation)
            operation->throwIfCancelled();
        visit(treeRef, BlobType::Tree, where);
        TreePtr tree = std::make_shared<const Tree>();
        guarded(where, [&] { tree = repo.readTree(treeRef); });
        for (const TreeEntry &e : tree->entries) {
            const QString path = where + QLatin1Char('/') + e.name;
            if (e.isDir()) {
                walkTree(e.subtree, path);
                continue;
            }
            if (!e.chunkList.isNull())
                visit(e.chunkList, BlobType::ChunkList, path);
            guarded(path, [&] {
                for (const Ref &r : repo.chunksOf(e))
                    visit(r, BlobType::Data, path);
            });
        }
    };
    for (const QString &id : volumeIds) {
        VersionLog log(repo.store(), id);
        for (const qint64 n : log.numbers()) {
            const QString version = QStringLiteral("%1/%2").arg(id).arg(n);
            if (walkedVersions && walkedVersions->contains(version))
                continue;
            guarded(QStringLiteral("%1@%2").arg(id).arg(n), [&] {
                const VersionRecord record = log.read(n);
                walkTree(record.root, QStringLiteral("%1@%2:").arg(id).arg(n));
            });
            if (walkedVersions)
                walkedVersions->insert(version);
        }
    }
}

} // namespace trove
