#include "TransferQueueModel.h"

#include "Formats.h"
#include "RemotePath.h"

#include <QLocale>

namespace trove::ui {
namespace {

constexpr int RepaintMs = 100;
constexpr qint64 SpeedShownMs = 1000;
constexpr qint64 StalledMs = 5000;

} // namespace

TransferQueueModel::TransferQueueModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_clock.start();
    m_repaint.setInterval(RepaintMs);
    m_repaint.setSingleShot(true);
    connect(&m_repaint, &QTimer::timeout, this, &TransferQueueModel::emitDirty);
}

int TransferQueueModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }
int TransferQueueModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString TransferQueueModel::stateText(BatchState state)
{
    switch (state) {
    case BatchState::Queued: return tr("Queued");
    case BatchState::Running: return tr("Running");
    case BatchState::Done: return tr("Done");
    case BatchState::Failed: return tr("Failed");
    case BatchState::Paused: return tr("Paused");
    case BatchState::Cancelled: return tr("Cancelled");
    }
    return {};
}

QString TransferQueueModel::nameOf(const TransferBatch &batch) const
{
    const QString volume = batch.volume.name;
    if (batch.kind == TransferKind::Download) {
        const QString remote = batch.items.value(0).remote;
        return tr("Download %1 from %2").arg(remote.isEmpty() ? volume : remotepath::nameOf(remote), volume);
    }
    if (!batch.message.isEmpty())
        return tr("Commit to %1: %2").arg(volume, batch.message);
    if (batch.items.size() == 1)
        return tr("Upload %1 to %2").arg(remotepath::nameOf(batch.items.first().remote), volume);
    return tr("Upload %1 items to %2").arg(batch.items.size()).arg(volume);
}

double TransferQueueModel::fraction(const TransferBatch &batch) const
{
    if (batch.state == BatchState::Done)
        return 1.0;
    if (batch.bytesTotal > 0)
        return std::clamp(double(batch.bytesDone) / double(batch.bytesTotal), 0.0, 1.0);
    if (batch.filesTotal > 0)
        return std::clamp(double(batch.filesDone) / double(batch.filesTotal), 0.0, 1.0);
    return -1;
}

bool TransferQueueModel::isStalled(const Row &row) const
{
    return row.batch.state == BatchState::Running && row.bytesMovedAt >= 0 && m_clock.elapsed() - row.bytesMovedAt > StalledMs;
}

QString TransferQueueModel::speedText(const Row &row) const
{
    if (row.batch.state != BatchState::Running)
        return {};
    if (isStalled(row))
        return tr("stalled");
    return row.speedShownAt < 0 ? QString() : tr("%1/s").arg(formatSize(qint64(row.shownSpeed)));
}

QString TransferQueueModel::etaText(const Row &row) const
{
    const TransferBatch &b = row.batch;
    if (b.state != BatchState::Running || row.shownSpeed < 1 || b.bytesTotal <= b.bytesDone || isStalled(row))
        return {};
    const qint64 seconds = qint64(double(b.bytesTotal - b.bytesDone) / row.shownSpeed);
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg(seconds / 60 % 60);
}

// A running or finished commit's dedupe, once it checked its first bytes: what the store
// already holds and what is new, so a re-upload shows before it sends that little is new.
// Empty otherwise: downloads, commits without file data, stopped batches (their state says more).
QString TransferQueueModel::dedupeText(const TransferBatch &b) const
{
    if (b.kind != TransferKind::Commit || b.bytesAlreadyStored + b.bytesNew == 0)
        return {};
    const QString stored = formatSize(b.bytesAlreadyStored), fresh = formatSize(b.bytesNew);
    if (b.state == BatchState::Done) {
        return b.bytesAlreadyStored == 0 ? tr("Done: %1 sent").arg(fresh)
                                         : tr("Done: %1 sent, %2 already stored").arg(fresh, stored);
    }
    if (b.state != BatchState::Running)
        return {};
    const bool reading = b.bytesDone < b.bytesTotal || b.filesDone < b.filesTotal;
    return reading ? tr("Checking: %1 already stored, %2 new").arg(stored, fresh)
                   : tr("Sending %1 new, %2 already stored").arg(fresh, stored);
}

QString TransferQueueModel::dedupeToolTip(const TransferBatch &b) const
{
    if (dedupeText(b).isEmpty())
        return {};
    const QString stored = formatSize(b.bytesAlreadyStored), fresh = formatSize(b.bytesNew);
    if (b.state == BatchState::Done)
        return tr("%1 of new data was sent. %2 was already in the store and was not sent again.").arg(fresh, stored);
    return tr("Checked %1 of %2: %3 is already in the store and is not sent again; %4 is new and is sent.")
        .arg(formatSize(b.bytesAlreadyStored + b.bytesNew), formatSize(b.bytesTotal), stored, fresh);
}

QVariant TransferQueueModel::display(const Row &row, int column) const
{
    const TransferBatch &b = row.batch;
    switch (column) {
    case Name: return row.name;
    case Progress: {
        const double f = fraction(b);
        return f < 0 ? QString() : tr("%1 %").arg(qRound(f * 100));
    }
    case DoneTotal:
        if (b.bytesTotal > 0)
            return tr("%1 / %2").arg(formatSize(b.bytesDone), formatSize(b.bytesTotal));
        return b.filesTotal > 0 ? tr("%1 / %n file(s)", nullptr, int(b.filesTotal)).arg(b.filesDone) : QString();
    case Speed: return speedText(row);
    case Eta: return etaText(row);
    case State:
        if (b.state == BatchState::Failed && !b.errorText.isEmpty())
            return tr("Failed: %1").arg(b.errorText);
        if (const QString dedupe = dedupeText(b); !dedupe.isEmpty())
            return dedupe;
        return stateText(b.state);
    }
    return {};
}

