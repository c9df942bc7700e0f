#pragma once

#include <QWidget>

class QModelIndex;
class QPushButton;
class QSortFilterProxyModel;
class QTreeView;

namespace trove::ui {

class TransferScheduler;

// The Transfers panel: the queue as a table with a progress bar per row, and the actions on
// the selected rows. Buttons are enabled by what the selected rows' states allow.
class TransferView : public QWidget
{
    Q_OBJECT
public:
    explicit TransferView(TransferScheduler *scheduler, QWidget *parent = nullptr);
    ~TransferView() override;

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QPushButton *addButton(const QString &label, const QString &objectName, void (TransferScheduler::*action)(qint64));
    QList<qint64> selectedBatches() const;
    void updateButtons();
    QString finishedDownloadPath(const QModelIndex &index) const; // empty unless a finished download
    void openFinishedDownload(const QModelIndex &index, bool folder); // the file, or its folder

    TransferScheduler *m_scheduler;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QPushButton *m_pause, *m_resume, *m_cancel, *m_retry, *m_clear;
};

} // namespace trove::ui
