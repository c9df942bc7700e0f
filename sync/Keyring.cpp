#include "Keyring.h"

#include "Error.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <qt6keychain/keychain.h>

namespace trove::keyring {
namespace {

const QString Service = QStringLiteral("trove");

// QtKeychain's jobs are asynchronous; run one to its end here.
void runToEnd(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
}

// Without a session bus there is no keyring: asking would only wait for a timeout.
bool sessionBusAvailable() { return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"); }

} // namespace

QString entryFor(const QString &endpoint, const QString &bucket) { return QStringLiteral("s3://%1 at %2").arg(bucket, endpoint); }

void save(const QString &entry, const AwsCredentials &credentials)
{
    if (!sessionBusAvailable())
        fail(Error::Kind::Io, QStringLiteral("no desktop keyring is reachable (no D-Bus session); keys are never saved in plain text. "
                                             "Log in to a desktop session, or use AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or ~/.aws/credentials"));
    QKeychain::WritePasswordJob job(Service);
    job.setInsecureFallback(false);
    job.setKey(entry);
    QJsonObject keys{{QStringLiteral("accessKeyId"), credentials.accessKeyId},
                     {QStringLiteral("secretAccessKey"), credentials.secretAccessKey}};
    if (!credentials.sessionToken.isEmpty())
        keys.insert(QStringLiteral("sessionToken"), credentials.sessionToken);
    job.setBinaryData(QJsonDocument(keys).toJson(QJsonDocument::Compact));
    runToEnd(job);
    if (job.error() != QKeychain::NoError)
        fail(Error::Kind::Io, QStringLiteral("cannot save the keys for %1 in the desktop keyring: %2").arg(entry, job.errorString()));
}

std::optional<AwsCredentials> load(const QString &entry)
{
    if (!sessionBusAvailable())
        return std::nullopt;
    QKeychain::ReadPasswordJob job(Service);
    job.setInsecureFallback(false);
    job.setKey(entry);
    runToEnd(job);
    if (job.error() != QKeychain::NoError)
        return std::nullopt;
    const QJsonObject keys = QJsonDocument::fromJson(job.binaryData()).object();
    AwsCredentials credentials;
    credentials.accessKeyId = keys.value(QStringLiteral("accessKeyId")).toString();
    credentials.secretAccessKey = keys.value(QStringLiteral("secretAccessKey")).toString();
    credentials.sessionToken = keys.value(QStringLiteral("sessionToken")).toString();
    credentials.source = QStringLiteral("the desktop keyring");
    credentials.origin = AwsCredentials::Origin::Keyring;
    if (!credentials.isComplete())
        return std::nullopt;
    return credentials;
}

bool remove(const QString &entry)
{
    if (!load(entry)) // deleting a missing entry reports no error: tell the cases apart
        return false;
    QKeychain::DeletePasswordJob job(Service);
    job.setInsecureFallback(false);
    job.setKey(entry);
    runToEnd(job);
    return job.error() == QKeychain::NoError;
}

} // namespace trove::keyring
