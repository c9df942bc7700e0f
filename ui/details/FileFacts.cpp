#include "FileFacts.h"

#include "Error.h"
#include "FileReader.h"
#include "RemotePath.h"
#include "Repository.h"

#include <QSet>
#include <functional>

namespace trove::ui::filefacts {

namespace {

// Calls `visit` for every file below `root` until it returns false; false when stopped.
bool walkFiles(Repository &repo, const Ref &root, const QString &prefix, const std::function<bool(const QString &, const TreeEntry &)> &visit)
{
    const TreePtr tree = repo.readTree(root);
    for (const TreeEntry &e : tree->entries) {
        const QString path = prefix.isEmpty() ? e.name : prefix + QLatin1Char('/') + e.name;
        if (e.isDir() ? !walkFiles(repo, e.subtree, path, visit) : !visit(path, e))
            return false;
    }
    return true;
}

bool sameContent(const std::optional<TreeEntry> &a, const std::optional<TreeEntry> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    if (!a)
        return true;
    if (a->isDir() != b->isDir() || a->size != b->size)
        return false;
    return a->chunkList.isNull() && b->chunkList.isNull() ? a->chunks == b->chunks : a->chunkList.hash == b->chunkList.hash;
}

} // namespace

bool isSafetensors(const QString &path) { return path.endsWith(QStringLiteral(".safetensors"), Qt::CaseInsensitive); }

Sharing sharing(Repository &repo, const VolumeInfo &volume, const Ref &root, const QString &path, const QList<Ref> &chunks,
                const CancelFlag &cancel)
{
    QHash<QByteArray, qint64> own; // chunk hash -> length; found chunks leave it
    for (const Ref &r : chunks)
        own.insert(r.hash.raw(), r.length);
    Sharing result;
    qint64 *counter = &result.inVolume;
    auto visit = [&](const QString &filePath, const TreeEntry &e) {
        if (cancel->load() || ++result.filesScanned > MaxFilesScanned) {
            result.stoppedEarly = true;
            return false;
        }
        if (filePath == path && counter == &result.inVolume)
            return true;
        for (const Ref &r : repo.chunksOf(e)) {
            const auto it = own.constFind(r.hash.raw());
            if (it != own.constEnd()) {
                *counter += it.value();
                own.erase(it);
            }
        }
        return !own.isEmpty();
    };
    const auto keepGoing = [&] { return !result.stoppedEarly && !own.isEmpty(); };
    walkFiles(repo, root, {}, visit);
    result.inStore = result.inVolume;
    counter = &result.inStore;
    for (const VolumeInfo &other : repo.registry().list()) {
        if (!keepGoing())
            break;
        if (other.id == volume.id)
            continue;
        const VersionRecord newest = VersionLog(repo.store(), other.id).newest().record;
        if (newest.version > 0)
            walkFiles(repo, newest.root, {}, visit);
    }
    return result;
}

safetensors::FileHeader headerAt(const std::shared_ptr<Repository> &repo, const Ref &root, const QString &path)
{
    const std::optional<TreeEntry> entry = repo->lookup(root, remotepath::normalize(path));
    if (!entry || entry->isDir())
        fail(Error::Kind::NotFound, QStringLiteral("'%1' is not a file in this version").arg(path));
    FileReader reader(repo, *entry);
    return safetensors::readHeader(reader);
}

FileHistory history(Repository &repo, const VolumeInfo &volume, qint64 upToVersion, const QString &path, const CancelFlag &cancel)
{
    VersionLog log(repo.store(), volume.id);
    FileHistory result;
    const QString normalized = remotepath::normalize(path);
    std::optional<TreeEntry> newer = repo.lookup(log.read(upToVersion).root, normalized);
    for (qint64 v = upToVersion; v >= 1; --v) {
        if (cancel->load() || ++result.versionsScanned > MaxVersionsScanned) {
            result.stoppedEarly = true;
            break;
        }
        std::optional<TreeEntry> older;
        if (v > 1) {
            try {
                older = repo.lookup(log.read(v - 1).root, normalized);
            } catch (const Error &e) {
                if (e.kind() != Error::Kind::NotFound)
                    throw;
            }
        }
        if (!sameContent(older, newer))
            result.changedIn.append(v);
        newer = std::move(older);
    }
    return result;
}

} // namespace trove::ui::filefacts
