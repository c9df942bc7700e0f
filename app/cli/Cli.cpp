#include "Cli.h"

#include "ProgressLine.h"
#include "Repository.h"
#include "StoreUrl.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QRegularExpression>
#include <QTextStream>
#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace cli {

std::shared_ptr<trove::Repository> Cli::repository(bool createStore)
{
    if (!m_repo) {
        const bool chosen = !m_storeUrl.isEmpty() || !qEnvironmentVariableIsEmpty("TROVE_STORE");
        m_repo = trove::openRepository(m_storeUrl, createStore || !chosen ? trove::StoreOpening::CreateIfMissing : trove::StoreOpening::MustExist);
        m_repo->setLimits(m_limits);
    }
    return m_repo;
}

QString printable(const QString &text)
{
    auto needsEscape = [](char16_t u) {
        return u < 0x20 || (u >= 0x7f && u <= 0x9f) || u == 0x200e || u == 0x200f || (u >= 0x2028 && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069);
    };
    if (std::none_of(text.cbegin(), text.cend(), [&](QChar c) { return needsEscape(c.unicode()); }))
        return text;
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!needsEscape(u))
            out += c;
        else if (u <= 0xff)
            out += QStringLiteral("\\x%1").arg(uint(u), 2, 16, QLatin1Char('0'));
        else
            out += QStringLiteral("\\u%1").arg(uint(u), 4, 16, QLatin1Char('0'));
    }
    return out;
}

QString humanBytes(qint64 bytes)
{
    const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = double(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 4) {
        value /= 1024;
        ++unit;
    }
    return unit == 0 ? QStringLiteral("%1 B").arg(bytes) : QStringLiteral("%1 %2").arg(value, 0, 'f', 1).arg(QLatin1String(units[unit]));
}

QString isoTime(const QDateTime &time) { return time.toUTC().toString(Qt::ISODate); }

QString Cli::storeUrl() const { return m_storeUrl.isEmpty() ? trove::defaultStoreUrl() : m_storeUrl; }

trove::JobResult Cli::runJob(trove::Job &job)
{
    const bool terminal = ::isatty(STDERR_FILENO);
    QEventLoop loop;
    if (terminal) {
        QObject::connect(&job, &trove::Job::progress, &loop, [](const trove::ProgressSnapshot &p) {
            std::fprintf(stderr, "\r\033[K%s", qPrintable(progressLine(p, terminalColumns())));
            std::fflush(stderr);
        });
    }
    QObject::connect(&job, &trove::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (terminal) {
        std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
    }
    const trove::JobResult &result = job.result();
    if (!result.ok)
        throw trove::Error(result.errorKind, result.error);
    for (const QString &w : result.warnings)
        warn(QStringLiteral("warning: ") + w);
    return result;
}

void Cli::out(const QString &line) { write(printable(line).toUtf8() + '\n'); }

void Cli::warn(const QString &line)
{
    const QByteArray bytes = printable(line).toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
}

void Cli::write(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

bool Cli::confirm(const QString &question, bool assumeYes)
{
    if (assumeYes)
        return true;
    if (!::isatty(STDIN_FILENO))
        throw UsageError(QStringLiteral("%1 needs confirmation: pass -y/--yes when not on a terminal").arg(question));
    std::fprintf(stderr, "%s [y/N] ", qPrintable(printable(question)));
    std::fflush(stderr);
    QTextStream in(stdin);
    const QString answer = in.readLine().trimmed().toLower();
    return answer == QLatin1String("y") || answer == QLatin1String("yes");
}

qint64 parseVersion(const QString &text, const QString &what)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < 1)
        throw UsageError(QStringLiteral("%1 must be a version number (1, 2, ...), not '%2'").arg(what, text));
    return v;
}

qint64 parseDuration(const QString &text, const QString &what)
{
    static const QRegularExpression re(QStringLiteral("^(\\d+)([smhd]?)$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        throw UsageError(QStringLiteral("%1 must be a duration like 90s, 30m, 1h or 2d, not '%2'").arg(what, text));
    const qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2);
    return unit == QLatin1String("m") ? n * 60 : unit == QLatin1String("h") ? n * 3600 : unit == QLatin1String("d") ? n * 86400 : n;
}

} // namespace cli
