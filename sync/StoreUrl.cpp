#include "StoreUrl.h"

#include "Error.h"
#include "Keyring.h"
#include "LocalStore.h"
#include "Repository.h"
#include "RetryingStore.h"
#include "S3Store.h"

#include <QStandardPaths>
#include <QUrl>

namespace trove {

QString defaultStoreUrl()
{
    const QString fromEnvironment = qEnvironmentVariable("TROVE_STORE");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QUrl::fromLocalFile(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/trove/store")).toString();
}

namespace {

AwsCredentials credentialsFor(const S3Location &location)
{
    AwsCredentials credentials = AwsCredentials::resolve(location.profile);
    // Keys saved with `trove-cli login` come after the environment's, and before profiles
    // unless a profile was named.
    const bool profileNamed = !location.profile.isEmpty() || !qEnvironmentVariableIsEmpty("AWS_PROFILE");
    if (credentials.origin == AwsCredentials::Origin::Environment || (credentials.origin == AwsCredentials::Origin::Profile && profileNamed))
        return credentials;
    if (const auto saved = keyring::load(keyring::entryFor(location.endpoint.toString(), location.bucket))) {
        credentials.accessKeyId = saved->accessKeyId;
        credentials.secretAccessKey = saved->secretAccessKey;
        credentials.sessionToken = saved->sessionToken;
        credentials.source = saved->source;
        credentials.origin = saved->origin;
    }
    return credentials;
}

} // namespace

std::shared_ptr<Store> openStore(const QString &url)
{
    const QString chosen = url.isEmpty() ? defaultStoreUrl() : url;
    if (chosen.startsWith(QLatin1String("file://")))
        return std::make_shared<LocalStore>(QUrl(chosen).toLocalFile());
    if (chosen.startsWith(QLatin1Char('/')) || chosen.startsWith(QLatin1Char('.')))
        return std::make_shared<LocalStore>(chosen);
    if (chosen.startsWith(QLatin1String("s3://"))) {
        const S3Location location = S3Location::parse(chosen);
        return std::make_shared<RetryingStore>(std::make_shared<S3Store>(location, credentialsFor(location)));
    }
    fail(Error::Kind::InvalidArgument, QStringLiteral("unsupported store URL '%1'; use file:///path/to/store, a local directory, or s3://BUCKET/PREFIX?endpoint=URL").arg(chosen));
}

std::shared_ptr<Repository> openRepository(const QString &url)
{
    return std::make_shared<Repository>(openStore(url));
}

} // namespace trove
