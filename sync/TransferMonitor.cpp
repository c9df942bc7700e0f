#include "TransferMonitor.h"

#include <algorithm>

namespace trove {

quint64 TransferMonitor::begin(const QString &key, TransferState::Direction direction, qint64 bytesTotal)
{
    QMutexLocker lock(&m_mutex);
    const quint64 id = m_nextId++;
    m_active.insert(id, {id, key, direction, 0, bytesTotal});
    return id;
}

void TransferMonitor::update(quint64 id, qint64 bytesDone, qint64 bytesTotal)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_active.find(id);
    if (it == m_active.end())
        return;
    it->bytesDone = bytesDone;
    if (bytesTotal > 0)
        it->bytesTotal = bytesTotal;
}

void TransferMonitor::end(quint64 id)
{
    QMutexLocker lock(&m_mutex);
    const TransferState state = m_active.take(id);
    m_finished[int(state.direction)] += state.bytesDone;
}

QList<TransferState> TransferMonitor::active() const
{
    QMutexLocker lock(&m_mutex);
    QList<TransferState> list = m_active.values();
    std::sort(list.begin(), list.end(), [](const TransferState &a, const TransferState &b) { return a.id < b.id; });
    return list;
}

qint64 TransferMonitor::bytesMoved(TransferState::Direction direction) const
{
    QMutexLocker lock(&m_mutex);
    qint64 sum = m_finished[int(direction)];
    for (const TransferState &t : m_active)
        if (t.direction == direction)
            sum += t.bytesDone;
    return sum;
}

int TransferMonitor::uploadsAwaitingAnswer() const
{
    QMutexLocker lock(&m_mutex);
    return int(std::count_if(m_active.begin(), m_active.end(), [](const TransferState &t) {
        return t.direction == TransferState::Direction::Upload && t.bytesTotal > 0 && t.bytesDone >= t.bytesTotal;
    }));
}

} // namespace trove
