#include "WatchedFolderStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace trove::ui {

QString WatchedFolderStore::filePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("watched-folders.json"));
}

QList<WatchedFolder> WatchedFolderStore::load()
{
    QFile file(filePath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<WatchedFolder> folders;
    for (const QJsonValue &v : QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("folders")).toArray()) {
        const QJsonObject o = v.toObject();
        WatchedFolder f;
        f.folder = o.value(QStringLiteral("folder")).toString();
        f.store = o.value(QStringLiteral("store")).toString();
        f.volume = o.value(QStringLiteral("volume")).toString();
        f.remotePath = o.value(QStringLiteral("remotePath")).toString();
        f.paused = o.value(QStringLiteral("paused")).toBool();
        if (!f.folder.isEmpty())
            folders.append(f);
    }
    return folders;
}

bool WatchedFolderStore::save(const QList<WatchedFolder> &folders)
{
    QJsonArray array;
    for (const WatchedFolder &f : folders)
        array.append(QJsonObject{{QStringLiteral("folder"), f.folder},
                                 {QStringLiteral("store"), f.store},
                                 {QStringLiteral("volume"), f.volume},
                                 {QStringLiteral("remotePath"), f.remotePath},
                                 {QStringLiteral("paused"), f.paused}});
    QDir().mkpath(QFileInfo(filePath()).path());
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("folders"), array}}).toJson());
    return file.commit();
}

} // namespace trove::ui
