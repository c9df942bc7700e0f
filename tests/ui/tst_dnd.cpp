// Drag and drop on real files and a real store: dropped URLs become upload steps into the
// right folder, and entries dragged out arrive as local files with their exact bytes.
#include "Repository.h"
#include "TestSupport.h"
#include "Volume.h"
#include "dnd/DragExporter.h"
#include "dnd/DropPlanner.h"
#include "dnd/RemoteMimeData.h"
#include "transfers/TransferScheduler.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QWindow>
#include <QtTest>
#include <sys/time.h>

using namespace trove;
using namespace trove::ui;

class DndTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::Sandbox> m_sandbox;
    std::shared_ptr<Repository> m_repo;
    VolumeInfo m_volume;

    QString local(const QString &relative) const { return m_sandbox->path(QStringLiteral("local/") + relative); }
    std::unique_ptr<TransferScheduler> newScheduler()
    {
        auto scheduler = std::make_unique<TransferScheduler>(m_sandbox->path(QStringLiteral("queue.sqlite")), nullptr);
        scheduler->setRepository(m_sandbox->storeUrl(), m_repo);
        return scheduler;
    }
    RemoteEntries entries(const QStringList &paths, qint64 totalBytes)
    {
        return {m_sandbox->storeUrl(), m_volume, VersionLog(m_repo->store(), m_volume.id).head(), paths, totalBytes};
    }

