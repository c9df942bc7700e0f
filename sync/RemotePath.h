#pragma once

#include <QString>
#include <QStringList>

namespace trove::remotepath {

// Paths inside a volume are '/'-separated and relative to its root; "" is the root. A
// leading '/', one trailing '/' and '.' segments are accepted and dropped. Rejected with
// InvalidArgument, naming the path: '..', empty segments ("a//b"), NUL and other control
// characters, backslashes, segments over 255 bytes, paths over 4,096 bytes.
QString normalize(const QString &path);

inline QStringList split(const QString &normalized)
{
    return normalized.isEmpty() ? QStringList() : normalized.split(QLatin1Char('/'));
}
inline QString parentOf(const QString &normalized) { return normalized.section(QLatin1Char('/'), 0, -2); }
inline QString nameOf(const QString &normalized) { return normalized.section(QLatin1Char('/'), -1); }
inline QString join(const QString &dir, const QString &name)
{
    return dir.isEmpty() ? name : name.isEmpty() ? dir : dir + QLatin1Char('/') + name;
}

} // namespace trove::remotepath
