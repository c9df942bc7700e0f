#pragma once

#include "Safetensors.h"

#include <QAbstractTableModel>

namespace trove::ui {

// The tensors that differ between two versions of a .safetensors file: name, change, old and
// new dtype and shape.
class TensorDiffModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, ChangeColumn, OldColumn, NewColumn, ColumnCount };

    explicit TensorDiffModel(QObject *parent = nullptr);
    void setChanges(QList<safetensors::TensorChange> changes);
    static QString kindText(safetensors::TensorChange::Kind kind);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<safetensors::TensorChange> m_changes;
};

} // namespace trove::ui
