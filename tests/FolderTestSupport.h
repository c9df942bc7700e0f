#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QString>
#include <cstdio>
#include <utility>

namespace testing {

// rename(2), which replaces the target as an editor's save does (QFile::rename does not).
inline bool renameOver(const QString &from, const QString &to)
{
    return ::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
}

// Sets a /proc/sys value until reset() or destruction (needs root).
class SysctlOverride
{
public:
    SysctlOverride(const QString &path, const QByteArray &value) : m_file(path)
    {
        if (!m_file.open(QIODevice::ReadWrite))
            return;
        m_old = m_file.readAll().trimmed();
        m_file.seek(0);
        m_ok = m_file.write(value + '\n') > 0 && m_file.flush();
    }
    ~SysctlOverride() { reset(); }
    SysctlOverride(const SysctlOverride &) = delete;
    SysctlOverride &operator=(const SysctlOverride &) = delete;

    void reset()
    {
        if (std::exchange(m_ok, false)) {
            m_file.seek(0);
            m_file.write(m_old + '\n');
            m_file.flush();
        }
    }
    bool ok() const { return m_ok; }

private:
    QFile m_file;
    QByteArray m_old;
    bool m_ok = false;
};

// Runs `testFunction` of this test executable again in a user namespace of its own whose
// limit on inotify watches is `limit`, with TROVE_TEST_WATCH_LIMIT set: the limit is the
// namespace's, so nothing else on the machine feels it. The child's exit status (0: passed),
// or -1 when user namespaces are not available.
inline int runWithWatchLimit(int limit, const QString &testFunction)
{
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TROVE_TEST_WATCH_LIMIT"), QString::number(limit));
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.start(QStringLiteral("unshare"),
                {QStringLiteral("--user"), QStringLiteral("--map-root-user"), QStringLiteral("sh"), QStringLiteral("-c"),
                 QStringLiteral("echo \"$TROVE_TEST_WATCH_LIMIT\" > /proc/sys/user/max_inotify_watches || exit 77; exec \"$0\" \"$1\""),
                 QCoreApplication::applicationFilePath(), testFunction});
    if (!child.waitForFinished(300000) || child.exitStatus() != QProcess::NormalExit)
        return -1;
    return child.exitCode() == 77 ? -1 : child.exitCode();
}

inline bool inWatchLimitChild() { return qEnvironmentVariableIsSet("TROVE_TEST_WATCH_LIMIT"); }

} // namespace testing
