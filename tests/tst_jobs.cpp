// Jobs as an event-driven caller (the desktop app) uses them: signals arrive in the job's
// thread wherever it was built, building a job never touches the store, and destroying a
// running job returns quickly.
#include "Chunker.h"
#include "FileDescriptor.h"
#include "Jobs.h"
#include "Repository.h"
#include "TestSupport.h"
#include "Volume.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>

using namespace trove;

class JobsTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::Sandbox> m_sandbox;
    std::shared_ptr<Repository> m_repo;

    Volume open() { return Volume::fromName(QStringLiteral("jobs"), {true, 2, std::nullopt}, m_repo); }

    // Commits `local` together with a pipe held open here, so the job reads the file but can
    // neither end nor store its last pack: `checked` receives the first progress that
    // accounts for every byte of the file, as a user sees it before the upload ends. `sent`
    // receives the progress at the end, once the pipe closed.
    void commitHeldOpen(const Volume &volume, const QString &local, ProgressSnapshot *checked, ProgressSnapshot *sent)
    {
        const qint64 size = QFileInfo(local).size();
        const QString pipe = m_sandbox->path(QStringLiteral("held.pipe"));
        QFile::remove(pipe);
        QVERIFY(::mkfifo(QFile::encodeName(pipe).constData(), 0600) == 0);
        CommitJob job(m_repo, volume.info(), {Step::file(local, QStringLiteral("model.bin")), Step::file(pipe, QStringLiteral("held.bin"))}, {});
        QSignalSpy progress(&job, &Job::progress);
        QSignalSpy finished(&job, &Job::finished);
        // Read-write, its open does not wait for a reader; closed (before the job is
        // destroyed, also when a check fails), it ends the job's read of the pipe.
        std::optional<FileDescriptor> writer = FileDescriptor::open(pipe, O_RDWR);
        job.start();
        auto allChecked = [&] {
            const auto p = progress.isEmpty() ? ProgressSnapshot() : progress.last().first().value<ProgressSnapshot>();
            return p.bytesAlreadyStored + p.bytesNew == size;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allChecked(), 30000);
        QVERIFY(job.isRunning());
        *checked = progress.last().first().value<ProgressSnapshot>();
        writer.reset();
        QVERIFY(finished.wait(30000));
        const auto result = finished.first().first().value<JobResult>();
        QVERIFY2(result.ok, qPrintable(result.error));
        *sent = progress.last().first().value<ProgressSnapshot>();
    }

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

    // Before an upload ends its progress says how much of it is new: all of a first upload.
    void firstUploadIsAllNew()
    {
        const Volume volume = open();
        const QString local = m_sandbox->path(QStringLiteral("model.bin"));
        const qint64 size = 64ll << 20;
        testing::writeFile(local, testing::randomBytes(size, 11));
        ProgressSnapshot checked, sent;
        commitHeldOpen(volume, local, &checked, &sent);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(checked.bytesNew, size);
        QCOMPARE(checked.bytesAlreadyStored, 0);
        QCOMPARE(checked.bytesTotal, size);
        QVERIFY2(sent.bytesSent >= size, qPrintable(QString::number(sent.bytesSent)));
    }

    // A checkpoint grown by 4 MiB at the end: its progress says, while it is still being
    // uploaded and before the new bytes are sent, that the rest is already stored.
    void regrownUploadShowsAlreadyStoredBeforeSending()
    {
        const Volume volume = open();
        const QString local = m_sandbox->path(QStringLiteral("model.bin"));
        const qint64 size = 64ll << 20, growth = 4ll << 20;
        testing::writeFile(local, testing::randomBytes(size, 12));
        CommitJob first(m_repo, volume.info(), {Step::file(local, QStringLiteral("model.bin"))}, {});
        QVERIFY(first.runBlocking().ok);
        QFile grown(local);
        QVERIFY(grown.open(QIODevice::Append));
        QCOMPARE(grown.write(testing::randomBytes(growth, 13)), growth);
        grown.close();

        ProgressSnapshot checked, sent;
        commitHeldOpen(volume, local, &checked, &sent);
        if (QTest::currentTestFailed())
            return;
        qInfo("re-upload of %lld bytes: %lld already stored, %lld new, %lld sent before the end",
              size + growth, checked.bytesAlreadyStored, checked.bytesNew, checked.bytesSent);
        // New: the 4 MiB and the old last chunk, which ended at the old end of the file.
        QVERIFY2(checked.bytesNew >= growth && checked.bytesNew <= growth + qint64(Chunker::MaxSize), qPrintable(QString::number(checked.bytesNew)));
        QCOMPARE(checked.bytesAlreadyStored + checked.bytesNew, size + growth);
        QVERIFY2(checked.bytesSent < checked.bytesNew, qPrintable(QString::number(checked.bytesSent))); // said before sent
        QVERIFY2(sent.bytesSent >= sent.bytesNew, qPrintable(QString::number(sent.bytesSent)));
        QCOMPARE(sent.bytesNew, checked.bytesNew);
    }

    // The destructor cancels and waits; cancellation must reach the engine within a chunk.
    void destroyingARunningJobReturnsQuickly()
    {
        const Volume volume = open();
        // 1 GiB: large enough to be still running when its first progress arrives, however
        // fast the machine (128 MiB was committed in full before that on a fast one).
        const QString local = m_sandbox->path(QStringLiteral("big.bin"));
        QFile file(local);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int block = 0; block < 32; ++block)
            QCOMPARE(file.write(testing::randomBytes(32ll << 20, 100 + quint64(block))), 32ll << 20);
        file.close();
        auto job = std::make_unique<CommitJob>(m_repo, volume.info(), QList<Step>{Step::file(local, QStringLiteral("big.bin"))}, QString());
        QSignalSpy progress(job.get(), &Job::progress);
        job->start();
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().first().value<ProgressSnapshot>().bytesDone > 0, 20000);
        QVERIFY(job->isRunning());
        QElapsedTimer clock;
        clock.start();
        job.reset();
        const qint64 ms = clock.elapsed();
        qInfo("destroying a running 1 GiB commit took %lld ms", ms);
        QVERIFY2(ms < 1500, qPrintable(QString::number(ms)));
        QCOMPARE(VersionLog(m_repo->store(), volume.info().id).head(), 1); // nothing committed
    }
};

QTEST_GUILESS_MAIN(JobsTest)
#include "tst_jobs.moc"
