// trove-cli: volumes from the command line, mirroring `modal volume ...`.
#include "Cli.h"
#include "CommandTable.h"
#include "Registry.h"
#include "StoreUrl.h"
#include "TransferLimits.h"
#include "WatchFolder.h"

#include <QCoreApplication>
#include <cstdio>
#include <malloc.h>

using namespace cli;

namespace {

const QString Program = QStringLiteral("trove-cli");

QCommandLineOption storeOption()
{
    return valued({QStringLiteral("store")},
                  QStringLiteral("Store URL: file:///path, a directory, or s3://BUCKET/PREFIX?endpoint=URL (default: $TROVE_STORE, else the embedded local store)."),
                  QStringLiteral("URL"));
}

// Options every command accepts, before or after its name.
QList<QCommandLineOption> globalOptions()
{
    return {storeOption(),
            valued({QStringLiteral("transfers")}, QStringLiteral("Most packs or ranges transferred at once (default 4, or $TROVE_TRANSFERS); S3 uploads start with one and add more while that is faster."), QStringLiteral("N")),
            valued({QStringLiteral("limit-rate")}, QStringLiteral("Bandwidth cap in bytes per second, e.g. 50M (default none, or $TROVE_BANDWIDTH)."), QStringLiteral("RATE"))};
}

// A global option's value: the command's own when given, else the one before the command,
// else the environment variable's. Returns the value and where it came from, for messages.
struct Setting
{
    QString value;
    QString source; // "--transfers" or "TROVE_TRANSFERS"
};

Setting settingOf(const QCommandLineParser &command, const QCommandLineParser &top, const QString &option, const char *variable)
{
    if (command.isSet(option))
        return {command.value(option), QStringLiteral("--") + option};
    if (top.isSet(option))
        return {top.value(option), QStringLiteral("--") + option};
    return {qEnvironmentVariable(variable), QString::fromLatin1(variable)};
}

// Options and their environment variables are checked alike: a bad value is a usage error.
Cli makeCli(const QCommandLineParser &command, const QCommandLineParser &top)
{
    trove::TransferLimits limits;
    const Setting transfers = settingOf(command, top, QStringLiteral("transfers"), "TROVE_TRANSFERS");
    if (!transfers.value.isEmpty()) {
        limits.transfers = trove::TransferLimits::parseTransfers(transfers.value);
        if (limits.transfers < 0)
            throw UsageError(QStringLiteral("%1 must be a number from 1 to %2, not '%3'").arg(transfers.source).arg(trove::TransferLimits::MaxTransfers).arg(transfers.value));
    }
    const Setting rate = settingOf(command, top, QStringLiteral("limit-rate"), "TROVE_BANDWIDTH");
    if (!rate.value.isEmpty()) {
        limits.bytesPerSecond = trove::TransferLimits::parseRate(rate.value);
        if (limits.bytesPerSecond <= 0)
            throw UsageError(QStringLiteral("%1 must be bytes per second like 800k, 50M or 1G, not '%2'").arg(rate.source, rate.value));
    }
    const Setting store = settingOf(command, top, QStringLiteral("store"), "TROVE_STORE");
    const bool fromOption = store.source != QLatin1String("TROVE_STORE");
    if (fromOption && store.value.isEmpty())
        throw UsageError(QStringLiteral("--store needs a URL or a directory"));
    Cli cli(fromOption ? store.value : QString(), limits); // else TROVE_STORE or the embedded store
    try {
        trove::checkStoreUrl(cli.storeUrl());
    } catch (const trove::Error &e) {
        throw UsageError(QStringLiteral("%1 (from %2)").arg(e.message(), store.source));
    }
    return cli;
}

QString usageLine(const Command &c)
{
    const QString words = c.group.isEmpty() ? c.name : c.group + QLatin1Char(' ') + c.name;
    return QStringLiteral("%1 %2 [options] %3").arg(Program, words, c.arguments).trimmed();
}

void printGroupHelp(const QString &group, const QList<Command> &commands)
{
    QString text = group.isEmpty()
        ? QStringLiteral("Trove: versioned volumes for model weights and datasets, on a local directory or S3.\n\n"
                         "Usage: %1 [--store URL] COMMAND ...\n\nCommands:\n  volume ...           manage volumes and their files (%1 volume --help)\n").arg(Program)
        : QStringLiteral("Usage: %1 %2 COMMAND ...\n\nCommands:\n").arg(Program, group);
    for (const Command &c : commands) {
        if (c.group == group)
            text += QStringLiteral("  %1%2\n").arg(c.name.leftJustified(21), c.description.section(QLatin1Char('.'), 0, 0));
    }
    text += QStringLiteral("\nOptions:\n");
    for (const QCommandLineOption &o : globalOptions())
        text += QStringLiteral("  --%1 %2").arg(o.names().first(), o.valueName()).leftJustified(23) + o.description() + QLatin1Char('\n');
    text += QStringLiteral("  -h, --help           Show help; every command has its own.\n");
    if (group.isEmpty())
        text += QStringLiteral("  -v, --version        Show the version.\n\nExit status: 0 success, 2 usage error, 1 any other error.\n");
    Cli::write(text.toUtf8() + '\n');
}

// Checks the count of positional arguments against the command's synopsis.
void checkArguments(const Command &c, const QStringList &args)
{
    int required = 0, optional = 0;
    bool variadic = false;
    for (const QString &word : c.arguments.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (word.startsWith(QLatin1Char('[')))
            ++optional;
        else
            ++required;
        variadic = variadic || word.endsWith(QLatin1String("..."));
    }
    const QString words = c.group.isEmpty() ? c.name : c.group + QLatin1Char(' ') + c.name;
    // Volume names are checked here, so a bad one is a usage error before the store is opened.
    const QStringList synopsis = c.arguments.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (int i = 0; i < qMin(synopsis.size(), args.size()); ++i) {
        if (synopsis[i] == QLatin1String("NAME") || synopsis[i] == QLatin1String("OLD") || synopsis[i] == QLatin1String("NEW")) {
            try {
                trove::Registry::validateName(args[i]);
            } catch (const trove::Error &e) {
                throw UsageError(e.message());
            }
        }
    }
    if (args.size() < required)
        throw UsageError(QStringLiteral("%1 needs %2; got %3 argument(s). Usage: %4").arg(words, c.arguments).arg(args.size()).arg(usageLine(c)));
    if (!variadic && args.size() > required + optional)
        throw UsageError(QStringLiteral("%1 takes %2; got %3 arguments. Usage: %4").arg(words, c.arguments).arg(args.size()).arg(usageLine(c)));
}

int runCommand(const Command &c, const QStringList &argv, const QCommandLineParser &top)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(c.description);
    parser.addOptions(c.options);
    parser.addOptions(globalOptions());
    const QCommandLineOption help = parser.addHelpOption();
    for (const QString &word : c.arguments.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        parser.addPositionalArgument(word, QString(), word);
    if (!parser.parse(argv))
        throw UsageError(parser.errorText() + QStringLiteral("; see %1 --help").arg(usageLine(c).section(QLatin1String(" ["), 0, 0)));
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text.replace(0, text.indexOf(QLatin1Char('\n')), QStringLiteral("Usage: ") + usageLine(c));
        Cli::write(text.trimmed().toUtf8() + '\n');
        return 0;
    }
    const QStringList args = parser.positionalArguments();
    checkArguments(c, args);
    Cli cli = makeCli(parser, top);
    return c.run(cli, parser, args);
}

