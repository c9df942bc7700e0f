#include "OpenFiles.h"

#include "FileDescriptor.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <algorithm>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace trove {
namespace {

struct DirCloser
{
    void operator()(DIR *dir) const { closedir(dir); }
};
using DirHandle = std::unique_ptr<DIR, DirCloser>;

// A small file of /proc (its size reads as 0, so it is read to the end); empty if unreadable.
QByteArray readProcFile(const QByteArray &path)
{
    const FileDescriptor fd(::open(path.constData(), O_RDONLY | O_CLOEXEC));
    QByteArray text;
    char buffer[512];
    ssize_t got = 0;
    while (fd.isValid() && (got = ::read(fd.get(), buffer, sizeof buffer)) > 0)
        text.append(buffer, got);
    return text;
}

// The "flags:" line of /proc/<pid>/fdinfo/<fd>, in octal.
bool isOpenForWriting(const QByteArray &fdinfo)
{
    for (const QByteArray &line : fdinfo.split('\n')) {
        if (line.startsWith("flags:")) {
            const int accessMode = int(line.mid(6).trimmed().toUInt(nullptr, 8) & O_ACCMODE);
            return accessMode == O_WRONLY || accessMode == O_RDWR;
        }
    }
    return false;
}

bool isNumber(const char *name)
{
    return *name && std::all_of(name, name + strlen(name), [](char c) { return c >= '0' && c <= '9'; });
}

// What process `pid` holds open under `canonicalPrefix` ("/canonical/folder/"), relative to it.
void collectOpenFiles(const QByteArray &pid, const QByteArray &canonicalPrefix, const QString &shownPrefix,
                      QList<OpenFile> &found)
{
    const QByteArray procDir = "/proc/" + pid;
    const DirHandle fds(opendir(procDir + "/fd"));
    if (!fds)
        return; // another user's process, or one that has exited
    QHash<QString, qsizetype> seen; // path -> index in `found`, one entry per file
    QString process;
    char target[PATH_MAX];
    while (const dirent *entry = readdir(fds.get())) {
        if (!isNumber(entry->d_name))
            continue;
        const ssize_t length = readlinkat(dirfd(fds.get()), entry->d_name, target, sizeof target);
        if (length <= 0 || !QByteArrayView(target, length).startsWith(canonicalPrefix))
            continue;
        struct stat info;
        const QByteArray link = procDir + "/fd/" + entry->d_name;
        if (stat(link.constData(), &info) != 0 || !S_ISREG(info.st_mode) || info.st_nlink == 0)
            continue;
        const bool writing = isOpenForWriting(readProcFile(procDir + "/fdinfo/" + entry->d_name));
        const QString path = shownPrefix + QFile::decodeName(QByteArray(target, length).mid(canonicalPrefix.size()));
        const auto known = seen.constFind(path);
        if (known != seen.constEnd()) {
            found[*known].forWriting = found[*known].forWriting || writing;
            continue;
        }
        if (process.isNull())
            process = QString::fromUtf8(readProcFile(procDir + "/comm").trimmed());
        seen.insert(path, found.size());
        found.append(OpenFile{path, pid.toLongLong(), process, writing});
    }
}

QString withSlash(const QString &folder)
{
    return folder.endsWith(QLatin1Char('/')) ? folder : folder + QLatin1Char('/');
}

} // namespace

QList<OpenFile> openFilesUnder(const QString &folder)
{
    const QString canonical = QFileInfo(folder).canonicalFilePath();
    if (canonical.isEmpty())
        return {};
    const QByteArray canonicalPrefix = QFile::encodeName(withSlash(canonical));
    const QString shownPrefix = withSlash(QDir::cleanPath(QFileInfo(folder).absoluteFilePath()));
    const QByteArray self = QByteArray::number(qint64(getpid()));

    QList<OpenFile> found;
    const DirHandle proc(opendir("/proc"));
    if (!proc)
        return found;
    while (const dirent *entry = readdir(proc.get())) {
        if (isNumber(entry->d_name) && self != entry->d_name)
            collectOpenFiles(entry->d_name, canonicalPrefix, shownPrefix, found);
    }
    std::sort(found.begin(), found.end(), [](const OpenFile &a, const OpenFile &b) {
        return a.path != b.path ? a.path < b.path : a.pid < b.pid;
    });
    return found;
}

QString describeOpenFiles(const QList<OpenFile> &files, const QString &folder, int max)
{
    QStringList prefixes = {withSlash(QDir::cleanPath(QFileInfo(folder).absoluteFilePath()))};
    if (const QString canonical = QFileInfo(folder).canonicalFilePath(); !canonical.isEmpty())
        prefixes.append(withSlash(canonical));
    const auto relative = [&](const QString &path) {
        for (const QString &candidate : {path, QFileInfo(path).canonicalFilePath()}) {
            for (const QString &prefix : prefixes) {
                if (!candidate.isEmpty() && candidate.startsWith(prefix))
                    return candidate.mid(prefix.size());
            }
        }
        return path;
    };
    const qsizetype shown = std::min<qsizetype>(std::max(max, 1), files.size());
    QStringList parts;
    for (qsizetype i = 0; i < shown; ++i) {
        const OpenFile &file = files[i];
        QStringList details;
        if (!file.process.isEmpty())
            details.append(file.process);
        details.append(QStringLiteral("pid %1").arg(file.pid));
        if (file.forWriting)
            details.append(QStringLiteral("writing"));
        parts.append(QStringLiteral("%1 (%2)").arg(relative(file.path), details.join(QStringLiteral(", "))));
    }
    QString text = parts.join(QStringLiteral(", "));
    if (files.size() > shown)
        text += QStringLiteral(" and %1 more").arg(files.size() - shown);
    return text;
}

} // namespace trove
