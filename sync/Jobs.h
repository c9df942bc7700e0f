#pragma once

#include "Checker.h"
#include "GarbageCollector.h"
#include "Job.h"
#include "Registry.h"
#include "Uploader.h"

#include <memory>

namespace trove {

class Repository;

// A job on one repository; its progress shows that store's transfers.
class RepositoryJob : public Job
{
    Q_OBJECT
protected:
    RepositoryJob(std::shared_ptr<Repository> repo, QObject *parent);
    std::shared_ptr<Repository> m_repo;
};

// Uploads the steps' files and publishes them, with the steps' other changes, as one new
// version. Nothing is committed when any step fails or the job is cancelled.
class CommitJob : public RepositoryJob
{
    Q_OBJECT
public:
    CommitJob(std::shared_ptr<Repository> repo, const VolumeInfo &volume, QList<Step> steps,
              const QString &message, QObject *parent = nullptr);
    const UploadResult &upload() const { return m_upload; }

    // The job's work, for engine code that reports on an Operation of its own (bound
    // folders): the result's record is the version made, or the head when nothing changed
    // (then it returns false); `upload` receives what was stored.
    static bool commitSteps(Repository &repo, const VolumeInfo &volume, const QList<Step> &steps, const QString &message,
                            Operation &operation, JobResult &result, UploadResult &upload);

protected:
    void run(Operation &operation, JobResult &result) override;

private:
    static bool uploadAndCommit(Repository &repo, const VolumeInfo &volume, const QList<Step> &steps, const QString &message,
                                Operation &operation, JobResult &result, UploadResult &upload);

    VolumeInfo m_volume;
    QList<Step> m_steps;
    QString m_message;
    UploadResult m_upload;
};

// Writes a file or directory of a version to the local disk.
class DownloadJob : public RepositoryJob
{
    Q_OBJECT
public:
    DownloadJob(std::shared_ptr<Repository> repo, const VolumeInfo &volume, qint64 version, const QString &remotePath,
                const QString &destination, bool force, QObject *parent = nullptr);
    QString localPath() const { return m_localPath; }
    // Bytes found on disk from an interrupted run of this download, verified, not fetched.
    qint64 bytesReused() const { return m_bytesReused; }

protected:
    void run(Operation &operation, JobResult &result) override;

private:
    VolumeInfo m_volume;
    qint64 m_version;
    QString m_remotePath, m_destination, m_localPath;
    bool m_force;
    qint64 m_bytesReused = 0;
};

// Finds the newest version of a volume; the result's record is it.
class ReloadJob : public RepositoryJob
{
    Q_OBJECT
public:
    ReloadJob(std::shared_ptr<Repository> repo, const VolumeInfo &volume, QObject *parent = nullptr);

protected:
    void run(Operation &operation, JobResult &result) override;

private:
    VolumeInfo m_volume;
};

class GcJob : public RepositoryJob
{
    Q_OBJECT
public:
    GcJob(std::shared_ptr<Repository> repo, qint64 graceSeconds, bool dryRun, QObject *parent = nullptr);
    const GcReport &report() const { return m_report; }

protected:
    void run(Operation &operation, JobResult &result) override;

private:
    qint64 m_graceSeconds;
    bool m_dryRun;
    GcReport m_report;
};

class CheckJob : public RepositoryJob
{
    Q_OBJECT
public:
    CheckJob(std::shared_ptr<Repository> repo, bool readData, bool repair = false, QObject *parent = nullptr);
    const CheckReport &report() const { return m_report; }

protected:
    void run(Operation &operation, JobResult &result) override;

private:
    bool m_readData;
    bool m_repair;
    CheckReport m_report;
};

} // namespace trove