int dispatch(const QStringList &arguments)
{
    QCommandLineParser top;
    top.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    top.addOptions(globalOptions());
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show help."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Show the version."));
    top.addOption(help);
    top.addOption(version);
    if (!top.parse(arguments))
        throw UsageError(top.errorText() + QStringLiteral("; see %1 --help").arg(Program));
    if (top.isSet(version)) {
        Cli::out(QStringLiteral("trove-cli %1").arg(QLatin1String(TROVE_VERSION)));
        return 0;
    }
    const QList<Command> commands = volumeReadCommands() + volumeWriteCommands() + folderCommands() + storeCommands() + keyCommands() + watchCommands();
    const QStringList rest = top.positionalArguments();
    if (rest.isEmpty()) {
        printGroupHelp(QString(), commands);
        if (top.isSet(help))
            return 0;
        throw UsageError(QStringLiteral("no command given"));
    }
    QString group, name = rest.first();
    int consumed = 1;
    if (name == QLatin1String("volume")) {
        group = name;
        if (rest.size() < 2 || rest[1] == QLatin1String("--help") || rest[1] == QLatin1String("-h")) {
            printGroupHelp(group, commands);
            if (rest.size() >= 2)
                return 0;
            throw UsageError(QStringLiteral("volume needs a command: create, list, ls, put, get, cp, rm, delete, rename, history, restore, diff, fork, migrate, sync"));
        }
        name = rest[1];
        consumed = 2;
    }
    for (const Command &c : commands) {
        if (c.group == group && c.name == name) {
            const QStringList words = (group.isEmpty() ? QStringList() : QStringList{group}) + QStringList{name};
            return runCommand(c, QStringList{Program + QLatin1Char(' ') + words.join(QLatin1Char(' '))} + rest.mid(consumed), top);
        }
    }
    throw UsageError(QStringLiteral("unknown command '%1'; see %2 %3--help").arg((group.isEmpty() ? QString() : group + QLatin1Char(' ')) + name, Program,
                                                                                  group.isEmpty() ? QString() : group + QLatin1Char(' ')));
}

} // namespace

int main(int argc, char **argv)
{
    // Pack buffers (16 MiB) and chunk windows are freed and allocated again all the time:
    // keep them in the heap instead of returning them to the kernel and faulting them in anew.
    mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("trove"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TROVE_VERSION));
    try {
        return dispatch(app.arguments());
    } catch (const UsageError &e) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(Program), qPrintable(printable(e.message())));
        return 2;
    } catch (const trove::Error &e) {
        std::fprintf(stderr, "%s: error: %s\n", qPrintable(Program), qPrintable(printable(e.message())));
        return 1;
    }
}
