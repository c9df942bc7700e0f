#include "TreeEditor.h"

#include "Error.h"
#include "Limits.h"
#include "PackSink.h"
#include "RemotePath.h"
#include "Repository.h"

#include <QDateTime>

namespace trove {

struct TreeEditor::Node
{
    Tree tree;
    bool dirty = false;
    std::map<QString, std::unique_ptr<Node>> loaded; // subdirectories read so far

    std::unique_ptr<Node> clone() const
    {
        auto copy = std::make_unique<Node>();
        copy->tree = tree;
        copy->dirty = dirty;
        for (const auto &[name, child] : loaded)
            copy->loaded.emplace(name, child->clone());
        return copy;
    }
};

namespace {

qint64 countFiles(const TreeEntry &e) { return e.isDir() ? e.fileCount : 1; }

} // namespace

TreeEditor::TreeEditor(Repository &repo, const Ref &baseRoot, int format, PackSink &metadata)
    : m_repo(repo), m_format(format), m_metadata(metadata), m_root(std::make_unique<Node>())
{
    m_root->tree = *repo.readTree(baseRoot);
}

TreeEditor::~TreeEditor() = default;

bool TreeEditor::hasChanges() const { return m_root->dirty; }

TreeEditor::Node *TreeEditor::directory(const QString &path, bool create)
{
    Node *node = m_root.get();
    QString walked;
    QList<Node *> chain{node};
    for (const QString &name : remotepath::split(path)) {
        walked = remotepath::join(walked, name);
        auto it = node->loaded.find(name);
        if (it == node->loaded.end()) {
            const TreeEntry *entry = node->tree.entry(name);
            auto child = std::make_unique<Node>();
            if (!entry) {
                if (!create)
                    return nullptr;
                checkEntryLimit(*node, walked);
                TreeEntry dir;
                dir.name = name;
                dir.kind = TreeEntry::Kind::Dir;
                dir.mtimeMs = QDateTime::currentMSecsSinceEpoch();
                node->tree.upsert(dir);
                child->dirty = true;
            } else if (!entry->isDir()) {
                fail(Error::Kind::AlreadyExists, QStringLiteral("'%1' is a file in the volume, not a directory; remove it first").arg(walked));
            } else {
                child->tree = *m_repo.readTree(entry->subtree);
            }
            it = node->loaded.emplace(name, std::move(child)).first;
        }
        node = it->second.get();
        chain.append(node);
    }
    if (create) {
        for (Node *n : chain)
            n->dirty = true;
    }
    return node;
}

void TreeEditor::checkEntryLimit(const Node &dir, const QString &path) const
{
    if (m_format == 2 && dir.tree.entries.size() >= limits::V2MaxDirectoryEntries) {
        const QString parent = remotepath::parentOf(path);
        fail(Error::Kind::Limit, QStringLiteral("cannot add '%1': directory '/%2' already holds %3 entries, the most a v2 volume allows in one directory; spread the files over subdirectories")
                                     .arg(path, parent).arg(limits::V2MaxDirectoryEntries));
    }
}

std::optional<TreeEntry> TreeEditor::lookup(const QString &path)
{
    if (path.isEmpty()) {
        TreeEntry root;
        root.kind = TreeEntry::Kind::Dir;
        return root;
    }
    Node *parent = directory(remotepath::parentOf(path), false);
    if (!parent)
        return std::nullopt;
    const TreeEntry *entry = parent->tree.entry(remotepath::nameOf(path));
    return entry ? std::optional<TreeEntry>(*entry) : std::nullopt;
}

void TreeEditor::apply(const Change &change)
{
    switch (change.type) {
    case Change::Type::Put:
        if (!change.replace && !change.entry.isDir()) {
            const std::optional<TreeEntry> existing = lookup(change.path);
            if (existing && !existing->isDir())
                fail(Error::Kind::AlreadyExists, QStringLiteral("'%1' was added to the volume by another writer while this put ran; nothing was committed; use --force to replace it")
                                                     .arg(change.path));
        }
        put(change.path, change.entry, nullptr);
        break;
    case Change::Type::Remove: remove(change.path, change.recursive); break;
    case Change::Type::Copy: copy(change.source, change.path, change.recursive); break;
    }
}

void TreeEditor::put(const QString &path, TreeEntry entry, std::unique_ptr<Node> loadedDir)
{
    if (path.isEmpty())
        fail(Error::Kind::InvalidArgument, QStringLiteral("cannot replace the volume's root directory"));
    if (m_format == 2 && !entry.isDir() && entry.size > limits::V2MaxFileSize)
        fail(Error::Kind::Limit, QStringLiteral("'%1' is %2 bytes; v2 volumes hold files up to 1 TiB").arg(path).arg(entry.size));
    if (!entry.isDir() && entry.chunkList.isNull() && entry.chunks.size() > chunklist::InlineLimit) {
        entry.chunkList = m_metadata.add(BlobType::ChunkList, chunklist::encode(entry.chunks));
        entry.chunks.clear();
    }
    Node *parent = directory(remotepath::parentOf(path), true);
    const QString name = remotepath::nameOf(path);
    entry.name = name;
    const TreeEntry *existing = parent->tree.entry(name);
    if (existing && existing->isDir() && !entry.isDir())
        fail(Error::Kind::AlreadyExists, QStringLiteral("'%1' is a directory in the volume; remove it first (rm -r) to put a file there").arg(path));
    if (!existing)
        checkEntryLimit(*parent, path);
    if (existing) {
        m_summary.removed += existing->isDir() ? existing->fileCount : 0;
        m_summary.modified += existing->isDir() ? 0 : 1;
        m_summary.added += entry.isDir() ? entry.fileCount : 0;
    } else {
        m_summary.added += countFiles(entry);
    }
    parent->loaded.erase(name);
    if (loadedDir)
        parent->loaded.emplace(name, std::move(loadedDir));
    parent->tree.upsert(std::move(entry));
}

void TreeEditor::remove(const QString &path, bool recursive)
{
    if (path.isEmpty()) {
        if (!recursive)
            fail(Error::Kind::InvalidArgument, QStringLiteral("'/' is the volume's root directory; use -r to remove everything in it"));
        for (const TreeEntry &e : m_root->tree.entries)
            m_summary.removed += countFiles(e);
        m_root = std::make_unique<Node>();
        m_root->dirty = true;
        return;
    }
    // A path another writer removed first is already gone: nothing to do.
    if (!directory(remotepath::parentOf(path), false))
        return;
    Node *parent = directory(remotepath::parentOf(path), true);
    const QString name = remotepath::nameOf(path);
    const TreeEntry *existing = parent->tree.entry(name);
    if (!existing)
        return;
    if (existing->isDir() && !recursive) {
        Node *dir = directory(path, false);
        if (!dir->tree.entries.isEmpty())
            fail(Error::Kind::InvalidArgument, QStringLiteral("'%1' is a non-empty directory; use -r to remove it and everything in it").arg(path));
    }
    m_summary.removed += countFiles(*existing);
    parent->loaded.erase(name);
    parent->tree.erase(name);
}

std::unique_ptr<TreeEditor::Node> TreeEditor::cloneLoaded(const QString &path)
{
    Node *node = directory(path, false);
    return node ? node->clone() : nullptr;
}

void TreeEditor::copy(const QString &source, const QString &destination, bool recursive)
{
    std::optional<TreeEntry> entry = lookup(source);
    if (!entry)
        fail(Error::Kind::NotFound, QStringLiteral("'%1' is not in the volume").arg(source));
    if (entry->isDir() && !recursive)
        fail(Error::Kind::InvalidArgument, QStringLiteral("'%1' is a directory; use -r to copy it").arg(source));
    if (entry->isDir() && m_format == 1)
        fail(Error::Kind::Limit, QStringLiteral("v1 volumes cannot copy directories recursively ('%1'); migrate to v2 with `trove-cli volume migrate`").arg(source));
    QString target = destination;
    if (const std::optional<TreeEntry> existing = lookup(destination); existing && existing->isDir())
        target = remotepath::join(destination, remotepath::nameOf(source));
    if (target == source || (entry->isDir() && target.startsWith(source + QLatin1Char('/'))))
        fail(Error::Kind::InvalidArgument, QStringLiteral("cannot copy '%1' into itself").arg(source));
    // A directory changed earlier in this commit is copied as edited, not as stored.
    put(target, *entry, entry->isDir() ? cloneLoaded(source) : nullptr);
}

Ref TreeEditor::writeNode(Node &node, const QString &path)
{
    for (auto &[name, child] : node.loaded) {
        if (!child->dirty)
            continue;
        const int i = node.tree.find(name);
        if (i < 0)
            continue;
        TreeEntry &entry = node.tree.entries[i];
        entry.subtree = writeNode(*child, remotepath::join(path, name));
        qint64 size = 0, files = 0, mtime = 0;
        for (const TreeEntry &e : child->tree.entries) {
            size += e.size;
            files += countFiles(e);
            mtime = qMax(mtime, e.mtimeMs);
        }
        entry.size = size;
        entry.fileCount = files;
        entry.mtimeMs = qMax(entry.mtimeMs, mtime);
    }
    // Refs into the pack being filled are written as "this pack"; earlier packs by name.
    Tree encoded = node.tree;
    const Hash open = m_metadata.openPack();
    auto fix = [&](Ref &ref) {
        if (ref.isNull())
            return;
        if (ref.pack == open)
            ref.pack = Hash();
        else
            ref = m_metadata.resolve(ref);
    };
    for (TreeEntry &e : encoded.entries) {
        fix(e.isDir() ? e.subtree : e.chunkList);
    }
    // Adding seals the pack only after the tree is in it, so "this pack" stays true.
    return m_metadata.add(BlobType::Tree, encoded.encode());
}

Ref TreeEditor::write()
{
    Ref root;
    if (!m_root->tree.entries.isEmpty())
        root = writeNode(*m_root, QString());
    m_totalFiles = 0;
    for (const TreeEntry &e : m_root->tree.entries)
        m_totalFiles += countFiles(e);
    if (m_format == 1 && m_totalFiles > limits::V1MaxFiles)
        fail(Error::Kind::Limit, QStringLiteral("this commit would leave %1 files in a v1 volume, over its limit of 500,000; migrate to v2 with `trove-cli volume migrate`").arg(m_totalFiles));
    return root;
}

} // namespace trove
