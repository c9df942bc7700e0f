#include "EnginePool.h"

namespace trove::ui {

QThreadPool *EnginePool::instance()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool; // lives as long as the process: workers may outlive windows
        p->setMaxThreadCount(4);
        p->setObjectName(QStringLiteral("EnginePool"));
        return p;
    }();
    return pool;
}

} // namespace trove::ui
