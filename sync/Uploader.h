#pragma once

#include "Change.h"
#include "Journal.h"

#include <QSet>

namespace trove {

class Repository;
struct Operation;

// What a caller asks to write, in order. Uploads are ingested in parallel; other changes
// (remove, copy, restore) keep their place in the sequence.
struct Step
{
    enum class Kind { File, Directory, Bytes, Change };
    Kind kind = Kind::Change;
    QString local;       // File, Directory
    QByteArray data;     // Bytes
    QString remote;      // normalised destination (File, Bytes: the file; Directory: the folder)
    bool force = true;   // uploads: replace an existing file
    Change change;       // Change
    bool followLinks = false; // Directory: follow symbolic links inside it (see LocalTree)
    // File, Directory: look the files up in the store's file cache (Journal directories) and
    // remember them there. A bound folder keeps its own journal and leaves this cache out:
    // its changed files never match it, so reading and rewriting it would buy nothing.
    bool fileCache = true;

    static Step file(const QString &local, const QString &remote, bool force = true) { return {Kind::File, local, {}, remote, force, {}}; }
    // A file of a bound folder, which its folder's journal found changed.
    static Step folderFile(const QString &local, const QString &remote)
    {
        Step s = file(local, remote);
        s.fileCache = false;
        return s;
    }
    static Step directory(const QString &local, const QString &remote, bool force = true, bool followLinks = false)
    {
        return {Kind::Directory, local, {}, remote, force, {}, followLinks};
    }
    static Step bytes(const QByteArray &data, const QString &remote, bool force = true) { return {Kind::Bytes, {}, data, remote, force, {}}; }
    static Step of(const Change &change) { return {Kind::Change, {}, {}, change.path, true, change}; }
};

struct UploadResult
{
    QList<Change> changes;
    QSet<Hash> packsUsed;  // data packs the changes refer to
    qint64 newChunks = 0;  // chunks stored by this upload (the rest were already there)
    qint64 newBytes = 0;
    qint64 reusedChunks = 0;
    // What went over the wire: the chunks in packs sent and those packs' bytes (a rerun after
    // an interrupted upload finds the packs it stored and does not count them), and the files'
    // bytes that were not sent, being in the store already.
    qint64 sentChunks = 0;
    qint64 sentBytes = 0;
    qint64 alreadyStoredBytes = 0;
    // For Journal::record: chunks stored now that the journal does not know yet, and local
    // files read now, whose chunks are all stored.
    QList<Ref> unrecordedChunks;
    QList<Journal::FileRecord> freshFiles;
    QStringList warnings; // local entries left out of directories, one line each
};

// Turns steps into changes: reads local files (in parallel, skipping unchanged files the
// journal knows), stores their new chunks in packs, and returns path-by-path changes whose
// refs name stored packs. `base` is the root the "exists, use --force" checks run against;
// files over the volume format's size limit are refused before a byte is read.
class Uploader
{
public:
    Uploader(Repository &repo, int format) : m_repo(repo), m_format(format) {}
    UploadResult upload(const QList<Step> &steps, const Ref &base, Operation &operation);

private:
    Repository &m_repo;
    int m_format;
};

} // namespace trove
