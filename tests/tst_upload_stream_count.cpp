#include "UploadStreams.h"

#include <QThread>
#include <QThreadPool>
#include <QtTest>
#include <atomic>

using trove::UploadStreams;

// How UploadStreams picks the number of packs at once, on links simulated by time: each pack's
// bytes go over the wire at a fixed rate on their own connection (a distant store: streams add
// up) or at that rate shared by every pack on its way (a full link). The end-to-end behaviour
// on the real server, through a paced proxy, is tst_upload_streams; this one covers what takes
// gigabytes there: few large packs, and probing again after a count has settled.
class UploadStreamCountTest : public QObject
{
    Q_OBJECT

    enum class Link { PerConnection, Shared };
    static constexpr qint64 PackBytes = 256 * 1024 * 1024; // larger than any: a step ends within a pack
    static constexpr int Slices = 256;                      // a pack's bytes are counted 1 MiB at a time
    static constexpr int PackUs = 640 * 1000;               // a pack's time alone on the link
    // Three, not four: a third stream adds half the throughput, well above the step's quarter
    // even when a loaded machine wakes the sleeping senders late; a fourth adds a third.
    static constexpr int Most = 3;

    std::atomic<qint64> m_sent{0}; // bytes on the wire, as the store's TransferMonitor counts them

    UploadStreams newStreams(bool probe)
    {
        m_sent = 0;
        return UploadStreams(Most, probe, [this] { return m_sent.load(); }, [] { return 0; });
    }

    // Sends `packs` packs as PackSink does (wait for a stream, then send on a pool thread),
    // their bytes going as fast as `link` lets them.
    void send(UploadStreams &streams, int packs, Link link)
    {
        QThreadPool pool;
        pool.setMaxThreadCount(8);
        std::atomic<int> onTheirWay{0};
        for (int i = 0; i < packs; ++i) {
            streams.acquire();
            ++onTheirWay;
            pool.start([this, &streams, &onTheirWay, link] {
                for (int slice = 0; slice < Slices; ++slice) {
                    QThread::usleep(PackUs / Slices * (link == Link::Shared ? onTheirWay.load() : 1));
                    m_sent += PackBytes / Slices;
                }
                --onTheirWay;
                streams.release();
            });
        }
        pool.waitForDone();
    }

private slots:
    // Steps are judged by bytes on the wire, not by finished packs: a few large packs are
    // enough to climb.
    void distantStoreClimbsToTheLimitWithinFewPacks()
    {
        UploadStreams streams = newStreams(true);
        QCOMPARE(streams.limit(), 1);
        send(streams, 4, Link::PerConnection);
        QCOMPARE(streams.limit(), Most);
    }

    void fullLinkStaysAtOne()
    {
        UploadStreams streams = newStreams(true);
        send(streams, 4, Link::Shared);
        QCOMPARE(streams.limit(), 1);
    }

    // A link that widens after the count settled (or a probing step that was unlucky): the
    // count is tried again once RetryBytes went at it, not before.
    void settledCountIsTriedAgain()
    {
        UploadStreams streams = newStreams(true);
        send(streams, 3, Link::Shared); // settles at one after two steps: 128 MiB
        QCOMPARE(streams.limit(), 1);
        send(streams, 1, Link::PerConnection); // 1 GiB sent, 896 MiB of it at one stream
        QVERIFY(m_sent - 2 * UploadStreams::StepBytes < UploadStreams::RetryBytes);
        QCOMPARE(streams.limit(), 1);
        send(streams, 4, Link::PerConnection);
        QCOMPARE(streams.limit(), Most);
    }

    // Each retry sends a large pack or two at one stream more: one that kept the count (a
    // full link) waits twice as long for the next.
    void retryThatKeptTheCountWaitsTwiceAsLong()
    {
        UploadStreams streams = newStreams(true);
        send(streams, 8, Link::Shared); // settles at one (128 MiB), retried at 1152 MiB, kept one
        QCOMPARE(streams.limit(), 1);
        send(streams, 4, Link::PerConnection); // 3 GiB sent: the next retry is due at 2 GiB after the last
        QCOMPARE(streams.limit(), 1);
        send(streams, 4, Link::PerConnection);
        QCOMPARE(streams.limit(), Most);
    }

    void localStoreSendsTheLimitFromTheStart()
    {
        UploadStreams streams = newStreams(false);
        QCOMPARE(streams.limit(), Most);
        send(streams, 4, Link::Shared);
        QCOMPARE(streams.limit(), Most);
    }

    // A pack whose last byte is on the wire frees its stream while the store finishes it, so
    // one stream is not idle for the store's time per object; at most twice the count go.
    void packAwaitingItsAnswerFreesItsStream()
    {
        std::atomic<int> awaiting{0};
        UploadStreams streams(1, false, [] { return qint64(0); }, [&awaiting] { return awaiting.load(); });
        streams.acquire(); // sending
        std::atomic<int> acquired{0};
        QThreadPool pool;
        pool.start([&] {
            streams.acquire();
            ++acquired;
            streams.acquire();
            ++acquired;
        });
        QTest::qWait(100);
        QCOMPARE(acquired.load(), 0); // the first is still sending
        awaiting = 1;                 // its last byte went
        QTRY_COMPARE(acquired.load(), 1);
        awaiting = 2; // so did the second's, but two are in flight for one stream already
        QTest::qWait(100);
        QCOMPARE(acquired.load(), 1);
        awaiting = 1;
        streams.release(); // the first's answer came
        QTRY_COMPARE(acquired.load(), 2);
        pool.waitForDone();
    }
};

QTEST_GUILESS_MAIN(UploadStreamCountTest)
#include "tst_upload_stream_count.moc"
