#include "PackSink.h"

#include "CancelScope.h"
#include "Error.h"
#include "Operation.h"
#include "Repository.h"
#include "Store.h"

#include <QtEndian>
#include <atomic>
#include <optional>

namespace trove {
namespace {

// Placeholders cannot collide with real SHA-256 names in practice: 24 zero bytes and a
// process-wide sequence number.
Hash newPlaceholder()
{
    static std::atomic<quint64> sequence{1};
    QByteArray raw(Hash::Size, '\0');
    qToBigEndian<quint64>(sequence++, raw.data() + 24);
    return Hash::fromRaw(raw);
}

} // namespace

PackSink::PackSink(Repository &repo, Kind kind, Operation *operation)
    : m_repo(repo), m_kind(kind), m_operation(operation), m_placeholder(newPlaceholder()),
      m_streams(repo.limits().transfers, repo.store().probesUploadStreams(),
                [&store = repo.store()] { return store.transfers().bytesMoved(TransferState::Direction::Upload); },
                // A local store's packs of small files would hold twice the buffers for no
                // gain (2,000 x 256 KiB: 194 MiB peak against 150, same time): only a network
                // store's packs free their stream while they wait for the answer.
                [&store = repo.store()] { return store.probesUploadStreams() ? store.transfers().uploadsAwaitingAnswer() : 0; })
{
    m_pool.setMaxThreadCount(2 * repo.limits().transfers); // packs sending and packs awaiting their answer
}

PackSink::~PackSink()
{
    m_pool.waitForDone();
    try {
        m_repo.journal().record(m_unrecorded);
    } catch (const Error &) { // a cache: what it misses is only stored again
    }
}

void PackSink::addLiveChunks(const QList<Ref> &refs)
{
    QMutexLocker lock(&m_mutex);
    for (const Ref &r : refs) {
        m_live.insert(r.hash, r);
        m_checkedPacks.insert(r.pack);
    }
}

Hash PackSink::openPack() const
{
    QMutexLocker lock(&m_mutex);
    return m_placeholder;
}

bool PackSink::packExists(const Hash &pack)
{
    if (m_checkedPacks.contains(pack))
        return true;
    if (!m_repo.store().stat(pack::keyOf(pack))) {
        m_repo.journal().forgetPack(pack); // removed by gc: store its chunks again
        return false;
    }
    m_checkedPacks.insert(pack);
    return true;
}

std::optional<Ref> PackSink::findAdded(const Hash &hash) const
{
    if (const auto it = m_session.constFind(hash); it != m_session.constEnd())
        return *it;
    if (const auto it = m_live.constFind(hash); it != m_live.constEnd())
        return *it;
    return std::nullopt;
}

std::optional<Ref> PackSink::findInJournal(const Hash &hash)
{
    if (m_kind != Kind::Data)
        return std::nullopt;
    const std::optional<Ref> cached = m_repo.journal().findChunk(hash);
    if (!cached)
        return std::nullopt;
    QMutexLocker lock(&m_mutex);
    if (packExists(cached->pack))
        return cached;
    return std::nullopt;
}

Ref PackSink::add(BlobType type, const char *data, qint64 size)
{
    return addHashed(type, Hash::of(data, size), size, data, {}, 0);
}

Ref PackSink::addFromFile(const Hash &hash, qint64 size, const std::shared_ptr<const SourceFile> &source, qint64 sourceOffset)
{
    return addHashed(BlobType::Data, hash, size, nullptr, source, sourceOffset);
}

Ref PackSink::addHashed(BlobType type, const Hash &hash, qint64 size, const char *data, const std::shared_ptr<const SourceFile> &source, qint64 sourceOffset)
{
    QMutexLocker lock(&m_mutex);
    std::optional<Ref> stored = findAdded(hash);
    // The journal is asked without holding the sink, so readers on other threads go on
    // packing meanwhile.
    if (!stored && m_kind == Kind::Data && !m_repo.journal().knowsNoChunks()) {
        lock.unlock();
        const std::optional<Ref> cached = findInJournal(hash);
        lock.relock();
        stored = cached ? cached : findAdded(hash);
    }
    if (m_operation && m_kind == Kind::Data)
        (stored ? m_operation->bytesAlreadyStored : m_operation->bytesNew) += size;
    if (stored) {
        ++m_reusedBlobs;
        return *stored;
    }
    Ref ref;
    ref.hash = hash;
    ref.pack = m_placeholder;
    if (m_writer.isEmpty()) {
        QMutexLocker spareLock(&m_spareMutex);
        if (!m_spareBuffers.isEmpty())
            m_writer.reuse(m_spareBuffers.takeLast());
    }
    if (source) {
        // Only the first range of a pack sets its target: the rate is asked once a pack.
        const double rate = m_writer.isEmpty() ? linkRateForPacks() : 0;
        ref.offset = m_writer.addFromFile(type, hash, source, sourceOffset, size, packTargetFor(source->size(), sourceOffset, rate));
    } else {
        ref.offset = m_writer.add(type, hash, data, size);
    }
    ref.length = size;
    m_session.insert(hash, ref);
    ++m_newBlobs;
    m_newBytes += size;
    if (!m_writer.isFull())
        return ref;
    // Sealing builds the pack's index and may wait for a slot to store it: not while other
    // threads wait for the sink.
    OpenPack full = takeOpenPack();
    lock.unlock();
    seal(std::move(full));
    return ref;
}

double PackSink::linkRateForPacks() const
{
    if (!m_repo.store().probesUploadStreams())
        return 0; // a local store: sizes from the file alone
    // Until the rate is known, a network store's link counts as fast: a rerun after a kill
    // so sizes its first packs as the killed run did on that link, and finds the one sent in
    // full whose answer the kill cut off.
    const double measured = m_streams.bytesPerSecondPerStream();
    return measured > 0 ? measured : double(PackWriter::MaxFileRangeTarget);
}

qint64 PackSink::packTargetFor(qint64 fileSize, qint64 packStart, double bytesPerSecond)
{
    // Sixteen packs a file or more, four for each of the default four transfers: a large file
    // goes in fewer requests, a mid-size one still on parallel streams. A stream that moves
    // 64 MiB a second or more needs few others, and there the store's cost per object shows
    // (RGW spends ~50 ms of CPU finishing one, and drains its writes, on cores it may share
    // with us): four packs a file, up to 4 s of such a stream, 256 MiB however fast it is.
    // Sizes follow from the file and the link, not from --transfers, so a rerun after a kill
    // composes the same packs whatever its options, and finds those sent whose answer the
    // kill cut off.
    // Up to 64 MiB; on a fast link, for a file of more than 16 of those, up to SecondsPerPack
    // of a stream's time. A slow link keeps 64 MiB once its rate is known, so what a kill
    // cuts off in flight there is no more than before.
    const qint64 most = qBound(MaxTargetBySize, qint64(bytesPerSecond * SecondsPerPack), PackWriter::MaxFileRangeTarget);
    const qint64 fewPacks = bytesPerSecond >= MaxTargetBySize ? qMin(fileSize / 4, FastStreamTarget) : 0;
    const qint64 target = qBound(PackWriter::TargetSize, qMax(fileSize / 16, fewPacks), most);
    // The first packs are smaller (a pack is as large as the file's bytes before it): the
    // first request starts after 16 MiB are hashed, not 64.
    return qMin(target, qMax(PackWriter::TargetSize, packStart));
}

PackSink::OpenPack PackSink::takeOpenPack()
{
    return {std::exchange(m_writer, PackWriter()), std::exchange(m_placeholder, newPlaceholder())};
}

void PackSink::seal(OpenPack pack)
{
    if (pack.writer.isEmpty())
        return;
    PackWriter::Sealed sealed = pack.writer.seal();
    {
        QMutexLocker lock(&m_mutex); // refs handed out still name the placeholder: resolve() maps it
        m_sealedNames.insert(pack.placeholder, sealed.name);
    }
    // A run killed while packs were in flight may have stored them without recording them:
    // their bytes were on the wire, and the store completed them after the kill. A rerun
    // finds the recorded packs' chunks in the journal and builds those packs first, alike:
    // they are its first packs, two per transfer at most (one sending, one awaiting its
    // answer). Later packs are not asked for, which would cost a request each.
    const bool askFirst = m_sealedPacks++ < 2 * m_repo.limits().transfers;
    m_streams.acquire();
    m_pool.start([this, sealed = std::move(sealed), askFirst]() mutable { storePack(std::move(sealed), askFirst); });
}

void PackSink::storePack(PackWriter::Sealed sealed, bool askFirst)
{
    try {
        std::optional<CancelScope> cancel;
        if (m_operation) {
            m_operation->throwIfCancelled();
            cancel.emplace(m_operation->cancelled);
        }
        // Packs are named by content: one already there (an interrupted run's) is not sent
        // again. Several packs go at once (a distant store needs parallel streams). A pack
        // cut off by a kill never reached the store.
        const QString key = pack::keyOf(sealed.name);
        bool created = false;
        if (!askFirst || !m_repo.store().stat(key)) {
            created = m_repo.store().createIfAbsent(key, sealed.body);
            // Sent even when another writer's copy (a killed run's last one, say) got there first.
            m_sentPackBytes += sealed.body.size();
        }
        if (created) {
            m_sentBlobs += sealed.entries.size();
            for (const PackEntry &e : sealed.entries)
                m_sentBlobBytes += e.length;
            if (m_operation)
                m_operation->addCreatedPack(sealed.name);
            // Its chunks were hashed when read; a source file written since may have put
            // other bytes in the pack. Such a pack must not stay under its name.
            try {
                sealed.body.checkSourcesUnchanged();
            } catch (...) {
                m_repo.store().remove(key);
                throw;
            }
        }
        if (m_kind == Kind::Data) {
            QList<Ref> refs;
            refs.reserve(sealed.entries.size());
            for (const PackEntry &e : sealed.entries)
                refs.append({e.hash, sealed.name, e.offset, e.length});
            recordStored(refs);
        }
        QMutexLocker lock(&m_spareMutex); // at most as many as packs in flight
        m_spareBuffers.append(sealed.body.takeMemory());
    } catch (...) {
        QMutexLocker lock(&m_errorMutex);
        if (!m_error)
            m_error = std::current_exception();
    }
    m_streams.release();
}

void PackSink::recordStored(const QList<Ref> &refs)
{
    // A pack of a few large chunks is recorded at once: that costs little, and a rerun after a
    // kill then finds every stored pack of a large file that got its answer. Packs of
    // many small chunks go at most a second later, several to a transaction: each row costs
    // 3-5 µs, less in larger transactions. The first pack goes at once either way.
    constexpr qsizetype FewChunks = 256;
    QMutexLocker lock(&m_unrecordedMutex);
    m_unrecorded += refs;
    m_stored += refs;
    if (refs.size() > FewChunks && m_sinceRecorded.isValid() && m_sinceRecorded.elapsed() < 1000)
        return;
    const QList<Ref> due = std::exchange(m_unrecorded, {});
    m_sinceRecorded.start();
    lock.unlock();
    try {
        m_repo.journal().record(due);
    } catch (const Error &) { // a cache: what it misses is only stored again
    }
}

QList<Ref> PackSink::takeUnrecordedChunks()
{
    QMutexLocker lock(&m_unrecordedMutex);
    return std::exchange(m_unrecorded, {});
}

Ref PackSink::resolve(const Ref &ref) const
{
    QMutexLocker lock(&m_mutex);
    Ref resolved = ref;
    if (const auto it = m_sealedNames.constFind(ref.pack); it != m_sealedNames.constEnd())
        resolved.pack = *it;
    return resolved;
}

QList<Ref> PackSink::resolve(const QList<Ref> &refs) const
{
    QList<Ref> resolved;
    resolved.reserve(refs.size());
    for (const Ref &r : refs)
        resolved.append(resolve(r));
    return resolved;
}

QList<Ref> PackSink::storedChunks() const
{
    QMutexLocker lock(&m_unrecordedMutex);
    return m_stored;
}

QSet<Hash> PackSink::storedPacks() const
{
    QMutexLocker lock(&m_mutex);
    const QList<Hash> names = m_sealedNames.values();
    return QSet<Hash>(names.cbegin(), names.cend());
}

void PackSink::flush()
{
    QMutexLocker lock(&m_mutex);
    OpenPack last = takeOpenPack();
    lock.unlock();
    seal(std::move(last));
    m_pool.waitForDone();
    QMutexLocker errorLock(&m_errorMutex);
    if (m_error)
        std::rethrow_exception(std::exchange(m_error, nullptr));
}

} // namespace trove
