#include "StoreUrl.h"

#include "Error.h"
#include "LocalStore.h"
#include "Repository.h"

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
    fail(Error::Kind::InvalidArgument, QStringLiteral("unsupported store URL '%1'; use file:///path/to/store or a local directory path").arg(chosen));
}

std::shared_ptr<Repository> openRepository(const QString &url)
{
    return std::make_shared<Repository>(openStore(url));
}

} // namespace trove
