// volume create, put, cp, rm, delete, rename, restore, fork, migrate: commands that write.
// Each one that changes a volume makes exactly one new version.
#include "CommandTable.h"
#include "FileDescriptor.h"
#include "LocalTree.h"
#include "RemotePath.h"
#include "Repository.h"
#include "Volume.h"

#include <QFileInfo>
#include <sys/stat.h>

using namespace trove;

namespace cli {
namespace {

using namespace option;
const QString Yes = QStringLiteral("yes");
const QString Version = QStringLiteral("version");
const QString FromVersion = QStringLiteral("from-version");
const QString Message = QStringLiteral("message");
const QString FollowLinks = QStringLiteral("follow-links");

int commitStaged(Cli &cli, Volume &volume, const QString &message)
{
    const JobResult result = cli.runJob(*volume.commitJob(message));
    Cli::out(result.summary);
    return 0;
}

int create(Cli &cli, const QCommandLineParser &p, const QStringList &args)
{
    int format = 2;
    if (p.isSet(Version)) {
        const QString v = p.value(Version);
        if (v != QLatin1String("1") && v != QLatin1String("2"))
            throw UsageError(QStringLiteral("--version must be 1 or 2, not '%1'").arg(v));
        format = v.toInt();
    }
    const VolumeInfo info = Volume::create(args[0], format, cli.repository(/*createStore*/ true));
    Cli::out(QStringLiteral("created volume '%1' (v%2, id %3)").arg(info.name).arg(info.format).arg(info.id));
    return 0;
}

// What `put` reads: a directory, a regular file, or standard input ("-"). Anything else
// (a device, a FIFO, a socket) is refused before a byte is read: it may never end or block.
enum class LocalKind { Directory, File, Stream };

LocalKind localKindOf(const QString &local)
{
    if (local == QLatin1String("-"))
        return LocalKind::Stream;
    struct stat st;
    if (::stat(QFile::encodeName(local).constData(), &st) != 0) { // the path was named: follow a link
        const int err = errno;
        if (err == ENOENT)
            throw Error(Error::Kind::NotFound, QStringLiteral("local path %1 does not exist").arg(local));
        throw Error(Error::Kind::Io, QStringLiteral("cannot read %1: %2").arg(local, errnoText(err)));
    }
    if (S_ISDIR(st.st_mode))
        return LocalKind::Directory;
    if (S_ISREG(st.st_mode))
        return LocalKind::File;
    throw Error(Error::Kind::InvalidArgument, QStringLiteral("cannot upload %1: it is %2, not a regular file or a directory; to upload a stream, pipe it into `trove-cli volume put NAME - REMOTE_PATH`")
                                                  .arg(local, LocalTree::kindOf(st.st_mode)));
}

int put(Cli &cli, const QCommandLineParser &p, const QStringList &args)
{
    const QString local = args[1];
    const LocalKind kind = localKindOf(local);
    // Like `modal volume put`: no remote path or one ending in '/' keeps the local name.
    const QString remoteArg = args.value(2, QStringLiteral("/"));
    QString remote = remotepath::normalize(remoteArg);
    if (remoteArg.endsWith(QLatin1Char('/')) || remote.isEmpty()) {
        if (kind == LocalKind::Stream)
            throw UsageError(QStringLiteral("volume put NAME - needs a REMOTE_PATH naming the file: standard input has no name"));
        remote = remotepath::join(remote, QFileInfo(QFileInfo(local).absoluteFilePath()).fileName());
    }
    Volume volume = Volume::fromName(args[0], {}, cli.repository());
    if (kind == LocalKind::Directory)
        volume.putDirectory(local, remote, p.isSet(Force), p.isSet(FollowLinks));
    else
        volume.putFile(kind == LocalKind::Stream ? QStringLiteral("/dev/stdin") : local, remote, p.isSet(Force));
    return commitStaged(cli, volume, p.value(Message).isEmpty() ? QStringLiteral("put %1").arg(remote) : p.value(Message));
}

int cp(Cli &cli, const QCommandLineParser &p, const QStringList &args)
{
    Volume volume = Volume::fromName(args[0], {}, cli.repository());
    const QStringList sources = args.mid(1, args.size() - 2);
    if (sources.isEmpty())
        throw UsageError(QStringLiteral("volume cp needs at least one source and a destination"));
    volume.copy(sources, args.last(), p.isSet(Recursive));
    return commitStaged(cli, volume, QStringLiteral("cp %1 %2").arg(sources.join(QLatin1Char(' ')), args.last()));
}

int rm(Cli &cli, const QCommandLineParser &p, const QStringList &args)
{
    Volume volume = Volume::fromName(args[0], {}, cli.repository());
    if (p.isSet(Recursive) && remotepath::normalize(args[1]).isEmpty()
        && !Cli::confirm(QStringLiteral("Remove every file from volume '%1'? Earlier versions keep them.").arg(args[0]), p.isSet(Yes))) {
        Cli::warn(QStringLiteral("nothing removed"));
        return 1;
    }
    volume.remove(args[1], p.isSet(Recursive));
    return commitStaged(cli, volume, QStringLiteral("rm %1").arg(args[1]));
}

int deleteVolume(Cli &cli, const QCommandLineParser &p, const QStringList &args)
{
    cli.repository()->registry().get(args[0]); // a missing volume is reported before asking
    if (!Cli::confirm(QStringLiteral("Delete volume '%1' and all its versions?").arg(args[0]), p.isSet(Yes))) {
        Cli::warn(QStringLiteral("not deleted"));
        return 1;
    }
    Volume::deleteVolume(args[0], cli.repository());
    Cli::out(QStringLiteral("deleted volume '%1'; `trove-cli gc` reclaims its space").arg(args[0]));
    return 0;
}

int rename(Cli &cli, const QCommandLineParser &p, const QStringList &args)
{
    cli.repository()->registry().get(args[0]);
    if (!Cli::confirm(QStringLiteral("Rename volume '%1' to '%2'? Code that opens it by name must use the new name.").arg(args[0], args[1]), p.isSet(Yes))) {
        Cli::warn(QStringLiteral("not renamed"));
        return 1;
    }
    Volume::renameVolume(args[0], args[1], cli.repository());
    Cli::out(QStringLiteral("renamed volume '%1' to '%2' (same id)").arg(args[0], args[1]));
    return 0;
}

int restore(Cli &cli, const QCommandLineParser &p, const QStringList &args)
{
    if (!p.isSet(FromVersion))
        throw UsageError(QStringLiteral("volume restore needs --from-version N"));
    const qint64 from = parseVersion(p.value(FromVersion), QStringLiteral("--from-version"));
    Volume volume = Volume::fromName(args[0], {}, cli.repository());
    volume.restore(args[1], from);
    return commitStaged(cli, volume, QStringLiteral("restore %1 from version %2").arg(args[1]).arg(from));
}

int fork(Cli &cli, const QCommandLineParser &p, const QStringList &args)
{
    const qint64 at = p.isSet(AtVersion) ? parseVersion(p.value(AtVersion), QStringLiteral("--at-version")) : 0;
    const VolumeInfo info = Volume::fork(args[0], args[1], at, 0, cli.repository());
    Cli::out(QStringLiteral("forked '%1' into '%2' (id %3); no data was copied").arg(args[0], args[1], info.id));
    return 0;
}

int migrate(Cli &cli, const QCommandLineParser &, const QStringList &args)
{
    const VolumeInfo old = cli.repository()->registry().get(args[0]);
    if (old.format != 1)
        throw Error(Error::Kind::InvalidArgument, QStringLiteral("volume '%1' is already v2; nothing to migrate").arg(args[0]));
    const VolumeInfo info = Volume::fork(args[0], args[1], 0, 2, cli.repository());
    Cli::out(QStringLiteral("migrated '%1' (v1) to '%2' (v2, id %3) without copying data; point your code at '%2'").arg(args[0], args[1], info.id));
    return 0;
}

} // namespace

QList<Command> volumeWriteCommands()
{
    const auto recursive = [](const QString &what) { return flag({QStringLiteral("r"), Recursive}, what); };
    const auto force = [](const QString &what) { return flag({QStringLiteral("f"), Force}, what); };
    const auto yes = flag({QStringLiteral("y"), Yes}, QStringLiteral("Do not ask for confirmation."));
    return {
        {QStringLiteral("volume"), QStringLiteral("create"), QStringLiteral("NAME"), QStringLiteral("Create a volume."),
         {valued({Version}, QStringLiteral("Volume format, 1 or 2 (default 2)."), QStringLiteral("1|2"))}, create},
        {QStringLiteral("volume"), QStringLiteral("put"), QStringLiteral("NAME LOCAL_PATH [REMOTE_PATH]"),
         QStringLiteral("Upload a file or directory (recursively) to a volume. A REMOTE_PATH ending in '/' keeps the local name; LOCAL_PATH '-' reads standard input."),
         {force(QStringLiteral("Replace files that already exist in the volume.")),
          flag({FollowLinks}, QStringLiteral("Upload what symbolic links in a directory point to, also outside it (default: skip links, with a warning).")),
          valued({QStringLiteral("m"), Message}, QStringLiteral("Message recorded with the new version."), QStringLiteral("TEXT"))},
         put},
        {QStringLiteral("volume"), QStringLiteral("cp"), QStringLiteral("NAME SRC... DST"),
         QStringLiteral("Copy files within a volume (no data is copied)."), {recursive(QStringLiteral("Copy directories."))}, cp},
        {QStringLiteral("volume"), QStringLiteral("rm"), QStringLiteral("NAME PATH"), QStringLiteral("Remove a file or directory from a volume."),
         {recursive(QStringLiteral("Remove a directory and everything in it.")), yes}, rm},
        {QStringLiteral("volume"), QStringLiteral("delete"), QStringLiteral("NAME"), QStringLiteral("Delete a volume and all its versions."), {yes}, deleteVolume},
        {QStringLiteral("volume"), QStringLiteral("rename"), QStringLiteral("OLD NEW"), QStringLiteral("Rename a volume; its id stays."), {yes}, rename},
        {QStringLiteral("volume"), QStringLiteral("restore"), QStringLiteral("NAME PATH"),
         QStringLiteral("Bring back a file or directory as it was in an earlier version, as a new version."),
         {valued({FromVersion}, QStringLiteral("The version to restore from."), QStringLiteral("N"))}, restore},
        {QStringLiteral("volume"), QStringLiteral("fork"), QStringLiteral("NAME NEW"), QStringLiteral("Create volume NEW with NAME's files (no data copied)."),
         {valued({AtVersion}, QStringLiteral("Fork version N instead of the newest."), QStringLiteral("N"))}, fork},
        {QStringLiteral("volume"), QStringLiteral("migrate"), QStringLiteral("OLD NEW"),
         QStringLiteral("Create v2 volume NEW with v1 volume OLD's files (metadata only)."), {}, migrate},
    };
}

} // namespace cli
