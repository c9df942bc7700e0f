#include "RemoteTreeView.h"

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

void RemoteTreeView::chooseInternalAction(QDropEvent *event) const
{
    // Inside the tree a drag moves; Ctrl makes it a copy, as in file managers.
    if (event->mimeData()->hasFormat(RemoteTreeModel::EntriesMimeType) && event->source() == this)
        event->setDropAction(event->modifiers() & Qt::ControlModifier ? Qt::CopyAction : Qt::MoveAction);
}

void RemoteTreeView::dragEnterEvent(QDragEnterEvent *event)
{
    QTreeView::dragEnterEvent(event);
    if (event->isAccepted())
        chooseInternalAction(event);
}

void RemoteTreeView::dragMoveEvent(QDragMoveEvent *event)
{
    QTreeView::dragMoveEvent(event);
    // On empty space below the rows the drop goes to the root folder.
    if (!event->isAccepted() && !indexAt(event->position().toPoint()).isValid() && model()
        && model()->canDropMimeData(event->mimeData(), event->dropAction(), -1, -1, {}))
        event->accept();
    if (event->isAccepted())
        chooseInternalAction(event);
}

void RemoteTreeView::dropEvent(QDropEvent *event)
{
    chooseInternalAction(event);
    if (!indexAt(event->position().toPoint()).isValid() && model()) {
        if (model()->dropMimeData(event->mimeData(), event->dropAction(), -1, -1, {}))
            event->acceptProposedAction();
        return;
    }
    QTreeView::dropEvent(event);
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
