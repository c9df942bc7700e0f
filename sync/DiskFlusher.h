#pragma once

#include "FileDescriptor.h"
#include <QMutex>
#include <QString>
#include <QThread>
#include <QWaitCondition>
#include <memory>

namespace trove {

// Keeps a file system flushing while a download writes to it: a thread of its own calls
// syncfs() again whenever enough has been written since the last call began, so the disk
// takes the data while the rest is fetched and the final flush waits on the last few chunks
// only. (Starting writeback per chunk alone left a third of a 1 GiB download to the final
// flush: the device's own cache flush is what takes the time.)
class DiskFlusher
{
public:
    // Flushes the file system that holds `directory`.
    explicit DiskFlusher(const QString &directory);
    ~DiskFlusher(); // stops without a last flush
    DiskFlusher(const DiskFlusher &) = delete;
    DiskFlusher &operator=(const DiskFlusher &) = delete;

    // `bytes` more were written; thread-safe.
    void written(qint64 bytes);
    // The last flush, once everything is written: returns when the disk has it all.
    void flushNow();

    // Bytes written between two flushes, at least: fewer would spend a device flush on little.
    static constexpr qint64 Step = 32 * 1024 * 1024;

private:
    void run();
    void stop();

    FileDescriptor m_directory;
    QMutex m_mutex;
    QWaitCondition m_wake;
    qint64 m_unflushed = 0;
    bool m_stopping = false;
    std::unique_ptr<QThread> m_thread;
};

} // namespace trove
