// volume sync, commit, reload, status: a local folder bound to a volume (BoundFolder.h).
#include "CommandTable.h"
#include "FolderJobs.h"
#include "Repository.h"
#include "WatchFolder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace trove;

namespace cli {
namespace {

using namespace option;
const QString Yes = QStringLiteral("yes");
const QString Path = QStringLiteral("path");
const QString Message = QStringLiteral("message");

FolderSyncOptions optionsOf(const QCommandLineParser &p)
{
    FolderSyncOptions options;
    options.assumeYes = p.isSet(Yes);
    return options;
}

// The folder as bound, on the store it was bound on, with this command's transfer limits.
BoundFolder openFolder(Cli &cli, const QString &folder)
{
    BoundFolder bound = BoundFolder::open(folder);
    bound.repository()->setLimits(cli.limits());
    return bound;
}

void printReport(const FolderSyncReport &report)
{
    for (const QString &line : report.details)
        Cli::out(line);
    Cli::out(report.summary);
}

// After the first sync of `volume sync`: --watch keeps the folder in sync (WatchFolder.cpp).
// Without it, the one sync is the whole command.
int keepInSync(Cli &, const QCommandLineParser &p, const BoundFolder &folder)
{
    return watchIfAsked(p, folder, optionsOf(p)).value_or(0);
}

int sync(Cli &cli, const QCommandLineParser &p, const QStringList &args)
{
    checkWatchOptions(p);
    FolderBindJob job(cli.repository(/*createStore*/ true), cli.storeUrl(), args[0], args[1], p.value(Path), optionsOf(p));
    cli.runJob(job);
    printReport(job.report());
    return keepInSync(cli, p, *job.folder());
}

int commit(Cli &cli, const QCommandLineParser &p, const QStringList &args)
{
    FolderSyncOptions options = optionsOf(p);
    options.message = p.value(Message);
    FolderCommitJob job(openFolder(cli, args[0]), options);
    cli.runJob(job);
    printReport(job.report());
    return 0;
}

int reload(Cli &cli, const QCommandLineParser &p, const QStringList &args)
{
    FolderReloadJob job(openFolder(cli, args[0]), optionsOf(p));
    cli.runJob(job);
    printReport(job.report());
    return 0;
}

QJsonObject changesJson(const FolderChanges &c)
{
    return {{QStringLiteral("added"), QJsonArray::fromStringList(c.added)},
            {QStringLiteral("modified"), QJsonArray::fromStringList(c.modified)},
            {QStringLiteral("removed"), QJsonArray::fromStringList(c.removed)}};
}

void printChanges(const QString &side, const FolderChanges &c)
{
    Cli::out(QStringLiteral("%1 %2 added, %3 modified, %4 removed").arg(side.leftJustified(12)).arg(c.added.size()).arg(c.modified.size()).arg(c.removed.size()));
    for (const QString &path : c.added)
        Cli::out(QStringLiteral("  + ") + path);
    for (const QString &path : c.modified)
        Cli::out(QStringLiteral("  ~ ") + path);
    for (const QString &path : c.removed)
        Cli::out(QStringLiteral("  - ") + path);
}

int status(Cli &cli, const QCommandLineParser &p, const QStringList &args)
{
    FolderStatusJob job(openFolder(cli, args[0]));
    cli.runJob(job);
    const FolderStatus &s = job.status();
    const qint64 behind = qMax(qint64(0), s.headVersion - s.baseVersion);
    if (p.isSet(Json)) {
        const QJsonObject o{{QStringLiteral("folder"), s.binding.folder},
                            {QStringLiteral("volume"), s.binding.volume},
                            {QStringLiteral("store"), s.binding.store},
                            {QStringLiteral("remote_path"), QLatin1Char('/') + s.binding.remotePath},
                            {QStringLiteral("base_version"), s.baseVersion},
                            {QStringLiteral("head_version"), s.headVersion},
                            {QStringLiteral("behind"), behind},
                            {QStringLiteral("local"), changesJson(s.local)},
                            {QStringLiteral("remote"), changesJson(s.remote)},
                            {QStringLiteral("unsettled"), QJsonArray::fromStringList(s.unsettled)},
                            {QStringLiteral("files"), s.filesScanned}};
        Cli::write(QJsonDocument(o).toJson());
        return 0;
    }
    Cli::out(QStringLiteral("folder:      %1").arg(s.binding.folder));
    Cli::out(QStringLiteral("volume:      '%1' at /%2 on %3").arg(s.binding.volume, s.binding.remotePath, s.binding.store));
    Cli::out(QStringLiteral("version:     %1 (newest %2%3)").arg(s.baseVersion).arg(s.headVersion)
                 .arg(behind > 0 ? QStringLiteral(", %1 behind: reload to catch up").arg(behind) : QStringLiteral(", up to date")));
    printChanges(QStringLiteral("local:"), s.local);
    printChanges(QStringLiteral("remote:"), s.remote);
    for (const QString &path : s.unsettled)
        Cli::out(QStringLiteral("being written: %1 (waits for a later commit)").arg(path));
    return 0;
}

} // namespace

QList<Command> folderCommands()
{
    const auto yes = flag({QStringLiteral("y"), Yes}, QStringLiteral("Go on when a change would delete more than half of the folder's files."));
    return {
        {QStringLiteral("volume"), QStringLiteral("sync"), QStringLiteral("NAME LOCAL_DIR"),
         QStringLiteral("Bind a local folder to a volume and bring both together: an empty folder receives the volume, a full folder fills an empty volume, "
                        "and when both hold files they merge, the newer copy of each file winning. The volume and the folder are created if missing; "
                        "run it again on a bound folder to commit and reload."),
         QList<QCommandLineOption>{valued({Path}, QStringLiteral("Bind to this folder of the volume instead of its root."), QStringLiteral("REMOTE_PATH")), yes} + watchOptions(),
         sync},
        {QString(), QStringLiteral("commit"), QStringLiteral("LOCAL_DIR"),
         QStringLiteral("Commit what changed in a bound folder as one new version. Files still being written wait for a later commit. "
                        "A bound folder uses the store it was bound on."),
         {valued({QStringLiteral("m"), Message}, QStringLiteral("Message recorded with the new version."), QStringLiteral("TEXT")), yes},
         commit},
        {QString(), QStringLiteral("reload"), QStringLiteral("LOCAL_DIR"),
         QStringLiteral("Apply newer versions of the volume to a bound folder; local changes not committed yet are kept. Refused while files in the folder are open. "
                        "A bound folder uses the store it was bound on."),
         {yes}, reload},
        {QString(), QStringLiteral("status"), QStringLiteral("LOCAL_DIR"),
         QStringLiteral("Show a bound folder's version and its local and remote changes. A bound folder uses the store it was bound on."),
         {flag({Json}, QStringLiteral("Print JSON."))}, status},
    };
}

} // namespace cli
