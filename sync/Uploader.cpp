#include "Uploader.h"

#include "Error.h"
#include "FileIngest.h"
#include "Limits.h"
#include "Operation.h"
#include "PackSink.h"
#include "RemotePath.h"
#include "Repository.h"
#include "Store.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QtConcurrent>

namespace trove {
namespace {

// One local file to read, or one blob of bytes, and where it goes.
struct Item
{
    int order = 0; // in the upload
    int step = 0;
    QString local;
    QByteArray data;
    QString remote;
    bool force = true;
    QList<Ref> previousChunks; // of the file this one replaces
    FileFingerprint fingerprint;
    quint32 mode = 0644;
    bool regular = false; // a regular local file, whose fingerprint the journal may keep
    QList<Ref> chunks;
    bool fromJournal = false;
};

TreeEntry fileEntry(const Item &item)
{
    TreeEntry e;
    e.kind = TreeEntry::Kind::File;
    for (const Ref &r : item.chunks)
        e.size += r.length;
    e.mtimeMs = item.local.isEmpty() ? QDateTime::currentMSecsSinceEpoch() : item.fingerprint.mtimeNs / 1'000'000;
    e.mode = item.mode;
    e.chunks = item.chunks;
    return e;
}

// Runs `work` on every item on threads of its own (the global pool runs this job, and would
// leave it one thread). After a failure the rest are skipped, and the failure of the first
// item in order is rethrown, so which error a user sees does not depend on thread timing.
template<typename Work> void forEachItem(QList<Item> &items, Work work)
{
    QThreadPool pool;
    pool.setMaxThreadCount(qMax(2, QThread::idealThreadCount()));
    QMutex mutex;
    int failedAt = -1;
    std::exception_ptr error;
    std::atomic<bool> failed{false};
    QtConcurrent::blockingMap(&pool, items, [&](Item &item) {
        if (failed)
            return;
        try {
            work(item);
        } catch (...) {
            QMutexLocker lock(&mutex);
            if (failedAt < 0 || item.order < failedAt) {
                failedAt = item.order;
                error = std::current_exception();
            }
            failed = true;
        }
    });
    if (error)
        std::rethrow_exception(error);
}

TreeEntry emptyDirectory()
{
    TreeEntry e;
    e.kind = TreeEntry::Kind::Dir;
    e.mtimeMs = QDateTime::currentMSecsSinceEpoch();
    return e;
}

} // namespace

UploadResult Uploader::upload(const QList<Step> &steps, const Ref &base, Operation &operation)
{
    // 1. Expand directories into files, and refuse to overwrite without --force before
    //    reading a byte. The walk is one thread; the stat and lookup of each file run on many.
    QList<Item> items;
    QList<QPair<int, QString>> emptyDirs; // (step, remote)
    auto addItem = [&](int step, const QString &local, const QString &remote, bool force, const QByteArray &data = {}) {
        Item item;
        item.order = int(items.size());
        item.step = step;
        item.local = local;
        item.remote = remote;
        item.force = force;
        item.data = data;
        items.append(item);
    };
    for (int i = 0; i < steps.size(); ++i) {
        const Step &s = steps[i];
        if (s.kind == Step::Kind::File) {
            addItem(i, QFileInfo(s.local).absoluteFilePath(), s.remote, s.force);
        } else if (s.kind == Step::Kind::Bytes) {
            addItem(i, QString(), s.remote, s.force, s.data);
        } else if (s.kind == Step::Kind::Directory) {
            const QDir root(QFileInfo(s.local).absoluteFilePath());
            if (!root.exists())
                fail(Error::Kind::NotFound, QStringLiteral("local directory %1 does not exist").arg(s.local));
            const QString prefix = root.path().endsWith(QLatin1Char('/')) ? root.path() : root.path() + QLatin1Char('/');
            QDirIterator it(root.path(), QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
            QStringList files, dirs;
            while (it.hasNext()) {
                it.next();
                const QFileInfo info = it.fileInfo();
                const QString relative = info.filePath().mid(prefix.size());
                if (info.isDir() && !info.isSymLink())
                    dirs.append(relative);
                else if (info.isFile())
                    files.append(relative);
            }
            files.sort();
            for (const QString &relative : files)
                addItem(i, prefix + relative, remotepath::join(s.remote, remotepath::normalize(relative)), s.force);
            for (const QString &relative : dirs) {
                if (QDir(prefix + relative).isEmpty())
                    emptyDirs.append({i, remotepath::join(s.remote, remotepath::normalize(relative))});
            }
        }
    }
    forEachItem(items, [&](Item &item) {
        if (!item.local.isEmpty()) {
            item.fingerprint = ingest::fingerprint(item.local, &item.mode, &item.regular);
            if (m_format == 2 && item.fingerprint.size > limits::V2MaxFileSize)
                fail(Error::Kind::Limit, QStringLiteral("%1 is %2 bytes; v2 volumes hold files up to 1 TiB (1,099,511,627,776 bytes)").arg(item.local).arg(item.fingerprint.size));
        }
        const auto previous = m_repo.lookup(base, item.remote);
        // Bytes may not replace a directory either; a file step writes into an existing one.
        if (!item.force && previous && (item.local.isEmpty() || !previous->isDir()))
            fail(Error::Kind::AlreadyExists, QStringLiteral("'%1' already exists in the volume; use --force to replace it").arg(item.remote));
        if (previous && !previous->isDir())
            item.previousChunks = m_repo.chunksOf(*previous);
        operation.bytesTotal += item.local.isEmpty() ? item.data.size() : item.fingerprint.size;
    });
    operation.filesTotal += items.size();

    // 2. Read and chunk in parallel; files the journal knows unchanged are not read again.
    PackSink data(m_repo, PackSink::Kind::Data, &operation);
    // What the files replace is in the newest version, so gc keeps its packs: an edited file
    // reuses its old chunks without asking the journal or the store about them.
    QSet<Hash> livePacks;
    for (const Item &item : items) {
        data.addLiveChunks(item.previousChunks);
        for (const Ref &r : item.previousChunks)
            livePacks.insert(r.pack);
    }
    Journal &journal = m_repo.journal();
    QMutex mutex;
    QSet<Hash> journalPacks;
    // What the journal knows about these local files, read in one query per step.
    QHash<QString, Journal::FileRecord> knownFiles;
    for (const Step &s : steps) {
        if (s.kind == Step::Kind::File || s.kind == Step::Kind::Directory)
            knownFiles.insert(journal.filesUnder(QFileInfo(s.local).absoluteFilePath()));
    }
    auto ingestItem = [&](Item &item) {
        operation.throwIfCancelled();
        if (item.local.isEmpty()) {
            item.chunks = ingest::bytes(item.data, data, &operation);
        } else if (const auto known = item.regular ? knownFiles.constFind(item.local) : knownFiles.constEnd();
                   known != knownFiles.constEnd() && known->fingerprint == item.fingerprint) {
            item.chunks = known->chunks;
            item.fromJournal = true;
            operation.bytesDone += item.fingerprint.size;
            QMutexLocker lock(&mutex);
            for (const Ref &r : item.chunks)
                journalPacks.insert(r.pack);
        } else {
            FileFingerprint after;
            item.chunks = ingest::file(item.local, item.regular ? item.fingerprint.size : -1, data, &operation, &after);
            // A file that changed while it was read would be stored torn: refuse it. (Pipes
            // and devices are read as a stream; they have no size to compare.)
            if (item.regular && (after.size != item.fingerprint.size || after.mtimeNs != item.fingerprint.mtimeNs))
                fail(Error::Kind::Conflict, QStringLiteral("%1 changed while it was being read; nothing was committed, try again when it is written").arg(item.local));
        }
        ++operation.filesDone;
    };
    {
        const Journal::LookupSnapshot lookups(journal);
        forEachItem(items, ingestItem);
    }
    data.flush();

    // 3. Every referenced pack must exist: the journal may remember packs gc has removed.
    UploadResult result;
    for (const Hash &pack : journalPacks - livePacks) {
        if (!m_repo.store().stat(pack::keyOf(pack))) {
            journal.forgetPack(pack);
            fail(Error::Kind::Conflict, QStringLiteral("the local cache named pack %1, which gc has removed; the cache entry is dropped, run the command again").arg(pack.hex().left(16)));
        }
    }
    int next = 0;
    for (int i = 0; i < steps.size(); ++i) {
        if (steps[i].kind == Step::Kind::Change) {
            result.changes.append(steps[i].change);
            continue;
        }
        for (; next < items.size() && items[next].step == i; ++next) {
            Item &item = items[next];
            item.chunks = data.resolve(item.chunks);
            for (const Ref &r : item.chunks)
                result.packsUsed.insert(r.pack);
            if (item.regular && !item.fromJournal)
                result.freshFiles.append({item.local, item.fingerprint, item.chunks});
            result.changes.append(Change::put(item.remote, fileEntry(item)));
        }
        for (const auto &[step, remote] : emptyDirs) {
            if (step == i && !m_repo.lookup(base, remote))
                result.changes.append(Change::put(remote, emptyDirectory()));
        }
    }
    result.newChunks = data.newBlobs();
    result.newBytes = data.newBytes();
    result.reusedChunks = data.reusedBlobs();
    return result;
}

} // namespace trove
