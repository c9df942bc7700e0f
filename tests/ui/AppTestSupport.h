#pragma once

#include "TestSupport.h"

#include <memory>

namespace trove {
class Volume;
namespace ui {
class MainWindow;
}
} // namespace trove

namespace testing {

// What the desktop-app suites set up alike: a Sandbox whose store holds the volume "demo",
// with the app's settings kept inside it, and windows opened on it.
class AppSandbox : public Sandbox
{
public:
    enum class Contents {
        Empty,       // "demo" at version 1
        SampleFiles, // and version 2 with a.txt ("one") and data/in.txt ("inside")
    };
    // Points XDG_CONFIG_HOME into the sandbox, names the app "trove" (its settings file) and
    // creates "demo".
    explicit AppSandbox(Contents contents = Contents::Empty);
    // Waits for the engine pool first: a window's last saves and listings may still run.
    ~AppSandbox();

    // The volume at its newest version.
    trove::Volume head(const QString &name = QStringLiteral("demo"));
    // A window on this store, shown, once it shows a volume with its files listed.
    std::unique_ptr<trove::ui::MainWindow> openWindow();
};

// Waits until the work on the engine pool is done and its results delivered; a finished save
// may start the next, hence a few rounds.
void settleEnginePool();

} // namespace testing
