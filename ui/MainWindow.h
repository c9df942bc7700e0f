#pragma once

#include "Jobs.h"
#include "PendingChange.h"
#include "Volume.h"

#include <QMainWindow>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>
#include <memory>
#include <optional>

class QDockWidget;
class QLineEdit;
class QListView;
class QStackedWidget;

namespace trove::ui {

class DropStager;
class ErrorBanner;
class FileCommands;
class HeadWatcher;
class HistoryDialog;
class MainActions;
class PendingChangesModel;
class PendingSaver;
class PendingView;
class RemoteTreeModel;
class RemoteTreeView;
class StatusPanel;
class StoreSwitcher;
class TransferScheduler;
class VolumeCommands;
class VolumeListModel;
class WatchedFoldersView;
class WelcomePage;

// The main window: volumes on the left, the shown version's files on the right, pending
// changes in a dock, and a status bar that says how far the shown version is behind the
// store. Every engine call runs on EnginePool or in a job; the window never waits on them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const QString &storeUrl, QWidget *parent = nullptr);
    ~MainWindow() override;

    // For tests and the screenshot mode: the parts a user sees.
    VolumeListModel *volumeModel() const { return m_volumes; }
    RemoteTreeModel *fileModel() const { return m_files; }
    RemoteTreeView *fileView() const { return m_tree; }
    PendingChangesModel *pendingModel() const { return m_pending; }
    const std::optional<Volume> &currentVolume() const { return m_current; }
    qint64 headVersion() const { return m_headVersion; }
    QString bannerText() const;
    QString behindText() const;
    // A commit is being prepared, or one this window queued has not finished.
    bool isCommitting() const { return m_resolving || !m_commitBatches.isEmpty(); }
    TransferScheduler *scheduler() const { return m_scheduler; }
    bool isStoreOpen() const { return m_repo != nullptr; }
    bool isStoreReadOnly() const { return m_readOnly; }
    QString readOnlyText() const;
    void setHeadPollInterval(int ms);

    void selectVolume(const QString &name);
    // Shows another store; it opens on EnginePool, and the window stays usable meanwhile.
    void switchStore(const QString &url);
    QString storeUrl() const { return m_storeUrl; }
    StoreSwitcher *storeSwitcher() const { return m_stores; }
    // Stages local files or folders into folder `directory` of the shown volume: what a
    // drop or an upload does. Names the folder holds already are asked about (DropStager).
    void stageUrls(const QList<QUrl> &urls, const QString &directory);
    // Files dropped on the window: into the root of the shown volume, or, when the store has
    // no volume, into a new volume named after the first of them.
    void dropUrls(const QList<QUrl> &urls);
    void stageRestore(const QString &path, bool isDir, qint64 fromVersion);
    void stageRemove(const QStringList &paths);
    void stageNewFolder(const QString &path);
    void stageMove(const QString &source, const QString &target, bool copy);
    // Commits the pending changes as one version, without asking for a message.
    void commitNow(const QString &message);
    void reload();
    HistoryDialog *openHistory(); // nullptr when no volume is shown

    QString selectedFolder() const; // where uploads and new folders go
    QStringList selectedPaths() const;
    bool isDirPath(const QString &path) const;
    void showError(const QString &message, const QString &actionText = {}, std::function<void()> action = {});

signals:
    void volumeShown(const QString &name, qint64 version);
    void commitFinished(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildUi();
    QDockWidget *addDock(const QString &title, const QString &objectName, QWidget *content, Qt::DockWidgetArea area);
    void connectActions();
    void openStore();
    void loadVolumes(const QString &select = {});
    void showVolume(const VolumeInfo &info);
    void applyVolume(Volume volume, const QList<PendingChange> &pending, const QSet<QString> &changed);
    void addPending(const QList<PendingChange> &changes);
    void onDropStaged(const QString &volumeId, const QList<PendingChange> &changes);
    void savePending();
    void onPendingChanged();
    void onHeadChanged(qint64 head);
    void onCommitFinished(qint64 batchId, const JobResult &result);
    void askCommit();
    void updateActions();
    // Shows or hides the read-only banner and turns the actions that write off or on.
    void setStoreReadOnly(bool readOnly);
    void updateStatus();
    void createVolumeFromDrop(const QList<QUrl> &urls);
    void moveEntries(const QStringList &paths, const QString &directory, bool copy);

    QString m_storeUrl;
    std::shared_ptr<Repository> m_repo;
    std::optional<Volume> m_current;
    qint64 m_headVersion = 0;
    quint64 m_volumeRequest = 0;
    QString m_selectAfterLoad;
    QList<QUrl> m_dropAfterCreate;

    MainActions *m_actions = nullptr;
    VolumeCommands *m_volumeCommands = nullptr;
    FileCommands *m_fileCommands = nullptr;
    StoreSwitcher *m_stores = nullptr;
    DropStager *m_dropStager = nullptr;
    VolumeListModel *m_volumes = nullptr;
    QListView *m_volumeList = nullptr;
    RemoteTreeModel *m_files = nullptr;
    RemoteTreeView *m_tree = nullptr;
    PendingChangesModel *m_pending = nullptr;
    PendingView *m_pendingView = nullptr;
    QDockWidget *m_pendingDock = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_filesPage = nullptr;
    WelcomePage *m_welcome = nullptr;
    QLineEdit *m_filter = nullptr;
    ErrorBanner *m_banner = nullptr;
    ErrorBanner *m_readOnlyBanner = nullptr; // stays while the store is read-only, apart from errors
    bool m_readOnly = false;
    std::function<void()> m_bannerAction;
    // A watched folder's last error: opening the store clears the banner but not this, which
    // may come first (watched folders open their own stores).
    QString m_folderError;
    StatusPanel *m_status = nullptr;
    HeadWatcher *m_head = nullptr;
    QTimer m_autoCommitTimer;
    bool m_resolving = false;                 // a commit's steps are being resolved
    QHash<qint64, QString> m_commitBatches;   // queued commits of this window: batch -> volume id
    TransferScheduler *m_scheduler = nullptr;
    QDockWidget *m_transfersDock = nullptr;
    PendingSaver *m_saver = nullptr;
    WatchedFoldersView *m_watched = nullptr;
    bool m_quitAfterCommit = false;
    QSet<QString> m_reexpand; // folders to open again once a reload lists them
};

} // namespace trove::ui
