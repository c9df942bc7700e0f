#include "Journal.h"

#include "Error.h"
#include "Tree.h"

#include <QCryptographicHash>
#include <QDir>
#include <QRandomGenerator>
#include <QThread>
#include <QFile>
#include <QStandardPaths>
#include <sqlite3.h>

namespace trove {
namespace {
constexpr int SchemaVersion = 1;

// Resets a statement when a use of it ends, however it ends.
struct StatementUse
{
    sqlite3_stmt *stmt;
    ~StatementUse() { sqlite3_reset(stmt); sqlite3_clear_bindings(stmt); }
};

void bindBlob(sqlite3_stmt *s, int i, const QByteArray &b) { sqlite3_bind_blob(s, i, b.constData(), int(b.size()), SQLITE_TRANSIENT); }
QByteArray columnBlob(sqlite3_stmt *s, int i)
{
    return QByteArray(static_cast<const char *>(sqlite3_column_blob(s, i)), sqlite3_column_bytes(s, i));
}
} // namespace

void Journal::StatementDeleter::operator()(sqlite3_stmt *s) const { sqlite3_finalize(s); }
void Journal::DbDeleter::operator()(sqlite3 *db) const { sqlite3_close(db); }

QString Journal::defaultPathFor(const QString &storeDisplayName)
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/trove/stores/");
    const QString id = QString::fromLatin1(QCryptographicHash::hash(storeDisplayName.toUtf8(), QCryptographicHash::Sha256).toHex().left(24));
    return base + id + QStringLiteral("/journal.sqlite");
}

std::unique_ptr<sqlite3, Journal::DbDeleter> Journal::open(const QString &path)
{
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    std::unique_ptr<sqlite3, DbDeleter> owned(db);
    if (rc != SQLITE_OK)
        fail(Error::Kind::Io, QStringLiteral("cannot open the local cache %1: %2; deleting the file is safe, it is rebuilt")
                                  .arg(path, QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc))));
    sqlite3_busy_timeout(db, 30000);
    return owned;
}

Journal::Journal(const QString &path) : m_path(path)
{
    QDir().mkpath(QFileInfo(path).path());
    m_db = open(path);
    // Turning a new journal into WAL needs the file to itself for a moment; when many
    // processes open it at once SQLite answers BUSY at once rather than wait, so try again.
    for (int attempt = 1;; ++attempt) {
        const int walRc = sqlite3_exec(m_db.get(), "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
        if (walRc == SQLITE_OK)
            break;
        if (walRc != SQLITE_BUSY || attempt == 500)
            raise("PRAGMA journal_mode=WAL");
        QThread::msleep(5 + QRandomGenerator::global()->bounded(20));
    }
    exec("PRAGMA synchronous=NORMAL");
    migrate();
    m_findChunk = prepare("SELECT pack, offset, length FROM chunks WHERE hash = ?1");
    m_addChunk = prepare("INSERT OR REPLACE INTO chunks(hash, pack, offset, length) VALUES(?1, ?2, ?3, ?4)");
    m_forgetPack = prepare("DELETE FROM chunks WHERE pack = ?1");
    m_filesUnder = prepare("SELECT path, size, mtime_ns, inode, chunks FROM files WHERE path = ?1 OR (path > ?2 AND path < ?3)");
    m_rememberFile = prepare("INSERT OR REPLACE INTO files(path, size, mtime_ns, inode, chunks) VALUES(?1, ?2, ?3, ?4, ?5)");
}

Journal::~Journal() = default;

void Journal::raise(const char *what)
{
    fail(Error::Kind::Io, QStringLiteral("local cache %1 (%2): %3; deleting the file is safe, it is rebuilt")
                              .arg(m_path, QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(m_db.get()))));
}

