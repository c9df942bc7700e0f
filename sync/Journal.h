#pragma once

#include "Ref.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>
#include <atomic>
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
//  - packs: pack name -> a number the chunk rows use;
//  - directories: local directory -> its files' fingerprints and chunk refs, so an unchanged
//    file is not read again.
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
    // True while a LookupSnapshot reads an index without chunks: findChunk would find none.
    bool knowsNoChunks() const { return m_snapshotHasNoChunks; }
    // The pack is gone from the store: its chunks are no longer found.
    void forgetPack(const Hash &pack);
    // Deletes the rows of chunks whose pack was forgotten (a scan of the index: for gc).
    void dropForgottenChunks();

    // Keys of the store's index objects already recorded here (StoreIndex.h).
    QSet<QString> loadedIndexes();
    void rememberIndexes(const QStringList &keys);

    struct FileRecord { QString path; FileFingerprint fingerprint; QList<Ref> chunks; };
    // Every file remembered at `path` or below it (absolute paths), by path.
    QHash<QString, FileRecord> filesUnder(const QString &path);
    // The records of the files `paths` (absolute), by path; a directory's row is read once
    // however many of its files are asked for.
    QHash<QString, FileRecord> filesAt(const QStringList &paths);
    // Chunks now in stored packs, and local files whose chunks all are, in one transaction:
    // a transaction writes every B-tree page it touches, and chunk hashes touch them all.
    void record(const QList<Ref> &chunks, const QList<FileRecord> &files = {});

private:
    struct StatementDeleter { void operator()(sqlite3_stmt *s) const; };
    using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;
    struct DbDeleter { void operator()(sqlite3 *db) const; };

    static std::unique_ptr<sqlite3, DbDeleter> open(const QString &path);
    void exec(const char *sql, sqlite3 *db = nullptr);
    Statement prepare(const char *sql, sqlite3 *db = nullptr);
    void step(sqlite3_stmt *stmt, const char *what);
    [[noreturn]] void raise(const char *what);
    int schemaVersion();
    void migrate();
    qint64 packId(const Hash &pack);                       // m_mutex held, in a transaction
    QMap<QString, FileRecord> directoryFiles(const QString &dir); // m_mutex held; by name

    QString m_path;
    QMutex m_mutex; // one connection, used from the uploader's threads
    std::unique_ptr<sqlite3, DbDeleter> m_db;
    Statement m_findChunk, m_addChunk, m_addPack, m_packId, m_forgetPack;
    Statement m_directoriesUnder, m_directory, m_rememberDirectory;

    QMutex m_snapshotMutex; // the snapshot connection and its statement
    int m_snapshots = 0;
    std::atomic<bool> m_snapshotHasNoChunks{false};
    std::unique_ptr<sqlite3, DbDeleter> m_snapshotDb;
    Statement m_snapshotFindChunk;
};

} // namespace trove
