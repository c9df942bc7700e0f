// Jobs as an event-driven caller (the desktop app) uses them: signals arrive in the job's
// thread wherever it was built, building a job never touches the store, and destroying a
// running job returns quickly.
#include "Jobs.h"
#include "Repository.h"
#include "TestSupport.h"
#include "Volume.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>
#include <thread>

using namespace trove;

class JobsTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::Sandbox> m_sandbox;
    std::shared_ptr<Repository> m_repo;

    Volume open() { return Volume::fromName(QStringLiteral("jobs"), {true, 2, std::nullopt}, m_repo); }

private slots:
    void init()
    {
        m_sandbox = std::make_unique<testing::Sandbox>();
        m_repo = m_sandbox->repository();
    }
    void cleanup()
    {
        m_repo.reset();
        m_sandbox.reset();
    }

    void builtOnAnotherThreadAndMovedHereEmits()
    {
        const Volume volume = open();
        std::unique_ptr<CommitJob> job;
        QThread *gui = QThread::currentThread();
        std::thread worker([&] {
            job = std::make_unique<CommitJob>(m_repo, volume.info(), QList<Step>{Step::bytes("moved", QStringLiteral("a.txt"))},
                                              QStringLiteral("from a worker"));
            job->moveToThread(gui);
        });
        worker.join();
        QSignalSpy progress(job.get(), &Job::progress);
        QSignalSpy finished(job.get(), &Job::finished);
        job->start();
        QVERIFY(finished.wait(20000));
        QVERIFY(!progress.isEmpty());
        const auto result = finished.first().first().value<JobResult>();
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.record.version, 2);
    }

    void startFromAnotherThreadRunsInTheJobsThread()
    {
        const Volume volume = open();
        CommitJob job(m_repo, volume.info(), {Step::bytes("queued", QStringLiteral("b.txt"))}, {});
        QSignalSpy finished(&job, &Job::finished);
        std::thread([&] { job.start(); }).join();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.size(), 1);
        QVERIFY(finished.first().first().value<JobResult>().ok);
    }

    void downloadJobLooksUpWhenItRuns()
    {
        Volume volume = open();
        std::unique_ptr<DownloadJob> job;
        try {
            job = volume.downloadJob(QStringLiteral("missing/file.bin"), m_sandbox->path(QStringLiteral("out")));
        } catch (const Error &e) {
            QFAIL(qPrintable(QStringLiteral("building the job looked the path up: ") + e.message()));
        }
        QSignalSpy finished(job.get(), &Job::finished);
        job->start();
        QVERIFY(finished.wait(20000));
        const auto result = finished.first().first().value<JobResult>();
        QVERIFY(!result.ok);
        QCOMPARE(result.errorKind, Error::Kind::NotFound);
        QVERIFY(result.error.contains(QStringLiteral("missing/file.bin")));
    }

    // The destructor cancels and waits; cancellation must reach the engine within a chunk.
    void destroyingARunningJobReturnsQuickly()
    {
        const Volume volume = open();
        const QString local = m_sandbox->path(QStringLiteral("big.bin"));
        testing::writeFile(local, testing::randomBytes(128ll << 20, 7));
        auto job = std::make_unique<CommitJob>(m_repo, volume.info(), QList<Step>{Step::file(local, QStringLiteral("big.bin"))}, QString());
        QSignalSpy progress(job.get(), &Job::progress);
        job->start();
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().first().value<ProgressSnapshot>().bytesDone > 0, 20000);
        QVERIFY(job->isRunning());
        QElapsedTimer clock;
        clock.start();
        job.reset();
        const qint64 ms = clock.elapsed();
        qInfo("destroying a running 128 MiB commit took %lld ms", ms);
        QVERIFY2(ms < 1500, qPrintable(QString::number(ms)));
        QCOMPARE(VersionLog(m_repo->store(), volume.info().id).head(), 1); // nothing committed
    }
};

QTEST_GUILESS_MAIN(JobsTest)
#include "tst_jobs.moc"
