#pragma once

#include <QLockFile>
#include <QObject>
#include <memory>

class QLocalServer;

namespace trove::ui {

// One app per user data directory: the transfer queue file must have one writer. The first
// instance holds a QLockFile there and listens on a local socket named after it; a second
// one connects to that socket, which asks the first to show its window, and then ends.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    // `dataDir`: where the transfer queue lives (created when missing).
    explicit SingleInstance(const QString &dataDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    // True when this process is the only one: it holds the lock and listens. False when
    // another instance holds it; that one has been asked to show its window.
    bool acquire();
    qint64 otherProcessId() const { return m_otherPid; }
    // What a second start says on stderr, in the app's language.
    QString alreadyRunningText() const;

signals:
    void activationRequested(); // a second instance was started

private:
    QString m_dataDir;
    QLockFile m_lock;
    QString m_serverName;
    std::unique_ptr<QLocalServer> m_server;
    qint64 m_otherPid = 0;
};

} // namespace trove::ui
