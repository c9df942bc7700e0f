#include "BadgeDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace trove::ui {

namespace {
constexpr int Padding = 5;
constexpr int Gap = 4;

QFont badgeFont(const QFont &base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * 0.85);
    f.setItalic(false);
    f.setBold(false);
    return f;
}
} // namespace

BadgeDelegate::BadgeDelegate(BadgesOf badgesOf, QObject *parent) : QStyledItemDelegate(parent), m_badgesOf(std::move(badgesOf)) {}

int BadgeDelegate::badgesWidth(const QStyleOptionViewItem &option, const QStringList &badges) const
{
    const QFontMetrics fm(badgeFont(option.font));
    int width = 0;
    for (const QString &b : badges)
        width += fm.horizontalAdvance(b) + 2 * Padding + Gap;
    return width;
}

void BadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QStringList badges = m_badgesOf(index);
    if (badges.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const int reserved = std::min(badgesWidth(option, badges), option.rect.width() / 2);
    QStyleOptionViewItem textOption = option;
    initStyleOption(&textOption, index);
    // The selection highlight spans the whole cell; only the text makes room for the badges.
    QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    QStyleOptionViewItem background = textOption;
    background.text.clear();
    background.icon = QIcon();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);
    textOption.rect.setRight(textOption.rect.right() - reserved);
    textOption.state &= ~QStyle::State_HasFocus;
    textOption.backgroundBrush = Qt::NoBrush;
    textOption.showDecorationSelected = false;
    textOption.state &= ~QStyle::State_Selected;
    textOption.palette.setColor(QPalette::Text, option.state & QStyle::State_Selected ? option.palette.color(QPalette::HighlightedText)
                                                                                     : option.palette.color(QPalette::Text));
    style->drawControl(QStyle::CE_ItemViewItem, &textOption, painter, option.widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFont font = badgeFont(option.font);
    painter->setFont(font);
    const QFontMetrics fm(font);
    int right = option.rect.right() - Gap;
    for (auto it = badges.crbegin(); it != badges.crend(); ++it) {
        const int w = fm.horizontalAdvance(*it) + 2 * Padding;
        if (right - w < textOption.rect.right() - 4 && it != badges.crbegin())
            break;
        const QRect r(right - w, option.rect.center().y() - fm.height() / 2 - 1, w, fm.height() + 2);
        QPainterPath path;
        path.addRoundedRect(r, r.height() / 2.0, r.height() / 2.0);
        const QColor fill = option.palette.color(QPalette::Highlight).lighter(option.state & QStyle::State_Selected ? 130 : 175);
        painter->fillPath(path, fill);
        painter->setPen(option.palette.color(QPalette::Text));
        painter->drawText(r, Qt::AlignCenter, *it);
        right -= w + Gap;
    }
    painter->restore();
}

QSize BadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += badgesWidth(option, m_badgesOf(index));
    return size;
}

} // namespace trove::ui
