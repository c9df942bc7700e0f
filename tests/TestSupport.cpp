#include "TestSupport.h"

#include "StoreUrl.h"
#include "Repository.h"
#include "Volume.h"

#include <QDir>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>
#include <QFile>
#include <QtTest>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace testing {

Sandbox::Sandbox()
{
    QVERIFY2(m_dir.isValid(), "cannot create a temporary directory");
    m_storeUrl = storePath();
    const QString remote = qEnvironmentVariable("TROVE_TEST_STORE");
    if (!remote.isEmpty()) {
        QUrl url(remote);
        url.setPath(url.path() + QStringLiteral("/t-%1").arg(QRandomGenerator::global()->generate64(), 0, 36));
        m_storeUrl = url.toString();
    }
    qputenv("TROVE_STORE", m_storeUrl.toUtf8());
    qputenv("XDG_CACHE_HOME", path(QStringLiteral("cache")).toUtf8());
    qputenv("XDG_DATA_HOME", path(QStringLiteral("data")).toUtf8());
    qunsetenv("TROVE_JOURNAL");
}

QString Sandbox::path(const QString &relative) const
{
    return relative.isEmpty() ? m_dir.path() : m_dir.filePath(relative);
}

std::shared_ptr<trove::Repository> Sandbox::repository()
{
    if (!m_repo)
        m_repo = trove::openRepository(m_storeUrl);
    return m_repo;
}

QByteArray readVolumeFile(trove::Volume &volume, const QString &path)
{
    trove::FileReader reader = volume.readFile(path);
    QByteArray all;
    while (!reader.atEnd())
        all += reader.next();
    return all;
}

QByteArray randomBytes(qint64 size, quint64 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    quint64 x = seed * 0x9E3779B97F4A7C15ull + 1;
    auto *p = reinterpret_cast<unsigned char *>(out.data());
    qint64 i = 0;
    for (; i + 8 <= size; i += 8) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        memcpy(p + i, &x, 8);
    }
    for (; i < size; ++i)
        p[i] = static_cast<unsigned char>(x >> (8 * (i % 8)));
    return out;
}

CommitSummary commitSummary(const QByteArray &out)
{
    static const QRegularExpression line(QStringLiteral("committed version \\d+ of '.*' \\((\\d+) new chunks, ([\\d.]+) (\\w+) sent, ([\\d.]+) (\\w+) already in the store\\)"));
    const QRegularExpressionMatch m = line.match(QString::fromUtf8(out));
    if (!m.hasMatch())
        return {};
    auto bytes = [](const QString &number, const QString &unit) {
        static const QStringList units{QStringLiteral("bytes"), QStringLiteral("KiB"), QStringLiteral("MiB"), QStringLiteral("GiB"), QStringLiteral("TiB")};
        return qint64(number.toDouble() * double(qint64(1) << (10 * qMax(0, units.indexOf(unit)))));
    };
    return {m.captured(1).toLongLong(), bytes(m.captured(2), m.captured(3)), bytes(m.captured(4), m.captured(5))};
}

void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(f.write(data), data.size());
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

int listenOnLoopback(int *port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    ::listen(fd, 64);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    *port = ntohs(addr.sin_port);
    return fd;
}

QProcess *startCli(const QStringList &arguments, QObject *parent)
{
    auto *p = new QProcess(parent);
    p->setProgram(QStringLiteral(TROVE_CLI));
    p->setArguments(arguments);
    p->start();
    return p;
}

CliResult runCli(const QStringList &arguments, const QByteArray &stdinData)
{
    QProcess p;
    p.setProgram(QStringLiteral(TROVE_CLI));
    p.setArguments(arguments);
    p.start();
    p.waitForStarted();
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    p.waitForFinished(600000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

CliResult runCliOnTerminal(const QStringList &arguments, const QByteArray &typed)
{
    auto quoted = [](QString word) { return QLatin1Char('\'') + word.replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\''); };
    QStringList command{quoted(QStringLiteral(TROVE_CLI))};
    for (const QString &a : arguments)
        command.append(quoted(a));
    QProcess p;
    p.start(QStringLiteral("script"), {QStringLiteral("-qec"), command.join(QLatin1Char(' ')), QStringLiteral("/dev/null")});
    p.waitForStarted();
    p.write(typed);
    p.closeWriteChannel();
    p.waitForFinished(600000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

} // namespace testing
