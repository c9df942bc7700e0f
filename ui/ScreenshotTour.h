#pragma once

#include <QObject>
#include <QTemporaryDir>
#include <QTimer>
#include <functional>
#include <vector>

namespace trove::ui {

class MainWindow;

// `trove --screenshots DIR`: waits for the window to finish loading, then saves what a user
// sees to DIR: the files of the shown volume with pending changes and a download in the
// Transfers panel (main.png), the details pane of the selected .safetensors file (details.png),
// History open over it (history.png), the tensors that its newest version changed in a
// .safetensors file (history-tensors.png), the stores dialog after a connection test (stores.png)
// and the Watched Folders panel (watched-folders.png); on an empty store the welcome page
// (welcome.png) and the empty Watched Folders panel (watched-folders-empty.png), on a store
// that cannot be opened the error banner (error.png). Then it quits. In a translated window the names carry the language: main-zh_TW.png.
class ScreenshotTour : public QObject
{
    Q_OBJECT
public:
    // `language`: the window's translation ("zh_TW"), empty for English.
    ScreenshotTour(MainWindow *window, const QString &directory, const QString &language = {});
    void start();

private:
    struct Step
    {
        std::function<bool()> ready;
        std::function<void()> run;
    };
    void poll();
    void then(std::function<bool()> ready, std::function<void()> run);
    void planForState();
    void planTensorDiff();
    void planWatchedFolders(const QString &name);
    // `name` without language or extension; `part`: only that widget
    void save(const QString &name, bool wholeScreen, QWidget *part = nullptr);

    MainWindow *m_window;
    QString m_directory;
    QString m_language;
    std::vector<Step> m_steps;
    size_t m_next = 0;
    QTimer m_timer;
    QTemporaryDir m_downloads; // where the tour's download goes; removed when it ends
    int m_polls = 0;
    bool m_storesChecked = false;
};

} // namespace trove::ui
