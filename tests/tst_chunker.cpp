// Content-defined chunking: cuts follow content, so an insertion moves only nearby cuts.
#include "Chunker.h"
#include "TestSupport.h"

#include <QtTest>

using namespace trove;

namespace {

QList<qint64> cutPoints(const QByteArray &data)
{
    QList<qint64> cuts;
    qint64 start = 0;
    while (start < data.size()) {
        start += qint64(Chunker::cut(reinterpret_cast<const unsigned char *>(data.constData() + start), size_t(data.size() - start)));
        cuts.append(start);
    }
    return cuts;
}

} // namespace

class ChunkerTest : public QObject
{
    Q_OBJECT
private slots:
    void sizesStayWithinBounds()
    {
        const QByteArray data = testing::randomBytes(64 * 1024 * 1024, 7);
        const QList<qint64> cuts = cutPoints(data);
        qint64 previous = 0;
        for (int i = 0; i < cuts.size(); ++i) {
            const qint64 size = cuts[i] - previous;
            QVERIFY(size <= qint64(Chunker::MaxSize));
            if (i + 1 < cuts.size())
                QVERIFY(size >= qint64(Chunker::MinSize));
            previous = cuts[i];
        }
        const double average = double(data.size()) / cuts.size();
        qInfo("64 MiB -> %lld chunks, average %.0f KiB", qint64(cuts.size()), average / 1024);
        QVERIFY(average > 600 * 1024 && average < 1600 * 1024);
    }

    void boundariesStableUnderInsertion()
    {
        const QByteArray original = testing::randomBytes(32 * 1024 * 1024, 11);
        QByteArray edited = original;
        const qint64 at = 10 * 1024 * 1024 + 12345;
        edited.insert(at, testing::randomBytes(777, 12));
        const QList<qint64> before = cutPoints(original);
        QList<qint64> after = cutPoints(edited);
        // Cuts after the insertion reappear shifted by its length.
        int shared = 0;
        for (qint64 cut : after) {
            if (cut > at && before.contains(cut - 777))
                ++shared;
        }
        int beforeAfterInsert = 0;
        for (qint64 cut : before)
            beforeAfterInsert += cut > at ? 1 : 0;
        QVERIFY2(shared >= beforeAfterInsert - 2, qPrintable(QStringLiteral("%1 of %2 cuts survived").arg(shared).arg(beforeAfterInsert)));
        // And cuts before it are untouched.
        for (qint64 cut : before) {
            if (cut < at)
                QVERIFY(after.contains(cut));
        }
    }

    void deterministicAcrossRuns()
    {
        const QByteArray data = testing::randomBytes(8 * 1024 * 1024, 3);
        QCOMPARE(cutPoints(data), cutPoints(QByteArray(data.constData(), data.size())));
    }

    // Cut points are part of the format (docs/FORMAT.md): writers that disagree dedupe less
    // against each other. Known answers for fixed input, random bytes then a run of
    // low-entropy bytes (cut by the easy mask or at the maximum), guard any rewrite of the
    // scanning loop.
    void cutPointsMatchTheFormat()
    {
        QByteArray data = testing::randomBytes(12 * 1024 * 1024, 21);
        for (int i = 0; i < 6 * 1024 * 1024; ++i)
            data.append(char((i * 7) % 13));
        data.append(testing::randomBytes(3 * 1024 * 1024 + 5, 22));
        const QList<qint64> expected{1123670, 1877067, 3000202, 4209298, 5357018, 6406662, 7462528, 8705731,
                                     10613350, 11733750, 15928054, 18932433, 20079683, 21318686, 21614107, 22020101};
        QCOMPARE(cutPoints(data), expected);
    }

    // cutVector() scans with AVX-512 where the CPU has it, and cut() with whichever scan is
    // faster here; both must cut exactly where the byte-by-byte reference does: random bytes,
    // low-entropy runs that overflow a row's candidates, zeros, and inputs ending anywhere
    // around the region limits.
    void vectorScanCutsLikeTheReference()
    {
        QByteArray data = testing::randomBytes(20 * 1024 * 1024, 31);
        for (qint64 i = 4 * 1024 * 1024; i < 7 * 1024 * 1024; ++i)
            data[i] = char((i * 7) % 13);
        for (qint64 i = 9 * 1024 * 1024; i < 10 * 1024 * 1024; ++i)
            data[i] = 0;
        // A 512-byte pattern whose repetition passes the easy mask somewhere: repeated, it
        // passes it every 512 bytes, more candidates than a vector row keeps.
        for (quint64 seed = 100;; ++seed) {
            const QByteArray pattern = testing::randomBytes(512, seed);
            const QByteArray repeated = pattern.repeated(int(Chunker::AverageSize / 512) + 16);
            const auto *p = reinterpret_cast<const unsigned char *>(repeated.constData());
            if (Chunker::cutPortable(p, size_t(repeated.size())) < size_t(repeated.size())) {
                data.replace(12 * 1024 * 1024, repeated.size() * 2, repeated + repeated);
                break;
            }
        }
        const auto *bytes = reinterpret_cast<const unsigned char *>(data.constData());
        qint64 compared = 0;
        QList<qint64> starts;
        for (qint64 start = 0; start < data.size(); start += 777777)
            starts.append(start);
        for (qint64 start = 12 * 1024 * 1024 - 300000; start < 12 * 1024 * 1024 + 2 * 1024 * 1024; start += 65537)
            starts.append(start); // in and around the repeated pattern
        for (const qint64 start : starts) {
            for (const qint64 available : {qint64(Chunker::MinSize) + 1, qint64(Chunker::MinSize) + 2 * 65536, qint64(Chunker::MinSize) + 65536 + 3, qint64(Chunker::AverageSize) - 1,
                                           qint64(Chunker::AverageSize) + 65536, qint64(Chunker::MaxSize), data.size() - start}) {
                const size_t length = size_t(qMin(available, data.size() - start));
                const size_t reference = Chunker::cutPortable(bytes + start, length);
                QCOMPARE(Chunker::cutVector(bytes + start, length), reference);
                QCOMPARE(Chunker::cut(bytes + start, length), reference);
                ++compared;
            }
        }
        QVERIFY(compared > 100);
    }

    void smallInputIsOneChunk()
    {
        const QByteArray data = testing::randomBytes(4096, 5);
        QCOMPARE(cutPoints(data), QList<qint64>{4096});
    }
};

QTEST_GUILESS_MAIN(ChunkerTest)
#include "tst_chunker.moc"
