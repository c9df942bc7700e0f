#include "Jobs.h"

#include "Chunker.h"
#include "Committer.h"
#include "Downloader.h"
#include "GcFence.h"
#include "Repository.h"
#include "Store.h"

#include <QFileInfo>
#include <QLocale>
#include <QScopeGuard>
#include <QtConcurrent>

#include <future>

namespace trove {

RepositoryJob::RepositoryJob(std::shared_ptr<Repository> repo, QObject *parent) : Job(parent), m_repo(std::move(repo))
{
    watchTransfers(m_repo->store().transfers());
}

CommitJob::CommitJob(std::shared_ptr<Repository> repo, const VolumeInfo &volume, QList<Step> steps,
                     const QString &message, QObject *parent)
    : RepositoryJob(std::move(repo), parent), m_volume(volume), m_steps(std::move(steps)), m_message(message)
{
}

void CommitJob::run(Operation &operation, JobResult &result)
{
    commitSteps(*m_repo, m_volume, m_steps, m_message, operation, result, m_upload);
}

bool CommitJob::commitSteps(Repository &repo, const VolumeInfo &volume, const QList<Step> &steps, const QString &message,
                            Operation &operation, JobResult &result, UploadResult &upload)
{
    const QDateTime started = QDateTime::currentDateTimeUtc();
    try {
        return uploadAndCommit(repo, volume, steps, message, operation, result, upload);
    } catch (const Error &e) {
        // What only this commit stored would otherwise wait for gc's grace period (a full
        // disk would stay full): remove it now, through gc's own protocol. A cancelled commit,
        // or one the store turned away for now, keeps it, so that running it again resumes.
        const QSet<Hash> created = operation.createdPacks();
        const bool resumable = e.kind() == Error::Kind::Cancelled || e.kind() == Error::Kind::Unavailable;
        if (!resumable && !created.isEmpty()) {
            try {
                Operation reclaiming;
                GarbageCollector(repo, 0, false).reclaim(created, started, reclaiming);
            } catch (const Error &) { // gc removes them after the grace period
            }
        }
        throw;
    }
}

bool CommitJob::uploadAndCommit(Repository &repo, const VolumeInfo &volume, const QList<Step> &steps, const QString &message,
                                Operation &operation, JobResult &result, UploadResult &upload)
{
    // A file's first chunk would wait for the chunker to time its scans: they are timed while
    // the store is asked about the volume instead.
    const bool readsFiles = std::any_of(steps.cbegin(), steps.cend(), [](const Step &s) {
        return s.kind == Step::Kind::File || s.kind == Step::Kind::Directory;
    });
    const std::future<void> scanChosen = std::async(readsFiles ? std::launch::async : std::launch::deferred, &Chunker::chooseScan);
    // Before any pack is looked up or stored: the fence knows which gc sweeps came since.
    WriterFence fence(repo);
    // The store's write check (on S3 a probe of three requests) runs while files are read.
    std::exception_ptr writeCheckError;
    QFuture<void> writeCheck = QtConcurrent::run([&repo, &writeCheckError] {
        try {
            repo.store().prepareForWrites();
        } catch (...) {
            writeCheckError = std::current_exception();
        }
    });
    const auto waitForWriteCheck = qScopeGuard([&] { writeCheck.waitForFinished(); });
    VersionLog log(repo.store(), volume.id);
    const VersionRecord base = log.newest().record;
    upload = Uploader(repo, volume.format).upload(steps, base.root, operation);
    // The journal learns of the chunks and files just stored while the commit writes its
    // trees, whether or not the commit succeeds: a cache, so its failure is no reason to
    // fail the commit (the next upload reads those files again).
    auto remember = [&repo, &upload] {
        try {
            repo.journal().record(upload.unrecordedChunks, upload.freshFiles);
        } catch (const Error &) {
        }
    };
    QFuture<void> remembering = QtConcurrent::run(remember);
    const auto waitForRemembering = qScopeGuard([&] { remembering.waitForFinished(); });
    writeCheck.waitForFinished();
    if (writeCheckError)
        std::rethrow_exception(writeCheckError);
    CommitResult commit = Committer(repo, volume).commit(upload.changes, message, upload.packsUsed, fence, &operation, base);
    while (!commit.unsafePacks.isEmpty()) {
        // A gc is removing packs this commit reuses: once it is done, store what it took again.
        const bool rereadable = std::all_of(steps.cbegin(), steps.cend(), [](const Step &s) {
            return s.kind != Step::Kind::File || QFileInfo(s.local).isFile();
        });
        if (!rereadable)
            fail(Error::Kind::Conflict, QStringLiteral("gc removed packs this commit needed while it read from a pipe, which cannot be read again; nothing was committed, run the command again"));
        fence.waitForSweeps(commit.unsafePacks, operation);
        remembering.waitForFinished();
        operation.resetCounters();
        upload = Uploader(repo, volume.format).upload(steps, base.root, operation);
        remember();
        commit = Committer(repo, volume).commit(upload.changes, message, upload.packsUsed, fence, &operation, base);
    }
    result.record = commit.record;
    result.warnings = upload.warnings + commit.warnings;
    result.summary = commit.created
        ? QStringLiteral("committed version %1 of '%2' (%3 new chunks, %4 sent, %5 already in the store)")
              .arg(commit.record.version).arg(volume.name).arg(upload.sentChunks)
              .arg(QLocale::c().formattedDataSize(upload.sentBytes, 1), QLocale::c().formattedDataSize(upload.alreadyStoredBytes, 1))
        : QStringLiteral("nothing to commit: '%1' stays at version %2").arg(volume.name).arg(commit.record.version);
    return commit.created;
}

DownloadJob::DownloadJob(std::shared_ptr<Repository> repo, const VolumeInfo &volume, qint64 version, const QString &remotePath,
                         const QString &destination, bool force, QObject *parent)
    : RepositoryJob(std::move(repo), parent), m_volume(volume), m_version(version), m_remotePath(remotePath),
      m_destination(destination), m_force(force)
{
}

void DownloadJob::run(Operation &operation, JobResult &result)
{
    VersionLog log(m_repo->store(), m_volume.id);
    result.record = log.read(m_version);
    const auto entry = m_repo->lookup(result.record.root, m_remotePath);
    if (!entry)
        fail(Error::Kind::NotFound, QStringLiteral("'%1' is not in volume '%2' (version %3)").arg(m_remotePath, m_volume.name).arg(m_version));
    Downloader downloader(*m_repo);
    m_localPath = downloader.download(*entry, m_remotePath, m_destination, m_force, operation);
    m_bytesReused = downloader.bytesReused();
    result.summary = QStringLiteral("downloaded '%1' to %2").arg(m_remotePath, m_localPath);
    if (m_bytesReused > 0)
        result.summary += QStringLiteral(" (resumed: %1 of %2 bytes were on disk from an interrupted download)")
                              .arg(m_bytesReused).arg(qint64(operation.bytesTotal));
}

ReloadJob::ReloadJob(std::shared_ptr<Repository> repo, const VolumeInfo &volume, QObject *parent)
    : RepositoryJob(std::move(repo), parent), m_volume(volume)
{
}

void ReloadJob::run(Operation &, JobResult &result)
{
    VersionLog log(m_repo->store(), m_volume.id);
    const VersionLog::Newest newest = log.newest();
    if (newest.number == 0)
        fail(Error::Kind::NotFound, QStringLiteral("volume '%1' has no version; it may have been deleted").arg(m_volume.name));
    result.record = newest.record;
    if (!newest.warning.isEmpty())
        result.warnings.append(QStringLiteral("volume '%1': %2").arg(m_volume.name, newest.warning));
    result.summary = QStringLiteral("'%1' is at version %2").arg(m_volume.name).arg(newest.record.version);
}

GcJob::GcJob(std::shared_ptr<Repository> repo, qint64 graceSeconds, bool dryRun, QObject *parent)
    : RepositoryJob(std::move(repo), parent), m_graceSeconds(graceSeconds), m_dryRun(dryRun)
{
}

void GcJob::run(Operation &operation, JobResult &result)
{
    m_report = GarbageCollector(*m_repo, m_graceSeconds, m_dryRun).run(operation);
    result.summary = QStringLiteral("%1 %2 of %3 packs (%4 bytes), %5 volumes; %6 unreferenced packs kept inside the grace period")
                         .arg(m_dryRun ? QStringLiteral("would remove") : QStringLiteral("removed"))
                         .arg(m_report.packsRemoved).arg(m_report.packsTotal).arg(m_report.bytesRemoved)
                         .arg(m_report.volumesRemoved.size()).arg(m_report.packsTooYoung);
    if (m_report.temporaryBytesRemoved > 0)
        result.summary += QStringLiteral("; %1 bytes of interrupted writes' temporary files removed").arg(m_report.temporaryBytesRemoved);
}

CheckJob::CheckJob(std::shared_ptr<Repository> repo, bool readData, bool repair, QObject *parent)
    : RepositoryJob(std::move(repo), parent), m_readData(readData), m_repair(repair)
{
}

void CheckJob::run(Operation &operation, JobResult &result)
{
    m_report = Checker(*m_repo, m_readData, m_repair).run(operation);
    result.summary = QStringLiteral("checked %1 volumes, %2 packs, %3 references%4: %5")
                         .arg(m_report.volumes).arg(m_report.packsChecked).arg(m_report.blobsChecked)
                         .arg(m_readData ? QStringLiteral(", %1 bytes read").arg(m_report.bytesRead) : QString())
                         .arg(m_report.ok() ? QStringLiteral("no problems") : QStringLiteral("%1 problems").arg(m_report.problems.size()));
}

} // namespace trove
