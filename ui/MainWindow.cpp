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

namespace {

QString shownPath(const QString &path) { return path.isEmpty() ? QStringLiteral("/") : path; }

} // namespace

MainWindow::MainWindow(const QString &storeUrl, QWidget *parent)
    : QMainWindow(parent), m_storeUrl(storeUrl.isEmpty() ? defaultStoreUrl() : storeUrl)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Trove"));
    setAcceptDrops(true);
    m_saver = new PendingSaver(m_storeUrl, this);
    connect(m_saver, &PendingSaver::saveFailed, this, [this] {
        showError(tr("Could not save the pending changes to %1; they are kept while Trove runs. Check that the folder is writable.")
                      .arg(PendingStore::filePath()));
    });
    buildUi();
    connectActions();
    m_autoCommitTimer.setInterval(5000);
    connect(&m_autoCommitTimer, &QTimer::timeout, this, [this] {
        if (!m_pending->isEmpty() && !isCommitting() && !m_readOnly)
            commitNow(tr("Automatic commit"));
    });
    m_actions->commitAutomatically->setChecked(QSettings().value(QStringLiteral("commitAutomatically"), false).toBool());
    updateActions();
    updateStatus();
    WindowLayout::restore(this);
    openStore();
}

MainWindow::~MainWindow()
{
    // The queue's shutdown runs an event loop and reports the jobs it stops: it must go while
    // this window is whole, after the panel that shows it.
    disconnect(m_scheduler, nullptr, this, nullptr);
    delete m_transfersDock;
    delete m_scheduler;
}

