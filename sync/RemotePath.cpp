#include "RemotePath.h"

#include "Error.h"

namespace trove::remotepath {
namespace {

[[noreturn]] void reject(const QString &path, const QString &why)
{
    QString shown = path;
    shown.replace(QChar(0), QStringLiteral("\\0"));
    fail(Error::Kind::InvalidArgument, QStringLiteral("invalid volume path '%1': %2").arg(shown, why));
}

} // namespace

QString normalize(const QString &path)
{
    if (path.toUtf8().size() > 4096)
        reject(path.left(64) + QStringLiteral("..."), QStringLiteral("longer than 4,096 bytes"));
    for (const QChar c : path) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            reject(path, QStringLiteral("contains a control character (NUL, newline, ...)"));
        if (c == QLatin1Char('\\'))
            reject(path, QStringLiteral("contains a backslash; separate directories with '/'"));
    }
    QString p = path;
    if (p.startsWith(QLatin1Char('/')))
        p.remove(0, 1);
    if (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    if (p.isEmpty())
        return {};
    QStringList kept;
    for (const QString &segment : p.split(QLatin1Char('/'))) {
        if (segment.isEmpty())
            reject(path, QStringLiteral("has an empty segment ('//' or a second leading '/')"));
        if (segment == QLatin1String(".."))
            reject(path, QStringLiteral("'..' is not allowed: paths stay inside the volume"));
        if (segment == QLatin1String("."))
            continue;
        if (segment.toUtf8().size() > 255)
            reject(path, QStringLiteral("a name is longer than 255 bytes"));
        kept.append(segment);
    }
    return kept.join(QLatin1Char('/'));
}

} // namespace trove::remotepath
