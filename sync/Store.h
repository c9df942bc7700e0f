#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include "ObjectBody.h"
#include "TransferMonitor.h"
#include <optional>

namespace trove {

struct ObjectInfo
{
    QString key;
    qint64 size = 0;
    QDateTime modified;
};

struct ListPage
{
    QList<ObjectInfo> objects; // sorted by key
    bool truncated = false;    // ask again with startAfter = objects.last().key
};

// Where volumes live: a flat namespace of immutable objects plus a few small hints. The
// contract is small on purpose (restic's lesson): retry, limits and logging wrap it rather
// than live inside each store, and one conformance suite runs against every store.
// Every method throws trove::Error; NotFound only where noted.
class Store
{
public:
    virtual ~Store() = default;

    // Human-readable location without secrets, for messages.
    virtual QString displayName() const = 0;

    // The most bytes a download reads from an object at once. A network store's request costs
    // a round trip, so it reads much; a local read costs a system call, so its reads stay small
    // enough to be hashed and written while they are in the processor's cache.
    virtual qint64 rangeLengthLimit() const { return 16 * 1024 * 1024; }

    // Whether an upload finds how many objects to send at once (UploadStreams) instead of
    // sending `--transfers` from the start: a network store's best count depends on the link
    // and the server, a local store's does not.
    virtual bool probesUploadStreams() const { return false; }

    // Whole object; throws NotFound.
    virtual QByteArray get(const QString &key) = 0;
    // `length` bytes from `offset`; throws NotFound, or Corrupt when the object is shorter.
    virtual QByteArray getRange(const QString &key, qint64 offset, qint64 length) = 0;
    // Create or replace, atomically: readers see the old or the new object, never a part.
    // A body's file parts are read while it is written or sent.
    virtual void put(const QString &key, const ObjectBody &data) = 0;
    // Create only if no object has the key; false when it was taken. Atomic across
    // processes and machines: of many concurrent creators exactly one gets true.
    virtual bool createIfAbsent(const QString &key, const ObjectBody &data) = 0;
    // Up to `maxKeys` keys starting with `prefix` and sorted after `startAfter`.
    virtual ListPage list(const QString &prefix, const QString &startAfter = {}, int maxKeys = 1000) = 0;
    // Removing a missing key is not an error.
    virtual void remove(const QString &key) = 0;
    virtual std::optional<ObjectInfo> stat(const QString &key) = 0;

    // Checks once that writes here are safe (S3: that conditional creates are honoured).
    // Writes check by themselves; calling this early overlaps the check with other work.
    virtual void prepareForWrites() {}

    // Removes what interrupted writes left behind and no key names (the local store's
    // temporary files) once older than `seconds`; returns the bytes freed.
    virtual qint64 removeStaleTemporaries(qint64 seconds) { Q_UNUSED(seconds) return 0; }

    // Convenience over list(): every key with the prefix, all pages.
    QList<ObjectInfo> listAll(const QString &prefix);

    // Caps this store's bandwidth in each direction, all requests together (network stores).
    virtual void setBandwidthLimit(qint64 bytesPerSecond) { Q_UNUSED(bytesPerSecond) }

    // The object reads and writes in flight, as they progress. Wrappers show their inner
    // store's.
    virtual TransferMonitor &transfers() { return m_transfers; }

private:
    TransferMonitor m_transfers;
};

} // namespace trove
