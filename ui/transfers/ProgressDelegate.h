#pragma once

#include <QStyledItemDelegate>

namespace trove::ui {

// Paints a transfer's progress as a progress bar in its cell (no index widgets: they cost a
// widget per row). The model's FractionRole gives the value, DisplayRole the text.
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace trove::ui
