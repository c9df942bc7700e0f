#pragma once

#include <QList>
#include <QString>

namespace trove::ui {

// A folder the app keeps in sync: what comes back when the app starts again.
struct WatchedFolder
{
    QString folder;     // absolute path of the bound folder
    QString store;      // the store URL it is bound on
    QString volume;
    QString remotePath; // folder in the volume; "" for its root
    bool paused = false;
};

// The watched folders, in one JSON file in the app's data directory
// ($XDG_DATA_HOME/trove/watched-folders.json). Blocking: call on EnginePool.
class WatchedFolderStore
{
public:
    static QString filePath();
    static QList<WatchedFolder> load();
    static bool save(const QList<WatchedFolder> &folders); // false: not written
};

} // namespace trove::ui
