// gc racing writers, as separate processes on one store (local, or S3 when TROVE_TEST_STORE is
// set): gc with no grace period runs in a loop while writers put new and already-stored
// content, remove files and delete volumes. Every put succeeds, every file a put reported
// committed reads back whole, and `check --read-data` finds nothing wrong after each round.
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest>
#include <atomic>
#include <thread>

using namespace testing;

namespace {

QString arg(const char *text) { return QString::fromLatin1(text); }

// A background loop of `gc --grace 0s` until stopped; counts the runs that succeeded.
class GcLoop
{
public:
    GcLoop() : m_thread([this] { run(); }) {}
    ~GcLoop() { stop(); }
    int stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        return m_succeeded;
    }

private:
    void run()
    {
        while (!m_stop) {
            const CliResult r = runCli({arg("gc"), arg("--grace"), arg("0s")});
            if (r.exitCode == 0)
                ++m_succeeded;
        }
    }
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_succeeded{0};
    std::thread m_thread;
};

struct Expected
{
    QString volume, path;
    QByteArray bytes;
};

} // namespace

class GcRaceTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<Sandbox> m_sandbox;

    static int rounds()
    {
        const int asked = qEnvironmentVariableIntValue("TROVE_TEST_GC_ROUNDS");
        return asked > 0 ? asked : (qEnvironmentVariableIsSet("TROVE_TEST_STORE") ? 3 : 6);
    }

    // Content that a deleted volume held: its packs are what gc condemns while writers
    // dedupe against them.
    static QByteArray recycled(int round, int k) { return randomBytes(300 * 1024 + k, 7000 + 100 * round + k); }

    // One writer's random sequence of puts (new or recycled content), removes and volume
    // deletions; what it leaves committed goes to `kept`.
    void writer(int round, int id, QList<Expected> *kept, QStringList *failures)
    {
        QRandomGenerator random(quint32(round * 31 + id));
        const QString volume = QStringLiteral("main%1").arg(round);
        QList<Expected> mine;
        for (int op = 0; op < 8; ++op) {
            const int dice = random.bounded(10);
            if (dice < 6) {
                const QString path = QStringLiteral("w%1/f%2.bin").arg(id).arg(op);
                const QByteArray bytes = dice < 3 ? recycled(round, random.bounded(4)) : randomBytes(200 * 1024 + op, quint64(round) << 32 | id << 8 | op);
                const QString local = m_sandbox->path(QStringLiteral("in-%1-%2-%3").arg(round).arg(id).arg(op));
                writeFile(local, bytes);
                const CliResult r = runCli({arg("volume"), arg("put"), volume, local, path});
                if (r.exitCode != 0)
                    failures->append(QStringLiteral("put %1: %2").arg(path, QString::fromUtf8(r.err)));
                else
                    mine.append({volume, path, bytes});
            } else if (dice < 8 && !mine.isEmpty()) {
                const Expected gone = mine.takeAt(random.bounded(int(mine.size())));
                const CliResult r = runCli({arg("volume"), arg("rm"), volume, gone.path});
                if (r.exitCode != 0)
                    failures->append(QStringLiteral("rm %1: %2").arg(gone.path, QString::fromUtf8(r.err)));
            } else {
                // A short-lived volume: its packs become garbage at once.
                const QString scratch = QStringLiteral("scratch%1-%2-%3").arg(round).arg(id).arg(op);
                const QString local = m_sandbox->path(QStringLiteral("scratch-%1-%2-%3").arg(round).arg(id).arg(op));
                writeFile(local, recycled(round, random.bounded(4)));
                for (const QStringList &command : {QStringList{arg("volume"), arg("create"), scratch},
                                                   QStringList{arg("volume"), arg("put"), scratch, local, arg("/x.bin")},
                                                   QStringList{arg("volume"), arg("delete"), scratch, arg("-y")}}) {
                    const CliResult r = runCli(command);
                    if (r.exitCode != 0)
                        failures->append(command.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(r.err));
                }
            }
        }
        *kept = mine;
    }

