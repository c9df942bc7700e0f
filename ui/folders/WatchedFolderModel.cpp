#include "WatchedFolderModel.h"

#include "WatchedFolders.h"

#include <QApplication>
#include <QDir>
#include <QIcon>
#include <QStyle>

namespace trove::ui {

namespace {

QIcon stateIcon(FolderSyncLoop::State state, bool removing)
{
    using S = FolderSyncLoop::State;
    auto icon = [](const char *theme, QStyle::StandardPixmap fallback) {
        return QIcon::fromTheme(QLatin1String(theme), QApplication::style()->standardIcon(fallback));
    };
    if (removing)
        return icon("process-stop", QStyle::SP_BrowserStop);
    switch (state) {
    case S::Idle:
    case S::Committed:
        return icon("emblem-ok", QStyle::SP_DialogApplyButton);
    case S::Scanning:
    case S::Reloading:
        return icon("view-refresh", QStyle::SP_BrowserReload);
    case S::Uploading:
        return icon("go-up", QStyle::SP_ArrowUp);
    case S::Behind:
        return icon("go-down", QStyle::SP_ArrowDown);
    case S::Paused:
        return icon("media-playback-pause", QStyle::SP_MediaPause);
    case S::Error:
        return icon("dialog-warning", QStyle::SP_MessageBoxWarning);
    }
    return {};
}

QString volumeText(const WatchedFolder &f)
{
    return f.remotePath.isEmpty() ? f.volume : QStringLiteral("%1:/%2").arg(f.volume, f.remotePath);
}

} // namespace

WatchedFolderModel::WatchedFolderModel(WatchedFolders *folders, QObject *parent) : QAbstractTableModel(parent)
{
    connect(folders, &WatchedFolders::folderAdded, this, &WatchedFolderModel::add);
    connect(folders, &WatchedFolders::stateChanged, this, [this](const QString &folder, FolderSyncLoop::State state, const QString &text) {
        update(folder, [&](Row &r) {
            r.state = state;
            r.text = text;
        });
    });
    connect(folders, &WatchedFolders::pausedChanged, this,
            [this](const QString &folder, bool paused) { update(folder, [&](Row &r) { r.folder.paused = paused; }); });
    connect(folders, &WatchedFolders::removing, this, [this](const QString &folder) { update(folder, [](Row &r) { r.removing = true; }); });
    connect(folders, &WatchedFolders::folderRemoved, this, &WatchedFolderModel::removeFolder);
}

int WatchedFolderModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int WatchedFolderModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString WatchedFolderModel::stateText(int row) const
{
    const Row &r = m_rows.at(row);
    if (r.removing)
        return tr("removing: last commit");
    return r.text.isEmpty() ? tr("starting") : r.text;
}

QVariant WatchedFolderModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        if (index.column() == FolderColumn)
            return QDir::toNativeSeparators(r.folder.folder);
        if (index.column() == VolumeColumn)
            return volumeText(r.folder);
        return stateText(index.row());
    case Qt::ToolTipRole:
        if (index.column() == VolumeColumn)
            return tr("Volume \"%1\", folder /%2, on %3").arg(r.folder.volume, r.folder.remotePath, r.folder.store);
        return index.column() == StateColumn ? stateText(index.row()) : QDir::toNativeSeparators(r.folder.folder);
    case Qt::DecorationRole:
        return index.column() == StateColumn ? QVariant(stateIcon(r.state, r.removing)) : QVariant();
    case FolderRole:
        return r.folder.folder;
    case StateRole:
        return int(r.state);
    case PausedRole:
        return r.folder.paused;
    case RemovingRole:
        return r.removing;
    default:
        return {};
    }
}

QVariant WatchedFolderModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FolderColumn:
        return tr("Folder");
    case VolumeColumn:
        return tr("Volume");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

int WatchedFolderModel::rowOf(const QString &folder) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).folder.folder == folder)
            return row;
    return -1;
}

void WatchedFolderModel::add(const WatchedFolder &folder)
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(Row{folder, FolderSyncLoop::State::Idle, {}, false});
    endInsertRows();
}

void WatchedFolderModel::update(const QString &folder, const std::function<void(Row &)> &change)
{
    const int row = rowOf(folder);
    if (row < 0)
        return;
    change(m_rows[row]);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void WatchedFolderModel::removeFolder(const QString &folder)
{
    const int row = rowOf(folder);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

} // namespace trove::ui
