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

    struct File
    {
        QString path; // relative to the folder
        TreeEntry entry;
    };
    struct Outcome
    {
        QHash<QString, FileFingerprint> written; // as the files now are on disk
        QStringList changedMeanwhile;            // `mayReplace` said no: kept as they are
        QStringList failed;                      // "PATH: reason"
    };
    // Downloads `files` (throws, touching nothing in the folder, when one cannot be read),
    // then moves each into place when `mayReplace(path)` still agrees.
    Outcome write(const QList<File> &files, const std::function<bool(const QString &)> &mayReplace, Operation &operation);
    // Removes a file, then the directories it leaves empty. Returns an error line or "".
    QString remove(const QString &path);

    // Empties FOLDER/.trove/tmp: what a crash left there is never complete.
    static void clearTemporary(const QString &root);
    static QString temporaryDir(const QString &root);

private:
    QString place(const QString &temp, const QString &path);

    std::shared_ptr<Repository> m_repo;
    QString m_root;
};

} // namespace trove
