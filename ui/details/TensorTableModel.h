#pragma once

#include "Safetensors.h"

#include <QAbstractTableModel>

namespace trove::ui {

// Text of a shape as users of the frameworks write it: "[4096, 11008]", "[]" for a scalar.
QString shapeText(const QList<qint64> &shape);

// The tensors of one .safetensors header: name, dtype, shape, parameters. One row per tensor
// read from the header's list, so 10,000 tensors cost no widgets and scroll smoothly.
class TensorTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, DtypeColumn, ShapeColumn, ParametersColumn, ColumnCount };
    // The value to sort by, where it differs from the text (parameters as numbers).
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit TensorTableModel(QObject *parent = nullptr);
    void setTensors(QList<safetensors::Tensor> tensors);
    const QList<safetensors::Tensor> &tensors() const { return m_tensors; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<safetensors::Tensor> m_tensors;
};

} // namespace trove::ui
