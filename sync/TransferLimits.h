#pragma once

#include <QString>

namespace trove {

// How much a transfer may use: packs stored or ranges fetched at once, and bytes per second
// in each direction (0: unlimited). From TROVE_TRANSFERS and TROVE_BANDWIDTH by default, or
// trove-cli's --transfers and --limit-rate.
struct TransferLimits
{
    int transfers = 4;
    qint64 bytesPerSecond = 0;

    static TransferLimits fromEnvironment();
    // "50M", "1.5G", "800k", "1000000": bytes per second; -1 when malformed.
    static qint64 parseRate(const QString &text);
};

} // namespace trove
