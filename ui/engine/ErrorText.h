#pragma once

#include "Error.h"

#include <QString>

namespace trove::ui {

// A sentence for the error banner: what failed (`context`, naming the volume or file), the
// engine's own explanation, and what the user can do about it.
QString describeError(Error::Kind kind, const QString &engineMessage, const QString &context);

} // namespace trove::ui
