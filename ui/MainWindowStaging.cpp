// MainWindow, the part that stages changes: uploads and drops, removals, new folders, restores,
// moves and copies, each listed as pending until Commit.
#include "MainWindow.h"

#include "Async.h"
#include "BadgeDelegate.h"
#include "CommitDialog.h"
#include "DesktopNotifier.h"
#include "DetailsPane.h"
#include "dnd/DropStager.h"
#include "ErrorBanner.h"
#include "ErrorText.h"
#include "FileCommands.h"
#include "HeadWatcher.h"
#include "HistoryDialog.h"
#include "MainActions.h"
#include "PendingChangesModel.h"
#include "PendingSaver.h"
#include "PendingStore.h"
#include "RemotePath.h"
#include "RemoteTreeModel.h"
#include "RemoteTreeView.h"
#include "PendingView.h"
#include "QuitDialog.h"
#include "StatusPanel.h"
#include "StoreSwitcher.h"
#include "StoreAccess.h"
#include "transfers/TransferScheduler.h"
#include "transfers/TransferView.h"
#include "Repository.h"
#include "StoreUrl.h"
#include "TransferLimits.h"
#include "VolumeCommands.h"
#include "VolumeListModel.h"
#include "WatchedFoldersView.h"
#include "WindowLayout.h"
#include "WelcomePage.h"
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace trove::ui {

void MainWindow::addPending(const QList<PendingChange> &changes)
{
    m_pending->add(changes);
    statusBar()->showMessage(tr("%n change(s) staged; press Commit to make a version", nullptr, int(changes.size())), 5000);
}

void MainWindow::stageUrls(const QList<QUrl> &urls, const QString &directory)
{
    if (m_current)
        m_dropStager->stage(*m_current, urls, directory, m_files->loadedNames(directory));
}

void MainWindow::onDropStaged(const QString &volumeId, const QList<PendingChange> &changes)
{
    if (!m_current || m_current->info().id != volumeId)
        return; // another volume is shown now
    if (changes.isEmpty())
        statusBar()->showMessage(tr("Nothing staged: every dropped name was skipped"), 5000);
    else
        addPending(changes);
}

void MainWindow::stageRemove(const QStringList &paths)
{
    QList<PendingChange> changes;
    for (const QString &path : paths) {
        PendingChange c;
        c.op = PendingChange::Op::Remove;
        c.remote = path;
        c.isDir = isDirPath(path);
        changes << c;
    }
    addPending(changes);
}

void MainWindow::stageNewFolder(const QString &path)
{
    PendingChange c;
    c.op = PendingChange::Op::NewFolder;
    c.remote = path;
    c.isDir = true;
    addPending({c});
}

void MainWindow::stageRestore(const QString &path, bool isDir, qint64 fromVersion)
{
    if (path.isEmpty())
        return;
    PendingChange c;
    c.op = PendingChange::Op::Restore;
    c.remote = path;
    c.isDir = isDir;
    c.fromVersion = fromVersion;
    addPending({c});
}

void MainWindow::stageMove(const QString &source, const QString &target, bool copy)
{
    if (target == source || target.startsWith(source + QLatin1Char('/')))
        return; // onto itself or into itself
    PendingChange c;
    c.op = copy ? PendingChange::Op::Copy : PendingChange::Op::Move;
    c.source = source;
    c.remote = target;
    c.isDir = isDirPath(source);
    addPending({c});
}

void MainWindow::moveEntries(const QStringList &paths, const QString &directory, bool copy)
{
    for (const QString &path : paths)
        stageMove(path, remotepath::join(directory, remotepath::nameOf(path)), copy);
}

void MainWindow::createVolumeFromDrop(const QList<QUrl> &urls)
{
    if (!m_repo || urls.isEmpty())
        return;
    // The new volume is named after the first dropped item, as a folder dropped on an empty
    // file manager window would be.
    QString name = QFileInfo(urls.first().toLocalFile()).completeBaseName();
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
    if (name.isEmpty() || name.startsWith(QLatin1Char('.')))
        name = QStringLiteral("volume");
    m_dropAfterCreate = urls;
    m_volumeCommands->createNamed(name, 2);
}

// --- commit and reload ---

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() && m_repo && !m_readOnly)
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QList<QUrl> urls;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            urls << url;
    if (urls.isEmpty())
        return;
    event->acceptProposedAction();
    dropUrls(urls);
}

void MainWindow::dropUrls(const QList<QUrl> &urls)
{
    if (m_readOnly)
        return;
    if (m_current)
        stageUrls(urls, QString());
    else if (m_volumes->rowCount() == 0)
        createVolumeFromDrop(urls);
}

} // namespace trove::ui
