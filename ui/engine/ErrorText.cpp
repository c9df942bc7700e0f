#include "ErrorText.h"

#include <QCoreApplication>

namespace trove::ui {

namespace {

QString advice(Error::Kind kind)
{
    auto tr = [](const char *text) { return QCoreApplication::translate("trove::ui::ErrorText", text); };
    switch (kind) {
    case Error::Kind::Unavailable:
        return tr("The store did not answer. Your pending changes are kept; try again when it is reachable.");
    case Error::Kind::Io:
        return tr("Check that the store is reachable and that you may write to it, then try again.");
    case Error::Kind::NotFound:
        return tr("It may have been changed by someone else: press Reload to see the newest version.");
    case Error::Kind::AlreadyExists:
        return tr("Choose another name, or remove the existing one first.");
    case Error::Kind::Conflict:
        return tr("Another writer changed it at the same time: press Reload, then try again.");
    case Error::Kind::Corrupt:
        return tr("Stored data is damaged: run \"trove-cli check\" on this store.");
    case Error::Kind::Limit:
        return tr("This volume's format does not allow it.");
    case Error::Kind::InvalidArgument:
        return tr("Check the name or path and try again.");
    case Error::Kind::Busy:
        return tr("Close the files that are open and try again.");
    case Error::Kind::Cancelled:
        return {};
    }
    return {};
}

} // namespace

QString describeError(Error::Kind kind, const QString &engineMessage, const QString &context)
{
    QStringList parts{context};
    if (!engineMessage.isEmpty()) {
        QString detail = engineMessage;
        detail[0] = detail[0].toUpper();
        if (!detail.endsWith(QLatin1Char('.')))
            detail += QLatin1Char('.');
        parts << detail;
    }
    const QString what = advice(kind);
    if (!what.isEmpty())
        parts << what;
    return parts.join(QLatin1Char(' '));
}

} // namespace trove::ui
