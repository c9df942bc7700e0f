// SHA-256 in 16 lanes at once must give exactly the digests OpenSSL gives, for every length
// (the padding differs by length mod 64) and for ranges fed as a stream whose hashes are
// taken back in order.
#include "ChunkHasher.h"
#include "Sha256Lanes.h"
#include "TestSupport.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace trove;

Q_DECLARE_METATYPE(trove::Sha256Lanes::Engine)

namespace {

struct Range { qint64 offset; qint64 length; };

// Random ranges of `bytes`, at any alignment, of lengths up to `longest`.
std::vector<Range> randomRanges(const QByteArray &bytes, int count, qint64 longest, quint32 seed)
{
    QRandomGenerator random(seed);
    std::vector<Range> ranges;
    for (int i = 0; i < count; ++i) {
        const qint64 length = random.bounded(longest + 1);
        ranges.push_back({random.bounded(bytes.size() - length + 1), length});
    }
    return ranges;
}

} // namespace

class Sha256LanesTest : public QObject
{
    Q_OBJECT
private slots:
    void everyLengthMatchesOpenSsl_data()
    {
        QTest::addColumn<Sha256Lanes::Engine>("engine");
        QTest::newRow("best") << Sha256Lanes::Engine::Best;
        QTest::newRow("openssl") << Sha256Lanes::Engine::OpenSsl;
    }
    void everyLengthMatchesOpenSsl()
    {
        QFETCH(Sha256Lanes::Engine, engine);
        // Lengths 0 to 300 cover every tail (one padded block or two) several times; each
        // range starts at an odd offset, as chunks of a file do.
        const QByteArray bytes = testing::randomBytes(64 * 1024, 3);
        Sha256Lanes lanes(engine);
        std::vector<Sha256Lanes::Finished> finished;
        qint64 offset = 1;
        std::vector<Hash> expected;
        for (qint64 length = 0; length <= 300; ++length) {
            if (!lanes.hasFreeLane())
                lanes.run(&finished);
            while (!lanes.hasFreeLane()) // a full set of lanes always frees one
                lanes.run(&finished);
            lanes.start(quint64(length), bytes.constData() + offset, length);
            expected.push_back(Hash::of(bytes.constData() + offset, length));
            offset += length + 1;
        }
        while (!lanes.idle())
            lanes.run(&finished);
        QCOMPARE(finished.size(), expected.size());
        std::vector<bool> seen(expected.size());
        for (const Sha256Lanes::Finished &f : finished) {
            QVERIFY2(f.hash == expected[f.tag], qPrintable(QStringLiteral("length %1").arg(f.tag)));
            seen[f.tag] = true;
        }
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](bool s) { return s; }));
    }

    void streamedChunksComeBackInOrder_data() { everyLengthMatchesOpenSsl_data(); }
    void streamedChunksComeBackInOrder()
    {
        QFETCH(Sha256Lanes::Engine, engine);
        const QByteArray bytes = testing::randomBytes(16 * 1024 * 1024, 4);
        const std::vector<Range> ranges = randomRanges(bytes, 400, 2 * 1024 * 1024, 5);
        ChunkHasher hasher(engine);
        size_t taken = 0;
        auto check = [&](const Hash &hash) {
            const Range &r = ranges[taken];
            QVERIFY2(hash == Hash::of(bytes.constData() + r.offset, r.length), qPrintable(QStringLiteral("chunk %1").arg(taken)));
            ++taken;
        };
        for (size_t i = 0; i < ranges.size(); ++i) {
            hasher.add(bytes.constData() + ranges[i].offset, ranges[i].length);
            while (const std::optional<Hash> hash = hasher.takeOldestIfReady())
                check(*hash);
            // Waiting for a hash while fewer chunks than lanes are queued must not wait for
            // chunks that never come: the caller's wait runs the lanes partly filled.
            if (i % 50 == 3 && taken <= i)
                check(hasher.takeOldest());
        }
        hasher.endOfChunks();
        while (taken < ranges.size())
            check(hasher.takeOldest());
    }

    // The first chunks (an upload's first pack) are hashed as they come, not once sixteen
    // chunks fill the lanes: the first request would wait for chunks cut far beyond it.
    void firstChunksAreHashedWithoutWaitingForMore()
    {
        const QByteArray bytes = testing::randomBytes(1024 * 1024, 7);
        ChunkHasher hasher;
        hasher.add(bytes.constData(), bytes.size());
        QElapsedTimer waited;
        waited.start();
        std::optional<Hash> hash;
        while (!(hash = hasher.takeOldestIfReady()) && waited.elapsed() < 5000)
            QThread::msleep(1);
        QVERIFY(hash);
        QCOMPARE(*hash, Hash::of(bytes));
    }

    void stopsWithChunksStillQueued()
    {
        // An upload cancelled mid-file destroys its hasher with chunks queued: the destructor
        // returns (without hashing the rest) before the blocks they point into go.
        const QByteArray bytes = testing::randomBytes(8 * 1024 * 1024, 6);
        ChunkHasher hasher;
        for (int i = 0; i < 40; ++i)
            hasher.add(bytes.constData(), bytes.size());
        QCOMPARE(hasher.takeOldest(), Hash::of(bytes));
    }
};

QTEST_GUILESS_MAIN(Sha256LanesTest)
#include "tst_sha256_lanes.moc"