void MainWindow::buildUi()
{
    m_actions = new MainActions(this);
    m_actions->install(this);
    m_volumeCommands = new VolumeCommands(this);
    m_fileCommands = new FileCommands(this);
    m_dropStager = new DropStager(this);

    m_volumes = new VolumeListModel(this);
    m_volumeList = new QListView;
    m_volumeList->setObjectName(QStringLiteral("volumeList"));
    m_volumeList->setAccessibleName(tr("Volumes"));
    m_volumeList->setModel(m_volumes);
    m_volumeList->setContextMenuPolicy(Qt::CustomContextMenu);
    m_volumeList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_volumeList->setItemDelegate(new BadgeDelegate(
        [](const QModelIndex &index) {
            QStringList badges{QStringLiteral("v%1").arg(index.data(VolumeListModel::FormatRole).toInt())};
            if (index.data(VolumeListModel::EphemeralRole).toBool())
                badges << tr("ephemeral");
            return badges;
        },
        m_volumeList));
    auto *volumesTitle = new QLabel(tr("Volumes"));
    volumesTitle->setObjectName(QStringLiteral("volumesTitle"));
    volumesTitle->setBuddy(m_volumeList);
    QFont bold = volumesTitle->font();
    bold.setBold(true);
    volumesTitle->setFont(bold);
    auto *sidebar = new QWidget;
    sidebar->setObjectName(QStringLiteral("sidebar"));
    auto *sideLayout = new QVBoxLayout(sidebar);
    sideLayout->setContentsMargins(6, 6, 0, 6);
    m_stores = new StoreSwitcher(m_storeUrl);
    sideLayout->addWidget(m_stores);
    sideLayout->addWidget(volumesTitle);
    sideLayout->addWidget(m_volumeList, 1);

    m_files = new RemoteTreeModel(this);
    m_tree = new RemoteTreeView;
    m_tree->setModel(m_files);
    m_tree->setItemDelegateForColumn(RemoteTreeModel::NameColumn,
                                     new BadgeDelegate(
                                         [](const QModelIndex &index) {
                                             const QString badge = index.data(RemoteTreeModel::BadgeRole).toString();
                                             return badge.isEmpty() ? QStringList() : QStringList{badge};
                                         },
                                         m_tree));
    m_tree->setColumnWidth(RemoteTreeModel::NameColumn, 340); // Size and Modified fit beside the details pane at 1280 px
    m_tree->setColumnWidth(RemoteTreeModel::SizeColumn, 90);
    m_tree->setColumnWidth(RemoteTreeModel::ModifiedColumn, 130);
    m_tree->setColumnWidth(RemoteTreeModel::KindColumn, 160);
    m_filter = new QLineEdit;
    m_filter->setObjectName(QStringLiteral("filterBox"));
    m_filter->setAccessibleName(tr("Filter"));
    m_filter->setPlaceholderText(tr("Filter by name (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filesPage = new QWidget;
    m_filesPage->setObjectName(QStringLiteral("filesPage"));
    auto *filesLayout = new QVBoxLayout(m_filesPage);
    filesLayout->setContentsMargins(0, 6, 6, 6);
    filesLayout->addWidget(m_filter);
    filesLayout->addWidget(m_tree, 1);

    m_welcome = new WelcomePage;
    m_stack = new QStackedWidget;
    m_stack->setObjectName(QStringLiteral("contentStack"));
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_filesPage);

    auto *splitter = new QSplitter;
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(sidebar);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({220, 900});

    m_banner = new ErrorBanner;
    connect(m_banner, &ErrorBanner::actionTriggered, this, [this] {
        if (m_bannerAction)
            m_bannerAction();
    });
    auto *central = new QWidget;
    central->setObjectName(QStringLiteral("central"));
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_banner);
    m_readOnlyBanner = new ErrorBanner;
    m_readOnlyBanner->setObjectName(QStringLiteral("readOnlyBanner"));
    m_readOnlyBanner->setAccessibleName(tr("Read-only store"));
    centralLayout->addWidget(m_readOnlyBanner);
    centralLayout->addWidget(splitter, 1);
    setCentralWidget(central);

    m_pending = new PendingChangesModel(this);
    m_pendingView = new PendingView;
    m_pendingView->setModel(m_pending);
    m_pendingView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_pendingView->addAction(m_actions->discardChange);
    m_pendingDock = addDock(tr("Pending changes"), QStringLiteral("pendingDock"), m_pendingView, Qt::RightDockWidgetArea);
    resizeDocks({m_pendingDock}, {260}, Qt::Horizontal);

    statusBar()->setObjectName(QStringLiteral("statusBar"));
    m_status = new StatusPanel(statusBar());

    m_scheduler = new TransferScheduler(this);
    auto *transfers = new TransferView(m_scheduler);
    transfers->setObjectName(QStringLiteral("transferView"));
    m_transfersDock = addDock(tr("Transfers"), QStringLiteral("transfersDock"), transfers, Qt::BottomDockWidgetArea);
    resizeDocks({m_transfersDock}, {130}, Qt::Vertical); // a few rows; the details pane above needs the height
    m_tree->setTransferScheduler(m_scheduler);
    m_watched = new WatchedFoldersView(m_volumes);
    QDockWidget *watchedDock = addDock(tr("Watched Folders"), QStringLiteral("watchedFoldersDock"), m_watched, Qt::BottomDockWidgetArea);
    tabifyDockWidget(m_transfersDock, watchedDock);
    m_transfersDock->raise(); // the tab shown first
    sideLayout->addWidget(WatchedFoldersView::makeShowButton(watchedDock));

    DetailsPane::install(this);
    m_head = new HeadWatcher(this);
    new DesktopNotifier(this, m_scheduler);
    resize(1280, 800);
}

QDockWidget *MainWindow::addDock(const QString &title, const QString &objectName, QWidget *content, Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setAccessibleName(title);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    dock->setWidget(content);
    addDockWidget(area, dock);
    m_actions->viewMenu()->addAction(dock->toggleViewAction()); // View ▸ Pending changes, Transfers
    return dock;
}

