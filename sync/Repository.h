#pragma once

#include "Journal.h"
#include "Registry.h"
#include "TransferLimits.h"
#include "Tree.h"

#include <QCache>
#include <QMutex>
#include <memory>
#include <optional>

namespace trove {

class Store;
struct PackEntry;

// A store seen through the format: verified blob reads, cached trees, the registry and the
// local journal. Shared by every volume opened on the store; thread-safe.
class Repository
{
public:
    explicit Repository(std::shared_ptr<Store> store);
    ~Repository();

    Store &store() { return *m_store; }
    const TransferLimits &limits() const { return m_limits; }
    void setLimits(const TransferLimits &limits);
    Registry &registry() { return m_registry; }
    Journal &journal();

    // The blob's bytes, verified against its hash; Corrupt when they do not match.
    QByteArray readBlob(const Ref &ref);
    // The directory a ref names (a null ref is the empty directory). Refs inside that point
    // to "this pack" come back resolved to the pack's name.
    TreePtr readTree(const Ref &ref);
    // The entry at a normalised path under a root; nullopt when absent. "" is the root.
    std::optional<TreeEntry> lookup(const Ref &root, const QString &path);
    // A file's chunks, fetching its chunk list when they are not inline.
    QList<Ref> chunksOf(const TreeEntry &file);
    // A pack's own index, read from its trailer.
    QList<PackEntry> readPackIndex(const QString &packKey);

private:
    std::shared_ptr<Store> m_store;
    TransferLimits m_limits;
    Registry m_registry;
    std::unique_ptr<Journal> m_journal;
    QMutex m_mutex;
    QCache<QByteArray, TreePtr> m_trees; // by tree hash; cost = entries
};

} // namespace trove
