#pragma once

#include "Registry.h"

#include <QAbstractListModel>

namespace trove::ui {

// The store's volumes, sorted by name. Filled from a listing made on EnginePool.
class VolumeListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { FormatRole = Qt::UserRole + 1, EphemeralRole, IdRole };
    using QAbstractListModel::QAbstractListModel;

    void setVolumes(QList<VolumeInfo> volumes);
    const QList<VolumeInfo> &volumes() const { return m_volumes; }
    int rowOf(const QString &name) const; // -1 when absent

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QList<VolumeInfo> m_volumes;
};

} // namespace trove::ui
