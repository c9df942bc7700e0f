#include "PendingView.h"

#include "EmptyState.h"

namespace trove::ui {

PendingView::PendingView(QWidget *parent) : QListView(parent)
{
    setObjectName(QStringLiteral("pendingList"));
    setAccessibleName(tr("Pending changes"));
    setWordWrap(true);
    setTextElideMode(Qt::ElideMiddle);
}

void PendingView::paintEvent(QPaintEvent *event)
{
    QListView::paintEvent(event);
    paintEmptyState(this, tr("No pending changes.\n\nDrop files on the tree, or use Upload, New Folder, Rename or Delete; "
                             "the changes wait here until you Commit them as one version."));
}

} // namespace trove::ui
