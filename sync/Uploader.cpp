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
    int step = 0;
    QString local;
    QByteArray data;
    QString remote;
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
    //    reading a byte.
    QList<Item> items;
    QList<QPair<int, QString>> emptyDirs; // (step, remote)
    auto addFile = [&](int step, const QString &local, const QString &remote, bool force) {
        Item item;
        item.step = step;
        item.local = local;
        item.remote = remote;
        item.local = QFileInfo(local).absoluteFilePath();
        item.fingerprint = ingest::fingerprint(local, &item.mode, &item.regular);
        if (m_format == 2 && item.fingerprint.size > limits::V2MaxFileSize)
            fail(Error::Kind::Limit, QStringLiteral("%1 is %2 bytes; v2 volumes hold files up to 1 TiB (1,099,511,627,776 bytes)").arg(local).arg(item.fingerprint.size));
        if (!force) {
            if (const auto existing = m_repo.lookup(base, remote); existing && !existing->isDir())
                fail(Error::Kind::AlreadyExists, QStringLiteral("'%1' already exists in the volume; use --force to replace it").arg(remote));
        }
        operation.bytesTotal += item.fingerprint.size;
        items.append(item);
    };
    for (int i = 0; i < steps.size(); ++i) {
        const Step &s = steps[i];
        if (s.kind == Step::Kind::File) {
            addFile(i, s.local, s.remote, s.force);
        } else if (s.kind == Step::Kind::Bytes) {
            if (!s.force && m_repo.lookup(base, s.remote))
                fail(Error::Kind::AlreadyExists, QStringLiteral("'%1' already exists in the volume; use --force to replace it").arg(s.remote));
            Item item;
            item.step = i;
            item.data = s.data;
            item.remote = s.remote;
            operation.bytesTotal += s.data.size();
            items.append(item);
        } else if (s.kind == Step::Kind::Directory) {
            const QDir root(QFileInfo(s.local).absoluteFilePath());
            if (!root.exists())
                fail(Error::Kind::NotFound, QStringLiteral("local directory %1 does not exist").arg(s.local));
            QDirIterator it(root.path(), QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
            QStringList files, dirs;
            while (it.hasNext()) {
                it.next();
                const QFileInfo info = it.fileInfo();
                const QString relative = root.relativeFilePath(info.filePath());
                if (info.isDir() && !info.isSymLink())
                    dirs.append(relative);
                else if (info.isFile())
                    files.append(relative);
            }
            files.sort();
            for (const QString &relative : files)
                addFile(i, root.filePath(relative), remotepath::join(s.remote, remotepath::normalize(relative)), s.force);
            for (const QString &relative : dirs) {
                if (QDir(root.filePath(relative)).isEmpty())
                    emptyDirs.append({i, remotepath::join(s.remote, remotepath::normalize(relative))});
            }
        }
    }
    operation.filesTotal += items.size();

    // 2. Read and chunk in parallel; files the journal knows unchanged are not read again.
    PackSink data(m_repo, PackSink::Kind::Data, &operation);
    // What the files replace is in the newest version, so gc keeps its packs: an edited file
    // reuses its old chunks without asking the journal or the store about them.
    QSet<Hash> livePacks;
    for (const Item &item : items) {
        if (const auto previous = m_repo.lookup(base, item.remote); previous && !previous->isDir()) {
            const QList<Ref> chunks = m_repo.chunksOf(*previous);
            data.addLiveChunks(chunks);
            for (const Ref &r : chunks)
                livePacks.insert(r.pack);
        }
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
            item.chunks = ingest::file(item.local, data, &operation, &after);
            // A file that changed while it was read would be stored torn: refuse it. (Pipes
            // and devices are read as a stream; they have no size to compare.)
            if (item.regular && (after.size != item.fingerprint.size || after.mtimeNs != item.fingerprint.mtimeNs))
                fail(Error::Kind::Conflict, QStringLiteral("%1 changed while it was being read; nothing was committed, try again when it is written").arg(item.local));
        }
        ++operation.filesDone;
    };
    std::exception_ptr firstError;
    std::atomic<bool> failed{false};
    {
        const Journal::LookupSnapshot lookups(journal);
        // Its own threads: the global pool runs this job, and would leave a single reader.
        QThreadPool readers;
        readers.setMaxThreadCount(qMax(2, QThread::idealThreadCount()));
        QtConcurrent::blockingMap(&readers, items, [&](Item &item) {
            if (failed)
                return;
            try {
                ingestItem(item);
            } catch (...) {
                QMutexLocker lock(&mutex);
                if (!firstError)
                    firstError = std::current_exception();
                failed = true;
            }
        });
    }
    if (firstError)
        std::rethrow_exception(firstError);
    data.flush();

    // 3. Every referenced pack must exist: the journal may remember packs gc has removed.
    UploadResult result;
    for (const Hash &pack : journalPacks - livePacks) {
        if (!m_repo.store().stat(pack::keyOf(pack))) {
            journal.forgetPack(pack);
            fail(Error::Kind::Conflict, QStringLiteral("the local cache named pack %1, which gc has removed; the cache entry is dropped, run the command again").arg(pack.hex().left(16)));
        }
    }
    QList<Journal::FileRecord> fresh;
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
                fresh.append({item.local, item.fingerprint, item.chunks});
            result.changes.append(Change::put(item.remote, fileEntry(item)));
        }
        for (const auto &[step, remote] : emptyDirs) {
            if (step == i && !m_repo.lookup(base, remote))
                result.changes.append(Change::put(remote, emptyDirectory()));
        }
    }
    journal.rememberFiles(fresh);
    result.newChunks = data.newBlobs();
    result.newBytes = data.newBytes();
    result.reusedChunks = data.reusedBlobs();
    return result;
}

} // namespace trove
