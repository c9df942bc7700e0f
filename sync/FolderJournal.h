#pragma once

#include "FolderFiles.h"
#include "Journal.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace trove {

// What identifies a file's content in a volume: the hash of its chunk hashes, in order.
Hash contentIdentity(const QList<Ref> &chunks);

// FOLDER/.trove/journal.sqlite (WAL): the folder's base version and, per file path (relative,
// '/'-separated), its record. The one class that owns this database's SQL. A folder's journal
// is its own (the store's cache, Journal.h, is another); one connection, one thread at a time.
class FolderJournal
{
public:
    explicit FolderJournal(const QString &path); // creates it; throws Io
    ~FolderJournal();
    FolderJournal(const FolderJournal &) = delete;
    FolderJournal &operator=(const FolderJournal &) = delete;

    // 0 before the folder was first brought together with its volume.
    qint64 baseVersion();
    // Every file, read with one query (an unchanged folder of 100,000 files is compared with
    // this in memory, with no query per file).
    FolderFiles files();

    struct Update
    {
        QHash<QString, FolderFileRecord> put;
        QStringList removed;
        std::optional<qint64> baseVersion;
    };
    // In one transaction: what was committed or written, and the new base version.
    void apply(const Update &update);

private:
    struct StatementDeleter { void operator()(sqlite3_stmt *s) const; };
    using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;
    struct DbDeleter { void operator()(sqlite3 *db) const; };

    void exec(const char *sql);
    Statement prepare(const char *sql);
    void step(sqlite3_stmt *stmt, const char *what);
    [[noreturn]] void raise(const char *what);

    QString m_path;
    std::unique_ptr<sqlite3, DbDeleter> m_db;
};

} // namespace trove