private slots:
    void init()
    {
        m_sandbox = std::make_unique<testing::Sandbox>();
        m_repo = m_sandbox->repository();
        m_volume = Volume::fromName(QStringLiteral("dnd"), {true, 2, std::nullopt}, m_repo).info();
        testing::writeFile(local(QStringLiteral("a.txt")), "alpha");
        testing::writeFile(local(QStringLiteral("folder/b.txt")), "beta");
        testing::writeFile(local(QStringLiteral("folder/sub/c.bin")), testing::randomBytes(70000, 1));
    }
    void cleanup()
    {
        m_repo.reset();
        m_sandbox.reset();
    }

    void plannerMapsFilesAndFoldersIntoTheTarget()
    {
        const QList<QUrl> urls{QUrl::fromLocalFile(local(QStringLiteral("a.txt"))),
                               QUrl::fromLocalFile(local(QStringLiteral("folder")) + QLatin1Char('/'))};
        const DropPlan plan = DropPlanner::plan(urls, QStringLiteral("models/v1/"), {{QStringLiteral("a.txt"), false}, {QStringLiteral("other"), true}});
        QVERIFY2(plan.error.isEmpty(), qPrintable(plan.error));
        QVERIFY(plan.isValid());
        QCOMPARE(plan.steps.size(), 2);
        QCOMPARE(plan.steps[0].kind, Step::Kind::File);
        QCOMPARE(plan.steps[0].local, local(QStringLiteral("a.txt")));
        QCOMPARE(plan.steps[0].remote, QStringLiteral("models/v1/a.txt"));
        QCOMPARE(plan.steps[1].kind, Step::Kind::Directory);
        QCOMPARE(plan.steps[1].local, local(QStringLiteral("folder")));
        QCOMPARE(plan.steps[1].remote, QStringLiteral("models/v1/folder"));
        QCOMPARE(plan.clashes, QStringList{QStringLiteral("models/v1/a.txt")});
        const DropPlan skipping = plan.withoutClashes();
        QCOMPARE(skipping.steps.size(), 1);
        QCOMPARE(skipping.steps[0].remote, QStringLiteral("models/v1/folder"));
    }

    void clashAnswersReplaceSkipOrKeepBoth()
    {
        testing::writeFile(local(QStringLiteral("elsewhere/a.txt")), "another alpha");
        const QList<QUrl> urls{QUrl::fromLocalFile(local(QStringLiteral("a.txt"))), QUrl::fromLocalFile(local(QStringLiteral("folder"))),
                               QUrl::fromLocalFile(local(QStringLiteral("elsewhere/a.txt")))};
        // The folder holds a.txt, a (2).txt and a folder named "folder".
        const QHash<QString, bool> existing{{QStringLiteral("a.txt"), false}, {QStringLiteral("a (2).txt"), false}, {QStringLiteral("folder"), true}};
        const DropPlan plan = DropPlanner::plan(urls, QStringLiteral("in"), existing);
        QCOMPARE(plan.clashes, (QStringList{QStringLiteral("in/a.txt"), QStringLiteral("in/folder"), QStringLiteral("in/a.txt")}));

        const DropPlan both = plan.resolved({ClashAnswer::KeepBoth, ClashAnswer::KeepBoth, ClashAnswer::KeepBoth});
        QStringList remotes;
        for (const Step &step : both.steps)
            remotes << step.remote;
        QCOMPARE(remotes, (QStringList{QStringLiteral("in/a (3).txt"), QStringLiteral("in/folder (2)"), QStringLiteral("in/a (4).txt")}));
        QVERIFY(both.replaced.isEmpty());

        const DropPlan replacing = plan.resolved({ClashAnswer::Replace, ClashAnswer::Replace, ClashAnswer::Skip});
        QCOMPARE(replacing.replaced, QStringList{QStringLiteral("in/folder")}); // a file over a file just overwrites
        QCOMPARE(replacing.steps.size(), 2);
        QCOMPARE(replacing.steps[0].local, local(QStringLiteral("a.txt")));
        QCOMPARE(replacing.steps[1].kind, Step::Kind::Directory);

        // Of two dropped items with one name, Replace keeps the later.
        const DropPlan later = plan.resolved({ClashAnswer::Skip, ClashAnswer::Skip, ClashAnswer::Replace});
        QCOMPARE(later.steps.size(), 1);
        QCOMPARE(later.steps[0].local, local(QStringLiteral("elsewhere/a.txt")));
        QCOMPARE(later.steps[0].remote, QStringLiteral("in/a.txt"));

        QCOMPARE(DropPlanner::freeName(QStringLiteral(".bashrc"), {}), QStringLiteral(".bashrc (2)"));
        QCOMPARE(DropPlanner::freeName(QStringLiteral("model.tar.gz"), {}), QStringLiteral("model (2).tar.gz"));
    }

    void plannerReportsNamesDroppedTwice()
    {
        testing::writeFile(local(QStringLiteral("elsewhere/a.txt")), "another alpha");
        const DropPlan plan = DropPlanner::plan({QUrl::fromLocalFile(local(QStringLiteral("a.txt"))),
                                                 QUrl::fromLocalFile(local(QStringLiteral("elsewhere/a.txt")))},
                                                {}, {});
        QCOMPARE(plan.steps.size(), 2);
        QCOMPARE(plan.clashes, QStringList{QStringLiteral("a.txt")});
    }

    void plannerRefusesWhatIsNotALocalFile()
    {
        const QUrl web(QStringLiteral("https://example.com/model.bin"));
        DropPlan plan = DropPlanner::plan({QUrl::fromLocalFile(local(QStringLiteral("a.txt"))), web}, {}, {});
        QVERIFY(!plan.isValid());
        QVERIFY(plan.steps.isEmpty());
        QVERIFY2(plan.error.contains(web.toDisplayString()), qPrintable(plan.error));

        plan = DropPlanner::plan({QUrl::fromLocalFile(local(QStringLiteral("vanished.txt")))}, {}, {});
        QVERIFY(!plan.isValid());
        QVERIFY2(plan.error.contains(QStringLiteral("vanished.txt")), qPrintable(plan.error));

        plan = DropPlanner::plan({QUrl::fromLocalFile(local(QStringLiteral("a.txt")))}, QStringLiteral("../outside"), {});
        QVERIFY(!plan.isValid());
        QVERIFY(!plan.error.isEmpty());
    }

    // What a drop from a file manager carries, planned and committed as one batch.
    void droppedUrlsCommitIntoTheFolder()
    {
        QMimeData dropped;
        dropped.setUrls({QUrl::fromLocalFile(local(QStringLiteral("a.txt"))), QUrl::fromLocalFile(local(QStringLiteral("folder")))});
        const DropPlan plan = DropPlanner::plan(dropped.urls(), QStringLiteral("in"), {});
        QVERIFY(plan.isValid());
        auto scheduler = newScheduler();
        QSignalSpy finished(scheduler.get(), &TransferScheduler::commitFinished);
        scheduler->enqueueCommit(m_volume, plan.steps, QStringLiteral("dropped"));
        QVERIFY(finished.wait(30000));
        QVERIFY(finished.first().at(1).value<JobResult>().ok);
        Volume v = Volume::fromName(m_volume.name, {}, m_repo);
        QCOMPARE(v.version(), 2);
        QCOMPARE(testing::readVolumeFile(v, QStringLiteral("in/a.txt")), QByteArray("alpha"));
        QCOMPARE(testing::readVolumeFile(v, QStringLiteral("in/folder/b.txt")), QByteArray("beta"));
        QCOMPARE(testing::readVolumeFile(v, QStringLiteral("in/folder/sub/c.bin")), testing::randomBytes(70000, 1));
    }

    void draggedOutEntriesArriveAsFiles()
    {
        const QByteArray bytes = testing::randomBytes(3 << 20, 2);
        Volume v = Volume::fromName(m_volume.name, {}, m_repo);
        v.putData(bytes, QStringLiteral("models/weights.bin"));
        v.putData("readme", QStringLiteral("docs/README"));
        v.putData("other readme", QStringLiteral("more/README"));
        v.commit();
        auto scheduler = newScheduler();
        const QStringList paths{QStringLiteral("models/weights.bin"), QStringLiteral("docs/README"), QStringLiteral("more/README")};
        RemoteMimeData mime(scheduler.get(), entries(paths, bytes.size() + 18));
        QCOMPARE(mime.formats(), (QStringList{RemoteMimeData::EntriesFormat, RemoteMimeData::UriListFormat}));
        QCOMPARE(scheduler->model()->rowCount(), 3); // the downloads show in the queue

        const QJsonObject described = QJsonDocument::fromJson(mime.data(RemoteMimeData::EntriesFormat)).object();
        QCOMPARE(described.value(QStringLiteral("volumeId")).toString(), m_volume.id);
        QCOMPARE(described.value(QStringLiteral("version")).toInteger(), 2);
        QCOMPARE(described.value(QStringLiteral("paths")).toVariant().toStringList(), paths);

        // No button is pressed offscreen, so this is "after the drop": it waits for the
        // downloads, at most about two seconds.
        QElapsedTimer clock;
        clock.start();
        const QList<QUrl> urls = mime.urls();
        qInfo("uri-list of 3 MiB ready %lld ms after the drag started", clock.elapsed());
        QVERIFY(clock.elapsed() < RemoteMimeData::DropWaitMs + 500);
        QCOMPARE(urls.size(), 3);
        for (const QUrl &url : urls) {
            QVERIFY(url.isLocalFile());
            QVERIFY2(url.toLocalFile().startsWith(mime.cacheDirectory() + QLatin1Char('/')), qPrintable(url.toLocalFile()));
            QVERIFY(url.toLocalFile().startsWith(RemoteMimeData::dragCacheRoot()));
        }
        QCOMPARE(testing::readFile(urls[0].toLocalFile()), bytes);
        QCOMPARE(QFileInfo(urls[1].toLocalFile()).fileName(), QStringLiteral("README"));
        QCOMPARE(testing::readFile(urls[1].toLocalFile()), QByteArray("readme"));
        QCOMPARE(testing::readFile(urls[2].toLocalFile()), QByteArray("other readme"));
        const QByteArray list = mime.data(RemoteMimeData::UriListFormat);
        QCOMPARE(list, urls[0].toEncoded() + "\r\n" + urls[1].toEncoded() + "\r\n" + urls[2].toEncoded() + "\r\n");
    }

    // While a button is down the drag still hovers: a target asking then gets nothing at once.
    void nothingWaitsBeforeTheDrop()
    {
        Volume v = Volume::fromName(m_volume.name, {}, m_repo);
        v.putData(testing::randomBytes(1 << 20, 3), QStringLiteral("file.bin"));
        v.commit();
        auto scheduler = newScheduler();
        QWindow window;
        window.resize(100, 100);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        RemoteMimeData mime(scheduler.get(), entries({QStringLiteral("file.bin")}, 1 << 20));
        QTest::mousePress(&window, Qt::LeftButton, {}, QPoint(10, 10));
        QCOMPARE(QGuiApplication::mouseButtons(), Qt::LeftButton);
        QVERIFY(!mime.isReady()); // the download has not even started: no event was processed
        QElapsedTimer clock;
        clock.start();
        QVERIFY(mime.urls().isEmpty());
        QVERIFY2(clock.elapsed() < 100, qPrintable(QString::number(clock.elapsed())));
        QTest::mouseRelease(&window, Qt::LeftButton, {}, QPoint(10, 10));
        const QList<QUrl> urls = mime.urls(); // dropped: now it waits for the download
        QCOMPARE(urls.size(), 1);
        QCOMPARE(testing::readFile(urls.first().toLocalFile()), testing::randomBytes(1 << 20, 3));
    }

    void largeSelectionsOfferNoFiles()
    {
        auto scheduler = newScheduler();
        RemoteMimeData mime(scheduler.get(), entries({QStringLiteral("huge.bin")}, RemoteMimeData::MaxFileBytes + 1));
        QCOMPARE(mime.formats(), QStringList{RemoteMimeData::EntriesFormat});
        QVERIFY(!mime.hasFormat(RemoteMimeData::UriListFormat));
        QVERIFY(mime.urls().isEmpty());
        QCOMPARE(scheduler->model()->rowCount(), 0); // nothing downloaded
    }

    void failedDownloadsGiveNoFiles()
    {
        auto scheduler = newScheduler();
        RemoteMimeData mime(scheduler.get(), entries({QStringLiteral("not/there.bin")}, 10));
        QTRY_VERIFY_WITH_TIMEOUT(mime.hasFailed(), 20000);
        QVERIFY(mime.urls().isEmpty());
        QVERIFY(mime.data(RemoteMimeData::UriListFormat).isEmpty());
    }

    void oldDragCachesAreCleared()
    {
        const QString root = RemoteMimeData::dragCacheRoot();
        testing::writeFile(root + QStringLiteral("/old-token/0/file"), "left by an earlier session");
        testing::writeFile(root + QStringLiteral("/new-token/0/file"), "being copied by a target");
        const struct timeval yesterday[2] = {{time(nullptr) - 86400, 0}, {time(nullptr) - 86400, 0}};
        QCOMPARE(::utimes(QFile::encodeName(root + QStringLiteral("/old-token")).constData(), yesterday), 0);
        DragExporter::clearOldCaches();
        QTRY_VERIFY(!QFileInfo::exists(root + QStringLiteral("/old-token")));
        QVERIFY(QFileInfo::exists(root + QStringLiteral("/new-token/0/file")));
    }
};

QTEST_MAIN(DndTest)
#include "tst_dnd.moc"
