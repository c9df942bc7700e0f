#pragma once

#include "PendingChange.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

namespace trove::ui {

// Writes the pending-change lists of a store to PendingStore on EnginePool, one save at a
// time, so an older list never lands after a newer one; of each volume only the newest list
// waiting is written.
class PendingSaver : public QObject
{
    Q_OBJECT
public:
    explicit PendingSaver(const QString &storeUrl, QObject *parent = nullptr);

    void save(const QString &volumeId, const QList<PendingChange> &changes);
    // Lists saved from now on belong to this store; those waiting still go to theirs.
    void setStoreUrl(const QString &storeUrl) { m_storeUrl = storeUrl; }

signals:
    void saveFailed(); // a list could not be written; it stays in memory while Trove runs

private:
    void flush();

    QString m_storeUrl;
    bool m_saving = false;
    QHash<std::pair<QString, QString>, QList<PendingChange>> m_unsaved; // by store URL and volume id: lists waiting to be saved
};

} // namespace trove::ui
