#include "TreeDiff.h"

#include "RemotePath.h"
#include "Repository.h"

#include <functional>

namespace trove {

QString DiffEntry::changeName(Change c)
{
    switch (c) {
    case Change::Added: return QStringLiteral("added");
    case Change::Removed: return QStringLiteral("removed");
    case Change::Modified: break;
    }
    return QStringLiteral("modified");
}

namespace {

QList<Hash> contentOf(Repository &repo, const TreeEntry &file)
{
    QList<Hash> hashes;
    for (const Ref &r : repo.chunksOf(file))
        hashes.append(r.hash);
    return hashes;
}

bool sameContent(Repository &repo, const TreeEntry &a, const TreeEntry &b)
{
    if (a.size != b.size)
        return false;
    if (!a.chunkList.isNull() && !b.chunkList.isNull() && a.chunkList.hash == b.chunkList.hash)
        return true;
    return contentOf(repo, a) == contentOf(repo, b);
}

} // namespace

QList<DiffEntry> diffTrees(Repository &repo, const Ref &from, const Ref &to)
{
    QList<DiffEntry> out;
    std::function<void(const TreeEntry &, const QString &, DiffEntry::Change)> all =
        [&](const TreeEntry &e, const QString &path, DiffEntry::Change change) {
            if (!e.isDir()) {
                const bool added = change == DiffEntry::Change::Added;
                out.append({path, change, added ? 0 : e.size, added ? e.size : 0});
                return;
            }
            for (const TreeEntry &child : repo.readTree(e.subtree)->entries)
                all(child, remotepath::join(path, child.name), change);
        };
    std::function<void(const Ref &, const Ref &, const QString &)> walk = [&](const Ref &a, const Ref &b, const QString &dir) {
        if (a.hash == b.hash)
            return;
        const TreePtr pa = repo.readTree(a), pb = repo.readTree(b);
        const Tree &ta = *pa, &tb = *pb;
        int i = 0, j = 0;
        while (i < ta.entries.size() || j < tb.entries.size()) {
            const TreeEntry *ea = i < ta.entries.size() ? &ta.entries[i] : nullptr;
            const TreeEntry *eb = j < tb.entries.size() ? &tb.entries[j] : nullptr;
            if (eb == nullptr || (ea && ea->name < eb->name)) {
                all(*ea, remotepath::join(dir, ea->name), DiffEntry::Change::Removed);
                ++i;
            } else if (ea == nullptr || eb->name < ea->name) {
                all(*eb, remotepath::join(dir, eb->name), DiffEntry::Change::Added);
                ++j;
            } else {
                const QString path = remotepath::join(dir, ea->name);
                if (ea->isDir() && eb->isDir()) {
                    walk(ea->subtree, eb->subtree, path);
                } else if (ea->isDir() != eb->isDir()) {
                    all(*ea, path, DiffEntry::Change::Removed);
                    all(*eb, path, DiffEntry::Change::Added);
                } else if (!sameContent(repo, *ea, *eb)) {
                    out.append({path, DiffEntry::Change::Modified, ea->size, eb->size});
                }
                ++i;
                ++j;
            }
        }
    };
    walk(from, to, QString());
    std::sort(out.begin(), out.end(), [](const DiffEntry &x, const DiffEntry &y) { return x.path < y.path; });
    return out;
}

} // namespace trove
