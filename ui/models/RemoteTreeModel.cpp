#include "RemoteTreeModel.h"

#include "Async.h"
#include "FileTypes.h"
#include "RemotePath.h"
#include "Formats.h"

#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <algorithm>

namespace trove::ui {

const QString RemoteTreeModel::EntriesMimeType = QStringLiteral("application/x-trove-entries");

// A folder's listing, built and sorted on a worker, applied on the GUI thread.
struct RemoteTreeModel::Listing
{
    quint64 generation = 0;
    QString path;
    std::shared_ptr<std::vector<std::unique_ptr<RemoteNode>>> children;
    int column = 0;
    Qt::SortOrder order = Qt::AscendingOrder;
};

namespace {

// Names in file-manager order: runs of digits compare as numbers ("2" before "10") and
// letters without case. Done by hand: QCollator ignores numeric mode in the C locale.
int naturalCompare(const QString &a, const QString &b)
{
    int i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            int si = i, sj = j;
            while (si < a.size() && a[si] == QLatin1Char('0'))
                ++si;
            while (sj < b.size() && b[sj] == QLatin1Char('0'))
                ++sj;
            int ei = si, ej = sj;
            while (ei < a.size() && a[ei].isDigit())
                ++ei;
            while (ej < b.size() && b[ej].isDigit())
                ++ej;
            if (ei - si != ej - sj)
                return ei - si < ej - sj ? -1 : 1;
            if (const int c = QStringView(a).mid(si, ei - si).compare(QStringView(b).mid(sj, ej - sj)))
                return c;
            i = ei;
            j = ej;
            continue;
        }
        const QChar ca = a[i].toCaseFolded(), cb = b[j].toCaseFolded();
        if (ca != cb)
            return ca < cb ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size() || j < b.size())
        return i < a.size() ? 1 : -1;
    return a.compare(b); // equal but for case or leading zeros: still a total order
}

// A folder's children sort on EnginePool above this many entries, as Dolphin's
// parallelMergeSort; below it a sort on the GUI thread is quicker than the round trip.
constexpr size_t LargeFolder = 2000;

const RemoteNode &entryOf(const std::unique_ptr<RemoteNode> &node) { return *node; }
template<typename Entry>
const Entry &entryOf(const Entry &entry) { return entry; }

// Folders first, then the column's order, then the name; for nodes, and for the copies of
// their fields that a worker sorts.
struct NodeLess
{
    int column;
    Qt::SortOrder order;

    template<typename Item>
    bool operator()(const Item &x, const Item &y) const
    {
        const auto &a = entryOf(x);
        const auto &b = entryOf(y);
        if (a.isDir != b.isDir)
            return a.isDir;
        int c = 0;
        switch (column) {
        case RemoteTreeModel::SizeColumn: c = a.size < b.size ? -1 : a.size > b.size ? 1 : 0; break;
        case RemoteTreeModel::ModifiedColumn: c = a.mtime < b.mtime ? -1 : a.mtime > b.mtime ? 1 : 0; break;
        case RemoteTreeModel::KindColumn: c = naturalCompare(a.kind, b.kind); break;
        default: break;
        }
        if (c == 0)
            c = naturalCompare(a.name, b.name);
        return order == Qt::AscendingOrder ? c < 0 : c > 0;
    }
};

// What a worker needs of a node to sort it: copies, so a reset of the model meanwhile
// frees nothing the worker reads.
struct SortKey
{
    QString name, kind;
    QDateTime mtime;
    qint64 size = 0;
    bool isDir = false;
    int row = 0;
};

} // namespace

RemoteTreeModel::RemoteTreeModel(QObject *parent)
    : QAbstractItemModel(parent),
      m_root(std::make_unique<RemoteNode>()),
      m_lister([](Volume &volume, const QString &path) { return volume.listDir(path); })
{
    m_root->isDir = true;
    m_root->state = RemoteNode::State::Loaded; // empty until a volume is set
}

RemoteTreeModel::~RemoteTreeModel() = default;

void RemoteTreeModel::setVolume(std::optional<Volume> volume)
{
    beginResetModel();
    ++m_generation;
    m_loading = 0;
    m_volume = std::move(volume);
    m_byPath.clear();
    m_changed.clear();
    m_root = std::make_unique<RemoteNode>();
    m_root->isDir = true;
    m_root->state = m_volume ? RemoteNode::State::Unfetched : RemoteNode::State::Loaded;
    m_byPath.insert(QString(), m_root.get());
    endResetModel();
    if (canFetchMore({})) // a view may have fetched the root already, on the reset
        startListing(m_root.get());
}

RemoteNode *RemoteTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<RemoteNode *>(index.internalPointer()) : m_root.get();
}

