#include "HeadWatcher.h"

#include "Async.h"
#include "ErrorText.h"
#include "Repository.h"
#include "VersionLog.h"

namespace trove::ui {

HeadWatcher::HeadWatcher(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(3000);
    connect(&m_timer, &QTimer::timeout, this, &HeadWatcher::pollNow);
}

void HeadWatcher::watch(std::shared_ptr<Repository> repo, const VolumeInfo &volume)
{
    m_repo = std::move(repo);
    m_volume = volume;
    m_lastHead = -1;
    ++m_generation;
    m_busy = false;
    m_timer.start();
    pollNow();
}

void HeadWatcher::stop()
{
    m_timer.stop();
    m_repo.reset();
    ++m_generation;
}

void HeadWatcher::pollNow()
{
    if (!m_repo || m_busy)
        return;
    m_busy = true;
    const quint64 generation = m_generation;
    runAsync(this, [repo = m_repo, id = m_volume.id] { return VersionLog(repo->store(), id).head(); },
             [this, generation](const Result<qint64> &result) {
                 if (generation != m_generation)
                     return; // a poll for a volume no longer shown
                 m_busy = false;
                 if (!result.ok()) {
                     emit failed(describeError(result.errorKind, result.error,
                                               tr("Could not check volume \"%1\" for new versions.").arg(m_volume.name)));
                     return;
                 }
                 if (*result.value != m_lastHead) {
                     m_lastHead = *result.value;
                     emit headChanged(m_lastHead);
                 }
             });
}

} // namespace trove::ui
