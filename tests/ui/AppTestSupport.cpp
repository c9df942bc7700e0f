#include "AppTestSupport.h"

#include "EnginePool.h"
#include "MainWindow.h"
#include "RemoteTreeModel.h"
#include "Volume.h"

#include <QtTest>

namespace testing {

AppSandbox::AppSandbox(Contents contents)
{
    qputenv("XDG_CONFIG_HOME", path(QStringLiteral("config")).toUtf8());
    QCoreApplication::setApplicationName(QStringLiteral("trove"));
    trove::Volume::create(QStringLiteral("demo"), 2, repository());
    if (contents == Contents::SampleFiles) {
        trove::Volume volume = head();
        volume.putData("one", QStringLiteral("a.txt"));
        volume.putData("inside", QStringLiteral("data/in.txt"));
        volume.commit(QStringLiteral("first files"));
    }
}

AppSandbox::~AppSandbox() { settleEnginePool(); }

trove::Volume AppSandbox::head(const QString &name) { return trove::Volume::fromName(name, {}, repository()); }

std::unique_ptr<trove::ui::MainWindow> AppSandbox::openWindow()
{
    auto window = std::make_unique<trove::ui::MainWindow>(storeUrl());
    window->show();
    [&] { QTRY_VERIFY(window->currentVolume().has_value()); }();
    [&] { QTRY_VERIFY(!window->fileModel()->isLoading()); }();
    return window;
}

void settleEnginePool()
{
    for (int round = 0; round < 5; ++round) {
        QVERIFY(trove::ui::EnginePool::instance()->waitForDone(30000));
        QCoreApplication::processEvents();
    }
}

} // namespace testing
