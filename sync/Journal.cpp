#include "Journal.h"

#include "Error.h"
#include "Tree.h"

#include <QCborArray>
#include <QCborValue>
#include <QCryptographicHash>
#include <QDir>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QThread>
#include <QFile>
#include <QStandardPaths>
#include <sqlite3.h>

namespace trove {
namespace {
constexpr int SchemaVersion = 3;

// Resets a statement when a use of it ends, however it ends.
struct StatementUse
{
    sqlite3_stmt *stmt;
    ~StatementUse() { sqlite3_reset(stmt); sqlite3_clear_bindings(stmt); }
};

// A chunk's row counts only while its pack's does.
const char *const FindChunkSql = "SELECT p.name, c.offset, c.length FROM chunks c JOIN packs p ON p.id = c.pack WHERE c.hash = ?1";

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
    m_findChunk = prepare(FindChunkSql);
    m_addChunk = prepare("INSERT OR REPLACE INTO chunks(hash, pack, offset, length) VALUES(?1, ?2, ?3, ?4)");
    m_addPack = prepare("INSERT OR IGNORE INTO packs(name) VALUES(?1)");
    m_packId = prepare("SELECT id FROM packs WHERE name = ?1");
    m_forgetPack = prepare("DELETE FROM packs WHERE name = ?1");
    m_directoriesUnder = prepare("SELECT path, files FROM directories WHERE path = ?1 OR path = ?2 OR (path > ?3 AND path < ?4)");
    m_directory = prepare("SELECT files FROM directories WHERE path = ?1");
    m_rememberDirectory = prepare("INSERT OR REPLACE INTO directories(path, files) VALUES(?1, ?2)");
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

int Journal::schemaVersion()
{
    Statement version = prepare("PRAGMA user_version");
    step(version.get(), "read schema version");
    return sqlite3_column_int(version.get(), 0);
}

// The journal is a cache: another schema's tables are dropped, not converted. Chunks name
// their pack by a number that is never reused (AUTOINCREMENT), so forgetting a pack is one
// row and its chunks' rows, left behind, match no pack until gc drops them.
void Journal::migrate()
{
    if (schemaVersion() == SchemaVersion)
        return;
    exec("BEGIN IMMEDIATE");
    auto rollback = qScopeGuard([this] { sqlite3_exec(m_db.get(), "ROLLBACK", nullptr, nullptr, nullptr); });
    if (schemaVersion() != SchemaVersion) { // another process may have migrated meanwhile
        exec("DROP TABLE IF EXISTS chunks");
        exec("DROP TABLE IF EXISTS files");
        exec("DROP TABLE IF EXISTS packs");
        exec("DROP TABLE IF EXISTS directories");
        exec("DROP TABLE IF EXISTS store_indexes");
        exec("CREATE TABLE packs(id INTEGER PRIMARY KEY AUTOINCREMENT, name BLOB NOT NULL UNIQUE)");
        exec("CREATE TABLE chunks(hash BLOB PRIMARY KEY, pack INTEGER NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL) WITHOUT ROWID");
        exec("CREATE TABLE directories(path TEXT PRIMARY KEY, files BLOB NOT NULL) WITHOUT ROWID");
        exec("CREATE TABLE store_indexes(key TEXT PRIMARY KEY) WITHOUT ROWID");
        exec("PRAGMA user_version = 3");
    }
    exec("COMMIT");
    rollback.dismiss();
}

Journal::LookupSnapshot::LookupSnapshot(Journal &journal) : m_journal(journal)
{
    QMutexLocker lock(&journal.m_snapshotMutex);
    if (journal.m_snapshots++ > 0)
        return;
    try {
        if (!journal.m_snapshotDb) {
            journal.m_snapshotDb = open(journal.m_path);
            journal.m_snapshotFindChunk = journal.prepare(FindChunkSql, journal.m_snapshotDb.get());
        }
        // BEGIN alone defers the read; the first SELECT takes the snapshot.
        journal.exec("BEGIN", journal.m_snapshotDb.get());
        Statement any = journal.prepare("SELECT 1 FROM chunks LIMIT 1", journal.m_snapshotDb.get());
        const int rc = sqlite3_step(any.get());
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            journal.raise("read the chunk index");
        journal.m_snapshotHasNoChunks = rc == SQLITE_DONE;
    } catch (...) {
        --journal.m_snapshots;
        throw;
    }
}

Journal::LookupSnapshot::~LookupSnapshot()
{
    QMutexLocker lock(&m_journal.m_snapshotMutex);
    if (--m_journal.m_snapshots == 0) {
        m_journal.m_snapshotHasNoChunks = false;
        sqlite3_exec(m_journal.m_snapshotDb.get(), "COMMIT", nullptr, nullptr, nullptr);
    }
}

namespace {
// One run of a FindChunkSql statement.
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
    if (knowsNoChunks())
        return std::nullopt;
    QMutexLocker snapshotLock(&m_snapshotMutex);
    if (m_snapshots > 0)
        return readChunk(m_snapshotFindChunk.get(), hash);
    snapshotLock.unlock();
    QMutexLocker lock(&m_mutex);
    return readChunk(m_findChunk.get(), hash);
}

QSet<QString> Journal::loadedIndexes()
{
    QMutexLocker lock(&m_mutex);
    Statement select = prepare("SELECT key FROM store_indexes");
    QSet<QString> keys;
    while (sqlite3_step(select.get()) == SQLITE_ROW)
        keys.insert(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(select.get(), 0))));
    return keys;
}

