#pragma once

#include "BoundFolder.h"
#include "FolderJournal.h"
#include "IgnoreRules.h"

#include <QHash>
#include <QStringList>
#include <vector>

namespace trove {

// A regular file of a bound folder as a stat saw it.
struct ScannedFile
{
    FileFingerprint fingerprint;
    qint64 ctimeNs = 0; // set by the kernel on every change, whatever a file's mtime says
};

// Every regular file a walk of a bound folder found, before any comparison: paths in one
// buffer and stats in one list (about 10 MB for 100,000 files), so the walk needs no journal.
struct FolderWalk
{
    struct File
    {
        qsizetype offset; // of its relative path in `paths`
        qsizetype length;
        ScannedFile stat;
    };
    QString paths;
    std::vector<File> files;
    QStringList skipped; // "PATH: reason", one line each (links, FIFOs)

    QStringView pathOf(const File &f) const { return QStringView(paths).mid(f.offset, f.length); }
};

// What a walk of a bound folder found, compared with its journal.
struct FolderScan
{
    QHash<QString, ScannedFile> files; // the added and modified files, by relative path
    qint64 filesSeen = 0;              // regular files in the folder (unchanged ones included)
    FolderChanges changes;             // against the journal, unsettled files left out
    QStringList unsettled;             // changed files still being written
    QStringList skipped;               // "PATH: reason", one line each (links, FIFOs, bad names)
};

// Walks a bound folder with readdir and fstatat only: no file is opened, so a folder with no
// change costs one stat per file. Ignored paths (.troveignore, temp files, .trove/) are
// left out; links and special files are skipped, as `volume put` does.
class FolderScanner
{
public:
    // Reads the folder's ignore rules: Io when a .troveignore cannot be read.
    explicit FolderScanner(QString root) : m_root(std::move(root)), m_rules(IgnoreRules::forFolder(m_root)) {}

    // A file the folder leaves out of its volume: never committed, removed or written.
    bool isIgnored(const QString &path) const { return m_rules.isIgnored(path, false); }

    // Throws NotFound when the folder is gone and Io when a directory in it cannot be read:
    // a folder that cannot be seen whole never reads as files removed.
    FolderWalk walk(Operation &operation) const;
    // A recorded file that is ignored now is not removed: it stays in the volume as it is.
    FolderScan compare(const FolderWalk &walk, const FolderFiles &journal) const;
    // Walks the folder while its journal is read on a second thread (on a free core, reading
    // the journal adds no time), then compares; `known` receives the journal's records.
    FolderScan scan(FolderJournal &journal, FolderFiles &known, Operation &operation) const;
    // Moves changed files still being written into `unsettled`: files open for writing by a
    // process, and files changed within `settleMs` that change again while that time passes.
    void settle(FolderScan &scan, int settleMs, Operation &operation) const;

private:
    QString m_root;
    IgnoreRules m_rules;
};

} // namespace trove
