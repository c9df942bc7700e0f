#include "DiskFlusher.h"

#include <fcntl.h>
#include <unistd.h>

namespace trove {

DiskFlusher::DiskFlusher(const QString &directory)
    : m_directory(FileDescriptor::open(directory, O_RDONLY | O_DIRECTORY))
    , m_thread(QThread::create([this] { run(); }))
{
    m_thread->start();
}

DiskFlusher::~DiskFlusher() { stop(); }

void DiskFlusher::written(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    m_unflushed += bytes;
    if (m_unflushed >= Step)
        m_wake.wakeOne();
}

void DiskFlusher::flushNow()
{
    stop();
    ::syncfs(m_directory.get());
}

void DiskFlusher::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeOne();
    }
    m_thread->wait();
}

void DiskFlusher::run()
{
    QMutexLocker lock(&m_mutex);
    for (;;) {
        while (!m_stopping && m_unflushed < Step)
            m_wake.wait(&m_mutex);
        if (m_stopping)
            return;
        m_unflushed = 0;
        lock.unlock();
        ::syncfs(m_directory.get());
        lock.relock();
    }
}

} // namespace trove
