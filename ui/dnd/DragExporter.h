#pragma once

#include <Qt>

class QWidget;

namespace trove::ui {

class TransferScheduler;
struct RemoteEntries;

// Drags volume entries out of a view, from its startDrag(): Copy only, so no target can make
// the view remove the dragged rows. The files are downloaded to the drag cache meanwhile
// (RemoteMimeData). The first drag of a session clears the caches of earlier sessions, whose
// targets have long finished copying.
class DragExporter
{
public:
    static Qt::DropAction startDrag(QWidget *source, TransferScheduler *scheduler, const RemoteEntries &entries);
    // Removes the drag caches made before this process started, on a worker thread.
    static void clearOldCaches();
};

} // namespace trove::ui
