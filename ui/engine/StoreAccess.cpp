#include "StoreAccess.h"

#include "FileDescriptor.h"
#include "LocalStore.h"
#include "Repository.h"

#include <QFile>
#include <cerrno>
#include <unistd.h>

namespace trove::ui {

bool StoreAccess::isWritable(Repository &repo)
{
    const auto *local = dynamic_cast<const LocalStore *>(&repo.store());
    return !local || ::access(QFile::encodeName(local->root()).constData(), W_OK) == 0;
}

bool StoreAccess::isRefusedWrite(Error::Kind kind, const QString &message)
{
    if (kind != Error::Kind::Io)
        return false;
    // The engine reports these as Io with the system's or the store's own words.
    return message.contains(QLatin1String("access denied")) || message.contains(errnoText(EROFS)) || message.contains(errnoText(EACCES));
}

} // namespace trove::ui
