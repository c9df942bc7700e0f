#pragma once

#include "EnginePool.h"
#include "Error.h"

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>
#include <optional>

namespace trove::ui {

// What a blocking engine call on a worker gave back: a value, or the engine's error.
template<typename T>
struct Result
{
    std::optional<T> value;
    Error::Kind errorKind = Error::Kind::Io;
    QString error;

    bool ok() const { return value.has_value(); }
};

// Runs `work` on EnginePool and hands its Result to `done` on `context`'s thread. The watcher
// is a child of `context`, so a closed window drops the result instead of touching freed state.
template<typename Work, typename Done>
void runAsync(QObject *context, Work work, Done done)
{
    using T = decltype(work());
    auto *watcher = new QFutureWatcher<Result<T>>(context);
    QObject::connect(watcher, &QFutureWatcher<Result<T>>::finished, context, [watcher, done = std::move(done)]() mutable {
        done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(EnginePool::instance(), [work = std::move(work)]() mutable {
        Result<T> result;
        try {
            result.value = work();
        } catch (const Error &e) {
            result.errorKind = e.kind();
            result.error = e.message();
        } catch (const std::exception &e) {
            result.error = QString::fromLocal8Bit(e.what());
        }
        return result;
    }));
}

} // namespace trove::ui
