#include "TransferView.h"

#include "ProgressDelegate.h"
#include "EmptyState.h"
#include "Formats.h"
#include "TransferScheduler.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStyle>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace trove::ui {
namespace {

const QString HeaderKey = QStringLiteral("transfers/header");

// The queue's table; when it is empty it says what will show there.
class TransferTree : public QTreeView
{
public:
    using QTreeView::QTreeView;

protected:
    void paintEvent(QPaintEvent *event) override
    {
        QTreeView::paintEvent(event);
        paintEmptyState(this, TransferView::tr("No transfers. Commits upload from here, and downloads (Download…, or files "
                                               "dragged out of the tree) show their progress here."));
    }
};

BatchState stateOf(const QModelIndex &index)
{
    return BatchState(index.data(TransferQueueModel::StateRole).toInt());
}

} // namespace

TransferView::TransferView(TransferScheduler *scheduler, QWidget *parent)
    : QWidget(parent), m_scheduler(scheduler), m_proxy(new QSortFilterProxyModel(this)), m_view(new TransferTree(this))
{
    setObjectName(QStringLiteral("TransfersPanel"));
    setAccessibleName(tr("Transfers panel"));
    m_proxy->setSourceModel(scheduler->model());
    m_proxy->setSortRole(TransferQueueModel::RawValueRole);
    m_proxy->setDynamicSortFilter(false); // progress ticks would re-sort the queue five times a second

    m_view->setObjectName(QStringLiteral("Transfers"));
    m_view->setAccessibleName(tr("Transfers"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // queue order until the user picks a column
    m_view->setItemDelegateForColumn(TransferQueueModel::Progress, new ProgressDelegate(m_view));
    QHeaderView *header = m_view->header();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->resizeSection(TransferQueueModel::Name, 400);
    header->resizeSection(TransferQueueModel::Progress, 140);
    header->restoreState(QSettings().value(HeaderKey).toByteArray());
    // Done / Total fits its widest text, whatever a saved layout says: "1023.9 GiB / 1023.9 GiB".
    const QString widest = tr("%1 / %2").arg(formatSize((1ll << 40) - (1ll << 27)), formatSize((1ll << 40) - (1ll << 27)));
    const int margins = 2 * (m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 1) + 8;
    header->resizeSection(TransferQueueModel::DoneTotal,
                          std::max(header->sectionSize(TransferQueueModel::DoneTotal), m_view->fontMetrics().horizontalAdvance(widest) + margins));

    auto *buttons = new QHBoxLayout;
    m_pause = addButton(tr("Pause"), QStringLiteral("pauseTransfer"), &TransferScheduler::pause);
    m_resume = addButton(tr("Resume"), QStringLiteral("resumeTransfer"), &TransferScheduler::resume);
    m_cancel = addButton(tr("Cancel"), QStringLiteral("cancelTransfer"), &TransferScheduler::cancel);
    m_retry = addButton(tr("Retry"), QStringLiteral("retryTransfer"), &TransferScheduler::retry);
    m_clear = new QPushButton(tr("Clear Finished"), this);
    m_clear->setObjectName(QStringLiteral("clearFinishedTransfers"));
    m_clear->setAccessibleName(m_clear->text());
    connect(m_clear, &QPushButton::clicked, scheduler, &TransferScheduler::clearFinished);
    for (QPushButton *b : {m_pause, m_resume, m_cancel, m_retry, m_clear})
        buttons->addWidget(b);
    buttons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    layout->addLayout(buttons);

    QAbstractItemModel *model = scheduler->model();
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TransferView::updateButtons);
    connect(model, &QAbstractItemModel::dataChanged, this, &TransferView::updateButtons);
    connect(model, &QAbstractItemModel::rowsInserted, this, &TransferView::updateButtons);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &TransferView::updateButtons);
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) { openFinishedDownload(index, false); });
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (finishedDownloadPath(index).isEmpty())
            return;
        QMenu menu(this);
        menu.addAction(tr("&Open"), this, [this, index] { openFinishedDownload(index, false); });
        menu.addAction(tr("Show in &Folder"), this, [this, index] { openFinishedDownload(index, true); });
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    updateButtons();
}

TransferView::~TransferView()
{
    QSettings().setValue(HeaderKey, m_view->header()->saveState());
}

QPushButton *TransferView::addButton(const QString &label, const QString &objectName, void (TransferScheduler::*action)(qint64))
{
    auto *button = new QPushButton(label, this);
    button->setObjectName(objectName);
    button->setAccessibleName(label);
    connect(button, &QPushButton::clicked, this, [this, action] {
        for (const qint64 id : selectedBatches())
            (m_scheduler->*action)(id);
    });
    return button;
}

QList<qint64> TransferView::selectedBatches() const
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        ids.append(index.data(TransferQueueModel::BatchIdRole).toLongLong());
    return ids;
}

void TransferView::updateButtons()
{
    bool pause = false, resume = false, cancel = false, retry = false;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        const BatchState state = stateOf(index);
        pause |= state == BatchState::Queued || state == BatchState::Running;
        resume |= state == BatchState::Paused;
        cancel |= state == BatchState::Queued || state == BatchState::Running || state == BatchState::Paused
            || state == BatchState::Failed;
        retry |= state == BatchState::Failed || state == BatchState::Cancelled;
    }
    bool finished = false;
    const QAbstractItemModel *model = m_scheduler->model();
    for (int row = 0; row < model->rowCount() && !finished; ++row) {
        const BatchState state = BatchState(model->index(row, 0).data(TransferQueueModel::StateRole).toInt());
        finished = state == BatchState::Done || state == BatchState::Cancelled;
    }
    m_pause->setEnabled(pause);
    m_resume->setEnabled(resume);
    m_cancel->setEnabled(cancel);
    m_retry->setEnabled(retry);
    m_clear->setEnabled(finished);
}

QString TransferView::finishedDownloadPath(const QModelIndex &index) const
{
    const int row = m_scheduler->model()->rowOf(index.data(TransferQueueModel::BatchIdRole).toLongLong());
    if (row < 0)
        return {};
    const TransferBatch &batch = m_scheduler->model()->batchAt(row);
    return batch.kind == TransferKind::Download && batch.state == BatchState::Done ? batch.resultPath : QString();
}

void TransferView::openFinishedDownload(const QModelIndex &index, bool folder)
{
    const QString path = finishedDownloadPath(index);
    if (!path.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(folder ? QFileInfo(path).absolutePath() : path));
}

void TransferView::showEvent(QShowEvent *event)
{
    m_scheduler->model()->setActive(true);
    QWidget::showEvent(event);
}

void TransferView::hideEvent(QHideEvent *event)
{
    m_scheduler->model()->setActive(false);
    QWidget::hideEvent(event);
}

} // namespace trove::ui
