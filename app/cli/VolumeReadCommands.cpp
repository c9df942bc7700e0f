// volume list, ls, get, history, diff: commands that read.
#include "CommandTable.h"
#include "JsonOutput.h"
#include "Repository.h"
#include "Volume.h"

#include <cstdio>

using namespace trove;

namespace cli {
namespace {

using namespace option;

int list(Cli &cli, const QCommandLineParser &p, const QStringList &)
{
    const QList<VolumeInfo> volumes = Volume::list(cli.repository());
    if (p.isSet(Json)) {
        JsonArrayWriter json;
        for (const VolumeInfo &v : volumes)
            json.add({{"name", v.name}, {"id", v.id}, {"format", qint64(v.format)}, {"created", isoTime(v.created)}, {"ephemeral", v.ephemeral}});
        Cli::write(json.finish());
        return 0;
    }
    if (volumes.isEmpty())
        Cli::warn(QStringLiteral("no volumes yet; create one with `trove-cli volume create NAME`"));
    for (const VolumeInfo &v : volumes)
        Cli::out(QStringLiteral("%1  v%2  %3  %4").arg(v.name.leftJustified(32)).arg(v.format).arg(isoTime(v.created), v.id));
    return 0;
}

int ls(Cli &cli, const QCommandLineParser &p, const QStringList &args)
{
    VolumeOptions options;
    if (p.isSet(AtVersion))
        options.atVersion = parseVersion(p.value(AtVersion), QStringLiteral("--at-version"));
    Volume volume = Volume::fromName(args[0], options, cli.repository());
    const QList<DirEntry> entries = volume.listDir(args.value(1), p.isSet(Recursive));
    // Files written together share their time: format each distinct time once.
    QDateTime lastTime;
    QString lastText;
    auto timeText = [&](const QDateTime &t) {
        if (t != lastTime) {
            lastTime = t;
            lastText = isoTime(t);
        }
        return lastText;
    };
    if (p.isSet(Json)) {
        JsonArrayWriter json;
        for (const DirEntry &e : entries)
            json.add({{"path", e.path}, {"type", e.isDir ? QStringLiteral("dir") : QStringLiteral("file")}, {"size", e.size}, {"mtime", timeText(e.mtime)}});
        Cli::write(json.finish());
        return 0;
    }
    for (const DirEntry &e : entries)
        Cli::out(QStringLiteral("%1 %2  %3  %4%5").arg(e.isDir ? QStringLiteral("dir ") : QStringLiteral("file"),
                                                       humanBytes(e.size).rightJustified(10), timeText(e.mtime), e.path,
                                                       e.isDir ? QStringLiteral("/") : QString()));
    return 0;
}

int get(Cli &cli, const QCommandLineParser &p, const QStringList &args)
{
    Volume volume = Volume::fromName(args[0], {}, cli.repository());
    const QString destination = args.value(2, QStringLiteral("."));
    if (destination == QLatin1String("-")) {
        FileReader reader = volume.readFile(args[1]);
        while (!reader.atEnd()) {
            const QByteArray chunk = reader.next();
            if (std::fwrite(chunk.constData(), 1, size_t(chunk.size()), stdout) != size_t(chunk.size()))
                throw Error(Error::Kind::Io, QStringLiteral("cannot write to standard output"));
        }
        std::fflush(stdout);
        return 0;
    }
    const auto job = volume.downloadJob(args[1], destination, p.isSet(Force));
    const JobResult result = cli.runJob(*job);
    if (job->bytesReused() > 0) // quiet otherwise, like cp
        Cli::warn(result.summary);
    return 0;
}

int history(Cli &cli, const QCommandLineParser &p, const QStringList &args)
{
    Volume volume = Volume::fromName(args[0], {}, cli.repository());
    const QList<VersionRecord> records = volume.history();
    if (p.isSet(Json)) {
        JsonArrayWriter json;
        for (const VersionRecord &r : records)
            json.add({{"version", r.version}, {"parent", r.parent}, {"time", isoTime(r.time)}, {"writer", r.writer},
                      {"message", r.message}, {"added", qint64(r.changes.added)}, {"modified", qint64(r.changes.modified)},
                      {"removed", qint64(r.changes.removed)}});
        Cli::write(json.finish());
        return 0;
    }
    for (const VersionRecord &r : records)
        Cli::out(QStringLiteral("%1  %2  +%3 ~%4 -%5  %6  %7").arg(QString::number(r.version).rightJustified(6), isoTime(r.time))
                     .arg(r.changes.added).arg(r.changes.modified).arg(r.changes.removed).arg(r.writer, r.message));
    return 0;
}

int diff(Cli &cli, const QCommandLineParser &p, const QStringList &args)
{
    const qint64 from = parseVersion(args[1], QStringLiteral("FROM"));
    const qint64 to = parseVersion(args[2], QStringLiteral("TO"));
    Volume volume = Volume::fromName(args[0], {}, cli.repository());
    const QList<DiffEntry> entries = volume.diff(from, to);
    if (p.isSet(Json)) {
        JsonArrayWriter json;
        for (const DiffEntry &d : entries)
            json.add({{"path", d.path}, {"change", DiffEntry::changeName(d.change)}, {"old_size", d.oldSize}, {"new_size", d.newSize}});
        Cli::write(json.finish());
        return 0;
    }
    const char marks[] = {'+', '-', 'M'};
    for (const DiffEntry &d : entries)
        Cli::out(QStringLiteral("%1 %2").arg(QString(QLatin1Char(marks[int(d.change)])), d.path));
    return 0;
}

} // namespace

QList<Command> volumeReadCommands()
{
    const auto json = flag({Json}, QStringLiteral("Print JSON."));
    return {
        {QStringLiteral("volume"), QStringLiteral("list"), QString(), QStringLiteral("List all volumes."), {json}, list},
        {QStringLiteral("volume"), QStringLiteral("ls"), QStringLiteral("NAME [PATH]"),
         QStringLiteral("List files and directories in a volume (at PATH, default the root)."),
         {json, flag({QStringLiteral("r"), Recursive}, QStringLiteral("List everything below PATH.")),
          valued({AtVersion}, QStringLiteral("List version N instead of the newest."), QStringLiteral("N"))},
         ls},
        {QStringLiteral("volume"), QStringLiteral("get"), QStringLiteral("NAME REMOTE_PATH [LOCAL_DESTINATION]"),
         QStringLiteral("Download a file or directory from a volume. LOCAL_DESTINATION '-' writes a file to standard output; default is the current directory."),
         {flag({QStringLiteral("f"), Force}, QStringLiteral("Overwrite existing local files."))}, get},
        {QStringLiteral("volume"), QStringLiteral("history"), QStringLiteral("NAME"), QStringLiteral("List the versions of a volume."), {json}, history},
        {QStringLiteral("volume"), QStringLiteral("diff"), QStringLiteral("NAME FROM TO"),
         QStringLiteral("List files added, removed or modified between versions FROM and TO."), {json}, diff},
    };
}

} // namespace cli
