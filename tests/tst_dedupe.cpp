// Dedupe as promised: unchanged data stores nothing new, local edits store a few chunks,
// shifted content is found again, and small files share packs.
#include "Chunker.h"
#include "Jobs.h"
#include "Journal.h"
#include "Pack.h"
#include "PackSink.h"
#include "Repository.h"
#include "Store.h"
#include "StoreUrl.h"
#include "TestSupport.h"
#include "VersionLog.h"
#include "Volume.h"

#include <QFile>
#include <QtTest>
#include <sqlite3.h>

using namespace trove;

class DedupeTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::Sandbox> m_sandbox;

    // Commits `local` to `remote` and returns what the upload stored.
    UploadResult put(Volume &volume, const QString &local, const QString &remote)
    {
        volume.putFile(local, remote);
        auto job = volume.commitJob();
        volume.adopt(job->runBlocking());
        return job->upload();
    }

    QSet<Hash> chunkHashes(Volume &volume, const QString &path)
    {
        QSet<Hash> hashes;
        for (const Ref &r : volume.repository()->chunksOf(*volume.stat(path)))
            hashes.insert(r.hash);
        return hashes;
    }

private slots:
    void init() { m_sandbox = std::make_unique<testing::Sandbox>(); }
    void cleanup() { m_sandbox.reset(); }

    void unchangedGigabyteStoresNoNewChunk()
    {
        auto repo = m_sandbox->repository();
        Volume::create(QStringLiteral("weights"), 2, repo);
        Volume volume = Volume::fromName(QStringLiteral("weights"), {}, repo);
        const QString local = m_sandbox->path(QStringLiteral("big.bin"));
        const qint64 size = qint64(1) << 30;
        {
            QFile f(local);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (int i = 0; i < 64; ++i)
                f.write(testing::randomBytes(16 << 20, 100 + i));
        }
        const UploadResult first = put(volume, local, QStringLiteral("big.bin"));
        QVERIFY(first.newChunks > 500);
        QCOMPARE(first.newBytes, size);

        // Same file again: the journal knows it unchanged.
        const UploadResult again = put(volume, local, QStringLiteral("big.bin"));
        QCOMPARE(again.newChunks, 0);
        // Touched, so it is read again: every chunk is found in the index.
        {
            QFile f(local);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(5), QFileDevice::FileModificationTime));
        }
        const UploadResult reread = put(volume, local, QStringLiteral("copy.bin"));
        QCOMPARE(reread.newChunks, 0);
        QCOMPARE(reread.reusedChunks, first.newChunks);

        // 1 MiB changed in the middle: at most 3 new chunks.
        {
            QFile f(local);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(size / 2 - 512 * 1024);
            f.write(testing::randomBytes(1 << 20, 999));
        }
        const UploadResult edited = put(volume, local, QStringLiteral("big.bin"));
        qInfo("1 MiB changed in 1 GiB: %lld new chunks, %lld bytes", edited.newChunks, edited.newBytes);
        QVERIFY(edited.newChunks >= 1);
        QVERIFY(edited.newChunks <= 3);
        QFile::remove(local);
    }

    // However the directory is named, its files are found in the local cache and not read:
    // nothing is hashed, so not even a known chunk is counted as reused.
    void unchangedDirectoryIsNotReadAgainHoweverItsPathIsWritten()
    {
        auto repo = m_sandbox->repository();
        Volume::create(QStringLiteral("data"), 2, repo);
        Volume volume = Volume::fromName(QStringLiteral("data"), {}, repo);
        for (int i = 0; i < 5; ++i)
            testing::writeFile(m_sandbox->path(QStringLiteral("dir/sub/f%1").arg(i)), testing::randomBytes(10000, quint64(i)));
        volume.putDirectory(m_sandbox->path(QStringLiteral("dir")), QStringLiteral("x"));
        auto first = volume.commitJob();
        volume.adopt(first->runBlocking());
        QCOMPARE(first->upload().newChunks, 5);
        for (const QString &spelling : {QStringLiteral("dir/"), QStringLiteral("dir/."), QStringLiteral("dir/sub/..")}) {
            volume.putDirectory(m_sandbox->path(spelling), QStringLiteral("y"));
            auto again = volume.commitJob();
            volume.adopt(again->runBlocking());
            QVERIFY2(again->upload().reusedChunks == 0 && again->upload().newChunks == 0, qPrintable(spelling));
        }
        QCOMPARE(testing::readVolumeFile(volume, QStringLiteral("y/sub/f3")), testing::randomBytes(10000, 3));
    }

    // The cache remembers a file's chunks in a pack that gc on another machine removed: the
    // file is read again and stored anew, instead of a commit naming a missing pack.
    void rememberedFileWhosePackWasRemovedIsReadAgain()
    {
        auto repo = m_sandbox->repository();
        Volume::create(QStringLiteral("data"), 2, repo);
        Volume volume = Volume::fromName(QStringLiteral("data"), {}, repo);
        const QString local = m_sandbox->path(QStringLiteral("f.bin"));
        testing::writeFile(local, testing::randomBytes(300000, 11));
        QCOMPARE(put(volume, local, QStringLiteral("a.bin")).newChunks, 1);
        volume.remove(QStringLiteral("a.bin"));
        volume.commit();
        for (const ObjectInfo &o : repo->store().listAll(QStringLiteral("packs/")))
            repo->store().remove(o.key); // as gc elsewhere would: no version refers to them
        const UploadResult again = put(volume, local, QStringLiteral("b.bin"));
        QCOMPARE(again.newChunks, 1);
        QCOMPARE(testing::readVolumeFile(volume, QStringLiteral("b.bin")), testing::randomBytes(300000, 11));
    }

    // A killed upload's rerun finds what it stored. A pack of a few large chunks reaches the
    // journal as soon as it is stored; of packs of many small chunks the first does, later
    // ones within a second. What an upload that ends early leaves unrecorded is recorded when
    // its sink goes.
    void storedChunksReachTheJournalWhileTheUploadRuns_data()
    {
        QTest::addColumn<int>("chunkSize");
        QTest::addColumn<bool>("eachPackAtOnce");
        QTest::newRow("1 MiB chunks") << (1 << 20) << true;
        QTest::newRow("48 KiB chunks") << (48 << 10) << false;
    }

    void storedChunksReachTheJournalWhileTheUploadRuns()
    {
        QFETCH(int, chunkSize);
        QFETCH(bool, eachPackAtOnce);
        auto repo = m_sandbox->repository();
        QList<Ref> refs;
        {
            PackSink sink(*repo, PackSink::Kind::Data);
            for (quint64 i = 0; i < quint64(20 << 20) / quint64(chunkSize); ++i)
                refs.append(sink.add(BlobType::Data, testing::randomBytes(chunkSize, 300 + i)));
            sink.flush();
            // Two packs, stored side by side: whichever was stored first is recorded.
            const bool first = repo->journal().findChunk(refs.first().hash).has_value();
            const bool last = repo->journal().findChunk(refs.last().hash).has_value();
            QVERIFY(first || last);
            if (eachPackAtOnce)
                QVERIFY(first && last);
        }
        for (const Ref &r : refs)
            QVERIFY(repo->journal().findChunk(r.hash));
    }

    // Pack sizes of a large file's ranges: the file / 16, up to 64 MiB with no rate (a local
    // store) or a slow one; the file / 4 (up to 256 MiB) where a stream moves 64 MiB a second
    // or more; up to a stream's SecondsPerPack and at most 512 MiB on a fast link.
    void packSizesFollowTheFileAndTheLinksRate()
    {
        constexpr qint64 MiB = 1 << 20, GiB = 1ll << 30;
        const qint64 far = 8 * GiB; // well past the first, smaller packs
        QCOMPARE(PackSink::packTargetFor(4 * GiB, far, 0), 64 * MiB);
        QCOMPARE(PackSink::packTargetFor(512 * MiB, far, 0), 32 * MiB);
        QCOMPARE(PackSink::packTargetFor(4 * GiB, far, 10 * MiB), 64 * MiB);
        QCOMPARE(PackSink::packTargetFor(4 * GiB, far, 50 * MiB), qint64(50 * MiB * PackSink::SecondsPerPack));
        QCOMPARE(PackSink::packTargetFor(4 * GiB, far, 60 * MiB), 240 * MiB); // sixteen packs would be 256
        QCOMPARE(PackSink::packTargetFor(4 * GiB, far, 500 * MiB), 256 * MiB);
        QCOMPARE(PackSink::packTargetFor(2 * GiB, far, 500 * MiB), 256 * MiB);
        QCOMPARE(PackSink::packTargetFor(1 * GiB, far, 64 * MiB), 256 * MiB);   // four packs
        QCOMPARE(PackSink::packTargetFor(1 * GiB, far, 500 * MiB), 256 * MiB);
        QCOMPARE(PackSink::packTargetFor(1 * GiB, far, 63 * MiB), 64 * MiB);    // sixteen
        QCOMPARE(PackSink::packTargetFor(100 * GiB, far, 500 * MiB), 512 * MiB);
        QCOMPARE(PackSink::packTargetFor(512 * MiB, far, 500 * MiB), 128 * MiB);
        // The first packs are as large as the bytes before them, 16 MiB at least.
        QCOMPARE(PackSink::packTargetFor(4 * GiB, 0, 500 * MiB), 16 * MiB);
        QCOMPARE(PackSink::packTargetFor(4 * GiB, 100 * MiB, 500 * MiB), 100 * MiB);
    }

    // A large file goes in fewer, larger packs (fewer requests): on a local store, target =
    // the file's size / 16, from 16 MiB up to 64 MiB. The first packs are smaller, each as
    // large as the file before it (from 16 MiB), so the first request starts early. Sizes follow from the file alone,
    // whatever --transfers says, so a rerun with other options finds the packs it stored.
    void largeFileGoesInPacksSizedByTheFileAlone_data()
    {
        QTest::addColumn<int>("transfers");
        QTest::newRow("1 transfer") << 1;
        QTest::newRow("16 transfers") << 16;
    }

    void largeFileGoesInPacksSizedByTheFileAlone()
    {
        QFETCH(int, transfers);
        constexpr qint64 Size = 384 << 20;
        constexpr qint64 target = Size / 16; // 24 MiB: packs of 16, 16, then 24 MiB
        const QByteArray content = testing::randomBytes(Size, 41);
        const QString local = m_sandbox->path(QStringLiteral("large.bin"));
        testing::writeFile(local, content);
        QCOMPARE(testing::runCli({QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("v")}).exitCode, 0);
        const testing::CliResult put = testing::runCli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), local,
                                                        QStringLiteral("--transfers"), QString::number(transfers)});
        QVERIFY2(put.exitCode == 0, put.err.constData());
        // The file's packs in file order: where each starts in the file, how much it holds.
        Repository &repo = *m_sandbox->repository();
        VersionLog log(repo.store(), repo.registry().get(QStringLiteral("v")).id);
        const std::optional<TreeEntry> file = repo.lookup(log.newest().record.root, QStringLiteral("large.bin"));
        QVERIFY(file);
        struct FilePack { qint64 start = 0; qint64 length = 0; };
        QList<FilePack> packs;
        Hash current;
        qint64 at = 0;
        for (const Ref &r : repo.chunksOf(*file)) {
            if (packs.isEmpty() || r.pack != current)
                packs.append({at, 0});
            current = r.pack;
            packs.last().length += r.length;
            at += r.length;
        }
        QCOMPARE(at, Size);
        QVERIFY(packs.size() >= 3);
        for (const FilePack &p : packs.mid(0, packs.size() - 1)) { // the last one holds the rest
            const qint64 expected = qMin(target, qMax(PackWriter::TargetSize, p.start));
            QVERIFY2(p.length >= expected && p.length <= expected + qint64(Chunker::MaxSize),
                     qPrintable(QStringLiteral("pack at %1: %2 bytes, expected %3").arg(p.start).arg(p.length).arg(expected)));
        }
        QCOMPARE(testing::runCli({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("v"), QStringLiteral("large.bin"), QStringLiteral("-")}).out, content);
    }

    // A cache written by an older Trove (another schema) is rebuilt, not an error.
    void cacheOfAnOlderSchemaIsRebuilt()
    {
        const QString path = m_sandbox->path(QStringLiteral("old/journal.sqlite"));
        QDir().mkpath(m_sandbox->path(QStringLiteral("old")));
        {
            sqlite3 *db = nullptr;
            QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
            const int rc = sqlite3_exec(db, "CREATE TABLE chunks(hash BLOB PRIMARY KEY, pack BLOB NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL) WITHOUT ROWID;"
                                            "INSERT INTO chunks VALUES(x'00', x'01', 0, 1); PRAGMA user_version = 1;", nullptr, nullptr, nullptr);
            sqlite3_close(db);
            QCOMPARE(rc, SQLITE_OK);
        }
        Journal journal(path);
        const Ref chunk{Hash::of(QByteArrayLiteral("chunk")), Hash::of(QByteArrayLiteral("pack")), 12, 5};
        QVERIFY(!journal.findChunk(chunk.hash));
        journal.record({chunk});
        const std::optional<Ref> found = journal.findChunk(chunk.hash);
        QVERIFY(found);
        QCOMPARE(found->pack, chunk.pack);
        QCOMPARE(found->offset, 12);
        journal.forgetPack(chunk.pack);
        QVERIFY(!journal.findChunk(chunk.hash));
    }

    // Another machine (or a cleared cache) edits a file: its old chunks are found through the
    // version it replaces, not through the local index, and are not stored again.
    void editWithAnEmptyCacheStoresOnlyTheEdit()
    {
        auto repo = m_sandbox->repository();
        Volume::create(QStringLiteral("weights"), 2, repo);
        Volume here = Volume::fromName(QStringLiteral("weights"), {}, repo);
        const QString local = m_sandbox->path(QStringLiteral("big.bin"));
        QByteArray bytes = testing::randomBytes(48 << 20, 7);
        testing::writeFile(local, bytes);
        const UploadResult first = put(here, local, QStringLiteral("big.bin"));
        QVERIFY(first.newChunks > 10);

        bytes.replace(24 << 20, 1 << 20, testing::randomBytes(1 << 20, 8));
        testing::writeFile(local, bytes);
        qputenv("XDG_CACHE_HOME", m_sandbox->path(QStringLiteral("other-machine-cache")).toUtf8());
        auto elsewhere = openRepository(m_sandbox->storeUrl());
        const Ref firstChunk = repo->chunksOf(*here.stat(QStringLiteral("big.bin"))).first();
        QVERIFY(!elsewhere->journal().findChunk(firstChunk.hash)); // its own cache, opened now: empty
        qputenv("XDG_CACHE_HOME", m_sandbox->path(QStringLiteral("cache")).toUtf8());
        Volume there = Volume::fromName(QStringLiteral("weights"), {}, elsewhere);
        const UploadResult edited = put(there, local, QStringLiteral("big.bin"));
        QVERIFY2(edited.newChunks >= 1 && edited.newChunks <= 3, qPrintable(QString::number(edited.newChunks)));
        QVERIFY(edited.reusedChunks >= first.newChunks - 3);
        QCOMPARE(testing::readVolumeFile(there, QStringLiteral("big.bin")), bytes);
    }

    void safetensorsHeaderGrowthSharesChunks()
    {
        auto repo = m_sandbox->repository();
        Volume::create(QStringLiteral("st"), 2, repo);
        Volume volume = Volume::fromName(QStringLiteral("st"), {}, repo);
        // safetensors: 8-byte header length, a JSON header, then the tensors.
        const QByteArray tensors = testing::randomBytes(256 << 20, 5);
        auto file = [&](int extraHeader) {
            QByteArray header = "{\"__metadata__\":{\"format\":\"pt\"},\"w\":{\"dtype\":\"F16\",\"shape\":[4096,4096],\"data_offsets\":[0,33554432]}"
                + QByteArray(extraHeader, ' ') + "}";
            QByteArray out(8, '\0');
            qToLittleEndian<quint64>(quint64(header.size()), out.data());
            return out + header + tensors;
        };
        testing::writeFile(m_sandbox->path(QStringLiteral("a.safetensors")), file(0));
        testing::writeFile(m_sandbox->path(QStringLiteral("b.safetensors")), file(100));
        put(volume, m_sandbox->path(QStringLiteral("a.safetensors")), QStringLiteral("model.safetensors"));
        const QSet<Hash> before = chunkHashes(volume, QStringLiteral("model.safetensors"));
        const UploadResult grown = put(volume, m_sandbox->path(QStringLiteral("b.safetensors")), QStringLiteral("model.safetensors"));
        const QSet<Hash> after = chunkHashes(volume, QStringLiteral("model.safetensors"));
        const double shared = double((before & after).size()) / double(after.size());
        qInfo("header +100 bytes: %.1f%% of %lld chunks shared, %lld new", shared * 100, qint64(after.size()), grown.newChunks);
        QVERIFY(shared >= 0.95);
    }

    void manySmallFilesBecomeAFewPacks()
    {
        auto repo = m_sandbox->repository();
        Volume::create(QStringLiteral("small"), 2, repo);
        Volume volume = Volume::fromName(QStringLiteral("small"), {}, repo);
        const QString dir = m_sandbox->path(QStringLiteral("small"));
        for (int i = 0; i < 20000; ++i)
            testing::writeFile(QStringLiteral("%1/d%2/f%3.bin").arg(dir).arg(i % 10).arg(i), testing::randomBytes(4096, 50000 + i));
        volume.putDirectory(dir, QStringLiteral("data"));
        volume.commit();
        const qint64 packs = repo->store().listAll(QStringLiteral("packs/")).size();
        qInfo("20,000 files of 4 KiB -> %lld packs", packs);
        QVERIFY(packs <= 10);
        QCOMPARE(volume.listDir(QStringLiteral("data"), true).size(), 20010);
        QCOMPARE(volume.readFile(QStringLiteral("data/d7/f12347.bin")).next(), testing::randomBytes(4096, 50000 + 12347));
    }
};

QTEST_GUILESS_MAIN(DedupeTest)
#include "tst_dedupe.moc"
