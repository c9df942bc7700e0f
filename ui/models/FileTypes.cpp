#include "FileTypes.h"

#include <QApplication>
#include <QCoreApplication>
#include <QHash>
#include <QMimeDatabase>
#include <QMutex>
#include <QStyle>

namespace trove::ui {

namespace {

QString extensionOf(const QString &name)
{
    const int dot = name.lastIndexOf(QLatin1Char('.'));
    return dot > 0 ? name.mid(dot + 1).toLower() : QString();
}

// What the MIME database says of an extension, read once on a worker.
struct TypeInfo
{
    QString kind;
    QString iconName, genericIconName;
};

QMutex typesMutex;
QHash<QString, TypeInfo> types; // by extension

} // namespace

QString FileTypes::kindOf(const QString &name, bool isDir)
{
    if (isDir)
        return QCoreApplication::translate("trove::ui::FileTypes", "Folder");
    const QString extension = extensionOf(name);
    {
        QMutexLocker lock(&typesMutex);
        const auto it = types.constFind(extension);
        if (it != types.constEnd())
            return it->kind;
    }
    // Looked up unlocked: the first lookup loads the database, and iconOf() on the GUI
    // thread must not wait for that.
    const QMimeType type = QMimeDatabase().mimeTypeForFile(name, QMimeDatabase::MatchExtension);
    TypeInfo info;
    info.kind = type.isDefault() ? (extension.isEmpty() ? QCoreApplication::translate("trove::ui::FileTypes", "File")
                                                        : QCoreApplication::translate("trove::ui::FileTypes", "%1 file").arg(extension.toUpper()))
                                 : type.comment();
    if (!type.isDefault()) {
        info.iconName = type.iconName();
        info.genericIconName = type.genericIconName();
    }
    QMutexLocker lock(&typesMutex);
    types.insert(extension, info);
    return info.kind;
}

QIcon FileTypes::iconOf(const QString &name, bool isDir)
{
    static QHash<QString, QIcon> cache;
    const QString key = isDir ? QStringLiteral("/") : extensionOf(name);
    auto it = cache.constFind(key);
    if (it != cache.constEnd())
        return *it;
    QStyle *style = QApplication::style();
    QIcon icon;
    if (isDir) {
        icon = QIcon::fromTheme(QStringLiteral("folder"), style->standardIcon(QStyle::SP_DirIcon));
    } else {
        TypeInfo info;
        {
            QMutexLocker lock(&typesMutex);
            const auto found = types.constFind(key);
            if (found == types.constEnd())
                return style->standardIcon(QStyle::SP_FileIcon); // not described yet: not cached, asked again
            info = *found;
        }
        icon = QIcon::fromTheme(info.iconName, QIcon::fromTheme(info.genericIconName, style->standardIcon(QStyle::SP_FileIcon)));
    }
    cache.insert(key, icon);
    return icon;
}

} // namespace trove::ui
