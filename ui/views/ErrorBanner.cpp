#include "ErrorBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace trove::ui {

ErrorBanner::ErrorBanner(QWidget *parent)
    : QFrame(parent), m_text(new QLabel(this)), m_action(new QPushButton(this)), m_dismiss(new QPushButton(tr("Dismiss"), this))
{
    setObjectName(QStringLiteral("errorBanner"));
    setAccessibleName(tr("Error"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(0xfd, 0xec, 0xea));
    p.setColor(QPalette::WindowText, QColor(0x5f, 0x16, 0x10));
    setPalette(p);

    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(20, 20));
    icon->setAccessibleName(tr("Warning"));
    icon->setObjectName(QStringLiteral("errorBannerIcon"));
    m_text->setObjectName(QStringLiteral("errorBannerText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_action->setObjectName(QStringLiteral("errorBannerAction"));
    m_action->hide();
    m_dismiss->setObjectName(QStringLiteral("errorBannerDismiss"));
    m_dismiss->setAccessibleName(tr("Dismiss"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action, 0, Qt::AlignTop);
    layout->addWidget(m_dismiss, 0, Qt::AlignTop);

    connect(m_dismiss, &QPushButton::clicked, this, &QWidget::hide);
    connect(m_action, &QPushButton::clicked, this, [this] {
        hide();
        emit actionTriggered();
    });
    hide();
}

void ErrorBanner::showMessage(const QString &message, const QString &actionText)
{
    m_text->setText(message);
    m_text->setAccessibleName(message);
    m_action->setVisible(!actionText.isEmpty());
    m_action->setText(actionText);
    m_action->setAccessibleName(actionText);
    show();
}

QString ErrorBanner::message() const { return isVisible() ? m_text->text() : QString(); }

} // namespace trove::ui
