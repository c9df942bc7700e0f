#pragma once

#include "FolderSyncLoop.h"
#include "WatchedFolderStore.h"

#include <QAbstractTableModel>
#include <functional>

namespace trove::ui {

class WatchedFolders;

// The watched folders as rows (folder, volume, state with an icon), following the signals of
// WatchedFolders; it never asks the loops or the disk anything.
class WatchedFolderModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { FolderColumn, VolumeColumn, StateColumn, ColumnCount };
    enum Role { FolderRole = Qt::UserRole + 1, StateRole, PausedRole, RemovingRole };

    explicit WatchedFolderModel(WatchedFolders *folders, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOf(const QString &folder) const;
    QString stateText(int row) const;

private:
    struct Row
    {
        WatchedFolder folder;
        FolderSyncLoop::State state = FolderSyncLoop::State::Idle;
        QString text;
        bool removing = false;
    };

    void add(const WatchedFolder &folder);
    void removeFolder(const QString &folder);
    void update(const QString &folder, const std::function<void(Row &)> &change);

    QList<Row> m_rows;
};

} // namespace trove::ui
