#pragma once

#include "RemoteNode.h"
#include "Volume.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QSet>
#include <QUrl>
#include <functional>
#include <optional>

namespace trove::ui {

// Lists a folder of the held version; runs on EnginePool. A seam for tests that hold a
// listing back.
using DirectoryLister = std::function<QList<DirEntry>(Volume &volume, const QString &path)>;

// The files of one volume version, listed lazily: a folder is listed on EnginePool when a
// view expands it, and its children arrive sorted in one insertion. Every volume switch or
// reload bumps a generation; listings of an older generation are dropped on arrival.
// Pending changes are shown as an overlay (badge, italic), never as nodes. sort() orders
// small folders at once; folders of more than 2,000 entries are sorted on EnginePool and
// swapped in with one layout change, so the GUI thread never sorts a 32,768-entry folder.
class RemoteTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, SizeColumn, ModifiedColumn, KindColumn, ColumnCount };
    enum Role { PathRole = Qt::UserRole + 1, IsDirRole, BadgeRole, ChangedRole };
    static const QString EntriesMimeType; // the format of RemoteMimeData, for moves inside the tree

    explicit RemoteTreeModel(QObject *parent = nullptr);
    ~RemoteTreeModel() override;

    // Shows `volume` at the version it holds (nullopt: nothing); bumps the generation.
    void setVolume(std::optional<Volume> volume);
    const std::optional<Volume> &volume() const { return m_volume; }
    void setLister(DirectoryLister lister) { m_lister = std::move(lister); }
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }
    bool isReadOnly() const { return m_readOnly; }
    // Pending-change badges by path, and the paths changed by the last reload.
    void setBadges(const QHash<QString, QString> &badges);
    void setChangedPaths(const QSet<QString> &paths);
    QModelIndex indexForPath(const QString &path) const;
    // The names in folder `path` and whether each is a folder; nullopt while it is not listed.
    std::optional<QHash<QString, bool>> loadedNames(const QString &path) const;
    qint64 sizeOf(const QModelIndex &index) const; // a folder: the bytes of all files below
    bool isLoading() const { return m_loading > 0; }
    void retry(const QModelIndex &index);
    quint64 generation() const { return m_generation; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent) override;

signals:
    void directoryLoaded(const QString &path);
    void directoryFailed(const QString &path, const QString &message);
    // Local files dropped onto folder `directory` ("" is the root).
    void urlsDropped(const QList<QUrl> &urls, const QString &directory);
    // Entries of this volume dragged onto folder `directory`: a move, or a copy.
    void entriesDropped(const QStringList &paths, const QString &directory, bool copy);

private:
    struct Listing;
    RemoteNode *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(RemoteNode *node, int column = 0) const;
    void startListing(RemoteNode *node);
    void applyListing(const Listing &listing);
    // Sorts folders of up to LargeFolder entries now; adds the larger ones to `large`.
    void sortChildren(RemoteNode *node, QList<RemoteNode *> &large);
    // Sorts `node`'s children on EnginePool and applies the order when it is still wanted.
    void startSort(RemoteNode *node);
    // Runs `reorder` between the layout signals, keeping persistent indexes on their nodes.
    void relayout(const QList<QPersistentModelIndex> &parents, const std::function<void()> &reorder);
    void refreshPaths(const QSet<QString> &paths);
    QString dropDirectory(int row, const QModelIndex &parent) const;

    std::optional<Volume> m_volume;
    std::unique_ptr<RemoteNode> m_root;
    QHash<QString, RemoteNode *> m_byPath; // loaded nodes
    DirectoryLister m_lister;
    quint64 m_generation = 0;
    int m_loading = 0;
    bool m_readOnly = false;
    int m_sortColumn = NameColumn;
    quint64 m_sortRequest = 0;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QHash<QString, QString> m_badges;
    QSet<QString> m_changed;
};

} // namespace trove::ui
