#include "TransferStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStandardPaths>
#include <QtDebug>
#include <sqlite3.h>

namespace trove::ui {
namespace {

constexpr int SchemaVersion = 1;

QString columnText(sqlite3_stmt *s, int column)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, column)), sqlite3_column_bytes(s, column));
}

QByteArray columnBlob(sqlite3_stmt *s, int column)
{
    return QByteArray(static_cast<const char *>(sqlite3_column_blob(s, column)), sqlite3_column_bytes(s, column));
}

void bindText(sqlite3_stmt *s, int index, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(s, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

void bindBlob(sqlite3_stmt *s, int index, const QByteArray &blob)
{
    sqlite3_bind_blob(s, index, blob.constData(), int(blob.size()), SQLITE_TRANSIENT);
}

} // namespace

void TransferStore::DbDeleter::operator()(sqlite3 *db) const { sqlite3_close(db); }
void TransferStore::StatementDeleter::operator()(sqlite3_stmt *s) const { sqlite3_finalize(s); }

QString TransferStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/trove/desktop/transfers.sqlite");
}

TransferStore::TransferStore(const QString &path)
{
    m_persistent = open(path);
    if (!m_persistent) {
        qWarning("transfer queue: cannot open %s (%s); transfers are kept for this session only",
                 qPrintable(path), m_db ? sqlite3_errmsg(m_db.get()) : "out of memory");
        open(QStringLiteral(":memory:"));
    }
    m_upsertBatch = prepare(
        "INSERT INTO batches(id, kind, store_url, volume_id, volume_name, volume_format, base_version, state, position,"
        " message, bytes_done, bytes_total, files_done, files_total, error_kind, error_text, result_version, result_path, attempts)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)"
        " ON CONFLICT(id) DO UPDATE SET state = ?8, position = ?9, message = ?10, bytes_done = ?11, bytes_total = ?12,"
        " files_done = ?13, files_total = ?14, error_kind = ?15, error_text = ?16, result_version = ?17, result_path = ?18, attempts = ?19");
    m_deleteBatch = prepare("DELETE FROM batches WHERE id = ?1");
    m_deleteItems = prepare("DELETE FROM items WHERE batch_id = ?1");
    m_insertItem = prepare(
        "INSERT INTO items(batch_id, seq, op, local, remote, source, data, recursive, force, from_version)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    m_writer = std::thread([this] { writeLoop(); });
}

TransferStore::~TransferStore()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_writer.join(); // the loop writes what is pending before it ends
}

