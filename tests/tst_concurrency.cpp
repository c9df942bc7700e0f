// Many writers, crashes and gc: what must hold when several processes share a store.
#include "Error.h"
#include "Journal.h"
#include "Store.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest>
#include <QMutex>
#include <atomic>
#include <thread>
#include <csignal>

using namespace testing;

namespace {

qint64 packCount(const QString &store)
{
    QDir packs(store + QStringLiteral("/packs"));
    qint64 n = 0;
    for (const QString &sub : packs.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        n += QDir(packs.filePath(sub)).entryList({QStringLiteral("[0-9a-f]*")}, QDir::Files).size();
    return n;
}

QList<qint64> versions(const QString &volume)
{
    const CliResult r = runCli({QStringLiteral("volume"), QStringLiteral("history"), volume, QStringLiteral("--json")});
    QList<qint64> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array())
        out.append(v.toObject().value(QStringLiteral("version")).toInteger());
    return out;
}

QStringList listing(const QString &volume, const QString &path = {})
{
    const CliResult r = runCli({QStringLiteral("volume"), QStringLiteral("ls"), volume, path, QStringLiteral("--json")});
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array())
        out.append(v.toObject().value(QStringLiteral("path")).toString());
    return out;
}

// A put whose input arrives on its standard input, so the test decides when the commit may end.
class SlowPut
{
public:
    SlowPut(const QString &volume, const QString &remote)
        : m_process(startCli({QStringLiteral("volume"), QStringLiteral("put"), volume, QStringLiteral("-"), remote}))
    {
        QVERIFY(m_process->waitForStarted());
    }
    void write(const QByteArray &data)
    {
        QCOMPARE(m_process->write(data), data.size());
        while (m_process->bytesToWrite() > 0 && m_process->waitForBytesWritten(60000)) {
        }
    }
    void finishInput() { m_process->closeWriteChannel(); }
    QProcess &process() { return *m_process; }

private:
    std::unique_ptr<QProcess> m_process;
};

} // namespace

class ConcurrencyTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<Sandbox> m_sandbox;

