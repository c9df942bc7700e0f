#pragma once

#include "Registry.h"
#include "Safetensors.h"
#include "Tree.h"
#include "VersionLog.h"

#include <atomic>
#include <memory>

namespace trove {
class Repository;
}

namespace trove::ui {

// What the details pane says about one file beyond its entry, found by walking trees (chunk
// refs only, no file data). Blocking: run on EnginePool. `cancel` stops a walk early (the
// result is then incomplete and says so).
using CancelFlag = std::shared_ptr<std::atomic<bool>>;

struct Sharing
{
    qint64 inVolume = 0;      // bytes of the file's chunks found in other files of the held version
    qint64 inStore = 0;       // ... or in the newest version of another volume
    qint64 filesScanned = 0;
    bool stoppedEarly = false; // the walk hit MaxFilesScanned (or was cancelled)
};

struct FileHistory
{
    QList<qint64> changedIn; // versions whose commit added, changed or removed the file, newest first
    qint64 versionsScanned = 0;
    bool stoppedEarly = false;
};

namespace filefacts {
// Bounds, so a huge store gives an answer in reasonable time.
constexpr qint64 MaxFilesScanned = 200'000;
constexpr int MaxVersionsScanned = 1000;

// A .safetensors file by its name: the details pane reads its header, History compares its tensors.
bool isSafetensors(const QString &path);
Sharing sharing(Repository &repo, const VolumeInfo &volume, const Ref &root, const QString &path, const QList<Ref> &chunks,
                const CancelFlag &cancel);
// The .safetensors header of `path` under `root` (one ranged read); throws NotFound, Corrupt.
safetensors::FileHeader headerAt(const std::shared_ptr<Repository> &repo, const Ref &root, const QString &path);
FileHistory history(Repository &repo, const VolumeInfo &volume, qint64 upToVersion, const QString &path, const CancelFlag &cancel);
} // namespace filefacts

} // namespace trove::ui
