#include "BoundFolder.h"

#include "FolderJournal.h"
#include "FolderScanner.h"
#include "FolderState.h"
#include "FolderWriter.h"
#include "Jobs.h"
#include "OpenFiles.h"
#include "RemotePath.h"
#include "Repository.h"
#include "StoreUrl.h"
#include "TreeDiff.h"
#include "Volume.h"

#include <QDir>
#include <QFile>
#include <QSysInfo>
#include <QSet>
#include <sys/stat.h>

namespace trove {

struct BoundFolder::RemoteChange
{
    QString path;                   // relative to the folder
    std::optional<TreeEntry> entry; // the file at the head; none: removed
};

namespace {

// Whether the folder's file still has this fingerprint (is absent, for none).
bool unchangedSince(const QString &root, const QString &path, const FileFingerprint *fingerprint)
{
    struct stat st;
    if (::lstat(QFile::encodeName(root + QLatin1Char('/') + path).constData(), &st) != 0)
        return fingerprint == nullptr && (errno == ENOENT || errno == ENOTDIR); // ENOTDIR: a file is where a folder was
    return fingerprint && S_ISREG(st.st_mode)
        && *fingerprint == FileFingerprint{qint64(st.st_size), qint64(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec, qint64(st.st_ino)};
}

// Whether the folder's file still is what its journal recorded (absent when there is no record).
bool matchesJournal(const QString &root, const QString &path, const FolderFiles &journal)
{
    const FolderFileRecord *record = journal.find(path);
    return unchangedSince(root, path, record ? &record->fingerprint : nullptr);
}

// Why a local change was kept over a remote one, for the report.
QString keptReason(const QString &root, const QString &path, const FolderFiles &journal)
{
    return !QFileInfo::exists(root + QLatin1Char('/') + path) ? QStringLiteral("%1: deleted here; commit to remove it from the volume").arg(path)
        : journal.contains(path)                              ? QStringLiteral("%1: changed here; commit to send it").arg(path)
                                                              : QStringLiteral("%1: added here; commit to send it").arg(path);
}

// More than half of the folder's files, and more than one: what an unmounted disk, a wrong
// path or an empty listing would look like.
void guardMassDelete(qsizetype removing, qsizetype files, const QString &what, const FolderSyncOptions &options)
{
    if (options.assumeYes || removing < 2 || removing * 2 <= files)
        return;
    fail(Error::Kind::InvalidArgument, QStringLiteral("%1 would delete %2 of the folder's %3 files (more than half); nothing was done. "
                                                      "If that is meant, run it again with --yes")
                                           .arg(what).arg(removing).arg(files));
}

// The version a folder's journal names as its base; 0 (before any) is the empty tree.
VersionRecord baseRecord(VersionLog &log, qint64 base) { return base > 0 ? log.read(base) : VersionRecord(); }

QString countOf(qsizetype n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

// Every file under a directory of a version, by path relative to it.
void filesBelow(Repository &repo, const Ref &tree, const QString &prefix, QHash<QString, TreeEntry> &out)
{
    for (const TreeEntry &e : repo.readTree(tree)->entries) {
        const QString path = remotepath::join(prefix, e.name);
        if (e.isDir())
            filesBelow(repo, e.subtree, path, out);
        else
            out.insert(path, e);
    }
}

QString timeOf(qint64 mtimeMs) { return QDateTime::fromMSecsSinceEpoch(mtimeMs, Qt::UTC).toString(Qt::ISODate); }

// Uploads the folder's files `upload` and removes `removed` (relative paths) as one new
// version, through the commit every writer uses; `update` receives what to record. Returns
// whether a version was made; `result.record` is it, or the head when nothing changed.
bool publish(Repository &repo, const VolumeInfo &volume, const FolderBinding &binding, const QStringList &upload,
             const QStringList &removed, const QHash<QString, ScannedFile> &files, const QString &message,
             Operation &operation, JobResult &result, FolderJournal::Update &update)
{
    // Removals first, so that a file may take the place of a directory and the other way
    // round. A directory that is no longer one here goes whole, not file by file, so it does
    // not stay behind empty in the volume.
    QList<Step> steps;
    QSet<QString> goneDirs;
    for (const QString &path : removed) {
        const QStringList parts = remotepath::split(path);
        QString dir, gone; // gone: the topmost directory on the way that is no longer one here
        for (int i = 0; i + 1 < parts.size() && gone.isEmpty(); ++i) {
            dir = remotepath::join(dir, parts[i]);
            struct stat st;
            if (::lstat(QFile::encodeName(binding.folder + QLatin1Char('/') + dir).constData(), &st) != 0 || !S_ISDIR(st.st_mode))
                gone = dir;
        }
        if (gone.isEmpty())
            steps.append(Step::of(Change::remove(remotepath::join(binding.remotePath, path), false)));
        else if (!goneDirs.contains(gone))
            steps.append(Step::of(Change::remove(remotepath::join(binding.remotePath, gone), true)));
        goneDirs.insert(gone);
    }
    for (const QString &path : upload)
        steps.append(Step::folderFile(binding.folder + QLatin1Char('/') + path, remotepath::join(binding.remotePath, path)));
    UploadResult stored;
    const bool created = CommitJob::commitSteps(repo, volume, steps, message, operation, result, stored);
    QHash<QString, const TreeEntry *> entries;
    for (const Change &c : stored.changes) {
        if (c.type == Change::Type::Put)
            entries.insert(c.path, &c.entry);
    }
    for (const QString &path : upload) {
        // The fingerprint from before the read: a file changed since reads as changed again.
        if (const TreeEntry *entry = entries.value(remotepath::join(binding.remotePath, path)))
            update.put.insert(path, {files.value(path).fingerprint, contentIdentity(entry->chunks), result.record.version});
    }
    update.removed += removed;
    return created;
}

} // namespace

BoundFolder::BoundFolder(std::shared_ptr<Repository> repo, FolderBinding binding, VolumeInfo volume)
    : m_repo(std::move(repo)), m_binding(std::move(binding)), m_volume(std::move(volume))
{
}

bool BoundFolder::isBound(const QString &folder) { return !folderstate::boundRootOf(folder).isEmpty(); }

BoundFolder BoundFolder::open(const QString &folder, std::shared_ptr<Repository> repo)
{
    const QString root = folderstate::boundRootOf(folder);
    if (root.isEmpty())
        fail(Error::Kind::NotFound, QStringLiteral("%1 is not a bound folder; bind it to a volume with `trove-cli volume sync NAME %1`").arg(folder));
    FolderBinding binding = folderstate::readBinding(root);
    if (!repo)
        repo = openRepository(binding.store, StoreOpening::MustExist);
    std::optional<VolumeInfo> volume = repo->registry().find(binding.volume);
    if (!volume || volume->id != binding.volumeId) {
        // Renamed since the binding was made: the id still names it.
        volume.reset();
        for (const VolumeInfo &v : repo->registry().list()) {
            if (v.id == binding.volumeId)
                volume = v;
        }
        if (!volume)
            fail(Error::Kind::NotFound, QStringLiteral("volume '%1' (id %2), which %3 is bound to, is not in %4 any more (deleted?); bind the folder to another volume, after removing %3/.trove")
                                            .arg(binding.volume, binding.volumeId, root, binding.store));
        binding.volume = volume->name;
    }
    // What a crash left in .trove/tmp is never complete; unless another process is syncing
    // the folder right now, it goes.
    if (const auto held = folderstate::tryLock(root))
        FolderWriter::clearTemporary(root);
    return BoundFolder(std::move(repo), std::move(binding), *volume);
}

QString BoundFolder::remoteOf(const QString &relative) const { return remotepath::join(m_binding.remotePath, relative); }

qint64 BoundFolder::headVersion() { return VersionLog(m_repo->store(), m_volume.id).head(); }

QList<BoundFolder::RemoteChange> BoundFolder::remoteChanges(const VersionRecord &base, const VersionRecord &head,
                                                            const FolderFiles &journal)
{
    auto subtree = [&](const Ref &root) {
        const std::optional<TreeEntry> top = m_repo->lookup(root, m_binding.remotePath);
        return top && top->isDir() ? top->subtree : Ref();
    };
    QSet<QString> candidates;
    if (base.root.hash != head.root.hash) {
        for (const DiffEntry &d : diffTrees(*m_repo, subtree(base.root), subtree(head.root)))
            candidates.insert(d.path);
    }
    // Files this folder committed while others committed too: the base version predates
    // them, so the head decides whether they changed since.
    for (qsizetype i = 0; i < journal.size(); ++i) {
        if (journal.record(i).version > base.version)
            candidates.insert(journal.path(i).toString());
    }
    QList<RemoteChange> out;
    for (const QString &path : candidates) {
        std::optional<TreeEntry> entry = m_repo->lookup(head.root, remoteOf(path));
        if (entry && entry->isDir())
            entry.reset();
        const FolderFileRecord *record = journal.find(path);
        if (!entry && !record)
            continue;
        if (entry && record && contentIdentity(m_repo->chunksOf(*entry)) == record->content)
            continue;
        out.append({path, entry});
    }
    std::sort(out.begin(), out.end(), [](const RemoteChange &a, const RemoteChange &b) { return a.path < b.path; });
    return out;
}

FolderSyncReport BoundFolder::commit(Operation &operation, const FolderSyncOptions &options)
{
    const QString &root = m_binding.folder;
    if (folderstate::boundRootOf(root) != root) // the folder or its .trove went (a disk unmounted): never a deletion
        fail(Error::Kind::NotFound, QStringLiteral("bound folder %1 is gone or no longer bound (no %1/.trove/binding.json); nothing was committed").arg(root));
    const auto held = folderstate::lock(root);
    for (int attempt = 1;; ++attempt) {
        try {
            return commitOnce(operation, options);
        } catch (const Error &e) {
            // A file removed or rewritten between the scan and its read: look again.
            const bool fileRace = (e.kind() == Error::Kind::NotFound || e.kind() == Error::Kind::Conflict) && e.message().contains(root);
            if (!fileRace || attempt == 3)
                throw;
        }
    }
}

FolderSyncReport BoundFolder::commitOnce(Operation &operation, const FolderSyncOptions &options)
{
    const QString &root = m_binding.folder;
    FolderJournal journal(folderstate::journalPath(root));
    const qint64 base = journal.baseVersion();
    const FolderScanner scanner(root);
    FolderFiles known;
    FolderScan scan = scanner.scan(journal, known, operation);
    scanner.settle(scan, options.settleMs, operation);

    FolderSyncReport report;
    report.version = base;
    report.filesScanned = scan.filesSeen;
    report.unsettled = scan.unsettled;
    for (const QString &s : scan.skipped)
        report.warnings.append(QStringLiteral("skipped %1").arg(s));
    for (const QString &path : scan.unsettled)
        report.warnings.append(QStringLiteral("%1 is still being written; it waits for a later commit").arg(path));
    const FolderChanges &changes = scan.changes;
    const QString waiting = scan.unsettled.isEmpty() ? QString()
        : QStringLiteral("; %1 still being written wait for a later commit").arg(countOf(scan.unsettled.size(), "file", "files"));
    if (changes.isEmpty()) {
        report.summary = QStringLiteral("nothing to commit: %1 matches version %2 of '%3'").arg(root).arg(base).arg(m_volume.name) + waiting;
        return report;
    }
    guardMassDelete(changes.removed.size(), known.size(), QStringLiteral("this commit of %1").arg(root), options);

    const QString message = !options.message.isEmpty() ? options.message
        : QStringLiteral("bound folder %1:%2: %3 added, %4 modified, %5 removed").arg(QSysInfo::machineHostName(), root)
              .arg(changes.added.size()).arg(changes.modified.size()).arg(changes.removed.size());
    JobResult result;
    FolderJournal::Update update;
    const bool created = publish(*m_repo, m_volume, m_binding, changes.added + changes.modified, changes.removed, scan.files,
                                 message, operation, result, update);
    report.filesRead = changes.added.size() + changes.modified.size();
    report.warnings += result.warnings;
    // The folder matches the new version only when no one else committed since its base.
    if ((created && result.record.parent == base) || (!created && result.record.version == base))
        update.baseVersion = result.record.version;
    journal.apply(update);

    report.committed = created;
    report.version = update.baseVersion.value_or(base);
    report.uploaded = changes;
    QString done = QStringLiteral("uploaded %1, removed %2").arg(countOf(changes.added.size() + changes.modified.size(), "file", "files")).arg(changes.removed.size());
    report.summary = created ? QStringLiteral("%1; committed version %2 of '%3'").arg(done).arg(result.record.version).arg(m_volume.name)
                             : QStringLiteral("nothing to commit: the volume '%1' already holds these changes at version %2").arg(m_volume.name).arg(result.record.version);
    if (created && !update.baseVersion)
        report.summary += QStringLiteral(" (others committed since version %1: reload to get their changes)").arg(base);
    report.summary += waiting;
    return report;
}

FolderSyncReport BoundFolder::reload(Operation &operation, const FolderSyncOptions &options)
{
    const QString &root = m_binding.folder;
    if (folderstate::boundRootOf(root) != root)
        fail(Error::Kind::NotFound, QStringLiteral("bound folder %1 is gone or no longer bound (no %1/.trove/binding.json); nothing was changed").arg(root));
    const auto held = folderstate::lock(root);
    QList<OpenFile> open = openFilesUnder(root);
    const QString state = folderstate::stateDir(root) + QLatin1Char('/');
    open.erase(std::remove_if(open.begin(), open.end(), [&](const OpenFile &f) { return f.path.startsWith(state); }), open.end());
    if (!open.isEmpty())
        fail(Error::Kind::Busy, QStringLiteral("volume busy: %1 files under %2 are open: %3; close them and reload again")
                                    .arg(open.size()).arg(root, describeOpenFiles(open, root)));

    FolderJournal journal(folderstate::journalPath(root));
    const qint64 base = journal.baseVersion();
    const FolderFiles known = journal.files();
    VersionLog log(m_repo->store(), m_volume.id);
    const VersionLog::Newest newest = log.newest();
    if (newest.number == 0)
        fail(Error::Kind::NotFound, QStringLiteral("volume '%1' has no version; it may have been deleted").arg(m_volume.name));
    FolderSyncReport report;
    if (!newest.warning.isEmpty())
        report.warnings.append(QStringLiteral("volume '%1': %2").arg(m_volume.name, newest.warning));
    const VersionRecord &head = newest.record;
    // Everything is read and planned before the folder is touched: a tree that cannot be
    // read fails here, with nothing changed.
    const QList<RemoteChange> changes = remoteChanges(baseRecord(log, base), head, known);
    const FolderScanner scanner(root);

    QList<FolderWriter::File> toWrite;
    QStringList toRemove;
    for (const RemoteChange &c : changes) {
        if (scanner.isIgnored(c.path))
            continue;
        // A folder where a file is to go may give way: its files may be removed below, and
        // if anything is left in it when the file is placed, the folder is kept.
        const bool folderInTheWay = c.entry && !known.contains(c.path) && QFileInfo(root + QLatin1Char('/') + c.path).isDir();
        if (!matchesJournal(root, c.path, known) && !folderInTheWay)
            report.kept.append(c.path);
        else if (c.entry)
            toWrite.append({c.path, *c.entry});
        else
            toRemove.append(c.path);
    }
    guardMassDelete(toRemove.size(), known.size(), QStringLiteral("reloading %1 to version %2").arg(root).arg(head.version), options);

    // Downloads first (a failure changes nothing), then removals (a directory may give way
    // to a file), then the downloads take their places.
    FolderWriter writer(m_repo, root);
    writer.download(toWrite, operation);
    auto stillAsRecorded = [&](const QString &path) { return matchesJournal(root, path, known); };
    FolderJournal::Update update;
    QStringList failed;
    for (const QString &path : toRemove) {
        if (!stillAsRecorded(path)) {
            report.kept.append(path);
            continue;
        }
        const QString problem = writer.remove(path);
        if (problem.isEmpty()) {
            update.removed.append(path);
            report.applied.removed.append(path);
        } else {
            failed.append(problem);
        }
    }
    const FolderWriter::Outcome written = writer.place(stillAsRecorded);
    failed += written.failed;
    for (const FolderWriter::File &f : toWrite) {
        if (!written.written.contains(f.path))
            continue;
        update.put.insert(f.path, {written.written.value(f.path), contentIdentity(m_repo->chunksOf(f.entry)), head.version});
        (known.contains(f.path) ? report.applied.modified : report.applied.added).append(f.path);
    }
    report.kept += written.changedMeanwhile;
    // A file that could not be written keeps the base where it was, so the next reload
    // tries it again (what was written is recorded and not fetched again).
    if (failed.isEmpty())
        update.baseVersion = head.version;
    journal.apply(update);
    if (!failed.isEmpty())
        fail(Error::Kind::Io, QStringLiteral("reload of %1 to version %2 could not write %3: %4").arg(root).arg(head.version)
                                  .arg(countOf(failed.size(), "file", "files"), failed.join(QStringLiteral("; "))));
    report.kept.sort();
    report.version = head.version;
    if (report.applied.isEmpty() && report.kept.isEmpty()) {
        report.summary = QStringLiteral("%1 is up to date with version %2 of '%3'").arg(root).arg(head.version).arg(m_volume.name);
        return report;
    }
    report.summary = QStringLiteral("downloaded %1, removed %2").arg(report.applied.added.size() + report.applied.modified.size()).arg(report.applied.removed.size());
    if (!report.kept.isEmpty()) {
        QStringList reasons;
        for (const QString &path : report.kept)
            reasons.append(keptReason(root, path, known));
        report.summary += QStringLiteral(", kept %1 (%2)").arg(countOf(report.kept.size(), "local change", "local changes"), reasons.join(QStringLiteral("; ")));
    }
    report.summary += QStringLiteral("; %1 is at version %2 of '%3'").arg(root).arg(head.version).arg(m_volume.name);
    return report;
}

FolderStatus BoundFolder::status(Operation &operation)
{
    FolderStatus status;
    status.binding = m_binding;
    FolderJournal journal(folderstate::journalPath(m_binding.folder));
    status.baseVersion = journal.baseVersion();
    const FolderScanner scanner(m_binding.folder);
    FolderFiles known;
    FolderScan scan = scanner.scan(journal, known, operation);
    scanner.settle(scan, 0, operation); // files open for writing; no waiting for others
    status.local = scan.changes;
    status.unsettled = scan.unsettled;
    status.filesScanned = scan.filesSeen;
    VersionLog log(m_repo->store(), m_volume.id);
    const VersionRecord head = log.newest().record;
    status.headVersion = head.version;
    for (const RemoteChange &c : remoteChanges(baseRecord(log, status.baseVersion), head, known)) {
        if (!scanner.isIgnored(c.path))
            (!c.entry ? status.remote.removed : known.contains(c.path) ? status.remote.modified : status.remote.added).append(c.path);
    }
    return status;
}

void BoundFolder::mergeWith(const FolderSyncReport &later, FolderSyncReport &report) const
{
    report.version = later.version;
    report.applied = later.applied;
    report.kept = later.kept;
    report.warnings += later.warnings;
    report.summary += QStringLiteral("; ") + later.summary;
}

BoundFolder BoundFolder::bind(std::shared_ptr<Repository> repo, const QString &storeUrl, const QString &volume,
                              const QString &folder, const QString &remotePath, Operation &operation,
                              const FolderSyncOptions &options, FolderSyncReport *report)
{
    FolderSyncReport ownReport;
    FolderSyncReport &r = report ? *report : ownReport;
    const QString root = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    const QString remote = remotepath::normalize(remotePath);
    // A store given as a relative directory is recorded absolute: the folder is used from anywhere.
    const QString store = storeUrl.isEmpty() ? defaultStoreUrl() : storeUrl.contains(QLatin1String("://")) ? storeUrl : QFileInfo(storeUrl).absoluteFilePath();
    if (const QString bound = folderstate::boundRootOf(root); !bound.isEmpty()) {
        const FolderBinding b = folderstate::readBinding(bound);
        if (bound != root || b.volume != volume || b.remotePath != remote || b.store != store)
            fail(Error::Kind::AlreadyExists, QStringLiteral("%1 is already bound to volume '%2' at '/%3' on %4 (the binding is in %5/.trove); a folder is bound to one volume: remove %5/.trove to bind it anew")
                                                 .arg(root, b.volume, b.remotePath, b.store, bound));
        // Bound here already: bringing both sides together again is a commit and a reload.
        BoundFolder again = open(root, repo);
        r = again.commit(operation, options);
        again.mergeWith(again.reload(operation, options), r);
        return again;
    }
    if (!QDir().mkpath(folderstate::stateDir(root)))
        fail(Error::Kind::Io, QStringLiteral("cannot create %1").arg(folderstate::stateDir(root)));
    QStringList said;
    std::optional<VolumeInfo> info = repo->registry().find(volume);
    if (!info) {
        info = Volume::create(volume, 2, repo);
        said.append(QStringLiteral("created volume '%1'").arg(volume));
    }
    const auto held = folderstate::lock(root);
    FolderWriter::clearTemporary(root);
    BoundFolder bound(repo, {root, store, info->name, info->id, remote}, *info);
    VersionLog log(repo->store(), info->id);
    const VersionRecord head = log.newest().record;
    const std::optional<TreeEntry> top = repo->lookup(head.root, remote);
    if (top && !top->isDir())
        fail(Error::Kind::InvalidArgument, QStringLiteral("'%1' is a file in volume '%2'; a folder binds to a directory of a volume (or its root)").arg(remote, info->name));
    QHash<QString, TreeEntry> remoteFiles;
    if (top)
        filesBelow(*repo, top->subtree, QString(), remoteFiles);
    const FolderScanner scanner(root);
    FolderScan scan = scanner.compare(scanner.walk(operation), FolderFiles());
    scanner.settle(scan, options.settleMs, operation);
    r.filesScanned = scan.filesSeen;
    r.unsettled = scan.unsettled;
    for (const QString &s : scan.skipped)
        r.warnings.append(QStringLiteral("skipped %1").arg(s));

    // Only here: uploaded. Only in the volume: downloaded. On both sides and different: the
    // newer one wins, by mtime, the one place clocks decide: there is no common version yet.
    FolderJournal::Update update;
    QStringList same;
    QList<FolderWriter::File> toWrite;
    for (const QString &path : scan.changes.added) {
        const auto entry = remoteFiles.constFind(path);
        const FileFingerprint local = scan.files.value(path).fingerprint;
        if (entry == remoteFiles.constEnd()) {
            r.uploaded.added.append(path);
        } else if (local.size == entry->size && local.mtimeNs / 1'000'000 == entry->mtimeMs) {
            same.append(path);
            update.put.insert(path, {local, contentIdentity(repo->chunksOf(*entry)), head.version});
        } else if (local.mtimeNs / 1'000'000 >= entry->mtimeMs) {
            r.uploaded.modified.append(path);
            r.details.append(QStringLiteral("%1: newer here (%2) than in the volume (%3): uploaded").arg(path, timeOf(local.mtimeNs / 1'000'000), timeOf(entry->mtimeMs)));
        } else {
            toWrite.append({path, *entry});
            r.applied.modified.append(path);
            r.details.append(QStringLiteral("%1: newer in the volume (%2) than here (%3): downloaded").arg(path, timeOf(entry->mtimeMs), timeOf(local.mtimeNs / 1'000'000)));
        }
    }
    for (auto it = remoteFiles.cbegin(); it != remoteFiles.cend(); ++it) {
        if (!scan.files.contains(it.key()) && !scanner.isIgnored(it.key())) {
            toWrite.append({it.key(), *it});
            r.applied.added.append(it.key());
        }
    }
    r.applied.added.sort();

    // The volume's files are downloaded before anything is committed: one that cannot be
    // read stops the bind with nothing changed on either side.
    FolderWriter writer(repo, root);
    writer.download(toWrite, operation);
    qint64 base = head.version;
    const QStringList upload = r.uploaded.added + r.uploaded.modified;
    if (!upload.isEmpty()) {
        JobResult result;
        const QString message = !options.message.isEmpty() ? options.message
            : QStringLiteral("bind %1:%2").arg(QSysInfo::machineHostName(), root);
        r.committed = publish(*repo, *info, bound.m_binding, upload, {}, scan.files, message, operation, result, update);
        r.filesRead = upload.size();
        r.warnings += result.warnings;
        if (r.committed && result.record.parent == head.version)
            base = result.record.version;
    }
    auto unchangedSinceScan = [&](const QString &path) {
        const auto it = scan.files.constFind(path);
        return unchangedSince(root, path, it == scan.files.constEnd() ? nullptr : &it->fingerprint);
    };
    const FolderWriter::Outcome written = writer.place(unchangedSinceScan);
    for (const FolderWriter::File &f : toWrite) {
        if (written.written.contains(f.path))
            update.put.insert(f.path, {written.written.value(f.path), contentIdentity(repo->chunksOf(f.entry)), head.version});
    }
    r.kept = written.changedMeanwhile;
    // Unbound, so that binding again merges anew and writes what could not be written now.
    if (!written.failed.isEmpty())
        fail(Error::Kind::Io, QStringLiteral("could not write %1 into %2: %3; the folder is not bound yet, bind it again to retry (what was uploaded stays)")
                                  .arg(countOf(written.failed.size(), "file", "files"), root, written.failed.join(QStringLiteral("; "))));
    update.baseVersion = base;
    FolderJournal(folderstate::journalPath(root)).apply(update);
    folderstate::writeBinding(bound.m_binding); // last: a bind cut short is made again whole
    r.version = base;

    const QString where = remote.isEmpty() ? QString() : QStringLiteral(" at '/%1'").arg(remote);
    said.append(QStringLiteral("bound %1 to volume '%2'%3").arg(root, info->name, where));
    if (!r.uploaded.isEmpty())
        said.append(QStringLiteral("uploaded %1 (%2 only here, %3 newer here)").arg(countOf(upload.size(), "file", "files")).arg(r.uploaded.added.size()).arg(r.uploaded.modified.size()));
    if (!r.applied.isEmpty())
        said.append(QStringLiteral("downloaded %1 (%2 only in the volume, %3 newer in the volume)").arg(countOf(written.written.size(), "file", "files"))
                        .arg(r.applied.added.size()).arg(r.applied.modified.size()));
    if (!same.isEmpty())
        said.append(QStringLiteral("%1 the same on both sides").arg(countOf(same.size(), "file", "files")));
    r.summary = said.join(QStringLiteral("; ")) + QStringLiteral("; %1 is at version %2").arg(root).arg(base);
    return bound;
}

} // namespace trove
