#pragma once

#include "Committer.h"
#include "FileReader.h"
#include "Jobs.h"
#include "Registry.h"
#include "TreeDiff.h"
#include "Uploader.h"
#include "VersionLog.h"

#include <QDateTime>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace trove {

class Repository;

struct VolumeOptions
{
    bool createIfMissing = false;
    int version = 2;                   // volume format: 1 or 2, for a volume created here
    std::optional<qint64> atVersion;   // hold this version instead of the newest
};

struct DirEntry
{
    QString path; // relative to the volume root
    bool isDir = false;
    qint64 size = 0;
    QDateTime mtime;
};

class BatchUpload;
class EphemeralVolume;

// A volume as the seed's SDK presents it. A Volume holds one version: reads see that
// version until reload(). Writes are staged and published together by commit() as one new
// version (batchUpload() commits when its block ends). Blocking calls run the same jobs the
// GUI runs asynchronously (Jobs.h).
class Volume
{
public:
    static Volume fromName(const QString &name, const VolumeOptions &options = {}, std::shared_ptr<Repository> repo = nullptr);
    static VolumeInfo create(const QString &name, int format = 2, std::shared_ptr<Repository> repo = nullptr);
    static QList<VolumeInfo> list(std::shared_ptr<Repository> repo = nullptr);
    static void renameVolume(const QString &oldName, const QString &newName, std::shared_ptr<Repository> repo = nullptr);
    static void deleteVolume(const QString &name, std::shared_ptr<Repository> repo = nullptr);
    // A temporary volume, deleted when the returned object goes (RAII).
    static std::unique_ptr<EphemeralVolume> ephemeral(std::shared_ptr<Repository> repo = nullptr, int format = 2);

    const VolumeInfo &info() const { return m_info; }
    QString name() const { return m_info.name; }
    qint64 version() const { return m_record.version; }
    const VersionRecord &record() const { return m_record; }
    std::shared_ptr<Repository> repository() const { return m_repo; }

    // --- reading the held version ---
    std::optional<TreeEntry> stat(const QString &path);
    QList<DirEntry> listDir(const QString &path = {}, bool recursive = false);
    FileReader readFile(const QString &path); // throws NotFound, suggesting a reload
    QString download(const QString &remotePath, const QString &destination, bool force = false);

    // --- staging writes; commit() publishes them ---
    void putFile(const QString &localPath, const QString &remotePath, bool force = true);
    // Symbolic links inside the directory are skipped, with a warning, unless `followLinks`.
    void putDirectory(const QString &localPath, const QString &remotePath, bool force = true, bool followLinks = false);
    void putData(const QByteArray &data, const QString &remotePath, bool force = true);
    void copy(const QStringList &sources, const QString &destination, bool recursive = false);
    void remove(const QString &path, bool recursive = false);
    void restore(const QString &path, qint64 fromVersion);
    bool hasStagedChanges() const { return !m_staged.isEmpty(); }

    // Publishes the staged writes as one new version and holds it.
    JobResult commit(const QString &message = {});
    // The same as jobs to run asynchronously; the staged writes move into the job. After it
    // finishes, adopt(result) holds the version it made.
    std::unique_ptr<CommitJob> commitJob(const QString &message = {});
    std::unique_ptr<DownloadJob> downloadJob(const QString &remotePath, const QString &destination, bool force = false);
    void adopt(const JobResult &result) { m_record = result.record; }
    // Holds the newest version; returns it.
    qint64 reload();
    // Runs `fill`, then commits what it staged as one version; nothing when it throws.
    JobResult batchUpload(const std::function<void(BatchUpload &)> &fill, const QString &message = {});

    // --- beyond the seed ---
    QList<VersionRecord> history();
    QList<DiffEntry> diff(qint64 fromVersion, qint64 toVersion);
    // A new volume whose first version has this one's tree at `atVersion` (0: held): no data copied.
    static VolumeInfo fork(const QString &name, const QString &newName, qint64 atVersion = 0, int format = 0,
                           std::shared_ptr<Repository> repo = nullptr);

private:
    Volume(std::shared_ptr<Repository> repo, const VolumeInfo &info, const VersionRecord &record);
    QString requirePath(const QString &path, bool mustExist);
    static std::shared_ptr<Repository> orDefault(std::shared_ptr<Repository> repo);

    std::shared_ptr<Repository> m_repo;
    VolumeInfo m_info;
    VersionRecord m_record;
    QList<Step> m_staged;
};

// What a batchUpload block may add.
class BatchUpload
{
public:
    void putFile(const QString &localPath, const QString &remotePath) { m_volume.putFile(localPath, remotePath); }
    void putDirectory(const QString &localPath, const QString &remotePath) { m_volume.putDirectory(localPath, remotePath); }
    void putData(const QByteArray &data, const QString &remotePath) { m_volume.putData(data, remotePath); }

private:
    friend class Volume;
    explicit BatchUpload(Volume &volume) : m_volume(volume) {}
    Volume &m_volume;
};

// A temporary volume that lives as long as this object: created with a random name, its
// expiry renewed by a heartbeat thread, deleted when the object goes. If the process dies,
// the heartbeat stops and `gc` removes the volume once the expiry passes.
class EphemeralVolume
{
public:
    explicit EphemeralVolume(std::shared_ptr<Repository> repo = nullptr, int format = 2, int ttlSeconds = 300);
    ~EphemeralVolume();
    EphemeralVolume(const EphemeralVolume &) = delete;
    EphemeralVolume &operator=(const EphemeralVolume &) = delete;

    Volume &volume() { return *m_volume; }
    Volume *operator->() { return m_volume.get(); }

private:
    void heartbeat();

    std::shared_ptr<Repository> m_repo;
    std::unique_ptr<Volume> m_volume;
    int m_ttlSeconds;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_heartbeat;
};

} // namespace trove
