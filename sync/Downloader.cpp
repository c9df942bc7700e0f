#include "Downloader.h"

#include "CancelScope.h"
#include "DiskFlusher.h"
#include "DownloadParts.h"
#include "Error.h"
#include "FileDescriptor.h"
#include "Operation.h"
#include "Pack.h"
#include "RemotePath.h"
#include "Repository.h"
#include "Store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtConcurrent>
#include <algorithm>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace trove {
namespace {

struct LocalFile
{
    QString remote;
    QString final;
    TreeEntry entry;
    bool inPlace = false; // written under its final name: inside a directory assembled hidden
    QList<Ref> chunks;
    QString part; // where it is written until complete, when not in place
    bool resuming = false; // what is written already holds chunks of an earlier run
    bool resumable = false; // its part is named after its content: kept when the download fails

    qsizetype chunkCount() const { return chunks.size(); }
    const QString &writePath() const { return inPlace ? final : part; }
};

// Parts held (open and locked) at once; the files of a larger download beyond these get parts
// of their own name, which are not resumed.
constexpr int MaxClaimedParts = 64;

// One chunk to place: which file, where in it.
struct Placement
{
    Ref ref;
    int file = 0;
    qint64 fileOffset = 0;
};

// Adjacent chunks of one pack, fetched with a single ranged read.
struct Range
{
    Hash pack;
    qint64 offset = 0;
    qint64 length = 0;
    QList<Placement> placements;
};

constexpr qint64 MaxRangeGap = 1024 * 1024;

QByteArray native(const QString &path) { return QFile::encodeName(path); }

// Creates a directory of the download; an existing one must be a real directory. Returns
// whether it is new (so empty: nothing in it needs checking before it is written).
bool makeDirectory(const QString &path)
{
    if (::mkdir(native(path).constData(), 0755) == 0)
        return true;
    const int err = errno;
    struct stat st;
    if (err == EEXIST && ::lstat(native(path).constData(), &st) == 0 && S_ISDIR(st.st_mode))
        return false;
    if (err == EEXIST)
        fail(Error::Kind::AlreadyExists, QStringLiteral("%1 exists and is not a directory (a symlink is never followed); move it away").arg(path));
    fail(Error::Kind::Io, QStringLiteral("cannot create directory %1: %2").arg(path, errnoText(err)));
}

// Renames the assembled directory to `target`, which must still not exist: a directory that
// appeared meanwhile is not replaced (where the file system cannot promise that, the check
// just before the rename has to do).
void moveDirectoryIntoPlace(const QString &assembled, const QString &target)
{
    int rc = ::renameat2(AT_FDCWD, native(assembled).constData(), AT_FDCWD, native(target).constData(), RENAME_NOREPLACE);
    if (rc != 0 && errno == EINVAL) { // RENAME_NOREPLACE is not supported here
        struct stat st;
        if (::lstat(native(target).constData(), &st) == 0)
            errno = EEXIST;
        else
            rc = ::rename(native(assembled).constData(), native(target).constData());
    }
    if (rc != 0)
        fail(errno == EEXIST ? Error::Kind::AlreadyExists : Error::Kind::Io,
             QStringLiteral("cannot move the download into place at %1: %2").arg(target, errnoText(errno)));
}

// The process's umask, from /proc: umask() can only read it by changing it, which would race
// with other threads creating files. Unknown means 0777, so every mode is set explicitly.
mode_t currentUmask()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("Umask:"))
                return mode_t(line.mid(6).trimmed().toUInt(nullptr, 8));
        }
    }
    return 0777;
}

// Ranges of at most `maxLength` bytes; smaller ranges spread a download of many small files
// over every thread.
QList<Range> coalesce(QList<Placement> placements, qint64 maxLength)
{
    std::sort(placements.begin(), placements.end(), [](const Placement &a, const Placement &b) {
        return a.ref.pack != b.ref.pack ? a.ref.pack < b.ref.pack : a.ref.offset < b.ref.offset;
    });
    QList<Range> ranges;
    for (const Placement &p : placements) {
        if (!ranges.isEmpty()) {
            Range &last = ranges.last();
            const qint64 end = last.offset + last.length;
            if (last.pack == p.ref.pack && p.ref.offset >= last.offset && p.ref.offset - end <= MaxRangeGap
                && p.ref.offset + p.ref.length - last.offset <= maxLength) {
                last.length = qMax(end, p.ref.offset + p.ref.length) - last.offset;
                last.placements.append(p);
                continue;
            }
        }
        ranges.append({p.ref.pack, p.ref.offset, p.ref.length, {p}});
    }
    return ranges;
}

} // namespace

