#include "RemoteTreeView.h"

#include "dnd/DragExporter.h"
#include "dnd/RemoteMimeData.h"
#include "RemoteTreeModel.h"

#include <QDragMoveEvent>
#include <QHeaderView>
#include <QMimeData>

namespace trove::ui {

RemoteTreeView::RemoteTreeView(QWidget *parent) : QTreeView(parent)
{
    setObjectName(QStringLiteral("fileTree"));
    setAccessibleName(tr("Files"));
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::CopyAction);
    setDropIndicatorShown(true);
    setAcceptDrops(true);
    setDragEnabled(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setUniformRowHeights(true); // cheap layout of 32,768-row folders
    setSortingEnabled(true);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setAllColumnsShowFocus(true);
    header()->setSectionResizeMode(QHeaderView::Interactive); // ResizeToContents is O(rows) per change
    header()->setStretchLastSection(true);
    header()->setSortIndicator(RemoteTreeModel::NameColumn, Qt::AscendingOrder);
}

bool RemoteTreeView::isInternal(const QDropEvent *event) const
{
    return event->source() == this && event->mimeData()->hasFormat(RemoteTreeModel::EntriesMimeType);
}

void RemoteTreeView::dragEnterEvent(QDragEnterEvent *event)
{
    if (isInternal(event)) {
        event->acceptProposedAction();
        return;
    }
    QTreeView::dragEnterEvent(event);
}

void RemoteTreeView::dragMoveEvent(QDragMoveEvent *event)
{
    if (isInternal(event)) {
        QTreeView::dragMoveEvent(event); // autoscroll, expand on hover, drop indicator
        event->acceptProposedAction();
        return;
    }
    QTreeView::dragMoveEvent(event);
    // On empty space below the rows the drop goes to the root folder.
    if (!event->isAccepted() && !indexAt(event->position().toPoint()).isValid() && model()
        && model()->canDropMimeData(event->mimeData(), event->dropAction(), -1, -1, {}))
        event->accept();
}

void RemoteTreeView::dropEvent(QDropEvent *event)
{
    const QModelIndex target = indexAt(event->position().toPoint());
    if (isInternal(event)) {
        // Drags out offer Copy only (no target may delete remote rows), so inside the tree
        // the keyboard decides: a move, or with Ctrl a copy, as in file managers.
        const bool copy = event->modifiers() & Qt::ControlModifier;
        if (model()->dropMimeData(event->mimeData(), copy ? Qt::CopyAction : Qt::MoveAction, -1, -1, target.siblingAtColumn(0)))
            event->acceptProposedAction();
        stopAutoScroll();
        setState(NoState);
        viewport()->update();
        return;
    }
    if (!target.isValid() && model()) {
        if (model()->dropMimeData(event->mimeData(), event->dropAction(), -1, -1, {}))
            event->acceptProposedAction();
        return;
    }
    QTreeView::dropEvent(event);
}

void RemoteTreeView::startDrag(Qt::DropActions)
{
    auto *files = qobject_cast<RemoteTreeModel *>(model());
    if (!files || !files->volume() || !m_scheduler)
        return;
    RemoteEntries entries{m_storeUrl, files->volume()->info(), files->volume()->version(), {}, 0};
    for (const QModelIndex &index : selectionModel()->selectedRows()) {
        entries.paths << index.data(RemoteTreeModel::PathRole).toString();
        entries.totalBytes += files->sizeOf(index);
    }
    if (!entries.paths.isEmpty())
        DragExporter::startDrag(this, m_scheduler, entries);
}

void RemoteTreeView::setFilterText(const QString &text)
{
    m_filter = text.trimmed();
    if (model())
        applyFilter({});
}

void RemoteTreeView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QTreeView::rowsInserted(parent, start, end);
    if (!m_filter.isEmpty())
        applyFilter(parent);
}

bool RemoteTreeView::applyFilter(const QModelIndex &parent)
{
    bool any = false;
    const int rows = model()->rowCount(parent);
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = model()->index(row, 0, parent);
        bool match = m_filter.isEmpty() || index.data().toString().contains(m_filter, Qt::CaseInsensitive);
        if (model()->rowCount(index) > 0 && applyFilter(index))
            match = true;
        setRowHidden(row, parent, !match);
        any = any || match;
    }
    return any;
}

} // namespace trove::ui
