#include "WelcomePage.h"

#include <QDragEnterEvent>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace trove::ui {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_detail(new QLabel(this)), m_create(new QPushButton(tr("New Volume…"), this))
{
    setObjectName(QStringLiteral("welcomePage"));
    setAccessibleName(tr("Welcome"));
    setAcceptDrops(true);
    auto *icon = new QLabel(this);
    icon->setObjectName(QStringLiteral("welcomeIcon"));
    icon->setAccessibleName(tr("Volume"));
    icon->setPixmap(QIcon::fromTheme(QStringLiteral("folder-new"), style()->standardIcon(QStyle::SP_DirIcon)).pixmap(64, 64));
    icon->setAlignment(Qt::AlignCenter);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    m_title->setFont(big);
    m_title->setObjectName(QStringLiteral("welcomeTitle"));
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    m_detail->setObjectName(QStringLiteral("welcomeDetail"));
    m_detail->setAlignment(Qt::AlignCenter);
    m_detail->setWordWrap(true);
    m_create->setObjectName(QStringLiteral("welcomeNewVolume"));
    m_create->setAccessibleName(tr("New Volume…"));
    connect(m_create, &QPushButton::clicked, this, &WelcomePage::newVolumeRequested);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(icon);
    layout->addWidget(m_title);
    layout->addWidget(m_detail);
    layout->addSpacing(12);
    layout->addWidget(m_create, 0, Qt::AlignHCenter);
    layout->addStretch(3);
    setText(tr("Create a volume, or drop files here to make one"), tr("A volume is a versioned folder: every commit is a version you can go back to."));
}

void WelcomePage::setText(const QString &title, const QString &detail, bool canCreate)
{
    m_create->setVisible(canCreate);
    m_title->setText(title);
    m_title->setAccessibleName(title);
    m_detail->setText(detail);
    m_detail->setAccessibleName(detail);
    m_detail->setVisible(!detail.isEmpty());
}

void WelcomePage::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void WelcomePage::dropEvent(QDropEvent *event)
{
    QList<QUrl> local;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            local << url;
    if (local.isEmpty())
        return;
    event->acceptProposedAction();
    emit urlsDropped(local);
}

} // namespace trove::ui
