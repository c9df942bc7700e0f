#pragma once

#include <QObject>

namespace trove::ui {

class MainWindow;

// The file commands that ask the user something first (which local files, which name,
// where to save) and then stage a change or start a download.
class FileCommands : public QObject
{
    Q_OBJECT
public:
    explicit FileCommands(MainWindow *window);

    void uploadFiles();
    void uploadFolder();
    void download();
    // Starts a download of `remotePaths` of the shown version into local folder `destination`.
    void downloadTo(const QStringList &remotePaths, const QString &destination);
    void newFolder();
    void rename();
    void copy();

private:
    MainWindow *m_window;
};

} // namespace trove::ui
