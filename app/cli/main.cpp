// trove-cli: volumes from the command line, mirroring `modal volume ...`.
#include "Cli.h"
#include "CommandTable.h"

#include <QCoreApplication>
#include <cstdio>
#include <malloc.h>

using namespace cli;

namespace {

const QString Program = QStringLiteral("trove-cli");

QCommandLineOption storeOption()
{
    return valued({QStringLiteral("store")},
                  QStringLiteral("Store URL: file:///path or a directory (default: $TROVE_STORE, else the embedded local store)."),
                  QStringLiteral("URL"));
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
    text += QStringLiteral("\nOptions:\n  --store URL          %1\n  -h, --help           Show help; every command has its own.\n")
                .arg(storeOption().description());
    if (group.isEmpty())
        text += QStringLiteral("  -v, --version        Show the version.\n\nExit status: 0 success, 2 usage error, 1 any other error.\n");
    Cli::out(text);
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
    if (args.size() < required)
        throw UsageError(QStringLiteral("%1 needs %2; got %3 argument(s). Usage: %4").arg(words, c.arguments).arg(args.size()).arg(usageLine(c)));
    if (!variadic && args.size() > required + optional)
        throw UsageError(QStringLiteral("%1 takes %2; got %3 arguments. Usage: %4").arg(words, c.arguments).arg(args.size()).arg(usageLine(c)));
}

int runCommand(const Command &c, const QStringList &argv, const QString &globalStore)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(c.description);
    parser.addOptions(c.options);
    parser.addOption(storeOption());
    const QCommandLineOption help = parser.addHelpOption();
    for (const QString &word : c.arguments.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        parser.addPositionalArgument(word, QString(), word);
    if (!parser.parse(argv))
        throw UsageError(parser.errorText() + QStringLiteral("; see %1 --help").arg(usageLine(c).section(QLatin1String(" ["), 0, 0)));
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text.replace(0, text.indexOf(QLatin1Char('\n')), QStringLiteral("Usage: ") + usageLine(c));
        Cli::out(text.trimmed());
        return 0;
    }
    const QStringList args = parser.positionalArguments();
    checkArguments(c, args);
    Cli cli(parser.isSet(QStringLiteral("store")) ? parser.value(QStringLiteral("store")) : globalStore);
    return c.run(cli, parser, args);
}

int dispatch(const QStringList &arguments)
{
    QCommandLineParser top;
    top.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    top.addOption(storeOption());
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
    const QList<Command> commands = volumeReadCommands() + volumeWriteCommands() + storeCommands();
    const QStringList rest = top.positionalArguments();
    if (rest.isEmpty()) {
        printGroupHelp(QString(), commands);
        if (top.isSet(help))
            return 0;
        throw UsageError(QStringLiteral("no command given"));
    }
    const QString store = top.value(QStringLiteral("store"));
    QString group, name = rest.first();
    int consumed = 1;
    if (name == QLatin1String("volume")) {
        group = name;
        if (rest.size() < 2 || rest[1] == QLatin1String("--help") || rest[1] == QLatin1String("-h")) {
            printGroupHelp(group, commands);
            if (rest.size() >= 2)
                return 0;
            throw UsageError(QStringLiteral("volume needs a command: create, list, ls, put, get, cp, rm, delete, rename, history, restore, diff, fork, migrate"));
        }
        name = rest[1];
        consumed = 2;
    }
    for (const Command &c : commands) {
        if (c.group == group && c.name == name) {
            const QStringList words = (group.isEmpty() ? QStringList() : QStringList{group}) + QStringList{name};
            return runCommand(c, QStringList{Program + QLatin1Char(' ') + words.join(QLatin1Char(' '))} + rest.mid(consumed), store);
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
        std::fprintf(stderr, "%s: %s\n", qPrintable(Program), qPrintable(e.message()));
        return 2;
    } catch (const trove::Error &e) {
        std::fprintf(stderr, "%s: error: %s\n", qPrintable(Program), qPrintable(e.message()));
        return 1;
    }
}
