#include "PendingStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QSaveFile>
#include <QStandardPaths>

namespace trove::ui {

namespace {

QMutex fileMutex; // saves run on pool threads; one read-modify-write at a time

QString keyOf(const QString &storeUrl, const QString &volumeId) { return storeUrl + QLatin1Char('#') + volumeId; }

QJsonObject readAll()
{
    QFile file(PendingStore::filePath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

QString PendingStore::filePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("pending.json"));
}

QList<PendingChange> PendingStore::load(const QString &storeUrl, const QString &volumeId)
{
    QMutexLocker lock(&fileMutex);
    QList<PendingChange> changes;
    for (const QJsonValue &v : readAll().value(keyOf(storeUrl, volumeId)).toArray())
        changes.append(PendingChange::fromJson(v.toObject()));
    return changes;
}

bool PendingStore::save(const QString &storeUrl, const QString &volumeId, const QList<PendingChange> &changes)
{
    QMutexLocker lock(&fileMutex);
    QJsonObject all = readAll();
    if (changes.isEmpty()) {
        if (!all.contains(keyOf(storeUrl, volumeId)))
            return true;
        all.remove(keyOf(storeUrl, volumeId));
    } else {
        QJsonArray array;
        for (const PendingChange &c : changes)
            array.append(c.toJson());
        all.insert(keyOf(storeUrl, volumeId), array);
    }
    QDir().mkpath(QFileInfo(filePath()).path());
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(all).toJson());
    return file.commit();
}

} // namespace trove::ui
