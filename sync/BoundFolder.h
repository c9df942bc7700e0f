#pragma once

#include "Operation.h"
#include "Registry.h"
#include "VersionLog.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>
#include <memory>

namespace trove {

class Repository;
class FolderFiles;

// A local folder bound to a volume (or a folder in it): the seed's mount, for people on their
// own machines. The binding and the folder's journal live in FOLDER/.trove/, which is never
// uploaded. Every operation is blocking and meant for a worker thread; `Operation` carries its
// progress and cancel flag as for every job.
struct FolderBinding
{
    QString folder;     // absolute path of the local folder
    QString store;      // the store URL the binding was made on
    QString volume;     // volume name
    QString volumeId;
    QString remotePath; // normalised folder in the volume; "" for the root
};

// Paths relative to the bound folder, sorted.
struct FolderChanges
{
    QStringList added, modified, removed;
    bool isEmpty() const { return added.isEmpty() && modified.isEmpty() && removed.isEmpty(); }
    int count() const { return int(added.size() + modified.size() + removed.size()); }
};

struct FolderStatus
{
    FolderBinding binding;
    qint64 baseVersion = 0;  // the version the folder matches, apart from `local`
    qint64 headVersion = 0;  // the volume's newest version
    FolderChanges local;     // changed in the folder since baseVersion, not committed
    FolderChanges remote;    // changed in versions after baseVersion, not applied here
    QStringList unsettled;   // files open for writing: left for a later commit
    qint64 filesScanned = 0; // regular files in the folder (stat only)
};

struct FolderSyncOptions
{
    QString message;          // commit message; a default names the folder
    bool assumeYes = false;   // go on when a change would delete more than half the folder
    // A file changed less than this long ago is watched until this long has passed since its
    // change, and waits for a later commit if it changes meanwhile (still being written).
    int settleMs = 2000;
};

struct FolderSyncReport
{
    qint64 version = 0;        // the version the folder now matches
    bool committed = false;    // a new version was made
    FolderChanges uploaded;    // sent to the volume
    FolderChanges applied;     // written or removed in the folder
    QStringList kept;          // local changes kept over remote ones (they win when committed)
    QStringList unsettled;     // files still being written, left for a later commit
    QStringList details;       // one line per file a merge decided: which side won, and why
    QStringList warnings;
    QString summary;           // one line: what was done
    qint64 filesScanned = 0;   // regular files looked at (stat only)
    qint64 filesRead = 0;      // files read and hashed to be committed: only changed ones
};

class BoundFolder
{
public:
    // Binds `folder` (created if missing) to `volume` (created if missing, which the summary
    // says) at `remotePath` and brings both sides together: an empty folder receives the
    // volume, a full folder fills an empty volume, and when both hold files they merge: a
    // file on one side only goes to the other, a file on both with another size or mtime
    // goes from the side whose mtime is newer (the one place clocks decide: there is no
    // common version yet; `details` says which side won each). A folder bound to this volume
    // and path already is synced (commit, then reload); one bound elsewhere (or inside a
    // bound folder) is AlreadyExists, naming the binding. Bindings hold files, not empty
    // folders: an empty directory is neither sent nor made.
    static BoundFolder bind(std::shared_ptr<Repository> repo, const QString &storeUrl, const QString &volume,
                            const QString &folder, const QString &remotePath, Operation &operation,
                            const FolderSyncOptions &options, FolderSyncReport *report);
    // The binding of an existing bound folder (or a folder inside one); NotFound, saying how
    // to bind it, otherwise. `repo` null: the store the binding was made on.
    static BoundFolder open(const QString &folder, std::shared_ptr<Repository> repo = nullptr);
    static bool isBound(const QString &folder);

    const FolderBinding &binding() const { return m_binding; }
    std::shared_ptr<Repository> repository() const { return m_repo; }

    // Commits what changed in the folder since its base version as one new version, built
    // on the volume's newest (so local changes win over others' for the paths they touch).
    // Nothing changed: no version, and the summary says so; unchanged files are only
    // stat'ed. Files still being written (open for writing, or changing during the settle
    // window) wait for a later commit. Stops (InvalidArgument, saying --yes) when it would
    // remove more than half of the folder's files; a folder that is gone (or lost its
    // .trove) is NotFound and never commits a deletion. When others committed since the base
    // version, the base stays: their changes come with the next reload.
    FolderSyncReport commit(Operation &operation, const FolderSyncOptions &options = {});
    // Applies the changes of the versions after the base version to the folder: files
    // unchanged here are replaced (downloaded into .trove/tmp, verified, renamed over) or
    // removed; local changes not committed stay (`kept`) and win when committed. Busy,
    // "volume busy: ...", naming the files and the processes holding them, while any file
    // under the folder is open. Every tree is read before anything is touched, so a version
    // that cannot be read changes nothing; more than half of the folder removed stops as in
    // commit. Version order decides, never mtimes.
    FolderSyncReport reload(Operation &operation, const FolderSyncOptions &options = {});
    // The folder's state without changing it: a stat of every file and a diff of the trees.
    FolderStatus status(Operation &operation);
    // The volume's newest version: the version log's head (one small read), for polling.
    qint64 headVersion();

private:
    struct RemoteChange;
    BoundFolder(std::shared_ptr<Repository> repo, FolderBinding binding, VolumeInfo volume);

    QString remoteOf(const QString &relative) const;
    FolderSyncReport commitOnce(Operation &operation, const FolderSyncOptions &options);
    // Files the versions after `base` changed that differ from what the folder's journal
    // holds: the remote changes not applied here yet. Throws when a tree cannot be read.
    QList<RemoteChange> remoteChanges(const VersionRecord &base, const VersionRecord &head,
                                      const FolderFiles &journal);
    void mergeWith(const FolderSyncReport &later, FolderSyncReport &report) const;

    std::shared_ptr<Repository> m_repo;
    FolderBinding m_binding;
    VolumeInfo m_volume;
};

} // namespace trove
