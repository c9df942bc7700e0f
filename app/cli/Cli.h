#pragma once

#include "Error.h"
#include "Job.h"
#include "TransferLimits.h"

#include <QString>
#include <memory>
#include <stdexcept>

namespace trove {
class Repository;
}

namespace cli {

// Wrong command-line syntax: exit status 2.
class UsageError : public std::runtime_error
{
public:
    explicit UsageError(const QString &message) : std::runtime_error(message.toStdString()), m_message(message) {}
    QString message() const { return m_message; }

private:
    QString m_message;
};

// What every command shares: the store, and how to talk to the user.
class Cli
{
public:
    Cli(const QString &storeUrl, const trove::TransferLimits &limits) : m_storeUrl(storeUrl), m_limits(limits) {}

    // The store, opened once. A store named by --store or TROVE_STORE must exist unless
    // `createStore` (a mistyped path is an error, not a new store); the embedded one is made.
    std::shared_ptr<trove::Repository> repository(bool createStore = false);
    QString storeUrl() const; // the one chosen: --store, TROVE_STORE or the embedded store
    const trove::TransferLimits &limits() const { return m_limits; }

    // Runs a job, showing a progress line on a terminal (nothing when stderr is piped);
    // throws its error.
    trove::JobResult runJob(trove::Job &job);

    // One line each, through printable(): a name never moves the cursor or splits a line.
    static void out(const QString &line);     // stdout
    static void warn(const QString &line);    // stderr
    static void write(const QByteArray &bytes); // stdout, as is (help text, JSON, file bytes)
    // Asks on a terminal; without one, refuses unless `assumeYes`.
    static bool confirm(const QString &question, bool assumeYes);

private:
    QString m_storeUrl;
    trove::TransferLimits m_limits;
    std::shared_ptr<trove::Repository> m_repo;
};

// `text` with control characters (C0, DEL, C1) as \xHH and line separators and bidi
// overrides as \uHHHH, so names from files and stores print as one inert line.
QString printable(const QString &text);
QString humanBytes(qint64 bytes);
qint64 parseVersion(const QString &text, const QString &what);   // throws UsageError
qint64 parseDuration(const QString &text, const QString &what);  // seconds; throws UsageError
QString isoTime(const QDateTime &time);

} // namespace cli
