#include "DiffModel.h"
#include "Formats.h"

namespace trove::ui {

void DiffModel::setDiff(QList<DiffEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int DiffModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_entries.size()); }
int DiffModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant DiffModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const DiffEntry &e = m_entries.at(index.row());
    if (role == Qt::TextAlignmentRole && (index.column() == OldSizeColumn || index.column() == NewSizeColumn))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (index.column()) {
    case ChangeColumn:
        switch (e.change) {
        case DiffEntry::Change::Added: return tr("Added");
        case DiffEntry::Change::Removed: return tr("Removed");
        case DiffEntry::Change::Modified: return tr("Changed");
        }
        break;
    case PathColumn: return e.path;
    case OldSizeColumn: return e.change == DiffEntry::Change::Added ? QString() : formatSize(e.oldSize);
    case NewSizeColumn: return e.change == DiffEntry::Change::Removed ? QString() : formatSize(e.newSize);
    }
    return {};
}

QVariant DiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ChangeColumn: return tr("Change");
    case PathColumn: return tr("Path");
    case OldSizeColumn: return tr("Old size");
    case NewSizeColumn: return tr("New size");
    }
    return {};
}

} // namespace trove::ui
