#include "Repository.h"

#include "Error.h"
#include "Pack.h"
#include "RemotePath.h"
#include "Store.h"

namespace trove {

Repository::Repository(std::shared_ptr<Store> store)
    : m_store(std::move(store)), m_registry(*m_store), m_trees(1'000'000)
{
    setLimits(TransferLimits::fromEnvironment());
}

Repository::~Repository() = default;

void Repository::setLimits(const TransferLimits &limits)
{
    m_limits = limits;
    m_store->setBandwidthLimit(limits.bytesPerSecond);
}

Journal &Repository::journal()
{
    QMutexLocker lock(&m_mutex);
    if (!m_journal) {
        const QString override = qEnvironmentVariable("TROVE_JOURNAL");
        m_journal = std::make_unique<Journal>(override.isEmpty() ? Journal::defaultPathFor(m_store->displayName()) : override);
    }
    return *m_journal;
}

QByteArray Repository::readBlob(const Ref &ref)
{
    const QString key = pack::keyOf(ref.pack);
    QByteArray bytes;
    try {
        bytes = m_store->getRange(key, ref.offset, ref.length);
    } catch (const Error &e) {
        if (e.kind() == Error::Kind::NotFound)
            fail(Error::Kind::Corrupt, QStringLiteral("pack %1 is missing from %2; run `trove-cli check`").arg(ref.pack.hex(), m_store->displayName()));
        throw;
    }
    if (Hash::of(bytes) != ref.hash)
        fail(Error::Kind::Corrupt, QStringLiteral("blob %1 in pack %2 does not match its hash: the store is damaged; run `trove-cli check --read-data`")
                                       .arg(ref.hash.hex().left(16), ref.pack.hex().left(16)));
    return bytes;
}

TreePtr Repository::readTree(const Ref &ref)
{
    if (ref.isNull()) {
        static const TreePtr empty = std::make_shared<const Tree>();
        return empty;
    }
    {
        QMutexLocker lock(&m_mutex);
        if (const TreePtr *cached = m_trees.object(ref.hash.raw()))
            return *cached;
    }
    Tree tree = Tree::decode(readBlob(ref), QStringLiteral("tree %1").arg(ref.hash.hex().left(16)));
    for (TreeEntry &e : tree.entries) {
        if (e.isDir() && !e.subtree.isNull() && e.subtree.pack.isNull())
            e.subtree.pack = ref.pack;
        if (!e.chunkList.isNull() && e.chunkList.pack.isNull())
            e.chunkList.pack = ref.pack;
    }
    const int cost = int(tree.entries.size()) + 1;
    auto shared = std::make_shared<const Tree>(std::move(tree));
    QMutexLocker lock(&m_mutex);
    m_trees.insert(ref.hash.raw(), new TreePtr(shared), cost);
    return shared;
}

std::optional<TreeEntry> Repository::lookup(const Ref &root, const QString &path)
{
    TreeEntry entry;
    entry.kind = TreeEntry::Kind::Dir;
    entry.subtree = root;
    for (const QString &name : remotepath::split(path)) {
        if (!entry.isDir())
            return std::nullopt;
        const TreePtr tree = readTree(entry.subtree);
        const TreeEntry *child = tree->entry(name);
        if (!child)
            return std::nullopt;
        entry = *child;
    }
    return entry;
}

QList<Ref> Repository::chunksOf(const TreeEntry &file)
{
    if (file.chunkList.isNull())
        return file.chunks;
    return chunklist::decode(readBlob(file.chunkList), QStringLiteral("chunk list of %1").arg(file.name));
}

QList<PackEntry> Repository::readPackIndex(const QString &packKey)
{
    const auto info = m_store->stat(packKey);
    if (!info)
        fail(Error::Kind::NotFound, QStringLiteral("%1 is not in the store").arg(packKey));
    if (info->size < pack::TrailerSize)
        fail(Error::Kind::Corrupt, QStringLiteral("%1 is too short to be a pack").arg(packKey));
    const qint64 indexLength = pack::indexLengthFromTrailer(m_store->getRange(packKey, info->size - pack::TrailerSize, pack::TrailerSize), packKey);
    if (indexLength > info->size - pack::TrailerSize)
        fail(Error::Kind::Corrupt, QStringLiteral("%1 has an index longer than the pack").arg(packKey));
    return pack::parseIndex(m_store->getRange(packKey, info->size - pack::TrailerSize - indexLength, indexLength), packKey);
}

} // namespace trove