bool TransferStore::open(const QString &path)
{
    if (path != QStringLiteral(":memory:"))
        QDir().mkpath(QFileInfo(path).path());
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    m_db.reset(db);
    if (rc != SQLITE_OK)
        return false;
    sqlite3_busy_timeout(db, 5000);
    // WAL: a reader (a second app instance, a support tool) never blocks the writer; NORMAL
    // sync loses at most the last burst on power loss, which a transfer rerun repairs.
    if (sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", nullptr, nullptr, nullptr) != SQLITE_OK)
        return false;
    migrate();
    return true;
}

void TransferStore::migrate()
{
    Statement version = prepare("PRAGMA user_version");
    const int current = sqlite3_step(version.get()) == SQLITE_ROW ? sqlite3_column_int(version.get(), 0) : 0;
    if (current >= SchemaVersion)
        return;
    exec("BEGIN");
    exec("CREATE TABLE IF NOT EXISTS batches(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, store_url TEXT NOT NULL,"
         " volume_id TEXT NOT NULL, volume_name TEXT NOT NULL, volume_format INTEGER NOT NULL, base_version INTEGER NOT NULL,"
         " state INTEGER NOT NULL, position INTEGER NOT NULL, message TEXT NOT NULL, bytes_done INTEGER NOT NULL,"
         " bytes_total INTEGER NOT NULL, files_done INTEGER NOT NULL, files_total INTEGER NOT NULL, error_kind INTEGER NOT NULL,"
         " error_text TEXT NOT NULL, result_version INTEGER NOT NULL, result_path TEXT NOT NULL, attempts INTEGER NOT NULL)");
    exec("CREATE TABLE IF NOT EXISTS items(batch_id INTEGER NOT NULL, seq INTEGER NOT NULL, op TEXT NOT NULL,"
         " local TEXT NOT NULL, remote TEXT NOT NULL, source TEXT NOT NULL, data BLOB, recursive INTEGER NOT NULL,"
         " force INTEGER NOT NULL, from_version INTEGER NOT NULL, PRIMARY KEY(batch_id, seq))");
    exec("PRAGMA user_version = 1");
    exec("COMMIT");
}

void TransferStore::exec(const char *sql)
{
    char *error = nullptr;
    if (sqlite3_exec(m_db.get(), sql, nullptr, nullptr, &error) != SQLITE_OK) {
        qWarning("transfer queue: %s: %s", sql, error);
        sqlite3_free(error);
    }
}

TransferStore::Statement TransferStore::prepare(const char *sql)
{
    sqlite3_stmt *s = nullptr;
    if (sqlite3_prepare_v2(m_db.get(), sql, -1, &s, nullptr) != SQLITE_OK)
        qFatal("transfer queue: cannot prepare %s: %s", sql, sqlite3_errmsg(m_db.get())); // a bug in this file
    return Statement(s);
}

QList<TransferBatch> TransferStore::load()
{
    QList<TransferBatch> batches;
    QHash<qint64, int> indexOf;
    Statement b = prepare(
        "SELECT id, kind, store_url, volume_id, volume_name, volume_format, base_version, state, position, message,"
        " bytes_done, bytes_total, files_done, files_total, error_kind, error_text, result_version, result_path, attempts"
        " FROM batches ORDER BY position, id");
    while (sqlite3_step(b.get()) == SQLITE_ROW) {
        TransferBatch batch;
        sqlite3_stmt *s = b.get();
        batch.id = sqlite3_column_int64(s, 0);
        batch.kind = TransferKind(sqlite3_column_int(s, 1));
        batch.storeUrl = columnText(s, 2);
        batch.volume.id = columnText(s, 3);
        batch.volume.name = columnText(s, 4);
        batch.volume.format = sqlite3_column_int(s, 5);
        batch.baseVersion = sqlite3_column_int64(s, 6);
        batch.state = BatchState(sqlite3_column_int(s, 7));
        batch.position = sqlite3_column_int64(s, 8);
        batch.message = columnText(s, 9);
        batch.bytesDone = sqlite3_column_int64(s, 10);
        batch.bytesTotal = sqlite3_column_int64(s, 11);
        batch.filesDone = sqlite3_column_int64(s, 12);
        batch.filesTotal = sqlite3_column_int64(s, 13);
        batch.errorKind = sqlite3_column_int(s, 14);
        batch.errorText = columnText(s, 15);
        batch.resultVersion = sqlite3_column_int64(s, 16);
        batch.resultPath = columnText(s, 17);
        batch.attempts = sqlite3_column_int(s, 18);
        m_lastId = std::max(m_lastId, batch.id);
        indexOf.insert(batch.id, int(batches.size()));
        batches.append(batch);
    }
    Statement i = prepare("SELECT batch_id, op, local, remote, source, data, recursive, force, from_version FROM items ORDER BY batch_id, seq");
    while (sqlite3_step(i.get()) == SQLITE_ROW) {
        sqlite3_stmt *s = i.get();
        const auto at = indexOf.constFind(sqlite3_column_int64(s, 0));
        if (at == indexOf.constEnd())
            continue; // a batch removed while its items were being written
        batches[*at].items.append({columnText(s, 1), columnText(s, 2), columnText(s, 3), columnText(s, 4), columnBlob(s, 5),
                                   sqlite3_column_int(s, 6) != 0, sqlite3_column_int(s, 7) != 0, sqlite3_column_int64(s, 8)});
    }
    return batches;
}

void TransferStore::save(const TransferBatch &batch, bool withItems)
{
    {
        const std::lock_guard lock(m_mutex);
        PendingSave &pending = m_saves[batch.id];
        pending.withItems = pending.withItems || withItems; // items written once are still owed
        pending.batch = batch;
    }
    m_wake.notify_one();
}

void TransferStore::remove(const QList<qint64> &ids)
{
    {
        const std::lock_guard lock(m_mutex);
        m_removals += ids;
    }
    m_wake.notify_one();
}

void TransferStore::writeLoop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_saves.isEmpty() || !m_removals.isEmpty(); });
        if (m_saves.isEmpty() && m_removals.isEmpty())
            return; // stopping, and everything is written
        const QMap<qint64, PendingSave> saves = std::exchange(m_saves, {});
        const QList<qint64> removals = std::exchange(m_removals, {});
        lock.unlock();
        write(saves, removals);
        lock.lock();
    }
}

