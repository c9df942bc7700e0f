#pragma once

#include <QTreeView>

namespace trove::ui {

// The file tree: drops of local files upload into the folder under the cursor (the root on
// empty space); dragging entries inside the tree moves them, with Ctrl copies them.
class RemoteTreeView : public QTreeView
{
    Q_OBJECT
public:
    explicit RemoteTreeView(QWidget *parent = nullptr);

    // Hides the loaded rows whose names do not contain `text`, keeping folders that hold a
    // match; "" shows everything.
    void setFilterText(const QString &text);
    QString filterText() const { return m_filter; }

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void rowsInserted(const QModelIndex &parent, int start, int end) override;

private:
    void chooseInternalAction(QDropEvent *event) const;
    bool applyFilter(const QModelIndex &parent); // true when a row under parent matches
    QString m_filter;
};

} // namespace trove::ui
