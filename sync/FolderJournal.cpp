#include "FolderJournal.h"

#include "Error.h"

#include <QFile>
#include <QScopeGuard>
#include <sqlite3.h>

namespace trove {
namespace {
constexpr int SchemaVersion = 1;

struct StatementUse
{
    sqlite3_stmt *stmt;
    ~StatementUse() { sqlite3_reset(stmt); sqlite3_clear_bindings(stmt); }
};
} // namespace

Hash contentIdentity(const QList<Ref> &chunks)
{
    Sha256 sha;
    for (const Ref &r : chunks)
        sha.add(r.hash.view().data(), r.hash.view().size());
    return sha.result();
}

void FolderJournal::StatementDeleter::operator()(sqlite3_stmt *s) const { sqlite3_finalize(s); }
void FolderJournal::DbDeleter::operator()(sqlite3 *db) const { sqlite3_close(db); }

FolderJournal::FolderJournal(const QString &path) : m_path(path)
{
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    m_db.reset(db);
    if (rc != SQLITE_OK)
        fail(Error::Kind::Io, QStringLiteral("cannot open the bound folder's journal %1: %2")
                                  .arg(path, QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc))));
    sqlite3_busy_timeout(db, 30000);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
    Statement version = prepare("PRAGMA user_version");
    step(version.get(), "read schema version");
    const int schema = sqlite3_column_int(version.get(), 0);
    if (schema == SchemaVersion)
        return;
    // Unlike the store's cache, this journal is not rebuilt from elsewhere: a newer schema
    // is refused rather than dropped.
    if (schema != 0)
        fail(Error::Kind::Io, QStringLiteral("the bound folder's journal %1 has schema %2, which this version of Trove does not know (it knows %3); use the newer Trove that wrote it")
                                  .arg(path).arg(schema).arg(SchemaVersion));
    exec("BEGIN IMMEDIATE");
    auto rollback = qScopeGuard([this] { sqlite3_exec(m_db.get(), "ROLLBACK", nullptr, nullptr, nullptr); });
    exec("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID");
    exec("CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, "
         "inode INTEGER NOT NULL, content BLOB NOT NULL, version INTEGER NOT NULL) WITHOUT ROWID");
    exec("PRAGMA user_version = 1");
    exec("COMMIT");
    rollback.dismiss();
}

FolderJournal::~FolderJournal() = default;

void FolderJournal::raise(const char *what)
{
    fail(Error::Kind::Io, QStringLiteral("the bound folder's journal %1 (%2): %3")
                              .arg(m_path, QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(m_db.get()))));
}

void FolderJournal::exec(const char *sql)
{
    if (sqlite3_exec(m_db.get(), sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        raise(sql);
}

FolderJournal::Statement FolderJournal::prepare(const char *sql)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(m_db.get(), sql, -1, &stmt, nullptr) != SQLITE_OK)
        raise(sql);
    return Statement(stmt);
}

void FolderJournal::step(sqlite3_stmt *stmt, const char *what)
{
    const int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        raise(what);
}

qint64 FolderJournal::baseVersion()
{
    Statement select = prepare("SELECT value FROM meta WHERE key = 'base_version'");
    return sqlite3_step(select.get()) == SQLITE_ROW ? sqlite3_column_int64(select.get(), 0) : 0;
}

FolderFiles FolderJournal::files()
{
    Statement count = prepare("SELECT count(*) FROM files");
    step(count.get(), "count the files");
    FolderFiles out;
    out.reserve(sqlite3_column_int64(count.get(), 0));
    Statement select = prepare("SELECT path, size, mtime_ns, inode, content, version FROM files");
    int rc;
    while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
        sqlite3_stmt *s = select.get();
        FolderFileRecord r;
        r.fingerprint = {sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2), sqlite3_column_int64(s, 3)};
        r.content = Hash::fromRaw(QByteArrayView(static_cast<const char *>(sqlite3_column_blob(s, 4)), sqlite3_column_bytes(s, 4)));
        r.version = sqlite3_column_int64(s, 5);
        // The path as stored (UTF-8): decoded straight into the records' one buffer.
        const auto *path = reinterpret_cast<const char *>(sqlite3_column_text(s, 0));
        out.append(QByteArrayView(path, sqlite3_column_bytes(s, 0)), r);
    }
    if (rc != SQLITE_DONE)
        raise("read the files");
    out.index();
    return out;
}

void FolderJournal::apply(const Update &update)
{
    exec("BEGIN IMMEDIATE");
    auto rollback = qScopeGuard([this] { sqlite3_exec(m_db.get(), "ROLLBACK", nullptr, nullptr, nullptr); });
    Statement put = prepare("INSERT OR REPLACE INTO files(path, size, mtime_ns, inode, content, version) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    for (auto it = update.put.cbegin(); it != update.put.cend(); ++it) {
        const StatementUse use{put.get()};
        const QByteArray path = it.key().toUtf8();
        const QByteArray content = it->content.raw();
        sqlite3_bind_text(put.get(), 1, path.constData(), int(path.size()), SQLITE_STATIC);
        sqlite3_bind_int64(put.get(), 2, it->fingerprint.size);
        sqlite3_bind_int64(put.get(), 3, it->fingerprint.mtimeNs);
        sqlite3_bind_int64(put.get(), 4, it->fingerprint.inode);
        sqlite3_bind_blob(put.get(), 5, content.constData(), int(content.size()), SQLITE_STATIC);
        sqlite3_bind_int64(put.get(), 6, it->version);
        step(put.get(), "record a file");
    }
    Statement remove = prepare("DELETE FROM files WHERE path = ?1");
    for (const QString &path : update.removed) {
        const StatementUse use{remove.get()};
        const QByteArray utf8 = path.toUtf8();
        sqlite3_bind_text(remove.get(), 1, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
        step(remove.get(), "forget a file");
    }
    if (update.baseVersion) {
        Statement base = prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('base_version', ?1)");
        sqlite3_bind_int64(base.get(), 1, *update.baseVersion);
        step(base.get(), "record the base version");
    }
    exec("COMMIT");
    rollback.dismiss();
}

} // namespace trove
