#pragma once

#include "BoundFolder.h"
#include "Jobs.h"

#include <optional>

namespace trove {

// Bound folder operations as jobs on the thread pool, for the app: progress through the
// job's Operation, the report in report() once finished(). The result's summary is the
// report's, its warnings the report's warnings, its record.version the version the folder
// matches; the report's details (which side of a merge won) are for the view to show.
class FolderJob : public RepositoryJob
{
    Q_OBJECT
public:
    const FolderSyncReport &report() const { return m_report; }
    // The folder the job works on; a bind's once it finished.
    const std::optional<BoundFolder> &folder() const { return m_folder; }

protected:
    FolderJob(std::shared_ptr<Repository> repo, std::optional<BoundFolder> folder, const FolderSyncOptions &options, QObject *parent);
    void publish(JobResult &result) const;

    std::optional<BoundFolder> m_folder;
    FolderSyncOptions m_options;
    FolderSyncReport m_report;
};

// Binds a folder to a volume (BoundFolder::bind).
class FolderBindJob : public FolderJob
{
    Q_OBJECT
public:
    FolderBindJob(std::shared_ptr<Repository> repo, const QString &storeUrl, const QString &volume, const QString &folder,
                  const QString &remotePath, const FolderSyncOptions &options = {}, QObject *parent = nullptr);

protected:
    void run(Operation &operation, JobResult &result) override;

private:
    QString m_storeUrl, m_volume, m_path, m_remotePath;
};

class FolderCommitJob : public FolderJob
{
    Q_OBJECT
public:
    FolderCommitJob(const BoundFolder &folder, const FolderSyncOptions &options = {}, QObject *parent = nullptr)
        : FolderJob(folder.repository(), folder, options, parent) {}

protected:
    void run(Operation &operation, JobResult &result) override;
};

// Busy (the result's errorKind) while files under the folder are open.
class FolderReloadJob : public FolderJob
{
    Q_OBJECT
public:
    FolderReloadJob(const BoundFolder &folder, const FolderSyncOptions &options = {}, QObject *parent = nullptr)
        : FolderJob(folder.repository(), folder, options, parent) {}

protected:
    void run(Operation &operation, JobResult &result) override;
};

class FolderStatusJob : public RepositoryJob
{
    Q_OBJECT
public:
    explicit FolderStatusJob(BoundFolder folder, QObject *parent = nullptr);
    const FolderStatus &status() const { return m_status; }

protected:
    void run(Operation &operation, JobResult &result) override;

private:
    BoundFolder m_folder;
    FolderStatus m_status;
};

} // namespace trove