private slots:
    void init()
    {
        m_sandbox = std::make_unique<Sandbox>();
        ::signal(SIGPIPE, SIG_IGN);
    }

    void manyOpenAFreshJournalAtOnce()
    {
        // Many first commands at once, each creating the local cache's journal if it is not
        // there yet (SQLite connections lock like processes): none may fail on the others'
        // locks.
        for (int round = 0; round < 20; ++round) {
            const QString path = m_sandbox->path(QStringLiteral("journals/%1/journal.sqlite").arg(round));
            std::atomic<int> ready{0};
            std::atomic<int> failures{0};
            QString firstError;
            QMutex errorMutex;
            std::vector<std::thread> openers;
            for (int i = 0; i < 16; ++i) {
                openers.emplace_back([&] {
                    ++ready;
                    while (ready < 16) { } // start together
                    try {
                        trove::Journal journal(path);
                    } catch (const trove::Error &e) {
                        ++failures;
                        QMutexLocker lock(&errorMutex);
                        firstError = e.message();
                    }
                });
            }
            for (std::thread &t : openers)
                t.join();
            QVERIFY2(failures == 0, qPrintable(firstError));
        }
    }

    void killDuringPutKeepsAnEarlierVersionAndRerunReuses()
    {
        QCOMPARE(runCli({QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("crash")}).exitCode, 0);
        writeFile(m_sandbox->path(QStringLiteral("before.txt")), "before");
        QCOMPARE(runCli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("crash"), m_sandbox->path(QStringLiteral("before.txt"))}).exitCode, 0);
        const QList<qint64> before = versions(QStringLiteral("crash"));
        const QByteArray content = randomBytes(48 * 1024 * 1024, 4242);
        {
            SlowPut put(QStringLiteral("crash"), QStringLiteral("big.bin"));
            const qint64 packsBefore = packCount(m_sandbox->storePath());
            put.write(content.left(44 * 1024 * 1024));
            QTRY_VERIFY_WITH_TIMEOUT(packCount(m_sandbox->storePath()) >= packsBefore + 2, 20000);
            put.process().kill(); // SIGKILL, mid-upload
            QVERIFY(put.process().waitForFinished(10000));
        }
        QCOMPARE(versions(QStringLiteral("crash")), before);
        QCOMPARE(listing(QStringLiteral("crash")), QStringList{QStringLiteral("before.txt")});
        QCOMPARE(runCli({QStringLiteral("check"), QStringLiteral("--read-data")}).exitCode, 0);

        // Killed at random moments of a put from a file: always a readable earlier version.
        const QString local = m_sandbox->path(QStringLiteral("big.bin"));
        writeFile(local, content);
        for (int round = 0; round < 6; ++round) {
            std::unique_ptr<QProcess> p(startCli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("crash"), local,
                                                  QStringLiteral("round-%1.bin").arg(round)}));
            QTest::qWait(QRandomGenerator::global()->bounded(20, 400));
            p->kill();
            p->waitForFinished(10000);
            const QStringList files = listing(QStringLiteral("crash"));
            QVERIFY(files.contains(QStringLiteral("before.txt")));
            QCOMPARE(runCli({QStringLiteral("check")}).exitCode, 0);
        }

        // The rerun stores only what never reached the store.
        const CliResult rerun = runCli({QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("crash"), local, QStringLiteral("big.bin")});
        QCOMPARE(rerun.exitCode, 0);
        const qint64 bytes = commitSummary(rerun.out).sentBytes;
        qInfo("rerun after kill -9 sent %lld of %lld bytes", bytes, qint64(content.size()));
        QVERIFY2(bytes <= content.size() - 32 * 1024 * 1024, rerun.out.constData());
        QCOMPARE(runCli({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("crash"), QStringLiteral("big.bin"), QStringLiteral("-")}).out, content);
    }

    void gcDuringASlowCommitKeepsWhatItNeeds()
    {
        QCOMPARE(runCli({QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("slow")}).exitCode, 0);
        const QByteArray content = randomBytes(48 * 1024 * 1024, 77);
        SlowPut put(QStringLiteral("slow"), QStringLiteral("slow.bin"));
        put.write(content.left(44 * 1024 * 1024));
        QTRY_VERIFY_WITH_TIMEOUT(packCount(m_sandbox->storePath()) >= 2, 20000);
        const qint64 packs = packCount(m_sandbox->storePath());
        const CliResult gc = runCli({QStringLiteral("gc")});
        QCOMPARE(gc.exitCode, 0);
        QVERIFY2(gc.out.contains("removed 0 "), gc.out.constData());
        QCOMPARE(packCount(m_sandbox->storePath()), packs);
        put.write(content.mid(44 * 1024 * 1024));
        put.finishInput();
        QVERIFY(put.process().waitForFinished(60000));
        QVERIFY2(put.process().exitCode() == 0, put.process().readAllStandardError().constData());
        QCOMPARE(runCli({QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("slow"), QStringLiteral("slow.bin"), QStringLiteral("-")}).out, content);
        QCOMPARE(runCli({QStringLiteral("check"), QStringLiteral("--read-data")}).exitCode, 0);
    }

    void gcWithNoGraceMakesTheCommitFailCleanly()
    {
        QCOMPARE(runCli({QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("swept")}).exitCode, 0);
        const QList<qint64> before = versions(QStringLiteral("swept"));
        const QByteArray content = randomBytes(48 * 1024 * 1024, 78);
        SlowPut put(QStringLiteral("swept"), QStringLiteral("slow.bin"));
        put.write(content.left(44 * 1024 * 1024));
        QTRY_VERIFY_WITH_TIMEOUT(packCount(m_sandbox->storePath()) >= 2, 20000);
        QCOMPARE(runCli({QStringLiteral("gc"), QStringLiteral("--grace"), QStringLiteral("0s")}).exitCode, 0);
        put.write(content.mid(44 * 1024 * 1024));
        put.finishInput();
        QVERIFY(put.process().waitForFinished(60000));
        // Its packs were swept, and a pipe cannot be read again: the writer notices before
        // publishing and commits nothing. (A file it would store again: tst_gcrace.)
        QCOMPARE(put.process().exitCode(), 1);
        QVERIFY(put.process().readAllStandardError().contains("gc"));
        QCOMPARE(versions(QStringLiteral("swept")), before);
        QCOMPARE(runCli({QStringLiteral("check"), QStringLiteral("--read-data")}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(ConcurrencyTest)
#include "tst_concurrency.moc"
