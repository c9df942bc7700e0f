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

    std::shared_ptr<trove::Repository> repository();
    QString storeUrl() const; // the one chosen: --store, TROVE_STORE or the embedded store

    // Runs a job, showing a progress line on a terminal (nothing when stderr is piped);
    // throws its error.
    trove::JobResult runJob(trove::Job &job);

    static void out(const QString &line);     // stdout, one line
    static void warn(const QString &line);    // stderr, one line
    static void write(const QByteArray &bytes); // stdout, as is
    // Asks on a terminal; without one, refuses unless `assumeYes`.
    static bool confirm(const QString &question, bool assumeYes);

private:
    QString m_storeUrl;
    trove::TransferLimits m_limits;
    std::shared_ptr<trove::Repository> m_repo;
};

QString humanBytes(qint64 bytes);
qint64 parseVersion(const QString &text, const QString &what);   // throws UsageError
qint64 parseDuration(const QString &text, const QString &what);  // seconds; throws UsageError
QString isoTime(const QDateTime &time);

} // namespace cli
