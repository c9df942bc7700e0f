#include "TensorTableModel.h"

#include <QLocale>

namespace trove::ui {

QString shapeText(const QList<qint64> &shape)
{
    QStringList dims;
    for (qint64 d : shape)
        dims << QString::number(d);
    return QLatin1Char('[') + dims.join(QStringLiteral(", ")) + QLatin1Char(']');
}

TensorTableModel::TensorTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void TensorTableModel::setTensors(QList<safetensors::Tensor> tensors)
{
    beginResetModel();
    m_tensors = std::move(tensors);
    endResetModel();
}

int TensorTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_tensors.size()); }

int TensorTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TensorTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const safetensors::Tensor &t = m_tensors.at(index.row());
    if (role == Qt::TextAlignmentRole)
        return index.column() == ParametersColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return t.name;
    case DtypeColumn:
        return t.dtype;
    case ShapeColumn:
        return shapeText(t.shape);
    case ParametersColumn:
        return role == SortRole ? QVariant(t.parameters) : QVariant(QLocale().toString(t.parameters));
    }
    return {};
}

QVariant TensorTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Tensor");
    case DtypeColumn:
        return tr("Type");
    case ShapeColumn:
        return tr("Shape");
    case ParametersColumn:
        return tr("Parameters");
    }
    return {};
}

} // namespace trove::ui
