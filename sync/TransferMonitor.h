#pragma once

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

namespace trove {

// One request moving bytes between this machine and a store.
struct TransferState
{
    enum class Direction { Upload, Download };
    quint64 id = 0;
    QString key;
    Direction direction = Direction::Upload;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0; // 0 while unknown (a download before its headers)
};

// The transfers in flight on one store, for per-transfer progress. Stores report here (the
// S3 store from libcurl's progress callback, the local store around each file), jobs sample
// it on their timer and the GUI and CLI show what they get. Thread-safe.
class TransferMonitor
{
public:
    quint64 begin(const QString &key, TransferState::Direction direction, qint64 bytesTotal);
    void update(quint64 id, qint64 bytesDone, qint64 bytesTotal);
    void end(quint64 id);

    QList<TransferState> active() const; // oldest first
    // Bytes moved in one direction so far, finished and in-flight transfers together.
    qint64 bytesMoved(TransferState::Direction direction) const;
    // Uploads whose every byte is sent, waiting for the store's answer.
    int uploadsAwaitingAnswer() const;

    // begin() and end() of one transfer, by scope.
    class Scope
    {
    public:
        Scope(TransferMonitor &monitor, const QString &key, TransferState::Direction direction, qint64 bytesTotal)
            : m_monitor(monitor), m_id(monitor.begin(key, direction, bytesTotal)) {}
        ~Scope() { m_monitor.end(m_id); }
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;
        quint64 id() const { return m_id; }
        void update(qint64 bytesDone, qint64 bytesTotal) { m_monitor.update(m_id, bytesDone, bytesTotal); }

    private:
        TransferMonitor &m_monitor;
        quint64 m_id;
    };

private:
    mutable QMutex m_mutex;
    quint64 m_nextId = 1;
    QHash<quint64, TransferState> m_active;
    qint64 m_finished[2] = {0, 0}; // by direction
};

} // namespace trove
