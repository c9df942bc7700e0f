#pragma once

#include "TransferBatch.h"

#include <QMap>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

struct sqlite3;
struct sqlite3_stmt;

namespace trove::ui {

// The transfer queue on disk: its own SQLite file (WAL, schema version), app state rather than
// cache, so it stays out of the engine's Journal. Opening and loading happen once, at start-up;
// every later write goes to a writer thread that commits one transaction per burst and keeps
// only the newest state of each batch, so the GUI thread never waits for the disk.
class TransferStore
{
public:
    // $XDG_DATA_HOME/trove/desktop/transfers.sqlite
    static QString defaultPath();

    // Opens (creating) the queue at `path`. When that fails the queue lives in memory for
    // this run and persistent() is false.
    explicit TransferStore(const QString &path);
    // Writes what is still queued, then stops the writer.
    ~TransferStore();
    TransferStore(const TransferStore &) = delete;
    TransferStore &operator=(const TransferStore &) = delete;

    bool persistent() const { return m_persistent; }
    // Every batch with its items, in queue order. Only before the first write.
    QList<TransferBatch> load();
    // A batch id never used in this file.
    qint64 nextId() { return ++m_lastId; }

    // Queued for the writer; `withItems` also replaces the batch's items.
    void save(const TransferBatch &batch, bool withItems);
    void remove(const QList<qint64> &ids);

private:
    struct DbDeleter { void operator()(sqlite3 *db) const; };
    struct StatementDeleter { void operator()(sqlite3_stmt *s) const; };
    using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;
    struct PendingSave { TransferBatch batch; bool withItems = false; };

    bool open(const QString &path);
    void migrate();
    void exec(const char *sql);
    Statement prepare(const char *sql);
    void writeLoop();
    void write(const QMap<qint64, PendingSave> &saves, const QList<qint64> &removals);
    void writeBatch(const PendingSave &save);

    std::unique_ptr<sqlite3, DbDeleter> m_db;
    bool m_persistent = false;
    qint64 m_lastId = 0;
    Statement m_upsertBatch, m_deleteBatch, m_deleteItems, m_insertItem;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    QMap<qint64, PendingSave> m_saves;
    QList<qint64> m_removals;
    bool m_stopping = false;
    std::thread m_writer;
};

} // namespace trove::ui
