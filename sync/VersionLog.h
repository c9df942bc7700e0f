#pragma once

#include "Ref.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace trove {

class Store;

struct ChangeSummary
{
    int added = 0;
    int modified = 0;
    int removed = 0;
};

// One committed version. Root may be null: the empty volume.
struct VersionRecord
{
    qint64 version = 0;
    qint64 parent = 0;
    Ref root;
    QDateTime time;
    QString writer;   // user@host:pid
    QString message;
    QString commitId; // random per attempt: a writer recognises its own record after a lost reply
    ChangeSummary changes;

    QByteArray toJson() const;
    static VersionRecord fromJson(const QByteArray &bytes, const QString &what); // throws Corrupt
};

// `volumes/<id>/versions/<N, 12 digits>` records, each created once with createIfAbsent, so
// version N+1 exists at most once whatever the number of concurrent writers. `head` is a
// hint written after each commit to find the newest version without listing them all.
class VersionLog
{
public:
    VersionLog(Store &store, const QString &volumeId);

    qint64 head();                      // 0 when the volume has no version yet
    VersionRecord read(qint64 version); // throws NotFound naming the version, Corrupt
    // The newest version that can be read, and the number of the newest record: they differ
    // when the newest records are damaged, and then `warning` says which one is used.
    struct Newest
    {
        VersionRecord record; // version 0 when the volume has no version yet
        qint64 number = 0;
        QString warning;
    };
    Newest newest();
    // False when another writer took record.version first.
    bool create(const VersionRecord &record);
    // Every version, oldest first; a damaged record comes as a placeholder saying so.
    QList<VersionRecord> all();
    QList<qint64> numbers();

    QString keyOf(qint64 version) const;

private:
    Store &m_store;
    QString m_prefix;
};

QString currentWriter();

} // namespace trove
