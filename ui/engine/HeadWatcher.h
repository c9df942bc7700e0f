#pragma once

#include "Registry.h"

#include <QObject>
#include <QTimer>
#include <memory>

namespace trove {
class Repository;
}

namespace trove::ui {

// Polls the newest version of one volume every few seconds on EnginePool, so the window can
// say when another writer committed. One poll at a time: a slow store never piles them up.
class HeadWatcher : public QObject
{
    Q_OBJECT
public:
    explicit HeadWatcher(QObject *parent = nullptr);

    void watch(std::shared_ptr<Repository> repo, const VolumeInfo &volume);
    void stop();
    void pollNow();
    void setInterval(int ms) { m_timer.setInterval(ms); }

signals:
    void headChanged(qint64 head);
    void failed(const QString &message);

private:
    std::shared_ptr<Repository> m_repo;
    VolumeInfo m_volume;
    QTimer m_timer;
    bool m_busy = false;
    quint64 m_generation = 0;
    qint64 m_lastHead = -1;
};

} // namespace trove::ui
