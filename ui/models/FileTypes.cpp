#include "FileTypes.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
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

} // namespace

QString FileTypes::kindOf(const QString &name, bool isDir)
{
    if (isDir)
        return QCoreApplication::translate("trove::ui::FileTypes", "Folder");
    static QMutex mutex;
    static QHash<QString, QString> cache;
    const QString extension = extensionOf(name);
    QMutexLocker lock(&mutex);
    auto it = cache.constFind(extension);
    if (it != cache.constEnd())
        return *it;
    const QMimeType type = QMimeDatabase().mimeTypeForFile(name, QMimeDatabase::MatchExtension);
    QString kind = type.isDefault() ? (extension.isEmpty() ? QCoreApplication::translate("trove::ui::FileTypes", "File")
                                                           : QCoreApplication::translate("trove::ui::FileTypes", "%1 file").arg(extension.toUpper()))
                                    : type.comment();
    cache.insert(extension, kind);
    return kind;
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
        const QMimeType type = QMimeDatabase().mimeTypeForFile(name, QMimeDatabase::MatchExtension);
        icon = QIcon::fromTheme(type.iconName(), QIcon::fromTheme(type.genericIconName(), style->standardIcon(QStyle::SP_FileIcon)));
    }
    cache.insert(key, icon);
    return icon;
}

} // namespace trove::ui
