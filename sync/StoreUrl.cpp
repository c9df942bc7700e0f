#include "StoreUrl.h"

#include "Error.h"
#include "Keyring.h"
#include "LocalStore.h"
#include "Repository.h"
#include "RetryingStore.h"
#include "S3Store.h"

#include <QRegularExpression>
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

// A local store's directory, or empty for an S3 URL; throws InvalidArgument for anything else.
QString localPathOf(const QString &url)
{
    if (url.startsWith(QLatin1String("s3://")))
        return QString();
    if (url.startsWith(QLatin1String("file:"))) {
        const QUrl u(url);
        if (!u.isValid() || !u.host().isEmpty() || u.path().isEmpty())
            fail(Error::Kind::InvalidArgument, QStringLiteral("store URL '%1' names no local directory; use file:///absolute/path (three slashes) or a plain directory path").arg(url));
        return u.toLocalFile();
    }
    // Anything that looks like a URL scheme is one (a typo of s3:// must not become a
    // directory); a directory whose name has a colon can be written ./name:with-colon.
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:"));
    if (scheme.match(url).hasMatch())
        fail(Error::Kind::InvalidArgument, QStringLiteral("unsupported store URL '%1'; use file:///path/to/store, a local directory, or s3://BUCKET/PREFIX?endpoint=URL").arg(url));
    return url;
}

} // namespace

void checkStoreUrl(const QString &url)
{
    if (localPathOf(url).isEmpty())
        S3Location::parse(url);
}

std::shared_ptr<Store> openStore(const QString &url, StoreOpening opening)
{
    const QString chosen = url.isEmpty() ? defaultStoreUrl() : url;
    const QString local = localPathOf(chosen);
    if (!local.isEmpty())
        return std::make_shared<LocalStore>(local, opening == StoreOpening::CreateIfMissing);
    const S3Location location = S3Location::parse(chosen);
    return std::make_shared<RetryingStore>(std::make_shared<S3Store>(location, credentialsFor(location)));
}

std::shared_ptr<Repository> openRepository(const QString &url, StoreOpening opening)
{
    return std::make_shared<Repository>(openStore(url, opening));
}

} // namespace trove
