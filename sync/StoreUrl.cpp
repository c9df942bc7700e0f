#include "StoreUrl.h"

#include "Error.h"
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

std::shared_ptr<Store> openStore(const QString &url)
{
    const QString chosen = url.isEmpty() ? defaultStoreUrl() : url;
    if (chosen.startsWith(QLatin1String("file://")))
        return std::make_shared<LocalStore>(QUrl(chosen).toLocalFile());
    if (chosen.startsWith(QLatin1Char('/')) || chosen.startsWith(QLatin1Char('.')))
        return std::make_shared<LocalStore>(chosen);
    if (chosen.startsWith(QLatin1String("s3://"))) {
        const S3Location location = S3Location::parse(chosen);
        return std::make_shared<RetryingStore>(std::make_shared<S3Store>(location, AwsCredentials::resolve(location.profile)));
    }
    fail(Error::Kind::InvalidArgument, QStringLiteral("unsupported store URL '%1'; use file:///path/to/store, a local directory, or s3://BUCKET/PREFIX?endpoint=URL").arg(chosen));
}

std::shared_ptr<Repository> openRepository(const QString &url)
{
    return std::make_shared<Repository>(openStore(url));
}

} // namespace trove
