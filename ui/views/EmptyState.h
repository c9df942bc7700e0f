#pragma once

#include <QString>

class QAbstractItemView;

namespace trove::ui {

// Paints `text` into an item view that has no rows, in the disabled text colour: what the
// view will hold and how things get there. Call at the end of the view's paintEvent().
void paintEmptyState(QAbstractItemView *view, const QString &text);

} // namespace trove::ui