void Journal::rememberIndexes(const QStringList &keys)
{
    if (keys.isEmpty())
        return;
    QMutexLocker lock(&m_mutex);
    exec("BEGIN IMMEDIATE");
    auto rollback = qScopeGuard([this] { sqlite3_exec(m_db.get(), "ROLLBACK", nullptr, nullptr, nullptr); });
    Statement insert = prepare("INSERT OR IGNORE INTO store_indexes(key) VALUES(?1)");
    for (const QString &key : keys) {
        const QByteArray utf8 = key.toUtf8();
        sqlite3_bind_text(insert.get(), 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        step(insert.get(), "remember an index object");
        sqlite3_reset(insert.get());
    }
    exec("COMMIT");
    rollback.dismiss();
}

void Journal::forgetPack(const Hash &pack)
{
    QMutexLocker lock(&m_mutex);
    StatementUse use{m_forgetPack.get()};
    bindBlob(use.stmt, 1, pack.raw());
    step(use.stmt, "forget pack");
}

void Journal::dropForgottenChunks()
{
    QMutexLocker lock(&m_mutex);
    exec("DELETE FROM chunks WHERE pack NOT IN (SELECT id FROM packs)");
}

namespace {
// Files are remembered a row per local directory: one row per file would cost an SQLite
// insert (several microseconds) per small file uploaded. A row is a CBOR array of
// [name, size, mtime ns, inode, chunk list].
using DirectoryFiles = QMap<QString, Journal::FileRecord>; // by name

QPair<QString, QString> splitLocal(const QString &path) // (directory, name)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return {slash <= 0 ? QStringLiteral("/") : path.left(slash), path.mid(slash + 1)};
}

QString childPath(const QString &dir, const QString &name)
{
    return dir.endsWith(QLatin1Char('/')) ? dir + name : dir + QLatin1Char('/') + name;
}

QByteArray encodeDirectory(const DirectoryFiles &files)
{
    QCborArray rows;
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const Journal::FileRecord &f = *it;
        rows.append(QCborArray{it.key(), f.fingerprint.size, f.fingerprint.mtimeNs, f.fingerprint.inode, chunklist::encode(f.chunks)});
    }
    return rows.toCborValue().toCbor();
}

DirectoryFiles decodeDirectory(const QString &dir, const QByteArray &bytes)
{
    DirectoryFiles files;
    const QString what = QStringLiteral("the local file cache");
    for (const QCborValue &v : QCborValue::fromCbor(bytes).toArray()) {
        const QCborArray row = v.toArray();
        if (row.size() != 5)
            fail(Error::Kind::Corrupt, QStringLiteral("%1 has a malformed record under %2; deleting it is safe, it is rebuilt").arg(what, dir));
        Journal::FileRecord f;
        const QString name = row[0].toString();
        f.path = childPath(dir, name);
        f.fingerprint = {row[1].toInteger(), row[2].toInteger(), row[3].toInteger()};
        f.chunks = chunklist::decode(row[4].toByteArray(), what);
        files.insert(name, f);
    }
    return files;
}

void bindText(sqlite3_stmt *s, int i, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(s, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}
} // namespace

