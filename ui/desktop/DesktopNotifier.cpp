#include "DesktopNotifier.h"

#include "Job.h"
#include "transfers/TransferScheduler.h"

#include <QApplication>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QWidget>

namespace trove::ui {

bool NotifyPolicy::shouldNotify(bool windowActive, TransferKind kind, qint64 elapsedMs, bool cancelled)
{
    if (windowActive || cancelled)
        return false;
    return kind == TransferKind::Commit || elapsedMs > LongTransferMs;
}

DesktopNotifier::DesktopNotifier(QWidget *window, TransferScheduler *scheduler)
    : QObject(window), m_window(window), m_scheduler(scheduler)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        const QIcon icon = QApplication::windowIcon().isNull() ? window->style()->standardIcon(QStyle::SP_DriveNetIcon) : QApplication::windowIcon();
        m_tray = std::make_unique<QSystemTrayIcon>(icon);
        connect(m_tray.get(), &QSystemTrayIcon::activated, window, [window] {
            window->showNormal();
            window->raise();
            window->activateWindow();
        });
    }
    connect(scheduler, &TransferScheduler::totalsChanged, this, &DesktopNotifier::updateProgress);
    connect(scheduler, &TransferScheduler::commitFinished, this,
            [this](qint64 id, const JobResult &result) { onFinished(id, result, TransferKind::Commit); });
    connect(scheduler, &TransferScheduler::downloadFinished, this,
            [this](qint64 id, const JobResult &result) { onFinished(id, result, TransferKind::Download); });
}

DesktopNotifier::~DesktopNotifier() = default;

QString DesktopNotifier::progressText(const TransferQueueModel *model)
{
    int uploads = 0, downloads = 0;
    qint64 done = 0, total = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const TransferBatch &batch = model->batchAt(row);
        if (batch.state != BatchState::Running && batch.state != BatchState::Queued)
            continue;
        (batch.kind == TransferKind::Commit ? uploads : downloads) += int(std::max<qint64>(1, batch.filesTotal));
        done += batch.bytesDone;
        total += batch.bytesTotal;
    }
    QStringList parts;
    if (uploads > 0)
        parts << tr("Uploading %n file(s)", nullptr, uploads);
    if (downloads > 0)
        parts << (parts.isEmpty() ? tr("Downloading %n file(s)", nullptr, downloads) : tr("downloading %n file(s)", nullptr, downloads));
    if (parts.isEmpty())
        return {};
    const QString what = parts.join(tr(", "));
    return total > 0 ? tr("%1 — %2%").arg(what).arg(qRound(100.0 * double(done) / double(total))) : what;
}

void DesktopNotifier::updateProgress()
{
    const TransferQueueModel *model = m_scheduler->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const TransferBatch &batch = model->batchAt(row);
        if (batch.state == BatchState::Running && !m_running.contains(batch.id))
            m_running[batch.id].start();
    }
    m_toolTip = progressText(model);
    if (!m_tray)
        return;
    m_tray->setToolTip(m_toolTip);
    m_tray->setVisible(!m_toolTip.isEmpty());
}

void DesktopNotifier::onFinished(qint64 batchId, const JobResult &result, TransferKind kind)
{
    const QElapsedTimer started = m_running.take(batchId);
    const qint64 elapsed = started.isValid() ? started.elapsed() : 0;
    const bool cancelled = !result.ok && result.errorKind == Error::Kind::Cancelled;
    if (!NotifyPolicy::shouldNotify(m_window->isActiveWindow(), kind, elapsed, cancelled))
        return;
    const std::optional<TransferBatch> batch = m_scheduler->batch(batchId);
    const QString volume = batch ? batch->volume.name : QString();
    const QString path = batch && !batch->items.isEmpty() ? batch->items.first().remote : QString();
    QString title, text;
    if (kind == TransferKind::Commit) {
        title = result.ok ? tr("Commit finished") : tr("Commit failed");
        text = result.ok ? tr("The changes to volume \"%1\" are committed.").arg(volume)
                         : tr("The commit to volume \"%1\" failed; see the Transfers panel.").arg(volume);
    } else {
        title = result.ok ? tr("Download finished") : tr("Download failed");
        text = result.ok ? tr("\"%1\" of volume \"%2\" is downloaded.").arg(path, volume)
                         : tr("The download of \"%1\" failed; see the Transfers panel.").arg(path);
    }
    if (m_tray && m_tray->isVisible())
        m_tray->showMessage(title, text, result.ok ? QSystemTrayIcon::Information : QSystemTrayIcon::Warning);
    emit notified(title, text);
}

} // namespace trove::ui
