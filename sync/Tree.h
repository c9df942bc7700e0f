#pragma once

#include "Ref.h"

#include <QList>
#include <QString>
#include <memory>
#include <optional>

namespace trove {

struct TreeEntry
{
    enum class Kind { File = 0, Dir = 1 };

    QString name;
    Kind kind = Kind::File;
    qint64 size = 0;      // file: bytes; dir: bytes of all files below
    qint64 mtimeMs = 0;   // milliseconds since the Unix epoch, UTC
    quint32 mode = 0644;
    qint64 fileCount = 0; // dir: files below (lets v1's file limit be checked at the root)
    // A file's content is its chunks in order, inline or (when many) in a chunk-list blob.
    QList<Ref> chunks;
    Ref chunkList;
    Ref subtree; // dir

    bool isDir() const { return kind == Kind::Dir; }
};

// One directory: entries sorted by name (byte order of UTF-8), names unique.
struct Tree
{
    QList<TreeEntry> entries;

    // Index of `name`, or -1.
    int find(const QString &name) const;
    const TreeEntry *entry(const QString &name) const;
    void upsert(TreeEntry entry);
    bool erase(const QString &name);

    QByteArray encode() const;
    static Tree decode(const QByteArray &bytes, const QString &what); // throws Corrupt
};

// Trees are shared, never modified once read: the cache and every reader hold the same one.
using TreePtr = std::shared_ptr<const Tree>;

namespace chunklist {
// Files with more chunks than this keep them in a separate blob, so a tree of many large
// files stays small to list.
constexpr int InlineLimit = 32;
QByteArray encode(const QList<Ref> &chunks);
QList<Ref> decode(const QByteArray &bytes, const QString &what);
} // namespace chunklist

} // namespace trove
