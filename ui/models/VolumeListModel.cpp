#include "VolumeListModel.h"

#include <QCollator>
#include <QIcon>
#include <QStyle>
#include <algorithm>

namespace trove::ui {

void VolumeListModel::setVolumes(QList<VolumeInfo> volumes)
{
    QCollator collator;
    collator.setNumericMode(true);
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::sort(volumes.begin(), volumes.end(), [&](const VolumeInfo &a, const VolumeInfo &b) { return collator.compare(a.name, b.name) < 0; });
    beginResetModel();
    m_volumes = std::move(volumes);
    endResetModel();
}

int VolumeListModel::rowOf(const QString &name) const
{
    for (int i = 0; i < m_volumes.size(); ++i)
        if (m_volumes.at(i).name == name)
            return i;
    return -1;
}

int VolumeListModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_volumes.size()); }

QVariant VolumeListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_volumes.size())
        return {};
    const VolumeInfo &v = m_volumes.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole: return v.name;
    case Qt::AccessibleDescriptionRole:
    case Qt::ToolTipRole:
        return v.ephemeral ? tr("Format v%1, ephemeral, created %2").arg(v.format).arg(v.created.toLocalTime().toString(Qt::ISODate))
                           : tr("Format v%1, created %2").arg(v.format).arg(v.created.toLocalTime().toString(Qt::ISODate));
    case Qt::DecorationRole: return QIcon::fromTheme(QStringLiteral("drive-harddisk"), QIcon::fromTheme(QStringLiteral("folder")));
    case FormatRole: return v.format;
    case EphemeralRole: return v.ephemeral;
    case IdRole: return v.id;
    }
    return {};
}

} // namespace trove::ui
