#pragma once

#include <QDateTime>
#include <QLocale>
#include <QString>

namespace trove::ui {

// Sizes in binary units, as trove-cli prints them ("390.6 KiB").
inline QString formatSize(qint64 bytes)
{
    return QLocale::system().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

// Times in local time, compact and sortable by eye ("2026-11-20 14:30").
inline QString formatTime(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

} // namespace trove::ui