QVariant TransferQueueModel::rawValue(const Row &row, int column) const
{
    const TransferBatch &b = row.batch;
    switch (column) {
    case Name: return row.name;
    case Progress: return fraction(b);
    case DoneTotal: return b.bytesDone;
    case Speed: return b.state == BatchState::Running ? row.shownSpeed : 0.0;
    case Eta: return row.shownSpeed >= 1 ? double(b.bytesTotal - b.bytesDone) / row.shownSpeed : -1.0;
    case State: return int(b.state);
    }
    return {};
}

QString TransferQueueModel::accessibleText(const Row &row, int column) const
{
    if (column != Progress)
        return display(row, column).toString();
    // The painted bar has no text of its own: say what it shows, with the state around it.
    const QString percent = display(row, Progress).toString();
    const QString speed = speedText(row);
    if (row.batch.state != BatchState::Running)
        return percent.isEmpty() ? stateText(row.batch.state) : tr("%1, %2").arg(percent, stateText(row.batch.state));
    return speed.isEmpty() ? percent : tr("%1, %2").arg(percent, speed);
}

QVariant TransferQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole: return display(row, index.column());
    case Qt::AccessibleTextRole: return accessibleText(row, index.column());
    case Qt::ToolTipRole:
        if (!row.batch.errorText.isEmpty())
            return row.batch.errorText;
        if (const QString dedupe = dedupeToolTip(row.batch); index.column() == State && !dedupe.isEmpty())
            return dedupe;
        return display(row, index.column());
    case RawValueRole: return rawValue(row, index.column());
    case BatchIdRole: return row.batch.id;
    case StateRole: return int(row.batch.state);
    case FractionRole: return fraction(row.batch);
    default: return {};
    }
}

QVariant TransferQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::AccessibleTextRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Name");
    case Progress: return tr("Progress");
    case DoneTotal: return tr("Done/Total");
    case Speed: return tr("Speed");
    case Eta: return tr("ETA");
    case State: return tr("State");
    }
    return {};
}

void TransferQueueModel::addBatch(const TransferBatch &batch)
{
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    Row r{batch, nameOf(batch)};
    r.batch.items.clear();
    m_rows.append(r);
    m_rowOf.insert(batch.id, row);
    endInsertRows();
}

void TransferQueueModel::updateBatch(const TransferBatch &batch)
{
    const int row = rowOf(batch.id);
    if (row < 0)
        return;
    Row &r = m_rows[row];
    if (batch.state == BatchState::Running && r.batch.state != BatchState::Running) {
        r.bytesMovedAt = m_clock.elapsed(); // stalled counts from the start of this run
        r.speedShownAt = -1;
    }
    r.batch = batch;
    r.batch.items.clear();
    markDirty(batch.id);
}

void TransferQueueModel::setProgress(qint64 batchId, const trove::ProgressSnapshot &progress)
{
    const int row = rowOf(batchId);
    if (row < 0)
        return;
    Row &r = m_rows[row];
    const qint64 now = m_clock.elapsed();
    if (progress.bytesDone > r.batch.bytesDone)
        r.bytesMovedAt = now;
    r.batch.bytesDone = progress.bytesDone;
    r.batch.bytesTotal = progress.bytesTotal;
    r.batch.filesDone = progress.filesDone;
    r.batch.filesTotal = progress.filesTotal;
    r.batch.bytesAlreadyStored = progress.bytesAlreadyStored;
    r.batch.bytesNew = progress.bytesNew;
    if (r.speedShownAt < 0 || now - r.speedShownAt >= SpeedShownMs) {
        r.shownSpeed = progress.bytesPerSecond;
        r.speedShownAt = now;
    }
    markDirty(batchId);
}

void TransferQueueModel::removeBatch(qint64 batchId)
{
    const int row = rowOf(batchId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    m_rowOf.remove(batchId);
    for (int i = row; i < m_rows.size(); ++i)
        m_rowOf[m_rows[i].batch.id] = i;
    m_dirty.remove(batchId);
    endRemoveRows();
}

void TransferQueueModel::setActive(bool active)
{
    m_active = active;
    if (!active)
        return;
    for (const Row &r : std::as_const(m_rows))
        m_dirty.insert(r.batch.id);
    emitDirty();
}

void TransferQueueModel::markDirty(qint64 batchId)
{
    m_dirty.insert(batchId);
    if (m_active && !m_repaint.isActive())
        m_repaint.start();
}

void TransferQueueModel::emitDirty()
{
    if (!m_active || m_dirty.isEmpty())
        return;
    static const QList<int> roles{Qt::DisplayRole, Qt::AccessibleTextRole, Qt::ToolTipRole, RawValueRole, StateRole, FractionRole};
    const QSet<qint64> dirty = std::exchange(m_dirty, {});
    if (dirty.size() * 2 > m_rows.size()) {
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1), roles);
        return;
    }
    for (const qint64 id : dirty) {
        const int row = rowOf(id);
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1), roles);
    }
}

} // namespace trove::ui
