#include "StoreList.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

namespace trove::ui {

QString StoreList::filePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/stores.json");
}

StoreEntry StoreList::embeddedStore()
{
    // The same directory trove-cli uses when no store is named (StoreUrl.cpp's default).
    const QString path = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/trove/store");
    return {tr("This computer"), QUrl::fromLocalFile(path).toString()};
}

QList<StoreEntry> StoreList::load()
{
    QList<StoreEntry> stores{embeddedStore()};
    QFile file(filePath());
    if (!file.open(QIODevice::ReadOnly))
        return stores;
    const QJsonArray saved = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("stores")).toArray();
    for (const QJsonValue &value : saved) {
        const StoreEntry entry{value[QStringLiteral("name")].toString(), value[QStringLiteral("url")].toString()};
        if (!entry.url.isEmpty() && entry.url != stores.first().url)
            stores.append(entry);
    }
    return stores;
}

bool StoreList::save(const QList<StoreEntry> &stores)
{
    QJsonArray saved;
    const QString embedded = embeddedStore().url;
    for (const StoreEntry &entry : stores) {
        if (entry.url != embedded)
            saved.append(QJsonObject{{QStringLiteral("name"), entry.name}, {QStringLiteral("url"), entry.url}});
    }
    QDir().mkpath(QFileInfo(filePath()).absolutePath());
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("stores"), saved}}).toJson());
    return file.commit();
}

} // namespace trove::ui
