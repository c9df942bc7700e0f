#include "StatusPanel.h"

#include "Async.h"
#include "Formats.h"

#include <QDirIterator>
#include <QLabel>
#include <QStandardPaths>
#include <QStatusBar>

namespace trove::ui {

StatusPanel::StatusPanel(QStatusBar *bar)
    : QObject(bar),
      m_bar(bar),
      m_volume(addLabel(QStringLiteral("volumeStatus"), false)),
      m_version(addLabel(QStringLiteral("versionStatus"), true)),
      m_behind(addLabel(QStringLiteral("behindStatus"), true)),
      m_pending(addLabel(QStringLiteral("pendingStatus"), true)),
      m_transfers(addLabel(QStringLiteral("transfersStatus"), true)),
      m_cache(addLabel(QStringLiteral("cacheStatus"), true))
{
    m_cacheTimer.setInterval(30000);
    connect(&m_cacheTimer, &QTimer::timeout, this, &StatusPanel::updateCacheUse);
    m_cacheTimer.start();
    updateCacheUse();
}

QLabel *StatusPanel::addLabel(const QString &objectName, bool separated)
{
    auto *label = new QLabel(m_bar);
    label->setObjectName(objectName);
    label->setStyleSheet(separated ? QStringLiteral("QLabel { padding: 0 8px; border-left: 1px solid palette(mid); }")
                                   : QStringLiteral("QLabel { padding: 0 8px; }"));
    m_bar->addPermanentWidget(label);
    return label;
}

void StatusPanel::setLabel(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setAccessibleName(text); // a QLabel's text is its name on AT-SPI
    label->setVisible(!text.isEmpty());
}

void StatusPanel::setStoreText(const QString &text) { setLabel(m_volume, text); }

void StatusPanel::setVolume(const QString &name, qint64 version, qint64 head)
{
    setLabel(m_volume, tr("Volume: %1").arg(name));
    setLabel(m_version, version > 0 ? tr("Version %1").arg(version) : tr("No version yet"));
    const qint64 behind = head - version;
    setLabel(m_behind, behind <= 0 ? tr("Up to date") : tr("%n version(s) behind", nullptr, int(behind)));
    m_behind->setToolTip(behind > 0 ? tr("Another writer committed; press Reload (F5) to see the newest version") : QString());
}

void StatusPanel::clearVolume()
{
    setLabel(m_version, QString());
    setLabel(m_behind, QString());
}

void StatusPanel::setUnreachable(const QString &message)
{
    setLabel(m_behind, tr("Store unreachable"));
    m_behind->setToolTip(message);
}

void StatusPanel::setPending(int count, bool committing)
{
    if (committing)
        setLabel(m_pending, tr("Committing %n change(s)…", nullptr, count));
    else
        setLabel(m_pending, count == 0 ? tr("No pending changes") : tr("%n pending change(s)", nullptr, count));
}

void StatusPanel::setTransfers(const QString &totals) { setLabel(m_transfers, totals); }

QString StatusPanel::behindText() const { return m_behind->text(); }

void StatusPanel::updateCacheUse()
{
    runAsync(this,
             [] {
                 const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/trove");
                 qint64 total = 0;
                 QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
                 while (it.hasNext()) {
                     it.next();
                     total += it.fileInfo().size();
                 }
                 return total;
             },
             [this](const Result<qint64> &result) {
                 if (result.ok())
                     setLabel(m_cache, tr("Cache: %1").arg(formatSize(*result.value)));
             });
}

} // namespace trove::ui
