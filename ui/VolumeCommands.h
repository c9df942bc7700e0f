#pragma once

#include "Registry.h"

#include <QObject>
#include <memory>

class QWidget;

namespace trove {
class Repository;
}

namespace trove::ui {

// Creating, renaming, forking and deleting volumes: asks the user, runs the registry call
// on EnginePool, and reports which volume to show next.
class VolumeCommands : public QObject
{
    Q_OBJECT
public:
    explicit VolumeCommands(QWidget *window);
    void setRepository(std::shared_ptr<Repository> repo) { m_repo = std::move(repo); }

    void create();
    void createNamed(const QString &name, int format);
    void rename(const VolumeInfo &volume);
    void fork(const VolumeInfo &volume);
    void remove(const VolumeInfo &volume);

signals:
    void done(const QString &select); // the volume list changed; show `select` ("" keeps the current one)
    void failed(const QString &message);

private:
    template<typename Work>
    void run(Work work, const QString &select, const QString &context);

    QWidget *m_window;
    std::shared_ptr<Repository> m_repo;
};

} // namespace trove::ui
