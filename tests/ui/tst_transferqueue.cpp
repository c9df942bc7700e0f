// The transfer queue on the real engine and a real SQLite file: batches run, pause, resume,
// cancel, retry, and survive a restart without sending again what the store holds (uploads)
// or fetching again what the disk holds (downloads).
#include "Chunker.h"
#include "DownloadParts.h"
#include "FileDescriptor.h"
#include "Formats.h"
#include "Jobs.h"
#include "Repository.h"
#include "Store.h"
#include "StoreUrl.h"
#include "TestSupport.h"
#include "Volume.h"
#include "transfers/TransferScheduler.h"
#include "transfers/TransferStore.h"
#include "transfers/TransferView.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QApplication>
#include <QDirIterator>
#include <QProcess>
#include <QHeaderView>
#include <QPushButton>
#include <QTreeView>
#include <QSignalSpy>
#include <QtTest>
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>

using namespace trove;
using namespace trove::ui;

namespace {

// Bytes of pack objects in a local store: what uploads really wrote.
qint64 packBytes(const QString &store)
{
    qint64 total = 0;
    QDirIterator it(store + QStringLiteral("/packs"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

QByteArray sha256(const QByteArray &data) { return QCryptographicHash::hash(data, QCryptographicHash::Sha256); }

const char UploadUntilKilled[] = "--upload-until-killed";
const char DownloadUntilKilled[] = "--download-until-killed";

// A store read at a set pace (as a network store is), counting the bytes of pack ranges read.
class PacedStore : public Store
{
public:
    PacedStore(std::shared_ptr<Store> inner, qint64 bytesPerSecond) : m_inner(std::move(inner)), m_rate(bytesPerSecond) {}
    qint64 rangeBytes() const { return m_rangeBytes; }

    QString displayName() const override { return m_inner->displayName(); }
    QByteArray get(const QString &key) override { return m_inner->get(key); }
    QByteArray getRange(const QString &key, qint64 offset, qint64 length) override
    {
        if (m_rate > 0)
            QThread::msleep(quint64(length * 1000 / m_rate));
        m_rangeBytes += length;
        return m_inner->getRange(key, offset, length);
    }
    void put(const QString &key, const ObjectBody &data) override { m_inner->put(key, data); }
    bool createIfAbsent(const QString &key, const ObjectBody &data) override { return m_inner->createIfAbsent(key, data); }
    ListPage list(const QString &prefix, const QString &startAfter, int maxKeys) override { return m_inner->list(prefix, startAfter, maxKeys); }
    void remove(const QString &key) override { m_inner->remove(key); }
    std::optional<ObjectInfo> stat(const QString &key) override { return m_inner->stat(key); }

private:
    std::shared_ptr<Store> m_inner;
    qint64 m_rate;
    std::atomic<qint64> m_rangeBytes{0};
};

// The app in a child process: queues one download from a store read at 10 MB/s a request
// and runs until it is killed.
int downloadUntilKilled(const QString &database, const QString &storeUrl, const QString &volumeName, const QString &remote,
                        const QString &destination)
{
    const auto repo = std::make_shared<Repository>(std::make_shared<PacedStore>(openStore(storeUrl), 10'000'000));
    TransferScheduler scheduler(database, nullptr);
    scheduler.setRepository(storeUrl, repo);
    const Volume volume = Volume::fromName(volumeName, {}, repo);
    scheduler.enqueueDownload(volume.info(), volume.version(), remote, destination);
    return QCoreApplication::exec();
}

// Bytes a (sparse) file holds on disk.
qint64 allocatedBytes(const QString &path)
{
    struct stat st;
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? qint64(st.st_blocks) * 512 : 0;
}

// The app in a child process: queues one upload and runs until it is killed.
int uploadUntilKilled(const QString &database, const QString &storeUrl, const QString &volumeName, const QString &local)
{
    const std::shared_ptr<Repository> repo = openRepository(storeUrl);
    TransferScheduler scheduler(database, nullptr);
    scheduler.setRepository(storeUrl, repo);
    scheduler.enqueueCommit(Volume::fromName(volumeName, {}, repo).info(), {Step::file(local, QStringLiteral("weights.bin"))},
                            QStringLiteral("weights"));
    return QCoreApplication::exec();
}

} // namespace

class TransferQueueTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::Sandbox> m_sandbox;
    std::shared_ptr<Repository> m_repo;
    VolumeInfo m_volume;

    QString database() const { return m_sandbox->path(QStringLiteral("queue/transfers.sqlite")); }
    std::unique_ptr<TransferScheduler> newScheduler()
    {
        auto scheduler = std::make_unique<TransferScheduler>(database(), nullptr);
        scheduler->setRepository(m_sandbox->storeUrl(), m_repo);
        return scheduler;
    }
    Volume volume() { return Volume::fromName(m_volume.name, {}, m_repo); }
    qint64 head() { return VersionLog(m_repo->store(), m_volume.id).head(); }
    static BatchState stateOf(const TransferScheduler &s, qint64 id) { return s.batch(id)->state; }
    // A file big enough that the test can act while its commit runs.
    QString bigFile(qint64 size, quint64 seed)
    {
        const QString path = m_sandbox->path(QStringLiteral("big-%1.bin").arg(seed));
        testing::writeFile(path, testing::randomBytes(size, seed));
        return path;
    }

private slots:
    void init()
    {
        m_sandbox = std::make_unique<testing::Sandbox>();
        m_repo = m_sandbox->repository();
        m_volume = Volume::fromName(QStringLiteral("queue"), {true, 2, std::nullopt}, m_repo).info();
    }
    void cleanup()
    {
        m_repo.reset();
        m_sandbox.reset();
    }

    // The queue file is opened and read on a worker: the constructor returns before the
    // stored batches are there, and they arrive in one go, in their order.
    void queueIsReadOffTheGuiThread()
    {
        QList<qint64> ids;
        {
            auto first = newScheduler(); // no repository: the batches stay queued
            for (int i = 0; i < 200; ++i)
                ids << first->enqueueDownload(m_volume, 1, QStringLiteral("f%1").arg(i), m_sandbox->path(QStringLiteral("out")));
        }
        auto second = newScheduler();
        QSignalSpy loaded(second.get(), &TransferScheduler::loaded);
        QVERIFY(!second->isLoaded());
        QCOMPARE(second->model()->rowCount(), 0);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(second->model()->rowCount(), ids.size());
        QCOMPARE(second->model()->batchAt(0).id, ids.first());
        QCOMPARE(second->model()->batchAt(int(ids.size()) - 1).id, ids.last());

        // A batch enqueued before the queue is read still gets an id of its own.
        auto third = newScheduler();
        const qint64 early = third->enqueueDownload(m_volume, 1, QStringLiteral("early"), m_sandbox->path(QStringLiteral("out")));
        QVERIFY(!ids.contains(early));
        QCOMPARE(third->model()->rowCount(), ids.size() + 1);
    }

    void defaultQueueLivesInTheDataDirectory()
    {
        QCOMPARE(TransferStore::defaultPath(), m_sandbox->path(QStringLiteral("data/trove/desktop/transfers.sqlite")));
        {
            TransferScheduler scheduler;
            scheduler.setRepository(m_sandbox->storeUrl(), m_repo);
            scheduler.enqueueCommit(m_volume, {Step::bytes("x", QStringLiteral("x.txt"))}, {});
        }
        QVERIFY(QFile::exists(TransferStore::defaultPath()));
    }

    void commitOfRealFilesMakesOneVersion()
    {
        testing::writeFile(m_sandbox->path(QStringLiteral("in/a.txt")), "alpha");
        testing::writeFile(m_sandbox->path(QStringLiteral("in/dir/b.bin")), testing::randomBytes(300000, 1));
        testing::writeFile(m_sandbox->path(QStringLiteral("in/dir/sub/c.txt")), "gamma");
        auto scheduler = newScheduler();
        QAbstractItemModelTester tester(scheduler->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy finished(scheduler.get(), &TransferScheduler::commitFinished);
        QSignalSpy totals(scheduler.get(), &TransferScheduler::totalsChanged);
        const qint64 id = scheduler->enqueueCommit(
            m_volume, {Step::file(m_sandbox->path(QStringLiteral("in/a.txt")), QStringLiteral("top/a.txt")),
                       Step::directory(m_sandbox->path(QStringLiteral("in/dir")), QStringLiteral("top/dir"))},
            QStringLiteral("two things"));
        QCOMPARE(scheduler->model()->rowCount(), 1);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toLongLong(), id);
        const auto result = finished.first().at(1).value<JobResult>();
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.record.version, 2);
        QCOMPARE(stateOf(*scheduler, id), BatchState::Done);
        QCOMPARE(scheduler->batch(id)->resultVersion, 2);
        QVERIFY(!totals.isEmpty());
        QCOMPARE(totals.last().first().toString(), QStringLiteral("No transfers"));

        Volume v = volume();
        QCOMPARE(v.version(), 2);
        QCOMPARE(v.record().message, QStringLiteral("two things"));
        QCOMPARE(testing::readVolumeFile(v, QStringLiteral("top/a.txt")), QByteArray("alpha"));
        QCOMPARE(testing::readVolumeFile(v, QStringLiteral("top/dir/b.bin")), testing::randomBytes(300000, 1));
        QCOMPARE(testing::readVolumeFile(v, QStringLiteral("top/dir/sub/c.txt")), QByteArray("gamma"));

        // The finished row repaints within the coalescing interval, with its accessible text.
        const QModelIndex progress = scheduler->model()->index(0, TransferQueueModel::Progress);
        QTRY_COMPARE(progress.data(Qt::AccessibleTextRole).toString(), QStringLiteral("100 %, Done"));
        // A first upload sent all of it.
        QCOMPARE(scheduler->model()->index(0, TransferQueueModel::State).data().toString(),
                 QStringLiteral("Done: %1 sent").arg(formatSize(300000 + 10)));
        scheduler->clearFinished();
        QCOMPARE(scheduler->model()->rowCount(), 0);
        QVERIFY(!scheduler->batch(id));
    }

    // A re-upload of a checkpoint grown by 4 MiB says in the panel, while it is checked and
    // before the new bytes are sent, how much the store already holds and how much is new;
    // once done, what it sent.
    void regrownUploadShowsWhatIsNewBeforeSending()
    {
        const qint64 size = 32ll << 20, growth = 4ll << 20;
        const QString file = bigFile(size, 41);
        QVERIFY(CommitJob(m_repo, m_volume, {Step::file(file, QStringLiteral("model.bin"))}, {}).runBlocking().ok);
        QFile grown(file);
        QVERIFY(grown.open(QIODevice::Append));
        QCOMPARE(grown.write(testing::randomBytes(growth, 42)), growth);
        grown.close();
        // A pipe held open keeps the commit from ending (and its last pack from being stored).
        const QString pipe = m_sandbox->path(QStringLiteral("held.pipe"));
        QVERIFY(::mkfifo(QFile::encodeName(pipe).constData(), 0600) == 0);

        auto scheduler = newScheduler();
        TransferView panel(scheduler.get());
        panel.resize(1280, 170); // as wide as the window's Transfers dock
        panel.show();
        QSignalSpy finished(scheduler.get(), &TransferScheduler::commitFinished);
        // Closed before the scheduler stops the job, also when a check fails: the job's read
        // of the pipe ends.
        std::optional<FileDescriptor> writer = FileDescriptor::open(pipe, O_RDWR);
        const qint64 id = scheduler->enqueueCommit(
            m_volume, {Step::file(file, QStringLiteral("model.bin")), Step::file(pipe, QStringLiteral("held.bin"))},
            QStringLiteral("grown"));
        QTRY_VERIFY_WITH_TIMEOUT(scheduler->batch(id)->bytesAlreadyStored + scheduler->batch(id)->bytesNew == size + growth, 30000);
        const TransferBatch checking = *scheduler->batch(id);
        QCOMPARE(checking.state, BatchState::Running);
        // New: the 4 MiB and the old last chunk, which ended at the old end of the file.
        QVERIFY2(checking.bytesNew >= growth && checking.bytesNew <= growth + qint64(Chunker::MaxSize), qPrintable(QString::number(checking.bytesNew)));

        const auto *view = panel.findChild<QTreeView *>(QStringLiteral("Transfers"));
        const QModelIndex state = view->model()->index(0, TransferQueueModel::State);
        const QString text = QStringLiteral("Checking: %1 already stored, %2 new").arg(formatSize(checking.bytesAlreadyStored), formatSize(checking.bytesNew));
        QTRY_COMPARE(state.data().toString(), text);
        QVERIFY2(QRegularExpression(QStringLiteral("^Checking: (2[89]|3[0-2])\\.\\d MiB already stored, [4-8]\\.\\d MiB new$")).match(text).hasMatch(),
                 qPrintable(text));
        QCOMPARE(state.data(Qt::AccessibleTextRole).toString(), text);
        QCOMPARE(state.data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Checked 36.0 MiB of 36.0 MiB: %1 is already in the store and is not sent again; %2 is new and is sent.")
                     .arg(formatSize(checking.bytesAlreadyStored), formatSize(checking.bytesNew)));
        // It fits its column, at terabyte sizes too.
        const int widest = view->fontMetrics().horizontalAdvance(
            QStringLiteral("Checking: %1 already stored, %1 new").arg(formatSize((1ll << 40) - (1ll << 27))));
        QVERIFY2(view->header()->sectionSize(TransferQueueModel::State) > widest,
                 qPrintable(QStringLiteral("%1 <= %2").arg(view->header()->sectionSize(TransferQueueModel::State)).arg(widest)));

        writer.reset();
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.first().at(1).value<JobResult>().ok, qPrintable(finished.first().at(1).value<JobResult>().error));
        QTRY_COMPARE(state.data().toString(), QStringLiteral("Done: %1 sent, %2 already stored")
                                                  .arg(formatSize(checking.bytesNew), formatSize(checking.bytesAlreadyStored)));
        QCOMPARE(state.data(Qt::AccessibleTextRole).toString(), state.data().toString());
    }

