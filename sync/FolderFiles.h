#pragma once

#include "Journal.h"

#include <QByteArrayView>
#include <QHash>
#include <QString>
#include <QStringView>
#include <vector>

namespace trove {

// A bound folder's memory of one file, as of the version it was last committed or written at.
struct FolderFileRecord
{
    FileFingerprint fingerprint; // size, mtime and inode when recorded: equal now means unchanged
    Hash content;                // contentIdentity() of the file's chunks in the volume
    qint64 version = 0;          // the version holding this content
};

// Every record of a bound folder's journal in memory. All paths (relative, '/'-separated) sit
// one after the other in one buffer and the index is keyed by views into it, so that the
// 100,000 records of a large folder cost no allocation each.
class FolderFiles
{
public:
    void reserve(qsizetype records) { m_entries.reserve(size_t(records)); }
    // Adds the record of a path not added yet, given as UTF-8 (as the journal keeps it).
    // Lookups see it after the next index().
    void append(QByteArrayView utf8Path, const FolderFileRecord &record);
    void index();

    qsizetype size() const { return qsizetype(m_entries.size()); }
    QStringView path(qsizetype i) const { return QStringView(m_paths).mid(m_entries[i].offset, m_entries[i].length); }
    const FolderFileRecord &record(qsizetype i) const { return m_entries[i].record; }
    // The position of a path's record, or -1.
    qsizetype indexOf(QStringView path) const { return m_index.value(path, -1); }
    const FolderFileRecord *find(QStringView path) const
    {
        const qsizetype i = indexOf(path);
        return i < 0 ? nullptr : &m_entries[i].record;
    }
    bool contains(QStringView path) const { return indexOf(path) >= 0; }

private:
    struct Entry
    {
        qsizetype offset;
        qsizetype length;
        FolderFileRecord record;
    };
    QString m_paths;
    std::vector<Entry> m_entries;
    QHash<QStringView, qsizetype> m_index; // views into m_paths, rebuilt by index()
};

} // namespace trove
