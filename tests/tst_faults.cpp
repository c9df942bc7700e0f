// Faults a healthy S3 server does not produce, injected by a loopback proxy in front of the
// real one: the engine retries or fails cleanly, and nothing is lost or half-written.
#include "FaultProxy.h"
#include "Pack.h"
#include "Repository.h"
#include "Store.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtConcurrent>
#include <QtTest>
#include <algorithm>

using namespace testing;
using Fault = FaultProxy::Fault;

class FaultsTest : public QObject
{
    Q_OBJECT

    QString m_upstream;
    std::unique_ptr<FaultProxy> m_proxy;
    std::unique_ptr<Sandbox> m_sandbox;

    CliResult cli(const QStringList &args) { return runCli(args); }
    int versionCount(const QString &volume)
    {
        return int(QJsonDocument::fromJson(cli({QStringLiteral("volume"), QStringLiteral("history"), volume, QStringLiteral("--json")}).out).array().size());
    }
    int count(int status, const QByteArray &method, const QByteArray &path)
    {
        int n = 0;
        for (const FaultProxy::Seen &s : m_proxy->seen())
            n += (s.status == status && s.method == method && s.path.contains(path)) ? 1 : 0;
        return n;
    }

private slots:
    void initTestCase()
    {
        m_upstream = qEnvironmentVariable("TROVE_TEST_STORE");
        if (m_upstream.isEmpty())
            QSKIP("needs the S3 server (run through CTest, which starts it)");
        m_proxy = std::make_unique<FaultProxy>(m_upstream);
    }

    void init()
    {
        qputenv("TROVE_TEST_STORE", m_proxy->storeUrlThrough(m_upstream).toUtf8());
        m_sandbox = std::make_unique<Sandbox>();
        m_proxy->clearRules();
        m_proxy->clearSeen();
        QCOMPARE(cli({QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("v")}).exitCode, 0);
        writeFile(m_sandbox->path(QStringLiteral("data.bin")), randomBytes(20 * 1024 * 1024, 5));
    }

