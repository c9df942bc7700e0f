#include "Volume.h"

#include "Jobs.h"
#include "Limits.h"
#include "RemotePath.h"
#include "Repository.h"
#include "StoreUrl.h"

#include <QRandomGenerator>
#include <QUuid>

namespace trove {
namespace {

VersionRecord headRecord(Repository &repo, const VolumeInfo &info)
{
    const VersionLog::Newest newest = VersionLog(repo.store(), info.id).newest();
    if (newest.number == 0)
        fail(Error::Kind::NotFound, QStringLiteral("volume '%1' has no version yet; it may still be being created").arg(info.name));
    if (!newest.warning.isEmpty()) // readers go on with what can be read, and say so
        qWarning("trove: volume '%s': %s", qPrintable(info.name), qPrintable(newest.warning));
    return newest.record;
}

// Every volume starts at version 1, the empty tree: history begins with its creation.
void writeFirstVersion(Repository &repo, const VolumeInfo &info, const Ref &root, const QString &message)
{
    VersionRecord first;
    first.version = 1;
    first.root = root;
    first.time = QDateTime::currentDateTimeUtc();
    first.writer = currentWriter();
    first.message = message;
    first.commitId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    VersionLog(repo.store(), info.id).create(first);
}

} // namespace

std::shared_ptr<Repository> Volume::orDefault(std::shared_ptr<Repository> repo)
{
    return repo ? repo : openRepository();
}

Volume::Volume(std::shared_ptr<Repository> repo, const VolumeInfo &info, const VersionRecord &record)
    : m_repo(std::move(repo)), m_info(info), m_record(record)
{
}

VolumeInfo Volume::create(const QString &name, int format, std::shared_ptr<Repository> repo)
{
    repo = orDefault(repo);
    const VolumeInfo info = repo->registry().create(name, format);
    writeFirstVersion(*repo, info, Ref(), QStringLiteral("create volume"));
    return info;
}

Volume Volume::fromName(const QString &name, const VolumeOptions &options, std::shared_ptr<Repository> repo)
{
    repo = orDefault(repo);
    std::optional<VolumeInfo> info = repo->registry().find(name);
    if (!info && options.createIfMissing) {
        try {
            create(name, options.version, repo);
        } catch (const Error &e) {
            if (e.kind() != Error::Kind::AlreadyExists) // another process created it first
                throw;
        }
        info = repo->registry().find(name);
    }
    if (!info)
        info = repo->registry().get(name); // throws NotFound with the way out
    VersionRecord record = options.atVersion ? VersionLog(repo->store(), info->id).read(*options.atVersion)
                                             : headRecord(*repo, *info);
    return Volume(repo, *info, record);
}

QList<VolumeInfo> Volume::list(std::shared_ptr<Repository> repo)
{
    QStringList damaged;
    const QList<VolumeInfo> volumes = orDefault(repo)->registry().list(&damaged);
    for (const QString &problem : damaged) // the readable volumes are still listed
        qWarning("trove: %s", qPrintable(problem));
    return volumes;
}

void Volume::renameVolume(const QString &oldName, const QString &newName, std::shared_ptr<Repository> repo)
{
    orDefault(repo)->registry().rename(oldName, newName);
}

void Volume::deleteVolume(const QString &name, std::shared_ptr<Repository> repo)
{
    orDefault(repo)->registry().remove(name);
}

std::unique_ptr<EphemeralVolume> Volume::ephemeral(std::shared_ptr<Repository> repo, int format)
{
    return std::make_unique<EphemeralVolume>(orDefault(repo), format);
}

std::optional<TreeEntry> Volume::stat(const QString &path)
{
    return m_repo->lookup(m_record.root, remotepath::normalize(path));
}

QString Volume::requirePath(const QString &path, bool mustExist)
{
    const QString normalized = remotepath::normalize(path);
    if (mustExist && !m_repo->lookup(m_record.root, normalized))
        fail(Error::Kind::NotFound, QStringLiteral("'%1' is not in volume '%2' at version %3; if another writer added it since, reload the volume (or run the command again) to see it")
                                        .arg(path, m_info.name).arg(m_record.version));
    return normalized;
}

QList<DirEntry> Volume::listDir(const QString &path, bool recursive)
{
    const QString dir = requirePath(path, true);
    const TreeEntry top = *m_repo->lookup(m_record.root, dir);
    auto toDirEntry = [](const TreeEntry &e, const QString &p) {
        return DirEntry{p, e.isDir(), e.size, QDateTime::fromMSecsSinceEpoch(e.mtimeMs, Qt::UTC)};
    };
    if (!top.isDir())
        return {toDirEntry(top, dir)};
    QList<DirEntry> out;
    std::function<void(const Ref &, const QString &)> walk = [&](const Ref &tree, const QString &prefix) {
        const TreePtr entries = m_repo->readTree(tree);
        out.reserve(out.size() + entries->entries.size());
        for (const TreeEntry &e : entries->entries) {
            const QString p = remotepath::join(prefix, e.name);
            out.append(toDirEntry(e, p));
            if (recursive && e.isDir())
                walk(e.subtree, p);
        }
    };
    walk(top.subtree, dir);
    return out;
}

FileReader Volume::readFile(const QString &path)
{
    const QString p = requirePath(path, true);
    const TreeEntry entry = *m_repo->lookup(m_record.root, p);
    if (entry.isDir())
        fail(Error::Kind::InvalidArgument, QStringLiteral("'%1' is a directory, and only a file can be read as a stream; list it, or download it into a local directory").arg(path));
    return FileReader(m_repo, entry);
}

std::unique_ptr<DownloadJob> Volume::downloadJob(const QString &remotePath, const QString &destination, bool force)
{
    // The path is looked up when the job runs (NotFound then), so building a job never blocks.
    return std::make_unique<DownloadJob>(m_repo, m_info, m_record.version, requirePath(remotePath, false), destination, force);
}

QString Volume::download(const QString &remotePath, const QString &destination, bool force)
{
    const auto job = downloadJob(remotePath, destination, force);
    job->runBlocking();
    return job->localPath();
}

void Volume::putFile(const QString &localPath, const QString &remotePath, bool force)
{
    m_staged.append(Step::file(localPath, requirePath(remotePath, false), force));
}

void Volume::putDirectory(const QString &localPath, const QString &remotePath, bool force, bool followLinks)
{
    m_staged.append(Step::directory(localPath, requirePath(remotePath, false), force, followLinks));
}

void Volume::putData(const QByteArray &data, const QString &remotePath, bool force)
{
    m_staged.append(Step::bytes(data, requirePath(remotePath, false), force));
}

void Volume::copy(const QStringList &sources, const QString &destination, bool recursive)
{
    const QString dst = requirePath(destination, false);
    const auto target = m_repo->lookup(m_record.root, dst);
    if (sources.size() > 1 && !(target && target->isDir()))
        fail(Error::Kind::InvalidArgument, QStringLiteral("copying several paths needs an existing directory as the destination; '%1' is not one").arg(destination));
    QList<Step> steps;
    for (const QString &source : sources) {
        const QString src = requirePath(source, true);
        if (m_repo->lookup(m_record.root, src)->isDir()) {
            if (!recursive)
                fail(Error::Kind::InvalidArgument, QStringLiteral("'%1' is a directory; use -r to copy it").arg(source));
            if (m_info.format == 1)
                fail(Error::Kind::Limit, QStringLiteral("v1 volumes cannot copy directories recursively ('%1'); migrate to v2 with `trove-cli volume migrate`").arg(source));
        }
        steps.append(Step::of(Change::copy(src, dst, recursive)));
    }
    m_staged += steps;
}

void Volume::remove(const QString &path, bool recursive)
{
    const QString p = requirePath(path, true);
    const TreeEntry entry = *m_repo->lookup(m_record.root, p);
    if (entry.isDir() && !recursive && entry.fileCount > 0)
        fail(Error::Kind::InvalidArgument, QStringLiteral("'%1' is a directory with %2 files; use -r to remove it and everything in it").arg(path).arg(entry.fileCount));
    m_staged.append(Step::of(Change::remove(p, recursive)));
}

void Volume::restore(const QString &path, qint64 fromVersion)
{
    const QString p = remotepath::normalize(path);
    const VersionRecord old = VersionLog(m_repo->store(), m_info.id).read(fromVersion);
    const auto entry = m_repo->lookup(old.root, p);
    if (!entry)
        fail(Error::Kind::NotFound, QStringLiteral("'%1' did not exist in version %2 of '%3'").arg(path).arg(fromVersion).arg(m_info.name));
    if (p.isEmpty()) {
        // The whole volume: clear it, then put every top-level entry back.
        m_staged.append(Step::of(Change::remove(QString(), true)));
        for (const TreeEntry &e : m_repo->readTree(old.root)->entries)
            m_staged.append(Step::of(Change::put(e.name, e)));
        return;
    }
    m_staged.append(Step::of(Change::put(p, *entry)));
}

std::unique_ptr<CommitJob> Volume::commitJob(const QString &message)
{
    return std::make_unique<CommitJob>(m_repo, m_info, std::exchange(m_staged, {}), message);
}

JobResult Volume::commit(const QString &message)
{
    // The staged writes stay staged if the commit fails, so it can be retried.
    const JobResult result = CommitJob(m_repo, m_info, m_staged, message).runBlocking();
    m_staged.clear();
    adopt(result);
    return result;
}

qint64 Volume::reload()
{
    ReloadJob job(m_repo, m_info);
    m_record = job.runBlocking().record;
    return m_record.version;
}

JobResult Volume::batchUpload(const std::function<void(BatchUpload &)> &fill, const QString &message)
{
    const QList<Step> before = m_staged;
    BatchUpload batch(*this);
    try {
        fill(batch);
    } catch (...) {
        m_staged = before; // a failed block commits nothing
        throw;
    }
    return commit(message);
}

QList<VersionRecord> Volume::history() { return VersionLog(m_repo->store(), m_info.id).all(); }

QList<DiffEntry> Volume::diff(qint64 fromVersion, qint64 toVersion)
{
    VersionLog log(m_repo->store(), m_info.id);
    return diffTrees(*m_repo, log.read(fromVersion).root, log.read(toVersion).root);
}

VolumeInfo Volume::fork(const QString &name, const QString &newName, qint64 atVersion, int format, std::shared_ptr<Repository> repo)
{
    repo = orDefault(repo);
    const VolumeInfo source = repo->registry().get(name);
    VersionLog log(repo->store(), source.id);
    const VersionRecord record = atVersion > 0 ? log.read(atVersion) : log.newest().record;
    const qint64 version = record.version;
    if (format == 1) {
        // v1 carries the seed's file limit: a bigger tree cannot become a v1 volume.
        qint64 files = 0;
        for (const TreeEntry &e : repo->readTree(record.root)->entries)
            files += e.isDir() ? e.fileCount : 1;
        if (files > limits::V1MaxFiles)
            fail(Error::Kind::Limit, QStringLiteral("'%1' holds %2 files, over the v1 limit of 500,000").arg(name).arg(files));
    }
    const VolumeInfo info = repo->registry().create(newName, format > 0 ? format : source.format);
    writeFirstVersion(*repo, info, record.root, QStringLiteral("fork of '%1' at version %2").arg(name).arg(version));
    return info;
}

EphemeralVolume::EphemeralVolume(std::shared_ptr<Repository> repo, int format, int ttlSeconds)
    : m_repo(std::move(repo)), m_ttlSeconds(ttlSeconds)
{
    const QString name = QStringLiteral("ephemeral-%1").arg(QRandomGenerator::system()->generate64(), 0, 36);
    const VolumeInfo info = m_repo->registry().create(name, format, true);
    m_repo->registry().setExpiry(info.id, QDateTime::currentDateTimeUtc().addSecs(m_ttlSeconds));
    writeFirstVersion(*m_repo, info, Ref(), QStringLiteral("create ephemeral volume"));
    m_volume = std::make_unique<Volume>(Volume::fromName(name, {}, m_repo));
    m_heartbeat = std::thread([this] { heartbeat(); });
}

EphemeralVolume::~EphemeralVolume()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_heartbeat.join();
    try {
        m_repo->registry().remove(m_volume->name());
    } catch (const Error &e) {
        qWarning("could not delete ephemeral volume: %s", qPrintable(e.message())); // gc will
    }
}

void EphemeralVolume::heartbeat()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    // Renew at a third of the lifetime: two missed beats still leave the volume alive.
    while (!m_wake.wait_for(lock, std::chrono::seconds(qMax(1, m_ttlSeconds / 3)), [this] { return m_stopping; })) {
        try {
            m_repo->registry().setExpiry(m_volume->info().id, QDateTime::currentDateTimeUtc().addSecs(m_ttlSeconds));
        } catch (const Error &) {
            // A missed beat is retried at the next one.
        }
    }
}

} // namespace trove
