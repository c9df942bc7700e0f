#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>

namespace trove {
class Repository;
class Volume;
}

namespace testing {

// A private store and cache; the environment points trove-cli at them, so child processes
// share them. The store is a temporary directory, or, when TROVE_TEST_STORE names an S3
// store, a fresh prefix in it: the same suites run against both.
class Sandbox
{
public:
    Sandbox();
    QString path(const QString &relative = {}) const;
    QString storePath() const { return path(QStringLiteral("store")); }
    QString storeUrl() const { return m_storeUrl; }
    bool isLocal() const { return m_storeUrl == storePath(); }
    std::shared_ptr<trove::Repository> repository();

private:
    QTemporaryDir m_dir;
    QString m_storeUrl;
    std::shared_ptr<trove::Repository> m_repo;
};

// Deterministic pseudo-random bytes (xorshift), fast enough for a GiB.
QByteArray randomBytes(qint64 size, quint64 seed);
void writeFile(const QString &path, const QByteArray &data);
QByteArray readFile(const QString &path);
// A whole file of a volume, read chunk by chunk as a user of the API would.
QByteArray readVolumeFile(trove::Volume &volume, const QString &path);

// A TCP socket listening on 127.0.0.1 on a free port, for the tests' loopback servers.
int listenOnLoopback(int *port);

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};
// What a commit's summary line says went over the wire: "committed version 3 of 'v' (12 new
// chunks, 16.0 MiB sent, 1.0 GiB already in the store)", sizes to within their rounding; -1
// when there is no such line.
struct CommitSummary
{
    qint64 newChunks = -1;
    qint64 sentBytes = -1;
    qint64 alreadyStoredBytes = -1;
};
CommitSummary commitSummary(const QByteArray &out);
// Runs trove-cli with the sandbox's environment and waits for it.
CliResult runCli(const QStringList &arguments, const QByteArray &stdinData = {});
QProcess *startCli(const QStringList &arguments, QObject *parent = nullptr);
// The same with a terminal for its standard input and output (through script(1)), as a
// user at a prompt: `typed` is what the user types. Output is the terminal's, echo included.
CliResult runCliOnTerminal(const QStringList &arguments, const QByteArray &typed);

} // namespace testing
