#include "DragExporter.h"

#include "RemoteMimeData.h"
#include "engine/EnginePool.h"

#include <QDateTime>
#include <QDir>
#include <QDrag>
#include <QFileInfo>
#include <QWidget>

namespace trove::ui {
namespace {

// Set when the program starts: caches younger than this belong to this session.
const QDateTime processStart = QDateTime::currentDateTimeUtc();

} // namespace

Qt::DropAction DragExporter::startDrag(QWidget *source, TransferScheduler *scheduler, const RemoteEntries &entries)
{
    static const bool cleared = (clearOldCaches(), true);
    Q_UNUSED(cleared);
    auto *drag = new QDrag(source);
    drag->setMimeData(new RemoteMimeData(scheduler, entries));
    return drag->exec(Qt::CopyAction, Qt::CopyAction);
}

void DragExporter::clearOldCaches()
{
    const QString root = RemoteMimeData::dragCacheRoot();
    const QDateTime before = processStart;
    EnginePool::instance()->start([root, before] {
        const QFileInfoList tokens = QDir(root).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QFileInfo &token : tokens) {
            if (token.lastModified().toUTC() < before)
                QDir(token.filePath()).removeRecursively();
        }
    });
}

} // namespace trove::ui
