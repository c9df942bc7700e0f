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

// Byte limits are checked on UTF-8 only where UTF-16 length alone cannot settle them (a
// UTF-16 unit is at most 3 UTF-8 bytes): uploads normalise every file name they send.
bool utf8Exceeds(QStringView text, qsizetype limit)
{
    return text.size() * 3 > limit && text.toUtf8().size() > limit;
}

} // namespace

QString normalize(const QString &path)
{
    if (utf8Exceeds(path, 4096))
        reject(path.left(64) + QStringLiteral("..."), QStringLiteral("longer than 4,096 bytes"));
    for (const QChar c : path) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            reject(path, QStringLiteral("contains a control character (NUL, newline, ...)"));
        if (c == QLatin1Char('\\'))
            reject(path, QStringLiteral("contains a backslash; separate directories with '/'"));
    }
    QStringView p = path;
    if (p.startsWith(QLatin1Char('/')))
        p = p.mid(1);
    if (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    if (p.isEmpty())
        return {};
    bool hasDot = false;
    for (const QStringView segment : p.tokenize(QLatin1Char('/'))) {
        if (segment.isEmpty())
            reject(path, QStringLiteral("has an empty segment ('//' or a second leading '/')"));
        if (segment == QLatin1String(".."))
            reject(path, QStringLiteral("'..' is not allowed: paths stay inside the volume"));
        if (utf8Exceeds(segment, 255))
            reject(path, QStringLiteral("a name is longer than 255 bytes"));
        hasDot = hasDot || segment == QLatin1String(".");
    }
    if (!hasDot)
        return p.size() == path.size() ? path : p.toString();
    QString kept;
    for (const QStringView segment : p.tokenize(QLatin1Char('/'))) {
        if (segment == QLatin1String("."))
            continue;
        if (!kept.isEmpty())
            kept += QLatin1Char('/');
        kept += segment;
    }
    return kept;
}

} // namespace trove::remotepath
