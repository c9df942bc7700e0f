#include "PendingView.h"

#include <QPainter>

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
    if (model() && model()->rowCount() > 0)
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::Disabled, QPalette::Text));
    painter.drawText(viewport()->rect().adjusted(12, 12, -12, -12), Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
                     tr("No pending changes.\n\nDrop files on the tree, or use Upload, New Folder, Rename or Delete; "
                        "the changes wait here until you Commit them as one version."));
}

} // namespace trove::ui
