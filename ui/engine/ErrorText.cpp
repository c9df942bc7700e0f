#include "ErrorText.h"

#include <QCoreApplication>

namespace trove::ui {

namespace {

// What to do about an error of `kind`, untranslated; nullptr when nothing is to be done.
const char *advice(Error::Kind kind)
{
    switch (kind) {
    case Error::Kind::Unavailable:
        return QT_TRANSLATE_NOOP("trove::ui::ErrorText", "The store did not answer. Your pending changes are kept; try again when it is reachable.");
    case Error::Kind::Io:
        return QT_TRANSLATE_NOOP("trove::ui::ErrorText", "Check that the store is reachable and that you may write to it, then try again.");
    case Error::Kind::NotFound:
        return QT_TRANSLATE_NOOP("trove::ui::ErrorText", "It may have been changed by someone else: press Reload to see the newest version.");
    case Error::Kind::AlreadyExists:
        return QT_TRANSLATE_NOOP("trove::ui::ErrorText", "Choose another name, or remove the existing one first.");
    case Error::Kind::Conflict:
        return QT_TRANSLATE_NOOP("trove::ui::ErrorText", "Another writer changed it at the same time: press Reload, then try again.");
    case Error::Kind::Corrupt:
        return QT_TRANSLATE_NOOP("trove::ui::ErrorText", "Stored data is damaged: run \"trove-cli check\" on this store.");
    case Error::Kind::Limit:
        return QT_TRANSLATE_NOOP("trove::ui::ErrorText", "This volume's format does not allow it.");
    case Error::Kind::InvalidArgument:
        return QT_TRANSLATE_NOOP("trove::ui::ErrorText", "Check the name or path and try again.");
    case Error::Kind::Busy:
        return QT_TRANSLATE_NOOP("trove::ui::ErrorText", "Close the files that are open and try again.");
    case Error::Kind::Cancelled:
        return nullptr;
    }
    return nullptr;
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
    if (const char *what = advice(kind))
        parts << QCoreApplication::translate("trove::ui::ErrorText", what);
    return parts.join(QLatin1Char(' '));
}

} // namespace trove::ui
