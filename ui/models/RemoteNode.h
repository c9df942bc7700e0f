#pragma once

#include <QDateTime>
#include <QString>
#include <memory>
#include <vector>

namespace trove::ui {

// One file or folder of a listed volume version. Nodes know their row, so parent() is O(1).
struct RemoteNode
{
    enum class State { Unfetched, Loading, Loaded, Failed };

    QString name;
    QString path; // relative to the volume root; "" is the root
    bool isDir = false;
    qint64 size = 0;
    QDateTime mtime;
    QString kind; // "Folder", or the file type's description
    RemoteNode *parent = nullptr;
    int row = 0;
    State state = State::Unfetched;
    std::vector<std::unique_ptr<RemoteNode>> children;
};

} // namespace trove::ui
