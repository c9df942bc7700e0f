#pragma once

#include "PendingChange.h"

#include <QAbstractListModel>
#include <QHash>

namespace trove::ui {

// The current volume's changes waiting for Commit, in the order they were made.
class PendingChangesModel : public QAbstractListModel
{
    Q_OBJECT
public:
    using QAbstractListModel::QAbstractListModel;

    const QList<PendingChange> &changes() const { return m_changes; }
    bool isEmpty() const { return m_changes.isEmpty(); }
    void setChanges(const QList<PendingChange> &changes);
    void add(const QList<PendingChange> &changes);
    // Drops the first `count` changes: those a finished commit carried.
    void removeFirst(int count);
    void removeAt(int row);
    // Badges for the file tree: what is pending on each path, and on folders how many
    // changes land inside them.
    QHash<QString, QString> badges() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

signals:
    void changed(); // any edit of the list

private:
    QList<PendingChange> m_changes;
};

} // namespace trove::ui