    // Repaints coalesce: one dataChanged per dirty row, or one for all when most are dirty;
    // speeds change once a second, and a run without new bytes for 5 s says so.
    void modelCoalescesRepaintsAndShowsStalls()
    {
        TransferQueueModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (qint64 id = 1; id <= 4; ++id) {
            TransferBatch batch;
            batch.id = id;
            batch.volume = m_volume;
            batch.items = itemsFromSteps({Step::bytes("x", QStringLiteral("f%1.bin").arg(id))});
            model.addBatch(batch);
            batch.state = BatchState::Running;
            model.updateBatch(batch);
        }
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QTRY_COMPARE(changed.size(), 1); // four dirty rows of four: one signal for the table
        QCOMPARE(changed.first().at(0).toModelIndex(), model.index(0, 0));
        QCOMPARE(changed.first().at(1).toModelIndex(), model.index(3, TransferQueueModel::ColumnCount - 1));
        QCOMPARE(model.index(0, TransferQueueModel::Name).data().toString(), QStringLiteral("Upload f1.bin to queue"));

        const auto progress = [](qint64 done, double speed) {
            ProgressSnapshot p;
            p.bytesDone = done;
            p.bytesTotal = 10'000'000;
            p.bytesPerSecond = speed;
            return p;
        };
        changed.clear();
        model.setProgress(2, progress(1'000'000, 2 << 20));
        model.setProgress(2, progress(1'500'000, 9'000'000));
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex(), model.index(1, 0));
        QCOMPARE(changed.first().at(1).toModelIndex(), model.index(1, TransferQueueModel::ColumnCount - 1));
        const QModelIndex speed = model.index(1, TransferQueueModel::Speed);
        QCOMPARE(speed.data().toString(), QStringLiteral("2.0 MiB/s")); // the second sample came too soon
        QCOMPARE(model.index(1, TransferQueueModel::Progress).data(Qt::AccessibleTextRole).toString(), QStringLiteral("15 %, 2.0 MiB/s"));
        // Binary units, as the file tree shows sizes.
        QCOMPARE(model.index(1, TransferQueueModel::DoneTotal).data().toString(), QStringLiteral("1.4 MiB / 9.5 MiB"));
        QCOMPARE(model.index(1, TransferQueueModel::Eta).data().toString(), QStringLiteral("4 s"));
        QTest::qWait(1000);
        model.setProgress(2, progress(1'500'000, 3 << 20));
        QCOMPARE(speed.data().toString(), QStringLiteral("3.0 MiB/s"));
        QTest::qWait(4200); // 5 s since the bytes last grew
        model.setProgress(2, progress(1'500'000, 0));
        QCOMPARE(speed.data().toString(), QStringLiteral("stalled"));
        model.setProgress(2, progress(1'600'000, 100'000));
        QVERIFY(speed.data().toString() != QStringLiteral("stalled"));

        model.setActive(false); // a hidden view gets nothing
        changed.clear();
        model.setProgress(3, progress(10, 1));
        QTest::qWait(250);
        QVERIFY(changed.isEmpty());
        model.setActive(true);
        QCOMPARE(changed.size(), 1);
    }

    void oneCommitPerVolumeAtATime()
    {
        auto scheduler = newScheduler();
        QAbstractItemModelTester tester(scheduler->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const qint64 first = scheduler->enqueueCommit(m_volume, {Step::file(bigFile(256 << 20, 2), QStringLiteral("big.bin"))}, {});
        QSignalSpy totals(scheduler.get(), &TransferScheduler::totalsChanged);
        const qint64 second = scheduler->enqueueCommit(m_volume, {Step::bytes("small", QStringLiteral("small.txt"))}, {});
        QTRY_COMPARE(stateOf(*scheduler, first), BatchState::Running);
        QCOMPARE(stateOf(*scheduler, second), BatchState::Queued);
        QTRY_VERIFY(!totals.isEmpty() && totals.last().first().toString().startsWith(QStringLiteral("2 transfers, ")));
        QVERIFY2(QRegularExpression(QStringLiteral("^2 transfers, \\d+ %, [0-9.]+ (bytes|[KMGT]iB)/s$")).match(totals.last().first().toString()).hasMatch(),
                 qPrintable(totals.last().first().toString()));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*scheduler, second), BatchState::Done, 60000);
        QCOMPARE(stateOf(*scheduler, first), BatchState::Done);
        QCOMPARE(scheduler->batch(first)->resultVersion, 2);
        QCOMPARE(scheduler->batch(second)->resultVersion, 3);
    }