QModelIndex RemoteTreeModel::indexOf(RemoteNode *node, int column) const
{
    return node == m_root.get() || !node ? QModelIndex() : createIndex(node->row, column, node);
}

QModelIndex RemoteTreeModel::indexForPath(const QString &path) const
{
    RemoteNode *node = m_byPath.value(path);
    return node ? indexOf(node) : QModelIndex();
}

std::optional<QHash<QString, bool>> RemoteTreeModel::loadedNames(const QString &path) const
{
    const RemoteNode *node = m_byPath.value(path);
    if (!node || node->state != RemoteNode::State::Loaded)
        return std::nullopt;
    QHash<QString, bool> names;
    names.reserve(qsizetype(node->children.size()));
    for (const auto &child : node->children)
        names.insert(child->name, child->isDir);
    return names;
}

qint64 RemoteTreeModel::sizeOf(const QModelIndex &index) const { return index.isValid() ? nodeOf(index)->size : 0; }

QModelIndex RemoteTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const RemoteNode *p = nodeOf(parent);
    if (row < 0 || column < 0 || column >= ColumnCount || row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex RemoteTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int RemoteTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int RemoteTreeModel::columnCount(const QModelIndex &) const { return ColumnCount; }

bool RemoteTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const RemoteNode *node = nodeOf(parent);
    // A folder shows its expand arrow before it is listed.
    return node->isDir && (node->state != RemoteNode::State::Loaded || !node->children.empty());
}

bool RemoteTreeModel::canFetchMore(const QModelIndex &parent) const
{
    const RemoteNode *node = nodeOf(parent);
    return m_volume && node->isDir && node->state == RemoteNode::State::Unfetched;
}

void RemoteTreeModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        startListing(nodeOf(parent));
}

void RemoteTreeModel::retry(const QModelIndex &index)
{
    RemoteNode *node = nodeOf(index);
    if (node->state == RemoteNode::State::Failed)
        startListing(node);
}

void RemoteTreeModel::startListing(RemoteNode *node)
{
    node->state = RemoteNode::State::Loading;
    ++m_loading;
    const quint64 generation = m_generation;
    const QString path = node->path;
    const int column = m_sortColumn;
    const Qt::SortOrder order = m_sortOrder;
    runAsync(this,
             [volume = *m_volume, lister = m_lister, path, generation, column, order]() mutable {
                 const QList<DirEntry> entries = lister(volume, path);
                 Listing listing{generation, path, std::make_shared<std::vector<std::unique_ptr<RemoteNode>>>(), column, order};
                 listing.children->reserve(size_t(entries.size()));
                 for (const DirEntry &e : entries) {
                     auto node = std::make_unique<RemoteNode>();
                     node->path = e.path;
                     node->name = remotepath::nameOf(e.path);
                     node->isDir = e.isDir;
                     node->size = e.size;
                     node->mtime = e.mtime;
                     node->kind = FileTypes::kindOf(node->name, e.isDir);
                     listing.children->push_back(std::move(node));
                 }
                 std::sort(listing.children->begin(), listing.children->end(), NodeLess{column, order});
                 return listing;
             },
             [this, generation, path](const Result<Listing> &result) {
                 if (generation != m_generation)
                     return; // a listing of a version no longer shown
                 --m_loading;
                 RemoteNode *node = m_byPath.value(path);
                 if (!node || node->state != RemoteNode::State::Loading)
                     return;
                 if (!result.ok()) {
                     node->state = RemoteNode::State::Failed;
                     const QModelIndex index = indexOf(node);
                     emit dataChanged(index, index.siblingAtColumn(ColumnCount - 1));
                     emit directoryFailed(path, result.error);
                     return;
                 }
                 applyListing(*result.value);
             });
}

void RemoteTreeModel::applyListing(const Listing &listing)
{
    RemoteNode *node = m_byPath.value(listing.path);
    auto &children = *listing.children;
    const bool staleOrder = listing.column != m_sortColumn || listing.order != m_sortOrder; // re-sorted while it ran
    if (staleOrder && children.size() <= LargeFolder)
        std::sort(children.begin(), children.end(), NodeLess{m_sortColumn, m_sortOrder});
    const int count = int(children.size());
    if (count > 0)
        beginInsertRows(indexOf(node), 0, count - 1);
    node->children = std::move(children);
    for (int i = 0; i < count; ++i) {
        RemoteNode *child = node->children[size_t(i)].get();
        child->parent = node;
        child->row = i;
        m_byPath.insert(child->path, child);
    }
    node->state = RemoteNode::State::Loaded;
    if (count > 0)
        endInsertRows();
    else if (node != m_root.get()) {
        const QModelIndex index = indexOf(node);
        emit dataChanged(index, index); // the expand arrow goes away
    }
    if (staleOrder && size_t(count) > LargeFolder)
        startSort(node);
    emit directoryLoaded(listing.path);
}

