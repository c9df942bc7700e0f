#pragma once

#include "Pack.h"
#include "SpinningMutex.h"
#include "UploadStreams.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QThreadPool>
#include <atomic>
#include <exception>

namespace trove {

class Repository;
struct Operation;

// Gathers blobs into ~16 MiB packs and stores them in the background (at most a few packs in
// flight, so memory stays bounded; how many, UploadStreams finds). Refs it hands out name a
// placeholder pack until the pack is sealed; resolve() maps them to the real name afterwards.
// Data sinks dedupe against the journal's chunk index and record stored chunks there once
// their pack is safely stored: at most a second later, so an interrupted upload's rerun finds
// nearly all it stored, and in few transactions, each of which rewrites the index pages its
// random hashes touch.
class PackSink
{
public:
    enum class Kind { Data, Metadata };
    PackSink(Repository &repo, Kind kind, Operation *operation = nullptr);
    ~PackSink();
    PackSink(const PackSink &) = delete;
    PackSink &operator=(const PackSink &) = delete;

    // The blob's ref, reusing a stored copy when one is known. Thread-safe.
    Ref add(BlobType type, const char *data, qint64 size);
    Ref add(BlobType type, const QByteArray &data) { return add(type, data.constData(), data.size()); }
    // A data chunk the caller hashed, `size` bytes of `source` at `sourceOffset`: the pack
    // reads them from the file when it is stored instead of holding a copy (and fails if the
    // file changed).
    Ref addFromFile(const Hash &hash, qint64 size, const std::shared_ptr<const SourceFile> &source, qint64 sourceOffset);

    // The placeholder of the pack being filled: refs to it are "this pack" inside it.
    Hash openPack() const;
    // A ref with its pack's real name; the pack must have been sealed.
    Ref resolve(const Ref &ref) const;
    QList<Ref> resolve(const QList<Ref> &refs) const;
    // Chunks of the newest version (the files an upload replaces): reused by hash without
    // asking the journal or the store, since gc keeps what a live version refers to. An
    // edited file so dedupes against its old self even with an empty local cache.
    void addLiveChunks(const QList<Ref> &refs);
    // Seals the open pack and waits until every pack is stored; rethrows a storing error.
    // Call it once every add() has returned.
    void flush();
    // Chunks stored since the journal last recorded them, now the caller's to record (with
    // its file records, in one transaction). What is not taken the destructor records.
    QList<Ref> takeUnrecordedChunks();

    // The packs this sink stored (or found already stored under their name).
    QSet<Hash> storedPacks() const;
    // The data chunks this sink stored, once flush() returned: the store's index lists them.
    QList<Ref> storedChunks() const;

    // What this sink stored (not reused), for tests and reports.
    qint64 newBlobs() const { return m_newBlobs; }
    qint64 newBytes() const { return m_newBytes; }
    qint64 reusedBlobs() const { return m_reusedBlobs; }
    // What went over the wire, once flush() returned: the bytes of the packs this sink sent
    // (not of those found stored under their name, an interrupted run's), and the blobs of
    // those it created.
    qint64 sentPackBytes() const { return m_sentPackBytes; }
    qint64 sentBlobs() const { return m_sentBlobs; }
    qint64 sentBlobBytes() const { return m_sentBlobBytes; }

    // The size a pack of a file's ranges is sealed at, for a pack opening at `packStart` of a
    // file of `fileSize` bytes, on streams that moved `bytesPerSecond` each so far (0: none, a local store).
    static qint64 packTargetFor(qint64 fileSize, qint64 packStart, double bytesPerSecond);
    // Packs of a large file are sized from the file alone up to this...
    static constexpr qint64 MaxTargetBySize = 64 * 1024 * 1024;
    // ...or, on a network store, up to this much of a stream's time, where that is more.
    static constexpr double SecondsPerPack = 4;
    // A file on a stream that moves MaxTargetBySize a second or more goes in four packs, up to
    // this: SecondsPerPack of the slowest such stream.
    static constexpr qint64 FastStreamTarget = qint64(MaxTargetBySize * SecondsPerPack);

private:
    std::optional<Ref> findAdded(const Hash &hash) const; // m_mutex held: this sink's or live
    std::optional<Ref> findInJournal(const Hash &hash);  // takes m_mutex
    bool packExists(const Hash &pack);                    // m_mutex held
    struct OpenPack { PackWriter writer; Hash placeholder; };
    OpenPack takeOpenPack(); // m_mutex held; a new pack is opened
    double linkRateForPacks() const; // bytes a second a stream moves, for packTargetFor
    void seal(OpenPack pack);
    // `askFirst`: skip sending the pack when the store has it already.
    void storePack(PackWriter::Sealed sealed, bool askFirst);
    void recordStored(const QList<Ref> &refs);
    Ref addHashed(BlobType type, const Hash &hash, qint64 size, const char *data, const std::shared_ptr<const SourceFile> &source, qint64 sourceOffset);

    Repository &m_repo;
    const Kind m_kind;
    Operation *m_operation;
    mutable SpinningMutex m_mutex; // held for a hash lookup and a copy of a few KiB
    PackWriter m_writer;
    Hash m_placeholder;
    QHash<Hash, Ref> m_session;       // blobs added by this sink
    QHash<Hash, Ref> m_live;          // chunks of the newest version
    QHash<Hash, Hash> m_sealedNames;  // placeholder -> pack name
    QSet<Hash> m_checkedPacks;        // packs confirmed to exist, or live
    qint64 m_newBlobs = 0, m_newBytes = 0, m_reusedBlobs = 0;
    std::atomic<qint64> m_sentPackBytes{0}, m_sentBlobs{0}, m_sentBlobBytes{0};
    std::atomic<int> m_sealedPacks{0};

    QMutex m_spareMutex; // never held while taking m_mutex
    QList<QByteArray> m_spareBuffers; // stored packs' buffers, to fill the next ones

    mutable QMutex m_unrecordedMutex;
    QList<Ref> m_unrecorded; // stored chunks the journal does not know yet
    QList<Ref> m_stored;     // every chunk stored
    QElapsedTimer m_sinceRecorded; // invalid until the first record

    UploadStreams m_streams; // also bounds memory: a few sealed packs at most wait to be stored
    QThreadPool m_pool;
    QMutex m_errorMutex;
    std::exception_ptr m_error;
};

} // namespace trove
