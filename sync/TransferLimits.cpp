#include "TransferLimits.h"

#include <QRegularExpression>

namespace trove {

qint64 TransferLimits::parseRate(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d+(?:\\.\\d+)?)([kKmMgG]?)$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return -1;
    const QString unit = m.captured(2).toLower();
    const double scale = unit == QLatin1String("k") ? 1e3 : unit == QLatin1String("m") ? 1e6 : unit == QLatin1String("g") ? 1e9 : 1;
    return qint64(m.captured(1).toDouble() * scale);
}

int TransferLimits::parseTransfers(const QString &text)
{
    bool ok = false;
    const int n = text.trimmed().toInt(&ok);
    return ok && n >= 1 && n <= MaxTransfers ? n : -1;
}

TransferLimits TransferLimits::fromEnvironment()
{
    TransferLimits limits;
    const int transfers = parseTransfers(qEnvironmentVariable("TROVE_TRANSFERS"));
    if (transfers > 0)
        limits.transfers = transfers;
    const qint64 rate = parseRate(qEnvironmentVariable("TROVE_BANDWIDTH"));
    if (rate > 0)
        limits.bytesPerSecond = rate;
    return limits;
}

} // namespace trove
