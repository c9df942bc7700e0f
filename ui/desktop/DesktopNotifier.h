#pragma once

#include "transfers/TransferBatch.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <memory>

class QSystemTrayIcon;
class QWidget;

namespace trove {
struct JobResult;
}

namespace trove::ui {

class TransferQueueModel;
class TransferScheduler;

// When a finished transfer is worth a desktop notification: a commit, or a download that
// took longer than LongTransferMs, ended while the user was looking elsewhere.
struct NotifyPolicy
{
    static constexpr qint64 LongTransferMs = 10000;
    static bool shouldNotify(bool windowActive, TransferKind kind, qint64 elapsedMs, bool cancelled);
};

// The app as a desktop citizen: a tray icon with the transfers' progress while they run
// (hidden otherwise), and a notification through it when a transfer ends as NotifyPolicy
// says. Without a system tray (a bare X server) it shows nothing and reports no error.
class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    DesktopNotifier(QWidget *window, TransferScheduler *scheduler);
    ~DesktopNotifier() override;

    // "Uploading 3 files — 45%"; empty when nothing is queued or running.
    static QString progressText(const TransferQueueModel *model);
    QString trayToolTip() const { return m_toolTip; }
    bool trayShown() const { return !m_toolTip.isEmpty(); }

signals:
    void notified(const QString &title, const QString &text); // also without a tray

private:
    void updateProgress();
    void onFinished(qint64 batchId, const trove::JobResult &result, TransferKind kind);

    QWidget *m_window;
    TransferScheduler *m_scheduler;
    std::unique_ptr<QSystemTrayIcon> m_tray; // null without a system tray
    QString m_toolTip;
    QHash<qint64, QElapsedTimer> m_running; // since each batch was first seen running
};

} // namespace trove::ui
