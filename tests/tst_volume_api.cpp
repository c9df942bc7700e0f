// The C++ API, the seed's SDK: what a training or inference program relies on.
#include "Chunker.h"
#include "FileIngest.h"
#include "Jobs.h"
#include "PackSink.h"
#include "Registry.h"
#include "Repository.h"
#include "Store.h"
#include "TestSupport.h"
#include "Volume.h"

#include <QSignalSpy>
#include <QtTest>

using namespace trove;

class VolumeApiTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::Sandbox> m_sandbox;
    std::shared_ptr<Repository> m_repo;

    Volume open(const QString &name) { return Volume::fromName(name, {true, 2, std::nullopt}, m_repo); }
    static QByteArray readAll(Volume &v, const QString &path) { return testing::readVolumeFile(v, path); }
    static Error::Kind errorOf(const std::function<void()> &f)
    {
        try {
            f();
        } catch (const Error &e) {
            return e.kind();
        }
        return Error::Kind(-1);
    }

private slots:
    void init()
    {
        m_sandbox = std::make_unique<testing::Sandbox>();
        m_repo = m_sandbox->repository();
    }
    void cleanup()
    {
        m_repo.reset();
        m_sandbox.reset();
    }

    void fromNameFindsOrCreates()
    {
        try {
            Volume::fromName(QStringLiteral("nope"), {}, m_repo);
            QFAIL("opened a volume that does not exist");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), Error::Kind::NotFound);
            QVERIFY(e.message().contains(QStringLiteral("volume create nope")));
        }
        Volume v1 = Volume::fromName(QStringLiteral("old"), {true, 1, std::nullopt}, m_repo);
        QCOMPARE(v1.info().format, 1);
        QCOMPARE(v1.version(), 1);
        Volume again = Volume::fromName(QStringLiteral("old"), {true, 2, std::nullopt}, m_repo);
        QCOMPARE(again.info().id, v1.info().id);
        QCOMPARE(again.info().format, 1);
        QCOMPARE(errorOf([&] { Volume::create(QStringLiteral("old"), 2, m_repo); }), Error::Kind::AlreadyExists);
        QCOMPARE(errorOf([&] { Volume::create(QStringLiteral("bad name"), 2, m_repo); }), Error::Kind::InvalidArgument);
        QCOMPARE(errorOf([&] { Volume::create(QStringLiteral("v3"), 3, m_repo); }), Error::Kind::InvalidArgument);
    }

    void readerSeesNewFileOnlyAfterReload()
    {
        Volume trainer = open(QStringLiteral("models"));
        Volume inference = open(QStringLiteral("models"));
        trainer.putData("weights v1", QStringLiteral("/ckpt/model.bin"));
        trainer.commit();
        QCOMPARE(errorOf([&] { inference.readFile(QStringLiteral("ckpt/model.bin")); }), Error::Kind::NotFound);
        QCOMPARE(inference.reload(), trainer.version());
        QCOMPARE(readAll(inference, QStringLiteral("ckpt/model.bin")), QByteArray("weights v1"));
    }

    void batchUploadCommitsOnceOrNothing()
    {
        Volume v = open(QStringLiteral("batch"));
        const QString dir = m_sandbox->path(QStringLiteral("local"));
        testing::writeFile(dir + QStringLiteral("/a.txt"), "A");
        testing::writeFile(dir + QStringLiteral("/sub/b.txt"), "B");
        testing::writeFile(m_sandbox->path(QStringLiteral("single.txt")), "S");
        const qint64 before = v.version();
        v.batchUpload([&](BatchUpload &batch) {
            batch.putFile(m_sandbox->path(QStringLiteral("single.txt")), QStringLiteral("/remote-path.txt"));
            batch.putDirectory(dir, QStringLiteral("/remote/directory"));
            batch.putData("some data", QStringLiteral("/foobar"));
        });
        QCOMPARE(v.version(), before + 1);
        QCOMPARE(readAll(v, QStringLiteral("remote/directory/sub/b.txt")), QByteArray("B"));
        QCOMPARE(readAll(v, QStringLiteral("foobar")), QByteArray("some data"));
        QCOMPARE(readAll(v, QStringLiteral("remote-path.txt")), QByteArray("S"));

        QVERIFY_THROWS_EXCEPTION(std::runtime_error, v.batchUpload([&](BatchUpload &batch) {
            batch.putData("never", QStringLiteral("never.txt"));
            throw std::runtime_error("the training step failed");
        }));
        QVERIFY(!v.hasStagedChanges());
        // A missing local file fails the whole batch: nothing committed.
        QCOMPARE(errorOf([&] {
                     v.batchUpload([&](BatchUpload &batch) {
                         batch.putData("also never", QStringLiteral("x.txt"));
                         batch.putFile(m_sandbox->path(QStringLiteral("missing.bin")), QStringLiteral("y.bin"));
                     });
                 }),
                 Error::Kind::NotFound);
        QCOMPARE(v.reload(), before + 1);
        QVERIFY(!v.stat(QStringLiteral("never.txt")));
        QVERIFY(!v.stat(QStringLiteral("x.txt")));
    }

    void readFileStreamsChunksAndRanges()
    {
        Volume v = open(QStringLiteral("stream"));
        const QByteArray data = testing::randomBytes(20 * 1024 * 1024 + 123, 9);
        v.putData(data, QStringLiteral("big.bin"));
        v.commit();
        FileReader reader = v.readFile(QStringLiteral("big.bin"));
        QCOMPARE(reader.size(), data.size());
        QByteArray all;
        int pieces = 0;
        while (!reader.atEnd()) {
            const QByteArray piece = reader.next();
            QVERIFY(piece.size() <= 4 * 1024 * 1024);
            all += piece;
            ++pieces;
        }
        QVERIFY(pieces >= 5);
        QCOMPARE(all, data);
        for (const qint64 offset : {qint64(0), qint64(1), qint64(1 << 20) - 3, qint64(data.size()) - 100, qint64(7777777)}) {
            QCOMPARE(reader.read(offset, 3 * 1024 * 1024), data.mid(offset, 3 * 1024 * 1024));
        }
        QCOMPARE(reader.read(data.size() + 5, 10), QByteArray());
        QCOMPARE(errorOf([&] { v.readFile(QStringLiteral("/")); }), Error::Kind::InvalidArgument);
    }

    void listCopyRemove()
    {
        Volume v = open(QStringLiteral("ops"));
        v.putData("1", QStringLiteral("dir/a.txt"));
        v.putData("22", QStringLiteral("dir/sub/b.txt"));
        v.putData("333", QStringLiteral("top.txt"));
        v.commit();
        QCOMPARE(v.listDir().size(), 2);
        QCOMPARE(v.listDir(QStringLiteral("dir"), true).size(), 3);
        const QList<DirEntry> top = v.listDir();
        QCOMPARE(top[0].path, QStringLiteral("dir"));
        QVERIFY(top[0].isDir);
        QCOMPARE(top[0].size, 3);
        QCOMPARE(top[1].size, 3);

        QCOMPARE(errorOf([&] { v.copy({QStringLiteral("dir")}, QStringLiteral("dir2")); }), Error::Kind::InvalidArgument);
        v.copy({QStringLiteral("dir")}, QStringLiteral("dir2"), true);
        v.copy({QStringLiteral("top.txt")}, QStringLiteral("dir"));
        v.commit();
        QCOMPARE(readAll(v, QStringLiteral("dir2/sub/b.txt")), QByteArray("22"));
        QCOMPARE(readAll(v, QStringLiteral("dir/top.txt")), QByteArray("333"));

        QCOMPARE(errorOf([&] { v.remove(QStringLiteral("dir")); }), Error::Kind::InvalidArgument);
        QCOMPARE(errorOf([&] { v.remove(QStringLiteral("missing")); }), Error::Kind::NotFound);
        v.remove(QStringLiteral("dir"), true);
        v.remove(QStringLiteral("top.txt"));
        v.commit();
        QCOMPARE(v.listDir().size(), 1);
        QCOMPARE(v.record().changes.removed, 4); // dir/{a,top}.txt, dir/sub/b.txt, top.txt
        const qint64 version = v.version();
        v.commit(); // nothing staged: no new version
        QCOMPARE(v.reload(), version);
    }

    void historyRestoreDiffFork()
    {
        Volume v = open(QStringLiteral("hist"));
        v.putData("one", QStringLiteral("f.txt"));
        v.commit(QStringLiteral("first"));
        const qint64 first = v.version();
        v.putData("two", QStringLiteral("f.txt"));
        v.putData("new", QStringLiteral("g.txt"));
        v.commit(QStringLiteral("second"));
        const QList<VersionRecord> history = v.history();
        QCOMPARE(history.size(), 3);
        QCOMPARE(history.last().message, QStringLiteral("second"));
        QCOMPARE(history.last().parent, first);
        const QList<DiffEntry> diff = v.diff(first, v.version());
        QCOMPARE(diff.size(), 2);
        QCOMPARE(diff[0].path, QStringLiteral("f.txt"));
        QCOMPARE(diff[0].change, DiffEntry::Change::Modified);
        QCOMPARE(diff[1].change, DiffEntry::Change::Added);

        v.restore(QStringLiteral("f.txt"), first);
        v.commit();
        QCOMPARE(readAll(v, QStringLiteral("f.txt")), QByteArray("one"));
        QVERIFY(v.stat(QStringLiteral("g.txt")));
        v.restore(QStringLiteral("/"), first);
        v.commit();
        QVERIFY(!v.stat(QStringLiteral("g.txt")));

        const VolumeInfo forked = Volume::fork(QStringLiteral("hist"), QStringLiteral("hist-fork"), first + 1, 0, m_repo);
        QVERIFY(forked.id != v.info().id);
        Volume f = Volume::fromName(QStringLiteral("hist-fork"), {}, m_repo);
        QCOMPARE(readAll(f, QStringLiteral("g.txt")), QByteArray("new"));
        QCOMPARE(f.version(), 1);
        // A fork is independent: writing to it leaves the original alone.
        const qint64 originalHead = v.version();
        f.remove(QStringLiteral("g.txt"));
        f.commit();
        QCOMPARE(v.reload(), originalHead);
        VolumeOptions at;
        at.atVersion = first + 1;
        QCOMPARE(Volume::fromName(QStringLiteral("hist"), at, m_repo).listDir().size(), 2);
    }

    void renameKeepsIdDeleteAndGcReclaim()
    {
        Volume v = open(QStringLiteral("before"));
        v.putData(testing::randomBytes(100000, 4), QStringLiteral("x.bin"));
        v.commit();
        Volume::renameVolume(QStringLiteral("before"), QStringLiteral("after"), m_repo);
        Volume renamed = Volume::fromName(QStringLiteral("after"), {}, m_repo);
        QCOMPARE(renamed.info().id, v.info().id);
        QCOMPARE(errorOf([&] { Volume::fromName(QStringLiteral("before"), {}, m_repo); }), Error::Kind::NotFound);
        open(QStringLiteral("taken"));
        QCOMPARE(errorOf([&] { Volume::renameVolume(QStringLiteral("after"), QStringLiteral("taken"), m_repo); }), Error::Kind::AlreadyExists);

        const qint64 packsBefore = m_repo->store().listAll(QStringLiteral("packs/")).size();
        Volume::deleteVolume(QStringLiteral("after"), m_repo);
        QCOMPARE(errorOf([&] { Volume::fromName(QStringLiteral("after"), {}, m_repo); }), Error::Kind::NotFound);
        GcJob dry(m_repo, 0, true);
        dry.runBlocking();
        QCOMPARE(m_repo->store().listAll(QStringLiteral("packs/")).size(), packsBefore);
        GcJob gc(m_repo, 0, false);
        gc.runBlocking();
        QVERIFY(gc.report().packsRemoved >= 1);
        QVERIFY(m_repo->store().listAll(QStringLiteral("volumes/") + v.info().id).isEmpty());
        CheckJob check(m_repo, true);
        check.runBlocking();
        QVERIFY2(check.report().ok(), qPrintable(check.report().problems.join(QLatin1Char('\n'))));
    }

    void ephemeralVolumeLivesWithItsOwner()
    {
        QString name;
        {
            auto eph = Volume::ephemeral(m_repo);
            name = eph->volume().name();
            eph->volume().putData("scratch", QStringLiteral("tmp.txt"));
            eph->volume().commit();
            QVERIFY(m_repo->registry().find(name));
            QVERIFY(m_repo->registry().expiry(eph->volume().info().id) > QDateTime::currentDateTimeUtc());
        }
        QVERIFY(!m_repo->registry().find(name));

        // An owner that died: its expiry passes without renewal, and gc removes the volume.
        const VolumeInfo orphan = m_repo->registry().create(QStringLiteral("ephemeral-orphan"), 2, true);
        m_repo->registry().setExpiry(orphan.id, QDateTime::currentDateTimeUtc().addSecs(-1));
        const VolumeInfo alive = m_repo->registry().create(QStringLiteral("ephemeral-alive"), 2, true);
        m_repo->registry().setExpiry(alive.id, QDateTime::currentDateTimeUtc().addSecs(600));
        GcJob(m_repo, 3600, false).runBlocking();
        QVERIFY(!m_repo->registry().find(QStringLiteral("ephemeral-orphan")));
        QVERIFY(m_repo->registry().find(QStringLiteral("ephemeral-alive")));
    }

    void heartbeatRenewsExpiry()
    {
        EphemeralVolume eph(m_repo, 2, 3);
        const QString id = eph.volume().info().id;
        const QDateTime first = *m_repo->registry().expiry(id);
        QTRY_VERIFY_WITH_TIMEOUT(*m_repo->registry().expiry(id) > first, 5000);
    }

    void jobsReportProgressFinishOnceAndCancel()
    {
        Volume v = open(QStringLiteral("jobs"));
        const QString local = m_sandbox->path(QStringLiteral("big.bin"));
        testing::writeFile(local, testing::randomBytes(96 * 1024 * 1024, 77));
        v.putFile(local, QStringLiteral("big.bin"));
        auto job = v.commitJob(QStringLiteral("async"));
        QSignalSpy finished(job.get(), &Job::finished);
        QSignalSpy progress(job.get(), &Job::progress);
        // Per-transfer progress, watched closely: each pack shows up as an upload in flight.
        QSet<QString> packsSeen;
        bool partialSeen = false;
        QTimer watch;
        connect(&watch, &QTimer::timeout, this, [&] {
            for (const TransferState &t : m_repo->store().transfers().active()) {
                if (t.direction == TransferState::Direction::Upload && t.key.startsWith(QLatin1String("packs/")))
                    packsSeen.insert(t.key);
                partialSeen |= t.bytesDone > 0 && t.bytesDone < t.bytesTotal;
            }
        });
        watch.start(1);
        job->start();
        QVERIFY(finished.wait(60000));
        watch.stop();
        QTest::qWait(300);
        QCOMPARE(finished.size(), 1);
        QVERIFY(!progress.isEmpty());
        const auto last = progress.last().first().value<ProgressSnapshot>();
        QCOMPARE(last.bytesDone, 96 * 1024 * 1024);
        QCOMPARE(last.bytesTotal, 96 * 1024 * 1024);
        QVERIFY2(last.bytesSent >= 96 * 1024 * 1024, qPrintable(QString::number(last.bytesSent)));
        QVERIFY(last.transfers.isEmpty());
        QVERIFY2(packsSeen.size() >= 3, qPrintable(QStringList(packsSeen.values()).join(QLatin1Char(' '))));
        if (!m_sandbox->isLocal()) // libcurl reports as bytes go; the local store per file
            QVERIFY(partialSeen);
        const JobResult result = finished.first().first().value<JobResult>();
        QVERIFY2(result.ok, qPrintable(result.error));
        v.adopt(result);
        QVERIFY(v.stat(QStringLiteral("big.bin")));

        // Cancelled at once: an error result, and no version.
        testing::writeFile(local, testing::randomBytes(96 * 1024 * 1024, 78));
        v.putFile(local, QStringLiteral("big2.bin"));
        auto cancelled = v.commitJob();
        QSignalSpy cancelledFinished(cancelled.get(), &Job::finished);
        cancelled->start();
        cancelled->cancel();
        QVERIFY(cancelledFinished.wait(60000));
        const JobResult r = cancelledFinished.first().first().value<JobResult>();
        QVERIFY(!r.ok);
        QCOMPARE(r.errorKind, Error::Kind::Cancelled);
        QCOMPARE(v.reload(), result.record.version);
    }

    void cancelStopsATransferInFlight()
    {
        if (m_sandbox->isLocal())
            QSKIP("a local write is one system call; the S3 store can stop a request midway");
        // 2 MB/s and one transfer at a time: a 16 MiB pack would take 8 s to send.
        m_repo->setLimits({1, 2 * 1000 * 1000});
        Volume v = open(QStringLiteral("cancel"));
        const qint64 before = v.reload();
        const QString local = m_sandbox->path(QStringLiteral("slow.bin"));
        testing::writeFile(local, testing::randomBytes(20 * 1024 * 1024, 79));
        v.putFile(local, QStringLiteral("slow.bin"));
        TransferMonitor &transfers = m_repo->store().transfers();
        const qint64 sentBefore = transfers.bytesMoved(TransferState::Direction::Upload);
        auto job = v.commitJob();
        QSignalSpy finished(job.get(), &Job::finished);
        job->start();
        auto packUnderWay = [&] {
            for (const TransferState &t : transfers.active())
                if (t.key.startsWith(QLatin1String("packs/")) && t.bytesDone > 0)
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(packUnderWay(), 20000);
        job->cancel();
        QVERIFY(finished.wait(20000));
        const JobResult r = finished.first().first().value<JobResult>();
        QCOMPARE(r.errorKind, Error::Kind::Cancelled);
        QVERIFY(transfers.active().isEmpty());
        const qint64 sent = transfers.bytesMoved(TransferState::Direction::Upload) - sentBefore;
        QVERIFY2(sent < 16 * 1024 * 1024, qPrintable(QString::number(sent))); // stopped midway
        QCOMPARE(v.reload(), before);
    }

    // A small file is read with one read() that ends where its stat said the file ends. A file
    // that grew or shrank since that stat must come back with a fingerprint that differs
    // from the stat's, so the upload refuses it instead of storing a torn copy.
    void fileWhoseSizeMovedSinceItsStatIsReportedChanged()
    {
        const QString local = m_sandbox->path(QStringLiteral("growing.bin"));
        const QByteArray bytes = testing::randomBytes(8000, 82);
        testing::writeFile(local, bytes);
        PackSink sink(*m_repo, PackSink::Kind::Data);
        for (const qint64 statSaw : {qint64(4096), qint64(12000)}) {
            FileFingerprint after;
            const QList<Ref> refs = ingest::file(local, statSaw, sink, nullptr, &after);
            QVERIFY(after.size != statSaw);
            qint64 read = 0;
            for (const Ref &r : refs)
                read += r.length;
            QCOMPARE(read, qint64(bytes.size())); // every byte there was, never cut at the stat's size
        }
        FileFingerprint after;
        ingest::file(local, bytes.size(), sink, nullptr, &after);
        QCOMPARE(after.size, qint64(bytes.size()));
    }

    // A large file is read in blocks, each cut while others are hashed. Its chunks must be
    // those of the whole file cut at once (the format's cuts: a rerun or another writer finds
    // them stored), also where a block ends in a run of zeros cut only at the largest size.
    void largeFileIsCutAsTheWholeFileWould()
    {
        const QString local = m_sandbox->path(QStringLiteral("blocks.bin"));
        QByteArray bytes = testing::randomBytes(70 * 1024 * 1024, 84); // more blocks than are taken in turn
        bytes.replace(14 * 1024 * 1024, 11 * 1024 * 1024, QByteArray(11 * 1024 * 1024, '\0'));
        testing::writeFile(local, bytes);
        QList<std::pair<Hash, qint64>> expected; // hash and length of each chunk
        for (qint64 at = 0; at < bytes.size();) {
            const auto *data = reinterpret_cast<const unsigned char *>(bytes.constData() + at);
            const qint64 length = qint64(Chunker::cutPortable(data, size_t(bytes.size() - at)));
            expected.append({Hash::of(bytes.mid(at, length)), length});
            at += length;
        }
        PackSink sink(*m_repo, PackSink::Kind::Data);
        const QList<Ref> refs = ingest::file(local, bytes.size(), sink, nullptr);
        QCOMPARE(refs.size(), expected.size());
        for (int i = 0; i < refs.size(); ++i) {
            QCOMPARE(refs[i].length, expected[i].second);
            QCOMPARE(refs[i].hash, expected[i].first);
        }
    }

    // A large file is read in blocks as long as its stat saw it. Bytes gone since
    // (another program truncated it) are reported as a change, not taken as the whole file.
    void largeFileThatShrankSinceItsStatIsRefusedNotFatal()
    {
        const QString local = m_sandbox->path(QStringLiteral("shrunk.bin"));
        testing::writeFile(local, testing::randomBytes(20 * 1024 * 1024, 83));
        PackSink sink(*m_repo, PackSink::Kind::Data);
        try {
            ingest::file(local, 40 * 1024 * 1024, sink, nullptr);
            QFAIL("a file read past its end was taken as whole");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), Error::Kind::Conflict);
            QVERIFY2(e.message().contains(local + QStringLiteral(" shrank while it was being read")), qPrintable(e.message()));
        }
        // The same file at its size is read whole afterwards, on the same threads.
        FileFingerprint after;
        const QList<Ref> refs = ingest::file(local, 20 * 1024 * 1024, sink, nullptr, &after);
        QCOMPARE(after.size, qint64(20 * 1024 * 1024));
        QCOMPARE(refs.first().hash, Hash::of(testing::randomBytes(20 * 1024 * 1024, 83).left(refs.first().length)));
    }

    // Packs of a large file read its bytes from the file when they are stored, after they
    // were hashed. A file written in between must not leave a pack whose bytes differ from
    // the hashes it lists.
    void fileChangedBeforeItsPackIsStoredIsRefused()
    {
        const QString local = m_sandbox->path(QStringLiteral("weights.bin"));
        testing::writeFile(local, testing::randomBytes(12 * 1024 * 1024, 80)); // one pack, still open
        const int packsBefore = m_repo->store().listAll(QStringLiteral("packs/")).size();
        PackSink sink(*m_repo, PackSink::Kind::Data);
        const QList<Ref> refs = ingest::file(local, QFileInfo(local).size(), sink, nullptr);
        QThread::msleep(50); // past the filesystem's timestamp granularity
        {
            QFile file(local);
            QVERIFY(file.open(QIODevice::ReadWrite));
            file.seek(5 * 1024 * 1024);
            file.write(testing::randomBytes(1000, 81)); // same size, new bytes
        }
        try {
            sink.flush();
            QFAIL("a pack was stored from a file that changed after it was hashed");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), Error::Kind::Conflict);
            QVERIFY2(e.message().contains(local + QStringLiteral(" changed while it was being stored")), qPrintable(e.message()));
        }
        QCOMPARE(m_repo->store().listAll(QStringLiteral("packs/")).size(), packsBefore);
        QVERIFY(!m_repo->journal().findChunk(refs.first().hash)); // nothing claims it is stored

        // Put again once the file is still: stored whole and read back as written.
        Volume v = open(QStringLiteral("changing"));
        v.putFile(local, QStringLiteral("weights.bin"));
        v.commit();
        QCOMPARE(readAll(v, QStringLiteral("weights.bin")), testing::readFile(local));
    }

    void twoWritersMergePathByPath()
    {
        Volume a = open(QStringLiteral("shared"));
        Volume b = open(QStringLiteral("shared"));
        a.putData("from a", QStringLiteral("a.txt"));
        b.putData("from b", QStringLiteral("b.txt"));
        a.commit();
        b.commit(); // raced with a's version: re-applied on top of it
        QCOMPARE(b.version(), a.version() + 1);
        QCOMPARE(readAll(b, QStringLiteral("a.txt")), QByteArray("from a"));
        QCOMPARE(readAll(b, QStringLiteral("b.txt")), QByteArray("from b"));
    }
};

QTEST_GUILESS_MAIN(VolumeApiTest)
#include "tst_volume_api.moc"