void MainWindow::connectActions()
{
    MainActions *a = m_actions;
    connect(a->newVolume, &QAction::triggered, m_volumeCommands, &VolumeCommands::create);
    using VolumeCommand = void (VolumeCommands::*)(const VolumeInfo &);
    for (const auto &[action, command] : {std::pair<QAction *, VolumeCommand>{a->renameVolume, &VolumeCommands::rename},
                                          {a->forkVolume, &VolumeCommands::fork}, {a->deleteVolume, &VolumeCommands::remove}})
        connect(action, &QAction::triggered, this, [this, command = command] {
            if (m_current)
                (m_volumeCommands->*command)(m_current->info());
        });
    connect(m_volumeCommands, &VolumeCommands::done, this, &MainWindow::loadVolumes);
    connect(m_volumeCommands, &VolumeCommands::failed, this, [this](const QString &message) {
        m_dropAfterCreate.clear();
        showError(message);
    });
    connect(a->commit, &QAction::triggered, this, &MainWindow::askCommit);
    connect(a->reload, &QAction::triggered, this, &MainWindow::reload);
    connect(a->history, &QAction::triggered, this, &MainWindow::openHistory);
    connect(a->uploadFiles, &QAction::triggered, m_fileCommands, &FileCommands::uploadFiles);
    connect(a->uploadFolder, &QAction::triggered, m_fileCommands, &FileCommands::uploadFolder);
    connect(a->download, &QAction::triggered, m_fileCommands, &FileCommands::download);
    connect(a->newFolder, &QAction::triggered, m_fileCommands, &FileCommands::newFolder);
    connect(a->rename, &QAction::triggered, m_fileCommands, &FileCommands::rename);
    connect(a->copy, &QAction::triggered, m_fileCommands, &FileCommands::copy);
    connect(a->remove, &QAction::triggered, this, [this] { stageRemove(selectedPaths()); });
    connect(a->filter, &QAction::triggered, this, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    connect(a->quit, &QAction::triggered, this, &QWidget::close);
    connect(a->retryListing, &QAction::triggered, this, [this] { m_files->retry(m_tree->currentIndex()); });
    connect(a->discardChange, &QAction::triggered, this, [this] { m_pending->removeAt(m_pendingView->currentIndex().row()); });
    connect(a->about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Trove"), tr("Trove %1: versioned volumes for model weights and datasets.").arg(QApplication::applicationVersion()));
    });
    connect(a->commitAutomatically, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("commitAutomatically"), on);
        if (on)
            m_autoCommitTimer.start();
        else
            m_autoCommitTimer.stop();
    });

    connect(m_volumeList->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (current.isValid() && (!m_current || m_current->info().id != current.data(VolumeListModel::IdRole).toString()))
            showVolume(m_volumes->volumes().at(current.row()));
    });
    connect(m_volumeList, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        m_actions->fillVolumeContextMenu(&menu);
        menu.exec(m_volumeList->viewport()->mapToGlobal(pos));
    });
    connect(m_tree, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        m_actions->fillFileContextMenu(&menu);
        menu.exec(m_tree->viewport()->mapToGlobal(pos));
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    connect(m_filter, &QLineEdit::textChanged, m_tree, &RemoteTreeView::setFilterText);
    connect(m_files, &RemoteTreeModel::urlsDropped, this, &MainWindow::stageUrls);
    connect(m_dropStager, &DropStager::staged, this, &MainWindow::onDropStaged);
    connect(m_dropStager, &DropStager::failed, this, [this](const QString &message) { showError(message); });
    connect(m_files, &RemoteTreeModel::entriesDropped, this, &MainWindow::moveEntries);
    connect(m_files, &RemoteTreeModel::directoryLoaded, this, [this](const QString &path) {
        for (const QString &open : std::as_const(m_reexpand)) {
            if (remotepath::parentOf(open) == path || (path.isEmpty() && !open.contains(QLatin1Char('/')))) {
                m_tree->expand(m_files->indexForPath(open));
                m_reexpand.remove(open);
            }
        }
        updateStatus();
    });
    connect(m_files, &RemoteTreeModel::directoryFailed, this, [this](const QString &path, const QString &message) {
        showError(tr("Could not list folder \"%1\" of volume \"%2\": %3 Choose Retry Listing from its context menu to try again.")
                      .arg(shownPath(path), m_current ? m_current->name() : QString(), message));
    });
    connect(m_welcome, &WelcomePage::newVolumeRequested, m_volumeCommands, &VolumeCommands::create);
    connect(m_welcome, &WelcomePage::urlsDropped, this, &MainWindow::dropUrls);
    connect(m_pending, &PendingChangesModel::changed, this, &MainWindow::onPendingChanged);
    connect(m_head, &HeadWatcher::headChanged, this, &MainWindow::onHeadChanged);
    connect(m_scheduler, &TransferScheduler::commitFinished, this, &MainWindow::onCommitFinished);
    connect(m_scheduler, &TransferScheduler::totalsChanged, m_status, &StatusPanel::setTransfers);
    connect(m_scheduler, &TransferScheduler::downloadFinished, this, [this](qint64 batchId, const JobResult &result) {
        const std::optional<TransferBatch> batch = m_scheduler->batch(batchId);
        const QString path = batch && !batch->items.isEmpty() ? batch->items.first().remote : QString();
        if (result.ok)
            statusBar()->showMessage(tr("Downloaded %1").arg(shownPath(path)), 5000);
        else if (result.errorKind != Error::Kind::Cancelled)
            showError(describeError(result.errorKind, result.error,
                                    tr("Could not download \"%1\" from volume \"%2\"; retry it in the Transfers panel.")
                                        .arg(shownPath(path), batch ? batch->volume.name : QString())));
    });
    connect(m_head, &HeadWatcher::failed, m_status, &StatusPanel::setUnreachable);
    connect(m_watched, &WatchedFoldersView::errorOccurred, this, [this](const QString &message) {
        m_folderError = message;
        showError(message);
    });
    connect(m_watched, &WatchedFoldersView::volumesChanged, this, [this] { loadVolumes(); });
    connect(m_stores, &StoreSwitcher::storeChosen, this, &MainWindow::switchStore);
}

