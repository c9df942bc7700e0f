#pragma once

#include "PendingChange.h"

#include <QList>
#include <QString>

namespace trove::ui {

// Pending changes kept for next time, per store and volume, in one JSON file in the app's
// data directory ($XDG_DATA_HOME/trove/pending.json). Blocking: call on EnginePool.
class PendingStore
{
public:
    static QString filePath();
    static QList<PendingChange> load(const QString &storeUrl, const QString &volumeId);
    static bool save(const QString &storeUrl, const QString &volumeId, const QList<PendingChange> &changes); // false: not written
};

} // namespace trove::ui
