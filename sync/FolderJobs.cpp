#include "FolderJobs.h"

namespace trove {

FolderJob::FolderJob(std::shared_ptr<Repository> repo, std::optional<BoundFolder> folder, const FolderSyncOptions &options, QObject *parent)
    : RepositoryJob(std::move(repo), parent), m_folder(std::move(folder)), m_options(options)
{
}

void FolderJob::publish(JobResult &result) const
{
    result.record.version = m_report.version;
    result.summary = m_report.summary;
    result.warnings = m_report.warnings;
}

FolderBindJob::FolderBindJob(std::shared_ptr<Repository> repo, const QString &storeUrl, const QString &volume, const QString &folder,
                             const QString &remotePath, const FolderSyncOptions &options, QObject *parent)
    : FolderJob(std::move(repo), std::nullopt, options, parent), m_storeUrl(storeUrl), m_volume(volume), m_path(folder), m_remotePath(remotePath)
{
}

void FolderBindJob::run(Operation &operation, JobResult &result)
{
    m_folder = BoundFolder::bind(m_repo, m_storeUrl, m_volume, m_path, m_remotePath, operation, m_options, &m_report);
    publish(result);
}

void FolderCommitJob::run(Operation &operation, JobResult &result)
{
    m_report = m_folder->commit(operation, m_options);
    publish(result);
}

void FolderReloadJob::run(Operation &operation, JobResult &result)
{
    m_report = m_folder->reload(operation, m_options);
    publish(result);
}

FolderStatusJob::FolderStatusJob(BoundFolder folder, QObject *parent)
    : RepositoryJob(folder.repository(), parent), m_folder(std::move(folder))
{
}

void FolderStatusJob::run(Operation &operation, JobResult &result)
{
    m_status = m_folder.status(operation);
    result.record.version = m_status.baseVersion;
    result.summary = QStringLiteral("%1: version %2 of '%3' (newest %4); %5 local and %6 remote changes")
                         .arg(m_status.binding.folder).arg(m_status.baseVersion).arg(m_status.binding.volume).arg(m_status.headVersion)
                         .arg(m_status.local.count()).arg(m_status.remote.count());
}

} // namespace trove
