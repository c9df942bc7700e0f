#include "MainActions.h"

#include <QAction>
#include <QApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QStyle>
#include <QToolBar>

namespace trove::ui {

MainActions::MainActions(QMainWindow *window) : QObject(window), m_window(window)
{
    const int none = -1;
    newVolume = make(QStringLiteral("newVolumeAction"), tr("New Volume…"), QStringLiteral("folder-new"), QStyle::SP_FileDialogNewFolder,
                     tr("Create an empty volume"));
    renameVolume = make(QStringLiteral("renameVolumeAction"), tr("Rename Volume…"), QStringLiteral("edit-rename"), none, tr("Give the selected volume another name"));
    forkVolume = make(QStringLiteral("forkVolumeAction"), tr("Fork Volume…"), QStringLiteral("edit-copy"), none,
                      tr("Make a new volume from the newest version of this one, without copying data"));
    deleteVolume = make(QStringLiteral("deleteVolumeAction"), tr("Delete Volume…"), QStringLiteral("edit-delete"), QStyle::SP_TrashIcon,
                        tr("Delete the selected volume and all its versions"));
    commit = make(QStringLiteral("commitAction"), tr("Commit"), QStringLiteral("document-save"), QStyle::SP_DialogSaveButton,
                  tr("Make the pending changes one new version (Ctrl+Return)"));
    commit->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    reload = make(QStringLiteral("reloadAction"), tr("Reload"), QStringLiteral("view-refresh"), QStyle::SP_BrowserReload,
                  tr("Show the newest version; pending changes are kept (F5)"));
    reload->setShortcut(QKeySequence(Qt::Key_F5));
    commitAutomatically = make(QStringLiteral("commitAutomaticallyAction"), tr("Commit Automatically"), {}, none,
                               tr("Commit pending changes every few seconds"));
    commitAutomatically->setCheckable(true);
    history = make(QStringLiteral("historyAction"), tr("History"), QStringLiteral("document-open-recent"), QStyle::SP_FileDialogContentsView,
                   tr("Versions of this volume: browse, compare and restore"));
    history->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    uploadFiles = make(QStringLiteral("uploadFilesAction"), tr("Upload Files…"), QStringLiteral("document-open"), QStyle::SP_ArrowUp,
                       tr("Add local files to the selected folder"));
    uploadFiles->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    uploadFolder = make(QStringLiteral("uploadFolderAction"), tr("Upload Folder…"), QStringLiteral("folder-open"), QStyle::SP_DirOpenIcon,
                        tr("Add a local folder to the selected folder"));
    download = make(QStringLiteral("downloadAction"), tr("Download…"), QStringLiteral("document-save-as"), QStyle::SP_ArrowDown,
                    tr("Save the selected files or folders to this computer"));
    download->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    newFolder = make(QStringLiteral("newFolderAction"), tr("New Folder"), QStringLiteral("folder-new"), QStyle::SP_FileDialogNewFolder,
                     tr("Add an empty folder in the selected folder"));
    newFolder->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    rename = make(QStringLiteral("renameAction"), tr("Rename"), QStringLiteral("edit-rename"), none, tr("Rename the selected file or folder (F2)"));
    rename->setShortcut(QKeySequence(Qt::Key_F2));
    remove = make(QStringLiteral("deleteAction"), tr("Delete"), QStringLiteral("edit-delete"), QStyle::SP_TrashIcon,
                  tr("Delete the selected files or folders at the next commit (Del)"));
    remove->setShortcut(QKeySequence::Delete);
    copy = make(QStringLiteral("copyAction"), tr("Copy"), QStringLiteral("edit-copy"), none, tr("Copy the selected file or folder inside the volume"));
    filter = make(QStringLiteral("filterAction"), tr("Filter"), QStringLiteral("edit-find"), none, tr("Show only names containing a text (Ctrl+F)"));
    filter->setShortcut(QKeySequence::Find);
    quit = make(QStringLiteral("quitAction"), tr("Quit"), QStringLiteral("application-exit"), none, tr("Close Trove"));
    quit->setShortcut(QKeySequence::Quit);
    retryListing = make(QStringLiteral("retryListingAction"), tr("Retry Listing"), QStringLiteral("view-refresh"), none,
                        tr("List the selected folder again"));
    discardChange = make(QStringLiteral("discardChangeAction"), tr("Discard Change"), QStringLiteral("edit-undo"), none,
                         tr("Drop the selected pending change"));
    about = make(QStringLiteral("aboutAction"), tr("About Trove"), {}, none, tr("Version and licence"));
}

QAction *MainActions::make(const QString &objectName, const QString &text, const QString &icon, int fallback, const QString &tip)
{
    auto *action = new QAction(text, m_window);
    action->setObjectName(objectName);
    action->setToolTip(tip);
    action->setStatusTip(tip);
    if (!icon.isEmpty()) {
        const QIcon styleIcon = fallback >= 0 ? QApplication::style()->standardIcon(QStyle::StandardPixmap(fallback)) : QIcon();
        action->setIcon(QIcon::fromTheme(icon, styleIcon));
    }
    action->setShortcutContext(Qt::WindowShortcut);
    return action;
}

void MainActions::install(QMainWindow *window)
{
    QMenuBar *bar = window->menuBar();
    bar->setObjectName(QStringLiteral("menuBar"));
    bar->setAccessibleName(tr("Menu bar"));
    QMenu *file = bar->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addActions({newVolume, uploadFiles, uploadFolder, download});
    file->addSeparator();
    file->addAction(quit);
    QMenu *edit = bar->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    edit->addActions({newFolder, rename, copy, remove});
    edit->addSeparator();
    edit->addActions({discardChange, filter});
    QMenu *volume = bar->addMenu(tr("&Volume"));
    volume->setObjectName(QStringLiteral("volumeMenu"));
    volume->addActions({commit, commitAutomatically, reload, history});
    volume->addSeparator();
    volume->addActions({renameVolume, forkVolume, deleteVolume});
    m_viewMenu = bar->addMenu(tr("Vie&w"));
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    QMenu *help = bar->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    help->addAction(about);

    QToolBar *tools = window->addToolBar(tr("Main toolbar"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setAccessibleName(tr("Main toolbar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->setMovable(false);
    tools->addActions({commit, reload});
    tools->addSeparator();
    tools->addActions({uploadFiles, uploadFolder, download});
    tools->addSeparator();
    tools->addActions({newFolder, rename, remove, copy});
    tools->addSeparator();
    tools->addAction(history);
}

void MainActions::update(const State &s)
{
    const bool writable = s.storeOpen && !s.readOnly;
    for (QAction *action : {reload, history})
        action->setEnabled(s.volume);
    newVolume->setEnabled(writable);
    for (QAction *action : {renameVolume, forkVolume, deleteVolume, uploadFiles, uploadFolder, newFolder})
        action->setEnabled(writable && s.volume);
    commit->setEnabled(writable && s.volume && s.pending && !s.resolving);
    commitAutomatically->setEnabled(!s.readOnly);
    download->setEnabled(s.volume && s.selected > 0);
    for (QAction *action : {remove, copy})
        action->setEnabled(writable && s.volume && s.selected > 0);
    rename->setEnabled(writable && s.volume && s.selected == 1);
}

void MainActions::fillFileContextMenu(QMenu *menu) const
{
    menu->addActions({download, uploadFiles, uploadFolder});
    menu->addSeparator();
    menu->addActions({newFolder, rename, copy, remove});
    menu->addSeparator();
    menu->addActions({retryListing, history});
}

void MainActions::fillVolumeContextMenu(QMenu *menu) const
{
    menu->addActions({newVolume, renameVolume, forkVolume, deleteVolume});
}

} // namespace trove::ui
