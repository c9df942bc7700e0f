#pragma once

#include "Ref.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>
#include <memory>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace trove {

// What the journal remembers about a local file it has chunked: if size, mtime and inode
// still match, its chunks are known without reading it again.
struct FileFingerprint
{
    qint64 size = 0;
    qint64 mtimeNs = 0;
    qint64 inode = 0;
    bool operator==(const FileFingerprint &o) const { return size == o.size && mtimeNs == o.mtimeNs && inode == o.inode; }
};

// The one class that owns SQL: a per-store cache in SQLite (WAL, so several processes share
// it). Thread-safe. Everything here is a cache: losing it costs time and space, never correctness.
//  - chunks: hash -> location, the dedupe index writers consult;
//  - files: local path + fingerprint -> chunk refs, so an unchanged file is not re-read.
class Journal
{
public:
    // Opens (creating) the journal at `path`; throws Io.
    explicit Journal(const QString &path);
    ~Journal();
    Journal(const Journal &) = delete;
    Journal &operator=(const Journal &) = delete;

    // The journal of a store, under the user's cache directory.
    static QString defaultPathFor(const QString &storeDisplayName);

    std::optional<Ref> findChunk(const Hash &hash);
    // While one exists, findChunk reads a snapshot on a second connection kept in one read
    // transaction: an autocommit lookup would take and drop WAL locks (system calls) for every
    // chunk, and would queue behind the writes of chunks just stored. Lookups may then miss
    // chunks added meanwhile, which costs a duplicate, never correctness.
    class LookupSnapshot
    {
    public:
        explicit LookupSnapshot(Journal &journal);
        ~LookupSnapshot();
        LookupSnapshot(const LookupSnapshot &) = delete;
        LookupSnapshot &operator=(const LookupSnapshot &) = delete;

    private:
        Journal &m_journal;
    };
    void addChunks(const QList<Ref> &refs);
    void forgetPack(const Hash &pack);

    struct FileRecord { QString path; FileFingerprint fingerprint; QList<Ref> chunks; };
    // Every file remembered at `path` or below it (absolute paths), by path.
    QHash<QString, FileRecord> filesUnder(const QString &path);
    // Only for files whose chunks are all in stored packs.
    void rememberFiles(const QList<FileRecord> &files);

private:
    struct StatementDeleter { void operator()(sqlite3_stmt *s) const; };
    using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;
    struct DbDeleter { void operator()(sqlite3 *db) const; };

    static std::unique_ptr<sqlite3, DbDeleter> open(const QString &path);
    void exec(const char *sql, sqlite3 *db = nullptr);
    Statement prepare(const char *sql, sqlite3 *db = nullptr);
    void step(sqlite3_stmt *stmt, const char *what);
    [[noreturn]] void raise(const char *what);
    void migrate();

    QString m_path;
    QMutex m_mutex; // one connection, used from the uploader's threads
    std::unique_ptr<sqlite3, DbDeleter> m_db;
    Statement m_findChunk, m_addChunk, m_forgetPack, m_filesUnder, m_rememberFile;

    QMutex m_snapshotMutex; // the snapshot connection and its statement
    int m_snapshots = 0;
    std::unique_ptr<sqlite3, DbDeleter> m_snapshotDb;
    Statement m_snapshotFindChunk;
};

} // namespace trove
