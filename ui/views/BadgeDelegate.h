#pragma once

#include <QStyledItemDelegate>
#include <functional>

namespace trove::ui {

// Paints small rounded labels ("v2", "ephemeral", "upload pending") at the right of a cell.
class BadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using BadgesOf = std::function<QStringList(const QModelIndex &)>;
    BadgeDelegate(BadgesOf badgesOf, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int badgesWidth(const QStyleOptionViewItem &option, const QStringList &badges) const;
    BadgesOf m_badgesOf;
};

} // namespace trove::ui
