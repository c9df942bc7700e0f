#include "Chunker.h"
#include "FaultProxy.h"
#include "Pack.h"
#include "Repository.h"
#include "Store.h"
#include "TestSupport.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QtTest>

using namespace testing;

// A large upload killed with SIGKILL part way and run again sends again at most one pack's
// worth of what had reached the store: what the first run stored is found, by the journal or
// by the packs' names. (Packs cut off on the wire by the kill never reached the store: they
// go again, as they must.) On S3 the bytes are counted on their way to the real server (a
// loopback proxy); on a local store they are the bytes of the store's pack files.
class UploadResumeTest : public QObject
{
    Q_OBJECT

    static constexpr qint64 Size = 128ll << 20;
    // A pack is sealed once it reaches its target size, so it holds at most one chunk more.
    static constexpr qint64 OnePack = trove::PackWriter::TargetSize + qint64(trove::Chunker::MaxSize);

    QTemporaryDir m_files;
    QString m_file;
    QByteArray m_content;
    QString m_upstream;
    std::unique_ptr<FaultProxy> m_proxy;
    std::unique_ptr<Sandbox> m_sandbox;
    qint64 m_uninterrupted = 0; // bytes an upload of the file sends to a fresh store

    bool onS3() const { return bool(m_proxy); }

    // A fresh store (through the proxy on S3) and cache, with volume "v".
    void freshStore()
    {
        if (onS3())
            qputenv("TROVE_TEST_STORE", m_proxy->storeUrlThrough(m_upstream).toUtf8());
        m_sandbox = std::make_unique<Sandbox>();
        QCOMPARE(runCli({QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("v")}).exitCode, 0);
    }

    // What has gone over the wire so far: all the proxy saw, or the bytes of the local store's packs.
    qint64 bytesSent() const
    {
        if (onS3())
            return m_proxy->bytesFromClients();
        qint64 bytes = 0;
        QDirIterator it(m_sandbox->storePath() + QStringLiteral("/packs"), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            bytes += it.fileInfo().size();
        }
        return bytes;
    }

    // The bytes of the packs in the store: what reached it.
    qint64 storedPackBytes()
    {
        qint64 bytes = 0;
        for (const trove::ObjectInfo &o : m_sandbox->repository()->store().listAll(QStringLiteral("packs/")))
            bytes += o.size;
        return bytes;
    }

    QStringList put() const { return {QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), m_file, QStringLiteral("big.bin")}; }

    // The store's big objects go: the test server keeps them in memory.
    void removeVolume()
    {
        QCOMPARE(runCli({QStringLiteral("volume"), QStringLiteral("delete"), QStringLiteral("v"), QStringLiteral("-y")}).exitCode, 0);
        QCOMPARE(runCli({QStringLiteral("gc"), QStringLiteral("--grace"), QStringLiteral("0s")}).exitCode, 0);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        m_content = randomBytes(Size, 15);
        m_file = m_files.filePath(QStringLiteral("big.bin"));
        writeFile(m_file, m_content);
        m_upstream = qEnvironmentVariable("TROVE_TEST_STORE");
        if (!m_upstream.isEmpty())
            m_proxy = std::make_unique<FaultProxy>(m_upstream);
        freshStore();
        const qint64 before = bytesSent();
        const CliResult whole = runCli(put());
        QVERIFY2(whole.exitCode == 0, whole.err.constData());
        m_uninterrupted = bytesSent() - before;
        QVERIFY(m_uninterrupted >= Size);
        // The summary says what went: all the file, nothing found stored.
        const CommitSummary summary = commitSummary(whole.out);
        QVERIFY2(summary.sentBytes >= Size - (1 << 20) && summary.alreadyStoredBytes == 0, whole.out.constData());
        removeVolume();
    }

    void killedUploadSendsAgainAtMostOnePack_data()
    {
        QTest::addColumn<int>("percent");
        QTest::newRow("killed at 25%") << 25;
        QTest::newRow("killed at 50%") << 50;
        QTest::newRow("killed at 90%") << 90;
    }

    void killedUploadSendsAgainAtMostOnePack()
    {
        QFETCH(int, percent);
        freshStore();
        const qint64 start = bytesSent();
        std::unique_ptr<QProcess> first(startCli(put()));
        QElapsedTimer waited;
        waited.start();
        while (bytesSent() - start < m_uninterrupted * percent / 100) {
            QVERIFY2(first->state() != QProcess::NotRunning, "the upload ended before it could be killed");
            QVERIFY2(waited.elapsed() < 60000, "the upload sends nothing");
            QTest::qSleep(2);
        }
        first->kill(); // SIGKILL
        QVERIFY(first->waitForFinished(10000));
        const qint64 firstRun = bytesSent() - start;
        // The proxy relays what the killed run had written to it: let that land first.
        QTest::qWait(1000);
        const qint64 storedAtKill = storedPackBytes();

        const CliResult rerun = runCli(put());
        QVERIFY2(rerun.exitCode == 0, rerun.err.constData());
        // On a local store the rerun's own count; the store's files would include the first
        // run's half-written temporaries, which the rerun removes.
        const qint64 secondRun = onS3() ? bytesSent() - start - firstRun : commitSummary(rerun.out).sentBytes;
        // What the rerun sent beyond what the store lacked after the kill.
        const qint64 storedSentAgain = secondRun - (m_uninterrupted - storedAtKill);
        qInfo("killed at %d%%: first run sent %.1f MiB (%.1f MiB reached the store), the rerun %.1f MiB, "
              "%.1f MiB of it already stored; %.1f MiB more than one uninterrupted upload (%s)",
              percent, double(firstRun) / (1 << 20), double(storedAtKill) / (1 << 20), double(secondRun) / (1 << 20),
              double(storedSentAgain) / (1 << 20), double(firstRun + secondRun - m_uninterrupted) / (1 << 20),
              rerun.out.trimmed().constData());
        QVERIFY2(storedSentAgain <= OnePack, qPrintable(QStringLiteral("%1 bytes already stored sent again").arg(storedSentAgain)));
        // The summary is truthful: the rerun sent about what the wire saw, and names the rest
        // as already stored (a pack the killed run's last request stored meanwhile is both).
        const CommitSummary summary = commitSummary(rerun.out);
        // (A pack request retried after a clash with the killed run's last one goes twice.)
        QVERIFY2(qAbs(summary.sentBytes - secondRun) <= OnePack + secondRun / 50, rerun.out.constData());
        QVERIFY2(summary.alreadyStoredBytes >= Size - summary.sentBytes - (2 << 20) && summary.alreadyStoredBytes <= Size, rerun.out.constData());

        QCOMPARE(runCli({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("v"), QStringLiteral("big.bin"), QStringLiteral("-")}).out, m_content);
        removeVolume();
    }
};

QTEST_GUILESS_MAIN(UploadResumeTest)
#include "tst_upload_resume.moc"