void MainWindow::setHeadPollInterval(int ms) { m_head->setInterval(ms); }

QString MainWindow::bannerText() const { return m_banner->message(); }

QString MainWindow::readOnlyText() const { return m_readOnlyBanner->message(); }

QString MainWindow::behindText() const { return m_status->behindText(); }

void MainWindow::showError(const QString &message, const QString &actionText, std::function<void()> action)
{
    m_bannerAction = std::move(action);
    m_banner->showMessage(message, actionText);
}

void MainWindow::openStore()
{
    m_status->setStoreText(tr("Opening %1…").arg(m_storeUrl));
    m_welcome->setText(tr("Opening the store…"), m_storeUrl, false);
    runAsync(this,
             [url = m_storeUrl] {
                 std::shared_ptr<Repository> repo = openRepository(url);
                 repo->setLimits(TransferLimits::fromEnvironment()); // TROVE_TRANSFERS, TROVE_BANDWIDTH, as for trove-cli
                 QList<VolumeInfo> volumes = Volume::list(repo);
                 return std::make_tuple(repo, volumes, StoreAccess::isWritable(*repo));
             },
             [this, url = m_storeUrl](const Result<std::tuple<std::shared_ptr<Repository>, QList<VolumeInfo>, bool>> &result) {
                 if (url != m_storeUrl)
                     return; // another store was chosen meanwhile
                 m_stores->setReachable(url, result.ok(), result.error);
                 if (!result.ok()) {
                     m_status->setStoreText(tr("No store"));
                     m_welcome->setText(tr("The store could not be opened"), m_storeUrl, false);
                     showError(describeError(result.errorKind, result.error, tr("Could not open the store at %1.").arg(m_storeUrl)), tr("Retry"),
                               [this] { openStore(); });
                     return;
                 }
                 const auto &[repo, volumes, writable] = *result.value;
                 m_repo = repo;
                 m_volumeCommands->setRepository(m_repo);
                 m_scheduler->setRepository(m_storeUrl, m_repo);
                 m_tree->setStoreUrl(m_storeUrl);
                 m_watched->setStore(m_storeUrl, m_repo);
                 if (m_banner->message() != m_folderError)
                     m_banner->hide();
                 setStoreReadOnly(!writable);
                 m_volumes->setVolumes(volumes);
                 const QString last = QSettings().value(QStringLiteral("lastVolume/") + m_storeUrl).toString();
                 m_selectAfterLoad = m_volumes->rowOf(last) >= 0 ? last : QString();
                 loadVolumes(m_selectAfterLoad);
             });
}