QHash<QString, Journal::FileRecord> Journal::filesUnder(const QString &path)
{
    QMutexLocker lock(&m_mutex);
    StatementUse use{m_directoriesUnder.get()};
    // The directory `path` itself, the one holding `path` if it is a file, and every one
    // below: "dir/" < every "dir/..." < "dir0", as '0' follows '/' in byte order.
    const QString prefix = path.endsWith(QLatin1Char('/')) ? path : path + QLatin1Char('/');
    const auto [parent, name] = splitLocal(path);
    bindText(use.stmt, 1, path);
    bindText(use.stmt, 2, parent);
    bindText(use.stmt, 3, prefix);
    bindText(use.stmt, 4, prefix.chopped(1) + QLatin1Char('0'));
    QHash<QString, FileRecord> files;
    int rc;
    while ((rc = sqlite3_step(use.stmt)) == SQLITE_ROW) {
        const QString dir = QString::fromUtf8(static_cast<const char *>(sqlite3_column_blob(use.stmt, 0)), sqlite3_column_bytes(use.stmt, 0));
        const DirectoryFiles rows = decodeDirectory(dir, columnBlob(use.stmt, 1));
        for (const FileRecord &f : rows) {
            if (f.path == path || f.path.startsWith(prefix))
                files.insert(f.path, f);
        }
    }
    if (rc != SQLITE_DONE)
        raise("read file cache");
    return files;
}

QHash<QString, Journal::FileRecord> Journal::filesAt(const QStringList &paths)
{
    QMap<QString, QStringList> namesByDirectory;
    for (const QString &path : paths) {
        const auto [dir, name] = splitLocal(path);
        namesByDirectory[dir].append(name);
    }
    QMutexLocker lock(&m_mutex);
    QHash<QString, FileRecord> files;
    for (auto it = namesByDirectory.cbegin(); it != namesByDirectory.cend(); ++it) {
        const DirectoryFiles rows = directoryFiles(it.key());
        for (const QString &name : *it) {
            const auto row = rows.constFind(name);
            if (row != rows.constEnd())
                files.insert(row->path, *row);
        }
    }
    return files;
}

void Journal::record(const QList<Ref> &chunks, const QList<FileRecord> &files)
{
    if (chunks.isEmpty() && files.isEmpty())
        return;
    QMutexLocker lock(&m_mutex);
    exec("BEGIN IMMEDIATE");
    auto rollback = qScopeGuard([this] { sqlite3_exec(m_db.get(), "ROLLBACK", nullptr, nullptr, nullptr); });
    QHash<Hash, qint64> packIds;
    for (const Ref &r : chunks) {
        auto id = packIds.find(r.pack);
        if (id == packIds.end())
            id = packIds.insert(r.pack, packId(r.pack));
        StatementUse use{m_addChunk.get()};
        bindBlob(use.stmt, 1, r.hash.raw());
        sqlite3_bind_int64(use.stmt, 2, *id);
        sqlite3_bind_int64(use.stmt, 3, r.offset);
        sqlite3_bind_int64(use.stmt, 4, r.length);
        step(use.stmt, "add chunk");
    }
    QMap<QString, QList<const FileRecord *>> byDirectory;
    for (const FileRecord &f : files)
        byDirectory[splitLocal(f.path).first].append(&f);
    for (auto it = byDirectory.cbegin(); it != byDirectory.cend(); ++it) {
        DirectoryFiles rows = directoryFiles(it.key());
        for (const FileRecord *f : *it)
            rows.insert(splitLocal(f->path).second, *f);
        StatementUse use{m_rememberDirectory.get()};
        bindText(use.stmt, 1, it.key());
        bindBlob(use.stmt, 2, encodeDirectory(rows));
        step(use.stmt, "remember files");
    }
    exec("COMMIT");
    rollback.dismiss();
}

qint64 Journal::packId(const Hash &pack)
{
    {
        StatementUse use{m_addPack.get()};
        bindBlob(use.stmt, 1, pack.raw());
        step(use.stmt, "add pack");
    }
    StatementUse use{m_packId.get()};
    bindBlob(use.stmt, 1, pack.raw());
    if (sqlite3_step(use.stmt) != SQLITE_ROW)
        raise("read pack id");
    return sqlite3_column_int64(use.stmt, 0);
}

QMap<QString, Journal::FileRecord> Journal::directoryFiles(const QString &dir)
{
    StatementUse use{m_directory.get()};
    bindText(use.stmt, 1, dir);
    const int rc = sqlite3_step(use.stmt);
    if (rc == SQLITE_ROW)
        return decodeDirectory(dir, columnBlob(use.stmt, 0));
    if (rc != SQLITE_DONE)
        raise("read file cache");
    return {};
}

} // namespace trove
