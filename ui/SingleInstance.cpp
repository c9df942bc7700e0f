#include "SingleInstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>

namespace trove::ui {

namespace {

constexpr int ConnectMs = 2000;

// Per user and per data directory, so that tests and a second account each get their own.
QString serverNameFor(const QString &lockPath)
{
    const QByteArray hash = QCryptographicHash::hash(QFile::encodeName(lockPath), QCryptographicHash::Sha256).toHex().left(16);
    return QStringLiteral("trove-%1-%2").arg(qEnvironmentVariable("USER", QStringLiteral("user")), QString::fromLatin1(hash));
}

} // namespace

SingleInstance::SingleInstance(const QString &dataDir, QObject *parent)
    : QObject(parent), m_dataDir(dataDir), m_lock(dataDir + QStringLiteral("/trove.lock")), m_serverName(serverNameFor(dataDir + QStringLiteral("/trove.lock")))
{
    m_lock.setStaleLockTime(0); // stale only when its process is gone (a crash), never by age
}

SingleInstance::~SingleInstance() = default;

bool SingleInstance::acquire()
{
    QDir().mkpath(m_dataDir);
    if (!m_lock.tryLock()) {
        if (m_lock.error() != QLockFile::LockFailedError) { // not held by another: unwritable
            qWarning("trove: cannot create %s; a second Trove started now would not be stopped",
                     qPrintable(QDir::toNativeSeparators(m_lock.fileName())));
            return true;
        }
        QString host, app;
        m_lock.getLockInfo(&m_otherPid, &host, &app);
        QLocalSocket socket;
        socket.connectToServer(m_serverName);
        if (socket.waitForConnected(ConnectMs))
            socket.disconnectFromServer(); // the connection itself is the request
        return false;
    }
    m_server = std::make_unique<QLocalServer>();
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    QLocalServer::removeServer(m_serverName); // a socket file left by a crash; the lock says it is ours now
    connect(m_server.get(), &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            emit activationRequested();
        }
    });
    if (!m_server->listen(m_serverName))
        qWarning("trove: cannot listen on %s (%s); a second start will not bring this window forward",
                 qPrintable(m_serverName), qPrintable(m_server->errorString()));
    return true;
}

QString SingleInstance::alreadyRunningText() const
{
    return tr("Trove is already running for this user (process %1); its window was brought to the front").arg(m_otherPid);
}

} // namespace trove::ui
