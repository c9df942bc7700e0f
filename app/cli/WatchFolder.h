#pragma once

#include "BoundFolder.h"
#include "Cli.h"
#include "CommandTable.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <optional>

namespace cli {

// --watch and --interval of `volume sync`.
QList<QCommandLineOption> watchOptions();

// Refuses a malformed --interval, or one without --watch: called before the first sync, so
// a typo costs nothing.
void checkWatchOptions(const QCommandLineParser &parser);

// With --watch: keeps the bound `folder` in sync (commits what changes, reloads newer
// versions) printing one line per event, until SIGINT or SIGTERM, then makes a last commit.
// Returns the exit status; nothing without --watch (a lone --interval is a usage error).
std::optional<int> watchIfAsked(const QCommandLineParser &parser, const trove::BoundFolder &folder,
                                const trove::FolderSyncOptions &options);

// `watch LOCAL_DIR`: the same for a folder bound before, e.g. by trove-sync@.service.
QList<Command> watchCommands();

} // namespace cli
