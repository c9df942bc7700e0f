#include "UploadStreams.h"

#include <QThread>
#include <QThreadPool>
#include <QtTest>
#include <atomic>

using trove::UploadStreams;

// How UploadStreams picks the number of packs at once, on links simulated by time: each pack's
// request takes a fixed time on its own connection (a distant store: streams add up) or that
// time for every pack on its way (a full link: streams share it). The end-to-end behaviour on
// the real server, through a paced proxy, is tst_upload_streams; this one covers what takes
// gigabytes there: probing again after a count has settled.
class UploadStreamCountTest : public QObject
{
    Q_OBJECT

    enum class Link { PerConnection, Shared };
    static constexpr qint64 PackBytes = 64 * 1024 * 1024;
    static constexpr int PackMs = 30;
    // Three, not four: a third stream adds half the throughput, well above the step's quarter
    // even when a loaded machine wakes the sleeping senders late; a fourth adds a third.
    static constexpr int Most = 3;

    // Sends `packs` packs as PackSink does (wait for a stream, then send on a pool thread),
    // each taking as long as `link` makes it.
    static void send(UploadStreams &streams, int packs, Link link)
    {
        QThreadPool pool;
        pool.setMaxThreadCount(8);
        std::atomic<int> onTheirWay{0};
        for (int i = 0; i < packs; ++i) {
            streams.acquire();
            const int atOnce = ++onTheirWay;
            pool.start([&streams, &onTheirWay, link, atOnce] {
                QThread::msleep(link == Link::Shared ? PackMs * atOnce : PackMs);
                --onTheirWay;
                streams.release(PackBytes);
            });
        }
        pool.waitForDone();
    }

private slots:
    void distantStoreClimbsToTheLimit()
    {
        UploadStreams streams(Most, true);
        QCOMPARE(streams.limit(), 1);
        send(streams, 16, Link::PerConnection);
        QCOMPARE(streams.limit(), Most);
    }

    void fullLinkStaysAtOne()
    {
        UploadStreams streams(Most, true);
        send(streams, 16, Link::Shared);
        QCOMPARE(streams.limit(), 1);
    }

    // A link that widens after the count settled (or a probing step that was unlucky): the
    // count is tried again once RetryBytes went at it, not before.
    void settledCountIsTriedAgain()
    {
        UploadStreams streams(Most, true);
        send(streams, 8, Link::Shared);
        QCOMPARE(streams.limit(), 1);
        const int packsToRetry = int(UploadStreams::RetryBytes / PackBytes);
        send(streams, packsToRetry / 2, Link::PerConnection);
        QCOMPARE(streams.limit(), 1);
        send(streams, packsToRetry / 2 + 16, Link::PerConnection);
        QCOMPARE(streams.limit(), Most);
    }

    void localStoreSendsTheLimitFromTheStart()
    {
        UploadStreams streams(Most, false);
        QCOMPARE(streams.limit(), Most);
        send(streams, 8, Link::Shared);
        QCOMPARE(streams.limit(), Most);
    }
};

QTEST_GUILESS_MAIN(UploadStreamCountTest)
#include "tst_upload_stream_count.moc"
