#include "PendingChangesModel.h"

#include "RemotePath.h"

#include <QIcon>

namespace trove::ui {

void PendingChangesModel::setChanges(const QList<PendingChange> &changes)
{
    beginResetModel();
    m_changes = changes;
    endResetModel();
    emit changed();
}

void PendingChangesModel::add(const QList<PendingChange> &changes)
{
    if (changes.isEmpty())
        return;
    beginInsertRows({}, int(m_changes.size()), int(m_changes.size() + changes.size() - 1));
    m_changes += changes;
    endInsertRows();
    emit changed();
}

void PendingChangesModel::removeFirst(int count)
{
    count = std::min(count, int(m_changes.size()));
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    m_changes.remove(0, count);
    endRemoveRows();
    emit changed();
}

void PendingChangesModel::removeAt(int row)
{
    if (row < 0 || row >= m_changes.size())
        return;
    beginRemoveRows({}, row, row);
    m_changes.removeAt(row);
    endRemoveRows();
    emit changed();
}

QHash<QString, QString> PendingChangesModel::badges() const
{
    QHash<QString, QStringList> own;
    QHash<QString, int> inside;
    auto landsIn = [&](const QString &path) {
        for (QString dir = remotepath::parentOf(path); !dir.isEmpty(); dir = remotepath::parentOf(dir))
            ++inside[dir];
    };
    for (const PendingChange &c : m_changes) {
        switch (c.op) {
        case PendingChange::Op::UploadFile:
        case PendingChange::Op::UploadFolder: own[c.remote] << tr("upload pending"); break;
        case PendingChange::Op::Remove: own[c.remote] << tr("delete pending"); break;
        case PendingChange::Op::Copy: own[c.source] << tr("copy pending"); break;
        case PendingChange::Op::Move: own[c.source] << tr("move pending"); break;
        case PendingChange::Op::NewFolder: break;
        case PendingChange::Op::Restore: own[c.remote] << tr("restore pending"); break;
        }
        landsIn(c.remote);
    }
    QHash<QString, QString> out;
    for (auto it = own.cbegin(); it != own.cend(); ++it)
        out.insert(it.key(), it.value().join(QStringLiteral(", ")));
    for (auto it = inside.cbegin(); it != inside.cend(); ++it) {
        const QString count = tr("%1 pending inside").arg(it.value());
        out[it.key()] = out.value(it.key()).isEmpty() ? count : out.value(it.key()) + QStringLiteral(", ") + count;
    }
    return out;
}

int PendingChangesModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_changes.size()); }

QVariant PendingChangesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_changes.size())
        return {};
    const PendingChange &c = m_changes.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole: return c.describe();
    case Qt::ToolTipRole: return c.local.isEmpty() ? c.describe() : tr("%1 (from %2)").arg(c.describe(), c.local);
    case Qt::DecorationRole:
        // The icon of the action that made the change, so every row has one where the toolbar does.
        switch (c.op) {
        case PendingChange::Op::Remove: return QIcon::fromTheme(QStringLiteral("edit-delete"));
        case PendingChange::Op::UploadFile: return QIcon::fromTheme(QStringLiteral("document-open"));
        case PendingChange::Op::UploadFolder: return QIcon::fromTheme(QStringLiteral("folder-open"));
        case PendingChange::Op::NewFolder: return QIcon::fromTheme(QStringLiteral("folder-new"));
        case PendingChange::Op::Move: return QIcon::fromTheme(QStringLiteral("edit-rename"));
        case PendingChange::Op::Copy: return QIcon::fromTheme(QStringLiteral("edit-copy"));
        case PendingChange::Op::Restore: return QIcon::fromTheme(QStringLiteral("document-open-recent"));
        }
        break;
    }
    return {};
}

} // namespace trove::ui
