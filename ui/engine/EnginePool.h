#pragma once

#include <QThreadPool>

namespace trove::ui {

// The threads that run blocking engine calls (listings, history, reloads) for the GUI. A
// pool of its own: jobs and their inner work already occupy the global pool, which has
// only as many threads as cores.
class EnginePool
{
public:
    static QThreadPool *instance();
};

} // namespace trove::ui