    void slowDownAndConflictsAreRetried()
    {
        m_proxy->addRule({"PUT", "/packs/", Fault::SlowDown503, 2});
        m_proxy->addRule({"PUT", "/versions/", Fault::Conflict409, 1});
        m_proxy->addRule({"GET", "/packs/", Fault::SlowDown503, 2});
        const CliResult put = cli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), m_sandbox->path(QStringLiteral("data.bin"))});
        QVERIFY2(put.exitCode == 0, put.err.constData());
        QCOMPARE(cli({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("v"), QStringLiteral("data.bin"), QStringLiteral("-")}).out,
                 randomBytes(20 * 1024 * 1024, 5));
        QCOMPARE(count(503, "PUT", "/packs/"), 2);
        QCOMPARE(count(409, "PUT", "/versions/"), 1);
        QCOMPARE(count(503, "GET", "/packs/"), 2);
        QCOMPARE(versionCount(QStringLiteral("v")), 2);
    }

    void resetsTruncationAndSlownessAreRetried()
    {
        QCOMPARE(cli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), m_sandbox->path(QStringLiteral("data.bin"))}).exitCode, 0);
        m_proxy->addRule({"GET", "/packs/", Fault::ResetMidBody, 1});
        m_proxy->addRule({"GET", "/packs/", Fault::Truncate, 1});
        m_proxy->addRule({"GET", "/packs/", Fault::Delay, 1, 1500});
        const QString out = m_sandbox->path(QStringLiteral("out.bin"));
        const CliResult get = cli({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("v"), QStringLiteral("data.bin"), out});
        QVERIFY2(get.exitCode == 0, get.err.constData());
        QCOMPARE(readFile(out), randomBytes(20 * 1024 * 1024, 5));
    }

    void slowRequestsRunTogether()
    {
        // Four callers, each answer held back a second: the one HTTP engine has all four in
        // flight at once, and each shows up as a transfer of its own.
        trove::Store &store = m_sandbox->repository()->store();
        QStringList keys;
        for (int i = 0; i < 4; ++i) {
            keys.append(QStringLiteral("test/together-%1").arg(i));
            store.put(keys.last(), randomBytes(64 * 1024, quint64(i)));
        }
        m_proxy->addRule({"GET", "/test/together-", Fault::Delay, 4, 1000});
        QThreadPool callers;
        callers.setMaxThreadCount(4);
        QList<QFuture<QByteArray>> gets;
        for (const QString &key : keys)
            gets.append(QtConcurrent::run(&callers, [&store, key] { return store.get(key); }));
        int mostInFlight = 0;
        while (std::any_of(gets.begin(), gets.end(), [](const QFuture<QByteArray> &f) { return !f.isFinished(); })) {
            int inFlight = 0;
            for (const trove::TransferState &t : store.transfers().active())
                inFlight += t.key.startsWith(QLatin1String("test/together-")) ? 1 : 0;
            mostInFlight = std::max(mostInFlight, inFlight);
            QThread::msleep(5);
        }
        QCOMPARE(mostInFlight, 4);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(gets[i].result(), randomBytes(64 * 1024, quint64(i)));
    }

    void lostCommitReplyIsRecognised()
    {
        // The server stores the version record, the client never hears: its retry gets 412
        // and must recognise its own record instead of committing twice or failing.
        m_proxy->addRule({"PUT", "/versions/", Fault::LoseResponse, 1});
        const CliResult put = cli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), m_sandbox->path(QStringLiteral("data.bin"))});
        QVERIFY2(put.exitCode == 0, put.err.constData());
        QCOMPARE(count(0, "PUT", "/versions/"), 1);
        QVERIFY(put.out.contains("committed version 2"));
        QCOMPARE(versionCount(QStringLiteral("v")), 2);
    }

    void storeIgnoringIfNoneMatchIsRefused()
    {
        m_proxy->addRule({"PUT", "/probes/", Fault::IgnoreIfNoneMatch, -1});
        const CliResult create = cli({QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("w")});
        QCOMPARE(create.exitCode, 1);
        QVERIFY2(create.err.contains("ignores If-None-Match"), create.err.constData());
        const CliResult put = cli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), m_sandbox->path(QStringLiteral("data.bin"))});
        QCOMPARE(put.exitCode, 1);
        m_proxy->clearRules();
        QCOMPARE(versionCount(QStringLiteral("v")), 1);
        QCOMPARE(cli({QStringLiteral("volume"), QStringLiteral("ls"), QStringLiteral("w")}).exitCode, 1);
    }

    void persistentFailureFailsCleanlyAndTheRerunSendsOnlyWhatIsMissing()
    {
        m_proxy->addRule({"PUT", "/versions/", Fault::SlowDown503, -1});
        const CliResult failed = cli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), m_sandbox->path(QStringLiteral("data.bin"))});
        QCOMPARE(failed.exitCode, 1);
        QVERIFY2(failed.err.contains("SlowDown"), failed.err.constData());
        QCOMPARE(versionCount(QStringLiteral("v")), 1);
        const int packsSent = count(200, "PUT", "/packs/");
        QVERIFY(packsSent >= 2);
        m_proxy->clearRules();
        m_proxy->clearSeen();
        const CliResult rerun = cli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), m_sandbox->path(QStringLiteral("data.bin"))});
        QVERIFY2(rerun.exitCode == 0, rerun.err.constData());
        // Every pack, data and trees alike, was found in the store and not sent again.
        QCOMPARE(count(200, "PUT", "/packs/"), 0);
        QCOMPARE(count(412, "PUT", "/packs/"), 0);
        QVERIFY(count(200, "HEAD", "/packs/") >= packsSent);
        QCOMPARE(cli({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("v"), QStringLiteral("data.bin"), QStringLiteral("-")}).out,
                 randomBytes(20 * 1024 * 1024, 5));
    }

    void corruptedChunkIsReportedNeverWritten()
    {
        QCOMPARE(cli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("v"), m_sandbox->path(QStringLiteral("data.bin"))}).exitCode, 0);
        auto repo = m_sandbox->repository();
        for (const trove::ObjectInfo &o : repo->store().listAll(QStringLiteral("packs/"))) {
            if (o.size < trove::PackWriter::TargetSize)
                continue; // metadata pack, or the file's last
            // Its first blob and its last, which `check` reads in another span of the pack.
            QByteArray bytes = repo->store().get(o.key);
            for (const qint64 at : {qint64(1000), o.size - 100 * 1024})
                bytes[at] = char(bytes[at] ^ 0x5a);
            repo->store().put(o.key, bytes);
            break;
        }
        // Neither the file nor a directory holding it appears, nor anything hidden beside
        // them (a directory is assembled under a hidden name, removed when a chunk fails).
        for (const auto &[remote, local] : {std::pair(QStringLiteral("data.bin"), QStringLiteral("damaged.bin")),
                                            std::pair(QStringLiteral("/"), QStringLiteral("damaged-dir"))}) {
            const QString out = m_sandbox->path(local);
            const CliResult get = cli({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("v"), remote, out});
            QCOMPARE(get.exitCode, 1);
            QVERIFY2(get.err.contains("does not match its hash"), get.err.constData());
            QVERIFY(!QFile::exists(out));
            QVERIFY(QDir(m_sandbox->path()).entryList({QStringLiteral(".*trove-part*")}, QDir::AllEntries | QDir::Hidden).isEmpty());
        }
        const CliResult check = cli({QStringLiteral("check"), QStringLiteral("--read-data")});
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.out.count("does not match its hash") == 2, check.out.constData());
    }
};

QTEST_GUILESS_MAIN(FaultsTest)
#include "tst_faults.moc"
