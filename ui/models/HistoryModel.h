#pragma once

#include "VersionLog.h"

#include <QAbstractTableModel>

namespace trove::ui {

// A volume's versions, newest first: number, time, writer, message and change counts.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { VersionColumn, TimeColumn, WriterColumn, MessageColumn, ChangesColumn, ColumnCount };
    enum Role { VersionRole = Qt::UserRole + 1 };
    using QAbstractTableModel::QAbstractTableModel;

    void setVersions(QList<VersionRecord> versions);
    const VersionRecord &versionAt(int row) const { return m_versions.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<VersionRecord> m_versions;
};

} // namespace trove::ui
