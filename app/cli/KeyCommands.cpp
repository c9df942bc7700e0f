// login and logout: S3 keys kept in the desktop keyring for the chosen store.
#include "CommandTable.h"
#include "Keyring.h"
#include "S3Store.h"

#include <iostream>
#include <string>
#include <termios.h>
#include <unistd.h>

using namespace trove;

namespace cli {
namespace {

S3Location chosenS3Store(const Cli &cli, const QString &command)
{
    const QString url = cli.storeUrl();
    if (!url.startsWith(QLatin1String("s3://")))
        throw UsageError(QStringLiteral("%1 is for S3 stores, and the store is %2; choose one with --store s3://BUCKET?endpoint=URL or TROVE_STORE")
                             .arg(command, url));
    return S3Location::parse(url);
}

QString entryOf(const S3Location &location) { return keyring::entryFor(location.endpoint.toString(), location.bucket); }

// One line from standard input; on a terminal after a prompt, without echo for secrets.
QString readLine(const char *prompt, bool echo)
{
    const bool terminal = ::isatty(STDIN_FILENO);
    termios saved{};
    if (terminal) {
        std::fprintf(stderr, "%s", prompt);
        std::fflush(stderr);
        if (!echo && ::tcgetattr(STDIN_FILENO, &saved) == 0) {
            termios quiet = saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        }
    }
    std::string line;
    std::getline(std::cin, line);
    if (terminal && !echo) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fprintf(stderr, "\n");
    }
    return QString::fromStdString(line).trimmed();
}

int login(Cli &cli, const QCommandLineParser &, const QStringList &)
{
    const S3Location location = chosenS3Store(cli, QStringLiteral("login"));
    AwsCredentials keys;
    keys.accessKeyId = readLine("Access key ID: ", true);
    keys.secretAccessKey = readLine("Secret access key: ", false);
    keys.source = QStringLiteral("trove-cli login");
    if (!keys.isComplete())
        fail(Error::Kind::InvalidArgument, QStringLiteral("login needs the access key ID and the secret access key, one per line on standard input"));
    // Keys that do not work are not kept: one listing request checks them first.
    S3Store(location, keys).list(QString(), QString(), 1);
    keyring::save(entryOf(location), keys);
    Cli::out(QStringLiteral("saved the keys for %1 in the desktop keyring").arg(entryOf(location)));
    return 0;
}

int logout(Cli &cli, const QCommandLineParser &, const QStringList &)
{
    const S3Location location = chosenS3Store(cli, QStringLiteral("logout"));
    Cli::out(keyring::remove(entryOf(location)) ? QStringLiteral("removed the keys for %1 from the desktop keyring").arg(entryOf(location))
                                                : QStringLiteral("no keys were saved for %1").arg(entryOf(location)));
    return 0;
}

} // namespace

QList<Command> keyCommands()
{
    return {
        {QString(), QStringLiteral("login"), QString(),
         QStringLiteral("Save S3 keys for the store (--store or TROVE_STORE) in the desktop keyring, after checking them. "
                        "Reads the access key ID and the secret access key, one per line, from standard input (prompts on a terminal). "
                        "Used when the environment has no keys and no profile is named."),
         {}, login},
        {QString(), QStringLiteral("logout"), QString(), QStringLiteral("Remove the store's S3 keys from the desktop keyring."), {}, logout},
    };
}

} // namespace cli