    void pauseResumeAndCancel()
    {
        auto scheduler = newScheduler();
        QAbstractItemModelTester tester(scheduler->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy finished(scheduler.get(), &TransferScheduler::commitFinished);
        // Stopped as soon as it runs: a local upload of 96 MiB can end within one progress
        // sample, before any byte count is seen.
        const qint64 id = scheduler->enqueueCommit(m_volume, {Step::file(bigFile(96 << 20, 3), QStringLiteral("big.bin"))}, {});
        QTRY_COMPARE(stateOf(*scheduler, id), BatchState::Running);
        scheduler->pause(id);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*scheduler, id), BatchState::Paused, 10000);
        QVERIFY(finished.isEmpty()); // a pause is no outcome
        QCOMPARE(head(), 1);
        QCOMPARE(scheduler->model()->index(0, TransferQueueModel::State).data(Qt::AccessibleTextRole).toString(), QStringLiteral("Paused"));

        scheduler->resume(id);
        QVERIFY(finished.wait(60000));
        QCOMPARE(stateOf(*scheduler, id), BatchState::Done);
        QCOMPARE(scheduler->batch(id)->attempts, 1);
        QCOMPARE(head(), 2);

        // Cancelling a running batch commits nothing and reports it.
        const qint64 running = scheduler->enqueueCommit(m_volume, {Step::file(bigFile(96 << 20, 4), QStringLiteral("other.bin"))}, {});
        const qint64 queued = scheduler->enqueueCommit(m_volume, {Step::bytes("q", QStringLiteral("q.txt"))}, {});
        QTRY_COMPARE(stateOf(*scheduler, running), BatchState::Running);
        scheduler->cancel(queued);
        QCOMPARE(stateOf(*scheduler, queued), BatchState::Cancelled);
        scheduler->cancel(running);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.last().at(0).toLongLong(), running);
        QVERIFY(!finished.last().at(1).value<JobResult>().ok);
        QCOMPARE(stateOf(*scheduler, running), BatchState::Cancelled);
        QTest::qWait(300); // the cancelled queued batch must not start either
        QCOMPARE(head(), 2);
        QVERIFY(!volume().stat(QStringLiteral("q.txt")));
    }

    void retryOfAFailedBatch()
    {
        const QString local = m_sandbox->path(QStringLiteral("later.txt"));
        auto scheduler = newScheduler();
        QSignalSpy finished(scheduler.get(), &TransferScheduler::commitFinished);
        const qint64 id = scheduler->enqueueCommit(m_volume, {Step::file(local, QStringLiteral("later.txt"))}, {});
        QVERIFY(finished.wait(30000));
        QCOMPARE(stateOf(*scheduler, id), BatchState::Failed);
        const QString reason = scheduler->batch(id)->errorText;
        QVERIFY2(reason.contains(QStringLiteral("later.txt")), qPrintable(reason));
        QTRY_COMPARE(scheduler->model()->index(0, TransferQueueModel::State).data().toString(), QStringLiteral("Failed: ") + reason);

        testing::writeFile(local, "now it exists");
        scheduler->retry(id);
        QVERIFY(finished.wait(30000));
        QCOMPARE(stateOf(*scheduler, id), BatchState::Done);
        QCOMPARE(scheduler->batch(id)->attempts, 1);
        QVERIFY(scheduler->batch(id)->errorText.isEmpty());
        Volume v = volume();
        QCOMPARE(testing::readVolumeFile(v, QStringLiteral("later.txt")), QByteArray("now it exists"));
    }

    void downloadsRunAndReportTheirFile()
    {
        const QByteArray bytes = testing::randomBytes(2 << 20, 5);
        Volume v = volume();
        v.putData(bytes, QStringLiteral("d/file.bin"));
        v.commit();
        auto scheduler = newScheduler();
        QSignalSpy finished(scheduler.get(), &TransferScheduler::downloadFinished);
        const QString dest = m_sandbox->path(QStringLiteral("downloads"));
        QDir().mkpath(dest);
        const qint64 id = scheduler->enqueueDownload(m_volume, v.version(), QStringLiteral("d/file.bin"), dest);
        QVERIFY(finished.wait(30000));
        QVERIFY(finished.first().at(1).value<JobResult>().ok);
        QCOMPARE(stateOf(*scheduler, id), BatchState::Done);
        QCOMPARE(scheduler->batch(id)->resultPath, dest + QStringLiteral("/file.bin"));
        QCOMPARE(testing::readFile(dest + QStringLiteral("/file.bin")), bytes);

        // Two downloads per store at a time: watched at every pass of the event loop.
        v.putData(testing::randomBytes(48 << 20, 6), QStringLiteral("d/big.bin"));
        v.commit();
        QList<qint64> ids;
        for (int i = 0; i < 4; ++i) {
            const QString into = m_sandbox->path(QStringLiteral("many/%1").arg(i));
            QDir().mkpath(into);
            ids.append(scheduler->enqueueDownload(m_volume, v.version(), QStringLiteral("d/big.bin"), into));
        }
        int mostRunning = 0;
        QTimer watch;
        connect(&watch, &QTimer::timeout, this, [&] {
            const auto running = std::count_if(ids.cbegin(), ids.cend(), [&](qint64 i) { return stateOf(*scheduler, i) == BatchState::Running; });
            mostRunning = std::max(mostRunning, int(running));
        });
        watch.start(0);
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(ids.cbegin(), ids.cend(), [&](qint64 i) { return stateOf(*scheduler, i) == BatchState::Done; }), 60000);
        QCOMPARE(mostRunning, 2);
    }

    void panelButtonsFollowTheSelectedRow()
    {
        const QString missing = m_sandbox->path(QStringLiteral("missing.txt"));
        auto scheduler = newScheduler();
        QSignalSpy finished(scheduler.get(), &TransferScheduler::commitFinished);
        const qint64 failed = scheduler->enqueueCommit(m_volume, {Step::file(missing, QStringLiteral("missing.txt"))}, {});
        QVERIFY(finished.wait(30000));
        const qint64 done = scheduler->enqueueCommit(m_volume, {Step::bytes("ok", QStringLiteral("ok.txt"))}, {});
        QVERIFY(finished.wait(30000));
        QCOMPARE(stateOf(*scheduler, failed), BatchState::Failed);
        QCOMPARE(stateOf(*scheduler, done), BatchState::Done);

        auto panel = std::make_unique<TransferView>(scheduler.get());
        panel->resize(900, 300);
        panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(panel.get()));
        auto *view = panel->findChild<QTreeView *>(QStringLiteral("Transfers"));
        QVERIFY(view);
        QCOMPARE(view->accessibleName(), QStringLiteral("Transfers"));
        QCOMPARE(view->header()->sectionResizeMode(0), QHeaderView::Interactive);
        const QStringList labels{QStringLiteral("Pause"), QStringLiteral("Resume"), QStringLiteral("Cancel"),
                                 QStringLiteral("Retry"), QStringLiteral("Clear Finished")};
        QHash<QString, QPushButton *> buttons;
        for (QPushButton *b : panel->findChildren<QPushButton *>()) {
            QCOMPARE(b->accessibleName(), b->text());
            buttons.insert(b->text(), b);
        }
        QCOMPARE(QStringList(buttons.keys()).size(), labels.size());
        for (const QString &label : labels)
            QVERIFY2(buttons.contains(label), qPrintable(label));
        // Every cell the view paints has a text for assistive tools; the progress bar always paints.
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            for (int column = 0; column < TransferQueueModel::ColumnCount; ++column) {
                const QModelIndex index = view->model()->index(row, column);
                if (column == TransferQueueModel::Progress || !index.data().toString().isEmpty())
                    QVERIFY(!index.data(Qt::AccessibleTextRole).toString().isEmpty());
            }
        }

        const auto select = [&](qint64 id) {
            view->selectionModel()->clearSelection();
            for (int row = 0; row < view->model()->rowCount(); ++row) {
                const QModelIndex index = view->model()->index(row, 0);
                if (index.data(TransferQueueModel::BatchIdRole).toLongLong() == id)
                    view->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
            }
        };
        select(failed);
        QVERIFY(!buttons[QStringLiteral("Pause")]->isEnabled());
        QVERIFY(!buttons[QStringLiteral("Resume")]->isEnabled());
        QVERIFY(buttons[QStringLiteral("Cancel")]->isEnabled());
        QVERIFY(buttons[QStringLiteral("Retry")]->isEnabled());
        QVERIFY(buttons[QStringLiteral("Clear Finished")]->isEnabled());
        testing::writeFile(missing, "here now");
        QTest::mouseClick(buttons[QStringLiteral("Retry")], Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QCOMPARE(stateOf(*scheduler, failed), BatchState::Done);
        // The row repaints within the coalescing interval; the buttons follow it.
        QTRY_VERIFY(!buttons[QStringLiteral("Cancel")]->isEnabled());
        QVERIFY(!buttons[QStringLiteral("Retry")]->isEnabled());

        QTest::mouseClick(buttons[QStringLiteral("Clear Finished")], Qt::LeftButton);
        QCOMPARE(view->model()->rowCount(), 0);
        QVERIFY(!buttons[QStringLiteral("Clear Finished")]->isEnabled());

        // Column widths the user set come back in the next panel.
        view->header()->resizeSection(TransferQueueModel::Name, 333);
        panel.reset(); // saves the header
        panel = std::make_unique<TransferView>(scheduler.get());
        QCOMPARE(panel->findChild<QTreeView *>(QStringLiteral("Transfers"))->header()->sectionSize(TransferQueueModel::Name), 333);

        // Done / Total shows a finished 1 GiB batch whole, even after a saved narrow layout.
        TransferBatch gib;
        gib.id = 999;
        gib.kind = TransferKind::Download;
        gib.volume = m_volume;
        gib.state = BatchState::Done;
        gib.bytesDone = gib.bytesTotal = 1ll << 30;
        scheduler->model()->addBatch(gib);
        view = panel->findChild<QTreeView *>(QStringLiteral("Transfers"));
        view->header()->resizeSection(TransferQueueModel::DoneTotal, 40);
        panel.reset();
        panel = std::make_unique<TransferView>(scheduler.get());
        view = panel->findChild<QTreeView *>(QStringLiteral("Transfers"));
        const QModelIndex doneTotal = view->model()->index(view->model()->rowCount() - 1, TransferQueueModel::DoneTotal);
        QCOMPARE(doneTotal.data().toString(), QStringLiteral("1.0 GiB / 1.0 GiB"));
        QVERIFY(view->header()->sectionSize(TransferQueueModel::DoneTotal) > view->fontMetrics().horizontalAdvance(QStringLiteral("1023.9 GiB / 1023.9 GiB")));
    }

    // Every kind of step survives the file; a batch the app left running runs again.
    void runningBatchesRunAgainAfterACrash()
    {
        Volume v = volume();
        v.putData("to remove", QStringLiteral("gone.txt"));
        v.putData("to copy", QStringLiteral("src.txt"));
        v.commit();
        const std::optional<TreeEntry> old = v.stat(QStringLiteral("src.txt"));
        QVERIFY(old);
        testing::writeFile(m_sandbox->path(QStringLiteral("local.txt")), "local");
        {
            TransferStore store(database());
            QVERIFY(store.persistent());
            QVERIFY(store.load().isEmpty());
            TransferBatch batch;
            batch.id = store.nextId();
            batch.storeUrl = m_sandbox->storeUrl();
            batch.volume = m_volume;
            batch.state = BatchState::Running; // as a killed app leaves it
            batch.items = itemsFromSteps({Step::file(m_sandbox->path(QStringLiteral("local.txt")), QStringLiteral("local.txt")),
                                          Step::bytes("data", QStringLiteral("data.txt")),
                                          Step::of(Change::remove(QStringLiteral("gone.txt"), false)),
                                          Step::of(Change::copy(QStringLiteral("src.txt"), QStringLiteral("copy.txt"), false)),
                                          Step::of(Change::put(QStringLiteral("restored.txt"), *old))});
            store.save(batch, true);
        }
        auto scheduler = newScheduler();
        QSignalSpy finished(scheduler.get(), &TransferScheduler::commitFinished);
        QVERIFY(finished.wait(30000));
        QCOMPARE(scheduler->model()->rowCount(), 1);
        const qint64 id = scheduler->model()->batchAt(0).id;
        QVERIFY2(finished.first().at(1).value<JobResult>().ok, qPrintable(finished.first().at(1).value<JobResult>().error));
        QCOMPARE(stateOf(*scheduler, id), BatchState::Done);
        v.reload();
        QCOMPARE(testing::readVolumeFile(v, QStringLiteral("local.txt")), QByteArray("local"));
        QCOMPARE(testing::readVolumeFile(v, QStringLiteral("data.txt")), QByteArray("data"));
        QCOMPARE(testing::readVolumeFile(v, QStringLiteral("copy.txt")), QByteArray("to copy"));
        QCOMPARE(testing::readVolumeFile(v, QStringLiteral("restored.txt")), QByteArray("to copy"));
        QVERIFY(!v.stat(QStringLiteral("gone.txt")));
    }

    // A stored step that no longer decodes fails its batch, and the window waiting on the
    // commit hears of it like any other failed commit.
    void undecodableStepFailsTheCommit()
    {
        qint64 id = 0;
        {
            TransferStore store(database());
            TransferBatch batch;
            batch.id = id = store.nextId();
            batch.storeUrl = m_sandbox->storeUrl();
            batch.volume = m_volume;
            batch.state = BatchState::Queued;
            batch.items = {{QStringLiteral("put-entry"), {}, QStringLiteral("entry.txt"), {}, "not a tree", false, true, 0}};
            store.save(batch, true);
        }
        auto scheduler = newScheduler();
        QSignalSpy finished(scheduler.get(), &TransferScheduler::commitFinished);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toLongLong(), id);
        const JobResult result = finished.first().at(1).value<JobResult>();
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QString::number(id)), qPrintable(result.error));
        QCOMPARE(stateOf(*scheduler, id), BatchState::Failed);
    }

    // The app quits in the middle of a 200 MiB upload; the next start finishes it and stores
    // only what the first run had not.
    void resumeAfterRestartSendsOnlyTheRest()
    {
        constexpr qint64 Size = 200ll << 20;
        const QString local = bigFile(Size, 6);
        const QByteArray expected = sha256(testing::readFile(local));
        qint64 id = 0;
        qint64 storedAtStop = 0;
        {
            auto first = newScheduler();
            id = first->enqueueCommit(m_volume, {Step::file(local, QStringLiteral("weights.bin"))}, QStringLiteral("weights"));
            // Quit once the first pack is stored: the packs in flight then (up to 4 x 16 MiB)
            // still land, and a local store takes 50 MiB between two looks of this loop.
            QTRY_VERIFY_WITH_TIMEOUT(packBytes(m_sandbox->storePath()) > 0, 120000);
            QVERIFY(first->batch(id)->state == BatchState::Running);
        } // quits: cancel, wait, keep the batch queued
        storedAtStop = packBytes(m_sandbox->storePath());
        QCOMPARE(head(), 1);
        QVERIFY2(storedAtStop < Size, "the first run finished before the quit");

        auto second = newScheduler();
        BatchState atLoad = BatchState::Running;
        connect(second.get(), &TransferScheduler::loaded, this, [&] { atLoad = stateOf(*second, id); });
        QSignalSpy finished(second.get(), &TransferScheduler::commitFinished);
        QTRY_VERIFY(second->isLoaded());
        QCOMPARE(atLoad, BatchState::Queued);
        QVERIFY(finished.wait(120000));
        const auto result = finished.first().at(1).value<JobResult>();
        QVERIFY2(result.ok, qPrintable(result.error));
        const qint64 storedAtEnd = packBytes(m_sandbox->storePath());
        const qint64 bytesSent = storedAtEnd - storedAtStop;
        qInfo("200 MiB upload: %lld bytes stored before the quit, %lld by the resumed run (%.1f %% of the file), %lld in all",
              storedAtStop, bytesSent, 100.0 * double(bytesSent) / double(Size), storedAtEnd);
        // The resumed run stores the rest, plus at most the packs in flight at the quit.
        QVERIFY2(bytesSent <= Size - storedAtStop + (48ll << 20), qPrintable(QString::number(bytesSent)));
        QVERIFY(storedAtEnd < Size + (48ll << 20));
        Volume v = volume();
        QCOMPARE(v.version(), 2);
        QCOMPARE(sha256(testing::readVolumeFile(v, QStringLiteral("weights.bin"))), expected);
    }

    // The same after SIGKILL, for an upload that reads its file at about 40 MB/s, as a network
    // upload goes: the queue still says Running, and the journal knows every chunk stored more
    // than about a second before the kill. The file is a pipe, so the test sets the pace and
    // feeds the same bytes to the rerun.
    void resumeAfterKillSendsOnlyTheRest()
    {
        constexpr qint64 Size = 200ll << 20;
        constexpr qint64 Piece = 4ll << 20;
        const QByteArray content = testing::randomBytes(Size, 7);
        const QString fifo = m_sandbox->path(QStringLiteral("weights.pipe"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        ::signal(SIGPIPE, SIG_IGN);
        QProcess app;
        app.setProcessChannelMode(QProcess::ForwardedChannels);
        app.start(QCoreApplication::applicationFilePath(),
                  {QString::fromLatin1(UploadUntilKilled), database(), m_sandbox->storeUrl(), m_volume.name, fifo});
        QVERIFY(app.waitForStarted());
        {
            QFile pipe(fifo);
            QVERIFY(pipe.open(QIODevice::WriteOnly)); // waits for the upload to open it
            qint64 written = 0;
            while (packBytes(m_sandbox->storePath()) < Size / 2) {
                QVERIFY2(written < Size, "the upload stored too little of what it read");
                QCOMPARE(pipe.write(content.mid(written, Piece)), Piece);
                pipe.flush();
                written += Piece;
                QTest::qWait(100);
            }
            app.kill();
            QVERIFY(app.waitForFinished(10000));
        }
        const qint64 storedAtKill = packBytes(m_sandbox->storePath());
        QCOMPARE(head(), 1);
        {
            TransferStore store(database());
            const QList<TransferBatch> batches = store.load();
            QCOMPARE(batches.size(), 1);
            QCOMPARE(batches.first().state, BatchState::Running);
        }

        auto scheduler = newScheduler();
        BatchState atLoad = BatchState::Running;
        connect(scheduler.get(), &TransferScheduler::loaded, this, [&] { atLoad = scheduler->model()->batchAt(0).state; });
        QSignalSpy finished(scheduler.get(), &TransferScheduler::commitFinished);
        QTRY_VERIFY(scheduler->isLoaded());
        QCOMPARE(scheduler->model()->rowCount(), 1);
        QCOMPARE(atLoad, BatchState::Queued);
        QTRY_COMPARE(scheduler->model()->batchAt(0).state, BatchState::Running);
        {
            QFile pipe(fifo);
            QVERIFY(pipe.open(QIODevice::WriteOnly));
            QCOMPARE(pipe.write(content), Size);
        }
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.first().at(1).value<JobResult>().ok, qPrintable(finished.first().at(1).value<JobResult>().error));
        const qint64 storedAtEnd = packBytes(m_sandbox->storePath());
        const qint64 rerun = storedAtEnd - storedAtKill;
        qInfo("200 MiB upload killed: %lld bytes stored before SIGKILL, %lld by the rerun (%.1f %% of the file), %lld in all",
              storedAtKill, rerun, 100.0 * double(rerun) / double(Size), storedAtEnd);
        // What was stored in the last second before the kill is stored again: at 40 MB/s
        // about 40 MB, plus the packs in flight.
        QVERIFY2(rerun <= Size - storedAtKill + (64ll << 20), qPrintable(QString::number(rerun)));
        Volume v = volume();
        QCOMPARE(v.version(), 2);
        QCOMPARE(sha256(testing::readVolumeFile(v, QStringLiteral("weights.bin"))), sha256(content));
    }

    // The app killed (SIGKILL) in the middle of a 200 MiB download: at the next start the
    // batch runs again, keeps what its part holds and reads only the rest from the store.
    void downloadResumesAfterKill()
    {
        constexpr qint64 Size = 200ll << 20;
        const QByteArray content = testing::randomBytes(Size, 8);
        Volume v = volume();
        v.putData(content, QStringLiteral("weights.bin"));
        v.commit();
        const QString dest = m_sandbox->path(QStringLiteral("downloads"));
        QDir().mkpath(dest);
        const QString part = parts::path(dest + QStringLiteral("/weights.bin"),
                                         parts::contentId(m_repo->chunksOf(*v.stat(QStringLiteral("weights.bin")))));
        QProcess app;
        app.setProcessChannelMode(QProcess::ForwardedChannels);
        app.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(DownloadUntilKilled), database(), m_sandbox->storeUrl(),
                                                           m_volume.name, QStringLiteral("weights.bin"), dest});
        QVERIFY(app.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(allocatedBytes(part) >= Size / 2 || app.state() == QProcess::NotRunning, 60000);
        QVERIFY2(app.state() == QProcess::Running, "the download ended before it could be killed");
        app.kill();
        QVERIFY(app.waitForFinished(10000));
        const qint64 onDiskAtKill = allocatedBytes(part);
        QVERIFY(!QFile::exists(dest + QStringLiteral("/weights.bin")));

        auto paced = std::make_shared<PacedStore>(openStore(m_sandbox->storeUrl()), 0);
        auto scheduler = std::make_unique<TransferScheduler>(database(), nullptr);
        scheduler->setRepository(m_sandbox->storeUrl(), std::make_shared<Repository>(paced));
        QSignalSpy finished(scheduler.get(), &TransferScheduler::downloadFinished);
        QVERIFY(finished.wait(60000));
        const JobResult result = finished.first().at(1).value<JobResult>();
        QVERIFY2(result.ok, qPrintable(result.error));
        qInfo("200 MiB download killed with %lld bytes in its part; the rerun read %lld bytes of packs", onDiskAtKill, paced->rangeBytes());
        // Read again: what the first run had not written, and gaps under 1 MiB between it.
        QVERIFY2(paced->rangeBytes() <= Size - onDiskAtKill + (4ll << 20), qPrintable(QString::number(paced->rangeBytes())));
        QCOMPARE(sha256(testing::readFile(dest + QStringLiteral("/weights.bin"))), sha256(content));
        QVERIFY(!QFile::exists(part));
    }
};

int main(int argc, char **argv)
{
    // Settings (the panel's column widths) go to a directory of the test's own.
    const QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
    QApplication app(argc, argv);
    if (argc == 7 && qstrcmp(argv[1], DownloadUntilKilled) == 0)
        return downloadUntilKilled(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]), QString::fromLocal8Bit(argv[4]),
                                   QString::fromLocal8Bit(argv[5]), QString::fromLocal8Bit(argv[6]));
    if (argc == 6 && qstrcmp(argv[1], UploadUntilKilled) == 0)
        return uploadUntilKilled(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]), QString::fromLocal8Bit(argv[4]),
                                 QString::fromLocal8Bit(argv[5]));
    TransferQueueTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_transferqueue.moc"