void TransferStore::write(const QMap<qint64, PendingSave> &saves, const QList<qint64> &removals)
{
    exec("BEGIN");
    for (const PendingSave &save : saves)
        writeBatch(save);
    for (const qint64 id : removals) {
        for (sqlite3_stmt *s : {m_deleteBatch.get(), m_deleteItems.get()}) {
            sqlite3_bind_int64(s, 1, id);
            sqlite3_step(s);
            sqlite3_reset(s);
        }
    }
    exec("COMMIT");
}

void TransferStore::writeBatch(const PendingSave &save)
{
    const TransferBatch &b = save.batch;
    sqlite3_stmt *s = m_upsertBatch.get();
    sqlite3_bind_int64(s, 1, b.id);
    sqlite3_bind_int(s, 2, int(b.kind));
    bindText(s, 3, b.storeUrl);
    bindText(s, 4, b.volume.id);
    bindText(s, 5, b.volume.name);
    sqlite3_bind_int(s, 6, b.volume.format);
    sqlite3_bind_int64(s, 7, b.baseVersion);
    sqlite3_bind_int(s, 8, int(b.state));
    sqlite3_bind_int64(s, 9, b.position);
    bindText(s, 10, b.message);
    sqlite3_bind_int64(s, 11, b.bytesDone);
    sqlite3_bind_int64(s, 12, b.bytesTotal);
    sqlite3_bind_int64(s, 13, b.filesDone);
    sqlite3_bind_int64(s, 14, b.filesTotal);
    sqlite3_bind_int(s, 15, b.errorKind);
    bindText(s, 16, b.errorText);
    sqlite3_bind_int64(s, 17, b.resultVersion);
    bindText(s, 18, b.resultPath);
    sqlite3_bind_int(s, 19, b.attempts);
    if (sqlite3_step(s) != SQLITE_DONE)
        qWarning("transfer queue: cannot save batch %lld: %s", b.id, sqlite3_errmsg(m_db.get()));
    sqlite3_reset(s);
    if (!save.withItems)
        return;
    sqlite3_bind_int64(m_deleteItems.get(), 1, b.id);
    sqlite3_step(m_deleteItems.get());
    sqlite3_reset(m_deleteItems.get());
    s = m_insertItem.get();
    for (qsizetype seq = 0; seq < b.items.size(); ++seq) {
        const TransferItem &item = b.items[seq];
        sqlite3_bind_int64(s, 1, b.id);
        sqlite3_bind_int64(s, 2, seq);
        bindText(s, 3, item.op);
        bindText(s, 4, item.local);
        bindText(s, 5, item.remote);
        bindText(s, 6, item.source);
        bindBlob(s, 7, item.data);
        sqlite3_bind_int(s, 8, item.recursive);
        sqlite3_bind_int(s, 9, item.force);
        sqlite3_bind_int64(s, 10, item.fromVersion);
        if (sqlite3_step(s) != SQLITE_DONE)
            qWarning("transfer queue: cannot save an item of batch %lld: %s", b.id, sqlite3_errmsg(m_db.get()));
        sqlite3_reset(s);
    }
}

} // namespace trove::ui