private slots:
    void initTestCase() { m_sandbox = std::make_unique<Sandbox>(); }

    void gcNeverRemovesWhatACommitNeeds()
    {
        int gcRuns = 0;
        for (int round = 0; round < rounds(); ++round) {
            const QString volume = QStringLiteral("main%1").arg(round);
            QCOMPARE(runCli({arg("volume"), arg("create"), volume}).exitCode, 0);
            // Garbage to begin with: a deleted volume of the content writers will put again.
            const QString old = QStringLiteral("old%1").arg(round);
            QCOMPARE(runCli({arg("volume"), arg("create"), old}).exitCode, 0);
            for (int k = 0; k < 4; ++k) {
                const QString local = m_sandbox->path(QStringLiteral("old-%1-%2").arg(round).arg(k));
                writeFile(local, recycled(round, k));
                QCOMPARE(runCli({arg("volume"), arg("put"), old, local, QStringLiteral("/r%1.bin").arg(k)}).exitCode, 0);
            }
            QCOMPARE(runCli({arg("volume"), arg("delete"), old, arg("-y")}).exitCode, 0);

            constexpr int Writers = 3;
            QList<Expected> kept[Writers];
            QStringList failures[Writers];
            {
                GcLoop gc;
                std::vector<std::thread> writers;
                for (int id = 0; id < Writers; ++id)
                    writers.emplace_back([&, id] { writer(round, id, &kept[id], &failures[id]); });
                for (std::thread &t : writers)
                    t.join();
                gcRuns += gc.stop();
            }
            for (const QStringList &f : failures)
                QVERIFY2(f.isEmpty(), qPrintable(QStringLiteral("round %1: %2").arg(round).arg(f.join(QLatin1Char('\n')))));
            const CliResult check = runCli({arg("check"), arg("--read-data")});
            QVERIFY2(check.exitCode == 0, qPrintable(QStringLiteral("round %1: %2%3").arg(round).arg(QString::fromUtf8(check.out), QString::fromUtf8(check.err))));
            for (const QList<Expected> &files : kept) {
                for (const Expected &e : files) {
                    const CliResult get = runCli({arg("volume"), arg("get"), e.volume, e.path, arg("-")});
                    QVERIFY2(get.exitCode == 0, qPrintable(QString::fromUtf8(get.err)));
                    QVERIFY2(get.out == e.bytes, qPrintable(QStringLiteral("round %1: %2 reads back other bytes").arg(round).arg(e.path)));
                }
            }
        }
        qInfo("%d rounds clean, %d gc runs beside the writers", rounds(), gcRuns);
        QVERIFY(gcRuns > 0);
    }

    // Racing puts of one new path without --force: exactly one lands.
    void putWithoutForceNeverReplaces()
    {
        QCOMPARE(runCli({arg("volume"), arg("create"), arg("noforce")}).exitCode, 0);
        for (int round = 0; round < 3; ++round) {
            std::vector<std::unique_ptr<QProcess>> processes;
            QList<QByteArray> contents;
            for (int i = 0; i < 4; ++i) {
                const QString local = m_sandbox->path(QStringLiteral("nf-%1-%2").arg(round).arg(i));
                contents.append(randomBytes(64 * 1024, 500 + 10 * round + i));
                writeFile(local, contents.last());
                processes.emplace_back(startCli({arg("volume"), arg("put"), arg("noforce"), local, QStringLiteral("/same%1.bin").arg(round)}));
            }
            int succeeded = 0;
            for (auto &p : processes) {
                QVERIFY(p->waitForFinished(120000));
                succeeded += p->exitCode() == 0 ? 1 : 0;
                if (p->exitCode() != 0)
                    QVERIFY2(p->readAllStandardError().contains("--force"), "a loser says how to replace the file");
            }
            QCOMPARE(succeeded, 1);
            QVERIFY(contents.contains(runCli({arg("volume"), arg("get"), arg("noforce"), QStringLiteral("/same%1.bin").arg(round), arg("-")}).out));
        }
        const QJsonArray history = QJsonDocument::fromJson(runCli({arg("volume"), arg("history"), arg("noforce"), arg("--json")}).out).array();
        QCOMPARE(history.size(), 4); // created, then one put per round
        for (int i = 1; i < history.size(); ++i)
            QCOMPARE(history[i].toObject().value(arg("modified")).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(GcRaceTest)
#include "tst_gcrace.moc"