// Pending changes are saved per store and volume already, and come back with the volume.
void MainWindow::switchStore(const QString &url)
{
    if (url == m_storeUrl)
        return;
    m_storeUrl = url;
    m_repo.reset();
    m_current.reset(); // first, so the emptied pending list is not saved as the volume's
    m_head->stop();
    m_saver->setStoreUrl(url);
    m_pending->setChanges({});
    m_files->setVolume(std::nullopt);
    m_volumes->setVolumes({});
    m_stack->setCurrentWidget(m_welcome);
    openStore();
}

void MainWindow::loadVolumes(const QString &select)
{
    if (!m_repo)
        return;
    runAsync(this, [repo = m_repo] { return Volume::list(repo); }, [this, select](const Result<QList<VolumeInfo>> &result) {
        if (!result.ok()) {
            showError(describeError(result.errorKind, result.error, tr("Could not list the volumes of %1.").arg(m_storeUrl)), tr("Retry"),
                      [this, select] { loadVolumes(select); });
            return;
        }
        const QString keep = !select.isEmpty() ? select : m_current ? m_current->name() : QString();
        m_volumes->setVolumes(*result.value);
        if (m_volumes->rowCount() == 0) {
            m_current.reset();
            m_files->setVolume(std::nullopt);
            m_head->stop();
            m_status->setStoreText(tr("Store: %1").arg(m_storeUrl));
            m_welcome->setText(tr("Create a volume, or drop files here to make one"),
                               tr("A volume is a versioned folder: every commit is a version you can go back to."));
            m_stack->setCurrentWidget(m_welcome);
            updateActions();
            updateStatus();
            return;
        }
        const int row = std::max(0, m_volumes->rowOf(keep));
        m_volumeList->setCurrentIndex(m_volumes->index(row));
        const VolumeInfo &info = m_volumes->volumes().at(row);
        if (!m_current || m_current->info().id != info.id)
            showVolume(info);
    });
}

void MainWindow::selectVolume(const QString &name)
{
    const int row = m_volumes->rowOf(name);
    if (row >= 0)
        m_volumeList->setCurrentIndex(m_volumes->index(row));
}

void MainWindow::showVolume(const VolumeInfo &info)
{
    const quint64 request = ++m_volumeRequest;
    QSettings().setValue(QStringLiteral("lastVolume/") + m_storeUrl, info.name);
    runAsync(this,
             [repo = m_repo, info, url = m_storeUrl] {
                 Volume volume = Volume::fromName(info.name, {}, repo);
                 return std::make_pair(std::make_shared<Volume>(volume), PendingStore::load(url, info.id));
             },
             [this, request, info](const Result<std::pair<std::shared_ptr<Volume>, QList<PendingChange>>> &result) {
                 if (request != m_volumeRequest)
                     return; // another volume was picked meanwhile
                 if (!result.ok()) {
                     showError(describeError(result.errorKind, result.error, tr("Could not open volume \"%1\".").arg(info.name)), tr("Retry"),
                               [this, info] { showVolume(info); });
                     return;
                 }
                 m_reexpand.clear();
                 applyVolume(*result.value->first, result.value->second, {});
                 m_head->watch(m_repo, info);
             });
}

void MainWindow::applyVolume(Volume volume, const QList<PendingChange> &pending, const QSet<QString> &changed)
{
    const bool sameVolume = m_current && m_current->info().id == volume.info().id;
    m_current = volume;
    m_files->setVolume(volume);
    m_files->setChangedPaths(changed);
    if (!sameVolume)
        m_pending->setChanges(pending);
    else
        m_files->setBadges(m_pending->badges());
    m_headVersion = std::max(m_headVersion, volume.version());
    m_stack->setCurrentWidget(m_filesPage);
    m_tree->setFilterText(m_filter->text());
    updateActions();
    updateStatus();
    if (!m_dropAfterCreate.isEmpty())
        stageUrls(std::exchange(m_dropAfterCreate, {}), QString());
    emit volumeShown(volume.name(), volume.version());
}

void MainWindow::onHeadChanged(qint64 head)
{
    m_headVersion = head;
    updateStatus();
}

