// `trove-cli volume sync NAME DIR --watch`: the folder kept in sync in the foreground, or
// headless under systemd (packaging/trove-sync@.service), until a signal stops it.
#include "WatchFolder.h"

#include "FileDescriptor.h"
#include "FolderSyncLoop.h"
#include "Repository.h"

#include <QEventLoop>
#include <QSocketNotifier>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace cli {

namespace {

const QString WatchOption = QStringLiteral("watch");
const QString IntervalOption = QStringLiteral("interval");
constexpr qint64 DefaultIntervalSeconds = 5;

// SIGINT and SIGTERM as a readable pipe: the handler only writes the signal's number, the
// event loop does the rest. A second signal gets the default action (SA_RESETHAND): a user
// pressing Ctrl-C twice stops at once, which loses nothing that was committed.
class StopSignals
{
public:
    StopSignals()
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
            trove::fail(trove::Error::Kind::Io, QStringLiteral("cannot make a pipe for signals: %1").arg(trove::errnoText(errno)));
        m_read.reset(fds[0]);
        m_write.reset(fds[1]);
        s_writeFd = fds[1];
        struct sigaction action = {};
        action.sa_handler = &StopSignals::handle;
        action.sa_flags = SA_RESETHAND | SA_RESTART;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &m_oldInt);
        sigaction(SIGTERM, &action, &m_oldTerm);
    }
    ~StopSignals()
    {
        sigaction(SIGINT, &m_oldInt, nullptr);
        sigaction(SIGTERM, &m_oldTerm, nullptr);
        s_writeFd = -1;
    }
    StopSignals(const StopSignals &) = delete;
    StopSignals &operator=(const StopSignals &) = delete;

    int readFd() const { return m_read.get(); }
    // The signal that arrived, or 0.
    int take() const
    {
        unsigned char signal = 0;
        return ::read(m_read.get(), &signal, 1) == 1 ? signal : 0;
    }

private:
    static void handle(int signal)
    {
        const int savedErrno = errno;
        const unsigned char byte = static_cast<unsigned char>(signal);
        [[maybe_unused]] const ssize_t written = ::write(s_writeFd, &byte, 1);
        errno = savedErrno;
    }

    static inline volatile int s_writeFd = -1;
    trove::FileDescriptor m_read, m_write;
    struct sigaction m_oldInt = {}, m_oldTerm = {};
};

void say(const QString &line)
{
    Cli::out(line);
    std::fflush(stdout); // a log or a pipe sees each event as it happens
}

QString listed(const QStringList &paths, int max = 3)
{
    QStringList shown = paths.mid(0, max);
    if (paths.size() > max)
        shown.append(QStringLiteral("%1 more").arg(paths.size() - max));
    return shown.join(QStringLiteral(", "));
}

// "added a.txt, b.txt; modified c.bin; removed d, e, f, 2 more".
QString describe(const trove::FolderChanges &changes)
{
    QStringList parts;
    auto part = [&](const char *verb, const QStringList &paths) {
        if (!paths.isEmpty())
            parts.append(QStringLiteral("%1 %2").arg(QLatin1String(verb), listed(paths)));
    };
    part("added", changes.added);
    part("modified", changes.modified);
    part("removed", changes.removed);
    return parts.isEmpty() ? QStringLiteral("no file changed") : parts.join(QStringLiteral("; "));
}

