#pragma once

#include "Cli.h"

#include <QCommandLineParser>
#include <functional>

namespace cli {

// One subcommand: its words, arguments, options and action. The dispatcher in main.cpp
// builds a parser from it, checks the argument count and prints --help from the same data.
struct Command
{
    QString group;        // "volume" or "" for top-level commands
    QString name;
    QString arguments;    // e.g. "NAME LOCAL_PATH [REMOTE_PATH]"; "X..." takes one or more
    QString description;
    QList<QCommandLineOption> options;
    std::function<int(Cli &, const QCommandLineParser &, const QStringList &)> run;
};

// Option names shared by several commands.
namespace option {
inline const QString Json = QStringLiteral("json");
inline const QString Recursive = QStringLiteral("recursive");
inline const QString Force = QStringLiteral("force");
inline const QString AtVersion = QStringLiteral("at-version");
} // namespace option

QList<Command> volumeReadCommands();
QList<Command> volumeWriteCommands();
QList<Command> storeCommands();
QList<Command> keyCommands();
QList<Command> folderCommands();

inline QCommandLineOption flag(const QStringList &names, const QString &description)
{
    return QCommandLineOption(names, description);
}
inline QCommandLineOption valued(const QStringList &names, const QString &description, const QString &valueName)
{
    return QCommandLineOption(names, description, valueName);
}

} // namespace cli