void MainWindow::onPendingChanged()
{
    m_files->setBadges(m_pending->badges());
    savePending();
    updateActions();
    updateStatus();
}

void MainWindow::savePending()
{
    if (m_current)
        m_saver->save(m_current->info().id, m_pending->changes());
}

void MainWindow::updateStatus()
{
    if (m_current)
        m_status->setVolume(m_current->name(), m_current->version(), m_headVersion);
    else
        m_status->clearVolume();
    const int pending = int(m_pending->changes().size());
    m_status->setPending(pending, m_resolving);
    m_pendingDock->setWindowTitle(pending > 0 ? tr("Pending changes (%1)").arg(pending) : tr("Pending changes"));
}

void MainWindow::updateActions()
{
    m_actions->update({m_repo != nullptr, m_readOnly, m_current.has_value(), int(selectedPaths().size()), !m_pending->isEmpty(), m_resolving});
}

void MainWindow::setStoreReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_files->setReadOnly(readOnly); // the tree takes no drops
    if (readOnly)
        m_readOnlyBanner->showMessage(tr("Store %1 is read-only: browsing and downloads work; uploads, commits and deletes are disabled.").arg(m_storeUrl));
    else
        m_readOnlyBanner->hide();
    updateActions();
}

QStringList MainWindow::selectedPaths() const
{
    QStringList paths;
    for (const QModelIndex &index : m_tree->selectionModel()->selectedRows())
        paths << index.data(RemoteTreeModel::PathRole).toString();
    return paths;
}

bool MainWindow::isDirPath(const QString &path) const
{
    const QModelIndex index = m_files->indexForPath(path);
    return !index.isValid() || index.data(RemoteTreeModel::IsDirRole).toBool();
}

QString MainWindow::selectedFolder() const
{
    const QModelIndex index = m_tree->currentIndex();
    if (!index.isValid() || !m_tree->selectionModel()->isSelected(index))
        return {};
    const QString path = index.data(RemoteTreeModel::PathRole).toString();
    return index.data(RemoteTreeModel::IsDirRole).toBool() ? path : remotepath::parentOf(path);
}

// --- staging ---

void MainWindow::askCommit()
{
    if (!m_current || m_pending->isEmpty() || m_resolving)
        return;
    QStringList lines;
    for (const PendingChange &c : m_pending->changes())
        lines << c.describe();
    CommitDialog dialog(m_current->name(), lines, this);
    if (dialog.exec() == QDialog::Accepted)
        commitNow(dialog.message());
}

void MainWindow::commitNow(const QString &message)
{
    if (!m_current || m_pending->isEmpty() || m_resolving)
        return;
    m_resolving = true;
    updateActions();
    updateStatus();
    const QList<PendingChange> changes = m_pending->changes();
    const VolumeInfo info = m_current->info();
    const int count = int(changes.size());
    // Steps are resolved on a worker (a restore reads an old version); the queue builds the
    // job on the GUI thread. Once queued, the changes belong to the transfer queue, which
    // keeps them across restarts: they leave the pending list.
    runAsync(this, [repo = m_repo, changes, info] { return PendingChange::toSteps(changes, *repo, info); },
             [this, info, count, message](const Result<QList<Step>> &result) {
                 m_resolving = false;
                 if (!result.ok()) {
                     const QString context = tr("Could not commit to volume \"%1\"; the changes are still pending.").arg(info.name);
                     showError(describeError(result.errorKind, result.error, context));
                     m_quitAfterCommit = false;
                     updateActions();
                     updateStatus();
                     emit commitFinished(false);
                     return;
                 }
                 m_commitBatches.insert(m_scheduler->enqueueCommit(info, *result.value, message), info.id);
                 if (m_current && m_current->info().id == info.id)
                     m_pending->removeFirst(count);
                 statusBar()->showMessage(tr("Committing to %1…").arg(info.name));
                 updateActions();
                 updateStatus();
             });
}

