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

    static constexpr int MaxTransfers = 64;

    // Malformed values in the environment are ignored here; trove-cli refuses them.
    static TransferLimits fromEnvironment();
    // "1" to "64"; -1 when malformed or out of range.
    static int parseTransfers(const QString &text);
    // "50M", "1.5G", "800k", "1000000": bytes per second; -1 when malformed.
    static qint64 parseRate(const QString &text);
};

} // namespace trove
