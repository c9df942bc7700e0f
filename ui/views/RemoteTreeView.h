#pragma once

#include <QTreeView>

namespace trove::ui {

class TransferScheduler;

// The file tree: drops of local files upload into the folder under the cursor (the root on
// empty space); dragging entries inside the tree moves them, with Ctrl copies them.
class RemoteTreeView : public QTreeView
{
    Q_OBJECT
public:
    explicit RemoteTreeView(QWidget *parent = nullptr);

    // Drags out of the tree download through this queue, from this store.
    void setTransferScheduler(TransferScheduler *scheduler) { m_scheduler = scheduler; }
    void setStoreUrl(const QString &storeUrl) { m_storeUrl = storeUrl; }

    // Hides the loaded rows whose names do not contain `text`, keeping folders that hold a
    // match; "" shows everything.
    void setFilterText(const QString &text);
    QString filterText() const { return m_filter; }

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void startDrag(Qt::DropActions supportedActions) override;

private:
    bool isInternal(const QDropEvent *event) const;
    bool applyFilter(const QModelIndex &parent); // true when a row under parent matches
    QString m_filter;
    TransferScheduler *m_scheduler = nullptr;
    QString m_storeUrl;
};

} // namespace trove::ui
