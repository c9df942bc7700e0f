#include "WatchedFoldersView.h"

#include "AddFolderDialog.h"
#include "VolumeListModel.h"
#include "WatchedFolderModel.h"
#include "WatchedFolders.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyle>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace trove::ui {

namespace {

QPushButton *makeButton(const QString &objectName, const QString &text, const QString &tip, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    button->setAccessibleName(text);
    button->setToolTip(tip);
    return button;
}

} // namespace

WatchedFoldersView::WatchedFoldersView(VolumeListModel *volumes, QWidget *parent)
    : QWidget(parent), m_volumes(volumes), m_folders(new WatchedFolders(this)), m_model(new WatchedFolderModel(m_folders, this))
{
    setObjectName(QStringLiteral("watchedFoldersView"));
    const QString addTip = tr("Keep a local folder in sync with a volume");

    // No folder yet: what watching does, and the way to start.
    m_emptyPage = new QWidget;
    m_emptyPage->setObjectName(QStringLiteral("watchedFoldersEmpty"));
    auto *emptyText = new QLabel(tr("No watched folders. Add a folder to keep it in sync with a volume."));
    emptyText->setObjectName(QStringLiteral("watchedFoldersEmptyText"));
    emptyText->setAlignment(Qt::AlignCenter);
    emptyText->setWordWrap(true);
    m_emptyAdd = makeButton(QStringLiteral("watchedFoldersEmptyAdd"), tr("Add Folder…"), addTip, m_emptyPage);
    auto *emptyLayout = new QVBoxLayout(m_emptyPage);
    emptyLayout->addStretch();
    emptyLayout->addWidget(emptyText);
    emptyLayout->addWidget(m_emptyAdd, 0, Qt::AlignHCenter);
    emptyLayout->addStretch();

    m_listPage = new QWidget;
    m_listPage->setObjectName(QStringLiteral("watchedFoldersPage"));
    m_add = makeButton(QStringLiteral("watchedFoldersAdd"), tr("Add Folder…"), addTip, m_listPage);
    m_pause = makeButton(QStringLiteral("watchedFoldersPause"), tr("Pause"), tr("Stop committing and reloading this folder for now"), m_listPage);
    m_resume = makeButton(QStringLiteral("watchedFoldersResume"), tr("Resume"), tr("Commit what changed meanwhile and keep the folder in sync again"), m_listPage);
    m_remove = makeButton(QStringLiteral("watchedFoldersRemove"), tr("Remove"), tr("Stop watching this folder; its files stay"), m_listPage);
    m_open = makeButton(QStringLiteral("watchedFoldersOpen"), tr("Open Folder"), tr("Show the folder in the file manager"), m_listPage);
    m_add->setIcon(QIcon::fromTheme(QStringLiteral("list-add"), style()->standardIcon(QStyle::SP_FileDialogNewFolder)));
    m_pause->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-pause"), style()->standardIcon(QStyle::SP_MediaPause)));
    m_resume->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-start"), style()->standardIcon(QStyle::SP_MediaPlay)));
    m_remove->setIcon(QIcon::fromTheme(QStringLiteral("list-remove"), style()->standardIcon(QStyle::SP_DialogCloseButton)));
    m_open->setIcon(QIcon::fromTheme(QStringLiteral("folder-open"), style()->standardIcon(QStyle::SP_DirOpenIcon)));
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_add, m_pause, m_resume, m_remove, m_open})
        buttons->addWidget(b);
    buttons->addStretch();

    m_list = new QTreeView;
    m_list->setObjectName(QStringLiteral("watchedFoldersList"));
    m_list->setAccessibleName(tr("Watched folders"));
    m_list->setModel(m_model);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // long folders are elided instead
    // The folder takes the room left by the volume and the state, so no row scrolls sideways.
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(WatchedFolderModel::FolderColumn, QHeaderView::Stretch);
    m_list->setColumnWidth(WatchedFolderModel::VolumeColumn, 250);
    m_list->setColumnWidth(WatchedFolderModel::StateColumn, 300);
    auto *listLayout = new QVBoxLayout(m_listPage);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_list, 1);
    listLayout->addLayout(buttons); // below the list, as in the Transfers panel

    m_pages = new QStackedWidget;
    m_pages->addWidget(m_emptyPage);
    m_pages->addWidget(m_listPage);

    m_bindRow = new QWidget;
    m_bindRow->setObjectName(QStringLiteral("watchedFoldersBinding"));
    m_bindText = new QLabel;
    m_bindText->setObjectName(QStringLiteral("watchedFoldersBindingText"));
    m_bindProgress = new QProgressBar;
    m_bindProgress->setObjectName(QStringLiteral("watchedFoldersBindingProgress"));
    m_bindProgress->setAccessibleName(tr("Binding progress"));
    m_bindProgress->setMaximumWidth(220);
    m_cancelBind = makeButton(QStringLiteral("watchedFoldersCancelBind"), tr("Cancel"), tr("Stop binding the folder"), m_bindRow);
    auto *bindLayout = new QHBoxLayout(m_bindRow);
    bindLayout->setContentsMargins(0, 0, 0, 0);
    bindLayout->addWidget(m_bindText, 1);
    bindLayout->addWidget(m_bindProgress);
    bindLayout->addWidget(m_cancelBind);
    m_bindRow->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_bindRow);

    connect(m_add, &QPushButton::clicked, this, &WatchedFoldersView::addFolder);
    connect(m_emptyAdd, &QPushButton::clicked, this, &WatchedFoldersView::addFolder);
    connect(m_pause, &QPushButton::clicked, this, [this] { m_folders->setPaused(selectedFolder(), true); });
    connect(m_resume, &QPushButton::clicked, this, [this] { m_folders->setPaused(selectedFolder(), false); });
    connect(m_remove, &QPushButton::clicked, this, &WatchedFoldersView::removeSelected);
    auto open = [this] {
        if (!selectedFolder().isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(selectedFolder()));
    };
    connect(m_open, &QPushButton::clicked, this, open);
    connect(m_list, &QTreeView::doubleClicked, this, open);
    connect(m_cancelBind, &QPushButton::clicked, m_folders, &WatchedFolders::cancelBind);
    connect(m_folders, &WatchedFolders::bindProgress, this, &WatchedFoldersView::showBindProgress);
    connect(m_folders, &WatchedFolders::bindFinished, this, &WatchedFoldersView::bindFinished);
    connect(m_folders, &WatchedFolders::failed, this, &WatchedFoldersView::errorOccurred);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &WatchedFoldersView::updatePage);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &WatchedFoldersView::updatePage);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &WatchedFoldersView::updateButtons);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &WatchedFoldersView::updateButtons);
    updatePage();
    m_folders->restore();
}

