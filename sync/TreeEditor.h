#pragma once

#include "Change.h"
#include "VersionLog.h"

#include <QStringList>
#include <map>
#include <memory>
#include <optional>

namespace trove {

class PackSink;
class Repository;

// Applies changes to a version's tree in memory, loading only the directories on the paths
// it touches, then writes just the directories that changed (bottom-up) into a metadata
// pack. Enforces the format's limits as it goes, naming the path and the limit.
class TreeEditor
{
public:
    TreeEditor(Repository &repo, const Ref &baseRoot, int format, PackSink &metadata);
    ~TreeEditor();

    void apply(const Change &change);
    // The entry at a path in the edited state; nullopt when absent. "" is the root.
    std::optional<TreeEntry> lookup(const QString &path);
    // Writes the changed directories; returns the new root (its pack may be a placeholder
    // until the metadata sink is flushed) and fills the root's totals.
    Ref write();

    const ChangeSummary &summary() const { return m_summary; }
    qint64 totalFiles() const { return m_totalFiles; }
    bool hasChanges() const;

private:
    struct Node;
    Node *directory(const QString &path, bool create);
    void put(const QString &path, TreeEntry entry, std::unique_ptr<Node> loadedDir);
    void remove(const QString &path, bool recursive);
    void copy(const QString &source, const QString &destination, bool recursive);
    std::unique_ptr<Node> cloneLoaded(const QString &path);
    Ref writeNode(Node &node, const QString &path);
    void checkEntryLimit(const Node &dir, const QString &path) const;

    Repository &m_repo;
    const int m_format;
    PackSink &m_metadata;
    std::unique_ptr<Node> m_root;
    ChangeSummary m_summary;
    qint64 m_totalFiles = 0;
};

} // namespace trove
