#include "FaultProxy.h"
#include "PackSink.h"
#include "TestSupport.h"

#include <QFile>
#include <QUrl>
#include <algorithm>
#include <QtTest>

using namespace testing;

// An upload to a network store finds how many packs to send at once: more while that raises
// the throughput, up to --transfers; one when it does not. The real S3 server sits behind a
// loopback proxy that slows request bodies down as a link would (the one part that is not
// real: a distant server cannot be made on this machine otherwise) and counts the uploads
// on their way at once.
class UploadStreamsTest : public QObject
{
    Q_OBJECT

    // Eleven packs or more: 16 to 80 MiB while the link's rate is not known (taken as fast),
    // then the file / 16 (20 MiB) on these slow links.
    static constexpr qint64 Size = 320ll << 20;
    QString m_upstream; // the real server's store URL
    std::unique_ptr<FaultProxy> m_proxy;
    std::unique_ptr<Sandbox> m_sandbox;
    QTemporaryDir m_files;
    QString m_file;
    QByteArray m_content;

    // Puts `path` as big.bin through a fresh proxy paced as asked (0: unpaced); the proxy
    // stays for the checks.
    void put(const QString &path, qint64 bytesPerSecond, FaultProxy::Pace pace)
    {
        m_proxy = std::make_unique<FaultProxy>(m_upstream);
        qputenv("TROVE_TEST_STORE", m_proxy->storeUrlThrough(m_upstream).toUtf8());
        m_sandbox = std::make_unique<Sandbox>();
        QCOMPARE(runCli({QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("v")}).exitCode, 0);
        m_proxy->setUploadPace(bytesPerSecond, pace);
        const CliResult put = runCli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), path, QStringLiteral("big.bin")});
        QVERIFY2(put.exitCode == 0, put.err.constData());
        m_proxy->setUploadPace(0, pace);
    }

    // Uploads the test file as above and reads it back.
    void upload(qint64 bytesPerSecond, FaultProxy::Pace pace)
    {
        put(m_file, bytesPerSecond, pace);
        QCOMPARE(runCli({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("v"), QStringLiteral("big.bin"), QStringLiteral("-")}).out, m_content);
    }

    QList<int> uploadsAtOnce() const
    {
        QList<int> counts;
        for (const FaultProxy::Seen &s : m_proxy->seen()) {
            if (s.uploadsAtOnce > 0)
                counts.append(s.uploadsAtOnce);
        }
        return counts;
    }

    // The bodies of the packs the proxy saw sent, in bytes.
    QList<qint64> packSizes() const
    {
        QList<qint64> sizes;
        for (const FaultProxy::Seen &s : m_proxy->seen()) {
            if (s.method != "PUT" || !s.path.contains("/packs/"))
                continue;
            for (const QByteArray &line : s.headers.split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    sizes.append(line.mid(int(qstrlen("content-length:"))).trimmed().toLongLong());
            }
        }
        return sizes;
    }

    void removeVolume()
    {
        QCOMPARE(runCli({QStringLiteral("volume"), QStringLiteral("delete"), QStringLiteral("v"), QStringLiteral("-y")}).exitCode, 0);
        QCOMPARE(runCli({QStringLiteral("gc"), QStringLiteral("--grace"), QStringLiteral("0s")}).exitCode, 0);
    }

private slots:
    void initTestCase()
    {
        m_upstream = qEnvironmentVariable("TROVE_TEST_STORE");
        if (!QUrl(m_upstream).scheme().startsWith(QLatin1String("s3")))
            QSKIP("needs the S3 server (TROVE_TEST_STORE=s3://...)");
        QVERIFY(m_files.isValid());
        m_content = randomBytes(Size, 21);
        m_file = m_files.filePath(QStringLiteral("big.bin"));
        writeFile(m_file, m_content);
        qputenv("TROVE_TRANSFERS", "4");
    }

    // A pack whose last byte left trove-cli frees its stream for the next one while it waits
    // for its answer, so the proxy, which takes the bytes at the link's pace from the socket's
    // buffers, sees up to two requests per stream on their way.
    static bool atMost(const QList<int> &counts, int most)
    {
        return std::all_of(counts.begin(), counts.end(), [most](int c) { return c <= most; });
    }

    // Each connection capped at 24 MiB/s, as one TCP stream to a distant server is: every
    // stream added raises the throughput, so the upload climbs to three or four streams.
    void distantStoreGetsParallelStreams()
    {
        upload(24 << 20, FaultProxy::Pace::PerConnection);
        const QList<int> counts = uploadsAtOnce();
        // Five on their way at once take three streams at least.
        QVERIFY2(m_proxy->mostUploadsAtOnce() >= 5, qPrintable(QStringLiteral("at most %1 at once; each pack began with %2 on their way")
                                                                    .arg(m_proxy->mostUploadsAtOnce()).arg(QDebug::toString(counts))));
        // The first packs went on one stream: a server that does not want more is not sent more.
        QVERIFY2(atMost(counts.mid(0, 3), 2), qPrintable(QDebug::toString(counts)));
        removeVolume();
    }

    // One 16 MiB/s link for all connections: a second stream adds nothing, so the upload
    // tries two once and goes on with one.
    void sharedLinkKeepsOneStream()
    {
        upload(16 << 20, FaultProxy::Pace::Shared);
        const QList<int> counts = uploadsAtOnce();
        const QString detail = QStringLiteral("each pack began with %1 on their way").arg(QDebug::toString(counts));
        QVERIFY2(m_proxy->mostUploadsAtOnce() <= 4, qPrintable(detail)); // two streams at most
        QVERIFY2(counts.size() >= 10, qPrintable(detail));
        // The last packs went on one stream.
        QVERIFY2(atMost(counts.mid(counts.size() - 3), 2), qPrintable(detail));
        removeVolume();
    }

    // On a fast link the store's cost per object shows, so a file of over 1 GiB goes in packs
    // of more than 64 MiB: here the file / 16, 80 MiB, as the unpaced loopback sends a
    // stream's SecondsPerPack worth faster than that.
    void fastLinkSendsPacksOfOver64MiB()
    {
        constexpr qint64 Piece = 64ll << 20, Pieces = 20;
        const QString path = m_files.filePath(QStringLiteral("larger.bin"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 0; i < Pieces; ++i)
            QCOMPARE(file.write(randomBytes(Piece, quint64(100 + i))), Piece);
        file.close();
        put(path, 0, FaultProxy::Pace::Shared);
        QFile::remove(path);
        const QList<qint64> sizes = packSizes();
        const qint64 largest = sizes.isEmpty() ? 0 : *std::max_element(sizes.begin(), sizes.end());
        QVERIFY2(largest > trove::PackSink::MaxTargetBySize + (5 << 20), qPrintable(QStringLiteral("pack sizes %1").arg(QDebug::toString(sizes))));
        removeVolume();
    }
};

QTEST_GUILESS_MAIN(UploadStreamsTest)
#include "tst_upload_streams.moc"
