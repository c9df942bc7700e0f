#pragma once

#include <QByteArray>
#include <QFile>
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

} // namespace testing
