// gc and check: commands about the whole store.
#include "CommandTable.h"
#include "Jobs.h"
#include "Limits.h"

using namespace trove;

namespace cli {
namespace {

int gc(Cli &cli, const QCommandLineParser &p, const QStringList &)
{
    const qint64 grace = p.isSet(QStringLiteral("grace")) ? parseDuration(p.value(QStringLiteral("grace")), QStringLiteral("--grace"))
                                                          : limits::DefaultGcGraceSeconds;
    GcJob job(cli.repository(), grace, p.isSet(QStringLiteral("dry-run")));
    Cli::out(cli.runJob(job).summary);
    return 0;
}

int check(Cli &cli, const QCommandLineParser &p, const QStringList &)
{
    CheckJob job(cli.repository(), p.isSet(QStringLiteral("read-data")), p.isSet(QStringLiteral("repair")));
    const JobResult result = cli.runJob(job);
    for (const QString &problem : job.report().problems)
        Cli::out(QStringLiteral("problem: ") + problem);
    for (const QString &done : job.report().repaired)
        Cli::out(QStringLiteral("repaired: ") + done);
    Cli::out(result.summary);
    return job.report().ok() ? 0 : 1;
}

} // namespace

QList<Command> storeCommands()
{
    return {
        {QString(), QStringLiteral("gc"), QString(),
         QStringLiteral("Remove data no version refers to: deleted volumes, expired ephemeral volumes, unreferenced packs older than the grace period."),
         {valued({QStringLiteral("grace")}, QStringLiteral("Keep unreferenced packs younger than this (default 1h), so commits in progress are safe."), QStringLiteral("DURATION")),
          flag({QStringLiteral("dry-run")}, QStringLiteral("Report what would be removed; remove nothing."))},
         gc},
        {QString(), QStringLiteral("check"), QString(), QStringLiteral("Verify that every reference of every version resolves."),
         {flag({QStringLiteral("read-data")}, QStringLiteral("Also read every pack and verify every chunk's hash.")),
          flag({QStringLiteral("repair")}, QStringLiteral("Rebuild what the stored data determines: head hints, name index entries, the dedupe index."))},
         check},
    };
}

} // namespace cli
