#include "HistoryModel.h"
#include "Formats.h"

#include <algorithm>

namespace trove::ui {

void HistoryModel::setVersions(QList<VersionRecord> versions)
{
    std::sort(versions.begin(), versions.end(), [](const VersionRecord &a, const VersionRecord &b) { return a.version > b.version; });
    beginResetModel();
    m_versions = std::move(versions);
    endResetModel();
}

int HistoryModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_versions.size()); }
int HistoryModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_versions.size())
        return {};
    const VersionRecord &r = m_versions.at(index.row());
    if (role == VersionRole)
        return r.version;
    if (role == Qt::TextAlignmentRole && index.column() == VersionColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case VersionColumn: return QString::number(r.version);
    case TimeColumn: return formatTime(r.time);
    case WriterColumn: return r.writer;
    case MessageColumn: return r.message;
    case ChangesColumn:
        return role == Qt::DisplayRole ? QStringLiteral("+%1 ~%2 \u2212%3").arg(r.changes.added).arg(r.changes.modified).arg(r.changes.removed)
                                       : tr("%1 added, %2 modified, %3 removed").arg(r.changes.added).arg(r.changes.modified).arg(r.changes.removed);
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case VersionColumn: return tr("Version");
    case TimeColumn: return tr("Time");
    case WriterColumn: return tr("Writer");
    case MessageColumn: return tr("Message");
    case ChangesColumn: return tr("Changes");
    }
    return {};
}

} // namespace trove::ui