QString Downloader::download(const TreeEntry &entry, const QString &remotePath, const QString &destination,
                             bool force, Operation &operation)
{
    const QString name = remotePath.isEmpty() ? QStringLiteral("volume") : remotepath::nameOf(remotePath);
    QString target = QDir::cleanPath(destination);
    // Like cp: into an existing directory under the remote name; the root's content goes
    // straight into the destination.
    if (!remotePath.isEmpty() && QFileInfo(target).isDir())
        target += QLatin1Char('/') + name;
    m_bytesReused = 0;

    // 1. Plan: every file with its local path; directories created as we go. A directory
    //    that does not exist yet is assembled in a part beside it (see DownloadParts.h) and
    //    renamed into place once complete, so its files are written in place (no part per
    //    file) and it never appears half downloaded. A part left by an earlier run of the
    //    same download is taken up again: its files may hold chunks already.
    QList<LocalFile> files;
    const QString uniqueId = parts::uniqueId();
    QString staging;
    FileDescriptor stagingLock;
    bool stagingResumable = false;
    struct stat targetStat;
    if (entry.isDir() && ::lstat(native(target).constData(), &targetStat) != 0 && errno == ENOENT) {
        staging = parts::path(target, parts::contentId(entry.subtree));
        stagingLock = parts::claimDirectory(staging);
        stagingResumable = stagingLock.isValid();
        if (!stagingResumable)
            staging = parts::path(target, uniqueId);
    }
    auto planFile = [&](const TreeEntry &file, const QString &remote, const QString &local, bool mayExist) {
        struct stat st;
        const bool exists = ::lstat(native(local).constData(), &st) == 0;
        if (exists && !mayExist) {
            if (S_ISDIR(st.st_mode))
                fail(Error::Kind::AlreadyExists, QStringLiteral("%1 is a local directory; cannot replace it with the file '%2'").arg(local, remote));
            if (!force)
                fail(Error::Kind::AlreadyExists, QStringLiteral("%1 already exists; use --force to overwrite it").arg(local));
        }
        LocalFile f;
        f.remote = remote;
        f.final = local;
        f.entry = file;
        f.inPlace = !staging.isEmpty();
        f.resuming = f.inPlace && exists && S_ISREG(st.st_mode);
        files.append(f);
        operation.bytesTotal += file.size;
    };
    // Inside the part of a new directory every file is this download's, possibly from a run
    // before.
    std::function<void(const TreeEntry &, const QString &, const QString &)> planDirectory =
        [&](const TreeEntry &dir, const QString &remote, const QString &local) {
            operation.throwIfCancelled();
            const bool isNew = makeDirectory(local);
            const TreePtr tree = m_repo.readTree(dir.subtree);
            for (const TreeEntry &e : tree->entries) {
                const QString childRemote = remotepath::join(remote, e.name);
                const QString childLocal = local + QLatin1Char('/') + e.name;
                if (e.isDir())
                    planDirectory(e, childRemote, childLocal);
                else
                    planFile(e, childRemote, childLocal, isNew || !staging.isEmpty());
            }
        };
    if (entry.isDir()) {
        planDirectory(entry, remotePath, staging.isEmpty() ? target : staging);
    } else {
        TreeEntry file = entry;
        file.name = QFileInfo(target).fileName();
        planFile(file, remotePath, target, false);
    }
    operation.filesTotal += files.size();

    // A file of several chunks written outside such a directory goes to a part of its own,
    // named after its content and held open (and locked) until the download ends.
    std::vector<FileDescriptor> partFds(files.size());
    int claimed = 0;
    for (int i = 0; i < files.size(); ++i) {
        LocalFile &f = files[i];
        f.chunks = m_repo.chunksOf(f.entry);
        if (f.inPlace)
            continue;
        const int mode = int(f.entry.mode & 0777);
        if (f.chunkCount() > 1 && claimed < MaxClaimedParts) {
            f.part = parts::path(f.final, parts::contentId(f.chunks));
            partFds[i] = parts::claimFile(f.part, mode);
        }
        if (partFds[i].isValid()) {
            ++claimed;
            f.resumable = true;
            struct stat st;
            f.resuming = ::fstat(partFds[i].get(), &st) == 0 && st.st_size > 0;
            if (::ftruncate(partFds[i].get(), f.entry.size) != 0)
                fail(Error::Kind::Io, QStringLiteral("cannot write %1: %2").arg(f.part, errnoText(errno)));
            if (f.final != target)
                parts::removeStale(f.final);
        } else {
            f.part = parts::path(f.final, uniqueId);
        }
    }
    parts::removeStale(target);

    // 2. Fetch pack ranges in parallel, verify each chunk, write it at its offset.
    QList<Placement> placements;
    for (int i = 0; i < files.size(); ++i) {
        qint64 offset = 0;
        for (const Ref &r : files[i].chunks) {
            placements.append({r, i, offset});
            offset += r.length;
        }
    }
    const qint64 rangeLength = qBound(qint64(1024 * 1024), operation.bytesTotal / (4 * qint64(m_repo.limits().transfers)), m_repo.store().rangeLengthLimit());
    const QList<Range> ranges = coalesce(placements, rangeLength);
    const mode_t umask = currentUmask();
    DiskFlusher flusher(QFileInfo(target).path());
    // A complete, verified file gets its mode and time. Outside a hidden new directory, its
    // part then takes its final name; an unnamed file (O_TMPFILE) is linked there, or, when a
    // file is in the way (--force), linked as a part and renamed over it: never a half-written
    // file.
    auto setAttributes = [&](const LocalFile &f, const FileDescriptor &fd) {
        const mode_t mode = f.entry.mode & 0777;
        if ((mode & ~umask) != mode && ::fchmod(fd.get(), mode) != 0)
            fail(Error::Kind::Io, QStringLiteral("cannot set the mode of %1: %2").arg(f.final, errnoText(errno)));
        const struct timespec times[2] = {{0, UTIME_OMIT}, {f.entry.mtimeMs / 1000, (f.entry.mtimeMs % 1000) * 1'000'000}};
        ::futimens(fd.get(), times);
    };
    auto moveIntoPlace = [&](const LocalFile &f) {
        if (!f.inPlace && ::rename(native(f.part).constData(), native(f.final).constData()) != 0)
            fail(Error::Kind::Io, QStringLiteral("cannot move the download into place at %1: %2").arg(f.final, errnoText(errno)));
        ++operation.filesDone;
    };
    auto finish = [&](const LocalFile &f, const FileDescriptor &fd) {
        setAttributes(f, fd);
        moveIntoPlace(f);
    };
    // The file's open descriptor: its held part, or `own` opened now.
    auto openFile = [&](int file, FileDescriptor &own, int flags) -> const FileDescriptor & {
        if (partFds[file].isValid())
            return partFds[file];
        const LocalFile &f = files[file];
        own = FileDescriptor::open(f.writePath(), flags | O_NOFOLLOW, int(f.entry.mode & 0777));
        return own;
    };
    // A file of one chunk is written whole: unnamed until complete, one directory update
    // instead of two. Returns false where O_TMPFILE is not supported.
    auto writeWhole = [&](const LocalFile &f, const char *data, qint64 length) {
        const int raw = ::open(native(QFileInfo(f.final).path()).constData(), O_TMPFILE | O_WRONLY, int(f.entry.mode & 0777));
        if (raw < 0)
            return false;
        FileDescriptor fd(raw);
        fd.pwriteAll(data, length, 0, f.final);
        setAttributes(f, fd);
        const QByteArray self = "/proc/self/fd/" + QByteArray::number(fd.get());
        if (::linkat(AT_FDCWD, self.constData(), AT_FDCWD, native(f.final).constData(), AT_SYMLINK_FOLLOW) == 0) {
            ++operation.filesDone;
            return true;
        }
        // A file in the way was checked for at planning, or appeared since: only --force
        // replaces it.
        if (errno == EEXIST && !force)
            fail(Error::Kind::AlreadyExists, QStringLiteral("%1 already exists; use --force to overwrite it").arg(f.final));
        if (errno != EEXIST || ::linkat(AT_FDCWD, self.constData(), AT_FDCWD, native(f.part).constData(), AT_SYMLINK_FOLLOW) != 0)
            fail(Error::Kind::Io, QStringLiteral("cannot create %1: %2").arg(f.final, errnoText(errno)));
        moveIntoPlace(f);
        return true;
    };
    // A download that failed where a rerun can get further (cancelled, the network or the
    // disk) keeps its resumable parts for that run: they hold only verified chunks and are
    // named after their content. The others go, and all of them when the store is damaged.
    auto cleanUp = [&](const std::exception_ptr &error) {
        bool storeDamaged = false;
        try {
            std::rethrow_exception(error);
        } catch (const Error &e) {
            storeDamaged = e.kind() == Error::Kind::Corrupt;
        } catch (...) {
        }
        for (const LocalFile &f : files) {
            if (!f.inPlace && (!f.resumable || storeDamaged))
                ::unlink(native(f.part).constData());
        }
        if (!staging.isEmpty() && (!stagingResumable || storeDamaged))
            QDir(staging).removeRecursively();
    };
    // On resume, whether the file already holds the chunk `p` places (read back and hashed).
    auto holdsChunk = [&](const Placement &p, QByteArray &buffer) {
        const LocalFile &f = files[p.file];
        if (!f.resuming)
            return false;
        FileDescriptor own;
        const FileDescriptor &fd = openFile(p.file, own, O_RDONLY);
        buffer.resize(p.ref.length);
        return fd.preadFull(buffer.data(), p.ref.length, p.fileOffset, f.writePath()) == p.ref.length
            && Hash::of(buffer.constData(), p.ref.length) == p.ref.hash;
    };
    auto place = [&](const Placement &p, const char *data) {
        const LocalFile &f = files[p.file];
        if (f.chunkCount() == 1 && !f.inPlace && writeWhole(f, data, p.ref.length))
            return;
        FileDescriptor own;
        const FileDescriptor &fd = openFile(p.file, own, O_WRONLY | O_CREAT);
        fd.pwriteAll(data, p.ref.length, p.fileOffset, f.writePath());
        // The disk takes each chunk while the next are fetched, instead of all at the end.
        ::sync_file_range(fd.get(), p.fileOffset, p.ref.length, SYNC_FILE_RANGE_WRITE);
        if (f.chunkCount() == 1) // complete already: no second pass over it
            finish(f, fd);
    };
    // The range's bytes, read from the store: a local store's too (mapping its packs instead
    // made every page's first touch a fault that cost more than the copy).
    auto rangeBytes = [&](const Range &range) {
        const QString key = pack::keyOf(range.pack);
        try {
            return m_repo.store().getRange(key, range.offset, range.length);
        } catch (const Error &e) {
            if (e.kind() == Error::Kind::NotFound)
                fail(Error::Kind::Corrupt, QStringLiteral("'%1' cannot be read: pack %2 is missing from %3; nothing was written (`trove-cli check` lists every file affected)")
                                               .arg(files[range.placements.first().file].remote, range.pack.hex().left(16), m_repo.store().displayName()));
            if (e.kind() == Error::Kind::Corrupt) // the object is shorter than its index says
                fail(Error::Kind::Corrupt, QStringLiteral("pack %1 in %2 ends before byte %3: the object is truncated; the store is damaged (run `trove-cli check --read-data`), nothing was written")
                                               .arg(range.pack.hex().left(16), m_repo.store().displayName()).arg(range.offset + range.length));
            throw;
        }
    };
    auto fetch = [&](const Range &range) {
        const QByteArray bytes = rangeBytes(range);
        for (const Placement &p : range.placements) {
            const char *data = bytes.constData() + (p.ref.offset - range.offset);
            if (Hash::of(data, p.ref.length) != p.ref.hash)
                fail(Error::Kind::Corrupt, QStringLiteral("'%1': chunk %2 in pack %3 does not match its hash; the store is damaged (run `trove-cli check --read-data`), nothing was written")
                                               .arg(files[p.file].remote, p.ref.hash.hex().left(16), p.ref.pack.hex().left(16)));
            operation.bytesDone += p.ref.length;
            place(p, data);
            flusher.written(p.ref.length);
        }
    };
    std::exception_ptr firstError;
    QMutex errorMutex;
    std::atomic<bool> failed{false};
    std::atomic<qint64> bytesReused{0};
    // Ranges in flight at once: the transfer limit, so memory stays at transfers x the store's
    // range length limit.
    QThreadPool pool;
    pool.setMaxThreadCount(m_repo.limits().transfers);
    QtConcurrent::blockingMap(&pool, ranges, [&](const Range &range) {
        if (failed)
            return;
        try {
            operation.throwIfCancelled();
            const CancelScope cancel(operation.cancelled);
            // Chunks a resumed file holds already are kept; only the rest is fetched.
            QList<Placement> missing;
            QByteArray buffer;
            for (const Placement &p : range.placements) {
                if (!holdsChunk(p, buffer)) {
                    missing.append(p);
                    continue;
                }
                operation.bytesDone += p.ref.length;
                bytesReused += p.ref.length;
                if (files[p.file].chunkCount() == 1) {
                    FileDescriptor own;
                    finish(files[p.file], openFile(p.file, own, O_WRONLY));
                }
            }
            if (missing.size() == range.placements.size())
                fetch(range);
            else
                for (const Range &rest : coalesce(missing, range.length))
                    fetch(rest);
        } catch (...) {
            QMutexLocker lock(&errorMutex);
            if (!firstError)
                firstError = std::current_exception();
            failed = true;
        }
    });
    m_bytesReused = bytesReused;
    if (firstError) {
        cleanUp(firstError);
        std::rethrow_exception(firstError);
    }

    // 3. The other files, complete now, take their final names.
    try {
        for (int i = 0; i < files.size(); ++i) {
            if (files[i].chunkCount() != 1) {
                FileDescriptor own;
                finish(files[i], openFile(i, own, O_WRONLY | O_CREAT));
            }
        }
        if (!staging.isEmpty())
            moveDirectoryIntoPlace(staging, target);
    } catch (...) {
        cleanUp(std::current_exception());
        throw;
    }
    // A flush for the whole download, as `cp` + `sync` would; the flusher kept the disk
    // flushing as chunks were written, so this waits on the last few.
    if (!files.isEmpty())
        flusher.flushNow();
    return target;
}

} // namespace trove