QVariant RemoteTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const RemoteNode *node = nodeOf(index);
    const QString badge = m_badges.value(node->path);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case NameColumn: return node->name;
        case SizeColumn: return node->isDir ? QString() : formatSize(node->size);
        case ModifiedColumn: return formatTime(node->mtime);
        case KindColumn: return node->kind;
        }
        break;
    case Qt::AccessibleDescriptionRole:
    case Qt::ToolTipRole:
        if (index.column() == NameColumn) {
            QStringList parts{node->path};
            if (!badge.isEmpty())
                parts << badge;
            if (m_changed.contains(node->path))
                parts << tr("changed by the last reload");
            if (node->state == RemoteNode::State::Failed)
                parts << tr("could not be listed; choose Retry from its context menu");
            return parts.join(QStringLiteral(" — "));
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == NameColumn)
            return FileTypes::iconOf(node->name, node->isDir);
        break;
    case Qt::FontRole:
        if (!badge.isEmpty() || m_changed.contains(node->path)) {
            QFont font;
            font.setItalic(!badge.isEmpty());
            font.setBold(m_changed.contains(node->path));
            return font;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case PathRole: return node->path;
    case IsDirRole: return node->isDir;
    case BadgeRole:
        if (index.column() == NameColumn) {
            if (!badge.isEmpty())
                return badge;
            if (node->state == RemoteNode::State::Failed)
                return tr("not listed");
            if (m_changed.contains(node->path))
                return tr("changed");
        }
        break;
    case ChangedRole: return m_changed.contains(node->path);
    }
    return {};
}

QVariant RemoteTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case SizeColumn: return tr("Size");
    case ModifiedColumn: return tr("Modified");
    case KindColumn: return tr("Kind");
    }
    return {};
}

Qt::ItemFlags RemoteTreeModel::flags(const QModelIndex &index) const
{
    const Qt::ItemFlags drop = m_readOnly || !m_volume ? Qt::NoItemFlags : Qt::ItemIsDropEnabled;
    if (!index.isValid())
        return drop;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsDragEnabled;
    if (nodeOf(index)->isDir)
        f |= drop;
    else
        f |= Qt::ItemNeverHasChildren;
    return f;
}

void RemoteTreeModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    ++m_sortRequest; // sorts on the pool for an older request are dropped
    QList<RemoteNode *> large;
    relayout({}, [&] { sortChildren(m_root.get(), large); });
    for (RemoteNode *node : std::as_const(large))
        startSort(node);
}

void RemoteTreeModel::sortChildren(RemoteNode *node, QList<RemoteNode *> &large)
{
    if (node->children.size() > LargeFolder) {
        large.append(node);
    } else if (!node->children.empty()) {
        std::sort(node->children.begin(), node->children.end(), NodeLess{m_sortColumn, m_sortOrder});
        for (size_t i = 0; i < node->children.size(); ++i)
            node->children[i]->row = int(i);
    }
    for (const auto &child : node->children)
        sortChildren(child.get(), large);
}

void RemoteTreeModel::startSort(RemoteNode *node)
{
    // O(n) copies here; the O(n log n) comparisons, with their string work, on the pool.
    std::vector<SortKey> keys;
    keys.reserve(node->children.size());
    for (const auto &child : node->children)
        keys.push_back({child->name, child->kind, child->mtime, child->size, child->isDir, child->row});
    const size_t count = keys.size();
    runAsync(this,
             [keys = std::move(keys), less = NodeLess{m_sortColumn, m_sortOrder}]() mutable {
                 std::sort(keys.begin(), keys.end(), less);
                 QList<int> rows; // rows[i]: the present row of the node that goes to row i
                 rows.reserve(qsizetype(keys.size()));
                 for (const SortKey &key : keys)
                     rows.append(key.row);
                 return rows;
             },
             [this, generation = m_generation, request = m_sortRequest, path = node->path, count](const Result<QList<int>> &result) {
                 RemoteNode *node = m_byPath.value(path);
                 if (generation != m_generation || request != m_sortRequest || !result.ok() || !node || node->children.size() != count)
                     return; // another version, another order, or a folder listed again meanwhile
                 const QList<int> &rows = *result.value;
                 relayout({QPersistentModelIndex(indexOf(node))}, [&] {
                     std::vector<std::unique_ptr<RemoteNode>> sorted(count);
                     for (size_t i = 0; i < count; ++i) {
                         sorted[i] = std::move(node->children[size_t(rows[qsizetype(i)])]);
                         sorted[i]->row = int(i);
                     }
                     node->children = std::move(sorted);
                 });
             });
}

