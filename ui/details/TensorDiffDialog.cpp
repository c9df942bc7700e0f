#include "TensorDiffDialog.h"

#include "Async.h"
#include "FileFacts.h"
#include "Repository.h"
#include "TensorDiffModel.h"
#include "VersionLog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace trove::ui {

TensorDiffDialog::TensorDiffDialog(std::shared_ptr<Repository> repo, const VolumeInfo &volume, const QString &path, qint64 oldVersion,
                                   qint64 newVersion, QWidget *parent)
    : QDialog(parent), m_model(new TensorDiffModel(this)), m_view(new QTableView), m_summary(new QLabel)
{
    setObjectName(QStringLiteral("tensorDiffDialog"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Tensors of %1: version %2 → %3").arg(path).arg(oldVersion).arg(newVersion));
    m_view->setModel(m_model);
    m_view->setObjectName(QStringLiteral("tensorDiffView"));
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6); // as the details pane's tensor table
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setWordWrap(false);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Reading the two headers…"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(720, 420);

    runAsync(this, [repo, volume, path, oldVersion, newVersion] {
        VersionLog log(repo->store(), volume.id);
        return safetensors::diff(filefacts::headerAt(repo, log.read(oldVersion).root, path),
                                 filefacts::headerAt(repo, log.read(newVersion).root, path));
    }, [this](const Result<QList<safetensors::TensorChange>> &result) {
        m_computing = false;
        if (!result.ok()) {
            m_summary->setText(tr("Cannot compare the tensors: %1").arg(result.error));
            return;
        }
        m_model->setChanges(*result.value);
        m_view->resizeColumnsToContents();
        m_summary->setText(result.value->isEmpty()
                               ? tr("No tensor differs between the two versions.")
                               : tr("Tensors that differ: %1. Found from the two headers and the chunk references, without downloading the files.")
                                     .arg(QLocale().toString(result.value->size())));
    });
}

QString TensorDiffDialog::summaryText() const { return m_summary->text(); }

} // namespace trove::ui
