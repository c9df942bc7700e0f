#pragma once

#include "Registry.h"

#include <QList>
#include <QString>

namespace trove::ui {

// One row of the transfer queue: an atomic commit of its items, or one download. Pause is a
// cancel (jobs cannot be suspended), so Paused and Cancelled differ only in what the user meant.
enum class TransferKind { Commit = 0, Download = 1 };
enum class BatchState { Queued = 0, Running = 1, Done = 2, Failed = 3, Paused = 4, Cancelled = 5 };

// The request of one step, as stored: replayed into a trove::Step when the batch runs again.
struct TransferItem
{
    QString op;        // put-file, put-directory, put-data, put-entry, remove, copy, get
    QString local;     // put-file, put-directory: the local path; get: the destination
    QString remote;    // the volume path
    QString source;    // copy: the source path
    QByteArray data;   // put-data: the bytes; put-entry: the entry, encoded as a one-entry tree
    bool recursive = false;
    bool force = true;
    qint64 fromVersion = 0; // get: the version read
};

struct TransferBatch
{
    qint64 id = 0;
    TransferKind kind = TransferKind::Commit;
    QString storeUrl;
    trove::VolumeInfo volume;
    qint64 baseVersion = 0;
    BatchState state = BatchState::Queued;
    qint64 position = 0;
    QString message;
    qint64 bytesDone = 0, bytesTotal = 0, filesDone = 0, filesTotal = 0;
    // A commit's bytes checked in its current run: already in the store, or new (sent).
    qint64 bytesAlreadyStored = 0, bytesNew = 0;
    int errorKind = -1; // trove::Error::Kind of the last failure, -1 when none
    QString errorText;
    qint64 resultVersion = 0;
    QString resultPath; // a finished download's local path
    int attempts = 0;
    QList<TransferItem> items;

    bool isFinished() const { return state == BatchState::Done || state == BatchState::Cancelled; }
};

} // namespace trove::ui

namespace trove {
struct Step;
}

namespace trove::ui {

// Steps as stored items and back: the queue keeps the request, not the resolved changes.
QList<TransferItem> itemsFromSteps(const QList<trove::Step> &steps);
QList<trove::Step> stepsFromItems(const QList<TransferItem> &items);

} // namespace trove::ui