void MainWindow::onCommitFinished(qint64 batchId, const JobResult &result)
{
    const std::optional<TransferBatch> batch = m_scheduler->batch(batchId);
    const bool ours = m_commitBatches.remove(batchId) > 0;
    const QString volumeId = batch ? batch->volume.id : QString();
    const bool shown = m_current && m_current->info().id == volumeId;
    if (!result.ok) {
        if (StoreAccess::isRefusedWrite(result.errorKind, result.error))
            setStoreReadOnly(true); // found by the write, as on S3; the batch waits in the panel
        if (result.errorKind != Error::Kind::Cancelled) {
            const QString context = tr("Could not commit to volume \"%1\"; the changes wait in the Transfers panel.")
                                        .arg(batch ? batch->volume.name : QString());
            showError(describeError(result.errorKind, result.error, context), tr("Retry"), [this, batchId] { m_scheduler->retry(batchId); });
        }
        m_quitAfterCommit = false;
    } else if (shown) {
        statusBar()->showMessage(tr("Committed version %1").arg(result.record.version), 5000);
        reload();
    }
    updateActions();
    updateStatus();
    if (ours)
        emit commitFinished(result.ok);
    if (result.ok && m_quitAfterCommit && !isCommitting())
        close();
}

void MainWindow::reload()
{
    if (!m_current)
        return;
    // Folders open now open again once the new version lists them.
    m_reexpand.clear();
    const QModelIndexList persistent = m_files->match(m_files->index(0, 0), RemoteTreeModel::IsDirRole, true, -1, Qt::MatchRecursive);
    for (const QModelIndex &index : persistent)
        if (m_tree->isExpanded(index))
            m_reexpand.insert(index.data(RemoteTreeModel::PathRole).toString());
    const quint64 request = ++m_volumeRequest;
    const Volume old = *m_current;
    runAsync(this,
             [old]() mutable {
                 Volume fresh = old;
                 fresh.reload();
                 QSet<QString> changed;
                 if (old.version() > 0 && fresh.version() != old.version()) {
                     for (const DiffEntry &e : fresh.diff(old.version(), fresh.version())) {
                         for (QString p = e.path; !p.isEmpty(); p = remotepath::parentOf(p))
                             changed.insert(p);
                     }
                 }
                 return std::make_pair(std::make_shared<Volume>(fresh), changed);
             },
             [this, request](const Result<std::pair<std::shared_ptr<Volume>, QSet<QString>>> &result) {
                 if (request != m_volumeRequest || !m_current)
                     return;
                 if (!result.ok()) {
                     showError(describeError(result.errorKind, result.error, tr("Could not reload volume \"%1\".").arg(m_current->name())), tr("Retry"),
                               [this] { reload(); });
                     return;
                 }
                 const qint64 before = m_current->version();
                 applyVolume(*result.value->first, {}, result.value->second);
                 statusBar()->showMessage(result.value->first->version() == before ? tr("Reloaded: version %1 is the newest").arg(before)
                                                                                   : tr("Reloaded: now at version %1").arg(result.value->first->version()),
                                          5000);
             });
}

HistoryDialog *MainWindow::openHistory()
{
    if (!m_current)
        return nullptr;
    auto *dialog = new HistoryDialog(*m_current, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &HistoryDialog::restoreRequested, this, &MainWindow::stageRestore);
    dialog->show();
    return dialog;
}

// --- window events ---

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (isCommitting()) {
        m_quitAfterCommit = true;
        statusBar()->showMessage(tr("Trove closes when the commit finishes"));
        event->ignore();
        return;
    }
    if (!m_pending->isEmpty() && !m_quitAfterCommit) {
        switch (QuitDialog::ask(this, m_current ? m_current->name() : QString(), int(m_pending->changes().size()))) {
        case QuitDialog::Answer::Cancel:
            event->ignore();
            return;
        case QuitDialog::Answer::Commit:
            m_quitAfterCommit = true;
            commitNow(QString());
            event->ignore();
            return;
        case QuitDialog::Answer::Discard:
            if (m_current) // written now: the process is about to end
                PendingStore::save(m_storeUrl, m_current->info().id, {});
            break;
        case QuitDialog::Answer::Keep: // saved already, at every change
            break;
        }
    }
    WindowLayout::save(this);
    event->accept();
}

} // namespace trove::ui