int runLoop(trove::FolderSyncLoop &loop)
{
    QEventLoop events;
    StopSignals stopSignals;
    QSocketNotifier notifier(stopSignals.readFd(), QSocketNotifier::Read);
    bool stopping = false;
    QStringList waitingFor;
    QString lastRefusal;

    QObject::connect(&notifier, &QSocketNotifier::activated, &loop, [&] {
        const int signal = stopSignals.take();
        if (signal == 0 || stopping)
            return;
        stopping = true;
        say(QStringLiteral("%1: committing what changed before stopping (%2 again stops at once; nothing committed is lost)")
                .arg(signal == SIGINT ? QStringLiteral("interrupted") : QStringLiteral("terminated"),
                     signal == SIGINT ? QStringLiteral("Ctrl-C") : QStringLiteral("the same signal")));
        loop.stop();
    });
    QObject::connect(&loop, &trove::FolderSyncLoop::committed, [&](qint64 version, const trove::FolderSyncReport &report) {
        lastRefusal.clear();
        say(QStringLiteral("committed v%1: %2").arg(version).arg(describe(report.uploaded)));
    });
    QObject::connect(&loop, &trove::FolderSyncLoop::reloaded, [&](qint64 version, const trove::FolderSyncReport &report) {
        lastRefusal.clear();
        say(QStringLiteral("reloaded v%1: %2").arg(version).arg(describe(report.applied)));
        for (const QString &kept : report.kept)
            say(QStringLiteral("kept local change: %1 (it wins when committed)").arg(kept));
    });
    QObject::connect(&loop, &trove::FolderSyncLoop::waiting, [&](const QStringList &unsettled) {
        waitingFor = unsettled;
        if (!unsettled.isEmpty())
            say(QStringLiteral("waiting for %1 to finish writing").arg(listed(unsettled)));
    });
    // A refusal repeats at every check until something changes: said once.
    auto sayOnce = [&](const QString &line, void (*print)(const QString &)) {
        if (line != std::exchange(lastRefusal, line))
            print(line);
    };
    QObject::connect(&loop, &trove::FolderSyncLoop::busy, [&](const QString &message) {
        sayOnce(QStringLiteral("%1 (tried again at every check)").arg(message), say); // "volume busy: ... open: ..."
    });
    QObject::connect(&loop, &trove::FolderSyncLoop::rescanning, [](const QString &reason) {
        say(QStringLiteral("comparing the whole folder: %1").arg(reason));
    });
    QObject::connect(&loop, &trove::FolderSyncLoop::failed, [&](const QString &error) {
        sayOnce(QStringLiteral("error: %1 (tried again at every check)").arg(error), &Cli::warn);
    });
    QObject::connect(&loop, &trove::FolderSyncLoop::stopped, &events, &QEventLoop::quit);

    QObject::connect(&loop, &trove::FolderSyncLoop::watching, [&](int folders) {
        say(QStringLiteral("watching %1 (%2); Ctrl-C or SIGTERM stops after a last commit")
                .arg(loop.folder(), folders == 1 ? QStringLiteral("1 folder") : QStringLiteral("%1 folders").arg(folders)));
    });
    loop.start();
    events.exec();
    if (!waitingFor.isEmpty())
        Cli::warn(QStringLiteral("not committed, still being written: %1; committed at the next sync").arg(listed(waitingFor, 10)));
    // Failed at the end (the last commit, or the binding never opened): the status says so.
    const bool failed = loop.state() == trove::FolderSyncLoop::State::Error;
    say(failed ? QStringLiteral("stopped; %1; the folder keeps its changes").arg(loop.stateText())
               : QStringLiteral("stopped at v%1").arg(loop.baseVersion()));
    return failed ? 1 : 0;
}

qint64 intervalOf(const QCommandLineParser &parser)
{
    if (!parser.isSet(IntervalOption))
        return DefaultIntervalSeconds;
    const qint64 interval = parseDuration(parser.value(IntervalOption), QStringLiteral("--interval"));
    if (interval < 1 || interval > 86400)
        throw UsageError(QStringLiteral("--interval must be from 1 second to 1 day, not '%1'").arg(parser.value(IntervalOption)));
    return interval;
}

QCommandLineOption intervalOption()
{
    return valued({IntervalOption}, QStringLiteral("How often to look for newer versions (default 5s)."), QStringLiteral("SECONDS"));
}

int watch(const trove::BoundFolder &folder, const QCommandLineParser &parser, const trove::FolderSyncOptions &options = {})
{
    trove::FolderSyncLoop loop(folder.binding().folder, folder.repository());
    loop.setPollInterval(int(intervalOf(parser)));
    loop.setOptions(options);
    return runLoop(loop);
}

} // namespace

QList<QCommandLineOption> watchOptions()
{
    return {flag({WatchOption}, QStringLiteral("Keep the folder in sync until stopped: commit what changes, reload newer versions; SIGINT/SIGTERM make a last commit.")),
            intervalOption()};
}

void checkWatchOptions(const QCommandLineParser &parser)
{
    if (!parser.isSet(WatchOption) && parser.isSet(IntervalOption))
        throw UsageError(QStringLiteral("--interval applies to --watch only"));
    intervalOf(parser);
}

std::optional<int> watchIfAsked(const QCommandLineParser &parser, const trove::BoundFolder &folder,
                                const trove::FolderSyncOptions &options)
{
    checkWatchOptions(parser);
    if (!parser.isSet(WatchOption))
        return std::nullopt;
    return watch(folder, parser, options);
}

QList<Command> watchCommands()
{
    // The binding names its store and volume: nothing to repeat, which suits a service.
    return {{QString(), QStringLiteral("watch"), QStringLiteral("LOCAL_DIR"),
             QStringLiteral("Keep a bound folder in sync until stopped, as volume sync --watch does, on the store it was bound on."),
             {intervalOption()},
             [](Cli &cli, const QCommandLineParser &parser, const QStringList &args) {
                 const trove::BoundFolder folder = trove::BoundFolder::open(args.first());
                 folder.repository()->setLimits(cli.limits());
                 return watch(folder, parser);
             }}};
}

} // namespace cli
