// The app as a desktop citizen (offscreen): the window layout comes back in a new window, a
// commit that ends while the window is inactive is notified (and not while it is active),
// long downloads only; and the store switcher opens another store without blocking the
// window, marks one that cannot be opened, and comes back to a working one.
#include "AppTestSupport.h"
#include "DesktopNotifier.h"
#include "MainWindow.h"
#include "PendingChangesModel.h"
#include "StoreList.h"
#include "StoreSwitcher.h"
#include "TestSupport.h"
#include "Volume.h"
#include "VolumeListModel.h"

#include <QComboBox>
#include <QSplitter>
#include <QtTest>

using namespace trove;
using namespace trove::ui;

class TstDesktop : public QObject
{
    Q_OBJECT

    std::unique_ptr<testing::AppSandbox> m_sandbox;

    std::unique_ptr<MainWindow> openWindow() { return m_sandbox->openWindow(); }

private slots:
    void init() { m_sandbox = std::make_unique<testing::AppSandbox>(); }
    void cleanup() { m_sandbox.reset(); }

    void layoutComesBackInANewWindow()
    {
        QList<int> sizes;
        {
            auto window = openWindow();
            window->resize(1100, 700);
            auto *splitter = window->findChild<QSplitter *>(QStringLiteral("mainSplitter"));
            QVERIFY(splitter);
            QTRY_COMPARE(splitter->width(), window->centralWidget()->width());
            splitter->setSizes({400, splitter->width() - 400});
            QTRY_COMPARE(splitter->sizes().first(), 400);
            sizes = splitter->sizes();
            QVERIFY(window->close());
        }
        auto window = openWindow();
        QCOMPARE(window->size(), QSize(1100, 700));
        QTRY_COMPARE(window->findChild<QSplitter *>(QStringLiteral("mainSplitter"))->sizes(), sizes);
    }

    void notifiesOnlyWhenTheWindowIsInactive()
    {
        QVERIFY(!NotifyPolicy::shouldNotify(true, TransferKind::Commit, 60000, false));
        QVERIFY(NotifyPolicy::shouldNotify(false, TransferKind::Commit, 100, false));
        QVERIFY(!NotifyPolicy::shouldNotify(false, TransferKind::Commit, 60000, true)); // cancelled by the user
        QVERIFY(!NotifyPolicy::shouldNotify(false, TransferKind::Download, 5000, false));
        QVERIFY(NotifyPolicy::shouldNotify(false, TransferKind::Download, 11000, false));
    }

    void commitEndingInTheBackgroundIsNotified()
    {
        auto window = openWindow();
        auto *notifier = window->findChild<DesktopNotifier *>();
        QVERIFY(notifier);
        QSignalSpy notified(notifier, &DesktopNotifier::notified);

        window->activateWindow();
        QTRY_VERIFY(window->isActiveWindow());
        testing::writeFile(m_sandbox->path(QStringLiteral("a.txt")), "one");
        window->stageUrls({QUrl::fromLocalFile(m_sandbox->path(QStringLiteral("a.txt")))}, QString());
        QTRY_COMPARE(window->pendingModel()->rowCount(), 1);
        window->commitNow(QStringLiteral("watched"));
        QTRY_VERIFY_WITH_TIMEOUT(!window->isCommitting(), 30000);
        QCOMPARE(notified.size(), 0); // the user saw it happen

        QWidget elsewhere;
        elsewhere.show();
        elsewhere.activateWindow();
        QTRY_VERIFY(!window->isActiveWindow());
        testing::writeFile(m_sandbox->path(QStringLiteral("b.txt")), "two");
        window->stageUrls({QUrl::fromLocalFile(m_sandbox->path(QStringLiteral("b.txt")))}, QString());
        QTRY_COMPARE(window->pendingModel()->rowCount(), 1);
        window->commitNow(QStringLiteral("in the background"));
        QTRY_VERIFY_WITH_TIMEOUT(notified.size() == 1, 30000);
        QCOMPARE(notified.first().at(0).toString(), QStringLiteral("Commit finished"));
        QVERIFY(notified.first().at(1).toString().contains(QLatin1String("demo")));
        QVERIFY(!notifier->trayShown()); // nothing runs: no tray icon
    }

    void switchingStoresNeverBlocksAndMarksAnUnopenableOne()
    {
        const QString broken = QStringLiteral("/proc/trove-cannot-be-created");
        QVERIFY(StoreList::save({StoreList::embeddedStore(), {QStringLiteral("Sandbox"), m_sandbox->storeUrl()},
                                 {QStringLiteral("Broken"), broken}}));
        auto window = openWindow();
        StoreSwitcher *switcher = window->storeSwitcher();
        QCOMPARE(window->findChild<QComboBox *>(QStringLiteral("storeCombo"))->count(), 3);

        QElapsedTimer heartbeat;
        qint64 worstGap = 0;
        QTimer tick;
        tick.setInterval(20);
        heartbeat.start();
        connect(&tick, &QTimer::timeout, [&] { worstGap = std::max(worstGap, heartbeat.restart()); });
        tick.start();
        switcher->choose(broken);
        QCOMPARE(window->storeUrl(), broken);
        QTRY_COMPARE(switcher->rowText(broken), QStringLiteral("Broken (unreachable)"));
        QVERIFY(!window->isStoreOpen());
        QCOMPARE(window->volumeModel()->rowCount(), 0);
        QVERIFY(!window->bannerText().isEmpty());

        switcher->choose(m_sandbox->storeUrl());
        QTRY_VERIFY(window->currentVolume().has_value());
        QCOMPARE(window->currentVolume()->name(), QStringLiteral("demo"));
        tick.stop();
        QVERIFY2(worstGap < 500, qPrintable(QStringLiteral("the window stalled %1 ms").arg(worstGap)));
    }
};

QTEST_MAIN(TstDesktop)
#include "tst_desktop.moc"
