#include "ProgressLine.h"

#include "Cli.h"

#include <sys/ioctl.h>
#include <unistd.h>

namespace cli {

QString etaText(qint64 seconds)
{
    if (seconds < 60)
        return QStringLiteral("%1s").arg(seconds);
    if (seconds < 3600)
        return QStringLiteral("%1m%2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1h%2m").arg(seconds / 3600).arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'));
}

QString progressLine(const trove::ProgressSnapshot &p, int columns)
{
    QString line = QStringLiteral("%1 / %2").arg(humanBytes(p.bytesDone), humanBytes(p.bytesTotal));
    if (p.bytesTotal > 0)
        line += QStringLiteral(" (%1%)").arg(p.bytesDone * 100 / p.bytesTotal);
    if (p.filesTotal > 1)
        line += QStringLiteral(", %1 / %2 files").arg(p.filesDone).arg(p.filesTotal);
    // An upload says how much of what it read is new, the rest being stored already.
    if (p.bytesAlreadyStored + p.bytesNew > 0)
        line += QStringLiteral(", %1 new").arg(humanBytes(p.bytesNew));
    if (p.bytesPerSecond > 0)
        line += QStringLiteral(", %1/s").arg(humanBytes(qint64(p.bytesPerSecond)));
    if (p.etaSeconds >= 0)
        line += QStringLiteral(", ETA %1").arg(etaText(p.etaSeconds));
    if (!p.transfers.isEmpty())
        line += QStringLiteral(", %1 in flight").arg(p.transfers.size());
    return line.left(qMax(1, columns - 1)); // the last column would wrap on some terminals
}

int terminalColumns()
{
    winsize size{};
    return ::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0 ? size.ws_col : 80;
}

} // namespace cli
