#include "EmptyState.h"

#include <QAbstractItemView>
#include <QPainter>

namespace trove::ui {

void paintEmptyState(QAbstractItemView *view, const QString &text)
{
    if (view->model() && view->model()->rowCount(view->rootIndex()) > 0)
        return;
    QPainter painter(view->viewport());
    painter.setPen(view->palette().color(QPalette::Disabled, QPalette::Text));
    painter.drawText(view->viewport()->rect().adjusted(12, 12, -12, -12), Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, text);
}

} // namespace trove::ui