void WatchedFoldersView::setStore(const QString &storeUrl, std::shared_ptr<Repository> repo)
{
    m_storeUrl = storeUrl;
    m_repo = std::move(repo);
    updateButtons();
}

bool WatchedFoldersView::isBinding() const { return m_folders->isBinding(); }

AddFolderDialog *WatchedFoldersView::addFolder()
{
    if (!m_repo || m_folders->isBinding())
        return nullptr;
    QStringList names;
    for (const VolumeInfo &info : m_volumes->volumes())
        names << info.name;
    auto *dialog = new AddFolderDialog(names, QString(), window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_binding = tr("%1 to volume \"%2\"").arg(QDir::toNativeSeparators(dialog->folder()), dialog->volume());
        showBindProgress(0, 0);
        m_bindRow->show();
        m_folders->bind(m_repo, m_storeUrl, dialog->volume(), dialog->folder(), dialog->remotePath());
        updateButtons();
    });
    dialog->open();
    return dialog;
}

void WatchedFoldersView::removeSelected()
{
    const QString folder = selectedFolder();
    if (folder.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove Watched Folder"),
                                tr("Stop keeping %1 in sync? What changed is committed one last time first. The folder and its files stay on this computer, and the volume keeps its versions.")
                                    .arg(QDir::toNativeSeparators(folder)),
                                QMessageBox::NoButton, window());
    box->setObjectName(QStringLiteral("removeWatchedFolderDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *yes = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    QPushButton *no = box->addButton(QMessageBox::Cancel);
    yes->setAccessibleName(tr("Remove"));
    no->setAccessibleName(tr("Cancel"));
    box->setDefaultButton(no);
    connect(yes, &QPushButton::clicked, this, [this, folder] { m_folders->remove(folder); });
    box->open();
}

QPushButton *WatchedFoldersView::makeShowButton(QDockWidget *dock)
{
    auto *button = makeButton(QStringLiteral("watchedFoldersButton"), tr("Watched Folders"), tr("Folders kept in sync with a volume"), nullptr);
    button->setIcon(QIcon::fromTheme(QStringLiteral("folder-sync"), QApplication::style()->standardIcon(QStyle::SP_DirLinkIcon)));
    connect(button, &QPushButton::clicked, dock, [dock] {
        dock->show();
        dock->raise();
    });
    return button;
}

QString WatchedFoldersView::selectedFolder() const
{
    const QModelIndex current = m_list->currentIndex();
    return current.isValid() ? current.data(WatchedFolderModel::FolderRole).toString() : QString();
}

void WatchedFoldersView::updatePage()
{
    const bool empty = m_model->rowCount() == 0;
    m_pages->setCurrentWidget(empty ? m_emptyPage : m_listPage);
    if (!empty && !m_list->currentIndex().isValid())
        m_list->setCurrentIndex(m_model->index(0, 0));
    updateButtons();
}

void WatchedFoldersView::updateButtons()
{
    const bool canAdd = m_repo && !m_folders->isBinding();
    m_add->setEnabled(canAdd);
    m_emptyAdd->setEnabled(canAdd);
    const QModelIndex current = m_list->currentIndex();
    const bool usable = current.isValid() && !current.data(WatchedFolderModel::RemovingRole).toBool();
    const bool paused = current.data(WatchedFolderModel::PausedRole).toBool();
    m_pause->setEnabled(usable && !paused);
    m_resume->setEnabled(usable && paused);
    m_remove->setEnabled(usable);
    m_open->setEnabled(current.isValid());
}

void WatchedFoldersView::showBindProgress(qint64 done, qint64 total)
{
    m_bindProgress->setRange(0, total > 0 ? int(total) : 0); // busy until the files are counted
    m_bindProgress->setValue(int(done));
    m_bindText->setText(total > 0 ? tr("Binding %1: %2 of %3 files").arg(m_binding).arg(done).arg(total) : tr("Binding %1…").arg(m_binding));
}

void WatchedFoldersView::bindFinished(bool ok, const QString &message)
{
    m_bindRow->hide();
    updateButtons();
    if (!ok) {
        if (!message.isEmpty())
            emit errorOccurred(message);
        return;
    }
    m_list->setCurrentIndex(m_model->index(m_model->rowCount() - 1, 0));
    emit volumesChanged();
}

} // namespace trove::ui
