#include "FolderState.h"

#include "Error.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace trove::folderstate {

QString stateDir(const QString &root) { return root + QStringLiteral("/.trove"); }
QString journalPath(const QString &root) { return stateDir(root) + QStringLiteral("/journal.sqlite"); }
static QString bindingPath(const QString &root) { return stateDir(root) + QStringLiteral("/binding.json"); }

QString boundRootOf(const QString &folder)
{
    for (QString dir = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());;) {
        if (QFileInfo::exists(bindingPath(dir)))
            return dir;
        const QString parent = QFileInfo(dir).path();
        if (parent == dir)
            return {};
        dir = parent;
    }
}

FolderBinding readBinding(const QString &root)
{
    QFile file(bindingPath(root));
    if (!file.open(QIODevice::ReadOnly))
        fail(file.exists() ? Error::Kind::Io : Error::Kind::NotFound,
             QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll(), &error).object();
    FolderBinding b;
    b.folder = root;
    b.store = o.value(QStringLiteral("store")).toString();
    b.volume = o.value(QStringLiteral("volume")).toString();
    b.volumeId = o.value(QStringLiteral("volume_id")).toString();
    b.remotePath = o.value(QStringLiteral("remote_path")).toString();
    if (error.error != QJsonParseError::NoError || b.store.isEmpty() || b.volume.isEmpty() || b.volumeId.isEmpty())
        fail(Error::Kind::Corrupt, QStringLiteral("%1 is damaged (%2); bind the folder again with `trove-cli volume sync NAME %3`")
                                       .arg(file.fileName(), error.error != QJsonParseError::NoError ? error.errorString() : QStringLiteral("fields missing"), root));
    return b;
}

void writeBinding(const FolderBinding &b)
{
    const QJsonObject o{{QStringLiteral("store"), b.store},
                        {QStringLiteral("volume"), b.volume},
                        {QStringLiteral("volume_id"), b.volumeId},
                        {QStringLiteral("remote_path"), b.remotePath}};
    QSaveFile file(bindingPath(b.folder));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(o).toJson()) < 0 || !file.commit())
        fail(Error::Kind::Io, QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()));
}

static std::unique_ptr<QLockFile> lockFileOf(const QString &root)
{
    auto lockFile = std::make_unique<QLockFile>(stateDir(root) + QStringLiteral("/lock"));
    lockFile->setStaleLockTime(0); // a long commit is not stale; a dead holder's lock is
    return lockFile;
}

std::unique_ptr<QLockFile> tryLock(const QString &root)
{
    auto lockFile = lockFileOf(root);
    return lockFile->tryLock(0) ? std::move(lockFile) : nullptr;
}

std::unique_ptr<QLockFile> lock(const QString &root, int waitMs)
{
    auto lockFile = lockFileOf(root);
    if (lockFile->tryLock(waitMs))
        return lockFile;
    qint64 pid = 0;
    QString host, app;
    lockFile->getLockInfo(&pid, &host, &app);
    fail(Error::Kind::Busy, QStringLiteral("%1 is being synced by another process (%2, pid %3); try again when it is done")
                                .arg(root, app.isEmpty() ? QStringLiteral("trove") : app).arg(pid));
}

} // namespace trove::folderstate
