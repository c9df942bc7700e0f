#include "PendingView.h"

#include "EmptyState.h"

#include <QPainter>
#include <QStyledItemDelegate>

namespace trove::ui {

namespace {

// Rows as wide as the list rather than their text, so a long path is shortened in the middle
// instead of widening the list past its dock.
class ListWidthDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        return {0, QStyledItemDelegate::sizeHint(option, index).height()};
    }
};

} // namespace

PendingView::PendingView(QWidget *parent) : QListView(parent)
{
    setObjectName(QStringLiteral("pendingList"));
    setAccessibleName(tr("Pending changes"));
    // One line per change, long paths shortened in the middle (the tooltip has all of it).
    // Wrapped rows went wrong: QListView kept a row's old wrapped height while placing the
    // next row by its new one, so rows overlapped (seen in the Chinese window).
    setTextElideMode(Qt::ElideMiddle);
    setItemDelegate(new ListWidthDelegate(this));
}

void PendingView::paintEvent(QPaintEvent *event)
{
    QListView::paintEvent(event);
    paintEmptyState(this, tr("No pending changes.\n\nDrop files on the tree, or use Upload, New Folder, Rename or Delete; "
                             "the changes wait here until you Commit them as one version."));
}

} // namespace trove::ui
