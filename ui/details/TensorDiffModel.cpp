#include "TensorDiffModel.h"

#include "TensorTableModel.h"

namespace trove::ui {

namespace {
QString typedShape(const QString &dtype, const QList<qint64> &shape)
{
    return dtype.isEmpty() ? QString() : dtype + QLatin1Char(' ') + shapeText(shape);
}
} // namespace

TensorDiffModel::TensorDiffModel(QObject *parent) : QAbstractTableModel(parent) {}

void TensorDiffModel::setChanges(QList<safetensors::TensorChange> changes)
{
    beginResetModel();
    m_changes = std::move(changes);
    endResetModel();
}

QString TensorDiffModel::kindText(safetensors::TensorChange::Kind kind)
{
    using K = safetensors::TensorChange::Kind;
    switch (kind) {
    case K::Added:
        return tr("added");
    case K::Removed:
        return tr("removed");
    case K::Reshaped:
        return tr("reshaped");
    case K::Changed:
        return tr("changed");
    case K::Undetermined:
        return tr("changed here or next to it");
    }
    return {};
}

int TensorDiffModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_changes.size()); }

int TensorDiffModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TensorDiffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const safetensors::TensorChange &c = m_changes.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == ChangeColumn && c.kind == safetensors::TensorChange::Kind::Undetermined)
        return tr("Its own chunks are the same, but a chunk it shares with a neighbouring tensor differs: "
                  "this tensor or its neighbour changed at their common edge.");
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return c.name;
    case ChangeColumn:
        return kindText(c.kind);
    case OldColumn:
        return typedShape(c.oldDtype, c.oldShape);
    case NewColumn:
        return typedShape(c.newDtype, c.newShape);
    }
    return {};
}

QVariant TensorDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Tensor");
    case ChangeColumn:
        return tr("Change");
    case OldColumn:
        return tr("Before");
    case NewColumn:
        return tr("After");
    }
    return {};
}

} // namespace trove::ui
