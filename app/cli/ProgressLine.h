#pragma once

#include "Job.h"

#include <QString>

namespace cli {

// The one line trove-cli redraws on a terminal while a job runs: bytes done of the total and
// the share, files, rate, time left, requests in flight; cut to `columns` characters, since a
// line that wraps cannot be redrawn in place with '\r'.
QString progressLine(const trove::ProgressSnapshot &progress, int columns);
// "42s", "3m05s", "1h02m" for the time left.
QString etaText(qint64 seconds);
// Columns of the terminal on standard error, 80 when it does not say.
int terminalColumns();

} // namespace cli
