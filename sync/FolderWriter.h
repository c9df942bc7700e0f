#pragma once

#include "Journal.h"
#include "Tree.h"

#include <QHash>
#include <QStringList>
#include <functional>
#include <memory>

namespace trove {

class Repository;
struct Operation;

// Writes files of a volume into a bound folder. Every file of a batch is first downloaded
// into FOLDER/.trove/tmp, each chunk verified against its hash, and flushed; only then do
// they take their places, each by one rename over the old file, so a failed or interrupted
// download leaves the folder as it was (and .trove/tmp is emptied when the folder is opened).
class FolderWriter
{
public:
    FolderWriter(std::shared_ptr<Repository> repo, QString root);
    ~FolderWriter(); // removes downloads not placed
    FolderWriter(const FolderWriter &) = delete;
    FolderWriter &operator=(const FolderWriter &) = delete;

    struct File
    {
        QString path; // relative to the folder
        TreeEntry entry;
    };
    // Downloads `files` into .trove/tmp; throws, touching nothing in the folder, when one
    // cannot be read.
    void download(const QList<File> &files, Operation &operation);

    struct Outcome
    {
        QHash<QString, FileFingerprint> written; // as the files now are on disk
        QStringList changedMeanwhile;            // `mayReplace` said no: kept as they are
        QStringList failed;                      // "PATH: reason"
    };
    // Moves each download into place when `mayReplace(path)` still agrees.
    Outcome place(const std::function<bool(const QString &)> &mayReplace);
    // Removes a file, then the directories it leaves empty. Returns an error line or "".
    QString remove(const QString &path);

    // Empties FOLDER/.trove/tmp: what a crash left there is never complete.
    static void clearTemporary(const QString &root);

private:
    struct Download
    {
        QString path;
        TreeEntry entry;
        QString temp;
        FileFingerprint fingerprint;
    };
    QString moveIntoPlace(const QString &temp, const QString &path);
    void removeDownloads();

    std::shared_ptr<Repository> m_repo;
    QString m_root;
    QList<Download> m_downloads;
};

} // namespace trove
