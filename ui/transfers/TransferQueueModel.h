#pragma once

#include "Job.h"
#include "TransferBatch.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QTimer>

namespace trove::ui {

// The transfer queue as a table, one row per batch. The scheduler feeds it states at once and
// progress as it comes; rows repaint at most every 100 ms (one dataChanged per dirty row, or
// one for the whole table when most rows changed), and speeds change at most once a second.
class TransferQueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Progress, DoneTotal, Speed, Eta, State, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole + 1, // for sorting: numbers as numbers
        BatchIdRole,
        StateRole,     // BatchState as int
        FractionRole,  // 0..1, or -1 when the total is unknown
    };

    explicit TransferQueueModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void addBatch(const TransferBatch &batch);
    // A new state, error or result: shown at the next repaint.
    void updateBatch(const TransferBatch &batch);
    void setProgress(qint64 batchId, const trove::ProgressSnapshot &progress);
    void removeBatch(qint64 batchId);
    // While hidden, nothing is emitted; showing the view again repaints every row once.
    void setActive(bool active);

    int rowOf(qint64 batchId) const { return m_rowOf.value(batchId, -1); }
    const TransferBatch &batchAt(int row) const { return m_rows[row].batch; }

    static QString stateText(BatchState state);

private:
    struct Row
    {
        TransferBatch batch; // without items: the model shows, the scheduler keeps
        QString name;
        double shownSpeed = 0;
        qint64 speedShownAt = -1;  // ms on m_clock
        qint64 bytesMovedAt = -1;  // ms on m_clock when bytesDone last grew
    };

    QString nameOf(const TransferBatch &batch) const;
    QString speedText(const Row &row) const;
    QString etaText(const Row &row) const;
    QString dedupeText(const TransferBatch &batch) const;
    QString dedupeToolTip(const TransferBatch &batch) const;
    double fraction(const TransferBatch &batch) const;
    QVariant display(const Row &row, int column) const;
    QVariant rawValue(const Row &row, int column) const;
    QString accessibleText(const Row &row, int column) const;
    bool isStalled(const Row &row) const;
    void markDirty(qint64 batchId);
    void emitDirty();

    QList<Row> m_rows;
    QHash<qint64, int> m_rowOf;
    QSet<qint64> m_dirty; // batch ids, so removals need no renumbering
    QTimer m_repaint;
    QElapsedTimer m_clock;
    bool m_active = true;
};

} // namespace trove::ui
