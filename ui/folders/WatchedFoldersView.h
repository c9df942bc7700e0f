#pragma once

#include <QWidget>
#include <memory>

class QDockWidget;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTreeView;

namespace trove {
class Repository;
}

namespace trove::ui {

class AddFolderDialog;
class VolumeListModel;
class WatchedFolderModel;
class WatchedFolders;

// The "Watched Folders" panel: the folders kept in sync with their volume and state, with
// Add Folder…, Pause, Resume, Remove and Open Folder; a progress row while a folder is being
// bound; and, with no folder yet, a line saying what watching does. It restores the saved
// folders as it is made.
class WatchedFoldersView : public QWidget
{
    Q_OBJECT
public:
    explicit WatchedFoldersView(VolumeListModel *volumes, QWidget *parent = nullptr);

    // The store new folders are bound on: the window's, once it is open.
    void setStore(const QString &storeUrl, std::shared_ptr<Repository> repo);

    WatchedFolders *folders() const { return m_folders; }
    WatchedFolderModel *model() const { return m_model; }
    QTreeView *list() const { return m_list; }
    bool isBinding() const;

    // Opens the Add Folder dialog without waiting for it; binding starts when it is accepted.
    AddFolderDialog *addFolder();
    // Asks to remove the selected folder, saying that its files stay.
    void removeSelected();

    // A button, for the window's sidebar, that shows and raises `dock`.
    static QPushButton *makeShowButton(QDockWidget *dock);

signals:
    void errorOccurred(const QString &message);
    void volumesChanged(); // a bind may have created a volume

private:
    QString selectedFolder() const;
    void updatePage();
    void updateButtons();
    void showBindProgress(qint64 done, qint64 total);
    void bindFinished(bool ok, const QString &message);

    VolumeListModel *m_volumes;
    QString m_storeUrl;
    std::shared_ptr<Repository> m_repo;
    WatchedFolders *m_folders;
    WatchedFolderModel *m_model;
    QStackedWidget *m_pages;
    QWidget *m_emptyPage;
    QWidget *m_listPage;
    QTreeView *m_list;
    QPushButton *m_add, *m_emptyAdd, *m_pause, *m_resume, *m_remove, *m_open;
    QWidget *m_bindRow;
    QLabel *m_bindText;
    QProgressBar *m_bindProgress;
    QPushButton *m_cancelBind;
    QString m_binding; // "FOLDER to VOLUME", for the progress row
};

} // namespace trove::ui
