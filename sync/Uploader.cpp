#include "Uploader.h"

#include "Error.h"
#include "FileIngest.h"
#include "Limits.h"
#include "LocalTree.h"
#include "Operation.h"
#include "PackSink.h"
#include "RemotePath.h"
#include "Repository.h"
#include "Store.h"
#include "StoreIndex.h"

#include <QDir>
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
    bool fileCache = true; // from its step
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

// Absolute and clean, so the journal's records of a file match however the path was typed.
QString absoluteLocal(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

TreeEntry emptyDirectory()
{
    TreeEntry e;
    e.kind = TreeEntry::Kind::Dir;
    e.mtimeMs = QDateTime::currentMSecsSinceEpoch();
    return e;
}

// The journal's record of a regular file that has not changed since, or null.
const Journal::FileRecord *knownUnchanged(const QHash<QString, Journal::FileRecord> &known, const Item &item)
{
    const auto it = item.regular && item.fileCache ? known.constFind(item.local) : known.constEnd();
    return it != known.constEnd() && it->fingerprint == item.fingerprint ? &*it : nullptr;
}

// What the journal knows about the steps' local files: one query per directory step, and one per
// directory holding file steps (thousands of files of one folder decode its row once). A
// record naming a pack gone from the store (gc removed it since) is left out, so that file
// is read again like a new one; packs of the newest version are known to be there.
QHash<QString, Journal::FileRecord> rememberedFiles(Repository &repo, const QList<Step> &steps, const QList<Item> &items, const QSet<Hash> &livePacks)
{
    QHash<QString, Journal::FileRecord> known;
    QStringList files;
    for (const Step &s : steps) {
        if (!s.fileCache)
            continue;
        if (s.kind == Step::Kind::File)
            files.append(absoluteLocal(s.local));
        else if (s.kind == Step::Kind::Directory)
            known.insert(repo.journal().filesUnder(absoluteLocal(s.local)));
    }
    known.insert(repo.journal().filesAt(files));
    QSet<Hash> recordedPacks;
    for (const Item &item : items) {
        if (const Journal::FileRecord *record = knownUnchanged(known, item)) {
            for (const Ref &r : record->chunks)
                recordedPacks.insert(r.pack);
        }
    }
    QSet<Hash> gone;
    for (const Hash &pack : recordedPacks - livePacks) {
        if (!repo.store().stat(pack::keyOf(pack))) {
            repo.journal().forgetPack(pack);
            gone.insert(pack);
        }
    }
    for (auto it = known.begin(); !gone.isEmpty() && it != known.end();) {
        const bool stale = std::any_of(it->chunks.cbegin(), it->chunks.cend(), [&](const Ref &r) { return gone.contains(r.pack); });
        it = stale ? known.erase(it) : std::next(it);
    }
    return known;
}

} // namespace

UploadResult Uploader::upload(const QList<Step> &steps, const Ref &base, Operation &operation)
{
    // 1. Expand directories into files, and refuse to overwrite without --force before
    //    reading a byte. The walk is one thread; the stat and lookup of each file run on many.
    QList<Item> items;
    QList<QPair<int, QString>> emptyDirs; // (step, remote)
    QStringList skipped;
    auto addItem = [&](int step, const QString &local, const QString &remote, const QByteArray &data = {}) {
        Item item;
        item.order = int(items.size());
        item.step = step;
        item.local = local;
        item.remote = remote;
        item.force = steps[step].force;
        item.fileCache = steps[step].fileCache;
        item.data = data;
        items.append(std::move(item));
    };
    for (int i = 0; i < steps.size(); ++i) {
        const Step &s = steps[i];
        if (s.kind == Step::Kind::File) {
            addItem(i, absoluteLocal(s.local), s.remote);
        } else if (s.kind == Step::Kind::Bytes) {
            addItem(i, QString(), s.remote, s.data);
        } else if (s.kind == Step::Kind::Directory) {
            const QString root = absoluteLocal(s.local);
            const QString prefix = root == QLatin1String("/") ? root : root + QLatin1Char('/');
            const LocalTree tree = LocalTree::walk(root, s.followLinks);
            for (const LocalTree::Skipped &entry : tree.skipped)
                skipped.append(QStringLiteral("skipped %1: %2").arg(prefix + entry.path, entry.reason));
            for (const QString &relative : tree.files)
                addItem(i, prefix + relative, remotepath::join(s.remote, remotepath::normalize(relative)));
            for (const QString &relative : tree.emptyDirs)
                emptyDirs.append({i, remotepath::join(s.remote, remotepath::normalize(relative))});
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
    // What other machines stored (or this one before its cache was deleted) is found too.
    storeindex::load(m_repo);
    const QHash<QString, Journal::FileRecord> knownFiles = rememberedFiles(m_repo, steps, items, livePacks);
    auto ingestItem = [&](Item &item) {
        operation.throwIfCancelled();
        if (item.local.isEmpty()) {
            item.chunks = ingest::bytes(item.data, data, &operation);
        } else if (const Journal::FileRecord *known = knownUnchanged(knownFiles, item)) {
            item.chunks = known->chunks;
            item.fromJournal = true;
            operation.bytesDone += item.fingerprint.size;
            operation.bytesAlreadyStored += item.fingerprint.size;
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
    storeindex::publish(m_repo, data.storedChunks());

    UploadResult result;
    int next = 0;
    for (int i = 0; i < steps.size(); ++i) {
        if (steps[i].kind == Step::Kind::Change) {
            result.changes.append(steps[i].change);
            continue;
        }
        for (; next < items.size() && items[next].step == i; ++next) {
            Item &item = items[next];
            item.chunks = data.resolve(item.chunks);
            for (const Ref &r : item.chunks) {
                result.packsUsed.insert(r.pack);
                result.alreadyStoredBytes += r.length;
            }
            if (item.regular && !item.fromJournal && item.fileCache)
                result.freshFiles.append({item.local, item.fingerprint, item.chunks});
            result.changes.append(Change::put(item.remote, fileEntry(item), item.force));
        }
        for (const auto &[step, remote] : emptyDirs) {
            if (step == i && !m_repo.lookup(base, remote))
                result.changes.append(Change::put(remote, emptyDirectory()));
        }
    }
    result.newChunks = data.newBlobs();
    result.newBytes = data.newBytes();
    result.reusedChunks = data.reusedBlobs();
    result.sentChunks = data.sentBlobs();
    result.sentBytes = data.sentPackBytes();
    result.alreadyStoredBytes -= data.sentBlobBytes();
    result.unrecordedChunks = data.takeUnrecordedChunks();
    result.warnings = skipped;
    return result;
}

} // namespace trove