void RemoteTreeModel::relayout(const QList<QPersistentModelIndex> &parents, const std::function<void()> &reorder)
{
    emit layoutAboutToBeChanged(parents, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<QPair<RemoteNode *, int>> nodes;
    nodes.reserve(before.size());
    for (const QModelIndex &index : before)
        nodes.append({nodeOf(index), index.column()});
    reorder();
    QModelIndexList after;
    after.reserve(before.size());
    for (const auto &[node, col] : nodes)
        after.append(indexOf(node, col));
    changePersistentIndexList(before, after);
    emit layoutChanged(parents, QAbstractItemModel::VerticalSortHint);
}

void RemoteTreeModel::setBadges(const QHash<QString, QString> &badges)
{
    QSet<QString> touched;
    for (auto it = m_badges.cbegin(); it != m_badges.cend(); ++it)
        if (badges.value(it.key()) != it.value())
            touched.insert(it.key());
    for (auto it = badges.cbegin(); it != badges.cend(); ++it)
        if (m_badges.value(it.key()) != it.value())
            touched.insert(it.key());
    m_badges = badges;
    refreshPaths(touched);
}

void RemoteTreeModel::setChangedPaths(const QSet<QString> &paths)
{
    QSet<QString> touched = m_changed;
    touched.unite(paths);
    m_changed = paths;
    refreshPaths(touched);
}

void RemoteTreeModel::refreshPaths(const QSet<QString> &paths)
{
    for (const QString &path : paths) {
        RemoteNode *node = m_byPath.value(path);
        if (node && node != m_root.get())
            emit dataChanged(indexOf(node), indexOf(node, ColumnCount - 1));
    }
}

QStringList RemoteTreeModel::mimeTypes() const
{
    return {QStringLiteral("text/uri-list"), EntriesMimeType};
}

QMimeData *RemoteTreeModel::mimeData(const QModelIndexList &indexes) const
{
    if (!m_volume)
        return nullptr;
    QJsonArray paths;
    QSet<QString> seen;
    for (const QModelIndex &index : indexes) {
        const QString path = nodeOf(index)->path;
        if (!seen.contains(path)) {
            seen.insert(path);
            paths.append(path);
        }
    }
    // The same fields as RemoteMimeData, which carries drags out of the view.
    const QJsonObject object{{QStringLiteral("volumeId"), m_volume->info().id},
                             {QStringLiteral("volumeName"), m_volume->name()},
                             {QStringLiteral("version"), m_volume->version()},
                             {QStringLiteral("paths"), paths}};
    auto *mime = new QMimeData;
    mime->setData(EntriesMimeType, QJsonDocument(object).toJson(QJsonDocument::Compact));
    return mime;
}

Qt::DropActions RemoteTreeModel::supportedDropActions() const { return Qt::CopyAction | Qt::MoveAction; }

// Copy and Move for moves inside the tree; removeRows() stays false, so a target that answers
// Move never deletes remote rows.
Qt::DropActions RemoteTreeModel::supportedDragActions() const { return Qt::CopyAction | Qt::MoveAction; }

QString RemoteTreeModel::dropDirectory(int row, const QModelIndex &parent) const
{
    const RemoteNode *node = nodeOf(parent);
    if (row >= 0 || node->isDir)
        return node->path; // between rows of a folder, or onto the folder
    return node->parent ? node->parent->path : QString(); // onto a file: its folder
}

bool RemoteTreeModel::canDropMimeData(const QMimeData *data, Qt::DropAction, int, int, const QModelIndex &) const
{
    if (m_readOnly || !m_volume || !data)
        return false;
    if (data->hasFormat(EntriesMimeType))
        return true;
    if (!data->hasUrls())
        return false;
    const QList<QUrl> urls = data->urls();
    return !urls.isEmpty() && std::all_of(urls.begin(), urls.end(), [](const QUrl &u) { return u.isLocalFile(); });
}

bool RemoteTreeModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const QString directory = dropDirectory(row, parent);
    if (data->hasFormat(EntriesMimeType)) {
        const QJsonObject object = QJsonDocument::fromJson(data->data(EntriesMimeType)).object();
        if (object.value(QStringLiteral("volumeId")).toString() != m_volume->info().id)
            return false; // entries of another volume: not a move within this one
        QStringList paths;
        for (const QJsonValue &v : object.value(QStringLiteral("paths")).toArray())
            paths << v.toString();
        emit entriesDropped(paths, directory, action == Qt::CopyAction);
        return true;
    }
    emit urlsDropped(data->urls(), directory);
    return true;
}

} // namespace trove::ui
