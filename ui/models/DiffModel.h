#pragma once

#include "TreeDiff.h"

#include <QAbstractTableModel>

namespace trove::ui {

// Files that differ between two versions: added, removed or changed, with their sizes.
class DiffModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ChangeColumn, PathColumn, OldSizeColumn, NewSizeColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setDiff(QList<DiffEntry> entries);
    const DiffEntry &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<DiffEntry> m_entries;
};

} // namespace trove::ui