void Journal::exec(const char *sql, sqlite3 *db)
{
    if (sqlite3_exec(db ? db : m_db.get(), sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        raise(sql);
}

Journal::Statement Journal::prepare(const char *sql, sqlite3 *db)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v3(db ? db : m_db.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
        raise(sql);
    return Statement(stmt);
}

void Journal::step(sqlite3_stmt *stmt, const char *what)
{
    const int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        raise(what);
}

void Journal::migrate()
{
    Statement version = prepare("PRAGMA user_version");
    step(version.get(), "read schema version");
    const int current = sqlite3_column_int(version.get(), 0);
    version.reset();
    if (current == SchemaVersion)
        return;
    exec("BEGIN IMMEDIATE");
    exec("CREATE TABLE IF NOT EXISTS chunks(hash BLOB PRIMARY KEY, pack BLOB NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL) WITHOUT ROWID");
    exec("CREATE INDEX IF NOT EXISTS chunks_by_pack ON chunks(pack)");
    exec("CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, inode INTEGER, chunks BLOB)");
    exec("PRAGMA user_version = 1");
    exec("COMMIT");
}

Journal::LookupSnapshot::LookupSnapshot(Journal &journal) : m_journal(journal)
{
    QMutexLocker lock(&journal.m_snapshotMutex);
    if (journal.m_snapshots++ > 0)
        return;
    try {
        if (!journal.m_snapshotDb) {
            journal.m_snapshotDb = open(journal.m_path);
            journal.m_snapshotFindChunk = journal.prepare("SELECT pack, offset, length FROM chunks WHERE hash = ?1", journal.m_snapshotDb.get());
        }
        // BEGIN alone defers the read; the first SELECT takes the snapshot.
        journal.exec("BEGIN", journal.m_snapshotDb.get());
        journal.exec("SELECT count(*) FROM (SELECT 1 FROM chunks LIMIT 1)", journal.m_snapshotDb.get());
    } catch (...) {
        --journal.m_snapshots;
        throw;
    }
}

Journal::LookupSnapshot::~LookupSnapshot()
{
    QMutexLocker lock(&m_journal.m_snapshotMutex);
    if (--m_journal.m_snapshots == 0)
        sqlite3_exec(m_journal.m_snapshotDb.get(), "COMMIT", nullptr, nullptr, nullptr);
}

namespace {
// One run of a "SELECT pack, offset, length FROM chunks WHERE hash = ?1" statement.
std::optional<Ref> readChunk(sqlite3_stmt *findChunk, const Hash &hash)
{
    StatementUse use{findChunk};
    bindBlob(use.stmt, 1, hash.raw());
    if (sqlite3_step(use.stmt) != SQLITE_ROW)
        return std::nullopt;
    Ref ref;
    ref.hash = hash;
    ref.pack = Hash::fromRaw(columnBlob(use.stmt, 0));
    ref.offset = sqlite3_column_int64(use.stmt, 1);
    ref.length = sqlite3_column_int64(use.stmt, 2);
    return ref;
}
} // namespace

std::optional<Ref> Journal::findChunk(const Hash &hash)
{
    QMutexLocker snapshotLock(&m_snapshotMutex);
    if (m_snapshots > 0)
        return readChunk(m_snapshotFindChunk.get(), hash);
    snapshotLock.unlock();
    QMutexLocker lock(&m_mutex);
    return readChunk(m_findChunk.get(), hash);
}

void Journal::addChunks(const QList<Ref> &refs)
{
    QMutexLocker lock(&m_mutex);
    exec("BEGIN IMMEDIATE");
    for (const Ref &r : refs) {
        StatementUse use{m_addChunk.get()};
        bindBlob(use.stmt, 1, r.hash.raw());
        bindBlob(use.stmt, 2, r.pack.raw());
        sqlite3_bind_int64(use.stmt, 3, r.offset);
        sqlite3_bind_int64(use.stmt, 4, r.length);
        step(use.stmt, "add chunk");
    }
    exec("COMMIT");
}

void Journal::forgetPack(const Hash &pack)
{
    QMutexLocker lock(&m_mutex);
    StatementUse use{m_forgetPack.get()};
    bindBlob(use.stmt, 1, pack.raw());
    step(use.stmt, "forget pack");
}

QHash<QString, Journal::FileRecord> Journal::filesUnder(const QString &path)
{
    QMutexLocker lock(&m_mutex);
    StatementUse use{m_filesUnder.get()};
    // "dir/" < every "dir/..." < "dir0": '0' follows '/' in byte order.
    const QByteArray exact = path.toUtf8(), low = exact + '/', high = exact + '0';
    sqlite3_bind_text(use.stmt, 1, exact.constData(), int(exact.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(use.stmt, 2, low.constData(), int(low.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(use.stmt, 3, high.constData(), int(high.size()), SQLITE_TRANSIENT);
    QHash<QString, FileRecord> files;
    int rc;
    while ((rc = sqlite3_step(use.stmt)) == SQLITE_ROW) {
        FileRecord f;
        f.path = QString::fromUtf8(static_cast<const char *>(sqlite3_column_blob(use.stmt, 0)), sqlite3_column_bytes(use.stmt, 0));
        f.fingerprint = {sqlite3_column_int64(use.stmt, 1), sqlite3_column_int64(use.stmt, 2), sqlite3_column_int64(use.stmt, 3)};
        f.chunks = chunklist::decode(columnBlob(use.stmt, 4), QStringLiteral("the local file cache"));
        files.insert(f.path, f);
    }
    if (rc != SQLITE_DONE)
        raise("read file cache");
    return files;
}

void Journal::rememberFiles(const QList<FileRecord> &files)
{
    QMutexLocker lock(&m_mutex);
    exec("BEGIN IMMEDIATE");
    for (const FileRecord &f : files) {
        StatementUse use{m_rememberFile.get()};
        const QByteArray p = f.path.toUtf8();
        sqlite3_bind_text(use.stmt, 1, p.constData(), int(p.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(use.stmt, 2, f.fingerprint.size);
        sqlite3_bind_int64(use.stmt, 3, f.fingerprint.mtimeNs);
        sqlite3_bind_int64(use.stmt, 4, f.fingerprint.inode);
        bindBlob(use.stmt, 5, chunklist::encode(f.chunks));
        step(use.stmt, "remember file");
    }
    exec("COMMIT");
}

} // namespace trove
