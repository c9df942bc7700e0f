#pragma once

#include <QObject>

class QAction;
class QMainWindow;
class QMenu;

namespace trove::ui {

// The window's commands, each one QAction shared by the menus, the toolbar and the context
// menus, with its shortcut and an accessible name equal to its label.
class MainActions : public QObject
{
    Q_OBJECT
public:
    explicit MainActions(QMainWindow *window);

    // Menus and the toolbar; `docks` gets the toggles of the window's docks later.
    void install(QMainWindow *window);
    QMenu *viewMenu() const { return m_viewMenu; }
    void fillFileContextMenu(QMenu *menu) const;
    void fillVolumeContextMenu(QMenu *menu) const;

    // What the window shows, which decides the actions that apply.
    struct State
    {
        bool storeOpen = false;
        bool readOnly = false; // the store takes no writes: nothing that would write is offered
        bool volume = false;
        int selected = 0;
        bool pending = false;
        bool resolving = false; // a commit is being prepared
    };
    void update(const State &state);

    QAction *newVolume, *renameVolume, *forkVolume, *deleteVolume;
    QAction *commit, *reload, *commitAutomatically, *history;
    QAction *uploadFiles, *uploadFolder, *download;
    QAction *newFolder, *rename, *remove, *copy;
    QAction *filter, *quit, *retryListing, *discardChange, *about;

private:
    QAction *make(const QString &objectName, const QString &text, const QString &icon, int fallback, const QString &tip);
    QMenu *m_viewMenu = nullptr;
    QMainWindow *m_window;
};

} // namespace trove::ui
