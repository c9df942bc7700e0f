#pragma once

#include "Registry.h"

#include <QDialog>
#include <memory>

class QLabel;
class QTableView;

namespace trove {
class Repository;
}

namespace trove::ui {

class TensorDiffModel;

// "Compare tensors": which tensors of a .safetensors file were added, removed, reshaped or
// changed between two versions, found on a worker from the two headers and the chunk refs
// (no tensor data is downloaded).
class TensorDiffDialog : public QDialog
{
    Q_OBJECT
public:
    TensorDiffDialog(std::shared_ptr<Repository> repo, const VolumeInfo &volume, const QString &path, qint64 oldVersion,
                     qint64 newVersion, QWidget *parent = nullptr);

    TensorDiffModel *model() const { return m_model; }
    bool isComputing() const { return m_computing; }
    QString summaryText() const;

private:
    TensorDiffModel *m_model;
    QTableView *m_view;
    QLabel *m_summary;
    bool m_computing = true;
};

} // namespace trove::ui
